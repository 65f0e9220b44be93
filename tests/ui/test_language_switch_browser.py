"""In Debian's Chromium: after a switch to English, the choices already shown are written in English.

Streamlit 1.67's selectbox keeps showing the option text it drew before (its value is stored by its
text; streamlit/streamlit#13788): after 日本語 → English the map's 「大きさ」 box still read 「連携数」
although its label said "Size by".  The language switch now draws every choice anew, the choice kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from network.labels import t
from tests.ui.live_app import idle, launch, map_frame, miyagi_store, serve

pytestmark = pytest.mark.browser

JAPANESE = ("\u3040", "\u30ff"), ("\u4e00", "\u9fff")


def _japanese(text: str) -> bool:
    return any(lo <= ch <= hi for ch in text for lo, hi in JAPANESE)


@pytest.fixture(scope="module")
def miyagi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return miyagi_store(tmp_path_factory.mktemp("langb") / "renkei.db", [], [])


def _idle(page) -> None:  # type: ignore[no-untyped-def]
    idle(page, timeout=120.0)


def _box(page, label: str):  # type: ignore[no-untyped-def]
    return page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first


def _shown(page, label: str) -> str:  # type: ignore[no-untyped-def]
    """The choice a selectbox shows (the text of its combobox input)."""
    return _box(page, label).locator('input[role="combobox"]').first.input_value()


def test_map_choices_follow_a_switch_to_english_and_keep_their_value(chromium: str, miyagi: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serve(miyagi) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(base + "/", wait_until="domcontentloaded")
            map_frame(page, timeout=90)
            _idle(page)
            # choose a layout in Japanese first: the choice must survive the switch
            assert _shown(page, t("colour_by", "ja")) == t("sector", "ja")  # read in Japanese first
            _box(page, t("layout", "ja")).locator('input[role="combobox"]').first.click()
            page.get_by_role("option", name=t("layout_sector", "ja"), exact=True).click()
            _idle(page)
            page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
            _idle(page)
            page.get_by_role("heading", name=t("map", "en")).wait_for(timeout=60000)
            size, colour, layout = (_shown(page, t(k, "en")) for k in ("size_by", "colour_by", "layout"))
            assert size and not _japanese(size), size
            assert colour == t("sector", "en"), colour
            assert layout == t("layout_sector", "en"), layout
        finally:
            browser.close()


def test_gaps_radio_keeps_its_choice_after_a_switch(chromium: str, miyagi: Path) -> None:
    """The Gaps page's 「数え方」 radio showed no choice at all after 日本語 → English (seen in a screenshot)."""
    from playwright.sync_api import sync_playwright

    with serve(miyagi) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(base + "/gaps", wait_until="domcontentloaded")
            page.get_by_role("heading", name=t("gaps", "ja")).first.wait_for(timeout=60000)
            _idle(page)
            page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
            _idle(page)
            page.get_by_role("heading", name=t("gaps", "en")).first.wait_for(timeout=60000)
            main = page.locator('[data-testid="stMain"]')
            checked = main.locator('[data-testid="stRadio"] input[type="radio"]:checked')
            radios = main.locator('[data-testid="stRadio"]')
            assert radios.count() >= 1
            assert checked.count() == radios.count(), (checked.count(), radios.count())
        finally:
            browser.close()
