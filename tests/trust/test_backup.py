"""Backups and restores through SQLite's backup API (network.store.sqlite.backup)."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from network.errors import StoreError
from network.model import Org
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore
from network.store.sqlite.backup import backup, check_store_file, restore
from tests.trust.conftest import small_network


def test_backup_is_one_consistent_file(store, tmp_path):
    store.write(small_network())
    counts = backup(store, tmp_path / "b.db")
    assert counts == {"orgs": 3, "ties": 2, "audit": 5}  # small_network: 3 orgs, 2 ties, 5 audit rows
    assert not (tmp_path / "b.db-wal").exists()
    conn = sqlite3.connect(tmp_path / "b.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with pytest.raises(StoreError, match="exists"):
        backup(store, tmp_path / "b.db")


def test_restore_keeps_a_copy_and_is_recorded(store, tmp_path):
    store.write(small_network())
    backup(store, tmp_path / "b.db")
    store.write(ChangeSet(orgs=[Org("late", "鶴見区まちづくりセンター", "intermediary")]))
    c = restore(tmp_path / "b.db", store, user="aoi")
    assert c["orgs"] == 3 and store.counts()["orgs"] == 3  # the open store sees the restored data
    copies = list(tmp_path.glob("renkei.db.before-restore-*.db"))
    assert len(copies) == 1 and check_store_file(copies[0])["orgs"] == 4
    e = store.audit(limit=1)[0]
    assert (e.action, e.entity, e.user) == ("restore", "store", "aoi")


def test_restore_refuses_non_stores(store, tmp_path):
    store.write(small_network())
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(StoreError):
        restore(bad, store)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (a)")
    conn.close()
    with pytest.raises(StoreError, match="not a Renkei store"):
        restore(other, store)
    with pytest.raises(StoreError, match="no such file"):
        restore(tmp_path / "missing.db", store)
    assert store.counts()["orgs"] == 3
    with pytest.raises(StoreError, match="Neo4j"):
        backup("neo4j://localhost:7687", tmp_path / "n.db")


def test_backup_while_writers_run_is_consistent(tmp_path):
    path = tmp_path / "renkei.db"
    SQLiteStore(path).close()
    stop = threading.Event()

    def writer():
        s = SQLiteStore(path)
        i = 0
        while not stop.is_set():
            # each write: one organisation + one audit row, in one transaction
            s.write(ChangeSet(orgs=[Org(f"o{i}", f"団体{i}", "npo")]))
            i += 1
        s.close()

    t = threading.Thread(target=writer)
    t.start()
    try:
        results = [backup(path, tmp_path / f"b{k}.db") for k in range(5)]
    finally:
        stop.set()
        t.join()
    for c in results:
        assert c["orgs"] == c["audit"]  # a snapshot never holds an organisation without its audit row
    assert results[-1]["orgs"] >= results[0]["orgs"]


# ------------------------------------------------------------------ issue 9: restore (items 2 and 13)
def test_restore_history_says_what_the_pre_restore_copy_holds(store, tmp_path):
    store.write(small_network())
    backup(store, tmp_path / "b.db")
    for i in range(4):
        store.write(ChangeSet(orgs=[Org(f"late{i}", f"後から{i}", "npo")]))
    live_revision, live_audit = store.revision(), store.counts()["audit"]
    restore(tmp_path / "b.db", store, user="aoi")
    done, begun = store.audit(limit=2)
    assert (begun.action, begun.after["state"]) == ("restore", "begun")
    assert (done.action, done.entity, done.user, done.after["state"]) == ("restore", "store", "aoi", "done")
    saved = done.before["saved_as"]
    assert check_store_file(saved)["orgs"] == 7  # the complete store as it was: 3 + 4
    # how many writes the pre-restore copy holds, in the history entry
    # (the "begun" entry, committed before the restore transaction, is one of them)
    assert done.before["revision"] == live_revision + 1 and done.before["audit_entries"] == live_audit + 1
    conn = sqlite3.connect(saved)
    assert conn.execute("SELECT MAX(id), COUNT(*) FROM audit").fetchone() == (live_revision + 1, live_audit + 1)
    conn.close()
    assert done.after["orgs"] == 3 and store.counts()["orgs"] == 3
    assert store.revision() > live_revision  # the app's caches see a new revision


def test_restore_holds_the_write_lock_and_copies_under_it(store, tmp_path):
    store.write(small_network())
    backup(store, tmp_path / "b.db")
    stages, probes = [], []

    def progress(stage: str) -> None:
        stages.append(stage)
        if stage in ("locked", "copied", "replaced"):
            other = sqlite3.connect(store.path, timeout=0)
            try:
                other.execute("BEGIN IMMEDIATE")
                probes.append((stage, "write allowed"))
                other.execute("ROLLBACK")
            except sqlite3.OperationalError as exc:
                probes.append((stage, str(exc)))
            finally:
                other.close()

    restore(tmp_path / "b.db", store, user="aoi", progress=progress)
    assert stages == ["begun", "locked", "copied", "replaced", "committed"]
    assert probes == [(s, "database is locked") for s in ("locked", "copied", "replaced")]
    other = sqlite3.connect(store.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # free again afterwards
    other.execute("ROLLBACK")
    other.close()


def test_restore_never_brings_back_the_backups_accounts(store, tmp_path):
    # a backup whose accounts tables hold other people: they are not restored
    store.write(small_network())
    conn = sqlite3.connect(store.path)
    conn.execute(
        "INSERT INTO users (name, role, password_hash, created_at, updated_at) "
        "VALUES ('ghost', 'admin', 'x', 'now', 'now')"
    )
    conn.commit()
    conn.close()
    backup(store, tmp_path / "b.db")
    conn = sqlite3.connect(store.path)
    conn.execute("DELETE FROM users")
    conn.commit()
    conn.close()
    restore(tmp_path / "b.db", store)
    conn = sqlite3.connect(store.path)
    assert conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0
    conn.close()


def test_restore_keeps_the_history_of_account_changes(store, tmp_path):
    from network.accounts import UserStore
    from tests.trust.conftest import FAST

    store.write(small_network())
    backup(store, tmp_path / "b.db")
    with UserStore(store, hasher=FAST) as users:
        users.add("boss", "battery staple 2", "admin", by="setup")
        users.add("sato", "correct horse 1", "editor", by="boss")
    restore(tmp_path / "b.db", store, user="boss")
    account_history = [(e.action, e.entity_id, e.user) for e in store.audit() if e.entity == "user"]
    assert account_history == [("create", "sato", "boss"), ("create", "boss", "setup")]
    assert store.counts()["orgs"] == 3
