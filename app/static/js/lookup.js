// Type-ahead selects (app/core/lookup.py): Select2 4 asks the server for
// 20 matches at a time instead of the page carrying every related row.
$(function () {
  $("select.bianzhi-lookup").each(function () {
    var el = $(this);
    el.select2({
      theme: "bootstrap",
      allowClear: true,
      placeholder: el.data("placeholder") || "",
      ajax: {
        url: el.data("endpoint"),
        dataType: "json",
        delay: 250,
        data: function (params) { return {q: params.term || "", page: params.page || 1}; },
        processResults: function (data) { return {results: data.results, pagination: {more: data.more}}; }
      }
    });
  });
});
