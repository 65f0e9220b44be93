"""Brokerage roles (Gould and Fernandez 1989): who brokers between which groups, on the directed view.

Raw counts exactly as R's ``sna::brokerage``, computed with sparse products (three masked
products whatever the number of groups).  :mod:`network.analysis.brokers` names them too, beside
betweenness and constraint.

Examples
--------
>>> import networkx as nx
>>> D = nx.DiGraph([("a", "b"), ("b", "c")])
>>> nx.set_node_attributes(D, {"a": "npo", "b": "npo", "c": "company"}, "sector")
>>> brokerage_roles(D)["b"]["representative"]
1
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

from network.analysis.engine import Indexed, masked_matmul

__all__ = ["ROLES", "brokerage_arrays", "brokerage_roles"]

#: Gould–Fernandez roles in ``sna::brokerage`` column order (w_I, w_O, b_IO, b_OI, b_O).
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def _as_indexed(G: nx.Graph | Indexed) -> Indexed:
    return G if isinstance(G, Indexed) else Indexed(G)


def brokerage_arrays(D: nx.DiGraph | Indexed, group: np.ndarray) -> np.ndarray:
    """Gould–Fernandez role counts as an ``n × 5`` int array (columns = :data:`ROLES`).

    For every 2-path ``i → j → k`` with ``i, j, k`` distinct and no arc
    ``i → k``, broker ``j`` is counted in the role given by the groups of
    ``i, j, k`` (the C routine ``brokerage_R`` of R's sna).

    Parameters
    ----------
    D : DiGraph or Indexed
        The directed view (an undirected tie is two arcs).
    group : numpy.ndarray
        Integer group code of every node, in the node order of ``D`` (for example the
        first array of ``Indexed.codes("sector")``).

    Returns
    -------
    numpy.ndarray
        ``n × 5`` array of int64: row ``v`` holds ``v``'s counts as coordinator, itinerant,
        representative, gatekeeper and liaison (:data:`ROLES`).

    Raises
    ------
    ValueError
        When ``D`` is undirected.

    See Also
    --------
    brokerage_roles : The same counts by node name, with a total.

    Notes
    -----
    The roles are Gould and Fernandez's [1]_: coordinator (all three in one group),
    itinerant (``i`` and ``k`` in one group, ``j`` outside it), representative (``j`` in
    ``i``'s group, ``k`` outside), gatekeeper (``j`` in ``k``'s group, ``i`` outside) and
    liaison (three groups).  Computed with ``T = AᵀA``, ``X = A_sᵀA`` and ``Y = AᵀA_s`` at
    the arcs of ``A`` (``A_s``: the arcs within a group;
    :func:`~network.analysis.engine.masked_matmul`): the closed 2-paths through each arc
    ``j → k``.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89–126.

    Examples
    --------
    >>> import networkx as nx
    >>> import numpy as np
    >>> D = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> brokerage_arrays(D, np.array([0, 0, 1])).tolist()
    [[0, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0]]
    """
    X = _as_indexed(D)
    if not X.directed:
        raise ValueError("brokerage needs the directed view (an undirected tie = two arcs)")
    n = X.n
    out = np.zeros((n, 5), dtype=np.int64)
    if n == 0 or len(X.src) == 0:
        return out
    g = np.asarray(group)
    A = X.A
    src, dst = X.src, X.dst
    same = g[src] == g[dst]
    As = sp.csr_matrix((np.ones(int(same.sum())), (src[same], dst[same])), shape=(n, n))
    At = A.T.tocsr()
    t_e = masked_matmul(At, A, src, dst)  # closed 2-paths i → j → k with i → k, per arc j → k
    x_e = masked_matmul(As.T.tocsr(), A, src, dst)  # … with i in j's group
    y_e = masked_matmul(At, As, src, dst)  # … with i in k's group
    k_same = g[dst] == g[src]  # for arc j→k: is k in j's group

    def by_broker(values: np.ndarray, sel: np.ndarray) -> np.ndarray:
        return np.bincount(src[sel], weights=values[sel], minlength=n)

    # neighbour counts by group relation
    ones = np.ones(len(src))
    out_same = np.bincount(src[same], minlength=n)
    out_all = np.bincount(src, weights=ones, minlength=n)
    in_same = np.bincount(dst[same], minlength=n)
    in_all = np.bincount(dst, weights=ones, minlength=n)
    out_other, in_other = out_all - out_same, in_all - in_same
    R = A.multiply(At).tocoo()  # reciprocated pairs j ↔ i (each seen from both ends)
    r_same_e = g[R.row] == g[R.col]
    recip_same = np.bincount(R.row[r_same_e], minlength=n)
    recip_other = np.bincount(R.row[~r_same_e], minlength=n)
    # Σ over groups a ≠ g_j of in_a(j)·out_a(j)
    m_groups = int(g.max()) + 1
    Hin = sp.csr_matrix((ones, (dst, g[src])), shape=(n, m_groups))
    Hout = sp.csr_matrix((ones, (src, g[dst])), shape=(n, m_groups))
    in_out_all = np.asarray(Hin.multiply(Hout).sum(axis=1)).ravel()
    in_out_other = in_out_all - in_same * out_same

    coordinator = in_same * out_same - recip_same - by_broker(x_e, k_same)
    representative = in_same * out_other - by_broker(x_e, ~k_same)
    gatekeeper = in_other * out_same - by_broker(t_e - x_e, k_same)
    itinerant = in_out_other - recip_other - by_broker(y_e, ~k_same)
    other_other = in_other * out_other - recip_other - by_broker(t_e - x_e, ~k_same)
    liaison = other_other - itinerant
    out[:] = np.rint(np.column_stack([coordinator, itinerant, representative, gatekeeper, liaison])).astype(np.int64)
    return out


def brokerage_roles(D: nx.DiGraph | Indexed, *, attr: str = "sector") -> dict:
    """Gould–Fernandez brokerage role counts of every node, by a node attribute.

    Parameters
    ----------
    D : DiGraph or Indexed
        The directed view (an undirected tie is two arcs).
    attr : str, optional
        Node attribute defining the groups (default ``"sector"``; ``"district"``…); a
        missing value is a group of its own (``""``).

    Returns
    -------
    dict
        node → ``{"coordinator", "itinerant", "representative", "gatekeeper",
        "liaison", "total"}`` raw counts, equal to ``sna::brokerage(g, cl)$raw.nli``.

    Raises
    ------
    ValueError
        When ``D`` is undirected.

    See Also
    --------
    brokerage_arrays : The counts as an array, for a group code per node.

    Notes
    -----
    For every 2-path ``i → j → k`` with no arc ``i → k``, the broker ``j`` is counted in one
    of the five roles of [1]_, given by the groups of ``i``, ``j`` and ``k``.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89–126.

    Examples
    --------
    >>> import networkx as nx
    >>> D = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "b"), ("b", "a")])
    >>> nx.set_node_attributes(D, {"a": "x", "b": "y", "c": "x"}, "sector")
    >>> brokerage_roles(D)["b"]["itinerant"]
    2
    """
    X = _as_indexed(D)
    group, _ = X.codes(attr)
    counts = brokerage_arrays(X, group)
    total = counts.sum(axis=1)
    return {
        v: {**dict(zip(ROLES, map(int, row), strict=True)), "total": int(t)}
        for v, row, t in zip(X.nodes, counts, total, strict=True)
    }
