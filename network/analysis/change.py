"""Change over time: two dates or two fiscal years (年度) of one stored network.

Ties are compared per pair of organisations in the undirected view: a pair
is *added* when tied only at the later time, *ended* when tied only at the
earlier one, *strengthened*/*weakened* when its strongest tie (``strength``,
1–5) went up/down, or — at equal strength — its number of ties did.  A
*broker* is an organisation that is a cut point or among the ``top``
organisations by betweenness (with betweenness > 0).

Examples
--------
>>> import networkx as nx
>>> M = nx.MultiDiGraph()
>>> M.add_nodes_from(["a", "b", "c"], sector="npo")
>>> _ = M.add_edge("a", "b", key="t1", directed=False, strength=2, end="2024-03-31")
>>> _ = M.add_edge("b", "c", key="t2", directed=False, strength=3, start="2024-04-01")
>>> r = compare(M, 2023, 2024)
>>> r["ties"]["added"], r["ties"]["ended"]
([{'a': 'b', 'b': 'c', 'strength': 3}], [{'a': 'a', 'b': 'b', 'strength': 2}])
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import TypedDict

import networkx as nx
import numpy as np

from network.analysis.brokers import betweenness, cut_points
from network.analysis.engine import Indexed
from network.analysis.gaps import sector_gaps, sector_mixing
from network.analysis.views import indexed_views_from_arrays, running, tie_days
from network.arrays import arrays_from_graph

__all__ = ["compare", "brokers_of"]


def brokers_of(U: nx.Graph | Indexed, *, top: int = 10, seed: int = 0) -> set:
    """Cut points plus the ``top`` organisations by betweenness (betweenness > 0).

    Parameters
    ----------
    U : Graph or Indexed
        The undirected view (:func:`~network.analysis.views.undirected_view`, or its
        :class:`~network.analysis.engine.Indexed`).
    top : int, optional
        How many betweenness leaders count as brokers (default 10; ties in betweenness broken
        by id).
    seed : int, optional
        Seed of the sampled betweenness above the exact threshold (default 0).

    Returns
    -------
    set
        The ids of the articulation points [2]_ of ``U`` and of the ``top`` organisations by
        betweenness [1]_ (NetworkX normalisation, :func:`~network.analysis.brokers.betweenness`)
        among those with betweenness > 0.

    See Also
    --------
    network.analysis.brokers.betweenness : The betweenness ranked.
    network.analysis.brokers.cut_points : The cut points.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35–41.
    .. [2] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
       manipulation. *Communications of the ACM* 16(6), 372–378.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("d", "e")])
    >>> sorted(brokers_of(U)), sorted(brokers_of(U, top=2)), sorted(brokers_of(U, top=0))
    (['a', 'b', 'c', 'd'], ['a', 'd'], ['d'])
    """
    X = U if isinstance(U, Indexed) else Indexed(U)
    bc = betweenness(X, seed=seed)["values"]
    ranked = sorted((v for v in bc if bc[v] > 0), key=lambda v: (-bc[v], str(v)))
    return set(ranked[:top]) | set(cut_points(X))


class _Filters(TypedDict):
    """The view filters :func:`changes` passes on to both views."""

    types: str | Iterable[str] | None
    sectors: str | Iterable[str] | None
    district: str | Iterable[str] | None


def _pair(u, v) -> tuple:  # type: ignore[no-untyped-def]
    return (u, v) if str(u) <= str(v) else (v, u)


def _pairs_of(X: Indexed) -> dict[tuple, tuple[int, int]]:
    """Tied pair → (its strongest tie, how many ties) of an undirected view built with ``weight=None``."""
    nodes = X.nodes
    return {
        _pair(nodes[a], nodes[b]): (int(s), int(w))
        for a, b, s, w in zip(X.src.tolist(), X.dst.tolist(), X.strength.tolist(), X.weight.tolist())
    }


def _density(X: Indexed) -> float:
    return 2 * len(X.src) / (X.n * (X.n - 1)) if X.n > 1 else math.nan


def _active(X: Indexed) -> int:
    return int(np.unique(np.concatenate([X.src, X.dst])).size)


def compare(
    G: nx.MultiDiGraph,
    before: str | int | date,
    after: str | int | date,
    *,
    sector_attr: str = "sector",
    types: str | Iterable[str] | None = None,
    sectors: str | Iterable[str] | None = None,
    district: str | Iterable[str] | None = None,
    top: int = 10,
) -> dict:
    """What changed between two dates or fiscal years.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`): one edge per tie with
        ``strength`` (1–5), ``start``/``end`` dates and ``directed``.
    before, after : str, int or date
        ISO dates (a snapshot on that day) or fiscal years (``2024``, ``"令和6年度"``: every tie
        running at some time from April to March).
    sector_attr : str, optional
        Node attribute whose groups the mixing and gap comparisons use (default ``"sector"``).
    types, sectors, district : str or iterable of str, optional
        View filters (see :func:`~network.analysis.views.filter_graph`), the same at both times.
    top : int, optional
        How many betweenness leaders count as brokers (:func:`brokers_of`, default 10).

    Returns
    -------
    dict
        ``before``, ``after`` (the times, as text);
        ``ties``: ``added`` and ``ended`` (``[{"a", "b", "strength"}]``: pairs tied only after /
        only before, ``a <= b`` as text), ``strengthened`` and ``weakened`` (``[{"a", "b",
        "strength_before", "strength_after", "ties_before", "ties_after"}]``: the strongest tie,
        or at equal strength the number of ties, went up / down);
        ``brokers``: ``became`` and ``stopped`` (sorted ids, :func:`brokers_of`);
        ``density``: ``before``, ``after``, ``change`` of the undirected view (``nan`` below two
        organisations);
        ``mixing``: ``[{"from", "to", "before", "after", "change"}]``, the arc density of each
        ordered group pair in the directed view (:func:`~network.analysis.gaps.sector_mixing`);
        ``gaps``: ``[{"a", "b", "ties_before", "ties_after", "before", "after", "change"}]``, tied
        pairs and density of each unordered group pair
        (:func:`~network.analysis.gaps.sector_gaps`);
        ``orgs``: organisations in the views before/after (organisations carry no dates, so
        both count every organisation that passes the filters) and ``active_orgs``: those with
        a tie running then.  A density missing at one time is ``nan``.

    See Also
    --------
    network.analysis.trend.trend : Measures for every fiscal year.
    brokers_of : Who counts as a broker.

    Notes
    -----
    Pairs are compared in the undirected view, where the ties of a pair are one edge
    (``strength`` the strongest, ``ties`` how many).  A broker is an articulation point [2]_ or
    one of the ``top`` organisations by Freeman's betweenness [1]_.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35–41.
    .. [2] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
       manipulation. *Communications of the ACM* 16(6), 372–378.

    Examples
    --------
    A tie ends and another gains a stronger second tie at fiscal year 2024:

    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> M.add_nodes_from(["a", "b"], sector="npo"); M.add_node("c", sector="company")
    >>> _ = M.add_edge("a", "b", key="t1", directed=False, strength=2, end="2024-03-31")
    >>> _ = M.add_edge("b", "c", key="t2", directed=False, strength=2)
    >>> _ = M.add_edge("b", "c", key="t3", type="funding", strength=4, start="2024-04-01")
    >>> r = compare(M, 2023, 2024)
    >>> r["ties"]["ended"], r["ties"]["strengthened"][0]["strength_after"]
    ([{'a': 'a', 'b': 'b', 'strength': 2}], 4)
    >>> r["brokers"], r["active_orgs"]
    ({'became': [], 'stopped': ['b']}, {'before': 3, 'after': 2})
    >>> [(g["a"], g["b"], g["ties_before"], g["ties_after"]) for g in r["gaps"]][1:]
    [('company', 'npo', 1, 1), ('npo', 'npo', 1, 0)]
    """
    kw: _Filters = dict(types=types, sectors=sectors, district=district)
    # both times' views from one pass over the ties: arrays and day masks (issue 14: at 250,000 ties the
    # four NetworkX views this built took 57 s)
    T = arrays_from_graph(G, ("sector", "district"))  # the columns the filters read
    starts, ends = tie_days(G)
    (U0, D0), (U1, D1) = (
        indexed_views_from_arrays(T, weight=None, node_data=G.nodes, ties=running(starts, ends, t), **kw)
        for t in (before, after)
    )
    e0, e1 = _pairs_of(U0), _pairs_of(U1)

    def row(p, d, **extra):  # type: ignore[no-untyped-def]
        return {"a": p[0], "b": p[1], "strength": d[0], **extra}

    added = [row(p, e1[p]) for p in sorted(e1.keys() - e0.keys(), key=str)]
    ended = [row(p, e0[p]) for p in sorted(e0.keys() - e1.keys(), key=str)]
    stronger: list[dict] = []
    weaker: list[dict] = []
    for p in sorted(e0.keys() & e1.keys(), key=str):
        k0, k1 = e0[p], e1[p]
        if k1 != k0:
            r = {
                "a": p[0],
                "b": p[1],
                "strength_before": k0[0],
                "strength_after": k1[0],
                "ties_before": k0[1],
                "ties_after": k1[1],
            }
            (stronger if k1 > k0 else weaker).append(r)
    b0, b1 = brokers_of(U0, top=top), brokers_of(U1, top=top)
    d0, d1 = _density(U0), _density(U1)
    m0 = {(r["from"], r["to"]): r["density"] for r in sector_mixing(D0, attr=sector_attr)}
    m1 = {(r["from"], r["to"]): r["density"] for r in sector_mixing(D1, attr=sector_attr)}
    mixing = []
    for key in sorted(m0.keys() | m1.keys()):
        a, b = m0.get(key, math.nan), m1.get(key, math.nan)
        mixing.append({"from": key[0], "to": key[1], "before": a, "after": b, "change": b - a})
    g0 = {(r["a"], r["b"]): r for r in sector_gaps(U0, attr=sector_attr, closing=0)}
    g1 = {(r["a"], r["b"]): r for r in sector_gaps(U1, attr=sector_attr, closing=0)}
    gaps = []
    for key in sorted(g0.keys() | g1.keys()):
        r0, r1 = g0.get(key, {}), g1.get(key, {})
        a, b = r0.get("density", math.nan), r1.get("density", math.nan)
        gaps.append(
            {
                "a": key[0],
                "b": key[1],
                "ties_before": r0.get("ties", 0),
                "ties_after": r1.get("ties", 0),
                "before": a,
                "after": b,
                "change": b - a,
            }
        )
    return {
        "before": str(before),
        "after": str(after),
        "ties": {"added": added, "ended": ended, "strengthened": stronger, "weakened": weaker},
        "brokers": {"became": sorted(b1 - b0, key=str), "stopped": sorted(b0 - b1, key=str)},
        "density": {"before": d0, "after": d1, "change": d1 - d0},
        "mixing": mixing,
        "gaps": gaps,
        "orgs": {"before": U0.n, "after": U1.n},
        # organisations are undated: those with a tie running at the time are the active ones
        "active_orgs": {"before": _active(U0), "after": _active(U1)},
    }
