"""The map as a picture: SVG (vector, text kept as text) and PNG (print resolution).

A coordinator takes the map to a meeting or a report.  The picture is drawn
from the same fixed positions as the interactive map
(:func:`network.present.map.layout.compute_layout`, seeded) and the same colours
(:mod:`network.present.map.data`), with the legend and the filters written under it.

Labels follow a level-of-detail rule: organisations are labelled from the
largest (most central) down, and a label is left out when it would overlap
one already placed, so the picture never shows a heap of names.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("a", "b")])
>>> nx.set_node_attributes(G, {"a": "みやぎ連携復興センター", "b": "<B & co>"}, "name")
>>> nx.set_node_attributes(G, "npo", "sector")
>>> svg = to_svg(scene(G, lang="ja"), ["期間: すべて"])
>>> svg.startswith("<?xml") and "みやぎ連携復興センター" in svg and "&lt;B &amp; co&gt;" in svg
True
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Hashable, Iterable, Mapping
from xml.sax.saxutils import escape

import networkx as nx

from network.present.map.layout import compute_layout
from network.present.map.style import group_colours, group_label, group_order, map_text, node_sizes

__all__ = ["scene", "to_svg", "to_png", "japanese_font", "text_width"]

#: Drawing area of the picture, in CSS pixels (the PNG is drawn at ``scale`` times this).
WIDTH, HEIGHT = 1600, 1100
MARGIN = 40
LABEL_FONT = 13.0


def text_width(text: str, size: float) -> float:
    """Approximate width of ``text`` in pixels: full-width characters 1 em, others 0.6 em.

    >>> text_width("ab", 10), text_width("連携", 10)
    (12.0, 20.0)
    """
    return float(sum(size if unicodedata.east_asian_width(c) in "WF" else 0.6 * size for c in text))


def _clean(text: object) -> str:
    """Text safe in XML 1.0 and on a picture: control characters become U+FFFD."""
    return "".join(
        c if (c.isprintable() or c == " ") and not (0xD800 <= ord(c) <= 0xDFFF) else "\ufffd" for c in str(text)
    )


def scene(
    G: nx.Graph,
    *,
    colour_by: str = "sector",
    size_by: Mapping[Hashable, float] | None = None,
    highlight: Iterable[Hashable] = (),
    highlight_edges: Iterable[tuple[Hashable, Hashable]] = (),
    lang: str = "ja",
    seed: int = 42,
    width: int = WIDTH,
    height: int = HEIGHT,
    max_labels: int = 400,
    size_title: str | None = None,
) -> dict:
    """Everything a picture shows, in picture coordinates.

    Parameters
    ----------
    G : graph of the current view (nodes with ``name`` and the ``colour_by`` attribute).
    colour_by : node attribute giving the colour (``sector``, ``district``, ``community``).
    size_by : node → measure; the node's area grows with it.
    highlight, highlight_edges : nodes and ties drawn emphasised (a path between two organisations).
    lang : language of the legend.
    seed : layout seed (the interactive map uses the same one).
    width, height : drawing area in pixels.
    max_labels : labels placed at most (largest nodes first, never overlapping).
    size_title : what the size means (the measure's name), written after the legend's heading.

    Returns
    -------
    dict
        ``width``, ``height``, ``nodes`` (``x``, ``y``, ``r``, ``fill``, ``hl``), ``edges``
        (``x1``…``y2``, ``hl``), ``labels`` (``x``, ``y``, ``text``, ``size``), ``legend``
        (colour, text), ``title`` (the legend's heading).
    """
    nodes = list(G)
    pos = compute_layout(G, seed=seed)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    k = min((width - 2 * MARGIN) / span_x, (height - 2 * MARGIN) / span_y)
    ox = MARGIN + (width - 2 * MARGIN - span_x * k) / 2 - min(xs) * k
    oy = MARGIN + (height - 2 * MARGIN - span_y * k) / 2 - min(ys) * k
    at = {v: (pos[v][0] * k + ox, pos[v][1] * k + oy) for v in nodes}
    radius = {v: r * 0.45 for v, r in node_sizes(nodes, size_by, lo=6.0, hi=26.0).items()}
    values = {v: G.nodes[v].get(colour_by) for v in nodes}
    colours = group_colours(colour_by, values.values())
    hl = set(highlight)
    hl_edges = {frozenset(e) for e in highlight_edges}
    edges = []
    seen: set = set()
    for u, v in G.edges():
        key = frozenset((u, v))
        if u == v or key in seen:
            continue
        seen.add(key)
        (x1, y1), (x2, y2) = at[u], at[v]
        edges.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "hl": key in hl_edges})
    edges.sort(key=lambda e: e["hl"])  # emphasised ties drawn last, on top
    drawn = [
        {"id": v, "x": at[v][0], "y": at[v][1], "r": radius[v], "fill": colours[values[v]], "hl": v in hl}
        for v in nodes
    ]
    labels = _place_labels(G, drawn, max_labels)
    legend = [(colours[val], group_label(colour_by, val, lang)) for val in sorted(colours, key=group_order)]
    title = map_text("sector" if colour_by == "sector" else "community" if colour_by == "community" else "area", lang)
    if size_by and size_title:
        title += "  (" + map_text("size_means", lang).format(measure=size_title) + ")"
    return {
        "width": width,
        "height": height,
        "nodes": drawn,
        "edges": edges,
        "labels": labels,
        "legend": legend,
        "title": title,
    }


def _place_labels(G: nx.Graph, drawn: list[dict], max_labels: int) -> list[dict]:
    """Greedy level of detail: biggest (and emphasised) nodes first, no two labels overlapping."""
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for d in sorted(drawn, key=lambda d: (not d["hl"], -d["r"], str(d["id"]))):
        if len(out) >= max_labels:
            break
        text = _clean(G.nodes[d["id"]].get("name") or d["id"])
        size = LABEL_FONT + (2.0 if d["hl"] else 0.0) + min(d["r"] / 3, 5.0)
        w = text_width(text, size)
        box = (d["x"] - w / 2, d["y"] + d["r"] + 2, d["x"] + w / 2, d["y"] + d["r"] + 2 + size * 1.2)
        if any(not (box[2] < p[0] or box[0] > p[2] or box[3] < p[1] or box[1] > p[3]) for p in placed):
            continue
        placed.append(box)
        out.append({"x": d["x"], "y": box[1] + size, "text": text, "size": round(size, 1)})
    return out


def legend_height(s: dict, caption: list[str]) -> float:
    rows = math.ceil(len(s["legend"]) / 4) if s["legend"] else 0
    return 30 + rows * 24 + len(caption) * 20 + 20


def to_svg(s: dict, caption: list[str], *, font: str = "Noto Sans JP, IPAexGothic, sans-serif") -> str:
    """The scene as an SVG document; the legend and the ``caption`` lines (filters) under the drawing.

    Every text is XML-escaped text (never markup); Japanese stays text, searchable in the file.
    """
    w, h = s["width"], s["height"]
    total = h + legend_height(s, caption)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{total:.0f}" '
        f'viewBox="0 0 {w} {total:.0f}" font-family="{escape(font)}">',
        f'<rect width="{w}" height="{total:.0f}" fill="#ffffff"/>',
        '<g id="ties">',
    ]
    for e in s["edges"]:
        stroke, sw = ("#B00020", 3.5) if e["hl"] else ("#9a9a9a", 0.8)
        out.append(
            f'<line x1="{e["x1"]:.1f}" y1="{e["y1"]:.1f}" x2="{e["x2"]:.1f}" y2="{e["y2"]:.1f}" '
            f'stroke="{stroke}" stroke-width="{sw}" stroke-opacity="{1 if e["hl"] else 0.6}"/>'
        )
    out.append('</g><g id="organisations">')
    for d in s["nodes"]:
        stroke, sw = ("#B00020", 3) if d["hl"] else ("#333333", 0.8)
        out.append(
            f'<circle cx="{d["x"]:.1f}" cy="{d["y"]:.1f}" r="{d["r"]:.1f}" fill="{d["fill"]}" '
            f'stroke="{stroke}" stroke-width="{sw}"/>'
        )
    out.append('</g><g id="labels" text-anchor="middle" fill="#111111">')
    for lab in s["labels"]:
        out.append(
            f'<text x="{lab["x"]:.1f}" y="{lab["y"]:.1f}" font-size="{lab["size"]}" '
            f'paint-order="stroke" stroke="#ffffff" stroke-width="3">{escape(lab["text"])}</text>'
        )
    out.append('</g><g id="legend" font-size="14" fill="#111111">')
    y = h + 24
    out.append(f'<text x="{MARGIN}" y="{y}" font-weight="bold">{escape(_clean(s["title"]))}</text>')
    for i, (colour, text) in enumerate(s["legend"]):
        row, col = divmod(i, 4)
        x, yy = MARGIN + col * (w - 2 * MARGIN) / 4, y + 24 + row * 24
        out.append(f'<circle cx="{x + 7}" cy="{yy - 5}" r="7" fill="{colour}" stroke="#333333" stroke-width="0.8"/>')
        out.append(f'<text x="{x + 20}" y="{yy}">{escape(_clean(text))}</text>')
    y += 24 + math.ceil(len(s["legend"]) / 4) * 24
    for line in caption:
        out.append(f'<text x="{MARGIN}" y="{y}" fill="#444444">{escape(_clean(line))}</text>')
        y += 20
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def japanese_font() -> str | None:
    """Path of a font with Japanese glyphs: ``RENKEI_FONT``, else one shipped in an installed package.

    Noto Sans CJK JP from the ``noto-cjk-sans-jp-regular`` dependency first (the PDFs' font), then
    IPAex Gothic where ``matplotlib_fontja`` or ``japanize_matplotlib`` is installed; ``None`` when none is.
    """
    import importlib.util
    import os
    from pathlib import Path

    env = os.environ.get("RENKEI_FONT")
    if env and Path(env).is_file():
        return env
    try:  # Noto Sans CJK JP (SIL Open Font License), the font of the PDF letters and reports
        from network.survey.fonts import font_path

        if Path(font_path()).is_file():
            return font_path()
    except ImportError:
        pass
    for package in ("matplotlib_fontja", "japanize_matplotlib"):
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        for root in spec.submodule_search_locations:
            for pattern in ("**/*.ttf", "**/*.otf", "**/*.ttc"):
                found = sorted(Path(root).glob(pattern))
                if found:
                    return str(found[0])
    return None


def to_png(s: dict, caption: list[str], *, scale: float = 2.0) -> bytes:
    """The scene as a PNG, ``scale`` times its pixel size (2 = about 200 dpi on A4 landscape).

    Drawn with Pillow and a Japanese font shipped in a Python package (:func:`japanese_font`),
    so names are readable glyphs, not boxes, on a machine without system fonts.
    """
    import io

    from PIL import Image, ImageDraw, ImageFont

    from network.errors import RenkeiError

    path = japanese_font()
    if path is None:
        raise RenkeiError(
            "no Japanese font installed for PNG pictures: pip install noto-cjk-sans-jp-regular "
            "(or set RENKEI_FONT) / PNG に使う日本語フォントがありません"
        )

    def font(size: float) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(path, max(1, round(size * scale)))

    w, h = s["width"], s["height"]
    total = h + legend_height(s, caption)
    img = Image.new("RGB", (round(w * scale), round(total * scale)), "white")
    d = ImageDraw.Draw(img)

    def p(x: float, y: float) -> tuple[float, float]:
        return x * scale, y * scale

    for e in s["edges"]:
        d.line(
            [p(e["x1"], e["y1"]), p(e["x2"], e["y2"])],
            fill="#B00020" if e["hl"] else "#b4b4b4",
            width=max(1, round((3.5 if e["hl"] else 0.8) * scale)),
        )
    for n in s["nodes"]:
        r = n["r"]
        d.ellipse(
            [p(n["x"] - r, n["y"] - r), p(n["x"] + r, n["y"] + r)],
            fill=n["fill"],
            outline="#B00020" if n["hl"] else "#333333",
            width=max(1, round((3 if n["hl"] else 0.8) * scale)),
        )
    for lab in s["labels"]:
        d.text(
            p(lab["x"], lab["y"]),
            lab["text"],
            font=font(lab["size"]),
            fill="#111111",
            anchor="ms",
            stroke_width=max(1, round(1.5 * scale)),
            stroke_fill="white",
        )
    y = h + 24
    d.text(p(MARGIN, y), _clean(s["title"]), font=font(15), fill="#111111", anchor="ls")
    for i, (colour, text) in enumerate(s["legend"]):
        row, col = divmod(i, 4)
        x, yy = MARGIN + col * (w - 2 * MARGIN) / 4, y + 24 + row * 24
        d.ellipse([p(x, yy - 12), p(x + 14, yy + 2)], fill=colour, outline="#333333")
        d.text(p(x + 20, yy), _clean(text), font=font(14), fill="#111111", anchor="ls")
    y += 24 + math.ceil(len(s["legend"]) / 4) * 24
    for line in caption:
        d.text(p(MARGIN, y), _clean(line), font=font(14), fill="#444444", anchor="ls")
        y += 20
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(round(96 * scale), round(96 * scale)))
    return buf.getvalue()
