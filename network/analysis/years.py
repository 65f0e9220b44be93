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

from network.analysis.views import filter_graph, views
from network.model import fiscal_year, fiscal_year_range

__all__ = ["fiscal_years_of", "known_orgs", "year_graph", "year_view", "year_views"]


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def fiscal_years_of(G: nx.MultiDiGraph) -> list[int]:
    """Every fiscal year from the earliest to the latest tie date (start or end), oldest first.

    Empty when no tie has a date.
    """
    years = [fiscal_year(d) for _, _, a in G.edges(data=True)
             for d in (_day(a.get("start")), _day(a.get("end"))) if d is not None]
    return list(range(min(years), max(years) + 1)) if years else []


def known_orgs(G: nx.MultiDiGraph, fy: int) -> set:
    """Organisations known by the end of fiscal year ``fy`` (see the module notes)."""
    last = fiscal_year_range(fy)[1]
    known = {v for v in G if G.degree(v) == 0}
    for u, v, a in G.edges(data=True):
        start = _day(a.get("start"))
        if start is None or start <= last:
            known.update((u, v))
    return known


def year_graph(G: nx.MultiDiGraph, fy: int) -> nx.MultiDiGraph:
    """The ties running in fiscal year ``fy`` among the organisations known by then."""
    H = filter_graph(G, as_of=fy)
    known = known_orgs(G, fy)
    H.remove_nodes_from([v for v in list(H) if v not in known])
    return H


def year_view(G: nx.MultiDiGraph, fy: int) -> nx.Graph:
    """The undirected view (:func:`~network.analysis.views.undirected_view`) of fiscal year ``fy``."""
    return year_views(G, fy)[0]


def year_views(G: nx.MultiDiGraph, fy: int) -> tuple[nx.Graph, nx.DiGraph]:
    """Both views of fiscal year ``fy``: ``(undirected, directed)``."""
    return views(year_graph(G, fy))
