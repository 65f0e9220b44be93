"""The network of one fiscal year (年度, April–March), shared by the year-by-year measures.

Organisations carry no dates, so an organisation belongs to the network of
fiscal year ``fy`` when it is *known* by the end of that year: one of its ties
starts on or before 31 March of ``fy + 1`` (a tie without a start date counts
from the beginning), or it has no tie at all (a registered organisation whose
date is unknown counts in every year).  A tie belongs to the year when it runs
at some time in it (``start <= 31 March fy+1`` and ``end >= 1 April fy``), the
convention of :func:`network.analysis.views.filter_graph`.

Examples
--------
>>> import networkx as nx
>>> M = nx.MultiDiGraph()
>>> M.add_nodes_from(["a", "b", "c"], sector="npo")
>>> _ = M.add_edge("a", "b", key="t1", directed=False, start="2016-04-01", end="2017-03-31")
>>> _ = M.add_edge("b", "c", key="t2", directed=False, start="2017-04-01")
>>> U = year_view(M, 2016)
>>> sorted(U), sorted(U.edges())
(['a', 'b'], [('a', 'b')])
>>> sorted(year_view(M, 2017).edges()), sorted(year_view(M, 2017))
([('b', 'c')], ['a', 'b', 'c'])
>>> fiscal_years_of(M)
[2016, 2017]
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import numpy as np

from network.analysis.views import filter_graph, running, tie_days, undirected_view, views
from network.arrays import arrays_from_graph
from network.model import as_of_label, fiscal_year, fiscal_year_range

__all__ = ["fiscal_years_of", "known_orgs", "year_graph", "year_view", "year_views", "YearViews"]


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def fiscal_years_of(G: nx.MultiDiGraph) -> list[int]:
    """Every fiscal year from the earliest to the latest tie date (start or end), oldest first.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`): one edge per tie,
        ``start`` and ``end`` ISO dates (``"2016-04-01"``; missing, empty or malformed dates are
        ignored).

    Returns
    -------
    list of int
        The fiscal years (``2016`` = 2016-04-01…2017-03-31) from the one of the earliest date to
        the one of the latest, every year in between included; empty when no tie has a date.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("a", "b", start="2016-03-31", end="2018-04-01")
    >>> fiscal_years_of(M)
    [2015, 2016, 2017, 2018]
    >>> fiscal_years_of(nx.MultiDiGraph([("a", "b")]))
    []
    """
    years = [
        fiscal_year(d)
        for _, _, a in G.edges(data=True)
        for d in (_day(a.get("start")), _day(a.get("end")))
        if d is not None
    ]
    return list(range(min(years), max(years) + 1)) if years else []


def known_orgs(G: nx.MultiDiGraph, fy: int) -> set:
    """Organisations known by the end of fiscal year ``fy``.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`).
    fy : int
        A fiscal year (``2016`` = 2016-04-01…2017-03-31).

    Returns
    -------
    set
        The ids of the organisations with a tie that starts on or before 31 March ``fy + 1``
        (a tie without a start date counts from the beginning; its end does not matter), and
        of every organisation without any tie.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> M.add_nodes_from(["a", "b", "c", "lone"])
    >>> _ = M.add_edge("a", "b", start="2016-04-01", end="2016-06-30")
    >>> _ = M.add_edge("b", "c", start="2017-04-01")
    >>> sorted(known_orgs(M, 2016)), sorted(known_orgs(M, 2017))
    (['a', 'b', 'lone'], ['a', 'b', 'c', 'lone'])
    """
    last = fiscal_year_range(fy)[1]
    known = {v for v in G if G.degree(v) == 0}
    for u, v, a in G.edges(data=True):
        start = _day(a.get("start"))
        if start is None or start <= last:
            known.update((u, v))
    return known


def year_graph(G: nx.MultiDiGraph, fy: int) -> nx.MultiDiGraph:
    """The ties running in fiscal year ``fy`` among the organisations known by then.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`).
    fy : int
        A fiscal year (``2016`` = 2016-04-01…2017-03-31).

    Returns
    -------
    MultiDiGraph
        A new graph: the organisations of :func:`known_orgs` and the ties running at some time
        in the year (``start <= 31 March fy+1`` and ``end >= 1 April fy``, open ends pass), with
        their attributes; ``graph["as_of"]`` is ``"fy-04-01/fy+1-03-31"``.

    See Also
    --------
    known_orgs : The organisations it keeps.
    year_views : Its two analysis views.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("a", "b", key="t1", start="2015-04-01", end="2016-03-31")
    >>> _ = M.add_edge("b", "c", key="t2", start="2016-10-01")
    >>> H = year_graph(M, 2015)
    >>> sorted(H), list(H.edges(keys=True)), H.graph["as_of"]
    (['a', 'b'], [('a', 'b', 't1')], '2015-04-01/2016-03-31')
    """
    H = filter_graph(G, as_of=fy)
    known = known_orgs(G, fy)
    H.remove_nodes_from([v for v in list(H) if v not in known])
    return H


def year_view(G: nx.MultiDiGraph, fy: int) -> nx.Graph:
    """The undirected view (:func:`~network.analysis.views.undirected_view`) of fiscal year ``fy``.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`).
    fy : int
        A fiscal year (``2016`` = 2016-04-01…2017-03-31).

    Returns
    -------
    Graph
        The undirected simple view of :func:`year_graph`: one edge per tied pair with
        ``weight`` (sum of strengths, 3 when missing), ``strength`` (the strongest), ``ties``
        (how many) and ``types``.

    See Also
    --------
    year_views : Both views of the year.
    network.analysis.views.undirected_view : The view of any date or filter.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("a", "b", type="funding", strength=2, start="2016-04-01")
    >>> _ = M.add_edge("b", "a", type="information", strength=4, start="2016-05-01")
    >>> U = year_view(M, 2016)
    >>> U["a"]["b"]["weight"], U["a"]["b"]["strength"], U["a"]["b"]["ties"]
    (6.0, 4, 2)
    """
    return undirected_view(year_graph(G, fy))  # only this view: the directed one is not built


def year_views(G: nx.MultiDiGraph, fy: int) -> tuple[nx.Graph, nx.DiGraph]:
    """Both views of fiscal year ``fy``: ``(undirected, directed)``.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`).
    fy : int
        A fiscal year (``2016`` = 2016-04-01…2017-03-31).

    Returns
    -------
    tuple of (Graph, DiGraph)
        :func:`~network.analysis.views.views` of :func:`year_graph`: the undirected view and
        the directed view (a directed tie is one arc, from source to target; an undirected
        tie two).

    See Also
    --------
    year_view : The undirected view alone.
    network.analysis.views.views : Both views of any date or filter.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("f", "n", type="funding", directed=True, start="2016-04-01")
    >>> U, D = year_views(M, 2016)
    >>> list(U.edges()), list(D.edges())
    ([('f', 'n')], [('f', 'n')])
    """
    return views(year_graph(G, fy))


class YearViews:
    """The undirected view of any fiscal year of ``G``, from arrays read once (what a trend of many years reads).

    ``YearViews(G)(fy)`` has the organisations, the edges and their ``weight``, ``strength`` and ``ties`` of
    :func:`year_view` (``G, fy``), in the same order, without ``types``: the ties' days and ends are read
    once for every year instead of copying the graph per year.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`).

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_nodes_from(["a", "b", "c", "lone"], sector="npo")
    >>> _ = M.add_edge("a", "b", strength=2, start="2016-04-01", end="2017-03-31")
    >>> _ = M.add_edge("b", "a", strength=4, start="2016-05-01")
    >>> _ = M.add_edge("b", "c", start="2017-04-01")
    >>> views = YearViews(M)
    >>> U = views(2016)
    >>> sorted(U), U["a"]["b"]["weight"], U["a"]["b"]["strength"], U["a"]["b"]["ties"]
    (['a', 'b', 'lone'], 6.0, 4, 2)
    >>> sorted(views(2017).edges()) == sorted(year_view(M, 2017).edges())
    True
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        T = arrays_from_graph(G, ())
        self.nodes = T.ids
        self.src, self.dst = np.asarray(T.source, np.int64), np.asarray(T.target, np.int64)
        self.strength = np.asarray(T.strength, np.float64)
        self.starts, self.ends = tie_days(G)
        # known_orgs reads a start as a date: a start that is not one counts from the beginning
        known_from = []
        for _, _, d in G.edges(data=True):
            day = _day(d.get("start"))
            known_from.append("" if day is None else day.isoformat())
        self.known_from = np.array(known_from, dtype="U10")
        n = len(self.nodes)
        degree = np.bincount(self.src, minlength=n) + np.bincount(self.dst, minlength=n)
        self.untied = degree == 0

    def __call__(self, fy: int) -> nx.Graph:
        last = fiscal_year_range(fy)[1].isoformat()
        known = self.untied.copy()
        early = (self.known_from == "") | (self.known_from <= last)
        known[self.src[early]] = True
        known[self.dst[early]] = True
        keep = running(self.starts, self.ends, fy) & known[self.src] & known[self.dst] & (self.src != self.dst)
        u, v, s = self.src[keep], self.dst[keep], self.strength[keep]
        n = len(self.nodes)
        key = np.minimum(u, v) * n + np.maximum(u, v)
        uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        weight = np.bincount(inverse, weights=s, minlength=len(uniq))
        ties = np.bincount(inverse, minlength=len(uniq))
        strongest = np.zeros(len(uniq))
        np.maximum.at(strongest, inverse, s)
        order = np.argsort(first, kind="stable")  # pairs in the order their first tie comes, as year_view adds them
        U: nx.Graph = nx.Graph()
        U.graph.update(self.G.graph)
        U.graph["as_of"] = as_of_label(fy)
        nd, nodes = self.G.nodes, self.nodes
        U.add_nodes_from((nodes[i], nd[nodes[i]]) for i in np.flatnonzero(known).tolist())
        adj = U._adj  # type: ignore[attr-defined]  # networkx's own dict, as views._build fills it
        for j in order.tolist():
            e = first[j]
            a, b = nodes[u[e]], nodes[v[e]]
            adj[a][b] = adj[b][a] = {"weight": float(weight[j]), "strength": int(strongest[j]), "ties": int(ties[j])}
        return U
