"""Fragility: cut points, bridges, and who is cut off when one of them goes.

One depth-first search (Hopcroft–Tarjan low points) over the undirected view
finds every cut point and bridge and, for each, the organisations that lose
their path to the rest of their component:

* a cut point's *bus factor*: removing it splits its component into pieces;
  every piece but the largest is cut off;
* a bridge: removing it splits its component in two; the smaller side is cut off;
* organisations that hang on a single tie (one partner only).

The cut points and bridges equal ``nx.articulation_points`` and ``nx.bridges``.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("hub", "a"), ("hub", "b"), ("a", "b"), ("hub", "leaf")])
>>> r = fragility(G)
>>> [(c["id"], c["cut_off"]) for c in r["cut_points"]]
[('hub', ['leaf'])]
>>> r["bridges"][0]["cut_off"], r["single_tie"]
(['leaf'], [{'id': 'leaf', 'partner': 'hub'}])
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from network.analysis.engine import Indexed

__all__ = ["fragility"]


def _dfs(X: Indexed) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Iterative DFS: preorder number, low point, subtree size, parent, order, root."""
    n = X.n
    A = X.A
    indptr, indices = A.indptr.tolist(), A.indices.tolist()
    disc = [-1] * n
    low = [0] * n
    size = [1] * n
    parent = [-1] * n
    root = [-1] * n
    order: list[int] = []
    t = 0
    for r in range(n):
        if disc[r] != -1:
            continue
        disc[r] = low[r] = t
        t += 1
        order.append(r)
        root[r] = r
        stack = [(r, indptr[r])]
        while stack:
            v, i = stack[-1]
            end = indptr[v + 1]
            pushed = False
            while i < end:
                w = indices[i]
                i += 1
                if disc[w] == -1:
                    stack[-1] = (v, i)
                    parent[w] = v
                    root[w] = r
                    disc[w] = low[w] = t
                    t += 1
                    order.append(w)
                    stack.append((w, indptr[w]))
                    pushed = True
                    break
                if w != parent[v] and disc[w] < low[v]:
                    low[v] = disc[w]
            if pushed:
                continue
            stack.pop()
            p = parent[v]
            if p != -1:
                if low[v] < low[p]:
                    low[p] = low[v]
                size[p] += size[v]
    return (
        np.array(disc),
        np.array(low),
        np.array(size),
        np.array(parent),
        np.array(order, dtype=np.int64),
        np.array(root),
    )


def fragility(U: nx.Graph | Indexed, *, limit: int | None = 50) -> dict:
    """Cut points, bridges and single-tie organisations, with who each cuts off.

    Parameters
    ----------
    U : Graph or Indexed
        The undirected view (:func:`~network.analysis.views.undirected_view`); a directed graph
        is read as undirected.
    limit : int or None, optional
        List at most this many cut-off organisations per item (default 50, the smallest ids);
        ``None``: all.  ``cut_off_count`` is always the full number.

    Returns
    -------
    dict
        ``cut_points``: ``[{"id", "cut_off_count", "pieces", "cut_off"}]``, one per
        articulation point, most cut off first (then by id); ``pieces`` are the sizes of the
        parts its component falls into without it, largest first, and ``cut_off`` the ids of
        all parts but the largest (ties between equal parts: the one the search reached first
        stays).  ``bridges``: ``[{"a", "b", "cut_off_count", "cut_off"}]``, one per bridge,
        likewise sorted; ``cut_off`` is the smaller side (equal sides: ``b``'s side).
        ``single_tie``: ``[{"id", "partner"}]`` for every organisation with exactly one
        partner.

    See Also
    --------
    network.analysis.whatif.what_if : Removing any set of organisations.
    network.analysis.dependence.centre_dependence : Dependence on one organisation.

    Notes
    -----
    One iterative depth-first search computes the preorder number and low point of every
    node [1]_: a non-root ``v`` is a cut point when a child ``c`` has ``low[c] >= disc[v]``, the
    root when it has two or more children, and the tree edge ``(v, c)`` is a bridge when
    ``low[c] > disc[v]`` [2]_.  The cut points equal ``nx.articulation_points(U)`` and the
    bridges ``nx.bridges(U)``.  Isolates are in no item.

    References
    ----------
    .. [1] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
       manipulation. *Communications of the ACM* 16(6), 372–378.
    .. [2] Tarjan, R. E. (1974). A note on finding the bridges of a graph. *Information
       Processing Letters* 2(6), 160–161.

    Examples
    --------
    A hub holding a triangle, a leaf and a two-organisation tail:

    >>> import networkx as nx
    >>> U = nx.Graph([("hub", "a"), ("hub", "b"), ("a", "b"), ("hub", "leaf"),
    ...               ("hub", "t1"), ("t1", "t2")])
    >>> r = fragility(U)
    >>> [(c["id"], c["pieces"], c["cut_off"]) for c in r["cut_points"]]
    [('hub', [2, 2, 1], ['leaf', 't1', 't2']), ('t1', [4, 1], ['t2'])]
    >>> [(b["a"], b["b"], b["cut_off"]) for b in r["bridges"]]
    [('hub', 't1', ['t1', 't2']), ('hub', 'leaf', ['leaf']), ('t1', 't2', ['t2'])]
    >>> r["single_tie"]
    [{'id': 'leaf', 'partner': 'hub'}, {'id': 't2', 'partner': 't1'}]
    """
    X = U if isinstance(U, Indexed) else Indexed(U)
    if X.directed:
        X = Indexed(X.G.to_undirected())
    n = X.n
    if n == 0:
        return {"cut_points": [], "bridges": [], "single_tie": []}
    disc, low, size, parent, order, root = _dfs(X)
    comp_size = size[root]
    nodes = X.nodes

    def subtree(c: int) -> np.ndarray:
        return order[disc[c] : disc[c] + size[c]]

    def names(idx: np.ndarray) -> list:
        idx = np.sort(idx)
        return [nodes[i] for i in (idx if limit is None else idx[:limit])]

    # cut points: children c of v with low[c] >= disc[v] are separated pieces
    children = np.flatnonzero(parent >= 0)
    par = parent[children]
    sep = low[children] >= disc[par]
    pieces: dict[int, list[int]] = {}
    for c, v in zip(children[sep].tolist(), par[sep].tolist(), strict=True):
        pieces.setdefault(v, []).append(c)
    cut_points = []
    for v, kids in pieces.items():
        is_root = parent[v] == -1
        if is_root and len(kids) < 2:
            continue
        sizes = [int(size[c]) for c in kids]
        rest = int(comp_size[v] - 1 - sum(sizes))
        all_sizes = sizes + ([rest] if rest > 0 else [])
        biggest = max(all_sizes)
        if rest > 0 and rest == biggest:
            lost = np.concatenate([subtree(c) for c in kids])
        else:
            # keep the largest child piece; everything else in the component is cut off
            keep = kids[int(np.argmax(sizes))]
            comp = order[disc[root[v]] : disc[root[v]] + comp_size[v]]
            drop = np.zeros(n, dtype=bool)
            drop[comp] = True
            drop[subtree(keep)] = False
            drop[v] = False
            lost = np.flatnonzero(drop)
        cut_points.append(
            {
                "id": nodes[v],
                "cut_off_count": int(len(lost)),
                "pieces": sorted(all_sizes, reverse=True),
                "cut_off": names(lost),
            }
        )
    cut_points.sort(key=lambda r: (-r["cut_off_count"], str(r["id"])))

    bridges = []
    br = low[children] > disc[par]
    for c, v in zip(children[br].tolist(), par[br].tolist(), strict=True):
        side = subtree(c)
        if size[c] * 2 > comp_size[c]:
            comp = order[disc[root[c]] : disc[root[c]] + comp_size[c]]
            mask = np.ones(len(comp), dtype=bool)
            mask[np.isin(comp, side)] = False
            side = comp[mask]
        bridges.append({"a": nodes[v], "b": nodes[c], "cut_off_count": int(len(side)), "cut_off": names(side)})
    bridges.sort(key=lambda r: (-r["cut_off_count"], str(r["a"]), str(r["b"])))

    deg = X.degree
    A = X.A
    single = [{"id": nodes[i], "partner": nodes[int(A.indices[A.indptr[i]])]} for i in np.flatnonzero(deg == 1)]
    return {"cut_points": cut_points, "bridges": bridges, "single_tie": single}
