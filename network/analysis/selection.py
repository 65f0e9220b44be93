"""Which part of the network a question is about: the rules the app and the command line share.

These were page code once (the profile's neighbourhood, the map's minimum
strength, the fiscal-year lists, which organisations the map marks as brokers);
living here, ``renkei analyze --min-strength 4`` and the app's slider give the
same answer, and a test of the rule needs no browser.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_edge("a", "b", key="t1", strength=5, start="2023-05-01")
't1'
>>> G.add_edge("b", "c", key="t2", strength=2, start="2024-04-01", end="2025-03-31")
't2'
>>> sorted(ego_graph(G, "a", 1)), sorted(ego_graph(G, "a", 2))
(['a', 'b'], ['a', 'b', 'c'])
>>> list(min_strength_graph(G, 3).edges(keys=True))
[('a', 'b', 't1')]
>>> fiscal_years(G, today=2024)
[2024, 2023]
>>> latest_start_fy(G)
2024
>>> top_brokers([{"id": "a", "total": 3}, {"id": "b", "total": 0}, {"id": "c", "total": 7}])
['c']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import networkx as nx

from network.analysis.years import fiscal_years_of
from network.arrays import DEFAULT_STRENGTH, tie_strength  # the tie rules, once (network/arrays.py)
from network.model import fiscal_year

__all__ = [
    "DEFAULT_STRENGTH",
    "BROKER_SHARE",
    "ego_graph",
    "min_strength_graph",
    "fiscal_years",
    "latest_start_fy",
    "top_brokers",
]

#: The share of organisations (by brokerage, at least one) the map marks as brokers.
BROKER_SHARE = 0.1


def ego_graph(G: nx.MultiDiGraph, centre: str, radius: int = 1) -> nx.MultiDiGraph:
    """The organisations within ``radius`` steps of ``centre`` (ties in either direction) and their ties.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`) or a filtered copy.
    centre : str
        The id of the organisation at the centre (the profile page's organisation).
    radius : int, optional
        Steps from the centre, a tie in either direction being one step (default 1: its
        partners).

    Returns
    -------
    MultiDiGraph
        A copy of the subgraph induced by the organisations within ``radius`` steps: every tie
        among them (also the ties between two partners), with all attributes.  Empty when
        ``centre`` is not in ``G`` (the organisation was filtered out or deleted).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "a"), ("b", "c"), ("c", "d")])
    >>> E = ego_graph(G, "a")
    >>> sorted(E), E.number_of_edges()
    (['a', 'b', 'c'], 3)
    >>> len(ego_graph(G, "gone"))
    0
    """
    if centre not in G:
        return nx.MultiDiGraph()
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), centre, cutoff=radius)
    return G.subgraph(near).copy()


def min_strength_graph(G: nx.MultiDiGraph, minimum: int) -> nx.MultiDiGraph:
    """The network keeping every organisation but only ties of strength ``minimum`` or more.

    The rule of the map's minimum-strength slider and of ``--min-strength`` on the command line.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`).
    minimum : int
        The weakest strength kept, on the 1–5 collaboration continuum.  A tie without a
        strength (or with one that is not a number) counts as :data:`DEFAULT_STRENGTH` (3).

    Returns
    -------
    MultiDiGraph
        A new graph with every organisation (tied or not), ``G.graph`` and the ties of strength
        ``>= minimum`` (keys and attributes kept); ``G`` itself when ``minimum <= 1``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="strong", strength=4)
    >>> _ = G.add_edge("b", "c", key="unrated")
    >>> H = min_strength_graph(G, 4)
    >>> sorted(H), list(H.edges(keys=True))
    (['a', 'b', 'c'], [('a', 'b', 'strong')])
    >>> len(min_strength_graph(G, 3).edges()), min_strength_graph(G, 1) is G
    (2, True)
    """
    if minimum <= 1:
        return G
    H: nx.MultiDiGraph = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    # (u, v, key, data): a multigraph takes 4-tuples, which types-networkx does not list
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if tie_strength(d) >= minimum)  # type: ignore[misc]
    return H


def fiscal_years(G: nx.MultiDiGraph, *, today: int | None = None) -> list[int]:
    """The choices of a fiscal-year menu: the years the ties span and the current one, newest first.

    The years of :func:`~network.analysis.years.fiscal_years_of`, with the current one (``today``)
    always in.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`).
    today : int, optional
        The current fiscal year; ``None`` (default): the fiscal year (April–March) of
        :meth:`datetime.date.today`.

    Returns
    -------
    list of int
        Every fiscal year from the earliest to the latest tie date, and ``today``, newest first,
        each once.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", start="2021-04-01", end="2022-06-30")
    >>> fiscal_years(G, today=2024)
    [2024, 2022, 2021]
    >>> fiscal_years(nx.MultiDiGraph(), today=2024)
    [2024]
    """
    years = set(fiscal_years_of(G))
    years.add(fiscal_year(date.today()) if today is None else today)
    return sorted(years, reverse=True)


def latest_start_fy(G: nx.MultiDiGraph) -> int | None:
    """The newest fiscal year in which some tie started (``None`` without dated ties).

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`); ``start`` is an ISO
        date (only its first ten characters are read).

    Returns
    -------
    int or None
        The fiscal year (April–March) of the latest ``start``; ``None`` when no tie has a start
        date or the latest one is not a valid date.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", start="2024-03-31")
    >>> _ = G.add_edge("b", "c", start="2023-05-01", end="2026-03-31")
    >>> latest_start_fy(G)
    2023
    >>> latest_start_fy(nx.MultiDiGraph([("a", "b")])) is None
    True
    """
    starts = [str(a["start"])[:10] for _, _, a in G.edges(data=True) if a.get("start")]
    try:
        return fiscal_year(date.fromisoformat(max(starts))) if starts else None
    except ValueError:  # a malformed date sorts last among ISO days; never a crash on a page
        return None


def top_brokers(rows: Iterable[Mapping], share: float = BROKER_SHARE, *, key: str = "total") -> list:
    """The ids of the top ``share`` of organisations by brokerage (at least one), strongest first.

    The map marks these organisations as brokers.

    Parameters
    ----------
    rows : iterable of mapping
        Analysis rows (``renkei analyze``'s ``orgs``), each with an ``id`` and a brokerage count
        under ``key``; a row whose count is missing or 0 is never a broker.
    share : float, optional
        The share of *all* rows given to mark (default :data:`BROKER_SHARE`, 0.1), so the mark
        means the same at any size; at least one row is marked when any has brokerage.
    key : str, optional
        The count ranked: ``"total"`` (default, the sum of the five Gould–Fernandez roles) or
        one role (``"liaison"``, ``"gatekeeper"`` …).

    Returns
    -------
    list
        At most ``max(1, int(len(rows) * share))`` ids, highest count first, ties in the count
        broken by id.

    Notes
    -----
    The counts are the raw Gould–Fernandez brokerage counts of
    :func:`~network.analysis.brokers.brokerage_roles` (as ``sna::brokerage`` in R) [1]_.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach
       to brokerage in transaction networks. *Sociological Methodology* 19, 89–126.

    Examples
    --------
    >>> rows = [{"id": f"o{i}", "total": i} for i in range(20)]
    >>> top_brokers(rows)
    ['o19', 'o18']
    >>> top_brokers(rows, 0.1, key="liaison")
    []
    """
    rows = list(rows)
    ranked = sorted((r for r in rows if (r.get(key) or 0) > 0), key=lambda r: (-(r.get(key) or 0), str(r["id"])))
    return [r["id"] for r in ranked[: max(1, int(len(rows) * share))]]
