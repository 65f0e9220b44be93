"""End-to-end ``renkei analyze`` from the embedded store (not a test; run by hand).

Issue 3's targets count loading from the store: the whole report for 10,000
organisations under 5 s and for 100,000 under 60 s.  For each size this writes a
synthetic network (``data.generate``, average degree ~8) into a fresh SQLite file,
then times the real command line, ``renkei --store FILE analyze --format json``,
in a new process (start-up, ``load_graph()``, analysis and JSON included)::

    python bench/bench_analyze_store.py                # 10k and 100k organisations
    python bench/bench_analyze_store.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from renkei.data.generate import generate  # noqa: E402

from network.store.base import ChangeSet  # noqa: E402
from network.store.sqlite import SQLiteStore  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"n{n}.db"
            orgs, ties = generate(n, 4 * n, seed=1)
            with SQLiteStore(path) as store:
                store.write(ChangeSet(orgs=orgs, ties=ties))
                t = time.perf_counter()
                store.load_graph()
                load = time.perf_counter() - t
            t = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-m", "network.cli", "--store", str(path), "analyze", "--format", "json"],
                capture_output=True,
                check=True,
            )
            total = time.perf_counter() - t
            doc = json.loads(out.stdout)
            assert doc["graph"]["nodes"] == n
            rows.append((n, 4 * n, load, total, doc["graph"]["betweenness"]["method"]))
            print(f"n={n}: load_graph {load:.2f} s, renkei analyze end to end {total:.2f} s", flush=True)
    print("\n| organisations | ties | load_graph() s | `renkei analyze --format json` s | betweenness |")
    print("|---:|---:|---:|---:|---|")
    for n, m, load, total, method in rows:
        print(f"| {n:,} | {m:,} | {load:.2f} | {total:.2f} | {method} |")


if __name__ == "__main__":
    main()
