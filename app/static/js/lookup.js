// Type-ahead selects (app/core/lookup.py): Select2 4 asks the server for
// 20 matches at a time instead of the page carrying every related row.
// Select2's texts come from the page (app/templates/bianzhi/base.html), translated
// there; set as defaults now, before any select (ours or FAB's) is initialised.
(function (texts) {
  if (!texts || !$.fn.select2) { return; }
  $.fn.select2.defaults.set("language", {
    noResults: function () { return texts.noResults; },
    searching: function () { return texts.searching; },
    loadingMore: function () { return texts.loadingMore; },
    errorLoading: function () { return texts.errorLoading; },
    removeAllItems: function () { return texts.removeAll; }
  });
})(document.currentScript && document.currentScript.dataset);

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
