// A form whose fields depend on a choice (Resource.field_sets): show the fields the
// chosen value uses, hide the others, and send no value from a hidden field (a
// quota type typed for one kind of change must not ride along with another kind).
(function () {
  "use strict";
  var me = document.currentScript;
  var sets = JSON.parse(me.getAttribute("data-sets") || "{}");

  function row(name) {
    var input = document.getElementById(name);
    return input ? input.closest("tr") || input.closest(".form-group") : null;
  }

  function apply(selector, byValue) {
    var select = document.getElementById(selector);
    if (!select) { return; }
    var named = {};
    Object.keys(byValue).forEach(function (v) { byValue[v].forEach(function (c) { named[c] = true; }); });
    var shown = {};
    (byValue[select.value] || []).forEach(function (c) { shown[c] = true; });
    Object.keys(named).forEach(function (c) {
      var r = row(c);
      if (r) { r.hidden = select.value !== "" && !shown[c]; }
    });
  }

  function clearHidden(form) {
    form.querySelectorAll("tr[hidden] input, tr[hidden] select, tr[hidden] textarea").forEach(function (el) {
      if (el.type === "checkbox") { el.checked = false; } else { el.value = ""; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Object.keys(sets).forEach(function (selector) {
      var select = document.getElementById(selector);
      if (!select) { return; }
      var update = function () { apply(selector, sets[selector]); };
      // Select2 announces a choice through jQuery's event system only.
      if (window.jQuery) { window.jQuery(select).on("change", update); } else { select.addEventListener("change", update); }
      update();
      if (select.form) { select.form.addEventListener("submit", function () { clearHidden(select.form); }); }
    });
  });
})();
