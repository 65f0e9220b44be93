"""The real app in Debian's Chromium: the map is drawn offline, the add-tie form writes.

Needs ``/usr/bin/chromium`` (``apt-get install -y chromium``, done by ``.ci/run``);
skipped without it, except under CI where it fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from network.model import Org, Tie
from network.store import open_store
from tests.ui.live_app import ROOT, idle, is_local, launch, map_frame, miyagi_store, serve

pytestmark = pytest.mark.browser

EVIL = "<img src=x onerror=alert(1)>"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Miyagi sample plus one organisation whose name is an XSS attempt."""
    return miyagi_store(
        tmp_path_factory.mktemp("browser") / "renkei.db",
        [Org(id="org-evil", name=EVIL, sector="other", note=EVIL)],
        [Tie(id="tie-evil", source="org-evil", target="FIRST")],
    )


def _idle(page) -> None:  # type: ignore[no-untyped-def]
    idle(page, timeout=60.0)


def _choose(page, form, label: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Pick ``text`` in the searchable select box ``label``: type it, click the exact option."""
    box = form.get_by_role("combobox", name=label)
    for attempt in range(3):
        try:
            box.click()
            box.fill(text)
            page.get_by_role("option", name=text, exact=True).first.click(timeout=5000)
            break
        except Exception:  # noqa: BLE001 - a rerun closed the list; try again
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            _idle(page)


def test_map_and_add_tie_in_chromium(chromium: str, store_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    store = open_store(str(store_path))
    n_orgs = store.counts()["orgs"]
    requests: list[str] = []
    console_errors: list[str] = []
    dialogs: list[str] = []
    failed: list[str] = []
    with serve(store_path) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
            context.on("request", lambda r: requests.append(r.url))
            context.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
            page = context.new_page()
            page.on("websocket", lambda ws: requests.append(ws.url))
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: console_errors.append(str(e)))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

            page.goto(base + "/", wait_until="domcontentloaded")
            frame = map_frame(page)
            # every organisation is a node of the drawn network (store count, no filter)
            assert frame.evaluate("() => window.network.body.data.nodes.length") == n_orgs
            assert frame.evaluate("() => document.getElementById('renkei-map').dataset.nodeCount") == str(n_orgs)
            # the canvas is really drawn: vis-network put a canvas with a size in the container
            assert frame.evaluate("() => document.querySelector('#renkei-map canvas').width") > 0
            # the hostile name is plain text: no <img> element was created, no dialog opened
            assert frame.evaluate("() => document.querySelectorAll('img').length") == 0
            # hover and click the hostile organisation: its name shows as text in the tooltip and the panel
            frame.wait_for_function("() => window.network.physics.options.enabled === false", timeout=30000)
            frame.frame_element().scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            box = frame.frame_element().bounding_box()
            xy = frame.evaluate(
                "() => window.network.canvasToDOM(window.network.getPositions(['org-evil'])['org-evil'])"
            )
            page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
            frame.wait_for_function("() => document.getElementById('renkei-tip').style.display === 'block'")
            assert EVIL in frame.evaluate("() => document.getElementById('renkei-tip').textContent")
            page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
            frame.wait_for_function("() => document.getElementById('renkei-info').style.display === 'block'")
            assert EVIL in frame.evaluate("() => document.getElementById('renkei-info').textContent")
            assert (
                frame.evaluate("() => document.querySelector('#renkei-info a').getAttribute('href')")
                == "orgs?org=org-evil"
            )
            assert frame.evaluate("() => document.querySelectorAll('img').length") == 0
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=False)

            # add a tie through the form
            a = store.orgs(search="石巻市")[0]
            b = store.orgs(search="東北大学")[0]
            assert not any(t for t in store.ties(org=a.id) if b.id in (t.source, t.target) and t.type == "support")
            # navigate inside the app (a deep link makes Streamlit probe /add/_stcore/… first: a 404)
            page.locator('[data-testid="stSidebarNavLink"]', has_text="追加").click()
            form = page.locator('[data-testid="stForm"]').nth(1)
            form.wait_for(timeout=30000)
            _idle(page)
            for label, text in (("連携元", a.name), ("連携先", b.name)):  # above the form (their search reruns)
                _choose(page, page, label, text)
            _choose(page, form, "関係の種類", "支援・助言")
            form.get_by_role("button", name="保存").click()
            page.get_by_text("関係を保存しました").wait_for(timeout=30000)
            page.screenshot(path=str(ARTIFACTS / "add_tie.png"))
        finally:
            browser.close()
    ties = [t for t in store.ties(org=a.id) if b.id in (t.source, t.target) and t.type == "support"]
    assert [(t.source, t.target, t.directed) for t in ties] == [(a.id, b.id, True)]  # support is directed
    assert requests, "requests were recorded"
    assert [u for u in requests if not is_local(u)] == []
    assert console_errors == [], failed
    assert dialogs == []


def test_chromium_is_debians(chromium) -> None:
    """The browser is the system one (never a Playwright download)."""
    assert Path(chromium).resolve().is_relative_to("/usr")
