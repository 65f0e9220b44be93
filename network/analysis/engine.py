"""Fast kernels' plumbing: NetworkX views as index arrays, SciPy matrices, igraph.

NetworkX stays the graph API of the project; the heavy measures run on
compiled engines (python-igraph for shortest paths and communities, SciPy
sparse matrices for local measures).  :class:`Indexed` converts a view once
and keeps the node order, so every kernel returns arrays aligned with
``Indexed.nodes``.

Examples
--------
>>> import networkx as nx
>>> X = Indexed(nx.path_graph(["a", "b", "c"]))
>>> X.nodes, X.degree.tolist()
(['a', 'b', 'c'], [1, 2, 1])
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = [
    "Indexed",
    "masked_matmul",
    "heavy_sum",
    "seeded_igraph",
    "HEAVY_COST",
]

#: A middle node whose 2-paths number more than this is handled apart (see :func:`masked_matmul`).
HEAVY_COST = 90_000
#: Held while igraph draws from a private generator (:func:`seeded_igraph`): one thread at a time.
_IGRAPH_RNG = threading.RLock()
#: 2-paths one chunk of :func:`masked_matmul`'s product expands (bounds its memory).
_MATMUL_WORK = 2_000_000


class Indexed:
    """A simple graph (``Graph`` or ``DiGraph``) with integer node indices.

    Attributes
    ----------
    nodes : list of node keys, in ``G``'s order.
    index : dict node → position.
    src, dst : int arrays of the edges (each undirected edge once).
    weight : float array of the edges' ``weight`` attribute (1.0 if absent).
    """

    def __init__(self, G: nx.Graph | None = None) -> None:
        if G is None:  # filled in by a factory (network.analysis._arrays)
            return
        self._G: nx.Graph | None = G
        self.node_data: Mapping = G.nodes
        self.directed = G.is_directed()
        self.nodes = list(G)
        self.n = len(self.nodes)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        idx = self.index
        m = G.number_of_edges()
        src = np.empty(m, dtype=np.int64)
        dst = np.empty(m, dtype=np.int64)
        w = np.empty(m, dtype=np.float64)
        st = np.empty(m, dtype=np.float64)
        e = 0
        for u, nbrs in G._adj.items():  # type: ignore[attr-defined]  # networkx's own dict (not in its stubs)
            iu = idx[u]
            for v, d in nbrs.items():
                iv = idx[v]
                if not self.directed and iv < iu:
                    continue
                if iu == iv:
                    continue
                src[e], dst[e], w[e], st[e] = iu, iv, d.get("weight", 1.0), d.get("strength", 1)
                e += 1
        self.src, self.dst, self.weight, self.strength = src[:e], dst[:e], w[:e], st[:e]

    @cached_property
    def G(self) -> nx.Graph:
        """The NetworkX graph (built from the arrays when the index came from them)."""
        if getattr(self, "_G", None) is not None:
            return self._G  # type: ignore[return-value]  # not None: checked on the line above
        G: nx.Graph = nx.DiGraph() if self.directed else nx.Graph()
        G.add_nodes_from((v, self.node_data[v]) for v in self.nodes)
        G.add_edges_from(
            (self.nodes[a], self.nodes[b], {"weight": w, "strength": int(s)})
            for a, b, w, s in zip(
                self.src.tolist(), self.dst.tolist(), self.weight.tolist(), self.strength.tolist(), strict=True
            )
        )
        return G

    @cached_property
    def S(self) -> sp.csr_matrix:
        """Strength matrix (strongest tie of each pair)."""
        return self._matrix(self.strength)

    @cached_property
    def A(self) -> sp.csr_matrix:
        """Binary adjacency matrix (symmetric when undirected), float64 CSR."""
        return self._matrix(np.ones(len(self.src)))

    @cached_property
    def W(self) -> sp.csr_matrix:
        """Weighted adjacency matrix (edge ``weight``)."""
        return self._matrix(self.weight)

    def _matrix(self, values: np.ndarray) -> sp.csr_matrix:
        n = self.n
        if self.directed:
            M = sp.csr_matrix((values, (self.src, self.dst)), shape=(n, n))
        else:
            M = sp.csr_matrix(
                (
                    np.concatenate([values, values]),
                    (np.concatenate([self.src, self.dst]), np.concatenate([self.dst, self.src])),
                ),
                shape=(n, n),
            )
        M.sum_duplicates()
        return M

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of neighbours (undirected) or of out+in arcs (directed)."""
        A = self.A
        if self.directed:
            return np.asarray(A.sum(axis=1)).ravel().astype(np.int64) + np.asarray(A.sum(axis=0)).ravel().astype(
                np.int64
            )
        return np.diff(A.indptr).astype(np.int64)

    @cached_property
    def igraph(self):  # type: ignore[no-untyped-def]
        """The same graph as an ``igraph.Graph`` (vertex i = ``nodes[i]``)."""
        import igraph as ig

        edges = np.column_stack([self.src, self.dst]) if len(self.src) else np.empty((0, 2), int)
        return ig.Graph(n=self.n, edges=edges.tolist(), directed=self.directed)

    def labels(self, attr: str, default: str = "") -> list[str]:
        """Node attribute ``attr`` in node order (missing/empty → ``default``)."""
        nd = self.node_data
        if hasattr(nd, "column"):  # columns (network.analysis._arrays.NodeColumns): no dict per node
            return [str(x or default) for x in nd.column(attr)]
        return [str(nd[v].get(attr) or default) for v in self.nodes]

    def codes(self, attr: str, default: str = "") -> tuple[np.ndarray, list[str]]:
        """Integer group codes of ``attr`` and the group labels (sorted)."""
        labels = self.labels(attr, default)
        groups = sorted(set(labels))
        pos = {g: i for i, g in enumerate(groups)}
        return np.fromiter((pos[x] for x in labels), dtype=np.int64, count=self.n), groups


def masked_matmul(
    L: sp.csr_matrix, R: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray, *, heavy_cost: int | None = None
) -> np.ndarray:
    """``(L @ R)[rows[e], cols[e]]`` for every pair ``e``, without the full product.

    Parameters
    ----------
    L : csr_matrix
        The left factor (n × k).
    R : csr_matrix
        The right factor (k × m).
    rows : int array
        Row of each wanted entry.
    cols : int array
        Column of each wanted entry (same length as ``rows``).
    heavy_cost : int or None
        A middle index ``q`` whose ``nnz(L[:, q]) × nnz(R[q, :])`` exceeds it is summed apart
        (:func:`heavy_sum`); ``None``: :data:`HEAVY_COST`.

    Returns
    -------
    ndarray
        ``out[e] = (L @ R)[rows[e], cols[e]]`` (float).

    Notes
    -----
    A hub (a middle index whose neighbours would all pair up) would make the product dense; it is
    summed pair by pair instead, and the rest goes through one sparse product computed in chunks
    of rows of bounded work, each looked up at its pairs and freed.  Exact either way.

    Examples
    --------
    >>> import scipy.sparse as sp, numpy as np
    >>> A = sp.csr_matrix(np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]], float))
    >>> masked_matmul(A, A, np.array([0, 1]), np.array([1, 2]), heavy_cost=0).tolist()
    [1.0, 1.0]
    """
    heavy_cost = HEAVY_COST if heavy_cost is None else heavy_cost
    Lc, R = L.tocsc(), R.tocsr()
    r_nnz = np.diff(R.indptr).astype(np.int64)
    cost = np.diff(Lc.indptr).astype(np.int64) * r_nnz
    heavy = np.flatnonzero(cost > heavy_cost)
    out = np.zeros(len(rows))
    if len(rows) == 0:
        return out
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    Lr = L.tocsr()
    if len(heavy):
        keep = np.ones(L.shape[1])
        keep[heavy] = 0.0
        Lr = (Lr @ sp.diags(keep)).tocsr()
        Lr.eliminate_zeros()
    # the product in chunks of rows, each of bounded work (2-paths expanded), looked up at its pairs
    work = np.cumsum(Lr @ r_nnz.astype(float))
    order = np.argsort(rows, kind="stable")
    by_row = rows[order]
    n_cols = R.shape[1]
    start, n_rows = 0, Lr.shape[0]
    while start < n_rows:
        stop = int(np.searchsorted(work, (work[start - 1] if start else 0.0) + _MATMUL_WORK, side="right"))
        stop = min(max(stop, start + 1), n_rows)
        lo, hi = np.searchsorted(by_row, [start, stop])
        if hi > lo:
            sel = order[lo:hi]
            P = (Lr[start:stop] @ R).tocsr()
            P.sort_indices()
            key_p = np.repeat(np.arange(P.shape[0], dtype=np.int64), np.diff(P.indptr)) * n_cols + P.indices
            if len(key_p):
                key_e = (rows[sel] - start) * n_cols + cols[sel]
                pos = np.minimum(np.searchsorted(key_p, key_e), len(key_p) - 1)
                hit = key_p[pos] == key_e
                out[sel[hit]] = P.data[pos[hit]]
            del P, key_p
        start = stop
    if len(heavy):
        out += heavy_sum(Lc, R, heavy, rows, cols)
    return out


def heavy_sum(L: sp.csc_matrix, R: sp.csr_matrix, middle: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``Σ_{q ∈ middle} L[rows[e], q] · R[q, cols[e]]`` for every pair ``e``, one ``q`` at a time.

    Parameters
    ----------
    L : csc_matrix
        The left factor.
    R : csr_matrix
        The right factor.
    middle : int array
        The middle indices ``q`` to sum over.
    rows : int array
        Row of each wanted entry.
    cols : int array
        Column of each wanted entry.

    Returns
    -------
    ndarray
        The sum for each pair (float).

    Notes
    -----
    For each ``q`` only the pairs whose row is in ``L[:, q]`` are visited (pairs grouped by
    row once), so the cost is the number of pairs those rows have — no fancy indexing of the
    matrices by the pairs.

    Examples
    --------
    >>> import scipy.sparse as sp, numpy as np
    >>> A = sp.csr_matrix(np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]], float))
    >>> heavy_sum(A.tocsc(), A, np.array([2]), np.array([0, 1, 0]), np.array([1, 0, 2])).tolist()
    [1.0, 1.0, 0.0]
    """
    L, R = L.tocsc(), R.tocsr()
    out = np.zeros(len(rows))
    if len(rows) == 0 or len(middle) == 0:
        return out
    order = np.argsort(rows, kind="stable")
    ptr = np.searchsorted(rows[order], np.arange(L.shape[0] + 1))
    dense = np.zeros(R.shape[1])
    for q in np.asarray(middle).tolist():
        li = L.indices[L.indptr[q] : L.indptr[q + 1]]
        lv = L.data[L.indptr[q] : L.indptr[q + 1]]
        starts = ptr[li]
        counts = ptr[li + 1] - starts
        total = int(counts.sum())
        if total == 0:
            continue
        rj = R.indices[R.indptr[q] : R.indptr[q + 1]]
        dense[rj] = R.data[R.indptr[q] : R.indptr[q + 1]]
        at = order[np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)]
        out[at] += np.repeat(lv, counts) * dense[cols[at]]
        dense[rj] = 0.0
    return out


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph's randomised routines with ``random.Random(seed)``, then restore.

    python-igraph draws from a Python RNG object; this swaps in a private one
    so results are reproducible and the global ``random`` state is untouched.
    The generator is process-wide and the app's sessions are threads of one
    process, so one thread at a time runs inside (a lock): another session's
    seed cannot change this one's communities or layout.

    Parameters
    ----------
    seed : int
        The seed of the private generator.

    Returns
    -------
    context manager
        Inside it, igraph draws from ``random.Random(seed)``.

    Examples
    --------
    >>> import igraph as ig
    >>> with seeded_igraph(7):
    ...     a = ig.Graph.Erdos_Renyi(n=20, m=30).get_edgelist()
    >>> with seeded_igraph(7):
    ...     b = ig.Graph.Erdos_Renyi(n=20, m=30).get_edgelist()
    >>> a == b
    True
    """
    import igraph as ig

    with _IGRAPH_RNG:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)
