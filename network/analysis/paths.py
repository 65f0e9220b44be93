"""Who connects A and B: shortest paths between two organisations or two groups.

A coordinator asks "who connects these two groups?".  The answer is read off
the undirected view (DESIGN.md, "Analysis conventions"; unweighted shortest
paths, as betweenness uses):

* for two organisations ``a`` and ``b``: every shortest path between them
  (:func:`networkx.all_shortest_paths`), and each organisation inside those
  paths ranked by the share of the paths it carries, ``σ_ab(v) / σ_ab``;
* for two groups ``A`` and ``B`` (sectors, districts, communities): for every
  pair ``(a, b)`` with ``a`` in ``A`` and ``b`` in ``B``, the share of that
  pair's shortest paths that run through ``v``, summed over the pairs and
  divided by the number of connected pairs.  This is the *group pair
  dependency* of Brandes (2008), computed with his accumulation from each
  source in ``A`` (one breadth-first search per member of ``A``).  The paths
  listed are the shortest among all pairs (the closest members).

Endpoints are never counted as their own brokers; an organisation that belongs
to a group may broker for other members of it.

Examples
--------
>>> import networkx as nx
>>> U = nx.Graph([("a", "x"), ("x", "b"), ("a", "y"), ("y", "b"), ("b", "z")])
>>> r = connectors(U, "a", "b")
>>> r["distance"], r["paths"]
(2, [['a', 'x', 'b'], ['a', 'y', 'b']])
>>> [(b["id"], b["share"]) for b in r["brokers"]]
[('x', 0.5), ('y', 0.5)]
>>> g = connectors(U, ["a"], ["b", "z"])
>>> [(b["id"], b["share"]) for b in g["brokers"]][:1]
[('x', 0.5)]

References
----------
Brandes, U. (2008). On variants of shortest-path betweenness centrality and
their generic computation. *Social Networks* 30(2), 136–145 (pair and group
dependencies, section 3).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable
from typing import TypeGuard, cast

import networkx as nx

__all__ = ["connectors", "group_members", "bridging_introductions", "MAX_PATHS"]

#: At most this many shortest paths are listed (the brokers always count all of them).
MAX_PATHS = 50


def group_members(U: nx.Graph, attr: str, value: object, *, membership: dict | None = None) -> list:
    """The organisations of ``U`` whose ``attr`` is ``value`` (``attr="community"``: by ``membership``).

    Parameters
    ----------
    U : Graph
        The undirected view (or any graph whose nodes carry ``attr``).
    attr : str
        A node attribute (``"sector"``, ``"district"``, ``"city"`` …) or ``"community"``.
    value : object
        The group; compared as text, so ``3`` and ``"3"`` are one group.
    membership : dict, optional
        Node → community number (:func:`network.analysis.gaps.communities`); needed when
        ``attr="community"``.

    Returns
    -------
    list
        The ids of the group's organisations, in the order of ``U``'s nodes.

    Raises
    ------
    ValueError
        When ``attr="community"`` and ``membership`` is ``None``.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph()
    >>> U.add_nodes_from([("a", {"sector": "npo"}), ("b", {"sector": "company"})])
    >>> group_members(U, "sector", "npo")
    ['a']
    >>> group_members(U, "community", 1, membership={"a": 0, "b": 1})
    ['b']
    """
    if attr == "community":
        if membership is None:
            raise ValueError("communities need a membership (network.analysis.gaps.communities)")
        return [v for v in U if str(membership.get(v)) == str(value)]
    return [v for v, d in U.nodes(data=True) if str(d.get(attr, "")) == str(value)]


def _bfs(U: nx.Graph, s: Hashable) -> tuple[list, dict, dict, dict]:
    """Brandes' breadth-first search: order, predecessors, path counts σ, distances."""
    order: list = []
    pred: dict = {s: []}
    sigma: dict = {s: 1}
    dist: dict = {s: 0}
    queue = deque([s])
    adj = U._adj  # type: ignore[attr-defined]  # networkx's own dict (not in its stubs): no view per lookup
    while queue:
        v = queue.popleft()
        order.append(v)
        dv = dist[v]
        for w in adj[v]:
            if w not in dist:
                dist[w] = dv + 1
                queue.append(w)
                pred[w] = []
                sigma[w] = 0
            if dist[w] == dv + 1:
                sigma[w] += sigma[v]
                pred[w].append(v)
    return order, pred, sigma, dist


def _edge(U: nx.Graph, u: Hashable, v: Hashable) -> dict:
    d = U[u][v]
    return {
        "source": u,
        "target": v,
        "types": sorted(d.get("types") or []),
        "strength": d.get("strength"),
        "ties": d.get("ties", 1),
    }


def _paths_between(pred: dict, t: Hashable, limit: int) -> list[list]:
    """Up to ``limit`` shortest paths from the BFS source to ``t``, in a stable order."""
    out: list[list] = []
    stack: list[tuple[Hashable, list]] = [(t, [t])]
    while stack and len(out) < limit:
        v, path = stack.pop()
        if not pred[v]:
            out.append(path[::-1])
            continue
        for p in sorted(pred[v], key=str, reverse=True):
            stack.append((p, [*path, p]))
    return sorted(out, key=lambda p: [str(x) for x in p])


def connectors(
    U: nx.Graph,
    a: Hashable | Iterable[Hashable],
    b: Hashable | Iterable[Hashable],
    *,
    max_paths: int = MAX_PATHS,
    top: int = 20,
) -> dict:
    """Shortest paths between ``a`` and ``b`` and the organisations that carry them.

    Parameters
    ----------
    U : Graph
        The undirected view (:func:`network.analysis.views.undirected_view`); paths are
        unweighted (hops).
    a, b : node or list, tuple, set or frozenset of nodes
        A node each (two organisations), or a collection of nodes each (two groups, e.g.
        :func:`group_members`); a node and a group mix.  Nodes missing from ``U`` are ignored.
    max_paths : int, optional
        Number of paths listed (default :data:`MAX_PATHS`, 50); the broker shares always use
        every shortest path.
    top : int, optional
        Number of brokers listed (default 20).

    Returns
    -------
    dict
        ``connected`` (bool: some pair is joined by a path), ``distance`` (hops of the shortest
        path between any pair, ``None`` when none), ``pairs`` (pairs ``(s, t)``, ``s`` in ``a``,
        ``t`` in ``b``, ``s ≠ t``) and ``connected_pairs`` (those joined by a path), ``paths``
        (the shortest paths between the closest pairs as lists of ids from ``a``'s side, at most
        ``max_paths``, sorted), ``path_count`` (how many shortest paths the closest pairs have,
        listed or not), ``edges`` (the ties along the listed paths, each once: ``source``,
        ``target``, ``types``, ``strength``, ``ties``) and ``brokers`` (``[{"id", "share",
        "paths"}]``: ``share`` of the shortest paths carried, ``paths`` how many listed paths
        run through it; highest share first, at most ``top``).

    See Also
    --------
    group_members : The members of a group.
    bridging_introductions : When no path joins the two.

    Notes
    -----
    Two nodes: ``share(v) = σ_ab(v) / σ_ab``, the pair dependency of ``a`` and ``b`` on ``v``
    (``σ_ab`` shortest paths, ``σ_ab(v)`` of them through ``v``).  Two groups: ``share(v)`` is
    the mean of ``σ_st(v) / σ_st`` over the connected pairs ``s ∈ A, t ∈ B, s ≠ t``, the group
    dependency of [1]_, so a broker on every pair's every shortest path has share 1; it is
    accumulated from one breadth-first search per member of ``A``.  Two organisations are
    never their own brokers; a member of a group may broker for other members.

    References
    ----------
    .. [1] Brandes, U. (2008). On variants of shortest-path betweenness centrality and their
       generic computation. *Social Networks* 30(2), 136–145 (section 3).

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("a", "x"), ("x", "b"), ("a", "y"), ("y", "b"), ("b", "z"), ("c", "y")])
    >>> r = connectors(U, "a", "b")
    >>> r["distance"], r["path_count"], r["brokers"]
    (2, 2, [{'id': 'x', 'share': 0.5, 'paths': 1}, {'id': 'y', 'share': 0.5, 'paths': 1}])

    Between the groups {a, c} and {b, z}, ``b`` carries every path to ``z``:

    >>> g = connectors(U, ["a", "c"], ["b", "z"])
    >>> g["connected_pairs"], g["paths"]
    (4, [['a', 'x', 'b'], ['a', 'y', 'b'], ['c', 'y', 'b']])
    >>> [(b["id"], b["share"]) for b in g["brokers"]]
    [('y', 0.75), ('b', 0.5), ('x', 0.25)]
    >>> connectors(U, "a", "nobody")["connected"]
    False
    """
    single = not _is_group(a) and not _is_group(b)
    # a node is anything hashable that is not a list, tuple or set (a str names one node)
    A: list[Hashable] = [cast(Hashable, a)] if not _is_group(a) else list(dict.fromkeys(a))
    B: list[Hashable] = [cast(Hashable, b)] if not _is_group(b) else list(dict.fromkeys(b))
    A = [v for v in A if v in U]
    B = [v for v in B if v in U]
    targets = set(B)
    score: dict = {}
    pairs = connected_pairs = 0
    best: int | None = None
    closest: list[tuple[Hashable, Hashable, dict]] = []
    path_count = 0
    for s in A:
        order, pred, sigma, dist = _bfs(U, s)
        tgt = [t for t in targets if t != s]
        pairs += len(tgt)
        reach = [t for t in tgt if t in dist]
        connected_pairs += len(reach)
        for t in reach:
            if best is None or dist[t] < best:
                best, closest, path_count = dist[t], [], 0
            if dist[t] == best:
                closest.append((s, t, pred))
                path_count += sigma[t]
        # Brandes' accumulation with target weights: delta(v) = sum over t in B of sigma_st(v)/sigma_st
        delta = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            coeff = (1.0 if (w in targets and w != s) else 0.0) + delta[w]
            for v in pred[w]:
                delta[v] += sigma[v] / sigma[w] * coeff
            if w != s and delta[w]:
                score[w] = score.get(w, 0.0) + delta[w]
    paths: list[list] = []
    for _s, t, pred in sorted(closest, key=lambda x: (str(x[0]), str(x[1]))):
        if len(paths) >= max_paths:
            break
        paths.extend(_paths_between(pred, t, max_paths - len(paths)))
    on_listed: dict = {}
    for p in paths:
        for v in p[1:-1]:
            on_listed[v] = on_listed.get(v, 0) + 1
    norm = connected_pairs or 1
    brokers = [{"id": v, "share": round(x / norm, 12), "paths": on_listed.get(v, 0)} for v, x in score.items()]
    if single:
        brokers = [r for r in brokers if r["id"] not in (a, b)]
    brokers.sort(key=lambda r: (-r["share"], -r["paths"], str(r["id"])))
    seen: set = set()
    edges = []
    for p in paths:
        for u, v in zip(p, p[1:]):
            key = frozenset((u, v))
            if key not in seen:
                seen.add(key)
                edges.append(_edge(U, u, v))
    return {
        "connected": connected_pairs > 0,
        "distance": best,
        "pairs": pairs,
        "connected_pairs": connected_pairs,
        "paths": paths,
        "path_count": path_count,
        "edges": edges,
        "brokers": brokers[:top],
    }


def _is_group(x: object) -> TypeGuard[Iterable[Hashable]]:
    return isinstance(x, list | tuple | set | frozenset)


def bridging_introductions(
    U: nx.Graph, a: Iterable[Hashable], b: Iterable[Hashable], *, top: int = 5, area: str = "district"
) -> list[dict]:
    """Introductions that would join the components of ``a`` and ``b`` when no path does.

    The best-connected organisation of each side's component is paired with the
    best-connected of the other (degree product; a shared ``area`` doubles the
    score), so one introduction links the two parts of the network.

    Parameters
    ----------
    U : Graph
        The undirected view.
    a, b : iterable
        The two sides' organisations (nodes missing from ``U`` are ignored); each side stands
        for the union of its members' components, ``b``'s without those of ``a``.
    top : int, optional
        The best-connected ``top`` of each side are paired, and at most ``top`` pairs are
        returned (default 5).
    area : str, optional
        Node attribute whose equal non-empty value doubles a pair's score (default
        ``"district"``).

    Returns
    -------
    list of dict
        ``[{"a", "b", "score", "same_area"}]``, ``a`` from ``a``'s side and ``b`` from ``b``'s,
        ``score = (deg(a) + 1)(deg(b) + 1)``, doubled when ``same_area``; highest first (then
        by ids).  Empty when a side has no component left.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("a", "x"), ("x", "w"), ("b", "y"), ("y", "z")])
    >>> [(r["a"], r["b"]) for r in bridging_introductions(U, ["a"], ["b"])][:1]
    [('x', 'y')]
    >>> nx.set_node_attributes(U, {"x": "north", "y": "north"}, "district")
    >>> bridging_introductions(U, ["a"], ["b"], top=1)
    [{'a': 'x', 'b': 'y', 'score': 18.0, 'same_area': True}]
    """
    side_a: set = set()
    for v in a:
        if v in U:
            side_a |= nx.node_connected_component(U, v)
    side_b: set = set()
    for v in b:
        if v in U:
            side_b |= nx.node_connected_component(U, v)
    side_b -= side_a
    deg = dict(U.degree())
    rank = sorted(side_a, key=lambda v: (-deg[v], str(v)))[:top]
    rank_b = sorted(side_b, key=lambda v: (-deg[v], str(v)))[:top]
    out = []
    for x in rank:
        for y in rank_b:
            same = bool(U.nodes[x].get(area)) and U.nodes[x].get(area) == U.nodes[y].get(area)
            out.append(
                {"a": x, "b": y, "score": float((deg[x] + 1) * (deg[y] + 1) * (2 if same else 1)), "same_area": same}
            )
    out.sort(key=lambda r: (-r["score"], str(r["a"]), str(r["b"])))
    return out[:top]
