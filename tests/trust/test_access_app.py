"""Access: a viewer session cannot reach any write path of the real app (AppTest and HTTP).

PENDING — not collected (the name does not start with ``test_``) until the app
is wired with the sign-in gates (see docs/trust.md, "Wiring the app").  After
wiring, rename to ``tests/trust/test_access_app.py``.  ``RENKEI_APP_ROOT`` may
point at another checkout (used to check the wiring on a copy).

Write paths of the app: the Add page (organisation form, tie form, end-a-tie
form: editor), the Import page (admin), the sample loader shown on an empty
store (an import: admin), and undo on the History page (admin).
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from network.accounts import UserStore
from network.store.sqlite import SQLiteStore
from tests.trust.conftest import FAST, small_network

ROOT = Path(os.environ.get("RENKEI_APP_ROOT") or Path(__file__).resolve().parents[2])
APP = str(ROOT / "app.py")
READ_PAGES = [
    "ui/pages/map.py",
    "ui/pages/orgs.py",
    "ui/pages/brokers.py",
    "ui/pages/gaps.py",
    "ui/pages/changes.py",
    "ui/pages/export.py",
    "ui/pages/history.py",
]
WRITE_PAGES = {"ui/pages/add.py": "editor", "ui/pages/importer.py": "admin"}
PASSWORDS = {"viewer1": "viewer password", "editor1": "editor password", "admin1": "admin password"}
SECRET_NAMES = ["みやぎ連携復興センター", "公益財団法人 日本財団"]  # from small_network: must not leak


@pytest.fixture
def app_store(tmp_path, monkeypatch):
    path = tmp_path / "renkei.db"
    with SQLiteStore(path) as s:
        s.write(small_network(), user="sato")
    with UserStore(path, hasher=FAST) as u:
        for name, pw in PASSWORDS.items():
            u.add(name, pw, name[:-1])
    monkeypatch.setenv("RENKEI_STORE", str(path))
    monkeypatch.delenv("RENKEI_PUBLIC_VIEW", raising=False)
    return path


def _run(page: str, user: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if user:
        at.session_state["renkei_user"] = {"name": user, "role": user[:-1]}
    at.run()
    if page != "ui/pages/map.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _shown(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "subheader"):
        parts += [str(getattr(e, "value", "")) for e in getattr(at, kind)]
    parts += [e.value.to_csv() for e in at.dataframe]
    parts += [str(o) for e in at.selectbox for o in e.options]
    return "\n".join(parts)


def _revision(path: Path) -> int:
    with SQLiteStore(path) as s:
        return s.revision()


@pytest.mark.parametrize("page", READ_PAGES + list(WRITE_PAGES))
def test_signed_out_sees_only_a_sign_in_form(app_store, page):
    at = _run(page, None)
    assert [t.label for t in at.text_input][-2:] == ["ユーザー名", "パスワード"]
    shown = _shown(at)
    assert not any(n in shown for n in SECRET_NAMES)


@pytest.mark.parametrize("page", list(WRITE_PAGES))
def test_viewer_reaches_no_write_form(app_store, page):
    before = _revision(app_store)
    at = _run(page, "viewer1")
    assert [b.key for b in at.button] in ([], ["renkei_sign_out"])  # no save, commit or load button
    assert len(at.text_input) == 0 and len(at.get("file_uploader")) == 0
    assert "viewer1" in _shown(at)
    assert _revision(app_store) == before


def test_viewer_cannot_undo_or_load_samples(app_store, tmp_path, monkeypatch):
    at = _run("ui/pages/history.py", "viewer1")
    assert [b.key for b in at.button] in ([], ["renkei_sign_out"])
    empty = tmp_path / "empty.db"
    SQLiteStore(empty).close()
    with UserStore(empty, hasher=FAST) as u:
        u.add("viewer1", PASSWORDS["viewer1"], "viewer")
    monkeypatch.setenv("RENKEI_STORE", str(empty))
    at = _run("ui/pages/map.py", "viewer1")
    assert [b.key for b in at.button] in ([], ["renkei_sign_out"])  # no "load sample" form


def test_editor_may_add_but_not_import(app_store):
    at = _run("ui/pages/add.py", "editor1")
    assert any("保存" in b.label for b in at.button)
    at = _run("ui/pages/importer.py", "editor1")
    assert len(at.get("file_uploader")) == 0


def test_public_view_opens_reading_only(app_store, monkeypatch):
    monkeypatch.setenv("RENKEI_PUBLIC_VIEW", "1")
    at = _run("ui/pages/orgs.py", None)
    assert any(n in _shown(at) for n in SECRET_NAMES)
    at = _run("ui/pages/add.py", None)
    assert not any("保存" in b.label for b in at.button)


# --------------------------------------------------------------------------- HTTP
@pytest.mark.slow
def test_http_has_no_write_path_without_a_session(app_store, monkeypatch):
    import tests.ui.live_app as live

    monkeypatch.setattr(live, "ROOT", ROOT)
    before = _revision(app_store)
    with live.serve(app_store) as base:
        # every page URL returns the same static shell: the data only ever travels over a signed-in session
        for key in ["", "orgs", "add", "import", "history", "export"]:
            with urllib.request.urlopen(f"{base}/{key}", timeout=10) as r:
                body = r.read().decode("utf-8", "replace")
            assert r.status == 200 and not any(n in body for n in SECRET_NAMES)
        # the upload endpoint refuses a file for a session that does not exist
        data = (
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="orgs.csv"\r\n\r\n'
            b"name,sector\r\nx,npo\r\n--b--\r\n"
        )
        for method in ("PUT", "POST"):
            req = urllib.request.Request(
                f"{base}/_stcore/upload_file/{uuid.uuid4()}/{uuid.uuid4()}",
                data=data,
                method=method,
                headers={"Content-Type": "multipart/form-data; boundary=b"},
            )
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(req, timeout=10)
            assert 400 <= err.value.code < 500
    assert _revision(app_store) == before


@pytest.mark.browser
def test_viewer_in_chromium_gets_no_save_button(app_store, monkeypatch, chromium):
    from playwright.sync_api import sync_playwright

    import tests.ui.live_app as live

    monkeypatch.setattr(live, "ROOT", ROOT)
    before = _revision(app_store)
    with live.serve(app_store) as base, sync_playwright() as p:
        browser = live.launch(p)
        try:
            page = browser.new_page(locale="ja-JP")
            page.goto(base + "/", wait_until="domcontentloaded")
            page.locator('input[type="password"]').wait_for(timeout=60000)
            page.locator('input[type="text"]').first.fill("viewer1")
            page.locator('input[type="password"]').fill("wrong password")
            page.locator('[data-testid="stFormSubmitButton"] button').click()
            page.get_by_text("パスワードが違います", exact=False).wait_for(timeout=30000)
            page.locator('input[type="text"]').first.fill("viewer1")
            page.locator('input[type="password"]').fill(PASSWORDS["viewer1"])
            page.locator('[data-testid="stFormSubmitButton"] button').click()
            page.get_by_text("viewer1（閲覧者）でサインイン中").wait_for(timeout=30000)
            page.locator('[data-testid="stSidebarNavLink"][href$="/add"]').click()
            page.get_by_text("にはこのページの権限がありません", exact=False).wait_for(timeout=30000)
            page.wait_for_timeout(1000)
            assert page.get_by_role("button", name="保存").count() == 0
        finally:
            browser.close()
    assert _revision(app_store) == before
