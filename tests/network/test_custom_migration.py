"""A store written before custom fields existed opens, reads ``{}`` and takes custom fields (issue 12)."""

from __future__ import annotations

import sqlite3

from network.model import Org, Tie
from network.store.base import ChangeSet
from network.store.sqlite import MIGRATIONS, SQLiteStore


def test_store_before_custom_fields_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    before = MIGRATIONS.index(next(m for m in MIGRATIONS if "ADD COLUMN custom" in m))
    for m in MIGRATIONS[:before]:
        conn.executescript(m)
    conn.execute("INSERT INTO schema_version VALUES (?)", (before,))
    conn.execute(
        "INSERT INTO orgs (id, name, sector, created_at, updated_at) VALUES ('a', 'れんぷく', 'npo', 'x', 'x')"
    )
    conn.execute(
        "INSERT INTO orgs (id, name, sector, created_at, updated_at) VALUES ('b', '石巻市', 'government', 'x', 'x')"
    )
    conn.execute(
        "INSERT INTO ties (id, source, target, type, directed, strength, created_at, updated_at) "
        "VALUES ('t', 'a', 'b', 'collaboration', 0, 3, 'x', 'x')"
    )
    conn.commit()
    conn.close()
    with SQLiteStore(path) as s:
        assert s.get_org("a").custom == {} and s.get_tie("t").custom == {}
        assert s.load_graph().nodes["a"]["custom"] == {}
        r = s.write(
            ChangeSet(
                orgs=[Org("a", "れんぷく", "npo", created_at="x", custom={"担当者": "佐藤"})],
                ties=[Tie("t", "a", "b", custom={"窓口": "課"}, created_at="x")],
            )
        )
        assert r.updated == 2
        assert s.get_org("a").custom == {"担当者": "佐藤"} and s.get_tie("t").custom == {"窓口": "課"}


def test_undo_puts_custom_fields_back(tmp_path):
    with SQLiteStore(tmp_path / "u.db") as s:
        s.write(
            ChangeSet(
                orgs=[Org("a", "れんぷく", "npo", custom={"担当者": "佐藤"}), Org("b", "石巻市", "government")],
                ties=[Tie("t", "a", "b", custom={"窓口": "課"})],
            )
        )
        r = s.write(
            ChangeSet(
                orgs=[Org("a", "れんぷく", "npo", custom={"担当者": "鈴木", "電話": "1"})],
                ties=[Tie("t", "a", "b", custom={})],
            ),
            user="suzuki",
        )
        assert r.updated == 2
        assert s.undo(batch=r.batch, user="admin") == 2
        assert s.get_org("a").custom == {"担当者": "佐藤"} and s.get_tie("t").custom == {"窓口": "課"}
