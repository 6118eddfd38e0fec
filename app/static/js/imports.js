// Import progress (app/imports/views.py): poll the batch's progress and move the
// bar; reload the page when the job has finished so the verdicts appear.
$(function () {
  var box = $("#import-progress");
  if (!box.length) { return; }
  var bar = box.find(".progress-bar");
  function show(percent) {
    bar.css("width", percent + "%").attr("aria-valuenow", percent).text(percent + "%");
  }
  function poll() {
    $.getJSON(box.data("url")).done(function (state) {
      show(state.percent || 0);
      if (state.finished) {
        show(100);
        setTimeout(function () { window.location.reload(); }, 400);
      } else {
        setTimeout(poll, 500);
      }
    }).fail(function () { setTimeout(poll, 1500); });
  }
  poll();
});
