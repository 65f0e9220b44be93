"""Fixed node positions and aggregated views for the network map.

Positions are computed in Python so the browser draws the map at once without
running a physics simulation: NetworkX's spring layout (fixed seed) for small
graphs, igraph's grid Fruchterman–Reingold for larger ones.  A graph too big to
draw node by node is aggregated into groups (communities or sectors).

Examples
--------
>>> import networkx as nx
>>> pos = compute_layout(nx.path_graph(3))
>>> sorted(pos)
[0, 1, 2]
>>> G = nx.Graph([("a", "b"), ("b", "c")])
>>> nx.set_node_attributes(G, {"a": "npo", "b": "npo", "c": "company"}, "sector")
>>> A = aggregate_graph(G, {n: G.nodes[n]["sector"] for n in G})
>>> sorted(A.nodes(data="members")), A["npo"]["company"]["weight"]
([('company', 1), ('npo', 2)], 1)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping

import networkx as nx

__all__ = [
    "compute_layout",
    "grouped_layout",
    "concentric_layout",
    "aggregate_graph",
    "SPRING_LIMIT",
    "SMALL_COMPONENT",
]

#: Above this many nodes igraph's grid Fruchterman–Reingold replaces NetworkX's spring layout.
SPRING_LIMIT = 300
#: Components smaller than this (pairs, isolates…) are set out in rows under the drawing.
SMALL_COMPONENT = 5


def compute_layout(
    G: nx.Graph, *, seed: int = 42, scale: float | None = None, even: bool = False
) -> dict[Hashable, tuple[float, float]]:
    """Return fixed ``(x, y)`` pixel positions for every node of ``G``.

    Parameters
    ----------
    G : networkx graph
        Any graph; direction and parallel edges are ignored.
    seed : int
        Random seed, so the same graph always gets the same picture.
    scale : float, optional
        Half-width of the drawing in pixels; by default it grows with the
        square root of the number of nodes so that large maps do not crowd.
    even : bool
        Kamada–Kawai (deterministic, evenly spread) instead of the spring layout for a
        graph of at most :data:`SPRING_LIMIT` nodes: the aggregated map's groups, where
        one loosely tied group would otherwise be flung to the edge and crowd the rest.

    Returns
    -------
    dict
        Node → ``(x, y)``.

    Notes
    -----
    Isolates and small components (fewer than :data:`SMALL_COMPONENT`
    organisations, apart from the largest) are set out in rows under the
    drawing instead of being flung to its edges, where they would shrink
    everything else when the view is fitted.

    Examples
    --------
    >>> pos = compute_layout(nx.complete_graph(4), scale=100)
    >>> max(abs(c) for xy in pos.values() for c in xy) <= 100.0001
    True
    >>> compute_layout(nx.Graph([(0, 1), (1, 2), (2, 0), (3, 4)]), scale=100)[3]
    (-100.0, 190.0)
    """
    n = G.number_of_nodes()
    if n == 0:
        return {}
    if scale is None:
        scale = 45.0 * math.sqrt(n) + 120.0
    if n == 1:
        return {next(iter(G)): (0.0, 0.0)}
    # Organisations in one fixed order (by id), whatever order the store or the filters gave them in and
    # whatever the process's hash seed: the seeded layout is then a function of the network alone.
    H = nx.Graph()
    H.add_nodes_from(sorted(G, key=str))
    H.add_edges_from(sorted(((u, v) for u, v in G.edges() if u != v), key=lambda e: (str(e[0]), str(e[1]))))
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(H)), key=lambda c: (-len(c), str(c[0])))
    main = [v for c in comps if len(c) >= SMALL_COMPONENT or c is comps[0] for v in c]
    rest = [v for c in comps if not (len(c) >= SMALL_COMPONENT or c is comps[0]) for v in c]
    pos = _tied_layout(H, main, seed, scale, even)
    if rest:
        step = 45.0
        per_row = max(1, int(2 * scale / step))
        top = scale + 2 * step
        for i, v in enumerate(rest):
            row, col = divmod(i, per_row)
            pos[v] = (-scale + col * step, top + row * step)
    return pos


def _tied_layout(
    H: nx.Graph, nodes: list, seed: int, scale: float, even: bool = False
) -> dict[Hashable, tuple[float, float]]:
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    S = H.subgraph(nodes)
    if even and n <= SPRING_LIMIT and nx.is_connected(S):
        start = nx.circular_layout(sorted(S, key=str))
        raw = nx.kamada_kawai_layout(S, pos=start)
        coords = [tuple(raw[v]) for v in nodes]
    elif n <= SPRING_LIMIT:
        raw = nx.spring_layout(S, seed=seed, k=1.6 / math.sqrt(n))
        coords = [tuple(raw[v]) for v in nodes]
    else:
        coords = _igraph_layout(S, nodes, seed)
    return _rescale(nodes, coords, scale)


def _igraph_layout(G: nx.Graph, nodes: list, seed: int) -> list[tuple[float, float]]:
    import random

    import igraph as ig

    index = {v: i for i, v in enumerate(nodes)}
    edges = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in G.edges() if u != v}
    g = ig.Graph(n=len(nodes), edges=sorted(edges))
    rng = random.Random(seed)
    half = math.sqrt(len(nodes))  # igraph's grid expects coordinates spread like its own random start
    start = [(rng.uniform(-half, half), rng.uniform(-half, half)) for _ in nodes]
    from network.analysis.engine import seeded_igraph

    with seeded_igraph(seed):
        lay = g.layout_fruchterman_reingold(seed=start, niter=300, grid="auto")
    return [tuple(c) for c in lay.coords]


def _rescale(nodes: list, coords: list, scale: float) -> dict[Hashable, tuple[float, float]]:
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx = (max(xs) + min(xs)) / 2
    cy = (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {
        v: (float((x - cx) / span * scale), float((y - cy) / span * scale))
        for v, (x, y) in zip(nodes, coords, strict=True)
    }


def aggregate_graph(G: nx.Graph, groups: Mapping[Hashable, Hashable]) -> nx.Graph:
    """Collapse ``G`` into one node per group, edge weight = number of ties between groups.

    Parameters
    ----------
    G : networkx graph
        The network (a multigraph counts every tie).
    groups : mapping
        Node → group key (a community number, a sector code…).  Nodes missing
        from the mapping fall into the group ``"other"``.

    Returns
    -------
    networkx.Graph
        Node = group key with ``members`` (number of organisations) and
        ``internal`` (ties inside the group); edge ``weight`` = ties between the
        two groups.

    Examples
    --------
    >>> G = nx.MultiGraph([(1, 2), (1, 2), (2, 3)])
    >>> A = aggregate_graph(G, {1: "x", 2: "x", 3: "y"})
    >>> A.nodes["x"]["internal"], A["x"]["y"]["weight"]
    (2, 1)
    """
    A = nx.Graph()
    for v in G:
        g = groups.get(v, "other")
        if g in A:
            A.nodes[g]["members"] += 1
        else:
            A.add_node(g, members=1, internal=0)
    for u, v in G.edges():
        gu, gv = groups.get(u, "other"), groups.get(v, "other")
        if gu == gv:
            A.nodes[gu]["internal"] += 1
        elif A.has_edge(gu, gv):
            A[gu][gv]["weight"] += 1
        else:
            A.add_edge(gu, gv, weight=1)
    return A


def grouped_layout(
    G: nx.Graph, groups: Mapping[Hashable, Hashable], *, seed: int = 42, scale: float | None = None
) -> dict[Hashable, tuple[float, float]]:
    """Positions with each group (sector, district…) in its own disc, the discs on a circle.

    Groups are placed in a stable order (largest first, then by name) and each group's
    members are laid out with :func:`compute_layout` inside a disc whose area grows with
    the group's size, so the same filter always gives the same picture.

    >>> G = nx.Graph([("a", "b"), ("c", "d")])
    >>> pos = grouped_layout(G, {"a": "x", "b": "x", "c": "y", "d": "y"}, scale=100)
    >>> (pos["a"][1] > 0) == (pos["b"][1] > 0), (pos["a"][1] > 0) != (pos["c"][1] > 0)
    (True, True)
    """
    members: dict[Hashable, list] = {}
    for v in G:
        members.setdefault(groups.get(v, ""), []).append(v)
    if not members:
        return {}
    n = G.number_of_nodes()
    if scale is None:
        scale = 45.0 * math.sqrt(n) + 120.0
    order = sorted(members, key=lambda g: (-len(members[g]), str(g)))
    if len(order) == 1:
        return compute_layout(G, seed=seed, scale=scale)
    total = sum(math.sqrt(len(m)) for m in members.values())
    pos: dict[Hashable, tuple[float, float]] = {}
    angle = 0.0
    for g in order:
        share = math.sqrt(len(members[g])) / total
        mid = angle + math.pi * share
        angle += 2 * math.pi * share
        radius = max(30.0, scale * 0.9 * math.sin(min(math.pi * share, math.pi / 2)))
        cx, cy = scale * math.cos(mid), scale * math.sin(mid)
        inner = compute_layout(G.subgraph(members[g]), seed=seed, scale=radius)
        for v, (x, y) in inner.items():
            pos[v] = (cx + x, cy + y)
    return pos


def concentric_layout(G: nx.Graph, centre: Hashable, *, step: float = 160.0) -> dict[Hashable, tuple[float, float]]:
    """Rings around ``centre``: its partners on the first ring, their partners on the second…

    Organisations not connected to ``centre`` go on an outer ring; within a ring the order
    is stable (by the position of the partner on the ring inside, then by id).

    >>> pos = concentric_layout(nx.path_graph(3), 0, step=100)
    >>> pos[0], round(math.hypot(*pos[1])), round(math.hypot(*pos[2]))
    ((0.0, 0.0), 100, 200)
    """
    if centre not in G:
        return compute_layout(G)
    H = G.to_undirected(as_view=True) if G.is_directed() else G
    dist = nx.single_source_shortest_path_length(H, centre)
    far = max(dist.values(), default=0) + 1
    rings: dict[int, list] = {}
    for v in G:
        rings.setdefault(dist.get(v, far), []).append(v)
    pos: dict[Hashable, tuple[float, float]] = {centre: (0.0, 0.0)}
    angle_of: dict[Hashable, float] = {centre: 0.0}
    for r in sorted(k for k in rings if k > 0):

        def key(v: Hashable, r: int = r) -> tuple:
            inner = [angle_of[u] for u in H[v] if dist.get(u) == r - 1 and u in angle_of]
            return (min(inner) if inner else 10.0, str(v))

        ring = sorted(rings[r], key=key)
        for i, v in enumerate(ring):
            a = 2 * math.pi * i / len(ring)
            angle_of[v] = a
            pos[v] = (float(r * step * math.cos(a)), float(r * step * math.sin(a)))
    return pos
