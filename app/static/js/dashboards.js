/* The dashboards: each .bz-chart fetches its aggregated series (same origin) and
 * draws it with Apache ECharts (served by the app from its npm build).  A click on
 * a bar or a slice opens the list behind it (the chart's drill URL); PNG downloads
 * are drawn from the chart itself.  No inline script: the CSP allows none. */
(function () {
  "use strict";
  var charts = {};
  var NEAR = "#f0ad4e", AT = "#d9534f";

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }

  function meta(el, data) {
    var parts = [];
    if (data.unit) { parts.push(el.dataset.unitLabel + ": " + data.unit); }
    parts.push(el.dataset.asofLabel + " " + data.as_of);
    var box = document.getElementById("meta-" + el.id.replace(/^chart-/, ""));
    if (box) { box.textContent = parts.join(" · "); }
  }

  function usageTable(el, data) {
    var table = document.getElementById("usage-" + el.id.replace(/^chart-/, ""));
    if (!table) { return; }
    var body = table.querySelector("tbody");
    (data.usage || []).forEach(function (row) {
      var tr = document.createElement("tr");
      if (row.level === "at") { tr.className = "danger bz-at-cap"; }
      if (row.level === "near") { tr.className = "warning bz-near-cap"; }
      tr.appendChild(text("td", row.label));
      tr.appendChild(text("td", row.limit, "text-right"));
      tr.appendChild(text("td", row.used, "text-right"));
      tr.appendChild(text("td", row.percent + "%", "text-right"));
      body.appendChild(tr);
    });
  }

  function htmlTable(el, data) {
    var table = document.createElement("table");
    table.className = "table table-condensed table-striped";
    var head = document.createElement("tr");
    head.appendChild(text("th", ""));
    data.series.forEach(function (s) { head.appendChild(text("th", s.name, "text-right")); });
    table.appendChild(head);
    data.categories.forEach(function (cat, i) {
      var tr = document.createElement("tr");
      var first = document.createElement("td");
      if (data.drill[i]) {
        var a = text("a", cat);
        a.href = data.drill[i];
        first.appendChild(a);
      } else {
        first.textContent = cat;
      }
      tr.appendChild(first);
      data.series.forEach(function (s) { tr.appendChild(text("td", s.data[i], "text-right")); });
      table.appendChild(tr);
    });
    el.appendChild(table);
  }

  function option(data) {
    var kind = data.kind;
    var tooltip = {trigger: kind === "pie" ? "item" : "axis"};
    if (kind === "pie") {
      var first = data.series[0] || {data: []};
      return {tooltip: tooltip, legend: {type: "scroll", bottom: 0},
        series: [{type: "pie", radius: ["30%", "62%"], center: ["50%", "45%"],
          data: data.categories.map(function (c, i) { return {name: c, value: first.data[i]}; })}]};
    }
    var series = data.series.map(function (s, n) {
      var item = {name: s.name, type: kind === "line" ? "line" : "bar", data: s.data.slice()};
      if (kind === "stacked_bar") { item.stack = "total"; }
      if (kind === "usage" && n === 1) {  // the use, coloured by how near it is to its limit
        item.data = s.data.map(function (v, i) {
          var level = (data.usage[i] || {}).level;
          return level ? {value: v, itemStyle: {color: level === "at" ? AT : NEAR}} : v;
        });
      }
      return item;
    });
    return {tooltip: tooltip, legend: {type: "scroll", top: 0},
      grid: {left: 48, right: 16, top: 32, bottom: 64, containLabel: true},
      xAxis: {type: "category", data: data.categories, axisLabel: {interval: 0, rotate: data.categories.length > 6 ? 35 : 0}},
      yAxis: {type: "value"}, series: series};
  }

  function draw(el, data) {
    meta(el, data);
    el.dataset.categories = String(data.categories.length);
    if (!data.categories.length) {
      el.appendChild(text("p", el.dataset.empty, "text-muted text-center"));
    } else if (data.kind === "table") {
      htmlTable(el, data);
    } else if (data.kind === "number") {
      var total = (data.series[0] || {data: []}).data.reduce(function (a, b) { return a + b; }, 0);
      el.appendChild(text("div", total, "bz-number"));
    } else {
      var chart = echarts.init(el, null, {renderer: "canvas"});
      chart.setOption(option(data));
      chart.on("click", function (params) {
        var url = data.drill[params.dataIndex];
        if (url) { window.location.href = url; }
      });
      charts[el.id] = chart;
    }
    if (data.kind === "usage") { usageTable(el, data); }
    el.dataset.rendered = "1";
  }

  function load(el) {
    fetch(el.dataset.src, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) { draw(el, data); })
      .catch(function (err) { el.appendChild(text("p", String(err), "text-danger")); el.dataset.rendered = "error"; });
  }

  function png(button) {
    var chart = charts["chart-" + button.dataset.chart];
    if (!chart) { return; }
    var a = document.createElement("a");
    a.href = chart.getDataURL({type: "png", pixelRatio: 2, backgroundColor: "#fff"});
    a.download = button.dataset.chart + ".png";
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".bz-chart[data-src]"), load);
    Array.prototype.forEach.call(document.querySelectorAll(".bz-png"), function (b) {
      b.addEventListener("click", function () { png(b); });
    });
    window.addEventListener("resize", function () {
      Object.keys(charts).forEach(function (k) { charts[k].resize(); });
    });
  });
}());
