"""Screenshots of the map page for docs/app.md: the app in Debian's Chromium at three sizes.

* ``map-100.png`` — the Miyagi sample (``data/miyagi``, 104 organisations), as ``renkei demo`` loads it;
* ``map-2000.png`` and ``map-20000.png`` — networks from :func:`data.generate.generate`
  (3 ties per organisation, seed 1), the same as ``bench/bench_map.py`` draws;
* ``map-20000-drill.png`` — the first community of the 20,000 opened (drill down).

Each is the real app (``streamlit run app.py`` on a free local port, a fresh SQLite store) at
1400 × 1000 CSS pixels; the picture is the map's frame (drawing and legend), taken once the map is
drawn, physics has settled and the labels are placed.

Usage::

    python bench/map_screenshots.py                    # writes docs/img/map-*.png
    python bench/map_screenshots.py --sizes 100 2000   # only these
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from network.store import ChangeSet, open_store  # noqa: E402
from tests.ui.live_app import launch, serve  # noqa: E402

OUT = ROOT / "docs" / "img"


def _store(n: int, tmp: Path) -> Path:
    path = tmp / f"shot-{n}.db"
    with open_store(str(path)) as s:
        if n == 100:
            from ingest.importer import import_files

            folder = ROOT / "data" / "miyagi"
            import_files(s, [folder / "orgs.csv", folder / "ties.csv", folder / "participations.csv"])
        else:
            from renkei.data.generate import generate

            orgs, ties = generate(n, 3 * n, seed=1)
            s.write(ChangeSet(orgs=orgs, ties=ties), user="bench")
    return path


def _map_frame(page, timeout: float = 300.0):  # type: ignore[no-untyped-def]
    """The frame of a drawn map whose labels are placed (physics settled)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate(
                    "() => !!(window.renkeiLabels && window.renkeiLabels.settled"
                    " && window.network && window.network.physics.options.enabled === false)"
                ):
                    return frame
            except Exception:  # noqa: BLE001 - a frame navigating away
                continue
        page.wait_for_timeout(100)
    raise TimeoutError("no settled map")


def _idle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=300000)
    page.wait_for_timeout(800)


def shoot(n: int, tmp: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    db = _store(n, tmp)
    written = []
    with serve(db, timeout=180) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP").new_page()
            page.goto(base + "/", wait_until="domcontentloaded")
            frame = _map_frame(page)
            _idle(page)
            frame = _map_frame(page)
            frame.frame_element().scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            target = out / f"map-{n}.png"
            frame.frame_element().screenshot(path=str(target))
            written.append(target)
            print(
                f"{n:,} organisations: {frame.evaluate('() => window.renkeiLabels.shown')} names shown of "
                f"{frame.evaluate('() => window.renkeiMap.nodeCount')} nodes drawn"
            )
            if frame.evaluate("() => window.renkeiMap.aggregated"):
                key = frame.evaluate(
                    "() => JSON.parse(document.getElementById('renkei-data').textContent)"
                    ".nodes.find(n => n.id === 'c0').key"
                )
                page.goto(f"{base}/?group={key}", wait_until="domcontentloaded")
                _map_frame(page)
                _idle(page)
                frame = _map_frame(page)
                frame.frame_element().scroll_into_view_if_needed()
                page.wait_for_timeout(500)
                target = out / f"map-{n}-drill.png"
                frame.frame_element().screenshot(path=str(target))
                written.append(target)
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 2000, 20000])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            t0 = time.monotonic()
            for path in shoot(n, Path(tmp), args.out):
                print(
                    f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  ({time.monotonic() - t0:.0f} s)"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
