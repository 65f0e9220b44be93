"""The coordinator's map in Debian's Chromium (issue 15): the profile opens in the same tab and the
same language; a 20,000-organisation map drills down into a community; the path between two
organisations is highlighted; the PNG and SVG downloads open."""

from __future__ import annotations

import io
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from network.store import ChangeSet, open_store
from tests.ui.live_app import ROOT, idle, launch, map_frame, miyagi_store, serve

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts"


def _idle(page) -> None:  # type: ignore[no-untyped-def]
    idle(page, timeout=120.0)


def _click_node(page, frame, node: str) -> None:  # type: ignore[no-untyped-def]
    frame.wait_for_function("() => window.network.physics.options.enabled === false", timeout=60000)
    frame.frame_element().scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = frame.frame_element().bounding_box()
    xy = frame.evaluate(f"""() => {{
        const p = window.network.canvasToDOM(window.network.getPositions([{node!r}])[{node!r}]);
        const r = document.getElementById('renkei-map').getBoundingClientRect();
        return {{x: p.x + r.left, y: p.y + r.top}};
    }}""")
    page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
    frame.wait_for_function("() => document.getElementById('renkei-info').style.display === 'block'")


@pytest.fixture(scope="module")
def miyagi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return miyagi_store(tmp_path_factory.mktemp("mapb") / "renkei.db", [], [])


def test_profile_opens_in_the_same_tab_in_english(chromium: str, miyagi: Path) -> None:
    from playwright.sync_api import sync_playwright

    with open_store(str(miyagi)) as s:
        centre = s.orgs(search="みやぎ連携復興センター")[0]
    with serve(miyagi) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
            page = context.new_page()
            page.goto(base + "/", wait_until="domcontentloaded")
            map_frame(page)
            _idle(page)
            page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
            _idle(page)
            page.get_by_role("heading", name="Map").wait_for(timeout=60000)
            frame = map_frame(page)
            _click_node(page, frame, centre.id)
            frame.get_by_text("Open profile", exact=True).click()
            page.wait_for_url("**/orgs?org=*", timeout=60000)
            _idle(page)
            page.get_by_role("heading", name=centre.name).first.wait_for(timeout=60000)
            assert len(context.pages) == 1  # the same tab
            assert page.get_by_role("heading", name="Organisations").count() >= 1  # still English
            page.go_back()
            _idle(page)
            page.get_by_role("heading", name="Map").wait_for(timeout=60000)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "map_back_en.png"))
        finally:
            browser.close()


def test_picture_downloads_open_with_legend(chromium: str, miyagi: Path) -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    with serve(miyagi) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True).new_page()
            page.goto(base + "/", wait_until="domcontentloaded")
            map_frame(page)
            _idle(page)
            with page.expect_download(timeout=180000) as d:
                page.get_by_role("button", name="画像（SVG・編集用）").click()
            svg = Path(d.value.path()).read_bytes()
            texts = [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
            assert "区分  (点の大きさ＝連携数)" in texts  # the colour legend's heading says what size means
            assert "中間支援組織" in texts and any(t.startswith("期間: すべて") for t in texts)
            with page.expect_download(timeout=180000) as d:
                page.get_by_role("button", name="画像（PNG・印刷用）").click()
            img = Image.open(io.BytesIO(Path(d.value.path()).read_bytes()))
            assert img.format == "PNG" and img.size[0] >= 3000
        finally:
            browser.close()


@pytest.mark.slow
def test_drill_down_on_20000_organisations(chromium: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright
    from renkei.data.generate import generate

    from network.analysis.gaps import communities
    from network.analysis.views import undirected_view

    db = tmp_path / "big.db"
    orgs, ties = generate(20_000, 60_000, seed=7)
    with open_store(str(db)) as s:
        s.write(ChangeSet(orgs=orgs, ties=ties), user="bench")
        G = s.load_graph()
    sizes = nx.utils.groups(communities(undirected_view(G)))  # the page's grouping: same view, same seed
    with serve(db, timeout=120) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            t0 = time.monotonic()
            page.goto(base + "/", wait_until="domcontentloaded")
            frame = map_frame(page, timeout=180)
            first_draw = time.monotonic() - t0
            assert frame.evaluate("() => document.getElementById('renkei-map').dataset.aggregated") == "1"
            _idle(page)
            frame = map_frame(page)
            key, name = frame.evaluate(
                "() => { const n = JSON.parse(document.getElementById('renkei-data')"
                ".textContent).nodes.find(n => n.id === 'c0'); return [n.key, n.rows[0][1]]; }"
            )
            assert "ほか" in name and "団体" in name  # named after its members, not "コミュニティ 3"
            expected = len(sizes[int(key)])
            assert expected <= 3000, expected  # drawn one by one after the drill-down
            _click_node(page, frame, "c0")
            t1 = time.monotonic()
            frame.get_by_text("このグループを開く", exact=False).click()
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                counts = []
                for f in page.frames:
                    try:
                        counts.append(
                            f.evaluate(
                                "() => window.renkeiDrawn !== undefined ? "
                                "document.getElementById('renkei-map').dataset.nodeCount : null"
                            )
                        )
                    except Exception:  # noqa: BLE001 - a frame navigating away
                        continue
                if str(expected) in counts:
                    break
                page.wait_for_timeout(100)
            drill = time.monotonic() - t1
            assert str(expected) in counts, counts
            assert f"group={key}" in page.url
            page.get_by_text(f"全体 › {name}").first.wait_for(timeout=30000)  # the breadcrumb names it as the map did
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "map_drill_20k.png"))
            print(f"20,000 organisations: first draw {first_draw:.1f} s, drill down {drill:.1f} s")
        finally:
            browser.close()
