"""The analysis views built with NumPy: the private accelerator of :mod:`network.analysis.views`.

:func:`network.analysis.views.indexed_views` and :func:`~network.analysis.views.indexed_views_from_arrays`
(defined here, public there) give the same two simple views as
:func:`~network.analysis.views.views`, as :class:`~network.analysis.engine.Indexed` arrays instead of
NetworkX graphs: the path of large networks.  A graph is first turned into the arrays a store's
``load_arrays()`` returns (:func:`network.arrays.arrays_from_graph`), so there is one array
builder, and the tie rules (default strength, weight, direction) are those of :mod:`network.arrays`.

>>> import networkx as nx
>>> M = nx.MultiDiGraph()
>>> _ = M.add_edge("a", "b", type="funding")
>>> XU, XD = indexed_views(M)
>>> XU.strength.tolist(), XD.src.tolist(), XD.dst.tolist()
([3.0], [0], [1])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date

import networkx as nx
import numpy as np

from network.analysis.engine import Indexed
from network.arrays import DEFAULT_STRENGTH, GraphArrays, arrays_from_graph
from network.fiscal import iso_day
from network.model import as_of_period

__all__ = ["NodeColumns", "ArraysLike", "select", "indexed_views", "indexed_views_from_arrays", "tie_days", "running"]


class NodeColumns(Mapping):
    """Node attributes kept as columns: ``nd[v]`` is a small dict made on demand.

    Stands in for ``G.nodes`` when the views come from arrays (no NetworkX graph).

    >>> nd = NodeColumns(["a", "b"], {"name": ["A", "B"]})
    >>> nd["b"], nd.column("name"), nd.column("sector")
    ({'name': 'B'}, ['A', 'B'], [None, None])
    """

    def __init__(self, nodes: list, columns: dict[str, list], index: dict | None = None) -> None:
        self._nodes = nodes
        self._columns = columns
        self._index = index if index is not None else {v: i for i, v in enumerate(nodes)}

    def __getitem__(self, v: object) -> dict:
        i = self._index[v]
        return {k: col[i] for k, col in self._columns.items()}

    def __iter__(self) -> Iterator:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def column(self, attr: str) -> list:
        """The attribute of every node in node order (``None`` when the column is absent)."""
        col = self._columns.get(attr)
        return list(col) if col is not None else [None] * len(self._nodes)


def _aggregate(n: int, a: np.ndarray, b: np.ndarray, w: np.ndarray, s: np.ndarray):  # type: ignore[no-untyped-def]
    key = a * n + b
    order = np.argsort(key, kind="stable")
    key, w, s = key[order], w[order], s[order]
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.empty(0, np.int64)
    uk = key[first]
    return (
        uk // n,
        uk % n,
        np.add.reduceat(w, first) if len(key) else w,
        np.maximum.reduceat(s, first) if len(key) else s,
    )


def _build_views(
    nodes: list,
    node_data: Mapping,
    idx: dict,
    u_: np.ndarray,
    v_: np.ndarray,
    w_: np.ndarray,
    s_: np.ndarray,
    dir_: np.ndarray,
) -> tuple[Indexed, Indexed]:
    n = len(nodes)
    out = []
    for directed in (False, True):
        if directed:
            und = ~dir_
            a = np.concatenate([u_, v_[und]])
            b = np.concatenate([v_, u_[und]])
            w, s = np.concatenate([w_, w_[und]]), np.concatenate([s_, s_[und]])
        else:
            a, b, w, s = np.minimum(u_, v_), np.maximum(u_, v_), w_, s_
        X = Indexed()
        X._G = None
        X.node_data, X.directed, X.nodes, X.n, X.index = node_data, directed, nodes, n, idx
        X.src, X.dst, X.weight, X.strength = _aggregate(n, a, b, w, s)
        del a, b, w, s
        out.append(X)
    return out[0], out[1]


#: What the array views read: a store's ``load_arrays()`` (any object with the same fields will do).
ArraysLike = GraphArrays


def _wanted(values: str | Iterable[str] | None) -> set | None:
    if values is None:
        return None
    return {getattr(v, "value", v) for v in ([values] if isinstance(values, str) else values)}


def select(
    T: ArraysLike,
    *,
    types: str | Iterable[str] | None = None,
    sectors: str | Iterable[str] | None = None,
    district: str | Iterable[str] | None = None,
    min_strength: int = 1,
) -> tuple[np.ndarray | None, np.ndarray]:
    """The organisations and ties of ``T`` that pass the filters, as boolean masks.

    The rules of :func:`network.analysis.views.filter_graph` (organisations outside ``sectors`` or
    ``district`` are left out with their ties; ``types`` keeps ties of those types) and of
    :func:`network.analysis.selection.min_strength_graph` (ties of strength ``min_strength`` or more;
    no strength counts as :data:`network.arrays.DEFAULT_STRENGTH`).  Self-ties are kept here (they
    count as ties; the views drop them).

    Parameters
    ----------
    T : GraphArrays
        The network as arrays (:class:`network.arrays.GraphArrays`).
    types : str, iterable of str or None
        Tie types to keep (``None``: all).
    sectors : str, iterable of str or None
        Sectors of the organisations to keep (``None``: all).
    district : str, iterable of str or None
        Districts of the organisations to keep (``None``: all).
    min_strength : int
        The weakest strength kept (1: every tie).

    Returns
    -------
    (node_keep, tie_keep)
        ``node_keep`` is ``None`` when no organisation filter applies.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> T = NS(ids=["a", "b", "c"], orgs={"sector": ["npo", "npo", "company"]},
    ...        source=np.array([0, 2]), target=np.array([1, 1]), type=np.array([0, 1]),
    ...        types=["collaboration", "funding"], strength=np.array([0, 5]))
    >>> nodes, ties = select(T, sectors=["npo"])
    >>> nodes.tolist(), ties.tolist()
    ([True, True, False], [True, False])
    >>> select(T, min_strength=4)[1].tolist(), select(T, types="collaboration")[1].tolist()
    ([False, True], [True, False])
    """
    src, dst = np.asarray(T.source, np.int64), np.asarray(T.target, np.int64)
    keep = np.ones(len(src), dtype=bool)
    wanted = _wanted(types)
    if wanted is not None:
        ok = np.array([t in wanted for t in T.types], dtype=np.bool_)
        keep &= ok[np.asarray(T.type, np.int64)] if len(ok) else False
    if min_strength > 1:
        keep &= _strengths(T) >= min_strength
    node_keep = None
    for attr, values in (("sector", sectors), ("district", district)):
        wanted = _wanted(values)
        if wanted is None:
            continue
        col = T.orgs.get(attr) or [None] * len(T.ids)
        mask = np.fromiter((x in wanted for x in col), dtype=bool, count=len(T.ids))
        node_keep = mask if node_keep is None else node_keep & mask
    if node_keep is not None:
        keep &= node_keep[src] & node_keep[dst]
    return node_keep, keep


def tie_days(G: nx.MultiDiGraph) -> tuple[np.ndarray, np.ndarray]:
    """Each tie's start and end day, in the edge order of :func:`network.arrays.arrays_from_graph`.

    Parameters
    ----------
    G : MultiDiGraph
        A graph following the ``load_graph`` conventions (``start``/``end`` ISO dates or missing).

    Returns
    -------
    (ndarray, ndarray)
        Each ``start`` and ``end`` as :func:`network.fiscal.iso_day` reads it (``""`` when missing), as NumPy
        text: what :func:`network.model.tie_active` compares.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("a", "b", start="2016-04-01"); _ = M.add_edge("b", "c", end="2017-03-31T00:00")
    >>> [x.tolist() for x in tie_days(M)]
    [['2016-04-01', ''], ['', '2017-03-31']]
    """
    days = [(iso_day(d.get("start")) or "", iso_day(d.get("end")) or "") for _, _, d in G.edges(data=True)]
    if not days:
        return np.empty(0, "U10"), np.empty(0, "U10")
    starts, ends = zip(*days, strict=True)
    return np.array(starts, dtype=str), np.array(ends, dtype=str)


def running(starts: np.ndarray, ends: np.ndarray, when: str | int | date | None) -> np.ndarray:
    """The ties running at some time in ``when`` (a day or a fiscal year; ``None``: every tie), as a mask.

    The rule of :func:`network.model.tie_active` (a missing start or end is open), for every tie at once.

    Parameters
    ----------
    starts, ends : ndarray
        The ties' days (:func:`tie_days`).
    when : str, int, date or None
        An ISO day, a fiscal year (``2016``, ``"令和6年度"``…) or ``None``.

    Returns
    -------
    ndarray of bool

    Examples
    --------
    >>> starts, ends = np.array(["2016-04-01", "", "2018-01-01"]), np.array(["", "2016-03-31", ""])
    >>> running(starts, ends, 2016).tolist(), running(starts, ends, "2016-03-31").tolist()
    ([True, False, False], [False, True, False])
    """
    first, last = as_of_period(when)
    keep = np.ones(len(starts), dtype=bool)
    if first is None and last is None:
        return keep
    last = first if last is None else last
    if last is not None:
        keep &= (starts == "") | (starts <= last)
    if first is not None:
        keep &= (ends == "") | (ends >= first)
    return keep


def _strengths(T: ArraysLike) -> np.ndarray:
    st = np.asarray(T.strength).astype(np.float64)
    st[~(st > 0)] = DEFAULT_STRENGTH  # no strength (0 or NaN): the default, as tie_strength reads it
    return st


def indexed_views_from_arrays(
    T: ArraysLike,
    *,
    types: Iterable[str] | None = None,
    sectors: Iterable[str] | None = None,
    district: Iterable[str] | None = None,
    min_strength: int = 1,
    weight: str | None = "strength",
    node_data: Mapping | None = None,
    ties: np.ndarray | None = None,
) -> tuple[Indexed, Indexed]:
    """The two views of a network given as arrays (a store's ``load_arrays()``), without NetworkX.

    Parameters
    ----------
    T : GraphArrays
        ``ids``, ``orgs`` (columns), ``source``, ``target``, ``type``/``types``, ``directed``,
        ``strength`` and ``weight`` (:class:`network.arrays.GraphArrays`).
    types : iterable of str or None
        Tie types to keep (:func:`select`).
    sectors : iterable of str or None
        Sectors of the organisations to keep.
    district : iterable of str or None
        Districts of the organisations to keep.
    min_strength : int
        The weakest strength kept.
    weight : str or None
        ``"strength"`` (default): a pair's weight sums its ties' strengths; ``None``: counts its
        ties; any other name: sums ``T.weight`` (NaN counts 1.0).
    node_data : mapping or None
        The organisations' attributes (``G.nodes`` of a graph); ``None``: ``T.orgs`` as columns.
    ties : ndarray of bool or None
        Only these ties (a mask over ``T``'s ties, e.g. :func:`running`); ``None``: every tie.

    Returns
    -------
    (Indexed, Indexed)
        The undirected and the directed view, equal to
        ``Indexed(undirected_view(G, …))`` and ``Indexed(directed_view(G, …))`` of the same network.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> T = NS(ids=["a", "b", "c"], orgs={"sector": ["npo", "npo", "company"]},
    ...        source=np.array([0, 2]), target=np.array([1, 1]), type=np.array([0, 1]),
    ...        types=["collaboration", "funding"], directed=np.array([False, True]),
    ...        strength=np.array([3, 5]), weight=np.array([1.0, 1.0]))
    >>> XU, XD = indexed_views_from_arrays(T)
    >>> len(XU.src), len(XD.src), XD.node_data["c"]["sector"]
    (2, 3, 'company')
    >>> XU, _ = indexed_views_from_arrays(T, sectors=["npo"])
    >>> XU.nodes, XU.labels("sector")
    (['a', 'b'], ['npo', 'npo'])
    """
    src, dst = np.asarray(T.source, np.int64), np.asarray(T.target, np.int64)
    node_keep, keep = select(T, types=types, sectors=sectors, district=district, min_strength=min_strength)
    keep &= src != dst
    if ties is not None:
        keep &= ties
    ids, columns = T.ids, T.orgs
    if node_keep is not None:
        pos = np.cumsum(node_keep) - 1
        sel = np.flatnonzero(node_keep).tolist()
        ids = [ids[i] for i in sel]
        columns = {c: [col[i] for i in sel] for c, col in columns.items()}
        src, dst = pos[src], pos[dst]
    nodes = list(ids)
    idx = {v: i for i, v in enumerate(nodes)}
    s_ = _strengths(T)[keep]
    if weight == "strength":
        w_ = s_.copy()
    elif not weight:
        w_ = np.ones(len(s_))
    else:
        w_ = np.asarray(T.weight, np.float64)[keep].copy()
        w_[np.isnan(w_)] = 1.0
    return _build_views(
        nodes,
        NodeColumns(nodes, columns, idx) if node_data is None else node_data,
        idx,
        src[keep],
        dst[keep],
        w_,
        s_,
        np.asarray(T.directed, np.bool_)[keep],
    )


def indexed_views(H: nx.MultiDiGraph, *, weight: str | None = "strength") -> tuple[Indexed, Indexed]:
    """The undirected and directed views of a stored graph as :class:`Indexed`, built with NumPy.

    Parameters
    ----------
    H : MultiDiGraph
        A graph following the ``load_graph`` conventions (already filtered).
    weight : str or None
        As in :func:`network.analysis.views.undirected_view`.

    Returns
    -------
    (Indexed, Indexed)
        The same edges, ``weight`` and ``strength`` as ``Indexed(undirected_view(H))`` and
        ``Indexed(directed_view(H))``, with ``H.nodes`` as the node data: the graph goes through
        :func:`network.arrays.arrays_from_graph` and :func:`indexed_views_from_arrays`.

    Examples
    --------
    >>> M = nx.MultiDiGraph([("a", "b"), ("a", "b")])
    >>> XU, XD = indexed_views(M)
    >>> XU.weight.tolist(), len(XD.src)
    ([6.0], 2)
    """
    T = arrays_from_graph(H, (), weight=weight if weight and weight != "strength" else "weight")
    return indexed_views_from_arrays(T, weight=weight, node_data=H.nodes)
