"""One-line reasons for SQLite failures: disk full, read-only, missing, not a store, damaged, busy.

SQLite reports a full disk as ``SQLITE_FULL`` ("database or disk is full") while
writing a page, and as an I/O error when the file system refuses to grow the
``-wal`` or ``-shm`` file; both are told as "the disk is full".  A read-only file
or file system is ``SQLITE_READONLY`` (or ``SQLITE_CANTOPEN`` when the file does
not exist and cannot be created).

>>> import sqlite3
>>> e = sqlite3.OperationalError("database or disk is full")
>>> e.sqlite_errorname = "SQLITE_FULL"
>>> str(explain(e, "r.db", "write")).split(":")[0]
'the disk is full'
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from network.errors import StoreError

__all__ = ["explain", "disk_full"]

_LOW_SPACE = 1 << 20  # bytes free under which an I/O error is taken to be a full disk


def disk_full(path: str | os.PathLike) -> bool:
    """True when the file system holding ``path`` has (almost) no space left."""
    folder = Path(path).expanduser().resolve().parent
    try:
        return shutil.disk_usage(folder).free < _LOW_SPACE
    except OSError:
        return False


def explain(exc: BaseException, path: str | os.PathLike, doing: str = "write") -> StoreError:
    """A :class:`StoreError` with one line that says what went wrong with the store file ``path``."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    msg = str(exc)
    path = str(path)
    if (
        name == "SQLITE_FULL"
        or "disk is full" in msg
        or (name.startswith("SQLITE_IOERR") or "I/O error" in msg)
        and disk_full(path)
    ):
        return StoreError(
            f"the disk is full: cannot {doing} {path}; free some space and try again / ディスクの空きがありません"
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in msg or "read-only" in msg:
        return StoreError(f"{path} is read-only (file or file system): cannot {doing} it / 読み取り専用です")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in msg:
        p = Path(path)
        folder = p.expanduser().resolve().parent
        if not p.exists() and folder.is_dir() and not os.access(folder, os.W_OK):
            return StoreError(
                f"cannot create store {path}: its folder {folder} is read-only / "
                "フォルダが読み取り専用のため作成できません"
            )
        if p.exists() and not os.access(p, os.W_OK):
            return StoreError(f"{path} is read-only (file or file system): cannot {doing} it / 読み取り専用です")
        return StoreError(f"cannot open store {path}: {msg} / ストアを開けません")
    if name == "SQLITE_NOTADB" or "not a database" in msg:
        return StoreError(f"{path} is not a Renkei store (not a SQLite database) / Renkei のデータではありません")
    if name.startswith("SQLITE_CORRUPT") or "malformed" in msg:
        return StoreError(f"{path} is damaged ({msg}): restore a backup / 破損しています")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in msg:
        return StoreError(f"store {path} is busy; try again / 使用中です")
    return StoreError(f"cannot {doing} store {path}: {msg}")
