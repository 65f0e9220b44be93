"""The peer of ``renkei analyze``: what a user would write with python-igraph and NumPy alone.

Reads a Renkei SQLite file with ``sqlite3``, builds one ``igraph.Graph``, and computes the
same measures as ``renkei analyze --format json`` except introductions: degree, sampled
betweenness (the same number of sources), sampled harmonic closeness, Burt's constraint
(igraph), effective size (from local clustering), Gould–Fernandez brokerage roles (three SciPy
products masked by the arcs), Louvain communities, components, cut points and bridges, sector
mixing; then writes one JSON object.  Imports nothing from Renkei (used by bench_analyze.py)::

    python bench/igraph_peer.py FILE.db OUT.json [--k K] [--closeness-k 256]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3

import igraph as ig
import numpy as np
import scipy.sparse as sp


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("db")
    p.add_argument("out")
    p.add_argument("--k", type=int, default=256, help="sampled betweenness sources")
    p.add_argument("--closeness-k", type=int, default=256)
    a = p.parse_args(argv)
    conn = sqlite3.connect(a.db)
    orgs = conn.execute("SELECT id, name, sector, district FROM orgs WHERE deleted = 0").fetchall()
    ids = [o[0] for o in orgs]
    idx = {v: i for i, v in enumerate(ids)}
    n = len(ids)
    rows = conn.execute("SELECT source, target, directed, strength FROM ties").fetchall()
    src = np.fromiter((idx.get(r[0], -1) for r in rows), np.int64, len(rows))
    dst = np.fromiter((idx.get(r[1], -1) for r in rows), np.int64, len(rows))
    directed = np.fromiter((r[2] for r in rows), bool, len(rows))
    strength = np.fromiter((r[3] for r in rows), float, len(rows))
    del rows
    ok = (src >= 0) & (dst >= 0)
    src, dst, directed, strength = src[ok], dst[ok], directed[ok], strength[ok]
    # undirected weighted simple graph
    g = ig.Graph(n=n, edges=np.column_stack([src, dst]).tolist(), directed=False)
    g.es["weight"] = strength.tolist()
    g.simplify(combine_edges={"weight": "sum"})
    m = g.ecount()
    deg = np.asarray(g.degree())
    rng = random.Random(0)
    sources = rng.sample(range(n), min(a.k, n))
    bc = np.asarray(g.betweenness(sources=sources)) * 2 * n / len(sources) / ((n - 1) * (n - 2))
    # harmonic closeness from sampled sources
    acc = np.zeros(n)
    csources = rng.sample(range(n), min(a.closeness_k, n))
    for i in range(0, len(csources), 32):
        D = np.asarray(g.distances(source=csources[i : i + 32]), dtype=float)
        with np.errstate(divide="ignore"):
            acc += np.where(np.isfinite(D) & (D > 0), 1.0 / D, 0.0).sum(axis=0)
    closeness = acc * n / len(csources) / (n - 1)
    constraint = np.asarray(g.constraint(), dtype=float)
    cc = np.nan_to_num(np.asarray(g.transitivity_local_undirected(mode="zero"), dtype=float))
    effective = deg - cc * (deg - 1)
    comm = np.asarray(g.community_multilevel(weights="weight").membership)
    comp = np.asarray(g.connected_components().membership)
    cut = set(g.articulation_points())
    bridges = g.bridges()
    # brokerage on the directed view: an undirected tie is two arcs
    und = ~directed
    a_ = np.concatenate([src, dst[und]])
    b_ = np.concatenate([dst, src[und]])
    A = sp.csr_matrix((np.ones(len(a_)), (a_, b_)), shape=(n, n))
    A.setdiag(0)
    A.eliminate_zeros()
    A.data[:] = 1.0
    sector_names = sorted({o[2] for o in orgs})
    grp = np.array([sector_names.index(o[2]) for o in orgs])
    coo = A.tocoo()
    s_, d_ = coo.row, coo.col
    same = grp[s_] == grp[d_]
    As = sp.csr_matrix((np.ones(int(same.sum())), (s_[same], d_[same])), shape=(n, n))
    At = A.T.tocsr()
    mask = sp.csr_matrix((np.ones(len(s_)), (s_, d_)), shape=(n, n))

    def at_arcs(M: sp.csr_matrix) -> np.ndarray:
        M = M.multiply(mask).tocsr()
        return np.asarray(M[s_, d_]).ravel()

    t_e, x_e, y_e = at_arcs(At @ A), at_arcs(As.T @ A), at_arcs(At @ As)
    ones = np.ones(len(s_))
    out_same = np.bincount(s_[same], minlength=n)
    in_same = np.bincount(d_[same], minlength=n)
    out_all = np.bincount(s_, weights=ones, minlength=n)
    in_all = np.bincount(d_, weights=ones, minlength=n)
    R = A.multiply(At).tocoo()
    rs = grp[R.row] == grp[R.col]
    recip_same, recip_other = np.bincount(R.row[rs], minlength=n), np.bincount(R.row[~rs], minlength=n)
    G_ = len(sector_names)
    Hin = sp.csr_matrix((ones, (d_, grp[s_])), shape=(n, G_))
    Hout = sp.csr_matrix((ones, (s_, grp[d_])), shape=(n, G_))
    io_other = np.asarray(Hin.multiply(Hout).sum(axis=1)).ravel() - in_same * out_same

    def by(v: np.ndarray, sel: np.ndarray) -> np.ndarray:
        return np.bincount(s_[sel], weights=v[sel], minlength=n)

    roles = np.rint(
        np.column_stack(
            [
                in_same * out_same - recip_same - by(x_e, same),
                io_other - recip_other - by(y_e, ~same),
                in_same * (out_all - out_same) - by(x_e, ~same),
                (in_all - in_same) * out_same - by(t_e - x_e, same),
                (in_all - in_same) * (out_all - out_same)
                - recip_other
                - by(t_e - x_e, ~same)
                - (io_other - recip_other - by(y_e, ~same)),
            ]
        )
    ).astype(int)
    mixing = np.zeros((G_, G_), dtype=int)
    np.add.at(mixing, (grp[s_], grp[d_]), 1)
    order = np.lexsort((np.array(ids), -bc))
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(
            {
                "graph": {
                    "nodes": n,
                    "edges": m,
                    "arcs": len(s_),
                    "components": int(comp.max()) + 1 if n else 0,
                    "communities": int(comm.max()) + 1 if n else 0,
                    "cut_points": len(cut),
                    "bridges": len(bridges),
                },
                "orgs": [
                    {
                        "id": ids[i],
                        "name": orgs[i][1],
                        "sector": orgs[i][2],
                        "district": orgs[i][3],
                        "degree": int(deg[i]),
                        "betweenness": float(bc[i]),
                        "closeness": float(closeness[i]),
                        "constraint": None if np.isnan(constraint[i]) else float(constraint[i]),
                        "effective_size": float(effective[i]),
                        "brokerage": roles[i].tolist(),
                        "community": int(comm[i]),
                        "component": int(comp[i]),
                        "cut_point": i in cut,
                    }
                    for i in order.tolist()
                ],
                "sector_mixing": mixing.tolist(),
                "bridges": [[ids[e.source], ids[e.target]] for e in g.es[bridges]] if bridges else [],
            },
            f,
            ensure_ascii=False,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
