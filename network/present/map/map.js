// The map page's script (network/present/map/page.py inlines it): tooltips, click panel, profile links.
// Every text reaches the screen through textContent; nothing is parsed as HTML.
(function () {
  var data = JSON.parse(document.getElementById("renkei-data").textContent);
  var T = data.text;
  function box(rows) {
    var div = document.createElement("div");
    rows.forEach(function (r) {
      if (r[1] === undefined || r[1] === null || r[1] === "") { return; }
      var line = document.createElement("div");
      if (r[0]) { var k = document.createElement("b"); k.textContent = r[0] + ": "; line.appendChild(k); }
      var v = document.createElement("span"); v.textContent = String(r[1]); line.appendChild(v);
      div.appendChild(line);
    });
    return div;
  }
  function nodeRows(n) {
    if (n.rows) { return n.rows; }
    var rows = [["", n.n], [T.sector, T.sectors[n.s] || n.s], [T.kind, n.k], [T.area, n.a]];
    (n.m || []).forEach(function (v, i) { rows.push([(data.measureKeys || [])[i], v]); });
    return rows;
  }
  function edgeRows(e) {
    if (e.rows) { return e.rows; }
    var st = T.strengths[e.st] || e.st;
    return [[T.type, T.types[e.ty] || e.ty], [T.strength, e.st + " (" + st + ")"], [T.period, e.p]];
  }
  var byId = {};
  var nodes = data.nodes.map(function (n) {
    byId[n.id] = n;
    var o = {id: n.id, x: n.x, y: n.y, size: n.size, group: n.g, label: ""};
    if (n.hl) { Object.assign(o, n.hl); }
    return o;
  });
  var edgeData = {};
  var edges = data.edges.map(function (e, i) {
    edgeData[i] = e;
    var o = {id: i, from: e.f, to: e.t, width: e.w};
    if (e.d) { o.arrows = "to"; }
    if (e.hl) { o.color = {color: e.hl, highlight: e.hl}; o.width = e.w + 2; }
    return o;
  });
  var container = document.getElementById("renkei-map");
  var nodeSet = new vis.DataSet(nodes);
  var network = new vis.Network(container, {nodes: nodeSet, edges: new vis.DataSet(edges)}, data.options);
  window.network = network;
  window.renkeiMap.network = network;
  var physicsOn = !!(data.options.physics && data.options.physics.enabled);
  network.once("afterDrawing", function () {
    window.renkeiDrawn = performance.now();
    document.body.setAttribute("data-drawn", "1");
    placeLabels();
  });
  network.once("stabilized", function () {
    physicsOn = false;
    network.setOptions({physics: false});
    network.fit();
    placeLabels();
  });
  // Level of detail: labels are placed in data.labelOrder (the most central first) at a fixed size on
  // screen (n.fs pixels, larger for more central organisations); a label that would overlap one already
  // placed, or fall outside the view, is left out.  Zooming in spreads the organisations apart, so more
  // names fit: the rest appear on zoom.  Run again after every zoom, pan, resize and while physics moves.
  var order = (data.labelOrder || []).map(function (i) { return data.nodes[i]; });
  var face = ((data.options.nodes || {}).font || {}).face || "sans-serif";
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = "100px " + face;
  var widths = {}, current = {}, timer = null, lastPass = 0;
  window.renkeiLabels = {shown: 0, passes: 0, settled: false};
  function textWidth(text) {
    if (widths[text] === undefined) { widths[text] = measure.measureText(text).width / 100; }
    return widths[text];
  }
  function placeLabels() {
    lastPass = performance.now();
    var scale = network.getScale(), W = container.clientWidth, H = container.clientHeight;
    var pos = network.getPositions(), CELL = 96, PAD = 2, grid = {}, updates = [], shown = 0;
    function hits(b, add) {
      for (var i = Math.floor(b[0] / CELL); i <= Math.floor(b[2] / CELL); i++) {
        for (var j = Math.floor(b[1] / CELL); j <= Math.floor(b[3] / CELL); j++) {
          var key = i + "," + j, list = grid[key];
          if (add) { (grid[key] = list || []).push(b); continue; }
          if (!list) { continue; }
          for (var k = 0; k < list.length; k++) {
            var o = list[k];
            if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) { return true; }
          }
        }
      }
      return false;
    }
    var legendBox = document.getElementById("renkei-legend");
    if (legendBox) {  // the legend lies over the drawing: no name goes under it
      var r = legendBox.getBoundingClientRect(), c = container.getBoundingClientRect();
      hits([r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top], true);
    }
    order.forEach(function (n) {
      var p = pos[n.id], want = null;
      if (p && n.label) {
        var d = network.canvasToDOM(p), fs = n.fs || 13, w = textWidth(n.label) * fs;
        var top = d.y + (n.size + 4) * scale + 0.5 * fs;
        var b = [d.x - w / 2 - PAD, top - PAD, d.x + w / 2 + PAD, top + 1.2 * fs + PAD];
        if (b[0] >= 0 && b[2] <= W && b[1] >= 0 && b[3] <= H && !hits(b, false)) {  // whole, in view
          hits(b, true);
          want = Math.round(fs / scale * 100) / 100;
          shown++;
        }
      }
      if (current[n.id] !== want) {
        current[n.id] = want;
        updates.push(want === null ? {id: n.id, label: ""} : {id: n.id, label: n.label, font: {size: want}});
      }
    });
    if (updates.length) { nodeSet.update(updates); }
    var L = window.renkeiLabels;
    L.shown = shown; L.passes += 1; L.scale = scale; L.settled = !physicsOn;
  }
  function later() { clearTimeout(timer); timer = setTimeout(placeLabels, 150); }
  network.on("zoom", later);
  network.on("dragEnd", later);
  network.on("resize", later);
  network.on("afterDrawing", function () {  // while physics settles, follow the moving organisations
    if (physicsOn && performance.now() - lastPass > 400) { placeLabels(); }
  });
  window.renkeiPlaceLabels = placeLabels;
  var tip = document.getElementById("renkei-tip");
  function showTip(rows, p) {
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    tip.appendChild(box(rows));
    tip.style.left = (p.pointer.DOM.x + 14) + "px";
    tip.style.top = (p.pointer.DOM.y + 14) + "px";
    tip.style.display = "block";
  }
  function hideTip() { tip.style.display = "none"; }
  network.on("hoverNode", function (p) { showTip(nodeRows(byId[p.node]), p); });
  network.on("hoverEdge", function (p) { showTip(edgeRows(edgeData[p.edge]), p); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  var info = document.getElementById("renkei-info");
  network.on("click", function (p) {
    while (info.firstChild) { info.removeChild(info.firstChild); }
    if (!p.nodes.length) { info.style.display = "none"; return; }
    var n = byId[p.nodes[0]];
    info.appendChild(box(nodeRows(n)));
    var url = null, text = null;
    if (data.profileUrl && !n.rows) { url = data.profileUrl.replace("{id}", encodeURIComponent(n.id)); text = T.open; }
    if (data.groupUrl && n.rows && n.key !== undefined) {
      url = data.groupUrl.replace("{id}", encodeURIComponent(n.key)); text = T.openGroup;
    }
    if (url && inApp()) {
      var a = document.createElement("a");
      a.textContent = text;
      a.href = url;
      a.addEventListener("click", function (ev) { ev.preventDefault(); go(url); });
      info.appendChild(a);
    }
    info.style.display = "block";
  });
  network.on("doubleClick", function (p) {
    if (!p.nodes.length || !data.groupUrl || !inApp()) { return; }
    var n = byId[p.nodes[0]];
    if (n.rows && n.key !== undefined) { go(data.groupUrl.replace("{id}", encodeURIComponent(n.key))); }
  });
  // Inside the Streamlit app (a same-origin frame) links open a page of the app in the same tab and the
  // same session: the app's own history entry is pushed and its popstate handler switches the page, so the
  // language and the filters stay and the browser's back button returns to the map.
  function inApp() {
    try { return window.parent !== window && !!window.parent.history && !!window.parent.location.pathname; }
    catch (e) { return false; }
  }
  function go(url) {
    var P = window.parent;
    try {
      var base = P.location.pathname.replace(/[^\/]*$/, "");
      P.history.pushState(null, "", base + url);
      P.dispatchEvent(new PopStateEvent("popstate"));
    } catch (e) { window.top.location.href = url; }
  }
})();
