"""The HTML page around a network map: inline vis-network, legend, tooltips, click panel.

:func:`map_page` wraps the compact data built by :mod:`network.present.map.data` into one
standalone document.  vis-network's script and stylesheet are the copies
shipped inside the ``pyvis`` package, inlined (no CDN, no request).  The data
travels as JSON in a ``<script type="application/json">`` block with ``<``,
``>`` and ``&`` escaped, and every text reaches the screen through
``textContent`` (tooltips and the click panel are built lazily, on hover or
click) or through ``html.escape`` (the legend) — never parsed as HTML.

Examples
--------
>>> page = map_page({"nodes": [], "edges": [], "options": {}}, [], "", height="300px", lang="en",
...                 n_orgs=0, aggregated=False)
>>> page.startswith("<!DOCTYPE html>") and 'data-node-count="0"' in page
True
"""

from __future__ import annotations

import html as _html
import json
import re
from functools import cache
from pathlib import Path

from network.labels import t

__all__ = ["map_page", "vis_assets", "safe_json"]


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet from the ``pyvis`` package (no CDN).

    The stylesheet's embedded icons (manipulation and navigation buttons, which
    the map does not use) are dropped: they are most of its 220 kB.
    """
    import pyvis

    base = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (base / "vis-network.min.js").read_text(encoding="utf-8")
    css = (base / "vis-network.css").read_text(encoding="utf-8")
    css = re.sub(r'url\("data:image/[^"]*"\)', "none", css)
    return js, css


def safe_json(data: object) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>`` or ``&`` survives as such.

    >>> safe_json({"name": "<img src=x>"})
    '{"name":"\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=str)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_JS = r"""
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
"""

_CSS = """
body { margin: 0; font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif; }
#renkei-wrap { position: relative; }
#renkei-map { width: 100%; border: 1px solid #ddd; background: #fff; }
#renkei-legend { position: absolute; top: 8px; left: 8px; background: rgba(255,255,255,.92);
  border: 1px solid #ccc; border-radius: 6px; padding: 6px 10px; font-size: 12px; max-width: 45%;
  max-height: 60%; overflow: auto; z-index: 5; }
#renkei-legend .sw { display: inline-block; width: 11px; height: 11px; margin-right: 6px; vertical-align: middle; }
#renkei-legend .dot { border-radius: 50%; }
#renkei-legend .ring { border-radius: 50%; background: #fff !important; border: 3px solid; width: 7px; height: 7px; }
#renkei-legend .diamond { transform: rotate(45deg); width: 9px; height: 9px; }
#renkei-legend .line { height: 3px; }
#renkei-legend .size-key { margin-top: 6px; padding-top: 4px; border-top: 1px solid #ddd; }
#renkei-legend .szrow { display: flex; align-items: center; gap: 4px; margin-top: 2px; }
#renkei-legend .szdot { display: inline-block; border-radius: 50%; background: #c8c8c8; border: 1px solid #666; }
#renkei-legend .szval { margin-right: 8px; }
#renkei-note { background: #fff4ce; border: 1px solid #e0c060; padding: 6px 10px; font-size: 13px; }
#renkei-info { display: none; position: absolute; top: 8px; right: 8px; background: #fff; border: 1px solid #999;
  border-radius: 6px; padding: 8px 12px; font-size: 13px; max-width: 40%; z-index: 6; }
#renkei-info a { display: inline-block; margin-top: 6px; }
#renkei-tip { display: none; position: absolute; background: #fffff4; border: 1px solid #888; border-radius: 4px;
  padding: 5px 8px; font-size: 12px; max-width: 320px; pointer-events: none; z-index: 7;
  box-shadow: 2px 2px 6px rgba(0,0,0,.2); }
"""


def _legend(legend: list[tuple[str, str, str]], title: str, size_key: str = "") -> str:
    if not legend and not size_key:
        return ""
    rows = []
    for colour, label, shape in legend:
        style = f"border-color:{colour}" if shape == "ring" else f"background:{colour}"
        rows.append(
            f'<div><span class="sw {_html.escape(shape)}" style="{_html.escape(style)}"></span>'
            f"{_html.escape(label)}</div>"
        )
    return f'<div id="renkei-legend"><b>{_html.escape(title)}</b>{"".join(rows)}{size_key}</div>'


def _size_key(size_legend: tuple[str, list[tuple[float, str]]] | None) -> str:
    """The node-size legend: the smallest and the largest dot (at most 22 px across) and their values."""
    if not size_legend:
        return ""
    title, dots = size_legend
    top = max(r for r, _ in dots) or 1.0
    cells = "".join(
        f'<span class="szdot" style="width:{d:.0f}px;height:{d:.0f}px"></span>'
        f'<span class="szval">{_html.escape(value)}</span>'
        for d, value in ((max(5.0, 22.0 * r / top), value) for r, value in dots)
    )
    return f'<div class="size-key"><div>{_html.escape(title)}</div><div class="szrow">{cells}</div></div>'


def map_page(
    data: dict,
    legend: list[tuple[str, str, str]],
    note: str,
    *,
    height: str,
    lang: str,
    n_orgs: int,
    aggregated: bool,
    legend_title: str | None = None,
    size_legend: tuple[str, list[tuple[float, str]]] | None = None,
) -> str:
    """The standalone HTML document for ``data`` (nodes, edges, options, text); ``legend_title``: 凡例 / Legend."""
    legend_title = t("map_legend", lang) if legend_title is None else legend_title
    js, css = vis_assets()
    n_nodes, n_edges = len(data["nodes"]), len(data["edges"])
    meta = {"nodeCount": n_nodes, "edgeCount": n_edges, "orgCount": n_orgs, "aggregated": aggregated}
    note_html = f'<div id="renkei-note" role="note">{_html.escape(note)}</div>' if note else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "ja"}"><head><meta charset="utf-8">'
        f"<title>Renkei map</title><style>{css}</style><style>{_CSS}</style></head>"
        f'<body data-node-count="{n_nodes}">{note_html}<div id="renkei-wrap">'
        f'<div id="renkei-map" style="height:{_html.escape(height)}" data-node-count="{n_nodes}" '
        f'data-edge-count="{n_edges}" data-org-count="{n_orgs}" data-aggregated="{int(aggregated)}"></div>'
        f'{_legend(legend, legend_title, _size_key(size_legend))}<div id="renkei-info"></div><div id="renkei-tip"></div></div>'
        f'<script type="application/json" id="renkei-data">{safe_json(data)}</script>'
        f"<script>window.renkeiMap = {safe_json(meta)};</script>"
        f"<script>{js}</script><script>{_JS}</script></body></html>"
    )
