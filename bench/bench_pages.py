"""Every page of the app on a large store: cold and warm times (issue 14, target 5; not a test).

Target: at 50,000 organisations every page answers in ≤ 3 s warm and the first page in ≤ 10 s cold,
the analysis computed once per store revision for all sessions.  Each page runs through Streamlit's
``AppTest`` (the page script as the server runs it, without a browser): *cold* is the first run in a
fresh process (the store read, the analysis computed), *warm* a second session in the same process
(the caches filled by the first)::

    python bench/bench_pages.py                       # 50,000 organisations / 250,000 ties
    python bench/bench_pages.py --orgs 2000 --pages map orgs

The browser's own drawing of the map is measured by bench/bench_map.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_analyze import make_store  # noqa: E402

PAGES = ["map", "orgs", "brokers", "gaps", "changes", "trends", "districts", "history", "export", "add", "importer"]

CHILD = r"""
import json, sys, time
from streamlit.testing.v1 import AppTest
app, page, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = []
for _ in range(runs):
    t = time.perf_counter()
    at = AppTest.from_file(app, default_timeout=900)
    if page != "map":
        at.switch_page(f"ui/pages/{page}.py")  # opened straight at its address, as a bookmark would
    at.run()
    out.append(time.perf_counter() - t)
    if at.exception:
        raise SystemExit(f"{page}: {[e.value for e in at.exception]}")
    title = at.title[0].value if at.title else ""
print(json.dumps({"times": out, "title": title}))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orgs", type=int, default=50_000)
    ap.add_argument("--pages", nargs="*", default=PAGES)
    ap.add_argument("--dir", default="/tmp/renkei-bench")
    ap.add_argument("--json", help="write the results here too")
    args = ap.parse_args(argv)
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    db = Path(args.dir) / f"analyze-{args.orgs}.db"
    make_store(db, args.orgs, 5 * args.orgs)
    env = {**os.environ, "RENKEI_STORE": str(db)}
    rows = []
    for page in args.pages:
        t = time.perf_counter()
        p = subprocess.run(
            [sys.executable, "-c", CHILD, str(ROOT / "app.py"), page, "2"],
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if p.returncode:
            print(f"{page}: failed\n{p.stderr[-800:]}{p.stdout[-400:]}")
            rows.append({"page": page, "cold": None, "warm": None})
            continue
        got = json.loads(p.stdout.strip().splitlines()[-1])
        (cold, warm), title = got["times"], got["title"]
        rows.append({"page": page, "cold": cold, "warm": warm, "title": title})
        took = time.perf_counter() - t
        print(f"{page} ({title}): cold {cold:.1f} s, warm {warm:.1f} s ({took:.0f} s in all)", flush=True)
    load = open("/proc/loadavg").read().split()[:3] if Path("/proc/loadavg").exists() else []
    print(f"\n{args.orgs:,} organisations, {5 * args.orgs:,} ties; load average {' '.join(load)}\n")
    print("| page | cold s | warm s | warm ≤ 3 s |\n|---|---:|---:|:---:|")
    for r in rows:
        if r["cold"] is None:
            print(f"| {r['page']} | failed | failed | |")
        else:
            print(f"| {r['page']} | {r['cold']:.1f} | {r['warm']:.1f} | {'yes' if r['warm'] <= 3 else 'no'} |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
