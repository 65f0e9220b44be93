"""``load_graph()`` and ``load_arrays()`` against pandas ``read_sql`` + ``igraph.Graph`` (not a test).

Issue 14, target 2: ``load_graph()`` of 1,000,000 ties within 2x of what a user would write
instead — pandas ``read_sql`` of four tie columns and ``igraph.Graph.DataFrame`` — and a second
entry point that returns the arrays directly (``SQLiteStore.load_arrays()``).  Each reader runs
in its own process (so each peak resident memory is its own), alternating, ``--runs`` times;
medians and ratios to the peer::

    python bench/bench_load.py                    # 200k organisations / 1M ties
    python bench/bench_load.py --orgs 20000 --ties 100000 --runs 1

pandas is needed for the peer only (``pip install -e '.[test]'`` brings it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import peak  # noqa: E402
from bench_analyze import make_store  # noqa: E402

READERS = {
    "load_graph": (
        "from network.store.sqlite import SQLiteStore\n"
        "G = SQLiteStore(DB).load_graph()\nprint(G.number_of_nodes(), G.number_of_edges())"
    ),
    "load_arrays": ("from network.store.sqlite import SQLiteStore\nT = SQLiteStore(DB).load_arrays()\nprint(T.n, T.m)"),
    "pandas+igraph": (
        "import sqlite3, pandas as pd, igraph as ig\n"
        "c = sqlite3.connect(DB)\n"
        "df = pd.read_sql('SELECT source, target, type, strength FROM ties', c)\n"
        "g = ig.Graph.DataFrame(df, directed=True, use_vids=False)\n"
        "print(g.vcount(), g.ecount())"
    ),
}


def run(name: str, db: Path) -> tuple[float, float, float]:
    """Whole-process wall seconds, the reading part's seconds, peak RSS (MB)."""
    code = f"import time; DB = {str(db)!r}; t = time.perf_counter()\n{READERS[name]}\nprint(time.perf_counter() - t)"
    t = time.perf_counter()
    p, peak_kib, _ = peak.run([sys.executable, "-c", code], cwd=ROOT)  # the child's own peak (bench/peak.py)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"{name} failed: {p.stderr[-500:]}")
    return wall, float(p.stdout.split()[-1]), peak_kib / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orgs", type=int, default=200_000)
    ap.add_argument("--ties", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", default="/tmp/renkei-bench")
    args = ap.parse_args(argv)
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    db = Path(args.dir) / (
        f"analyze-{args.orgs}.db" if args.ties == 5 * args.orgs else f"load-{args.orgs}-{args.ties}.db"
    )
    make_store(db, args.orgs, args.ties)
    res: dict[str, list[tuple[float, float, float]]] = {k: [] for k in READERS}
    for r in range(args.runs):
        for name in READERS:
            res[name].append(run(name, db))
            w, inner, mb = res[name][-1]
            print(f"run {r + 1} {name}: {inner:.2f} s reading ({w:.2f} s process), {mb:.0f} MB", flush=True)
    med = {k: [statistics.median(x[i] for x in v) for i in range(3)] for k, v in res.items()}
    peer = med["pandas+igraph"]
    print(f"\n{args.orgs:,} organisations, {args.ties:,} ties, median of {args.runs}\n")
    print("| reader | reading s | process s | peak MB | reading ratio to pandas+igraph | process ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for k, (w, inner, mb) in med.items():
        print(f"| {k} | {inner:.2f} | {w:.2f} | {mb:.0f} | {inner / peer[1]:.2f}x | {w / peer[0]:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
