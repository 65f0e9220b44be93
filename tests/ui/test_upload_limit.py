"""Uploads over the import limit are refused before the server holds them (issue 9, minor item).

The import limit is ``ingest.limits.MAX_UPLOAD_BYTES`` (20 MiB unless
``RENKEI_MAX_UPLOAD_BYTES`` says otherwise).  Streamlit's own limit,
``server.maxUploadSize`` (MiB), must be the same: in ``.streamlit/config.toml``, on
the command line ``renkei serve`` runs, and on the import page's uploader, so that
the browser refuses a bigger file and no byte of it is sent (Streamlit's default
is 200 MB, which the server would receive and hold before ``check_upload`` ran).
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest

from ingest import limits
from network.cli.serve import serve_argv
from tests.ui.live_app import ROOT, launch, miyagi_store, serve

MIB = 1024 * 1024


def _option(cmd: list[str], name: str) -> str:
    return cmd[cmd.index(name) + 1]


def test_config_and_serve_use_the_import_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == math.ceil(limits.MAX_UPLOAD_BYTES / MIB) == 20
    cmd, _, _ = serve_argv("renkei.db", "127.0.0.1", 8501)
    assert _option(cmd, "--server.maxUploadSize") == "20"
    monkeypatch.setattr(limits, "MAX_UPLOAD_BYTES", 5 * MIB + 1)  # RENKEI_MAX_UPLOAD_BYTES at start
    cmd, _, _ = serve_argv("renkei.db", "127.0.0.1", 8501)
    assert _option(cmd, "--server.maxUploadSize") == "6"


@pytest.mark.browser
def test_browser_does_not_send_an_oversize_file(chromium: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from playwright.sync_api import sync_playwright

    monkeypatch.delenv("RENKEI_PUBLIC_VIEW", raising=False)  # local mode: the import page is open
    store = miyagi_store(tmp_path / "renkei.db", [], [])
    big = b"name,sector\n" + b"x" * (limits.MAX_UPLOAD_BYTES + MIB)  # 21 MiB
    uploads: list[str] = []
    with serve(store) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            context = browser.new_context(locale="ja-JP")
            context.on("request", lambda r: uploads.append(f"{r.method} {r.url}") if "upload_file" in r.url else None)
            page = context.new_page()
            page.goto(base + "/", wait_until="domcontentloaded")
            page.locator('[data-testid="stSidebarNavLink"]', has_text="取り込み").click()
            dropzone = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
            dropzone.wait_for(state="attached", timeout=120000)
            dropzone.set_input_files(files=[{"name": "big.csv", "mimeType": "text/csv", "buffer": big}])
            page.wait_for_function("() => document.body.innerText.includes('MB')", timeout=60000)
            page.wait_for_timeout(2000)  # time for an upload to start, were one going to
            text = page.locator("body").inner_text()
        finally:
            browser.close()
    assert [u for u in uploads if u.startswith("PUT")] == [], uploads  # not one byte left the browser
    assert "20" in text and "MB" in text  # Streamlit's own refusal names the limit
    assert "over the limit" not in text  # ingest never saw it
