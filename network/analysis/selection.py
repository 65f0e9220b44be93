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
from network.model import fiscal_year

__all__ = ["DEFAULT_STRENGTH", "BROKER_SHARE", "ego_graph", "min_strength_graph", "fiscal_years",
           "latest_start_fy", "top_brokers"]

#: The strength a tie without one counts as (the middle of the 1–5 continuum), as in the views.
DEFAULT_STRENGTH = 3
#: The share of organisations (by brokerage, at least one) the map marks as brokers.
BROKER_SHARE = 0.1


def ego_graph(G: nx.MultiDiGraph, centre: str, radius: int = 1) -> nx.MultiDiGraph:
    """The organisations within ``radius`` steps of ``centre`` (ties in either direction) and their ties.

    An unknown ``centre`` gives an empty graph (the organisation was filtered out or deleted).
    """
    if centre not in G:
        return nx.MultiDiGraph()
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), centre, cutoff=radius)
    return G.subgraph(near).copy()


def _strength(d: Mapping) -> int:
    try:
        return int(d.get("strength") or DEFAULT_STRENGTH)
    except (TypeError, ValueError):
        return DEFAULT_STRENGTH


def min_strength_graph(G: nx.MultiDiGraph, minimum: int) -> nx.MultiDiGraph:
    """The network keeping every organisation but only ties of strength ``minimum`` or more.

    ``minimum <= 1`` returns ``G`` itself (every tie has strength 1–5).
    """
    if minimum <= 1:
        return G
    H: nx.MultiDiGraph = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    # (u, v, key, data): a multigraph takes 4-tuples, which types-networkx does not list
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if _strength(d) >= minimum)  # type: ignore[misc]
    return H


def fiscal_years(G: nx.MultiDiGraph, *, today: int | None = None) -> list[int]:
    """Fiscal years the ties' dates span (:func:`~network.analysis.years.fiscal_years_of`), newest first,
    with the current one (``today``) always in: the choices of a fiscal-year menu."""
    years = set(fiscal_years_of(G))
    years.add(fiscal_year(date.today()) if today is None else today)
    return sorted(years, reverse=True)


def latest_start_fy(G: nx.MultiDiGraph) -> int | None:
    """The newest fiscal year in which some tie started (``None`` without dated ties)."""
    starts = [str(a["start"])[:10] for _, _, a in G.edges(data=True) if a.get("start")]
    try:
        return fiscal_year(date.fromisoformat(max(starts))) if starts else None
    except ValueError:  # a malformed date sorts last among ISO days; never a crash on a page
        return None


def top_brokers(rows: Iterable[Mapping], share: float = BROKER_SHARE, *, key: str = "total") -> list:
    """The ids of the top ``share`` of organisations by brokerage (at least one), strongest first.

    ``rows`` are analysis rows with ``id`` and a brokerage count under ``key``; those with none are
    never brokers.  The share is of all rows given, so the mark means the same at any size.
    """
    rows = list(rows)
    ranked = sorted((r for r in rows if (r.get(key) or 0) > 0), key=lambda r: (-(r.get(key) or 0), str(r["id"])))
    return [r["id"] for r in ranked[:max(1, int(len(rows) * share))]]
