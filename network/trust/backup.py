"""Back up and restore the embedded store with SQLite's online backup API.

:func:`backup` copies a consistent snapshot of the store file while the app
keeps running (readers and writers are not stopped: SQLite's backup API copies
the pages as of one transaction).  The copy is written to a temporary file
beside the target, checked with ``PRAGMA integrity_check``, switched to a single
self-contained file (no ``-wal``) and only then renamed into place, so a
half-written backup never carries the final name.

:func:`restore` checks that a file is a Renkei store (integrity, schema version
not newer than this Renkei), keeps a copy of the current store as
``<store>.before-restore-<time>.db`` (nothing is lost without a trace), then
copies the backup into the live store file through the same API — connections
already open see the restored data at their next read — and records the
restore in the audit log.

Examples
--------
>>> import tempfile, os
>>> from network.model import Org
>>> from network.store.base import ChangeSet
>>> from network.store.sqlite import SQLiteStore
>>> d = tempfile.mkdtemp()
>>> store = SQLiteStore(os.path.join(d, "renkei.db"))
>>> _ = store.write(ChangeSet(orgs=[Org("a", "れんぷく", "intermediary")]))
>>> backup(store.path, os.path.join(d, "b.db"))["orgs"]
1
>>> _ = store.write(ChangeSet(orgs=[Org("b", "石巻市", "government")]))
>>> restore(os.path.join(d, "b.db"), store.path, user="admin")["orgs"], store.counts()["orgs"]
(1, 1)
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from network.errors import StoreError

__all__ = ["backup", "restore", "check_store_file", "store_path"]


def store_path(store_or_url: object) -> str:
    """The SQLite file of a store, a ``sqlite:///`` URL or a path; ``StoreError`` for Neo4j."""
    from network.trust.users import users_db_path

    url = store_or_url if isinstance(store_or_url, str | os.PathLike) else getattr(store_or_url, "url", "")
    url = str(url)
    if "://" in url and not url.startswith("sqlite://"):
        raise StoreError("backup and restore work on the embedded SQLite store; for Neo4j use "
                         "`neo4j-admin database dump` / Neo4j は neo4j-admin をお使いください")
    path = users_db_path(url)
    if path == ":memory:":
        raise StoreError("an in-memory store cannot be backed up / メモリ上のストアはバックアップできません")
    return path


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    out = {}
    for name, sql in (("orgs", "SELECT COUNT(*) FROM orgs WHERE deleted = 0"), ("ties", "SELECT COUNT(*) FROM ties"),
                      ("audit", "SELECT COUNT(*) FROM audit")):
        out[name] = int(conn.execute(sql).fetchone()[0])
    return out


def check_store_file(path: str | os.PathLike) -> dict[str, int]:
    """Counts of a Renkei store file after checking it; ``StoreError`` when it is not a good one."""
    from network.store.sqlite import SCHEMA_VERSION

    p = Path(path)
    if not p.is_file():
        raise StoreError(f"{p}: no such file / ファイルがありません")
    try:
        conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                raise StoreError(f"{p}: damaged database ({ok}) / 破損しています")
            row = conn.execute("SELECT version FROM schema_version").fetchone()
            if row is None or row[0] > SCHEMA_VERSION:
                raise StoreError(f"{p}: schema {row and row[0]} is not one this Renkei knows ({SCHEMA_VERSION})")
            return _counts(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{p} is not a Renkei store: {exc} / Renkei のデータではありません") from exc


def _copy(src: str, dst: str, *, single_file: bool) -> None:
    s = sqlite3.connect(src, timeout=30.0)
    d = sqlite3.connect(dst, timeout=30.0)
    try:
        s.backup(d, pages=256, sleep=0.01)  # in steps, so writers are not held up for long
        if single_file:
            d.execute("PRAGMA journal_mode = DELETE")
    finally:
        d.close()
        s.close()


def backup(store: object, dest: str | os.PathLike, *, overwrite: bool = False) -> dict[str, int]:
    """Write a consistent snapshot of ``store`` (store, URL or path) to ``dest``; its counts.

    Safe while the app runs.  ``dest`` is refused when it exists, unless ``overwrite``.
    """
    src = store_path(store)
    if not Path(src).is_file():
        raise StoreError(f"{src}: no such store / ストアがありません")
    dest = Path(dest)
    if dest.exists() and not overwrite:
        raise StoreError(f"{dest} exists; choose another name or pass --overwrite / 既にあります")
    if not dest.parent.is_dir():
        raise StoreError(f"{dest.parent}: no such folder / フォルダがありません")
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        _copy(src, str(tmp), single_file=True)
        counts = check_store_file(tmp)
        os.replace(tmp, dest)
    except sqlite3.Error as exc:
        raise StoreError(f"backup of {src} failed: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return counts


def restore(src: str | os.PathLike, store: object, *, user: str = "system",
            keep_copy: bool = True) -> dict[str, int]:
    """Replace the content of ``store`` with the backup ``src``; the restored counts.

    The current content is first saved as ``<store>.before-restore-<UTC time>.db``
    (unless ``keep_copy=False``).  Migrations run afterwards when the backup is
    from an older Renkei.  The restore is recorded in the audit log.
    """
    from network.store.sqlite import SQLiteStore

    check_store_file(src)
    dst = store_path(store)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    saved = None
    if keep_copy and Path(dst).is_file():
        saved = f"{dst}.before-restore-{stamp}.db"
        backup(dst, saved, overwrite=True)
    try:
        _copy(str(src), dst, single_file=False)
    except sqlite3.Error as exc:
        raise StoreError(f"restore into {dst} failed: {exc}; the store is unchanged or "
                         f"saved as {saved}") from exc
    with SQLiteStore(dst) as s:  # runs any migration, then records the restore
        with s.transaction() as c:
            c.execute("INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
                      "VALUES (?,?,?,?,?,?,?,?)",
                      (datetime.now(UTC).isoformat(timespec="seconds"), user, "restore", "store",
                       Path(dst).name, json.dumps({"saved_as": saved}, ensure_ascii=False),
                       json.dumps({"from": str(src)}, ensure_ascii=False), f"restore-{stamp}"))
        counts = s.counts()
    return {"orgs": counts["orgs"], "ties": counts["ties"], "audit": counts["audit"]}
