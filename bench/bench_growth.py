"""How ``renkei analyze`` grows with the network: the log-log slope of its time against n (not a test).

Issue 14, target 6.  For each size (five ties per organisation, ``data.generate`` seed 1) the
report is computed in a fresh process — ``load_arrays()``, the views, every measure and the JSON
written to ``/dev/null``, as ``renkei analyze --format json`` does, start-up excluded — and the
slope of ``log(time)`` against ``log(n)`` is fitted by least squares (1 = linear, 2 = quadratic);
the slope between each pair of neighbouring sizes is printed too::

    python bench/bench_growth.py            # 2k … 200k organisations
    python bench/bench_growth.py --quick    # 2k … 20k
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_analyze import make_store  # noqa: E402

CODE = """
import sys, time
t = time.perf_counter()
from network.cli import main
main(["--store", sys.argv[1], "analyze", "--format", "json", "--survey", "none", "--output", "/dev/null"])
print(time.perf_counter() - t)
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2,000 to 20,000 organisations")
    ap.add_argument("--sizes", type=int, nargs="+")
    ap.add_argument("--dir", default="/tmp/renkei-bench")
    args = ap.parse_args(argv)
    sizes = args.sizes or (
        [2_000, 5_000, 10_000, 20_000] if args.quick else [2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000]
    )
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    # warm the imports once, so the first size does not pay for the disk cache
    subprocess.run(
        [sys.executable, "-c", "import network.cli, network.present.report, igraph, scipy.sparse"], cwd=ROOT, check=True
    )
    times = []
    for n in sizes:
        db = Path(args.dir) / f"analyze-{n}.db"
        make_store(db, n, 5 * n)
        out = subprocess.run(
            [sys.executable, "-c", CODE, str(db)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout.split()[-1]))
        print(f"n={n:>7,}: {times[-1]:7.2f} s", flush=True)
    x, y = np.log(sizes), np.log(times)
    slope, _ = np.polyfit(x, y, 1)
    print("\n| organisations | ties | analyze s | slope from the previous size |")
    print("|---:|---:|---:|---:|")
    for i, (n, t) in enumerate(zip(sizes, times, strict=True)):
        step = f"{(y[i] - y[i - 1]) / (x[i] - x[i - 1]):.2f}" if i else "–"
        print(f"| {n:,} | {5 * n:,} | {t:.2f} | {step} |")
    print(f"\nlog-log slope of analyze time against n, {sizes[0]:,} to {sizes[-1]:,}: {slope:.2f}")
    print(f"load average at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
