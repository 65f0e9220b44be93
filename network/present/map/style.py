"""How the map looks: colours, words, sizes and legends, shared by the page and the pictures.

:mod:`network.present.map.data` (the browser map) and :mod:`network.present.map.picture` (SVG, PNG)
draw the same view; the choices both make are here, once.

>>> group_colours("sector", ["npo"])["npo"] == SECTOR_COLOURS["npo"]
True
>>> [group_order(x) for x in (2, 10, "b")] < [group_order(x) for x in (3, 11, "c")]
True
>>> map_text("legend", "en"), short_name("とても長い団体名" * 5, 8)
('Legend', 'とても長い団体…')
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx

from network.labels import LABELS, t
from network.model import Sector

__all__ = [
    "SECTOR_COLOURS",
    "GROUP_COLOURS",
    "LABEL_LIMIT",
    "LABEL_FONT",
    "MAX_GROUPS",
    "SMALL_GROUPS",
    "map_text",
    "fold_small",
    "group_label",
    "community_names",
    "group_order",
    "group_colours",
    "value_text",
    "node_sizes",
    "short_name",
    "font_size",
    "label_order",
    "size_legend",
    "group_style",
]

#: Most labels a map places (the most central organisations first; the rest on zoom).
LABEL_LIMIT = 3000
#: Label font size on screen, in pixels, for the least and the most central organisation.
LABEL_FONT = (11.0, 18.0)
#: An aggregated map shows at most this many groups (the smallest are folded into one).
MAX_GROUPS = 60
SMALL_GROUPS = "__small__"

#: Okabe–Ito colour-blind-safe palette, one colour per sector.
SECTOR_COLOURS: dict[str, str] = {
    Sector.RESIDENTS_GROUP.value: "#E69F00",
    Sector.NPO.value: "#56B4E9",
    Sector.COMPANY.value: "#009E73",
    Sector.UNIVERSITY.value: "#F0E442",
    Sector.GOVERNMENT.value: "#0072B2",
    Sector.FOUNDATION.value: "#D55E00",
    Sector.INTERMEDIARY.value: "#CC79A7",
    Sector.OTHER.value: "#999999",
}
#: Twenty distinct colours for communities and districts: Okabe–Ito's seven, Paul Tol's nine
#: "muted" ones, then four more; every pair at least ΔE*ab 14 apart (tests/ui/test_palette.py).
GROUP_COLOURS = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#332288",
    "#117733",
    "#882255",
    "#999933",
    "#AA4499",
    "#44AA99",
    "#CC6677",
    "#DDCC77",
    "#88CCEE",
    "#663333",
    "#FFAABB",
    "#222222",
    "#BBBBBB",
]


def map_text(key: str, lang: str) -> str:
    """The map's word ``map_<key>`` from the vocabulary, or the measure ``key``'s name (one word per measure)."""
    own = f"map_{key}"
    return t(own if own in LABELS else key, lang)


def fold_small(membership: dict, keep: int = MAX_GROUPS) -> dict:
    """Keep the ``keep - 1`` largest groups; fold the rest into one group of small ones."""
    from collections import Counter

    sizes = Counter(membership.values())
    if len(sizes) <= keep:
        return membership
    kept = {g for g, _ in sizes.most_common(keep - 1)}
    return {v: (g if g in kept else SMALL_GROUPS) for v, g in membership.items()}


def group_label(attr: str, value: object, lang: str, names: Mapping | None = None) -> str:
    if value == SMALL_GROUPS:
        return map_text("small_groups", lang)
    if names and value in names:
        return str(names[value])
    if attr == "sector":
        try:
            return Sector(str(value)).label(lang)
        except ValueError:
            return str(value)
    if attr == "community":
        return map_text("group_community", lang).format(g=value)
    return "" if value is None else str(value)


def community_names(G: nx.Graph, membership: Mapping[Hashable, object], lang: str, *, names: int = 2) -> dict:
    """Community → a label from its best-connected members' names: 「A・Bほか24団体」, not "community 3".

    Members are ranked by their number of ties in ``G`` (then by id), as the report names
    communities (:func:`network.present.groups.community_text`).

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("d", "e")])
    >>> nx.set_node_attributes(G, {"a": "甲", "b": "乙", "c": "丙", "d": "丁", "e": "戊"}, "name")
    >>> community_names(G, {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1}, "ja")
    {0: '乙・甲ほか1団体', 1: '丁・戊'}
    """
    from network.present.groups import community_text

    members: dict[object, list] = {}
    for v, g in membership.items():
        if g is not None and g != SMALL_GROUPS and v in G:
            members.setdefault(g, []).append(v)
    out = {}
    for g, vs in members.items():
        top = sorted(vs, key=lambda v: (-G.degree(v), str(v)))[:names]
        out[g] = community_text([short_name(str(G.nodes[v].get("name") or v), 14) for v in top], len(vs), lang)
    return out


def group_order(value: object) -> tuple:
    """Sort key for legend entries: numbers in numeric order (0, 1, 2 … 10), then text, then none.

    >>> sorted([10, 2, "b", None, 0, "a"], key=group_order)
    [0, 2, 10, 'a', 'b', None]
    """
    if value is None or value == SMALL_GROUPS:
        return (2, 0, "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, value, "")
    return (1, 0, str(value))


def group_colours(attr: str, values: Iterable[object]) -> dict[object, str]:
    ordered = sorted(set(values), key=group_order)
    if attr == "sector":
        return {v: SECTOR_COLOURS.get(str(v), SECTOR_COLOURS["other"]) for v in ordered}
    return {v: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, v in enumerate(ordered)}


def value_text(value: object) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        if value == int(value) and abs(value) >= 1:
            return f"{int(value):,}"
        return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def node_sizes(nodes: list, size_by: Mapping[Hashable, float] | None, lo: float = 8.0, hi: float = 40.0) -> dict:
    if not size_by:
        return {v: 12.0 for v in nodes}
    vals = [float(size_by.get(v) or 0.0) for v in nodes]
    vals = [0.0 if math.isnan(x) else x for x in vals]
    top = max(vals, default=0.0) or 1.0
    return {v: lo + (hi - lo) * math.sqrt(max(x, 0.0) / top) for v, x in zip(nodes, vals, strict=True)}


def short_name(name: str, limit: int = 24) -> str:
    """A label cut at ``limit`` characters (the whole name is in the tooltip)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def font_size(size: float, lo: float, hi: float, *, emphasised: bool = False) -> float:
    """Screen font size of a label: from :data:`LABEL_FONT` for the smallest node to its maximum for the largest.

    >>> font_size(8, 8, 40), font_size(40, 8, 40), font_size(12, 12, 12, emphasised=True)
    (11.0, 18.0, 14.0)
    """
    small, big = LABEL_FONT
    share = (size - lo) / (hi - lo) if hi > lo else 0.0
    return round(small + (big - small) * share + (3.0 if emphasised else 0.0), 1)


def label_order(nodes: list[dict], first: Iterable[Hashable] = ()) -> list[int]:
    """Indices of ``nodes`` in the order their labels are placed: emphasised, then largest, then by name.

    The page places labels in this order and leaves out any that would overlap one
    already placed, so the most central organisations are named at the default view
    and the others appear as the user zooms in (level of detail).

    >>> label_order([{"id": "a", "size": 8, "label": "A"}, {"id": "b", "size": 20, "label": "B"},
    ...              {"id": "c", "size": 8, "label": "C"}], first={"c"})
    [2, 1, 0]
    """
    keep = {str(v) for v in first}
    ranked = sorted(
        range(len(nodes)),
        key=lambda i: (nodes[i]["id"] not in keep, -nodes[i]["size"], nodes[i].get("label", ""), nodes[i]["id"]),
    )
    return ranked[:LABEL_LIMIT]


def size_legend(title: str, values: list, sizes: list, lang: str) -> tuple[str, list[tuple[float, str]]] | None:
    """``(heading, [(dot radius, value), …])``: the smallest and the largest dot and what they stand for.

    >>> size_legend("次数", [1, 4, 25], [8, 12, 40], "ja")
    ('点の大きさ＝次数', [(8.0, '1'), (40.0, '25')])
    """
    pairs = sorted((float(s), v) for s, v in zip(sizes, values, strict=True) if isinstance(v, int | float) and v == v)
    if not pairs or pairs[0][0] == pairs[-1][0]:
        return None
    (s0, v0), (s1, v1) = pairs[0], pairs[-1]
    return map_text("size_means", lang).format(measure=title), [(s0, value_text(v0)), (s1, value_text(v1))]


def group_style(colour: str) -> dict:
    return {
        "color": {
            "background": colour,
            "border": "#444444",
            "highlight": {"background": colour, "border": "#000000"},
            "hover": {"background": colour, "border": "#000000"},
        }
    }
