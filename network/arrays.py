"""How a stored tie is read by the analysis, and the network as arrays.

The rules a tie's values follow on their way into a measure are written here once, and every
view builder (:mod:`network.analysis.views` for NetworkX graphs, its accelerator
:mod:`network.analysis._arrays` for arrays), the stores' :class:`GraphArrays` and the map's
minimum-strength filter read them from here:

* a tie without a strength (or with one that is not a number) counts as :data:`DEFAULT_STRENGTH`;
* a tie's weight is its ``weight`` attribute (or the attribute asked for); missing, it is the
  tie's strength; not a number (NaN), it is 1.0;
* a tie without ``directed`` takes its type's default direction
  (:attr:`network.model.TieType.default_directed`; an unknown type is undirected).

>>> tie_strength({}), tie_strength({"strength": 5}), tie_strength({"strength": "x"})
(3, 5, 3)
>>> tie_weight({"strength": 4}, "weight"), tie_weight({"weight": float("nan")}, "weight")
(4.0, 1.0)
>>> tie_directed({"type": "funding"}), tie_directed({"type": "funding", "directed": False})
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np

from network.model import TieType

__all__ = [
    "DEFAULT_STRENGTH",
    "ORG_COLUMNS",
    "DIRECTED_BY_TYPE",
    "tie_strength",
    "tie_weight",
    "tie_directed",
    "GraphArrays",
    "arrays_from_graph",
]

#: The strength of a tie that has none (the middle of the 1–5 collaboration continuum).
DEFAULT_STRENGTH = 3

#: Organisation columns :class:`GraphArrays` carries by default (what the analysis shows and groups by).
ORG_COLUMNS = ("name", "sector", "kind", "prefecture", "city", "district")

#: Tie type code → whether a tie of that type without ``directed`` is directed.
DIRECTED_BY_TYPE: dict[str | None, bool] = {t.value: t.default_directed for t in TieType}


def tie_strength(d: Mapping) -> int:
    """The tie's strength, :data:`DEFAULT_STRENGTH` when it has none or one that is not a number."""
    try:
        return int(d.get("strength") or DEFAULT_STRENGTH)
    except (TypeError, ValueError):
        return DEFAULT_STRENGTH


def tie_weight(d: Mapping, weight: str | None = "strength") -> float:
    """The value a tie adds to its pair's ``weight``: attribute ``weight`` (``None``: 1.0 per tie).

    Missing, the tie's strength stands in; not a number (NaN), 1.0.
    """
    if not weight:
        return 1.0
    w = d.get(weight)
    w = float(tie_strength(d) if w is None else w)
    return 1.0 if w != w else w


def tie_directed(d: Mapping) -> bool:
    """Whether the tie is directed: its ``directed``, else its type's default."""
    directed = d.get("directed")
    if directed is None:
        return DIRECTED_BY_TYPE.get(d.get("type"), False)
    return bool(directed)


@dataclass
class GraphArrays:
    """The stored network as columns and edge arrays: what ``load_arrays()`` returns.

    The same organisations (in the same order) and ties as :meth:`Store.load_graph`, without one
    Python object per tie: ``ids[i]`` is organisation ``i``, ``orgs[col][i]`` its column ``col``;
    tie ``e`` runs ``source[e] → target[e]`` (positions in ``ids``), of type
    ``types[type[e]]``, ``directed[e]``, ``strength[e]`` (1–5) and ``weight[e]``.

    >>> a = GraphArrays(["a", "b"], {"name": ["A", "B"]}, np.array([0]), np.array([1]),
    ...                 np.array([0], np.int8), ["funding"], np.array([True]), np.array([4], np.int8),
    ...                 np.array([1.0]))
    >>> a.n, a.m, a.types[a.type[0]]
    (2, 1, 'funding')
    """

    ids: list[str]
    orgs: dict[str, list]
    source: np.ndarray
    target: np.ndarray
    type: np.ndarray
    types: list[str]
    directed: np.ndarray
    strength: np.ndarray
    weight: np.ndarray
    as_of: str | None = None

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def m(self) -> int:
        return len(self.source)


def arrays_from_graph(
    G: nx.MultiDiGraph, columns: Iterable[str] = ORG_COLUMNS, weight: str | None = "weight"
) -> GraphArrays:
    """A :class:`GraphArrays` built from a ``load_graph()`` graph (the fallback of any store).

    Each tie's ``directed``, ``strength`` and ``weight`` (read from attribute ``weight``) follow
    :func:`tie_directed`, :func:`tie_strength` and :func:`tie_weight`, as the analysis views read them.

    >>> G = nx.MultiDiGraph([("a", "b")])
    >>> T = arrays_from_graph(G)
    >>> T.strength.tolist(), T.weight.tolist(), T.types
    ([3], [3.0], [''])
    """
    ids = list(G)
    idx = {v: i for i, v in enumerate(ids)}
    nd = G.nodes
    orgs = {c: [nd[v].get(c) for v in ids] for c in columns}
    m = G.number_of_edges()
    src, dst = np.empty(m, np.int64), np.empty(m, np.int64)
    code, direc = np.empty(m, np.int16), np.empty(m, bool)
    st, w = np.empty(m, np.int8), np.empty(m, np.float64)
    types: dict[str, int] = {}
    for e, (u, v, d) in enumerate(G.edges(data=True)):
        src[e], dst[e] = idx[u], idx[v]
        code[e] = types.setdefault(d.get("type") or "", len(types))
        direc[e] = tie_directed(d)
        st[e] = tie_strength(d)
        w[e] = tie_weight(d, weight)
    return GraphArrays(ids, orgs, src, dst, code, list(types), direc, st, w, G.graph.get("as_of"))
