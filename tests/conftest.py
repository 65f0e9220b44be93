"""Fixtures shared by the browser tests (tests/ui, tests/trust)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ui.live_app import CHROMIUM


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium (never a downloaded browser); a failure, not a skip, under CI."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: .ci/run must apt-get install chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api")
    return CHROMIUM
