"""Measures over the fiscal years (年度): does the network grow, and does it become less fragile?

One row per fiscal year, on the network of that year (:mod:`network.analysis.years`: the ties
running at some time in the year among the organisations known by its end):

* ``orgs`` (known organisations), ``active_orgs`` (with a tie running), ``ties`` (tie records),
  ``pairs`` (tied pairs), ``density`` (pairs / n(n−1)/2);
* ``components`` (connected components of two or more organisations), ``isolates``, ``cut_points``
  (articulation points, ``nx.articulation_points``);
* ``cross_sector`` — share of tied pairs whose organisations are in different sectors;
* ``sector_pairs_no_tie`` — unordered pairs of sectors present that year (diagonal included when a
  sector has two or more organisations) with no tied pair between them (:func:`sector_pair_ties`);
* ``districts_no_centre`` — districts (city and 校区・地区) none of whose organisations is tied to the
  centre (``None`` without a centre);
* ``new_ties``/``ended_ties`` — tied pairs present this year but not the year before, and the
  reverse (the pair convention of :func:`network.analysis.change.compare`);
* ``top_brokers`` — the ``top`` organisations by betweenness (NetworkX normalisation);
* ``centre`` — :func:`~network.analysis.dependence.centre_dependence` when a centre is given.

Examples
--------
>>> import networkx as nx
>>> M = nx.MultiDiGraph()
>>> M.add_nodes_from([("c", {"sector": "intermediary", "district": "x"}),
...                   ("a", {"sector": "npo", "district": "x"}), ("b", {"sector": "npo", "district": "y"})])
>>> _ = M.add_edge("c", "a", key="1", directed=False, start="2015-04-01")
>>> _ = M.add_edge("a", "b", key="2", directed=False, start="2016-04-01", end="2017-03-31")
>>> rows = trend(M, 2015, 2017, centre="c")
>>> [(r["fy"], r["orgs"], r["pairs"], r["new_ties"], r["ended_ties"]) for r in rows]
[(2015, 2, 1, 1, 0), (2016, 3, 2, 1, 0), (2017, 3, 1, 0, 1)]
>>> [r["districts_no_centre"] for r in rows], rows[1]["cut_points"]
([0, 1, 1], 1)
"""

from __future__ import annotations

import math
from itertools import combinations_with_replacement

import networkx as nx

from network.analysis.brokers import betweenness
from network.analysis.dependence import centre_dependence, check_centre
from network.analysis.years import YearViews
from network.errors import InputError

__all__ = ["trend", "year_measures", "sector_pair_ties", "trend_columns"]

#: The scalar columns of a trend row, in table order (``top_brokers`` and ``centre`` are nested).
trend_columns = [
    "fy",
    "orgs",
    "active_orgs",
    "ties",
    "pairs",
    "density",
    "components",
    "isolates",
    "cut_points",
    "cross_sector",
    "sector_pairs_no_tie",
    "districts_no_centre",
    "new_ties",
    "ended_ties",
]


def sector_pair_ties(U: nx.Graph, *, attr: str = "sector") -> list[dict]:
    """Tied pairs per unordered pair of groups (diagonal included), with the pairs possible.

    Parameters
    ----------
    U : Graph
        The undirected view (the ties of a pair, either direction, are one edge).
    attr : str, optional
        Node attribute defining the groups (default ``"sector"``; ``""`` when missing).

    Returns
    -------
    list of dict
        ``{"a", "b", "ties", "possible"}`` for every pair of groups ``a <= b`` (sorted):
        ``ties`` counts the pairs of organisations joined by an edge (self-loops not counted),
        ``possible`` is ``n_a·n_b`` (``a ≠ b``) or ``n_a(n_a − 1)/2``.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("a", "b")]); U.add_node("c")
    >>> nx.set_node_attributes(U, {"a": "npo", "b": "company", "c": "npo"}, "sector")
    >>> [(r["a"], r["b"], r["ties"], r["possible"]) for r in sector_pair_ties(U)]
    [('company', 'company', 0, 0), ('company', 'npo', 1, 2), ('npo', 'npo', 0, 1)]
    """
    size: dict[str, int] = {}
    for _, d in U.nodes(data=True):
        g = d.get(attr) or ""
        size[g] = size.get(g, 0) + 1
    ties: dict[tuple[str, ...], int] = {}
    for u, v in U.edges():
        if u == v:
            continue
        key = tuple(sorted((U.nodes[u].get(attr) or "", U.nodes[v].get(attr) or "")))
        ties[key] = ties.get(key, 0) + 1
    rows = []
    for a, b in combinations_with_replacement(sorted(size), 2):
        possible = size[a] * (size[a] - 1) // 2 if a == b else size[a] * size[b]
        rows.append({"a": a, "b": b, "ties": ties.get((a, b), 0), "possible": possible})
    return rows


def _pairs(U: nx.Graph) -> set[tuple]:
    return {(u, v) if str(u) <= str(v) else (v, u) for u, v in U.edges() if u != v}


def _districts_no_centre(U: nx.Graph, centre: object) -> int | None:
    if centre is None:
        return None
    partners = set(U[centre]) | {centre} if centre in U else set()
    districts: dict[tuple, bool] = {}
    for v, d in U.nodes(data=True):
        if not d.get("district"):
            continue
        key = (d.get("prefecture") or "", d.get("city") or "", d["district"])
        districts[key] = districts.get(key, False) or v in partners
    return sum(1 for tied in districts.values() if not tied)


#: Sampled sources of the top brokers' betweenness above the exact threshold (5,000 organisations).
BROKER_K = 256


def year_measures(
    U: nx.Graph,
    *,
    previous: nx.Graph | None = None,
    centre: object = None,
    top: int = 3,
    ties: int | None = None,
    broker_k: int = BROKER_K,
) -> dict:
    """The trend row of one year's undirected view ``U`` (see the module notes).

    Parameters
    ----------
    U : Graph
        The year's undirected view (:func:`~network.analysis.years.year_view`).
    previous : Graph, optional
        The year before's view, for ``new_ties``/``ended_ties`` (``None``: both are ``None``).
    centre : object, optional
        The centre's organisation id (``None``: ``districts_no_centre`` is ``None`` and there is
        no ``centre`` key).
    top : int, optional
        Number of top brokers listed (default 3).
    ties : int, optional
        The number of tie records (``None``, default: the sum of the edges' ``ties``, 1 each
        when missing).
    broker_k : int, optional
        Betweenness sample size above the exact threshold of
        :func:`network.analysis.brokers.betweenness` (exact below it; seed 0; default
        :data:`BROKER_K`, 256).

    Returns
    -------
    dict
        ``orgs``, ``active_orgs`` (with a tie), ``ties`` (tie records), ``pairs`` (tied pairs),
        ``density`` (``pairs / (n(n − 1)/2)``, ``nan`` below two organisations), ``components``
        (of two or more organisations), ``isolates``, ``cut_points`` (articulation points
        [2]_), ``cross_sector`` (share of tied pairs across sectors, ``nan`` without a pair),
        ``sector_pairs_no_tie`` (pairs of groups of :func:`sector_pair_ties` with a pair
        possible and none tied), ``districts_no_centre`` (districts, by prefecture, city and
        district, with no organisation tied to the centre or being it), ``new_ties`` and
        ``ended_ties`` (tied pairs not in ``previous`` / only in it), ``top_brokers``
        (``[{"id", "name", "betweenness"}]``: the ``top`` organisations by Freeman's
        betweenness [1]_, NetworkX normalisation, among those above 0) and, with a centre,
        ``centre`` (:func:`~network.analysis.dependence.centre_dependence`).

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35–41.
    .. [2] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
       manipulation. *Communications of the ACM* 16(6), 372–378.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("c", "a"), ("a", "b"), ("b", "d")]); U.add_node("e", sector="npo")
    >>> nx.set_node_attributes(U, {"c": "intermediary", "a": "npo", "b": "npo", "d": "company"}, "sector")
    >>> nx.set_node_attributes(U, {"a": "x", "b": "y", "d": "y"}, "district")
    >>> r = year_measures(U, previous=nx.Graph([("c", "a"), ("a", "d")]), centre="c", top=2)
    >>> r["orgs"], r["active_orgs"], r["pairs"], r["density"], r["isolates"], r["cut_points"]
    (5, 4, 3, 0.3, 1, 2)
    >>> r["sector_pairs_no_tie"], r["districts_no_centre"], r["new_ties"], r["ended_ties"]
    (1, 1, 2, 1)
    >>> [b["id"] for b in r["top_brokers"]], r["centre"]["cross_sector"]
    (['a', 'b'], 0.5)
    """
    n = U.number_of_nodes()
    pairs = _pairs(U)
    sec = U.nodes
    cross = sum(1 for u, v in pairs if sec[u].get("sector") != sec[v].get("sector"))
    sizes = [len(c) for c in nx.connected_components(U)]
    bc = betweenness(U, k=broker_k)["values"] if n else {}
    ranked = sorted((v for v in bc if bc[v] > 0), key=lambda v: (-bc[v], str(v)))[:top]
    row = {
        "orgs": n,
        "active_orgs": sum(1 for v in U if U.degree(v) > 0),
        "ties": ties if ties is not None else sum(d.get("ties", 1) for _, _, d in U.edges(data=True)),
        "pairs": len(pairs),
        "density": 2 * len(pairs) / (n * (n - 1)) if n > 1 else math.nan,
        "components": sum(1 for s in sizes if s >= 2),
        "isolates": sum(1 for s in sizes if s == 1),
        "cut_points": sum(1 for _ in nx.articulation_points(U)),
        "cross_sector": cross / len(pairs) if pairs else math.nan,
        "sector_pairs_no_tie": sum(1 for r in sector_pair_ties(U) if r["possible"] and not r["ties"]),
        "districts_no_centre": _districts_no_centre(U, centre),
        "new_ties": None,
        "ended_ties": None,
        "top_brokers": [{"id": v, "name": str(sec[v].get("name") or v), "betweenness": bc[v]} for v in ranked],
    }
    if previous is not None:
        before = _pairs(previous)
        row["new_ties"], row["ended_ties"] = len(pairs - before), len(before - pairs)
    if centre is not None:
        row["centre"] = centre_dependence(U, centre)
    return row


def trend(G, first: int, last: int, *, centre: object = None, top: int = 3) -> list[dict]:  # type: ignore[no-untyped-def]
    """One row of measures per fiscal year ``first``…``last`` of a stored network ``G``.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`).
    first, last : int
        Fiscal years (``2016`` = 2016-04-01…2017-03-31), ``first <= last``; each year's network
        is :func:`~network.analysis.years.year_view`.
    centre : object, optional
        The centre's organisation id for the dependence and district measures (default
        ``None``: none).
    top : int, optional
        Top brokers per year (default 3).

    Returns
    -------
    list of dict
        One dict per year, oldest first, with ``fy`` and the keys of :func:`year_measures`;
        ``new_ties``/``ended_ties`` of ``first`` compare with the year before it.  ``nan`` where
        a share has no denominator.

    Raises
    ------
    RenkeiError
        When ``centre`` is not an organisation of ``G``.
    InputError
        When ``first > last`` (an :class:`~network.errors.InputError` is also a ``ValueError``).

    See Also
    --------
    year_measures : The row of one year.
    network.analysis.change.compare : Two times, pair by pair.

    Notes
    -----
    Brokers are ranked by Freeman's betweenness [1]_ and ``cut_points`` counts articulation
    points [2]_ of each year's view.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35–41.
    .. [2] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
       manipulation. *Communications of the ACM* 16(6), 372–378.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> M.add_nodes_from(["a", "b", "c"], sector="npo")
    >>> _ = M.add_edge("a", "b", directed=False, start="2015-04-01")
    >>> _ = M.add_edge("b", "c", directed=False, start="2016-04-01", end="2016-12-31")
    >>> [(r["fy"], r["pairs"], r["cut_points"], r["new_ties"], r["ended_ties"]) for r in trend(M, 2015, 2017)]
    [(2015, 1, 0, 1, 0), (2016, 2, 1, 1, 0), (2017, 1, 0, 0, 1)]
    >>> trend(M, 2017, 2015)
    Traceback (most recent call last):
    ...
    network.errors.InputError: the first fiscal year 2017 comes after the last 2015
    """
    if first > last:
        raise InputError(f"the first fiscal year {first} comes after the last {last}")
    if centre is not None:
        check_centre(G, centre)
    rows = []
    view = YearViews(G)  # the ties' days read once for every year (issue 14)
    previous = view(first - 1)
    for fy in range(first, last + 1):
        U = view(fy)
        rows.append({"fy": fy, **year_measures(U, previous=previous, centre=centre, top=top)})
        previous = U
    return rows
