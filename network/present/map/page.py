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

__all__ = ["map_page", "vis_assets", "page_assets", "safe_json"]


@cache
def page_assets() -> tuple[str, str]:
    """The map page's own script and stylesheet (``map.js``, ``map.css`` beside this module), inlined.

    >>> js, css = page_assets()
    >>> "renkei-data" in js, "#renkei-map" in css
    (True, True)
    """
    here = Path(__file__).resolve().parent
    return (here / "map.js").read_text(encoding="utf-8"), (here / "map.css").read_text(encoding="utf-8")


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
    own_js, own_css = page_assets()
    n_nodes, n_edges = len(data["nodes"]), len(data["edges"])
    meta = {"nodeCount": n_nodes, "edgeCount": n_edges, "orgCount": n_orgs, "aggregated": aggregated}
    note_html = f'<div id="renkei-note" role="note">{_html.escape(note)}</div>' if note else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "ja"}"><head><meta charset="utf-8">'
        f"<title>Renkei map</title><style>{css}</style><style>{own_css}</style></head>"
        f'<body data-node-count="{n_nodes}">{note_html}<div id="renkei-wrap">'
        f'<div id="renkei-map" style="height:{_html.escape(height)}" data-node-count="{n_nodes}" '
        f'data-edge-count="{n_edges}" data-org-count="{n_orgs}" data-aggregated="{int(aggregated)}"></div>'
        f'{_legend(legend, legend_title, _size_key(size_legend))}<div id="renkei-info"></div><div id="renkei-tip"></div></div>'
        f'<script type="application/json" id="renkei-data">{safe_json(data)}</script>'
        f"<script>window.renkeiMap = {safe_json(meta)};</script>"
        f"<script>{js}</script><script>{own_js}</script></body></html>"
    )
