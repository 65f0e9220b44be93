"""Markdown in user values is shown as text, never rendered (issue 9, item 14) — in Debian's Chromium.

A store holds the Miyagi sample plus organisations (and ties) whose name, kind,
city, district, note, aliases, tags and url are Markdown: an image pointing at
a local *beacon* server (``![b](http://127.0.0.1:PORT/beacon.png)``), a phishing
link (``[ログインし直してください](http://…)``), an autolink, a bare URL, a
reference-style image and raw HTML.  The real app is started (127.0.0.1 only)
and every page in the sidebar is visited, then each hostile organisation's
profile, the add form (saving a hostile name: the success message) and the
import page (a file whose name and header are hostile: the captions).

The promise: no request reaches the beacon server, no request for a ``beacon``
path reaches any server, and no ``<img>`` or ``<a>`` made from a value appears
in the page or any of its frames; the values are on screen as the text typed.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from network.model import Org, Tie
from tests.ui.live_app import free_port, idle, launch, miyagi_store, open_link, serve

pytestmark = pytest.mark.browser

BEACON_PORT = free_port()
B = f"http://127.0.0.1:{BEACON_PORT}"
HOSTILE = [
    f"![b]({B}/beacon.png)",
    f"[ログインし直してください]({B}/login-beacon)",
    f"<{B}/autolink-beacon>",
    f"{B}/bare-beacon 詳しくはこちら www.beacon.example 連絡先 beacon@example.invalid :smile:",
    f'<img src="{B}/html-beacon.png">',
    f"![ref][r]\n\n[r]: {B}/ref-beacon.png",
    "**太字** _斜体_ `code` :red[赤] [相対](beacon-relative) ![相対](beacon-relative.png)",
]
NEW_NAME = f"![new]({B}/beacon-saved.png) 新団体"
FILE_NAME = "![f](beacon-file.png).csv"
HEADER = f"![h]({B}/beacon-header.png)"
DOM_PROBE = """() => Array.from(document.querySelectorAll('img, a, link, iframe, source, video, audio'))
  .map(e => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('srcset') || '')
  .filter(u => !u.startsWith('#'))  // Streamlit's own heading anchors (the page itself)
  .filter(u => u.includes('beacon') || u.includes(':PORT'))""".replace("PORT", str(BEACON_PORT))


class Beacon(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Beacon.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def beacon() -> Iterator[list[str]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", BEACON_PORT), Beacon)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Beacon.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    one_line = [h.replace("\n", " ") for h in HOSTILE]
    orgs = [
        Org(
            id=f"org-md-{i}",
            name=h,
            sector="other",
            kind=h,
            city=h,
            district=h,
            note=HOSTILE[i],
            url=f"{B}/url-beacon",
            aliases=[h],
            tags=[h],
        )
        for i, h in enumerate(one_line)
    ]
    ties = [
        Tie(
            id=f"tie-md-{i}",
            source=o.id,
            target="FIRST",
            type="support",
            directed=True,
            project=one_line[i],
            note=HOSTILE[i],
            evidence=one_line[i],
        )
        for i, o in enumerate(orgs)
    ]
    return miyagi_store(tmp_path_factory.mktemp("md") / "renkei.db", orgs, ties, user=one_line[1])


def _shows(page, selector: str, text: str) -> int:  # type: ignore[no-untyped-def]
    """How many ``selector`` elements show ``text`` as typed (ignoring invisible word joiners)."""
    return page.evaluate(
        "([s, t]) => Array.from(document.querySelectorAll(s)).filter(e => "
        "e.textContent.replace(/\u2060/g, '').includes(t)).length",
        [selector, text],
    )


def _settle(page, ms: int = 2500) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(ms)
    for _ in range(80):  # until Streamlit stops running the script
        if page.locator('[data-testid="stStatusWidget"]').count() == 0:
            break
        page.wait_for_timeout(250)


def _rendered(page) -> list[str]:  # type: ignore[no-untyped-def]
    """URLs of value-made images and links in the page and every frame."""
    found: list[str] = []
    for frame in page.frames:
        try:
            found += frame.evaluate(DOM_PROBE)
        except Exception:  # noqa: BLE001 - a frame navigating away
            continue
    return found


def test_beacon_probe_works(chromium: str, beacon: list[str]) -> None:
    """Positive control: the same probes see a rendered Markdown image."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.set_content(f'<img src="{B}/beacon-control.png"><a href="{B}/x">x</a>')
            page.wait_for_timeout(500)
            found = _rendered(page)
        finally:
            browser.close()
    assert "/beacon-control.png" in beacon
    assert len(found) == 2
    beacon.clear()


def test_markdown_values_render_nowhere(
    chromium: str, beacon: list[str], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import sync_playwright

    monkeypatch.delenv("RENKEI_PUBLIC_VIEW", raising=False)  # local mode: no accounts, every page open
    visited: list[str] = []
    rendered: dict[str, list[str]] = {}
    requested: list[str] = []
    shown: dict[str, int] = {}
    with serve(store_path) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
            context.on("request", lambda r: requested.append(r.url) if "beacon" in urlparse(r.url).path else None)
            page = context.new_page()
            page.goto(base + "/", wait_until="domcontentloaded")
            page.locator('[data-testid="stSidebarNavLink"]').first.wait_for(timeout=60000)
            _settle(page)
            hrefs = [a.get_attribute("href") for a in page.locator('[data-testid="stSidebarNavLink"]').all()]
            for href in hrefs:
                open_link(page, page.locator(f'[data-testid="stSidebarNavLink"][href="{href}"]'))
                name = urlparse(href).path.strip("/") or "map"
                visited.append(name)
                rendered[name] = _rendered(page)
            for i in range(len(HOSTILE)):  # each hostile organisation's profile
                page.goto(f"{base}/orgs?org=org-md-{i}", wait_until="domcontentloaded", timeout=120000)
                page.locator("h3").first.wait_for(timeout=120000)  # the profile's heading
                idle(page)
                rendered[f"profile {i}"] = _rendered(page)
            # the profile's heading shows the name as the text typed
            shown["profile heading"] = _shows(page, "h3", HOSTILE[-1])
            # a crafted link: the map's drill-down breadcrumb shows the ``group`` of the address
            page.goto(
                f"{base}/?group=" + quote("![g](beacon-group.png) [ログイン](beacon-group-link)"),
                wait_until="domcontentloaded",
                timeout=120000,
            )
            page.locator('[data-testid="stSidebarNavLink"]').first.wait_for(timeout=120000)
            _settle(page, 4000)
            rendered["map (crafted group)"] = _rendered(page)

            # the add form: save an organisation with a Markdown name (the success message names it)
            page.locator('[data-testid="stSidebarNavLink"]', has_text="追加").click()
            form = page.locator('[data-testid="stForm"]').first
            form.wait_for(timeout=120000)
            _settle(page)
            form.get_by_label("団体名 *").fill(NEW_NAME)
            box = form.get_by_role("combobox", name="区分")
            box.click()
            page.get_by_role("option", name="その他", exact=True).first.click(timeout=5000)
            form.get_by_role("button", name="保存").click()
            page.get_by_text("を保存しました").first.wait_for(timeout=120000)
            _settle(page)
            rendered["add (saved)"] = _rendered(page)
            shown["saved message"] = _shows(page, '[data-testid="stAlert"]', NEW_NAME)

            # the import page: a file whose name and one header are Markdown
            open_link(page, page.locator('[data-testid="stSidebarNavLink"]', has_text="取り込み"))
            csv = f"団体名,区分,{HEADER}\n{HOSTILE[0]},その他,x\n{HOSTILE[1]},???,y\n".encode()
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
                files=[{"name": FILE_NAME, "mimeType": "text/csv", "buffer": csv}]
            )
            page.get_by_text("文字コード").first.wait_for(timeout=120000)  # the preview's caption
            _settle(page, 4000)
            rendered["import (preview)"] = _rendered(page)
            shown["file heading"] = _shows(page, "h4", FILE_NAME)
            visited.append("import (preview)")
        finally:
            browser.close()
    print(
        f"\nmarkdown: visited {visited}; beacon hits {beacon}; beacon requests {requested}; "
        f"rendered {dict((k, v) for k, v in rendered.items() if v)}; shown {shown}"
    )
    assert len(visited) >= 10
    assert beacon == []
    assert requested == []
    assert {k: v for k, v in rendered.items() if v} == {}
    assert all(shown.values()), shown  # shown, as text
