"""Run the real app on a free local port and drive Debian's Chromium (used by the browser
test and by ``bench/bench_map.py``).  Nothing here leaves 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "ROOT",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "free_port",
    "serve",
    "launch",
    "map_frame",
    "idle",
    "open_link",
    "is_local",
]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("RENKEI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-pings",
    "--disable-dev-shm-usage",
]
LOCAL_PREFIXES = (
    "http://127.0.0.1",
    "ws://127.0.0.1",
    "http://localhost",
    "ws://localhost",
    "about:",
    "data:",
    "blob:",
)


def miyagi_store(path: Path, orgs: list, ties: list, *, user: str = "test") -> Path:
    """A store at ``path`` holding the Miyagi sample plus ``orgs``/``ties``; ``"FIRST"`` as a tie's
    target stands for the sample's first organisation."""
    from ingest.importer import import_files
    from network.store import ChangeSet, open_store

    store = open_store(str(path))
    sample = ROOT / "data" / "miyagi"
    import_files(store, [sample / "orgs.csv", sample / "ties.csv"])
    first = store.orgs()[0].id
    for t in ties:
        if t.target == "FIRST":
            t.target = first
    store.write(ChangeSet(orgs=orgs, ties=ties), user=user)
    store.close()
    return path


def is_local(url: str) -> bool:
    """True for a request that stays on this machine."""
    return url.startswith(LOCAL_PREFIXES)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(store: str | Path, *, timeout: float = 60.0) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free port with ``RENKEI_STORE=store``; yield its base URL."""
    port = free_port()
    env = {**os.environ, "RENKEI_STORE": str(store)}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    log = open(Path(store).with_suffix(".server.log"), "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: see {log.name}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def launch(playwright):  # type: ignore[no-untyped-def]
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def idle(page, *, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until the script run is over (Streamlit's running indicator gone), twice in a row."""
    for _ in range(2):
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout * 1000
        )
        page.wait_for_timeout(300)


def open_link(page, link, *, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    """Click ``link`` (a sidebar link's locator) and wait until the page it opens has drawn its title (a new
    ``h1``) and finished its run (:func:`idle`); a link to the page already open is only waited on."""
    from urllib.parse import urlparse

    href = link.get_attribute("href") or ""
    here = urlparse(page.url).path.rstrip("/")
    if urlparse(href).path.rstrip("/") == here:
        idle(page, timeout=timeout)
        return
    before = page.evaluate("() => (document.querySelector('h1') || {}).textContent || ''")
    link.click()
    page.wait_for_function(
        "(b) => { const h = document.querySelector('h1'); return !!h && h.textContent !== b; }",
        arg=before,
        timeout=timeout * 1000,
    )
    idle(page, timeout=timeout)


def map_frame(page, *, timeout: float = 60.0):  # type: ignore[no-untyped-def]
    """The frame holding a drawn Renkei map (``window.renkeiDrawn`` set), waiting for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => window.renkeiDrawn !== undefined && !!window.network"):
                    return frame
            except Exception:  # noqa: BLE001 - a frame navigating away
                continue
        page.wait_for_timeout(50)
    raise TimeoutError("no drawn map")
