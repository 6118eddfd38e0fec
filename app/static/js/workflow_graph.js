/* 流程图 (app/approval/workflow_graph.py): the workflow's states and transitions as an
   ECharts graph, from the JSON in #workflow-graph's data-graph; every label is the
   server's (state names, roles, conditions, countersigning divisions). */
(function () {
  "use strict";
  var el = document.getElementById("workflow-graph");
  if (!el || !window.echarts) { return; }
  var data = JSON.parse(el.getAttribute("data-graph"));
  var rolesLabel = el.getAttribute("data-roles-label");
  var colours = {initial: "#3c8dbc", step: "#5cb85c", final: "#777"};
  var nodes = data.nodes.map(function (n) {
    return {
      id: n.id, name: n.name, x: n.x, y: n.y, symbolSize: [150, 44], symbol: "roundRect",
      itemStyle: {color: colours[n.kind]},
      label: {show: true, color: "#fff", formatter: [n.name].concat(n.details).join("\n"), fontSize: 12},
      details: n.details
    };
  });
  var links = data.links.map(function (l) {
    var text = [l.name, rolesLabel + ": " + l.roles].concat(l.conditions).join("\n");
    return {
      source: l.source, target: l.target, name: l.name, text: text,
      lineStyle: {curveness: l.back ? -0.35 : 0.15, width: l.signoff ? 3 : 1.5, color: l.back ? "#d9534f" : "#555"},
      label: {show: true, formatter: text, fontSize: 11, color: "#333", backgroundColor: "rgba(255,255,255,0.85)"}
    };
  });
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: {formatter: function (p) {
      var text = p.dataType === "edge" ? p.data.text : [p.data.name].concat(p.data.details).join("\n");
      return echarts.format.encodeHTML(text).replace(/\n/g, "<br>");  // names are data: never HTML
    }},
    series: [{
      type: "graph", layout: "none", roam: true, edgeSymbol: ["none", "arrow"], edgeSymbolSize: 10,
      data: nodes, links: links, edgeLabel: {show: true}
    }]
  });
  el.setAttribute("data-rendered", String(nodes.length));
  window.addEventListener("resize", function () { chart.resize(); });
})();
