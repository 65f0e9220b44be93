"""Dependence on the centre: how much the network needs one organisation (its own intermediary).

For a centre ``c`` in the undirected view ``U`` (DESIGN.md, "Conventions added in round 2"):

* ``cut_off`` — organisations that lose their path to the rest when ``c`` goes: in ``c``'s
  component without ``c``, everyone outside the largest remaining piece (ties broken by the
  smallest id), the bus-factor rule of :mod:`network.analysis.fragility`;
* ``pairs_through`` — among the pairs of other organisations joined by some path, the share whose
  *every* shortest path runs through ``c``: ``d(i, j)`` grows (or becomes infinite) once ``c`` is
  removed.  This is the share of pairs whose pair-dependency on ``c`` (Brandes 2001) equals 1;
* ``cross_sector`` — among the tied pairs whose two organisations are in different sectors, the
  share that has ``c`` at one end.

A falling trend of the three numbers over the fiscal years is the measure of 自律: partners
connect without the centre.

References
----------
U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25 (2001) 163–177
(pair-dependency δ_st(v) = σ_st(v)/σ_st).

Examples
--------
>>> import networkx as nx
>>> U = nx.Graph([("c", "a"), ("c", "b"), ("c", "d"), ("a", "b")])
>>> nx.set_node_attributes(U, {"c": "intermediary", "a": "npo", "b": "npo", "d": "company"}, "sector")
>>> r = centre_dependence(U, "c")
>>> r["cut_off_count"], r["cut_off"], r["pairs_through"], r["cross_sector"]
(1, ['d'], 0.6666666666666666, 1.0)
"""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, shortest_path

from network.analysis.years import YearViews
from network.errors import RenkeiError

__all__ = ["centre_dependence", "dependence_by_year", "guess_centre", "check_centre"]


def check_centre(G: nx.Graph | nx.MultiDiGraph, centre: object) -> None:
    """Raise :class:`~network.errors.RenkeiError` when ``centre`` is not an organisation of ``G``.

    Parameters
    ----------
    G : Graph or MultiDiGraph
        The stored network or a view of it.
    centre : object
        The configured centre's organisation id (``--centre ID``).

    Returns
    -------
    None
        When ``centre`` is a node of ``G``.

    Raises
    ------
    RenkeiError
        When it is not (a mistyped or deleted id), with the id in the message.

    Examples
    --------
    >>> import networkx as nx
    >>> check_centre(nx.Graph([("c", "a")]), "c")
    >>> check_centre(nx.Graph([("c", "a")]), "x")
    Traceback (most recent call last):
    ...
    network.errors.RenkeiError: centre 'x' is not an organisation id in the store
    """
    if centre not in G:
        raise RenkeiError(f"centre {centre!r} is not an organisation id in the store")


def guess_centre(G: nx.Graph | nx.MultiDiGraph) -> object | None:
    """The intermediary (sector ``intermediary``) with the most partners; ``None`` without one.

    Used only when no centre is configured; the callers say it was guessed.

    Parameters
    ----------
    G : Graph or MultiDiGraph
        The stored network or a view; ties count in either direction, several ties to one
        partner once, and self-ties not at all.

    Returns
    -------
    object or None
        The id of the ``intermediary`` organisation with the most distinct partners (equal
        counts: the smallest id); ``None`` when no organisation is an intermediary.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("x", "a"), ("x", "b"), ("y", "a")])
    >>> nx.set_node_attributes(G, {"x": "intermediary", "y": "intermediary"}, "sector")
    >>> guess_centre(G)
    'x'
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    cands = [v for v, d in U.nodes(data=True) if d.get("sector") == "intermediary"]
    if not cands:
        return None
    return min(cands, key=lambda v: (-len(set(U[v]) - {v}), str(v)))


def component_labels(U: nx.Graph, *, without: object = None) -> tuple[list, np.ndarray]:
    """``(nodes, label of each)``: the connected components of ``U`` (its node order), by SciPy.

    ``without``: a node whose ties are left out (it is then a component of its own).  The same sets as
    ``nx.connected_components`` of the subgraph without it, without a subgraph view (the centre's cut-off at
    50,000 organisations: 1.06 s → 0.59 s).

    >>> nodes, labels = component_labels(nx.Graph([("a", "b"), ("c", "d"), ("b", "c"), ("e", "f")]), without="b")
    >>> nodes, labels.tolist()
    (['a', 'b', 'c', 'd', 'e', 'f'], [0, 1, 2, 2, 3, 3])
    """
    nodes = list(U)
    idx = {v: i for i, v in enumerate(nodes)}
    pairs = [(idx[u], idx[v]) for u, v in U.edges() if u != without and v != without]
    e = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    n = len(nodes)
    A = sp.csr_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    return nodes, connected_components(A, directed=False)[1]


def _cut_off(U: nx.Graph, centre: object) -> list:
    comp = nx.node_connected_component(U, centre) - {centre}
    if not comp:
        return []
    nodes, labels = component_labels(U, without=centre)
    groups: dict[int, list] = {}
    for v, c in zip(nodes, labels.tolist()):
        if v in comp:
            groups.setdefault(c, []).append(v)
    pieces = sorted(groups.values(), key=lambda p: (-len(p), min(map(str, p))))
    return sorted((v for p in pieces[1:] for v in p), key=str)


def _pairs_through(
    U: nx.Graph, centre: object, *, exact_threshold: int, k: int, seed: int, chunk: int = 256
) -> tuple[int, int, str]:
    """(pairs whose every shortest path runs through ``centre``, connected pairs, method) over the others.

    With ``dc`` the distances from the centre and ``d_B`` those in the network without it, a pair of
    the centre's component is joined through the centre by a shortest path of length dc[i] + dc[j],
    and every shortest path runs through it exactly when dc[i] + dc[j] < d_B(i, j).  One
    breadth-first search per source (all of them, or ``k`` seeded samples above the threshold).
    """
    comp = nx.node_connected_component(U, centre)
    connected = sum(len(c) * (len(c) - 1) // 2 for c in nx.connected_components(U) if centre not in c)
    # in the network's order: a set's order changes with each process's string hash seed, and the sampled
    # sources are drawn by position (the same network gave 229,803 pairs in one process, 252,615 in another)
    nodes = [v for v in U if v in comp and v != centre]
    m = len(nodes)
    connected += m * (m - 1) // 2
    if m < 2:
        return 0, connected, "exact"
    idx = {v: i for i, v in enumerate(nodes)}
    c = m  # the centre is the last index
    idx[centre] = c
    rows, cols = [], []
    for u, v in U.edges(comp):  # every edge touching the component lies inside it
        if u != v and u in idx and v in idx:
            rows += [idx[u], idx[v]]
            cols += [idx[v], idx[u]]
    r, q = np.array(rows), np.array(cols)
    A = sp.csr_matrix((np.ones(len(r)), (r, q)), shape=(m + 1, m + 1))
    dc = shortest_path(A, unweighted=True, directed=False, indices=[c])[0][:m]
    keep = (r != c) & (q != c)
    B = sp.csr_matrix((np.ones(int(keep.sum())), (r[keep], q[keep])), shape=(m, m))
    if m <= exact_threshold:
        sources, method = np.arange(m), "exact"
    else:
        sources, method = np.array(sorted(random.Random(seed).sample(range(m), k))), "sampled"
    ordered = 0
    for s in range(0, len(sources), chunk):
        src = sources[s : s + chunk]
        dB = shortest_path(B, unweighted=True, directed=False, indices=src)
        ordered += int((dc[src][:, None] + dc[None, :] < dB).sum())
    if method == "exact":
        return ordered // 2, connected, method
    share = ordered / (len(sources) * (m - 1))
    return round(share * m * (m - 1) / 2), connected, method


#: Exact pair counts up to this many organisations in the centre's component; sampled above.
EXACT_PAIRS = 1500
#: Sampled sources above :data:`EXACT_PAIRS` (seeded; the result says ``pairs_through_method``).
SAMPLE_PAIRS = 500


def centre_dependence(
    U: nx.Graph,
    centre: object,
    *,
    limit: int | None = 50,
    exact_threshold: int = EXACT_PAIRS,
    k: int = SAMPLE_PAIRS,
    seed: int = 0,
) -> dict:
    """How much the undirected view ``U`` depends on organisation ``centre``.

    Parameters
    ----------
    U : Graph
        The undirected view (one edge per tied pair; a ``sector`` per node).
    centre : object
        The centre's organisation id.
    limit : int or None, optional
        List at most this many cut-off organisations (default 50; ``None``: all);
        ``cut_off_count`` is always the full number.
    exact_threshold : int, optional
        The pair share is exact while the centre's component has at most this many other
        organisations (default :data:`EXACT_PAIRS`, 1500), estimated above it.
    k : int, optional
        Source organisations of the estimate (default :data:`SAMPLE_PAIRS`, 500).
    seed : int, optional
        Seed of ``random.Random`` drawing the sources (default 0); ``pairs_through_method``
        says whether the share is exact or sampled.

    Returns
    -------
    dict
        ``centre``; ``in_network`` (``False`` when ``centre`` is not in ``U``: every count and
        share is then ``None`` and ``cut_off`` empty); ``cut_off_count`` and ``cut_off`` (ids,
        sorted); ``pairs_through`` (share of the connected pairs of other organisations whose
        every shortest path runs through the centre; ``None`` without a connected pair),
        ``pairs_through_count``, ``connected_pairs``, ``pairs_through_method`` (``"exact"`` or
        ``"sampled"``); ``cross_sector`` (share of the cross-sector tied pairs that have the
        centre at one end; ``None`` without one), ``cross_sector_ties``,
        ``cross_sector_with_centre``.

    See Also
    --------
    dependence_by_year : The same per fiscal year.
    network.analysis.fragility.fragility : Every cut point's bus factor.

    Notes
    -----
    A pair ``(i, j)`` counts in ``pairs_through`` when its pair dependency on the centre,
    ``σ_ij(c)/σ_ij``, is 1 [1]_: with ``d_c`` the distances from the centre and ``d'`` those
    in ``U`` without it, exactly when ``d_c(i) + d_c(j) < d'(i, j)`` (``d'`` infinite when the
    pair is cut apart).  Pairs of other components are connected pairs that never run through
    the centre.  *Cut off* follows the bus-factor rule of
    :func:`~network.analysis.fragility.fragility`: in the centre's component without it,
    everyone outside the largest piece (equal pieces: the one with the smallest id stays).

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
       Mathematical Sociology* 25(2), 163–177 (pair dependency ``δ_st(v) = σ_st(v)/σ_st``).

    Examples
    --------
    A star around ``c`` with one tie between two partners:

    >>> import networkx as nx
    >>> U = nx.Graph([("c", "a"), ("c", "b"), ("c", "d"), ("a", "b"), ("x", "y")])
    >>> nx.set_node_attributes(U, "npo", "sector")
    >>> U.nodes["c"]["sector"] = "intermediary"
    >>> r = centre_dependence(U, "c")
    >>> r["cut_off"], r["pairs_through_count"], r["connected_pairs"], r["pairs_through"]
    (['d'], 2, 4, 0.5)
    >>> r["cross_sector_ties"], r["cross_sector_with_centre"], r["cross_sector"]
    (3, 3, 1.0)
    >>> centre_dependence(U, "gone")["in_network"]
    False
    """
    if centre not in U:
        return {
            "centre": centre,
            "in_network": False,
            "cut_off_count": None,
            "cut_off": [],
            "pairs_through": None,
            "pairs_through_count": None,
            "connected_pairs": None,
            "pairs_through_method": None,
            "cross_sector": None,
            "cross_sector_ties": None,
            "cross_sector_with_centre": None,
        }
    lost = _cut_off(U, centre)
    through, connected, method = _pairs_through(U, centre, exact_threshold=exact_threshold, k=k, seed=seed)
    sec = U.nodes
    cross = [(u, v) for u, v in U.edges() if u != v and sec[u].get("sector") != sec[v].get("sector")]
    with_c = sum(1 for u, v in cross if centre in (u, v))
    return {
        "centre": centre,
        "in_network": True,
        "cut_off_count": len(lost),
        "cut_off": lost if limit is None else lost[:limit],
        "pairs_through": through / connected if connected else None,
        "pairs_through_count": through,
        "connected_pairs": connected,
        "pairs_through_method": method,
        "cross_sector": with_c / len(cross) if cross else None,
        "cross_sector_ties": len(cross),
        "cross_sector_with_centre": with_c,
    }


def dependence_by_year(G: nx.MultiDiGraph, centre: object, years: list[int]) -> list[dict]:
    """:func:`centre_dependence` for each fiscal year (the network of :func:`~network.analysis.years.year_view`).

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`).
    centre : object
        The centre's organisation id; it must be in ``G``.  In a year before any of its ties
        starts it may be missing from the year's network (``in_network`` is then ``False``).
    years : list of int
        Fiscal years (``2016`` = 2016-04-01…2017-03-31), in the order wanted.

    Returns
    -------
    list of dict
        One per year: ``fy`` and the keys of :func:`centre_dependence` (default ``limit``,
        ``exact_threshold``, ``k`` and ``seed``) on that year's undirected view.  A falling
        trend of ``cut_off_count``, ``pairs_through`` and ``cross_sector`` means the partners
        connect without the centre.

    Raises
    ------
    RenkeiError
        When ``centre`` is not an organisation of ``G``.

    See Also
    --------
    centre_dependence : One network.

    Notes
    -----
    ``pairs_through`` is the share of pairs whose pair dependency on the centre is 1 [1]_.

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
       Mathematical Sociology* 25(2), 163–177 (pair dependency ``δ_st(v) = σ_st(v)/σ_st``).

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> M.add_nodes_from(["c", "a", "b"], sector="npo")
    >>> _ = M.add_edge("c", "a", key="1", directed=False, start="2015-04-01")
    >>> _ = M.add_edge("c", "b", key="2", directed=False, start="2015-04-01")
    >>> _ = M.add_edge("a", "b", key="3", directed=False, start="2016-04-01")
    >>> [(r["fy"], r["cut_off_count"], r["pairs_through"]) for r in dependence_by_year(M, "c", [2015, 2016])]
    [(2015, 1, 1.0), (2016, 0, 0.0)]
    """
    check_centre(G, centre)
    view = YearViews(G)  # the ties' days read once for every year
    return [{"fy": fy, **centre_dependence(view(fy), centre)} for fy in years]
