"""DNS rebinding: the app answers only its own host names, and ``renkei serve`` gates local mode
with a per-start token (issue 9, item 4) — in Debian's Chromium.

Chromium is started with ``--host-resolver-rules="MAP evil.example 127.0.0.1"``, so
``http://evil.example:PORT/`` reaches the app on 127.0.0.1 exactly as a rebound
name would, with ``Host: evil.example:PORT``.  The store is in local mode (no
accounts: everybody is admin), the worst case.  A page requested under the foreign
name must show nothing of the data (no organisation name in the page or any frame,
no page list); the same browser on ``http://127.0.0.1:PORT/`` is the positive control.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from network.hosts import allowed_hosts, host_allowed
from tests.ui.live_app import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, miyagi_store, serve

NAME = "みやぎ連携復興センター"  # the sample's first organisation: on the map, in the lists
RULES = "--host-resolver-rules=MAP evil.example 127.0.0.1"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return miyagi_store(tmp_path_factory.mktemp("host") / "renkei.db", [], [])


def _settle(page, ms: int = 4000) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(ms)
    for _ in range(80):
        if page.locator('[data-testid="stStatusWidget"]').count() == 0:
            break
        page.wait_for_timeout(250)


def _seen(page) -> str:  # type: ignore[no-untyped-def]
    """All text of the page and its frames (the map is in an iframe)."""
    out = []
    for frame in page.frames:
        try:
            out.append(frame.evaluate("() => document.documentElement ? document.documentElement.innerHTML : ''"))
        except Exception:  # noqa: BLE001 - a frame navigating away
            continue
    return "\n".join(out)


def _visit(context, url: str, wait_for: str | None = None) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """Open ``url`` in a new tab (a new session); wait until ``wait_for`` shows (or a while), then report
    the text of the page and its frames and the number of page links in the sidebar."""
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded", timeout=120000)
    deadline = time.monotonic() + (120 if wait_for else 8)
    while time.monotonic() < deadline:  # a loaded machine: wait for what is expected, not a fixed time
        if wait_for and wait_for in _seen(page):
            break
        page.wait_for_timeout(500)
    _settle(page, 1500)
    seen = _seen(page), page.locator('[data-testid="stSidebarNavLink"]').count()
    page.close()
    return seen


# ----------------------------------------------------------------------------- names (no browser)
@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("127.0.0.1:8501", True),
        ("localhost:8501", True),
        ("LOCALHOST.", True),
        ("[::1]:8501", True),
        ("127.0.0.2", True),
        ("evil.example:8501", False),
        ("localhost.evil.example", False),
        ("127.0.0.1.evil.example", False),
        ("evil.example@127.0.0.1", False),
        ("192.168.1.5:8501", False),
        ("127.0.0.1:8501/x", False),
        ("", True),
        (None, True),
    ],
)
def test_loopback_server_answers_loopback_names_only(host: str | None, ok: bool) -> None:
    assert host_allowed(host, allowed_hosts("127.0.0.1", ""), "127.0.0.1") is ok


def test_admin_names_and_lan_server() -> None:
    lan = allowed_hosts("0.0.0.0", "renkei.example.org, *.office.lan")
    assert host_allowed("renkei.example.org:443", lan, "0.0.0.0")
    assert host_allowed("pc1.office.lan", lan, "0.0.0.0")
    assert host_allowed("192.168.1.5:8501", lan, "0.0.0.0")  # an address: no name to rebind
    assert not host_allowed("evil.example", lan, "0.0.0.0")
    assert not host_allowed("office.lan.evil.example", lan, "0.0.0.0")


# ----------------------------------------------------------------------------- the app, in Chromium
@pytest.mark.browser
def test_foreign_host_sees_no_data(chromium: str, store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``streamlit run app.py`` (no Streamlit host list): the app's own check refuses the page."""
    from playwright.sync_api import sync_playwright

    monkeypatch.delenv("RENKEI_PUBLIC_VIEW", raising=False)
    monkeypatch.delenv("RENKEI_ALLOWED_HOSTS", raising=False)
    with serve(store_path) as base, sync_playwright() as p:
        port = base.rsplit(":", 1)[1]
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, RULES])
        try:
            context = browser.new_context(locale="ja-JP")
            evil, evil_links = _visit(context, f"http://evil.example:{port}/", "RENKEI_ALLOWED_HOSTS")
            evil_orgs, evil_orgs_links = _visit(context, f"http://evil.example:{port}/orgs", "RENKEI_ALLOWED_HOSTS")
            good, good_links = _visit(context, f"http://127.0.0.1:{port}/", NAME)
        finally:
            browser.close()
    assert NAME in good and good_links >= 8  # positive control: the same browser sees the data
    assert NAME not in evil and NAME not in evil_orgs
    assert evil_links == 0 and evil_orgs_links == 0
    assert "evil.example" in evil  # the refusal names the host it refused


@contextmanager
def renkei_serve(store: Path, tmp: Path, *extra: str) -> Iterator[tuple[int, str]]:
    """A real ``renkei serve`` on a free port; yields the port and the first line it printed."""
    port = free_port()
    log = tmp / "serve.log"
    env = {**os.environ, "RENKEI_STORE": str(store)}
    env.pop("RENKEI_START_TOKEN", None)
    env.pop("RENKEI_ALLOWED_HOSTS", None)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "network.cli", "serve", "--port", str(port), *extra],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"renkei serve did not start: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
        yield port, log.read_text(errors="replace").splitlines()[0]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()


@pytest.mark.browser
def test_renkei_serve_needs_host_and_start_token(chromium: str, store_path: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with renkei_serve(store_path, tmp_path) as (port, first), sync_playwright() as p:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{20,})", first)
        assert found, first
        assert int(found.group(1)) == port
        token = found.group(2)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, RULES])
        try:
            context = browser.new_context(locale="ja-JP")
            evil, _ = _visit(context, f"http://evil.example:{port}/?token={token}")  # even with the token
            bare, bare_links = _visit(context, f"http://127.0.0.1:{port}/", "token=")
            wrong, _ = _visit(context, f"http://127.0.0.1:{port}/?token={token[:-2]}xx", "token=")
            good, good_links = _visit(context, f"http://127.0.0.1:{port}/?token={token}", NAME)
            # the token is checked once: afterwards this browser needs no token (a reload, a new tab)
            later, later_links = _visit(context, f"http://127.0.0.1:{port}/", NAME)
            # another browser (a fresh context: no cookie) still needs it
            other = browser.new_context(locale="ja-JP")
            stranger, _ = _visit(other, f"http://127.0.0.1:{port}/", "token=")
        finally:
            browser.close()
    assert NAME in good and good_links >= 8
    assert NAME in later and later_links >= 8
    assert NAME not in evil
    assert NAME not in bare and bare_links == 0 and "token" in bare
    assert NAME not in wrong
    assert NAME not in stranger


def test_serve_refuses_foreign_host_websocket(store_path: Path, tmp_path: Path) -> None:
    """Streamlit's own ``server.allowedHosts`` is set by ``renkei serve``: the WebSocket is refused."""
    import base64
    import http.client

    with renkei_serve(store_path, tmp_path) as (port, _):
        results = {}
        for host in (f"127.0.0.1:{port}", f"evil.example:{port}"):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request(
                "GET",
                "/_stcore/stream",
                headers={
                    "Host": host,
                    "Upgrade": "websocket",
                    "Connection": "Upgrade",
                    "Sec-WebSocket-Version": "13",
                    "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
                    "Sec-WebSocket-Protocol": "streamlit",
                    "Origin": f"http://{host}",
                },
            )
            results[host.split(":")[0]] = conn.getresponse().status
            conn.close()
    assert results["127.0.0.1"] == 101
    assert results["evil.example"] != 101


def test_no_address_means_every_interface() -> None:
    """``streamlit run app.py`` without ``--server.address`` listens everywhere: addresses are fine."""
    names = allowed_hosts(None, "")
    assert host_allowed("192.168.1.5:8501", names, None)
    assert not host_allowed("evil.example:8501", names, None)
