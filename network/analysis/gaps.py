"""Gaps: sector mixing, E–I index, communities, components, areas without a sector.

* :func:`sector_gaps` — for each unordered pair of groups (diagonal included)
  of the undirected view: pairs of organisations tied by any tie in either
  direction, pairs possible, density and ratio to the overall density, and
  for a pair with no tie the introductions that would close it.
* :func:`sector_mixing` — for each ordered pair of groups (sectors by
  default) of the directed view: arcs present, arcs possible, density and
  the ratio of that density to the overall density (the density blockmodel
  of ``sna::blockmodel``).
* :func:`ei_index` — Krackhardt & Stern's E–I index ``(E − I)/(E + I)`` on the
  undirected view, per group and overall.
* :func:`communities`, :func:`community_ties` — Louvain with a fixed seed, and the ties between each
  pair of communities (defined in :mod:`network.analysis.community`, named here too).
* :func:`components` — connected components and isolates.
* :func:`area_gaps` — districts none of whose organisations has a tie to a
  given sector.

Examples
--------
>>> import networkx as nx
>>> U = nx.Graph([("a", "b"), ("b", "c")])
>>> nx.set_node_attributes(U, {"a": "npo", "b": "npo", "c": "company"}, "sector")
>>> ei_index(U)["overall"]
0.0
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from network.analysis.community import communities, community_ties
from network.analysis.engine import Indexed

__all__ = ["sector_gaps", "sector_mixing", "ei_index", "communities", "community_ties", "components", "area_gaps"]


def _as_indexed(G: nx.Graph | Indexed) -> Indexed:
    return G if isinstance(G, Indexed) else Indexed(G)


def _density(present: float, possible: float) -> float:
    return present / possible if possible else math.nan


def sector_mixing(D: nx.DiGraph | Indexed, *, attr: str = "sector") -> list[dict]:
    """Tie density between every ordered pair of groups of the directed view.

    Parameters
    ----------
    D : DiGraph or Indexed
        The directed view (:func:`~network.analysis.views.directed_view`: a directed tie is
        one arc from source to target, an undirected tie two arcs).
    attr : str, optional
        Node attribute defining the groups (default ``"sector"``), read as text (``""`` when
        missing).

    Returns
    -------
    list of dict
        ``{"from", "to", "present", "possible", "density", "ratio"}`` for every ordered pair of
        groups (sorted; ``from`` is the arc's tail): ``present`` arcs (self-loops not counted),
        ``possible`` = ``n_a n_b`` (``n_a (n_a − 1)`` within a group), ``density`` =
        present / possible (``nan`` when none is possible) and ``ratio`` = density / the
        overall density ``m / (n(n − 1))`` (``nan`` when undefined or the overall density
        is 0).

    Raises
    ------
    ValueError
        When ``D`` is undirected.

    See Also
    --------
    sector_gaps : The undirected counterpart, one row per unordered pair.
    ei_index : Ties out of each group against ties inside it.

    Notes
    -----
    The density table of a blockmodel [1]_ whose blocks are the groups, as
    ``sna::blockmodel`` computes it in R for the directed view; a ``ratio`` of 1 or more is
    the α-density criterion of [2]_ with α the overall density.

    References
    ----------
    .. [1] White, H. C., Boorman, S. A. and Breiger, R. L. (1976). Social structure from
       multiple networks. I. Blockmodels of roles and positions. *American Journal of
       Sociology* 81(4), 730–780.
    .. [2] Wasserman, S. and Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press, ch. 10 (blockmodels, density tables).

    Examples
    --------
    >>> import networkx as nx
    >>> D = nx.DiGraph([("a", "b"), ("b", "a")])
    >>> D.add_node("c")
    >>> nx.set_node_attributes(D, {"a": "x", "b": "y", "c": "y"}, "sector")
    >>> [(r["from"], r["to"], r["present"], r["possible"]) for r in sector_mixing(D)]
    [('x', 'x', 0, 0), ('x', 'y', 1, 2), ('y', 'x', 1, 2), ('y', 'y', 0, 2)]
    """
    X = _as_indexed(D)
    if not X.directed:
        raise ValueError("sector_mixing needs the directed view")
    g, groups = X.codes(attr)
    m = len(groups)
    size = np.bincount(g, minlength=m).astype(float)
    present = np.zeros((m, m))
    np.add.at(present, (g[X.src], g[X.dst]), 1)
    possible = np.outer(size, size) - np.diag(size)
    overall = _density(present.sum(), X.n * (X.n - 1))
    rows = []
    for a in range(m):
        for b in range(m):
            dens = _density(present[a, b], possible[a, b])
            rows.append(
                {
                    "from": groups[a],
                    "to": groups[b],
                    "present": int(present[a, b]),
                    "possible": int(possible[a, b]),
                    "density": dens,
                    "ratio": dens / overall if overall and not math.isnan(overall) else math.nan,
                }
            )
    return rows


def sector_gaps(U: nx.Graph | Indexed, *, attr: str = "sector", closing: int = 3) -> list[dict]:
    """Tie density between every unordered pair of groups of the undirected view.

    Parameters
    ----------
    U : Graph or Indexed
        The undirected view (the ties of a pair, either direction, are one edge); a directed
        graph is read as undirected.
    attr : str, optional
        Node attribute defining the groups (default ``"sector"``), read as text (``""`` when
        missing).
    closing : int, optional
        For a pair of groups with no tie (and some pair possible), how many introductions
        that would close it to list (default 3; ``0``: none).

    Returns
    -------
    list of dict
        ``{"a", "b", "n_a", "n_b", "ties", "possible", "density", "ratio", "introductions"}``
        for every pair ``a <= b`` (codes in sorted order); ``ties`` = pairs of organisations
        tied, ``possible`` = ``n_a n_b`` (``n_a (n_a − 1)/2`` when ``a == b``), ``ratio`` =
        density / the overall density ``2m / (n(n − 1))`` (``nan`` when undefined);
        ``introductions`` as :func:`~network.analysis.introductions.suggest_introductions`
        returns them, ``a`` in group ``a``.

    See Also
    --------
    sector_mixing : The directed counterpart, one row per ordered pair.

    Notes
    -----
    The density table of the undirected view with the groups as blocks [1]_; unlike
    :func:`sector_mixing` a tie counts once, whatever its direction.

    References
    ----------
    .. [1] Wasserman, S. and Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press, ch. 10 (blockmodels, density tables).

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("a", "b")]); U.add_node("c")
    >>> nx.set_node_attributes(U, {"a": "x", "b": "y", "c": "y"}, "sector")
    >>> [(r["a"], r["b"], r["ties"], r["possible"]) for r in sector_gaps(U)]
    [('x', 'x', 0, 0), ('x', 'y', 1, 2), ('y', 'y', 0, 1)]
    """
    from network.analysis.introductions import suggest_introductions

    X = _as_indexed(U)
    if X.directed:
        X = Indexed(X.G.to_undirected())
    g, groups = X.codes(attr)
    m = len(groups)
    size = np.bincount(g, minlength=m).astype(float)
    ga, gb = np.minimum(g[X.src], g[X.dst]), np.maximum(g[X.src], g[X.dst])
    present = np.zeros((m, m))
    np.add.at(present, (ga, gb), 1)
    overall = _density(len(X.src), X.n * (X.n - 1) / 2)
    rows = []
    for a in range(m):
        for b in range(a, m):
            possible = size[a] * (size[a] - 1) / 2 if a == b else size[a] * size[b]
            dens = _density(present[a, b], possible)
            ties = int(present[a, b])
            intro = (
                suggest_introductions(X, attr=attr, between=(groups[a], groups[b]), top=closing)
                if closing and ties == 0 and possible
                else []
            )
            rows.append(
                {
                    "a": groups[a],
                    "b": groups[b],
                    "n_a": int(size[a]),
                    "n_b": int(size[b]),
                    "ties": ties,
                    "possible": int(possible),
                    "density": dens,
                    "ratio": dens / overall if overall and not math.isnan(overall) else math.nan,
                    "introductions": intro,
                }
            )
    return rows


def ei_index(U: nx.Graph | Indexed, *, attr: str = "sector") -> dict:
    """Krackhardt & Stern's E–I index, overall and per group, on the undirected view.

    Parameters
    ----------
    U : Graph or Indexed
        The undirected view (a tie counts once; a directed graph is read as undirected;
        self-loops do not count).
    attr : str, optional
        Node attribute defining the groups (default ``"sector"``), read as text (``""`` when
        missing).

    Returns
    -------
    dict
        ``overall`` (float), ``by_group`` (group → E–I index), ``external`` (group → ``E``) and
        ``internal`` (group → ``I``), the groups as text, sorted.  ``-1``: every tie stays
        inside; ``+1``: every tie goes out; ``nan`` when there are no ties (for a group: none
        touches it).

    See Also
    --------
    sector_gaps : Tie density between every pair of groups.

    Notes
    -----
    The E–I index [1]_ is ``(E − I)/(E + I)``.  Overall, ``E`` counts the ties between
    groups and ``I`` the ties within one.  For group ``g``, ``E`` counts the ties with exactly
    one end in ``g`` and ``I`` those with both ends in ``g``.

    References
    ----------
    .. [1] Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. *Social Psychology Quarterly* 51(2), 123–140.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(U, {"a": 1, "b": 1, "c": 2, "d": 2}, "sector")
    >>> r = ei_index(U)
    >>> round(r["overall"], 3), r["by_group"]["1"]
    (-0.333, 0.0)
    >>> r["external"], r["internal"]
    ({'1': 1, '2': 1}, {'1': 1, '2': 1})
    """
    X = _as_indexed(U)
    if X.directed:
        X = Indexed(X.G.to_undirected())
    g, groups = X.codes(attr)
    gs, gd = g[X.src], g[X.dst]
    within = gs == gd
    m = len(groups)
    internal = np.bincount(gs[within], minlength=m)
    external = np.bincount(gs[~within], minlength=m) + np.bincount(gd[~within], minlength=m)
    E, Itot = int((~within).sum()), int(within.sum())

    def ei(e: float, i: float) -> float:
        return float((e - i) / (e + i)) if e + i else math.nan

    return {
        "overall": ei(E, Itot),
        "by_group": {groups[a]: ei(external[a], internal[a]) for a in range(m)},
        "external": {groups[a]: int(external[a]) for a in range(m)},
        "internal": {groups[a]: int(internal[a]) for a in range(m)},
    }


def components(U: nx.Graph | Indexed) -> dict:
    """Connected components (largest first) and isolates of the undirected view.

    Parameters
    ----------
    U : Graph or Indexed
        The undirected view (a directed graph's weak components).

    Returns
    -------
    dict
        ``count`` (components, isolates included), ``sizes`` (largest first), ``membership``
        (node → component number, ``0`` the largest; equal sizes: by the first member's
        position in ``U``) and ``isolates`` (organisations without a tie, in node order).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2)]); G.add_node(3)
    >>> r = components(G)
    >>> r["count"], r["sizes"], r["isolates"], r["membership"]
    (2, [2, 1], [3], {1: 0, 2: 0, 3: 1})
    """
    X = _as_indexed(U)
    if X.n == 0:
        return {"count": 0, "sizes": [], "membership": {}, "isolates": []}
    member = np.asarray(X.igraph.connected_components(mode="weak").membership, dtype=np.int64)
    sizes = np.bincount(member)
    first = np.full(len(sizes), X.n)
    np.minimum.at(first, member, np.arange(X.n))
    order = sorted(range(len(sizes)), key=lambda c: (-sizes[c], first[c]))
    rank = np.empty(len(sizes), dtype=np.int64)
    rank[order] = np.arange(len(sizes))
    deg = X.degree
    return {
        "count": int(len(sizes)),
        "sizes": sorted(sizes.tolist(), reverse=True),
        "membership": dict(zip(X.nodes, rank[member].tolist(), strict=True)),
        "isolates": [X.nodes[i] for i in np.flatnonzero(deg == 0)],
    }


def area_gaps(U: nx.Graph | Indexed, *, area: str = "district", attr: str = "sector") -> list[dict]:
    """Areas none of whose organisations is tied to an organisation of a group.

    For each area (non-empty ``area`` attribute) and each group present in the
    network, the area lacks that group when no tie joins one of its
    organisations to an organisation of the group (its own members of the
    group do not count).

    Parameters
    ----------
    U : Graph or Indexed
        The undirected view.
    area : str, optional
        Node attribute naming the area (default ``"district"``; organisations without one are
        in no area, but count as partners).
    attr : str, optional
        Node attribute defining the groups (default ``"sector"``), read as text (``""`` when
        missing).

    Returns
    -------
    list of dict
        ``{"area", "orgs", "missing"}`` for each area missing at least one group, sorted by
        area: ``orgs`` counts its organisations and ``missing`` lists the groups (sorted) none
        of them is tied to.  Empty when no organisation has an area.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("a", "b")]); U.add_node("c")
    >>> nx.set_node_attributes(U, {"a": "npo", "b": "company", "c": "government"}, "sector")
    >>> nx.set_node_attributes(U, {"a": "north", "b": "", "c": ""}, "district")
    >>> area_gaps(U)
    [{'area': 'north', 'orgs': 1, 'missing': ['government', 'npo']}]
    """
    X = _as_indexed(U)
    areas = X.labels(area)
    g, groups = X.codes(attr)
    area_names = sorted({a for a in areas if a})
    if not area_names:
        return []
    apos = {a: i for i, a in enumerate(area_names)}
    ai = np.array([apos.get(a, -1) for a in areas], dtype=np.int64)
    reach = np.zeros((len(area_names), len(groups)), dtype=bool)
    for s, d in ((X.src, X.dst), (X.dst, X.src)):
        ok = ai[s] >= 0
        reach[ai[s][ok], g[d][ok]] = True
    counts = np.bincount(ai[ai >= 0], minlength=len(area_names))
    out = []
    for i, a in enumerate(area_names):
        missing = [groups[j] for j in range(len(groups)) if not reach[i, j]]
        if missing:
            out.append({"area": a, "orgs": int(counts[i]), "missing": missing})
    return out
