"""Benchmark: from page request to a drawn map in Chromium, and the size of the map's HTML.

For each size (organisations; ties = 3 × organisations) a synthetic network from
:func:`data.generate.generate` is written to a fresh SQLite store, the real app
is started on a free local port, and Debian's Chromium opens the map page.  The
time is measured in the browser: from the top page's navigation start
(``performance.timeOrigin``) to the first ``afterDrawing`` event of vis-network
inside the map's iframe (``timeOrigin + renkeiDrawn`` there).  *cold* is the
first request after the server started (loads the graph, lays it out, renders);
*warm* is a later request in a new tab (Streamlit's caches hit; median of two
per server start), and the last column the part of it spent inside the map's
own page (iframe start → first drawing: parsing vis-network, building, drawing).

Also reported: the time :func:`network.present.map.data.render_map` takes in Python and the
size of its HTML.  Target (issue 4): under 2 s at 2,000 organisations.  Above the
drawing limit (3,000) the map shows communities; *drill down* is the time from
opening one community (``?group=KEY``, the link a click on it follows; warm, in a
new tab) to its members drawn (issue 15).

Usage::

    python bench/bench_map.py                 # 2000, 20000, 100000
    python bench/bench_map.py --sizes 200 2000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from renkei.data.generate import generate  # noqa: E402

from network.present.map.data import render_map  # noqa: E402
from network.store import ChangeSet, open_store  # noqa: E402
from tests.ui.live_app import is_local, launch, map_frame, serve  # noqa: E402

TIES_PER_ORG = 3


def drawn_ms(context, base: str, limit: float = 180.0) -> tuple[float, int, bool, float]:  # type: ignore[no-untyped-def]
    """Open the map in a new tab: ms from navigation start to the first drawing, nodes drawn, aggregated,
    and ms the map's own page took (iframe start → drawn).  ``TimeoutError`` after ``limit`` seconds."""
    page = context.new_page()
    try:
        page.goto(base + "/", wait_until="commit")
        frame = map_frame(page, timeout=limit)
        start = page.evaluate("() => performance.timeOrigin")
        drawn = frame.evaluate("() => performance.timeOrigin + window.renkeiDrawn")
        nodes = frame.evaluate("() => window.network.body.data.nodes.length")
        aggregated = frame.evaluate("() => window.renkeiMap.aggregated")
        inner = frame.evaluate("() => window.renkeiDrawn")
        return drawn - start, nodes, aggregated, inner
    finally:
        page.close()


def drill_ms(context, base: str, key: str, limit: float = 180.0) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Open community ``key`` of an aggregated map in a new tab: ms to its members drawn, nodes drawn."""
    page = context.new_page()
    try:
        page.goto(f"{base}/?group={key}", wait_until="commit")
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            for frame in page.frames:
                try:
                    if frame.evaluate("() => window.renkeiDrawn !== undefined && !window.renkeiMap.aggregated"):
                        start = page.evaluate("() => performance.timeOrigin")
                        drawn = frame.evaluate("() => performance.timeOrigin + window.renkeiDrawn")
                        return drawn - start, frame.evaluate("() => window.network.body.data.nodes.length")
                except Exception:  # noqa: BLE001 - a frame navigating away
                    continue
            page.wait_for_timeout(50)
        raise TimeoutError("drill-down never drew")
    finally:
        page.close()


def _first_group(context, base: str, limit: float = 180.0) -> str:  # type: ignore[no-untyped-def]
    page = context.new_page()
    try:
        page.goto(base + "/", wait_until="commit")
        frame = map_frame(page, timeout=limit)
        return frame.evaluate("() => JSON.parse(document.getElementById('renkei-data').textContent).nodes[0].key")
    finally:
        page.close()


def bench(n: int, repeat: int, tmp: Path, limit: float = 120.0) -> dict:
    orgs, ties = generate(n, TIES_PER_ORG * n, seed=1)
    path = tmp / f"map-{n}.db"
    store = open_store(str(path))
    store.write(ChangeSet(orgs=orgs, ties=ties), user="bench")
    G = store.load_graph()
    store.close()
    t0 = time.perf_counter()
    html = render_map(G, size_by=dict(G.to_undirected(as_view=True).degree()))
    render_s = time.perf_counter() - t0
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    cold, warm, inner, drill = [], [], [], []
    drill_nodes, nodes, aggregated, failed = None, 0, False, None
    for _ in range(repeat):
        with serve(path, timeout=120) as base, sync_playwright() as p:
            browser = launch(p)
            try:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                context.on("request", lambda r: requests.append(r.url))
                try:
                    ms, nodes, aggregated, _ = drawn_ms(context, base, limit)
                    cold.append(ms)
                except TimeoutError:  # the server goes on and caches: the next requests are still timed
                    failed = f"first request not drawn within {limit:.0f} s"
                try:
                    for _ in range(2):
                        ms, nodes, aggregated, in_frame = drawn_ms(context, base, limit)
                        warm.append(ms)
                        inner.append(in_frame)
                except TimeoutError:
                    failed = f"not drawn within {limit:.0f} s"
                    continue
                if aggregated:
                    key = _first_group(context, base, limit)
                    try:
                        ms, drill_nodes = drill_ms(context, base, key, limit)
                        drill.append(ms)
                    except TimeoutError:
                        failed = f"drill down not drawn within {limit:.0f} s"
            finally:
                browser.close()
    if not warm:
        return {
            "orgs": n,
            "ties": len(ties),
            "failed": failed,
            "html_bytes": len(html.encode("utf-8")),
            "render_s": round(render_s, 3),
            "external_requests": [u for u in requests if not is_local(u)],
        }
    return {
        "failed": failed,
        "orgs": n,
        "ties": len(ties),
        "nodes_drawn": nodes,
        "aggregated": aggregated,
        "html_bytes": len(html.encode("utf-8")),
        "render_s": round(render_s, 3),
        "cold_ms": round(statistics.median(cold)) if cold else None,
        "warm_ms": round(statistics.median(warm)),
        "in_iframe_ms": round(statistics.median(inner)),
        "drill_ms": round(statistics.median(drill)) if drill else None,
        "drill_nodes": drill_nodes,
        "cold_all": [round(x) for x in cold],
        "warm_all": [round(x) for x in warm],
        "external_requests": [u for u in requests if not is_local(u)],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 100000])
    ap.add_argument("--repeat", type=int, default=1, help="server restarts per size (median reported)")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "bench_map.json")
    ap.add_argument("--limit", type=float, default=120.0, help="seconds a drawing may take before it counts as failed")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            rows.append(bench(n, args.repeat, Path(tmp), args.limit))
            print(json.dumps(rows[-1]), file=sys.stderr)
    print(
        "| orgs | ties | nodes drawn | HTML | render_map (Python) | request → drawn, cold | warm | "
        "of which in the map's iframe | drill down (members drawn) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if "cold_ms" not in r:
            print(
                f"| {r['orgs']:,} | {r['ties']:,} | – | {r['html_bytes'] / 1e6:.2f} MB | {r['render_s']:.2f} s | "
                f"{r['failed']} | – | – | – |"
            )
            continue
        drawn = f"{r['nodes_drawn']:,}" + (" (aggregated)" if r["aggregated"] else "")
        print(
            f"| {r['orgs']:,} | {r['ties']:,} | {drawn} | {r['html_bytes'] / 1e6:.2f} MB | "
            f"{r['render_s']:.2f} s | "
            + (f"{r['cold_ms'] / 1000:.2f} s" if r["cold_ms"] is not None else str(r["failed"]))
            + f" | {r['warm_ms'] / 1000:.2f} s | "
            f"{r['in_iframe_ms'] / 1000:.2f} s | "
            + (
                f"{r['drill_ms'] / 1000:.2f} s ({r['drill_nodes']:,})"
                if r["drill_ms"] is not None
                else (r["failed"] or "–")
            )
            + " |"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
