"""The core type-checks: mypy, configured in pyproject.toml (``[tool.mypy]``), finds no error.

The checked files are ``[tool.mypy] files``: the model, the errors, the fiscal-year rules,
the store's contract, the accounts, the one vocabulary and the analysis.  Libraries without
types (scipy, igraph) are named one by one in the overrides; nothing is skipped wholesale.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = (
    "network/model.py",
    "network/errors.py",
    "network/fiscal.py",
    "network/store/base.py",
    "network/accounts.py",
    "network/labels",
    "network/analysis",
)


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]


def test_the_core_is_configured_without_blanket_ignores() -> None:
    config = _config()
    assert set(CORE) <= set(config["files"]), set(CORE) - set(config["files"])
    assert config.get("ignore_errors") is not True and config.get("ignore_missing_imports") is not True
    assert config["check_untyped_defs"] is True
    for override in config.get("overrides", []):
        assert "ignore_errors" not in override, override
        assert all(not m.startswith(("network", "ingest", "renkei")) for m in override["module"]), override


@pytest.mark.slow
def test_mypy_finds_no_error_in_the_core() -> None:
    pytest.importorskip("mypy")
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "Success: no issues found" in done.stdout
