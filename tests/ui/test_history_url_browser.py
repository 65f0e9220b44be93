"""In Debian's Chromium: the History page's action filter follows a switch to English, and the
address ``/map`` opens the map (the default page, also served at ``/``), with no "Page not found"."""

from __future__ import annotations

from pathlib import Path

import pytest

from network.labels import t
from tests.ui.live_app import idle, launch, map_frame, miyagi_store, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def miyagi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return miyagi_store(tmp_path_factory.mktemp("histb") / "renkei.db", [], [])


def _idle(page) -> None:  # type: ignore[no-untyped-def]
    idle(page, timeout=120.0)


def test_history_action_filter_in_english_after_a_switch(chromium: str, miyagi: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serve(miyagi) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(base + "/history", wait_until="domcontentloaded")
            page.get_by_role("heading", name=t("hist_title", "ja")).wait_for(timeout=60000)
            _idle(page)
            page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
            _idle(page)
            page.get_by_role("heading", name=t("hist_title", "en")).wait_for(timeout=60000)
            box = page.locator('[data-testid="stSelectbox"]').filter(has_text=t("hist_action", "en")).first
            shown = box.inner_text()
            assert "すべて" not in shown, shown
            box.locator('[role="combobox"], input').first.click()
            options = page.locator('[role="option"]').all_inner_texts()
            assert options, "the filter's list did not open"
            assert t("hist_all_actions", "en") in options
            assert t("action_create", "en") in options and "create" not in options
            assert not [o for o in options if any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in o)]
        finally:
            browser.close()


def test_map_address_opens_the_map(chromium: str, miyagi: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serve(miyagi) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(base + "/map", wait_until="domcontentloaded")
            map_frame(page, timeout=90)
            page.get_by_role("heading", name=t("map", "ja")).wait_for(timeout=60000)
            _idle(page)
            body = page.locator("body").inner_text()
            assert "Page not found" not in body and "見つかりません" not in body, body[:500]
            assert page.url.rstrip("/").endswith("/map")
        finally:
            browser.close()
