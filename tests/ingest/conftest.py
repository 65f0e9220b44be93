"""Fixtures for the ingest tests: a real SQLite store file and small file writers."""

from __future__ import annotations

from pathlib import Path

import pytest

from network.store.sqlite import SQLiteStore


@pytest.fixture
def store(tmp_path: Path):
    """A fresh SQLite store in a file (the real embedded store, not a fake)."""
    s = SQLiteStore(tmp_path / "renkei.db")
    yield s
    s.close()


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` as bytes in ``encoding`` (``utf-8-sig`` adds the BOM)."""
    path.write_bytes(text.encode(encoding))
    return path
