"""Back up and restore the embedded store.

:func:`backup` copies a consistent snapshot of the store file with SQLite's
online backup API while the app keeps running (it copies the pages as of one
transaction).  The copy is written to ``FILE.partial``, checked with ``PRAGMA
integrity_check``, switched to one self-contained file (no ``-wal``) and only
then renamed into place; a failed backup (a full disk, say) removes
``FILE.partial`` and its ``-journal``/``-wal``/``-shm`` files.

:func:`restore` works like ``pg_restore --clean --single-transaction``: it
replaces the data of the live store with the backup's in **one write
transaction** of the live store, so

- writers wait for it (``BEGIN IMMEDIATE`` holds SQLite's write lock for the
  whole restore; readers go on reading the old data until it commits);
- the pre-restore copy (``<store>.before-restore-<UTC time>.db``) is taken
  inside that transaction, so it holds every write acknowledged before the
  restore — nothing acknowledged is in neither copy;
- killed at any instant, SQLite's journal leaves the old store or the new one,
  never a mix; a ``restore``/``begun`` history entry is committed first, and a
  ``restore``/``done`` entry in the same transaction as the data, so the history
  says which (``begun`` without ``done``: the store is the one from before);
- accounts (``users``, ``login_attempts``) are left as they are: neither the
  backup's accounts nor its lack of accounts come back.  The history of account
  changes since the backup is carried over into the restored history.

A backup from an older Renkei is first migrated (in a private copy) to this
Renkei's schema.

Examples
--------
>>> import tempfile, os
>>> from network.model import Org
>>> from network.store.base import ChangeSet
>>> from network.store.sqlite import SQLiteStore
>>> d = tempfile.mkdtemp()
>>> store = SQLiteStore(os.path.join(d, "renkei.db"))
>>> _ = store.write(ChangeSet(orgs=[Org("a", "れんぷく", "intermediary")]))
>>> backup(store.path, os.path.join(d, "b#1.db"))["orgs"]
1
>>> _ = store.write(ChangeSet(orgs=[Org("b", "石巻市", "government")]))
>>> restore(os.path.join(d, "b#1.db"), store.path, user="admin")["orgs"], store.counts()["orgs"]
(1, 1)
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from network.errors import StoreError
from network.store import is_neo4j_url, sqlite_path
from network.store.sqlite.errors import explain

__all__ = ["backup", "restore", "check_store_file", "store_path", "KEPT_TABLES"]

#: Tables a restore leaves as they are (accounts belong to the deployment, not to a backup).
KEPT_TABLES = ("users", "login_attempts")
_NOT_DATA = ("schema_version", "sqlite_sequence")
_SIDECARS = ("", "-journal", "-wal", "-shm")
_LOCK_TIMEOUT = 60.0  # seconds the restore waits for a running write to finish


def store_path(store_or_url: object) -> str:
    """The SQLite file of a store, a ``sqlite:///`` URL or a path; ``StoreError`` for Neo4j."""
    if isinstance(store_or_url, str | os.PathLike):
        url = os.fspath(store_or_url)
    else:
        url = getattr(store_or_url, "path", None) or getattr(store_or_url, "url", "")
    if is_neo4j_url(url):
        raise StoreError(
            "backup and restore work on the embedded SQLite store; for Neo4j use "
            "`neo4j-admin database dump` / Neo4j は neo4j-admin をお使いください"
        )
    path = sqlite_path(url)
    if path == ":memory:":
        raise StoreError("an in-memory store cannot be backed up / メモリ上のストアはバックアップできません")
    return path


def _uri(path: str | os.PathLike, mode: str = "ro") -> str:
    """A ``file:`` URI for ``path``: ``#``, ``?`` and ``%`` in a file name stay part of the name."""
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _counts(conn: sqlite3.Connection, schema: str = "main") -> dict[str, int]:
    q = {
        "orgs": f"SELECT COUNT(*) FROM {schema}.orgs WHERE deleted = 0",
        "ties": f"SELECT COUNT(*) FROM {schema}.ties",
        "audit": f"SELECT COUNT(*) FROM {schema}.audit",
    }
    return {k: int(conn.execute(sql).fetchone()[0]) for k, sql in q.items()}


def check_store_file(path: str | os.PathLike) -> dict[str, int]:
    """Counts of a Renkei store file after checking it; ``StoreError`` when it is not a good one."""
    from network.store.sqlite import SCHEMA_VERSION

    p = Path(path)
    if not p.is_file():
        raise StoreError(f"{p}: no such file / ファイルがありません")
    try:
        conn = sqlite3.connect(_uri(p), uri=True)
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


def _remove(path: str | os.PathLike) -> None:
    for suffix in _SIDECARS:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _copy_from(source: sqlite3.Connection, dst: str | os.PathLike) -> None:
    """Copy ``source`` into the new file ``dst`` (one self-contained file, no ``-wal``)."""
    d = sqlite3.connect(dst, timeout=30.0)
    try:
        source.backup(d)
        d.execute("PRAGMA journal_mode = DELETE")
    finally:
        d.close()


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
    _remove(tmp)
    try:
        s = sqlite3.connect(src, timeout=30.0)
        try:
            _copy_from(s, tmp)
        finally:
            s.close()
        counts = check_store_file(tmp)
        os.replace(tmp, dest)
    except sqlite3.Error as exc:
        raise explain(exc, tmp, "write the backup") from exc
    finally:
        _remove(tmp)
    return counts


def _audit(
    conn: sqlite3.Connection, user: str, state: str, target: str, batch: str, before: dict | None, after: dict
) -> int:
    cur = conn.execute(
        "INSERT INTO main.audit (at, user, action, entity, entity_id, before, after, batch) VALUES (?,?,?,?,?,?,?,?)",
        (
            _now(),
            user,
            "restore",
            "store",
            target,
            json.dumps(before, ensure_ascii=False) if before else None,
            json.dumps(dict(after, state=state), ensure_ascii=False),
            batch,
        ),
    )
    return int(cur.lastrowid)


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA {schema}.table_info("{table}")')]


def _replace_data(conn: sqlite3.Connection) -> None:
    """Inside the restore transaction: every data table of ``main`` gets the rows of ``b``."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    conn.execute("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT, as the data stands then
    for t in tables:
        if t in KEPT_TABLES or t in _NOT_DATA:
            continue
        conn.execute(f'DELETE FROM main."{t}"')
        theirs = set(_columns(conn, "b", t))
        cols = ",".join(f'"{c}"' for c in _columns(conn, "main", t) if c in theirs)
        if cols:
            conn.execute(f'INSERT INTO main."{t}" ({cols}) SELECT {cols} FROM b."{t}"')


def restore(
    src: str | os.PathLike,
    store: object,
    *,
    user: str = "system",
    keep_copy: bool = True,
    progress: Callable[[str], object] | None = None,
) -> dict[str, int]:
    """Replace the data of ``store`` with the backup ``src``, in one transaction; the restored counts.

    ``progress(stage)`` is called after each stage: ``begun`` (history entry
    committed), ``locked`` (writers wait from here), ``copied`` (pre-restore copy
    written), ``replaced`` (data replaced, not yet committed), ``committed``.
    """
    from network.store.sqlite import SQLiteStore

    say = progress or (lambda stage: None)
    check_store_file(src)
    dst = store_path(store)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    batch, target = f"restore-{stamp}", Path(dst).name
    work = f"{dst}.restore-{stamp}.partial"
    saved = f"{dst}.before-restore-{stamp}.db" if keep_copy else None
    conn = None
    try:
        # the backup, migrated to this Renkei's schema in a private copy
        s = sqlite3.connect(_uri(src), uri=True)
        try:
            _copy_from(s, work)
        finally:
            s.close()
        SQLiteStore(work).close()
        with SQLiteStore(dst) as live, live.transaction() as c:
            begun_id = _audit(
                c,
                user,
                "begun",
                target,
                batch,
                None,
                {
                    "from": str(src),
                    "saved_as": saved,
                    "note": "not finished unless a 'done' entry follows: the store is then the one from before",
                },
            )
        say("begun")
        conn = sqlite3.connect(_uri(dst, "rw"), uri=True, timeout=_LOCK_TIMEOUT, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("ATTACH DATABASE ? AS b", (_uri(work),))
        conn.execute("BEGIN IMMEDIATE")  # writers wait from here until COMMIT
        say("locked")
        revision, entries = conn.execute("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM main.audit").fetchone()
        before = {"saved_as": saved, "revision": revision, "audit_entries": entries, **_counts(conn)}
        if saved:
            # a second connection reads the store as it stands: with the write lock held here, that is
            # every write ever acknowledged (SQLite refuses a backup from the connection that writes)
            _remove(f"{saved}.partial")
            reader = sqlite3.connect(_uri(dst), uri=True, timeout=_LOCK_TIMEOUT)
            try:
                _copy_from(reader, f"{saved}.partial")
            finally:
                reader.close()
            os.replace(f"{saved}.partial", saved)
        say("copied")
        kept = conn.execute(
            "SELECT at, user, action, entity, entity_id, before, after, batch FROM main.audit "
            "WHERE entity = 'user' OR id = ? ORDER BY id",
            (begun_id,),
        ).fetchall()
        _replace_data(conn)
        theirs = set(
            conn.execute(
                "SELECT at, user, action, entity, entity_id, before, after, batch FROM main.audit WHERE entity = 'user'"
            ).fetchall()
        )
        conn.executemany(
            "INSERT INTO main.audit (at, user, action, entity, entity_id, before, after, batch) "
            "VALUES (?,?,?,?,?,?,?,?)",
            [r for r in kept if r not in theirs],
        )
        restored = _counts(conn)
        _audit(conn, user, "done", target, batch, before, {"from": str(src), **restored})
        say("replaced")
        conn.execute("COMMIT")
        say("committed")
    except sqlite3.Error as exc:
        if conn is not None and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise explain(exc, dst, "restore into") from exc
    finally:
        if conn is not None:
            conn.close()
        _remove(work)
        if saved:
            _remove(f"{saved}.partial")
    return {"orgs": restored["orgs"], "ties": restored["ties"], "audit": restored["audit"]}
