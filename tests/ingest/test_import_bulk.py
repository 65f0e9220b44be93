"""Large imports stay exact: counts on re-import, one audit row per record, limits for uploads only.

Sizes are a few thousand rows, over the store's batch size (500) and with a store that already
holds records, so every path of the bulk write (fresh table, mixed new/changed/equal rows) runs.
Expected values are hand counts of the rows the test writes.
"""

from __future__ import annotations

import csv

import pytest

from ingest import limits
from ingest.importer import import_files
from network.cli import main
from network.errors import ValidationError
from network.store.sqlite import SQLiteStore

N_ORGS, N_TIES = 1_200, 3_000


def _write(tmp_path, ties: list[tuple], name: str = "ties.csv"):
    orgs = tmp_path / "orgs.csv"
    with orgs.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "sector"])
        w.writerows((f"o{i:05d}", f"団体{i:05d}", "npo") for i in range(N_ORGS))
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type", "strength", "start", "project"])
        w.writerows(ties)
    return orgs, path


def _ties(n: int, strength: int = 3) -> list[tuple]:
    return [
        (f"o{i % N_ORGS:05d}", f"o{(i * 7 + 1) % N_ORGS:05d}", "funding", strength, "2020-04-01", f"p{i}")
        for i in range(n)
    ]


def _counts(report, kind: str) -> tuple[int, int, int]:
    c = report.counts[kind]
    return c.created, c.updated, c.unchanged


def test_reimport_counts_and_audit_rows_are_exact(tmp_path):
    store = SQLiteStore(tmp_path / "r.db")
    orgs, ties = _write(tmp_path, _ties(N_TIES))
    r = import_files(store, [orgs, ties])
    assert _counts(r, "orgs") == (N_ORGS, 0, 0) and _counts(r, "ties") == (N_TIES, 0, 0)
    assert store.counts()["audit"] == N_ORGS + N_TIES  # one audit row per record
    assert {e.action for e in store.audit(batch=r.batch)} == {"create"}

    again = import_files(store, [orgs, ties])
    assert _counts(again, "orgs") == (0, 0, N_ORGS) and _counts(again, "ties") == (0, 0, N_TIES)
    assert store.counts()["audit"] == N_ORGS + N_TIES  # nothing written, nothing audited

    # 1,000 rows changed (strength 3 → 5), 2,000 equal, 700 new
    rows = _ties(N_TIES)
    rows[:1000] = [r[:3] + (5,) + r[4:] for r in rows[:1000]]
    rows += [(f"o{i:05d}", f"o{(i + 2) % N_ORGS:05d}", "support", 2, "2021-04-01", "new") for i in range(700)]
    (tmp_path / "v2").mkdir()
    _, ties2 = _write(tmp_path / "v2", rows)  # the same file name: source_file is part of a tie
    third = import_files(store, [orgs, ties2])
    assert _counts(third, "ties") == (700, 1000, 2000)
    entries = store.audit(batch=third.batch)
    assert len(entries) == 1700 and sum(e.action == "update" for e in entries) == 1000
    upd = next(e for e in entries if e.action == "update")
    assert (upd.before["strength"], upd.after["strength"]) == (3, 5)
    assert set(upd.before) == set(upd.after) and "created_at" not in upd.after
    new = next(e for e in entries if e.action == "create")
    assert new.before is None and store.get_tie(new.entity_id).to_dict().items() >= new.after.items()
    assert store.counts()["ties"] == N_TIES + 700
    assert store.counts()["audit"] == N_ORGS + N_TIES + 1700
    store.close()


def test_rows_over_the_limit_refused_for_uploads_kept_for_files(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(limits, "MAX_ROWS", 1000)
    orgs, ties = _write(tmp_path, _ties(N_TIES))
    store = SQLiteStore(tmp_path / "up.db")
    with pytest.raises(ValidationError) as exc:  # a web upload: (name, bytes)
        import_files(store, [("orgs.csv", orgs.read_bytes()), ("ties.csv", ties.read_bytes())])
    assert {e.code for e in exc.value.report.errors} == {"table_too_large"}
    store.close()
    db = tmp_path / "cli.db"
    assert main(["--store", str(db), "import", str(orgs), str(ties)]) == 0  # the command line: any length
    with SQLiteStore(db) as s:
        assert (s.counts()["orgs"], s.counts()["ties"]) == (N_ORGS, N_TIES)


def test_a_bulk_write_leaves_every_index_as_the_schema_has_it(tmp_path):
    # a write that doubles a table drops its plain indexes and builds them again before committing
    store = SQLiteStore(tmp_path / "i.db")

    def indexes() -> list[tuple]:
        return (
            store._conn()
            .execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
            .fetchall()
        )

    before = [tuple(r) for r in indexes()]
    orgs, ties = _write(tmp_path, _ties(6_000))
    import_files(store, [orgs, ties])
    assert [tuple(r) for r in indexes()] == before
    assert store._conn().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    plan = store._conn().execute("EXPLAIN QUERY PLAN SELECT * FROM ties WHERE source = 'o00001'").fetchall()
    assert "ties_source" in " ".join(str(tuple(r)) for r in plan)
    store.close()
