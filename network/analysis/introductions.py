"""Introductions: pairs of organisations that are not tied but should be.

A candidate pair shares at least one partner, is not tied, and crosses a
boundary: the two are in different sectors (or the chosen group attribute)
or in different communities.  Pairs are ranked by their Adamic–Adar index
(``sum 1/log(deg(w))`` over common partners ``w``, as
``nx.adamic_adar_index``), multiplied by ``same_area_bonus`` when both are in
the same district.  Each suggestion names the best introducer — the common
partner with the strongest ties to both (highest weaker tie strength, then
highest total weight) — and the facts a reason is written from (the two groups, the
shared district, the boundaries crossed); the words are presentation's
(:func:`network.present.introductions.reason_text`): the analysis takes no language.

Examples
--------
>>> import networkx as nx
>>> U = nx.Graph()
>>> U.add_nodes_from([("a", {"name": "A", "sector": "npo"}),
...                   ("b", {"name": "B", "sector": "company"}),
...                   ("c", {"name": "C", "sector": "intermediary"})])
>>> U.add_edge("a", "c", strength=4, weight=4.0); U.add_edge("b", "c", strength=3, weight=3.0)
>>> s = suggest_introductions(U)[0]
>>> s["a"], s["b"], s["introducer"]
('a', 'b', 'c')
>>> s["a_group"], s["b_group"], s["common_partners"], s["across"]
('npo', 'company', 1, ['sector'])
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

from network.analysis.engine import Indexed, heavy_sum

__all__ = ["suggest_introductions"]

_CHUNK_WORK = 4_000_000  # 2-paths expanded per chunk of rows (bounds the memory of one product)


def suggest_introductions(
    U: nx.Graph | Indexed,
    *,
    org: str | None = None,
    sector: str | None = None,
    attr: str = "sector",
    membership: dict | None = None,
    area: str = "district",
    same_area_bonus: float = 1.5,
    top: int = 20,
    hub_degree: int = 300,
    between: tuple[str, str] | None = None,
) -> list[dict]:
    """Ranked introductions for one organisation, one sector or the whole network.

    Parameters
    ----------
    U : Graph or Indexed
        The undirected view (:func:`~network.analysis.views.undirected_view`); the edge
        ``strength`` and ``weight`` pick the introducer.
    org : str or None, optional
        Only pairs that include this organisation (it is ``a``).
    sector : str or None, optional
        Only pairs with at least one organisation whose ``attr`` is this.
    attr : str, optional
        Group attribute whose boundary a suggestion should cross (default ``"sector"``).
    membership : dict or None, optional
        Node → community; pairs in different communities also qualify.
    area : str, optional
        Node attribute of the area (default ``"district"``); a same-area pair's score is
        multiplied by ``same_area_bonus``.
    same_area_bonus : float, optional
        Factor on the score of a pair in the same (known) area, default 1.5.
    top : int, optional
        Number of suggestions (default 20; equal scores are ordered by the two ids).
    hub_degree : int, optional
        A common partner with more partners than this (default 300) adds to a pair's
        score but does not make it a candidate on its own.
    between : tuple of (str, str) or None, optional
        ``(x, y)`` — only pairs of an organisation whose ``attr`` is ``x`` (``a``) and
        one whose ``attr`` is ``y`` (``b``), crossing a boundary or not (the introductions
        that would close a gap between two sectors, or inside one when ``x == y``).

    Returns
    -------
    list of dict
        ``{"a", "b", "introducer", "a_name", "b_name", "introducer_name", "score",
        "adamic_adar", "common_partners", "same_area", "across", "a_group", "b_group",
        "group_attr", "area"}``, best first (``area``: the shared district, or ``None``);
        empty below three organisations or without ties.

    Notes
    -----
    A candidate pair shares at least one partner, is not tied, and crosses a boundary
    (different ``attr``, or different communities).  Its score is the Adamic–Adar index
    [1]_, ``Σ 1/log(deg(w))`` over the common partners ``w`` (as ``nx.adamic_adar_index``),
    one of the best-performing neighbourhood predictors of new ties in [2]_, multiplied
    by ``same_area_bonus`` for a same-area pair.  The introducer is the common partner
    with the strongest weaker tie to the two, then the largest weaker weight, then the
    largest total weight.

    References
    ----------
    .. [1] Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the Web. *Social
       Networks* 25(3), 211–230.
    .. [2] Liben-Nowell, D. and Kleinberg, J. (2007). The link-prediction problem for social
       networks. *Journal of the American Society for Information Science and Technology*
       58(7), 1019–1031.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("a", "c"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(U, {"a": "npo", "b": "company", "c": "intermediary", "d": "npo"}, "sector")
    >>> [(s["a"], s["b"], s["introducer"]) for s in suggest_introductions(U)]
    [('a', 'b', 'c'), ('b', 'd', 'c')]
    >>> round(suggest_introductions(U)[0]["adamic_adar"], 3)  # 1 / log(3): c has three partners
    0.91
    >>> [(s["a"], s["b"]) for s in suggest_introductions(U, org="d")]
    [('d', 'b')]
    """
    X = U if isinstance(U, Indexed) else Indexed(U)
    n = X.n
    if n < 3 or len(X.src) == 0:
        return []
    A = X.A
    deg = X.degree
    with np.errstate(divide="ignore"):
        inv_log = np.where(deg > 1, 1.0 / np.log(np.maximum(deg, 2)), 0.0)
    g, groups = X.codes(attr)
    areas = np.array(X.labels(area), dtype=object)
    area_code, area_names = X.codes(area)
    no_area = area_names.index("") if "" in area_names else -1
    comm = np.fromiter((membership[v] for v in X.nodes), dtype=np.int64, count=n) if membership is not None else None

    if between is not None:
        rows = np.flatnonzero(np.array(X.labels(attr), dtype=object) == between[0])
    elif org is not None:
        rows = np.array([X.index[org]])
    elif sector is not None:
        rows = np.flatnonzero(np.array(X.labels(attr)) == sector)
    else:
        rows = np.arange(n)
    if len(rows) == 0:
        return []
    # candidates: pairs sharing a partner with at most `hub_degree` partners; a hub
    # (a city office with hundreds of ties) adds to their score but proposes no pair alone.
    # Rows go in chunks of bounded work, each keeping only its best `top` (and ties), so
    # memory stays bounded and the result is the same as ranking every candidate at once.
    hub = deg > hub_degree
    hubs = np.flatnonzero(hub)
    Dn = sp.diags(np.where(hub, 0.0, inv_log))
    L_hub = (A @ sp.diags(np.where(hub, inv_log, 0.0))).tocsc() if len(hubs) else None
    y = None
    if between is not None:
        y = groups.index(between[1]) if between[1] in groups else -1
    in_rows = np.zeros(n, dtype=bool)
    in_rows[rows] = True
    contiguous = len(rows) == n or (
        len(rows) and rows[-1] - rows[0] + 1 == len(rows) and bool(np.all(np.diff(rows) == 1))
    )
    # work per row: the 2-paths through its non-hub partners
    work = A @ np.where(hub, 0.0, deg.astype(float))
    cost = np.cumsum(work[rows]) if len(rows) else np.zeros(0)
    parts: list[tuple[np.ndarray, ...]] = []
    start = 0
    while start < len(rows):
        stop = int(np.searchsorted(cost, (cost[start - 1] if start else 0.0) + _CHUNK_WORK, side="right"))
        stop = min(max(stop, start + 1), len(rows))
        chunk = rows[start:stop]
        Ar = A[int(chunk[0]) : int(chunk[-1]) + 1] if contiguous else A[chunk]
        S = (Ar @ Dn @ A).tocsr()
        S = (S - S.multiply(Ar)).tocoo()  # drop pairs already tied
        S.eliminate_zeros()
        i, j, aa = chunk[S.row], S.col.astype(np.int64), S.data
        del S, Ar
        keep = i != j
        if between is not None:
            keep &= g[j] == y
            if between[0] == between[1]:
                keep &= i < j
        elif org is None and sector is None:
            keep &= i < j
        elif sector is not None:
            # a pair of two orgs in the sector is seen from both ends: keep it once
            keep &= ~in_rows[j] | (i < j)
        i, j, aa = i[keep], j[keep], aa[keep]
        across_group = g[i] != g[j]
        across_comm = comm[i] != comm[j] if comm is not None else np.zeros(len(i), dtype=bool)
        ok = across_group | across_comm | (between is not None)
        i, j, aa, across_group, across_comm = i[ok], j[ok], aa[ok], across_group[ok], across_comm[ok]
        if L_hub is not None and len(i):
            aa = aa + heavy_sum(L_hub, A, hubs, i, j)
        ok = aa > 1e-12
        i, j, aa, across_group, across_comm = i[ok], j[ok], aa[ok], across_group[ok], across_comm[ok]
        same_area = (area_code[i] == area_code[j]) & (area_code[i] != no_area)
        score = aa * np.where(same_area, same_area_bonus, 1.0)
        sel = _best(score, top)
        parts.append(tuple(x[sel] for x in (i, j, aa, score, same_area, across_group, across_comm)))
        start = stop
    if not parts:
        return []
    i, j, aa, score, same_area, across_group, across_comm = (np.concatenate(x) for x in zip(*parts, strict=True))
    if len(score) == 0:
        return []
    sel = _best(score, top)
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(np.array([str(v) for v in X.nodes]), kind="stable")] = np.arange(n)
    order = sel[np.lexsort((rank[j[sel]], rank[i[sel]], -np.round(score[sel], 12)))]
    out = []
    for t in order[:top].tolist():
        a, b = int(i[t]), int(j[t])
        out.append(
            _suggestion(
                X,
                a,
                b,
                float(score[t]),
                float(aa[t]),
                bool(same_area[t]),
                bool(across_group[t]),
                bool(across_comm[t]),
                g,
                groups,
                attr,
                areas,
            )
        )
    return out


def _best(score: np.ndarray, top: int) -> np.ndarray:
    """Positions of the ``top`` best scores, and of every score tied with the ``top``-th."""
    if len(score) <= top:
        return np.arange(len(score))
    # everything tied with the top-th score stays in, so the order is deterministic
    thresh = np.partition(score, len(score) - top)[len(score) - top]
    return np.flatnonzero(score >= thresh - 1e-12)


def _suggestion(
    X: Indexed,
    a: int,
    b: int,
    score: float,
    aa: float,
    same_area: bool,
    across_group: bool,
    across_comm: bool,
    g: np.ndarray,
    groups: list[str],
    attr: str,
    areas: np.ndarray,
) -> dict:
    A, W, S = X.A, X.W, X.S
    na = A.indices[A.indptr[a] : A.indptr[a + 1]]
    nb = A.indices[A.indptr[b] : A.indptr[b + 1]]
    common = np.intersect1d(na, nb)
    sa, sb = S[a][:, common].toarray().ravel(), S[b][:, common].toarray().ravel()
    wa, wb = W[a][:, common].toarray().ravel(), W[b][:, common].toarray().ravel()
    # strongest weaker tie, then weaker weight, then total weight, then the first id
    keys = sorted(
        range(len(common)),
        key=lambda t: (-min(sa[t], sb[t]), -min(wa[t], wb[t]), -(wa[t] + wb[t]), str(X.nodes[common[t]])),
    )
    best = X.nodes[int(common[keys[0]])]
    va, vb = X.nodes[a], X.nodes[b]
    nd = X.node_data

    def name(v):  # type: ignore[no-untyped-def]
        return nd[v].get("name") or str(v)

    n_common = len(common)
    across = [k for k, f in (("sector" if attr == "sector" else attr, across_group), ("community", across_comm)) if f]
    return {
        "a": va,
        "b": vb,
        "introducer": best,
        "a_name": name(va),
        "b_name": name(vb),
        "introducer_name": name(best),
        "score": score,
        "adamic_adar": aa,
        "common_partners": n_common,
        "same_area": same_area,
        "across": across,
        "a_group": groups[g[a]],
        "b_group": groups[g[b]],
        "group_attr": attr,
        "area": str(areas[a]) if same_area else None,
    }
