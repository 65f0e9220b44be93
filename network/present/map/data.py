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

from network.arrays import tie_directed, tie_strength
from network.model import STRENGTH_LABELS, Sector, TieType
from network.present.map.layout import aggregate_graph, compute_layout
from network.present.map.page import map_page, vis_assets
from network.present.map.style import (
    GROUP_COLOURS,
    LABEL_LIMIT,
    SECTOR_COLOURS,
    community_names,
    fold_small,
    font_size,
    group_colours,
    group_label,
    group_order,
    group_style,
    label_order,
    map_text,
    node_sizes,
    short_name,
    size_legend,
    value_text,
)

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


def _text(lang: str) -> dict:
    """Labels the page's script needs to build tooltips (looked up, not repeated per node)."""
    return {
        "open": map_text("open", lang),
        "openGroup": map_text("open_group", lang),
        "sector": map_text("sector", lang),
        "kind": map_text("kind", lang),
        "area": map_text("area", lang),
        "type": map_text("type", lang),
        "strength": map_text("strength", lang),
        "period": map_text("period", lang),
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
        membership = fold_small(dict(groups) if groups else {v: G.nodes[v].get(colour_by) for v in G})
        data, legend, group_opts = _aggregated_data(G, membership, by, lang)
        sizes_key = size_legend(
            map_text("members", lang),
            [int(r[1][1].replace(",", "")) for r in (n["rows"] for n in data["nodes"])],
            [n["size"] for n in data["nodes"]],
            lang,
        )
        note = map_text("aggregated", lang).format(
            orgs=n_orgs,
            groups=len(data["nodes"]),
            by=map_text("by_community" if by == "community" else "by_sector", lang),
        )
    else:
        data, legend, group_opts = _org_data(
            G, colour_by, size_by, highlight or {}, measures or {}, lang, _positions(G, layout, centre)
        )
        sizes_key = (
            size_legend(
                size_title or map_text("degree", lang),
                [size_by.get(v) or 0 for v in G],
                [n["size"] for n in data["nodes"]],
                lang,
            )
            if size_by
            else None
        )
        note = "" if n_orgs else map_text("empty", lang)
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
        legend_title=map_text("legend", lang),
        size_legend=sizes_key,
    )


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
    colours = group_colours(colour_by, values.values())
    gid = {val: f"g{i}" for i, val in enumerate(colours)}
    sizes = node_sizes(nodes, size_by)
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
            node["m"] = [value_text(m[k]) if k in m else "" for k in keys]
        node["label"] = short_name(name)
        node["fs"] = font_size(sizes[v], lo, hi, emphasised=v in path_nodes or v in focus)
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
        strength = tie_strength(a)
        edge = {
            "f": str(u),
            "t": str(v),
            "w": round(0.5 + 0.6 * strength, 1),
            "ty": str(a.get("type") or ""),
            "st": strength,
        }
        if a.get("start") or a.get("end"):
            edge["p"] = f"{a.get('start') or '…'} – {a.get('end') or '…'}"
        if tie_directed(a):
            edge["d"] = 1
        if bridges and frozenset((u, v)) in bridges:
            edge["hl"] = "#D62728"
        if path_edges and frozenset((u, v)) in path_edges:
            edge["hl"] = "#B00020"
        out_edges.append(edge)
    names = community_names(G, values, lang) if colour_by == "community" else None
    legend = [(colour, group_label(colour_by, val, lang, names), "dot") for val, colour in colours.items()]
    if brokers:
        legend.append(("#8B0000", map_text("broker", lang), "ring"))
    if cuts:
        legend.append(("#666666", map_text("cut_point", lang), "diamond"))
    if bridges:
        legend.append(("#D62728", map_text("bridge", lang), "line"))
    if path_nodes:
        legend.append(("#B00020", map_text("path", lang), "line"))
    if focus:
        legend.append(("#000000", map_text("focus", lang), "ring"))
    data = {"nodes": out_nodes, "edges": out_edges, "labelOrder": label_order(out_nodes, path_nodes | focus)}
    if keys:
        data["measureKeys"] = [map_text(k, lang) for k in keys]
    return data, legend, {gid[val]: group_style(c) for val, c in colours.items()}


def _aggregated_data(G, membership, by, lang):  # type: ignore[no-untyped-def]
    A = aggregate_graph(G, membership)
    pos = compute_layout(A, scale=120.0 * math.sqrt(max(len(A), 1)) + 150.0, even=True)  # room for big circles
    colours = group_colours(by, A.nodes)
    top = max((m for _, m in A.nodes(data="members")), default=1)
    names = community_names(G, membership, lang) if by == "community" else None
    nodes, ids = [], {}
    for i, (g, a) in enumerate(A.nodes(data=True)):
        label = group_label(by, g, lang, names)
        ids[g] = f"c{i}"
        share = math.sqrt(a["members"] / top)
        nodes.append(
            {
                "id": ids[g],
                "key": str(g),
                "x": round(pos[g][0]),
                "y": round(pos[g][1]),
                "label": short_name(label, 32),
                "size": round(10 + 50 * share, 1),
                "g": f"g{i}",
                "fs": round(13 + 7 * share, 1),
                "rows": [
                    ["", label],
                    [map_text("members", lang), f"{a['members']:,}"],
                    [map_text("internal", lang), f"{a['internal']:,}"],
                ],
            }
        )
    wmax = max((w for *_, w in A.edges(data="weight")), default=1)
    edges = [
        {
            "f": ids[u],
            "t": ids[v],
            "w": round(1 + 9 * math.log1p(w) / math.log1p(wmax), 1),
            "rows": [[map_text("ties_between", lang), f"{w:,}"]],
        }
        for u, v, w in A.edges(data="weight")
    ]
    legend = (
        [(colours[g], group_label(by, g, lang, names), "dot") for g in sorted(A.nodes, key=group_order)]
        if len(A) <= len(GROUP_COLOURS)
        else []
    )
    return (
        {"nodes": nodes, "edges": edges, "labelOrder": label_order(nodes)},
        legend,
        {f"g{i}": group_style(colours[g]) for i, g in enumerate(A.nodes)},
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
