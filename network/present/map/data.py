"""The network map: one standalone, offline HTML page drawn with vis-network.

:func:`render_map` turns a graph into an HTML document that carries
vis-network's script and stylesheet inline (the copy shipped inside the
``pyvis`` package), so the page works without a network connection and sends
no request anywhere.  Every organisation name and attribute reaches the page
as JSON data (``<``, ``>`` and ``&`` escaped) and is put on screen with
``textContent`` or ``html.escape`` — never parsed as HTML.

Big networks stay usable: positions are computed in Python
(:func:`network.present.map.layout.compute_layout`) and physics is off above
:data:`PHYSICS_LIMIT` nodes; above :data:`AGGREGATE_LIMIT` nodes the map shows
groups (communities or sectors) instead of organisations and says so.

The page exposes ``window.network`` (the vis ``Network``), ``window.renkeiMap``
(``nodeCount``, ``orgCount``, ``aggregated``) and sets ``window.renkeiDrawn``
to the time of the first drawing, for tests and benchmarks.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("a", "b")])
>>> nx.set_node_attributes(G, {"a": "<b>A</b>", "b": "B"}, "name")
>>> html = render_map(G, lang="en")
>>> 'data-node-count="2"' in html, "<b>A</b>" in html, "https://" in html.split("<script")[0]
(True, False, False)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx

from network.explain import LABELS as _MEASURE_LABELS
from network.model import STRENGTH_LABELS, Sector, TieType
from network.present.map.layout import aggregate_graph, compute_layout
from network.present.map.page import map_page, vis_assets

__all__ = [
    "render_map",
    "SECTOR_COLOURS",
    "PHYSICS_LIMIT",
    "AGGREGATE_LIMIT",
    "LABEL_LIMIT",
    "vis_assets",
]

#: Above this many drawn nodes the positions are fixed and physics is off.
PHYSICS_LIMIT = 300
#: Above this many organisations the map shows groups instead of organisations.
AGGREGATE_LIMIT = 3000
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

_TEXT = {
    "legend": ("凡例", "Legend"),
    "sector": ("区分", "Sector"),
    "area": ("地域", "Area"),
    "kind": ("種別", "Kind"),
    "broker": ("仲介者", "Broker"),
    "cut_point": ("切断点（要の団体）", "Cut point"),
    "bridge": ("橋渡しの関係（切れると分断）", "Bridge tie"),
    "focus": ("検索した団体", "Searched organisation"),
    "path": ("A と B を結ぶ最短経路", "Shortest paths between A and B"),
    "open": ("プロフィールを開く", "Open profile"),
    "open_group": ("このグループを開く（ダブルクリックでも）", "Open this group (or double-click it)"),
    "members": ("団体数", "Organisations"),
    "internal": ("内部の関係数", "Ties inside"),
    "ties_between": ("間の関係数", "Ties between"),
    "aggregated": (
        "{orgs:,} 団体は多すぎるため、{groups} のグループ（{by}）にまとめて表示しています。",
        "{orgs:,} organisations are too many to draw one by one: shown as {groups} groups ({by}).",
    ),
    "small_groups": ("小さなまとまり（まとめて表示）", "Small groups (together)"),
    "group_community": ("コミュニティ {g}", "Community {g}"),
    "by_community": ("コミュニティ", "communities"),
    "by_sector": ("区分", "sectors"),
    "type": ("関係", "Tie type"),
    "strength": ("強さ", "Strength"),
    "period": ("期間", "Period"),
    "empty": ("表示する団体がありません。", "No organisation to show."),
    "degree": ("次数", "Degree"),
    "betweenness": ("媒介中心性", "Betweenness"),
    "brokerage": ("仲介（合計）", "Brokerage (total)"),
    "constraint": ("制約", "Constraint"),
    "community": ("コミュニティ", "Community"),
    "size_means": ("点の大きさ＝{measure}", "Dot size = {measure}"),
    "colour": ("色＝{what}", "Colour = {what}"),
}
# one word per measure, the report's (issue 10): network.explain.LABELS
_TEXT.update(
    {
        k: (_MEASURE_LABELS[k]["ja"], _MEASURE_LABELS[k]["en"])
        for k in ("degree", "betweenness", "brokerage", "constraint", "community")
    }
)


def _t(key: str, lang: str) -> str:
    ja, en = _TEXT.get(key, (key, key))
    return ja if lang == "ja" else en


def _fold_small(membership: dict, keep: int = MAX_GROUPS) -> dict:
    """Keep the ``keep - 1`` largest groups; fold the rest into one group of small ones."""
    from collections import Counter

    sizes = Counter(membership.values())
    if len(sizes) <= keep:
        return membership
    kept = {g for g, _ in sizes.most_common(keep - 1)}
    return {v: (g if g in kept else SMALL_GROUPS) for v, g in membership.items()}


def _label(attr: str, value: object, lang: str, names: Mapping | None = None) -> str:
    if value == SMALL_GROUPS:
        return _t("small_groups", lang)
    if names and value in names:
        return str(names[value])
    if attr == "sector":
        try:
            return Sector(str(value)).label(lang)
        except ValueError:
            return str(value)
    if attr == "community":
        return _t("group_community", lang).format(g=value)
    return "" if value is None else str(value)


def community_names(G: nx.Graph, membership: Mapping[Hashable, object], lang: str, *, names: int = 2) -> dict:
    """Community → a label from its best-connected members' names: 「A・Bほか24団体」, not "community 3".

    Members are ranked by their number of ties in ``G`` (then by id), as the report names
    communities (:func:`network.analysis.community.community_label`).

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("d", "e")])
    >>> nx.set_node_attributes(G, {"a": "甲", "b": "乙", "c": "丙", "d": "丁", "e": "戊"}, "name")
    >>> community_names(G, {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1}, "ja")
    {0: '乙・甲ほか1団体', 1: '丁・戊'}
    """
    from network.analysis.community import community_label

    members: dict[object, list] = {}
    for v, g in membership.items():
        if g is not None and g != SMALL_GROUPS and v in G:
            members.setdefault(g, []).append(v)
    out = {}
    for g, vs in members.items():
        top = sorted(vs, key=lambda v: (-G.degree(v), str(v)))[:names]
        out[g] = community_label([_short(str(G.nodes[v].get("name") or v), 14) for v in top], len(vs))[lang]
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


def _colours(attr: str, values: Iterable[object]) -> dict[object, str]:
    ordered = sorted(set(values), key=group_order)
    if attr == "sector":
        return {v: SECTOR_COLOURS.get(str(v), SECTOR_COLOURS["other"]) for v in ordered}
    return {v: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, v in enumerate(ordered)}


def _fmt(value: object) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        if value == int(value) and abs(value) >= 1:
            return f"{int(value):,}"
        return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def _sizes(nodes: list, size_by: Mapping[Hashable, float] | None, lo: float = 8.0, hi: float = 40.0) -> dict:
    if not size_by:
        return {v: 12.0 for v in nodes}
    vals = [float(size_by.get(v) or 0.0) for v in nodes]
    vals = [0.0 if math.isnan(x) else x for x in vals]
    top = max(vals, default=0.0) or 1.0
    return {v: lo + (hi - lo) * math.sqrt(max(x, 0.0) / top) for v, x in zip(nodes, vals, strict=True)}


def _short(name: str, limit: int = 24) -> str:
    """A label cut at ``limit`` characters (the whole name is in the tooltip)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _font_size(size: float, lo: float, hi: float, *, emphasised: bool = False) -> float:
    """Screen font size of a label: from :data:`LABEL_FONT` for the smallest node to its maximum for the largest.

    >>> _font_size(8, 8, 40), _font_size(40, 8, 40), _font_size(12, 12, 12, emphasised=True)
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


def _text(lang: str) -> dict:
    """Labels the page's script needs to build tooltips (looked up, not repeated per node)."""
    return {
        "open": _t("open", lang),
        "openGroup": _t("open_group", lang),
        "sector": _t("sector", lang),
        "kind": _t("kind", lang),
        "area": _t("area", lang),
        "type": _t("type", lang),
        "strength": _t("strength", lang),
        "period": _t("period", lang),
        "sectors": {s.value: s.label(lang) for s in Sector},
        "types": {x.value: x.label(lang) for x in TieType},
        "strengths": {str(k): (ja if lang == "ja" else en) for k, (ja, en) in STRENGTH_LABELS.items()},
    }


def render_map(
    G: nx.Graph,
    *,
    colour_by: str = "sector",
    size_by: Mapping[Hashable, float] | None = None,
    highlight: Mapping[str, Iterable] | None = None,
    measures: Mapping[Hashable, Mapping[str, object]] | None = None,
    groups: Mapping[Hashable, Hashable] | None = None,
    lang: str = "ja",
    physics: bool | None = None,
    height: str = "700px",
    profile_url: str | None = "orgs?org={id}",
    aggregate_limit: int = AGGREGATE_LIMIT,
    layout: str = "force",
    centre: Hashable | None = None,
    group_url: str | None = None,
    size_title: str | None = None,
) -> str:
    """Draw ``G`` as a standalone offline HTML page.

    Parameters
    ----------
    G : networkx graph
        Nodes carry ``name``, ``sector``, ``city``, ``district``…; edges carry
        ``type``, ``strength``, ``directed``, ``start``, ``end`` (the
        conventions of ``Store.load_graph``).  Missing attributes are fine.
    colour_by : str
        Node attribute that picks the colour (``"sector"`` uses the fixed
        sector palette); a legend names each colour.
    size_by : mapping, optional
        Node → measure (degree, betweenness, brokerage total…); the node's
        area grows with it.  Equal sizes when omitted.
    highlight : mapping, optional
        ``"brokers"``, ``"cut_points"``, ``"focus"`` → nodes to mark;
        ``"bridges"`` → ``(u, v)`` pairs whose ties are drawn red; ``"path"`` (nodes) and
        ``"path_edges"`` (pairs): shortest paths between two organisations, drawn dark red.
    measures : mapping, optional
        Node → ``{"degree": 3, "betweenness": 0.2, …}`` shown on hover.
    groups : mapping, optional
        Node → group (community) used when the graph is aggregated; the
        ``colour_by`` attribute is used when omitted.
    lang : {"ja", "en"}
        Language of the legend, tooltips and notes.
    physics : bool, optional
        Let the layout settle in the browser; by default on for at most
        :data:`PHYSICS_LIMIT` nodes and off (fixed positions) above.
    height : str
        CSS height of the drawing.
    profile_url : str, optional
        Link opened from a clicked organisation; ``{id}`` is replaced by the
        URL-encoded organisation id.  ``None`` hides the link.
    aggregate_limit : int
        Above this many organisations the map is aggregated.
    layout : {"force", "sector", "district", "concentric"}
        Force-directed (seeded), grouped by sector or district (one disc per group), or
        rings around ``centre`` (its partners first); every one is stable between reruns.
    centre : node, optional
        The organisation the concentric layout is drawn around.
    group_url : str, optional
        In an aggregated map, the link that opens one group (drill down); ``{id}`` is
        replaced by the URL-encoded group key.  Inside the app, links open in the same tab
        and keep the session (language, filters).
    size_title : str, optional
        What the size means (the measure's name): the legend then shows the smallest and the
        largest dot with their values.  By default the degree when ``size_by`` is given, and
        "organisations" in an aggregated map.

    Returns
    -------
    str
        A complete HTML document.

    Examples
    --------
    >>> G = nx.path_graph(4)
    >>> page = render_map(G, physics=False, lang="en")
    >>> 'data-node-count="4"' in page and '"physics":{"enabled":false' in page
    True
    """
    n_orgs = G.number_of_nodes()
    aggregated = n_orgs > aggregate_limit
    if aggregated:
        by = "community" if groups else colour_by
        membership = _fold_small(dict(groups) if groups else {v: G.nodes[v].get(colour_by) for v in G})
        data, legend, group_opts = _aggregated_data(G, membership, by, lang)
        sizes_key = _size_legend(
            _t("members", lang),
            [int(r[1][1].replace(",", "")) for r in (n["rows"] for n in data["nodes"])],
            [n["size"] for n in data["nodes"]],
            lang,
        )
        note = _t("aggregated", lang).format(
            orgs=n_orgs, groups=len(data["nodes"]), by=_t("by_community" if by == "community" else "by_sector", lang)
        )
    else:
        data, legend, group_opts = _org_data(
            G, colour_by, size_by, highlight or {}, measures or {}, lang, _positions(G, layout, centre)
        )
        sizes_key = (
            _size_legend(
                size_title or _t("degree", lang),
                [size_by.get(v) or 0 for v in G],
                [n["size"] for n in data["nodes"]],
                lang,
            )
            if size_by
            else None
        )
        note = "" if n_orgs else _t("empty", lang)
    n_drawn = len(data["nodes"])
    if physics is None:
        physics = n_drawn <= PHYSICS_LIMIT and not aggregated
    data["options"] = _options(physics, n_drawn, group_opts)
    data["text"] = _text(lang)
    data["profileUrl"] = profile_url if profile_url and not aggregated else None
    data["groupUrl"] = group_url if group_url and aggregated else None
    return map_page(
        data,
        legend,
        note,
        height=height,
        lang=lang,
        n_orgs=n_orgs,
        aggregated=aggregated,
        legend_title=_t("legend", lang),
        size_legend=sizes_key,
    )


def _size_legend(title: str, values: list, sizes: list, lang: str) -> tuple[str, list[tuple[float, str]]] | None:
    """``(heading, [(dot radius, value), …])``: the smallest and the largest dot and what they stand for.

    >>> _size_legend("次数", [1, 4, 25], [8, 12, 40], "ja")
    ('点の大きさ＝次数', [(8.0, '1'), (40.0, '25')])
    """
    pairs = sorted((float(s), v) for s, v in zip(sizes, values, strict=True) if isinstance(v, int | float) and v == v)
    if not pairs or pairs[0][0] == pairs[-1][0]:
        return None
    (s0, v0), (s1, v1) = pairs[0], pairs[-1]
    return _t("size_means", lang).format(measure=title), [(s0, _fmt(v0)), (s1, _fmt(v1))]


def _group_style(colour: str) -> dict:
    return {
        "color": {
            "background": colour,
            "border": "#444444",
            "highlight": {"background": colour, "border": "#000000"},
            "hover": {"background": colour, "border": "#000000"},
        }
    }


def _positions(G: nx.Graph, layout: str, centre: Hashable | None) -> dict:
    from network.present.map.layout import concentric_layout, grouped_layout

    if layout in ("sector", "district"):
        return grouped_layout(G, {v: G.nodes[v].get(layout) or "" for v in G})
    if layout == "concentric" and centre is not None and centre in G:
        return concentric_layout(G, centre)
    return compute_layout(G)


def _org_data(G, colour_by, size_by, highlight, measures, lang, pos=None):  # type: ignore[no-untyped-def]
    nodes = list(G)
    pos = pos if pos is not None else compute_layout(G)
    values = {v: G.nodes[v].get(colour_by) for v in nodes}
    colours = _colours(colour_by, values.values())
    gid = {val: f"g{i}" for i, val in enumerate(colours)}
    sizes = _sizes(nodes, size_by)
    brokers = set(highlight.get("brokers", ()))
    cuts = set(highlight.get("cut_points", ()))
    focus = set(highlight.get("focus", ()))
    bridges = {frozenset(p) for p in highlight.get("bridges", ())}
    path_nodes = set(highlight.get("path", ()))
    path_edges = {frozenset(p) for p in highlight.get("path_edges", ())}
    lo, hi = min(sizes.values(), default=0.0), max(sizes.values(), default=0.0)
    keys = [
        k
        for k in ("degree", "betweenness", "brokerage", "constraint", "community")
        if any(k in (measures.get(v) or {}) for v in nodes[:50])
    ]
    out_nodes = []
    for v in nodes:
        a = G.nodes[v]
        name = str(a.get("name") or v)
        node = {
            "id": str(v),
            "x": round(pos[v][0]),
            "y": round(pos[v][1]),
            "size": round(sizes[v], 1),
            "g": gid[values[v]],
            "n": name,
            "s": str(a.get("sector") or ""),
        }
        if a.get("kind"):
            node["k"] = str(a["kind"])
        area = " ".join(str(a[k]) for k in ("prefecture", "city", "district") if a.get(k))
        if area:
            node["a"] = area
        m = measures.get(v)
        if m:
            node["m"] = [_fmt(m[k]) if k in m else "" for k in keys]
        node["label"] = _short(name)
        node["fs"] = _font_size(sizes[v], lo, hi, emphasised=v in path_nodes or v in focus)
        hl: dict = {}
        if v in brokers:
            hl = {"borderWidth": 5, "color": {"border": "#8B0000", "background": colours[values[v]]}}
        if v in cuts:
            hl["shape"] = "diamond"
        if v in path_nodes:
            hl.update(borderWidth=6, color={"border": "#B00020", "background": colours[values[v]]})
        if v in focus:
            hl.update(borderWidth=6, color={"border": "#000000", "background": colours[values[v]]})
        if hl:
            node["hl"] = hl
        out_nodes.append(node)
    out_edges = []
    for u, v, a in G.edges(data=True):
        strength = int(a.get("strength") or 3)
        edge = {
            "f": str(u),
            "t": str(v),
            "w": round(0.5 + 0.6 * strength, 1),
            "ty": str(a.get("type") or ""),
            "st": strength,
        }
        if a.get("start") or a.get("end"):
            edge["p"] = f"{a.get('start') or '…'} – {a.get('end') or '…'}"
        if a.get("directed"):
            edge["d"] = 1
        if bridges and frozenset((u, v)) in bridges:
            edge["hl"] = "#D62728"
        if path_edges and frozenset((u, v)) in path_edges:
            edge["hl"] = "#B00020"
        out_edges.append(edge)
    names = community_names(G, values, lang) if colour_by == "community" else None
    legend = [(colour, _label(colour_by, val, lang, names), "dot") for val, colour in colours.items()]
    if brokers:
        legend.append(("#8B0000", _t("broker", lang), "ring"))
    if cuts:
        legend.append(("#666666", _t("cut_point", lang), "diamond"))
    if bridges:
        legend.append(("#D62728", _t("bridge", lang), "line"))
    if path_nodes:
        legend.append(("#B00020", _t("path", lang), "line"))
    if focus:
        legend.append(("#000000", _t("focus", lang), "ring"))
    data = {"nodes": out_nodes, "edges": out_edges, "labelOrder": label_order(out_nodes, path_nodes | focus)}
    if keys:
        data["measureKeys"] = [_t(k, lang) for k in keys]
    return data, legend, {gid[val]: _group_style(c) for val, c in colours.items()}


def _aggregated_data(G, membership, by, lang):  # type: ignore[no-untyped-def]
    A = aggregate_graph(G, membership)
    pos = compute_layout(A, scale=120.0 * math.sqrt(max(len(A), 1)) + 150.0, even=True)  # room for big circles
    colours = _colours(by, A.nodes)
    top = max((m for _, m in A.nodes(data="members")), default=1)
    names = community_names(G, membership, lang) if by == "community" else None
    nodes, ids = [], {}
    for i, (g, a) in enumerate(A.nodes(data=True)):
        label = _label(by, g, lang, names)
        ids[g] = f"c{i}"
        share = math.sqrt(a["members"] / top)
        nodes.append(
            {
                "id": ids[g],
                "key": str(g),
                "x": round(pos[g][0]),
                "y": round(pos[g][1]),
                "label": _short(label, 32),
                "size": round(10 + 50 * share, 1),
                "g": f"g{i}",
                "fs": round(13 + 7 * share, 1),
                "rows": [
                    ["", label],
                    [_t("members", lang), f"{a['members']:,}"],
                    [_t("internal", lang), f"{a['internal']:,}"],
                ],
            }
        )
    wmax = max((w for *_, w in A.edges(data="weight")), default=1)
    edges = [
        {
            "f": ids[u],
            "t": ids[v],
            "w": round(1 + 9 * math.log1p(w) / math.log1p(wmax), 1),
            "rows": [[_t("ties_between", lang), f"{w:,}"]],
        }
        for u, v, w in A.edges(data="weight")
    ]
    legend = (
        [(colours[g], _label(by, g, lang, names), "dot") for g in sorted(A.nodes, key=group_order)]
        if len(A) <= len(GROUP_COLOURS)
        else []
    )
    return (
        {"nodes": nodes, "edges": edges, "labelOrder": label_order(nodes)},
        legend,
        {f"g{i}": _group_style(colours[g]) for i, g in enumerate(A.nodes)},
    )


def _options(physics: bool, n: int, groups: dict) -> dict:
    return {
        "autoResize": True,
        "groups": groups,
        "layout": {"improvedLayout": False},
        "physics": {
            "enabled": physics,
            "stabilization": False,
            "barnesHut": {"gravitationalConstant": -2500, "springLength": 110, "avoidOverlap": 0.2},
            "minVelocity": 1.0,
        },
        "interaction": {
            "hover": n <= 2500,
            "hideEdgesOnDrag": n > PHYSICS_LIMIT,
            "hideEdgesOnZoom": n > 2000,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 13, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "smooth": n <= PHYSICS_LIMIT and {"type": "continuous"},
            "color": {
                "color": "#9AA5B1",
                "highlight": "#333333",
                "hover": "#333333",
                "opacity": 0.7 if n <= 1000 else 0.3,
            },  # thousands of ties: a lighter web
            "arrows": {"to": {"scaleFactor": 0.5}},
        },
    }
