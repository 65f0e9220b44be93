"""Benchmark of the whole analysis report against plain NetworkX (not a test).

Run by hand::

    python bench/bench_analysis.py                 # 1k, 5k, 10k, 100k, 200k organisations
    python bench/bench_analysis.py --sizes 1000 10000

For each size the synthetic generator (``data.generate.generate_graph``, average
degree ~8) builds one network; ``network.present.report.analyze`` runs on it, and plain
NetworkX computes the same measures on the same graph in the same run: the
views, betweenness (exact, or the same number of sampled sources), constraint,
effective size, brokerage roles (a Python loop), cut points and bridges,
Louvain, Adamic–Adar for every pair at distance 2.  A plain-NetworkX measure
that would take more than ~30 s is timed on a probe (a few sources or pairs)
and extrapolated linearly — marked ``est.``; above 10,000 organisations plain
NetworkX is skipped (it would take well over 2 minutes).  Wall-clock and CPU
seconds are both printed: the machine is shared.

At 10,000 organisations it also checks that sampled betweenness names the
same top-20 brokers as exact betweenness, and, when ``Rscript`` with the
``sna`` package is installed, that brokerage roles equal ``sna::brokerage``
on a 2,000-organisation network.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from network.analysis.brokers import SAMPLE_K, betweenness, brokerage_roles  # noqa: E402
from network.analysis.engine import Indexed  # noqa: E402
from network.analysis.views import (  # noqa: E402
    directed_view,
    indexed_views,  # noqa: E402
    undirected_view,
)
from network.present.report import analyze  # noqa: E402

try:
    from renkei.data.generate import generate_graph
except ImportError:  # the stand-in generator
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _synthetic import synthetic_graph as generate_graph  # type: ignore[no-redef]

PROBE_LIMIT = 30.0  # seconds: above this a plain-NetworkX measure is extrapolated from a probe


class Timer:
    def __enter__(self) -> Timer:
        self.w, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.w, time.process_time() - self.c


def naive_brokerage(D: nx.DiGraph, attr: str = "sector") -> dict:
    """The Python loop a user would write: every open 2-path i → j → k."""
    out = {}
    nd = D.nodes
    for j in D:
        c = [0, 0, 0, 0, 0]
        gj = nd[j].get(attr)
        succ = D._succ[j]
        for i in D._pred[j]:
            gi, si = nd[i].get(attr), D._succ[i]
            for k in succ:
                if i == k or k in si:
                    continue
                gk = nd[k].get(attr)
                if gi == gj == gk:
                    c[0] += 1
                elif gi == gk:
                    c[1] += 1
                elif gi == gj:
                    c[2] += 1
                elif gj == gk:
                    c[3] += 1
                else:
                    c[4] += 1
        out[j] = c
    return out


def nx_measures(G: nx.MultiDiGraph, n: int, result: dict) -> list[tuple[str, float, float, str]]:
    """Plain NetworkX on the same graph: (measure, wall, cpu, note)."""
    rows = []
    with Timer() as t:
        U, D = undirected_view(G), directed_view(G)
    rows.append(("views", t.wall, t.cpu, ""))
    bm = result["graph"]["betweenness"]
    sources = n if bm["method"] == "exact" else bm["k"]
    probe = min(32, sources)
    with Timer() as t:
        nx.betweenness_centrality(U, k=probe, seed=0)
    factor = sources / probe
    if t.wall * factor > PROBE_LIMIT:
        rows.append(("betweenness", t.wall * factor, t.cpu * factor, f"est. ({probe} of {sources} sources)"))
    else:
        with Timer() as t:
            nx.betweenness_centrality(U, k=None if bm["method"] == "exact" else sources, seed=0)
        rows.append(("betweenness", t.wall, t.cpu, ""))
    for name, f in [
        ("constraint", lambda: nx.constraint(U)),
        ("effective_size", lambda: nx.effective_size(U)),
        ("brokerage", lambda: naive_brokerage(D)),
        ("cut points+bridges", lambda: (list(nx.articulation_points(U)), list(nx.bridges(U)))),
        ("louvain", lambda: nx.community.louvain_communities(U, weight="weight", seed=0)),
    ]:
        with Timer() as t:
            f()
        rows.append((name, t.wall, t.cpu, ""))
    # Adamic–Adar on every non-tied pair at distance 2: probe 20,000 pairs
    X = Indexed(U)
    A2 = (X.A @ X.A).tocsr()
    A2.setdiag(0)
    A2 = A2 - A2.multiply(X.A)
    A2.eliminate_zeros()
    total = A2.nnz // 2
    coo = A2.tocoo()
    upper = np.flatnonzero(coo.row < coo.col)
    pick = np.random.default_rng(0).choice(upper, size=min(20000, len(upper)), replace=False)
    pairs = [(X.nodes[coo.row[p]], X.nodes[coo.col[p]]) for p in pick]
    with Timer() as t:
        for _ in nx.adamic_adar_index(U, pairs):
            pass
    f = total / max(len(pairs), 1)
    rows.append(("introductions (AA)", t.wall * f, t.cpu * f, f"est. ({len(pairs)} of {total} pairs)"))
    return rows


def top20_overlap(G: nx.MultiDiGraph) -> str:
    XU, _ = indexed_views(G)
    with Timer() as t:
        exact = betweenness(XU, exact_threshold=10**9)["values"]
    top = set(sorted(exact, key=lambda v: -exact[v])[:20])
    lines = [f"exact igraph betweenness: {t.wall:.1f} s wall, {t.cpu:.1f} s CPU"]
    for seed in range(5):
        s = betweenness(XU, exact_threshold=0, seed=seed)["values"]
        got = set(sorted(s, key=lambda v: -s[v])[:20])
        lines.append(f"  sampled k={SAMPLE_K} seed={seed}: top-20 overlap {len(top & got) / 20:.2f}")
    return "\n".join(lines)


def compare_with_r(n: int = 2000) -> str:
    if not shutil.which("Rscript"):
        return "R comparison skipped: Rscript not installed (apt-get install r-cran-sna)"
    rng = random.Random(1)
    D = nx.gnm_random_graph(n, 4 * n, seed=1, directed=True)
    for v in D:
        D.nodes[v]["sector"] = rng.choice(["npo", "company", "government", "residents_group", "foundation"])
    with tempfile.TemporaryDirectory() as tmp:
        el, cl, out = (os.path.join(tmp, x) for x in ("el.tsv", "cl.tsv", "out.tsv"))
        with open(el, "w") as f:
            f.writelines(f"{u + 1}\t{v + 1}\t1\n" for u, v in D.edges())
        with open(cl, "w") as f:
            f.writelines(f"{D.nodes[v]['sector']}\n" for v in range(n))
        script = (
            f"suppressMessages(library(sna)); e <- as.matrix(read.table('{el}')); "
            f"attr(e, 'n') <- {n}; cl <- readLines('{cl}'); "
            f"t <- system.time(b <- brokerage(e, cl)$raw.nli)[['elapsed']]; "
            f"write.table(b, '{out}', col.names=FALSE, row.names=FALSE); cat(t)"
        )
        r = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, check=False)
        if r.returncode:
            return f"R comparison failed: {r.stderr.strip()[:300]}"
        r_time = float(r.stdout.strip().split()[-1])
        want = np.loadtxt(out)[:, :5].astype(int)
    with Timer() as t:
        got = brokerage_roles(D)
    mine = np.array(
        [[got[v][k] for k in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")] for v in range(n)]
    )
    return (
        f"brokerage vs sna::brokerage on {n} orgs / {D.number_of_edges()} arcs: "
        f"equal={bool((mine == want).all())}, R {r_time:.2f} s, ours {t.wall:.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 100000, 200000])
    p.add_argument("--nx-max", type=int, default=10000, help="largest size plain NetworkX runs at")
    args = p.parse_args(argv)
    table = []
    notes = []
    for n in args.sizes:
        G = generate_graph(n, 4 * n, seed=0)
        with Timer() as t:
            result = analyze(G)
        bm = result["graph"]["betweenness"]
        ours = (t.wall, t.cpu)
        print(
            f"n={n}: analyze {t.wall:.1f} s wall / {t.cpu:.1f} s CPU (betweenness {bm['method']}, k={bm['k']})",
            flush=True,
        )
        if n <= args.nx_max:
            rows = nx_measures(G, n, result)
            nx_wall, nx_cpu = sum(r[1] for r in rows), sum(r[2] for r in rows)
            for name, w, c, note in rows:
                print(f"    networkx {name:22s} {w:8.1f} s wall {c:8.1f} s CPU  {note}", flush=True)
            table.append((n, G.number_of_edges(), ours, (nx_wall, nx_cpu), any(r[3] for r in rows)))
        else:
            table.append((n, G.number_of_edges(), ours, None, False))
        if n == 10000:
            notes.append(top20_overlap(G))
    notes.append(compare_with_r())
    print()
    print("| organisations | ties | renkei analyze wall (CPU) s | plain NetworkX wall (CPU) s | speed-up (wall) |")
    print("|---:|---:|---:|---:|---:|")
    for n, m, ours, theirs, est in table:
        if theirs is None:
            their, up = "skipped (> 2 min)", "–"
        else:
            their = f"{theirs[0]:.1f} ({theirs[1]:.1f}){' est.' if est else ''}"
            up = f"{theirs[0] / ours[0]:.0f}×" if ours[0] > 0 and math.isfinite(theirs[0]) else "–"
        print(f"| {n:,} | {m:,} | {ours[0]:.1f} ({ours[1]:.1f}) | {their} | {up} |")
    print()
    print("\n".join(notes))
    print(f"load average at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
