// A choice whose options depend on another choice (Resource.depends_on): a chart's
// columns follow its dataset.  The page renders every option with its label; this
// keeps those the chosen parent value offers, and the current value if offered.
// The services refuse a value the chosen parent does not offer, with or without this.
(function () {
  "use strict";
  var me = document.currentScript;
  var deps = JSON.parse(me.getAttribute("data-dependent") || "{}");

  function narrow(select, allowed, labels) {
    var current = select.value;
    while (select.options.length) { select.remove(0); }
    select.add(new Option("", ""));
    allowed.forEach(function (value) {
      if (labels[value] !== undefined) { select.add(new Option(labels[value], value)); }
    });
    select.value = allowed.indexOf(current) >= 0 ? current : "";
    if (window.jQuery) { window.jQuery(select).trigger("change.select2"); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Object.keys(deps).forEach(function (name) {
      var select = document.getElementById(name);
      var parent = document.getElementById(deps[name].parent);
      if (!select || !parent) { return; }
      var labels = {};
      Array.prototype.forEach.call(select.options, function (o) { if (o.value) { labels[o.value] = o.text; } });
      var update = function () { narrow(select, deps[name].values[parent.value] || [], labels); };
      // Select2 announces a choice through jQuery's event system only.
      if (window.jQuery) { window.jQuery(parent).on("change", update); } else { parent.addEventListener("change", update); }
      update();
    });
  });
})();
