"""Sign-in in a real Chromium: a spray over many names from one address is throttled (issue 9, minor).

The app passes the client's address (``st.context.ip_address``) to
``UserStore.authenticate``; with ``RENKEI_LOGIN_MAX_SOURCE_FAILURES=3`` three wrong
sign-ins under three different names lock that address, so even the right
password of a real account is refused until the window has passed.  A look-alike
spelling of a name (full width) signs in to the same account.
"""

from __future__ import annotations

import pytest

from network.accounts import UserStore
from network.store.sqlite import SQLiteStore
from tests.trust.conftest import FAST, small_network


def _wait_for_failures(path, n: int, timeout: float = 30.0) -> list[tuple]:
    import sqlite3
    import time

    deadline = time.monotonic() + timeout
    while True:
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT name, source FROM login_attempts WHERE ok = 0 ORDER BY id").fetchall()
        conn.close()
        if len(rows) >= n or time.monotonic() > deadline:
            assert len(rows) == n, rows
            return rows
        time.sleep(0.2)


def _try(page, name: str, password: str) -> None:
    page.locator('input[type="text"]').first.fill(name)
    page.locator('input[type="password"]').fill(password)
    page.locator('[data-testid="stFormSubmitButton"] button').click()


@pytest.mark.browser
def test_a_spray_from_one_address_is_throttled_in_chromium(tmp_path, monkeypatch, chromium):
    from playwright.sync_api import sync_playwright

    import tests.ui.live_app as live

    path = tmp_path / "renkei.db"
    with SQLiteStore(path) as s:
        s.write(small_network(), user="sato")
    with UserStore(path, hasher=FAST) as u:
        u.add("boss", "boss password 1", "admin")
        u.add("viewer1", "viewer password", "viewer")
    monkeypatch.setenv("RENKEI_LOGIN_MAX_SOURCE_FAILURES", "3")
    monkeypatch.delenv("RENKEI_PUBLIC_VIEW", raising=False)
    with live.serve(path) as base, sync_playwright() as p:
        browser = live.launch(p)
        try:
            page = browser.new_page(locale="ja-JP")
            page.goto(base + "/", wait_until="domcontentloaded")
            page.locator('input[type="password"]').wait_for(timeout=60000)
            # a look-alike spelling (full width, capitals) is the same account
            _try(page, "ＶＩＥＷＥＲ１", "viewer password")
            page.get_by_text("viewer1（閲覧者）でサインイン中").wait_for(timeout=30000)
            page.context.clear_cookies()
            page = browser.new_page(locale="ja-JP")  # a new session from the same address
            page.goto(base + "/", wait_until="domcontentloaded")
            page.locator('input[type="password"]').wait_for(timeout=60000)
            for i in range(3):  # one guess each for three names
                _try(page, f"guess{i}", "Password1")
                _wait_for_failures(path, i + 1)
                page.get_by_text("パスワードが違います", exact=False).wait_for(timeout=30000)
            _try(page, "boss", "boss password 1")
            page.get_by_text("サインインの失敗が多すぎます", exact=False).wait_for(timeout=30000)
            assert page.get_by_text("でサインイン中", exact=False).count() == 0
        finally:
            browser.close()
    rows = _wait_for_failures(path, 3)
    assert [r[1] for r in rows] == ["localhost"] * 3  # counted by address (this machine), not by name
    with UserStore(path, hasher=FAST) as u:
        assert u.failures("boss") == []
