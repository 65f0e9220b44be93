"""``renkei analyze --format json`` against an igraph-only script, whole processes (not a test).

Issue 14, target 1: at 50,000 organisations / 250,000 ties within 1.5x the peer's wall time and
under 0.5 GB peak; at 200,000 / 1,000,000 within 1.5x and under 2 GB.  For each size a synthetic
network (``data.generate``, seed 1, five ties per organisation) is written into a SQLite file
(kept under ``--dir`` so a second run skips it); then ``renkei --store FILE analyze --format json``
and ``bench/igraph_peer.py`` (python-igraph + NumPy, the same measures except introductions, the
same number of sampled sources) run as new processes, alternating, ``--runs`` times each.  Wall
time and peak resident memory (``wait4``'s ``ru_maxrss``, through ``bench/peak.py``: a child started from this
process would otherwise report this process's peak) of each process; medians and ratios::

    python bench/bench_analyze.py                  # 50k, median of 3
    python bench/bench_analyze.py --large          # and 200k / 1M (one run each)
    python bench/bench_analyze.py --sizes 2000 --runs 1
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import peak  # noqa: E402


def make_store(path: Path, n: int, m: int) -> None:
    """Write the synthetic network into a new SQLite file (skipped when it exists)."""
    if path.exists():
        return
    from renkei.data.generate import generate

    from network.store.base import ChangeSet
    from network.store.sqlite import SQLiteStore

    orgs, ties = generate(n, m, seed=1)
    tmp = path.with_suffix(".tmp")
    with SQLiteStore(tmp) as s:
        s.write(ChangeSet(orgs=orgs, ties=ties))
    tmp.rename(path)


def run(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process."""
    t = time.perf_counter()
    p, peak_kib, _ = peak.run(argv, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"{argv[:4]} failed: {p.stderr[-500:]}")
    return wall, peak_kib / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50_000])
    ap.add_argument("--large", action="store_true", help="add 200,000 organisations / 1,000,000 ties (one run)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", default="/tmp/renkei-bench", help="where the SQLite files are kept")
    args = ap.parse_args(argv)
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    sizes = [(n, args.runs) for n in args.sizes] + ([(200_000, 1)] if args.large else [])
    table = []
    for n, runs in sizes:
        db = Path(args.dir) / f"analyze-{n}.db"
        make_store(db, n, 5 * n)
        out = Path(args.dir) / f"out-{n}.json"
        ours, peer = [], []
        for r in range(runs):
            ours.append(
                run(
                    [
                        sys.executable,
                        "-m",
                        "network.cli",
                        "--store",
                        str(db),
                        "analyze",
                        "--format",
                        "json",
                        "--survey",
                        "none",
                        "--output",
                        str(out),
                    ]
                )
            )
            doc = json.loads(out.read_text(encoding="utf-8"))
            k = doc["graph"]["betweenness"]["k"] or n
            ck = doc["graph"]["closeness"]["k"] or n
            peer.append(
                run(
                    [
                        sys.executable,
                        str(ROOT / "bench" / "igraph_peer.py"),
                        str(db),
                        str(out) + ".peer",
                        "--k",
                        str(k),
                        "--closeness-k",
                        str(ck),
                    ]
                )
            )
            print(
                f"n={n} run {r + 1}: renkei {ours[-1][0]:.1f} s {ours[-1][1]:.0f} MB; "
                f"igraph peer {peer[-1][0]:.1f} s {peer[-1][1]:.0f} MB (k={k})",
                flush=True,
            )
        med = [statistics.median(x[i] for x in ours) for i in (0, 1)]
        pmed = [statistics.median(x[i] for x in peer) for i in (0, 1)]
        table.append((n, 5 * n, runs, med, pmed))
    print(
        "\n| organisations | ties | runs | renkei s | renkei peak MB | igraph peer s | peer peak MB "
        "| time ratio | memory ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, m, runs, (w, mb), (pw, pmb) in table:
        print(
            f"| {n:,} | {m:,} | {runs} | {w:.1f} | {mb:.0f} | {pw:.1f} | {pmb:.0f} | {w / pw:.2f}x | {mb / pmb:.1f}x |"
        )
    print(f"load average at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
