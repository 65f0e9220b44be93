"""The SQLite store: the shared contract on a real file, plus what is SQLite's own."""

from __future__ import annotations

import sqlite3

import pytest

from network.errors import ConflictError, StoreError
from network.model import Org
from network.store import open_store
from network.store.base import ChangeSet
from network.store.sqlite import MIGRATIONS, SCHEMA_VERSION, SQLiteStore
from tests.network.store_contract import StoreContract, sample_changes


class TestSQLiteStore(StoreContract):
    @pytest.fixture
    def store(self, tmp_path):
        s = SQLiteStore(tmp_path / "renkei.db")
        yield s
        s.close()


def test_file_settings(tmp_path):
    s = SQLiteStore(tmp_path / "r.db")
    conn = s._conn()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert s.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
    s.close()


def test_data_survives_reopen(tmp_path):
    path = tmp_path / "r.db"
    with SQLiteStore(path) as s:
        s.write(sample_changes(), user="tanaka")
    with SQLiteStore(path) as s:
        assert s.get_org("a").name == "みやぎ連携復興センター"
        assert s.load_graph().number_of_edges() == 4
        assert s.schema_version() == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "r.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="schema 99"):
        SQLiteStore(path)


def test_duplicate_corporate_number_conflicts(tmp_path):
    s = SQLiteStore(tmp_path / "r.db")
    s.write(ChangeSet(orgs=[Org("x", "株式会社甲", "company", corporate_number="1234567890123")]))
    with pytest.raises(ConflictError):
        s.write(ChangeSet(orgs=[Org("y", "株式会社乙", "company", corporate_number="1234567890123")]))
    assert [o.id for o in s.orgs()] == ["x"]


def test_open_store_urls(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert open_store("sqlite:///a.db").path == "a.db"
    # SQLAlchemy's convention: three slashes then a relative path, four for an absolute one
    assert open_store("sqlite:///" + str(tmp_path / "b.db")).path == str(tmp_path / "b.db")
    assert open_store(str(tmp_path / "c.db")).path == str(tmp_path / "c.db")
    monkeypatch.setenv("RENKEI_STORE", str(tmp_path / "env.db"))
    assert open_store().path == str(tmp_path / "env.db")
    with pytest.raises(StoreError, match="unknown store URL"):
        open_store("ftp://x")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "such" / "dir.db"))


def test_two_connections_see_each_others_writes(tmp_path):
    path = tmp_path / "r.db"
    s1, s2 = SQLiteStore(path), SQLiteStore(path)
    s1.write(sample_changes())
    assert s2.counts()["orgs"] == 4 and s2.revision() == s1.revision()
    s1.close()
    s2.close()


def test_create_audit_json_built_by_sqlite_equals_the_record(tmp_path):
    # the create rows' JSON comes from SQLite's json_object (sqlite.py _AFTER_JSON); it must hold
    # exactly what the record holds, types included (lists, bools, None, ints, floats)
    s = SQLiteStore(tmp_path / "r.db")
    cs = sample_changes()
    s.write(cs)
    for rec in [*cs.orgs, *cs.ties]:
        expected = {k: v for k, v in rec.to_dict().items() if k not in ("created_at", "updated_at")}
        (entry,) = s.audit(entity_id=rec.id)
        assert entry.action == "create" and entry.before is None
        assert entry.after == expected
    s.close()
