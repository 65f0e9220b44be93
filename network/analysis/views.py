"""Analysis views built from the stored multigraph.

The store's :meth:`~network.store.base.Store.load_graph` returns a
``MultiDiGraph`` with one edge per tie (an undirected tie stored once).  The
measures work on two simple views of it (DESIGN.md, "Analysis conventions"):

* :func:`undirected_view` — an undirected simple graph; the ties between two
  organisations are merged into one edge (``weight`` = sum of the tie
  strengths, ``strength`` = the strongest, ``ties`` = how many, ``types``).
  Used for betweenness, constraint, effective size, communities, cut points,
  bridges and introductions.
* :func:`directed_view` — a simple digraph in which a directed tie is one arc
  and an undirected tie is two arcs.  Used for brokerage roles and sector
  mixing.

Both keep every organisation that passes the node filters, tied or not, with
all its attributes.  Self-ties are dropped.

Examples
--------
>>> import networkx as nx
>>> M = nx.MultiDiGraph()
>>> M.add_nodes_from([("a", {"sector": "npo"}), ("b", {"sector": "company"})])
>>> _ = M.add_edge("a", "b", key="t1", type="collaboration", directed=False, strength=3)
>>> _ = M.add_edge("a", "b", key="t2", type="funding", directed=True, strength=2,
...                start="2025-04-01")
>>> U = undirected_view(M, as_of="2024-12-31")
>>> U["a"]["b"]["weight"], U["a"]["b"]["ties"]
(3.0, 1)
>>> sorted(directed_view(M).edges())
[('a', 'b'), ('b', 'a')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import networkx as nx

from network.analysis._arrays import indexed_views, indexed_views_from_arrays, running, select, tie_days
from network.arrays import tie_directed, tie_strength, tie_weight
from network.model import as_of_label, as_of_period, tie_active  # noqa: F401 - tie_active is part of this API

__all__ = [
    "tie_active",
    "filter_graph",
    "undirected_view",
    "directed_view",
    "views",
    "period_of",
    "indexed_views",
    "indexed_views_from_arrays",
    "select",
    "tie_days",
    "running",
]


def period_of(when: str | int | date | None) -> tuple[str | None, str | None]:
    """Return the ``(first, last)`` ISO days a date or a fiscal year stands for.

    Parameters
    ----------
    when : str, int, date or None
        An ``int`` (or ``"FY2024"``/``"2024年度"``/``"令和6年度"``) is a fiscal year (April–March);
        an ISO date is one day (:func:`network.model.as_of_period`, shared with the stores).

    Returns
    -------
    (str or None, str or None)
        The first and last day, ``(None, None)`` for ``None`` (every tie).

    Examples
    --------
    >>> period_of(2024)
    ('2024-04-01', '2025-03-31')
    >>> period_of("2024-06-01")
    ('2024-06-01', '2024-06-01')
    """
    return as_of_period(when)


def _as_set(values: str | Iterable[str] | None) -> set[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        return {values}
    return {getattr(v, "value", v) for v in values}


def filter_graph(
    G: nx.MultiDiGraph,
    *,
    as_of: str | int | date | None = None,
    types: str | Iterable[str] | None = None,
    sectors: str | Iterable[str] | None = None,
    district: str | Iterable[str] | None = None,
    custom: Mapping[str, str | Iterable[str]] | None = None,
) -> nx.MultiDiGraph:
    """Return the ties and organisations of ``G`` that pass the filters.

    Parameters
    ----------
    G : MultiDiGraph
        A graph following the :meth:`Store.load_graph` conventions.
    as_of : ISO date, fiscal year (int) or None
        Keep ties running on that day (or at any time in that fiscal year).
    types : tie types to keep (``None``: all).
    sectors : sectors of the organisations to keep (``None``: all).
    district : district(s) of the organisations to keep (``None``: all).
    custom : custom field name → value(s) (issue 12): keep the organisations whose field
        (:attr:`Org.custom`, the node's ``custom`` dict) equals one of the values; every field
        given must hold; a field with no values does not filter.

    Returns
    -------
    MultiDiGraph
        A new graph (attributes copied by reference); ``graph["as_of"]`` set.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_nodes_from([("a", {"custom": {"活動分野": "子ども"}}), ("b", {"custom": {"活動分野": "防災"}}),
    ...                   ("c", {"custom": {}}), ("d", {})])
    >>> _ = M.add_edge("a", "b", key="t1"); _ = M.add_edge("a", "c", key="t2")
    >>> H = filter_graph(M, custom={"活動分野": ["子ども", "防災"]})
    >>> sorted(H.nodes), list(H.edges(keys=True))
    (['a', 'b'], [('a', 'b', 't1')])
    """
    first, last = period_of(as_of)
    types_, sectors_, districts = _as_set(types), _as_set(sectors), _as_set(district)
    fields = {str(k): vs for k, v in (custom or {}).items() if (vs := _as_set(v))}
    H: nx.MultiDiGraph = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph["as_of"] = as_of_label(as_of)
    for v, d in G.nodes(data=True):
        if sectors_ is not None and d.get("sector") not in sectors_:
            continue
        if districts is not None and d.get("district") not in districts:
            continue
        if fields and not all((d.get("custom") or {}).get(k) in vs for k, vs in fields.items()):
            continue
        H.add_node(v, **d)
    for u, v, k, d in G.edges(keys=True, data=True):
        if u not in H or v not in H:
            continue
        if types_ is not None and d.get("type") not in types_:
            continue
        if not tie_active(d, first, last):
            continue
        H.add_edge(u, v, key=k, **d)
    return H


def _filtered(G, as_of, types, sectors, district):  # type: ignore[no-untyped-def]
    if as_of is None and types is None and sectors is None and district is None:
        return G  # nothing to filter: read the graph as it is
    return filter_graph(G, as_of=as_of, types=types, sectors=sectors, district=district)


def _merge(data: dict, attrs: dict, weight: str | None) -> None:
    """Add one tie to its pair's edge data (the rules of :mod:`network.arrays`)."""
    data["weight"] = data.get("weight", 0.0) + tie_weight(attrs, weight)
    data["strength"] = max(data.get("strength", 0), tie_strength(attrs))
    data["ties"] = data.get("ties", 0) + 1
    t = attrs.get("type")
    if t is not None:
        types = data.setdefault("types", [])
        if t not in types:
            types.append(t)


def _build(H: nx.MultiDiGraph, weight: str | None, undirected: bool, directed: bool) -> tuple[nx.Graph, nx.DiGraph]:
    """The one NetworkX view builder: the undirected view, the directed one, or both in one pass."""
    U: nx.Graph = nx.Graph()
    D: nx.DiGraph = nx.DiGraph()
    U.graph.update(H.graph)
    D.graph.update(H.graph)
    if undirected:
        U.add_nodes_from(H.nodes(data=True))
    if directed:
        D.add_nodes_from((v, U.nodes[v]) for v in U) if undirected else D.add_nodes_from(H.nodes(data=True))
    adj, succ, pred = U._adj, D._succ, D._pred  # type: ignore[attr-defined]  # networkx's own dicts: no view per lookup
    for u, v, d in H.edges(data=True):
        if u == v:
            continue
        if undirected:
            data = adj[u].get(v)
            if data is None:
                data = {}
                adj[u][v] = adj[v][u] = data
            _merge(data, d, weight)
        if directed:
            for a, b in ((u, v),) if tie_directed(d) else ((u, v), (v, u)):
                data = succ[a].get(b)
                if data is None:
                    data = {}
                    succ[a][b] = pred[b][a] = data
                _merge(data, d, weight)
    return U, D


def undirected_view(
    G: nx.MultiDiGraph,
    *,
    as_of: str | int | date | None = None,
    types: str | Iterable[str] | None = None,
    sectors: str | Iterable[str] | None = None,
    district: str | Iterable[str] | None = None,
    weight: str | None = "strength",
) -> nx.Graph:
    """The undirected weighted simple view of a stored network.

    Parameters
    ----------
    G : MultiDiGraph
        A graph following the ``load_graph`` conventions.
    as_of : ISO date, fiscal year (int) or None
        Keep ties running then (:func:`filter_graph`).
    types : str, iterable of str or None
        Tie types to keep.
    sectors : str, iterable of str or None
        Sectors of the organisations to keep.
    district : str, iterable of str or None
        Districts of the organisations to keep.
    weight : str or None
        Tie attribute summed into the edge ``weight`` (``None``: count ties); the rules of
        :func:`network.arrays.tie_weight` (missing: the strength; NaN: 1.0).

    Returns
    -------
    Graph
        One edge per tied pair with ``weight``, ``strength`` (max), ``ties``, ``types``; every
        organisation that passes the filters, tied or not.  Self-ties are dropped.

    Notes
    -----
    Several ties between two organisations (a funding tie and a collaboration, or one in each
    direction) are one edge: the measures of the undirected view (betweenness, constraint,
    communities …) ask whether and how strongly two organisations are tied, not how often.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("a", "b", key="t1", type="collaboration", strength=4)
    >>> _ = M.add_edge("b", "a", key="t2", type="funding", strength=2)
    >>> U = undirected_view(M)
    >>> U["a"]["b"]["weight"], U["a"]["b"]["strength"], U["a"]["b"]["ties"], U["a"]["b"]["types"]
    (6.0, 4, 2, ['collaboration', 'funding'])
    """
    return _build(_filtered(G, as_of, types, sectors, district), weight, True, False)[0]


def directed_view(
    G: nx.MultiDiGraph,
    *,
    as_of: str | int | date | None = None,
    types: str | Iterable[str] | None = None,
    sectors: str | Iterable[str] | None = None,
    district: str | Iterable[str] | None = None,
    weight: str | None = "strength",
) -> nx.DiGraph:
    """The directed simple view: a directed tie is one arc, an undirected tie two.

    Parameters
    ----------
    G : MultiDiGraph
        A graph following the ``load_graph`` conventions.
    as_of : ISO date, fiscal year (int) or None
        Keep ties running then (:func:`filter_graph`).
    types : str, iterable of str or None
        Tie types to keep.
    sectors : str, iterable of str or None
        Sectors of the organisations to keep.
    district : str, iterable of str or None
        Districts of the organisations to keep.
    weight : str or None
        As in :func:`undirected_view`.

    Returns
    -------
    DiGraph
        One arc per ordered tied pair with ``weight``, ``strength``, ``ties``, ``types``.  A tie
        without ``directed`` takes its type's default (:func:`network.arrays.tie_directed`).

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("f", "n", key="t1", type="funding")
    >>> _ = M.add_edge("n", "c", key="t2", type="collaboration")
    >>> sorted(directed_view(M).edges())
    [('c', 'n'), ('f', 'n'), ('n', 'c')]
    """
    return _build(_filtered(G, as_of, types, sectors, district), weight, False, True)[1]


def views(
    G: nx.MultiDiGraph,
    *,
    as_of: str | int | date | None = None,
    types: str | Iterable[str] | None = None,
    sectors: str | Iterable[str] | None = None,
    district: str | Iterable[str] | None = None,
    weight: str | None = "strength",
) -> tuple[nx.Graph, nx.DiGraph]:
    """Both views in one pass: ``(undirected_view(G, …), directed_view(G, …))``.

    Parameters
    ----------
    G : MultiDiGraph
        A graph following the ``load_graph`` conventions.
    as_of : ISO date, fiscal year (int) or None
        Keep ties running then (:func:`filter_graph`).
    types : str, iterable of str or None
        Tie types to keep.
    sectors : str, iterable of str or None
        Sectors of the organisations to keep.
    district : str, iterable of str or None
        Districts of the organisations to keep.
    weight : str or None
        As in :func:`undirected_view`.

    Returns
    -------
    (Graph, DiGraph)
        The two views, sharing node attribute dicts.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph([("a", "b")])
    >>> U, D = views(M)
    >>> U.number_of_edges(), D.number_of_edges()
    (1, 2)
    """
    return _build(_filtered(G, as_of, types, sectors, district), weight, True, True)
