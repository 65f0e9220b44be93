"""Writes of the SQLite store: upserts by id, soft delete, ended ties, each with its audit rows.

:class:`Writes` is the half of :class:`network.store.sqlite.store.SQLiteStore` that changes data (the
other half reads, migrates and undoes).  Every method is one ``BEGIN IMMEDIATE`` transaction of the
store (:meth:`SQLiteStore.transaction`): rolled back whole on any error, with one audit row per
changed record (who, when, action, before/after as JSON).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from contextlib import suppress

from network.errors import ConflictError, NotFound
from network.model import Activity, Org, Participation, Tie
from network.store.base import ChangeSet, WriteResult, chunks
from network.store.sqlite.codec import (
    AFTER_JSON,
    BATCH,
    CONTENT_SKIP,
    DIRECTED,
    ENC,
    ORG_COLS,
    TIE_COLS,
    content,
    conv_dict,
    dump,
    now_utc,
    org_from_row,
    org_row,
    quote,
    tie_from_row,
    tie_row,
)
from network.store.sqlite.errors import explain

__all__ = ["Writes"]

#: A write of more records than this is a bulk write (a bigger page cache for its transaction).
BULK = 5_000
#: Page cache of a bulk write's transaction, and the store's usual one (KiB, negative).
BULK_CACHE, STORE_CACHE = -262_144, -65_536


def _set_aside(c: sqlite3.Connection, changes: ChangeSet) -> list[str]:
    """Drop the plain (non-unique) indexes of a table this write at least doubles (orgs, ties, audit).

    Returns the statements that build them again (their own SQL, as the schema holds it); the
    caller runs them before the transaction commits, so no reader ever sees the store without
    them.  Unique indexes stay: they refuse a bad row as it is written.
    """
    adding = {"orgs": len(changes.orgs), "ties": len(changes.ties), "audit": len(changes)}
    sql = []
    for table, n in adding.items():
        held = c.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {table}").fetchone()[0]
        if n < max(held, BULK):
            continue
        for name, create in c.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
            (table,),
        ).fetchall():
            c.execute(f"DROP INDEX {quote(name)}")
            sql.append(create)
    return sql


def _stamped(row: tuple, ci: int, ui: int, now: str) -> tuple:
    """``row`` of a new record: updated now, created now unless it says when."""
    row = list(row)
    row[ui] = now
    row[ci] = row[ci] or now
    return tuple(row)


class Writes:
    """Create, update, end, delete and restore records (mixed into ``SQLiteStore``)."""

    def write(
        self,
        changes: ChangeSet,
        *,
        user: str = "system",
        batch: str | None = None,
        progress: Callable[[int, int], object] | None = None,
    ) -> WriteResult:
        """Create or update every record of ``changes`` in one transaction.

        Records equal to what is stored (ignoring timestamps) are counted as
        ``unchanged`` and not rewritten, so importing the same file twice
        changes nothing.  ``progress(done, total)`` is called after each batch;
        if it raises, the whole write is rolled back.
        """
        result = WriteResult(batch=batch or uuid.uuid4().hex[:12])
        total = len(changes)
        done = 0
        now = now_utc()
        audit: list[tuple] = []

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        try:
            with self.transaction() as c:
                big = len(changes.orgs) + len(changes.ties) > BULK
                if big:  # a bulk write: a page cache for this transaction's indexes (reset below)
                    c.execute(f"PRAGMA cache_size = {BULK_CACHE}")
                rebuild = _set_aside(c, changes) if big else []
                try:
                    self._upsert(
                        c, "orgs", "org", ORG_COLS, changes.orgs, org_row, org_from_row, now, user, result, audit, tick
                    )
                    for part in chunks(changes.activities, BATCH):
                        self._upsert_activities(c, part, user, now, result, audit)
                        tick(len(part))
                    self._upsert(
                        c, "ties", "tie", TIE_COLS, changes.ties, tie_row, tie_from_row, now, user, result, audit, tick
                    )
                    for part in chunks(changes.participations, BATCH):
                        self._insert_participations(c, part, user, now, result, audit)
                        tick(len(part))
                    c.executemany(
                        "INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [a + (result.batch,) for a in audit],
                    )
                    for sql in rebuild:  # one sort per index instead of a million random inserts
                        c.execute(sql)
                finally:
                    if big:
                        with suppress(sqlite3.Error):  # never hide why a write failed
                            c.execute(f"PRAGMA cache_size = {STORE_CACHE}")
        except sqlite3.IntegrityError as exc:
            raise ConflictError(f"write rejected by the store: {exc}") from exc
        except sqlite3.Error as exc:
            raise explain(exc, self.path, "write") from exc
        return result

    def _upsert(
        self,
        c,
        table,
        entity,
        cols,
        records,
        to_row,
        from_row,
        now,
        user,
        result,
        audit,  # noqa: ANN001
        tick,
    ):
        """Insert new records, update changed ones, skip equal ones; audit rows for each change.

        Works on row tuples in column order (the encoded form).  Stored rows are looked up
        ``BATCH`` ids at a time, and only when the table held rows before this write.  The new
        rows' audit rows are written by one ``INSERT … SELECT`` over the rowids above the
        table's largest before the write (a new row's rowid is always larger: no AUTOINCREMENT
        gaps are reused below the maximum), their JSON built by SQLite.
        """
        if not records:
            return
        qcols = ",".join(quote(col) for col in cols)
        top = c.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0]
        ci, ui = cols.index("created_at"), cols.index("updated_at")
        keep = [i for i, col in enumerate(cols) if col not in CONTENT_SKIP]
        insert_sql = f"INSERT INTO {table} ({qcols}) VALUES ({','.join('?' * len(cols))})"
        created = 0
        for part in chunks(records, BATCH):  # one progress tick each
            rows = [to_row(rec) for rec in part]
            if top is None:  # the table was empty when this write began: every row is new
                inserts = [_stamped(row, ci, ui, now) for row in rows]
            else:
                inserts = self._changed(
                    c, table, entity, cols, qcols, part, rows, from_row, keep, ci, ui, now, user, result, audit
                )
            if inserts:
                c.executemany(insert_sql, inserts)
                created += len(inserts)
            tick(len(part))
        result.created += created
        if created:
            c.execute(
                f"INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
                f"SELECT ?, ?, 'create', ?, id, NULL, {AFTER_JSON[table]}, ? FROM {table} "
                f"WHERE rowid > ? ORDER BY rowid",
                [now, user, entity, result.batch, top or 0],
            )

    def _changed(
        self,
        c,
        table,
        entity,
        cols,
        qcols,
        records,
        rows,
        from_row,
        keep,
        ci,
        ui,  # noqa: ANN001
        now,
        user,
        result,
        audit,
    ) -> list[tuple]:
        """Rows of ``records`` to insert; changed ones updated here with their audit rows."""
        existing = {}
        for ids in chunks([row[0] for row in rows], BATCH):
            marks = ",".join("?" * len(ids))
            existing.update(
                (r[0], tuple(r)) for r in c.execute(f"SELECT {qcols} FROM {table} WHERE id IN ({marks})", ids)
            )
        inserts, updates = [], []
        for rec, row in zip(records, rows, strict=True):
            old = existing.get(row[0])
            if old is None:
                inserts.append(_stamped(row, ci, ui, now))
                continue
            if all(row[i] == old[i] for i in keep):
                result.unchanged += 1
                continue
            row = list(row)
            row[ui], row[ci] = now, old[ci]
            after_d = {cols[i]: row[i] for i in keep}
            if entity == "org":
                after_d["aliases"], after_d["tags"] = rec.aliases, rec.tags
            else:
                after_d["directed"] = bool(row[DIRECTED])
            after_d["custom"] = dict(rec.custom or {})
            updates.append(row[1:] + row[:1])
            before = dump(content(from_row(dict(zip(cols, old))).to_dict()))
            audit.append((now, user, "update", entity, row[0], before, ENC(after_d)))
            result.updated += 1
        if updates:
            sets = ",".join(f"{quote(col)} = ?" for col in cols if col != "id")
            c.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", updates)
        return inserts

    def _upsert_activities(self, c, records: list[Activity], user, now, result, audit):  # noqa: ANN001
        for a in records:
            row = c.execute("SELECT * FROM activities WHERE id = ?", (a.id,)).fetchone()
            new = a.to_dict()
            if row is None:
                c.execute(
                    'INSERT INTO activities (id, name, kind, start, "end", note) VALUES (?,?,?,?,?,?)',
                    (a.id, a.name, a.kind, a.start, a.end, a.note),
                )
                audit.append((now, user, "create", "activity", a.id, None, dump(new)))
                result.created += 1
            elif dict(row) != new:
                c.execute(
                    'UPDATE activities SET name=?, kind=?, start=?, "end"=?, note=? WHERE id=?',
                    (a.name, a.kind, a.start, a.end, a.note, a.id),
                )
                audit.append((now, user, "update", "activity", a.id, dump(dict(row)), dump(new)))
                result.updated += 1
            else:
                result.unchanged += 1

    def _insert_participations(self, c, records: list[Participation], user, now, result, audit):  # noqa: ANN001
        for p in records:
            cur = c.execute(
                "INSERT OR IGNORE INTO participations (org, activity, role, date) VALUES (?,?,?,?)",
                (p.org, p.activity, p.role, p.date or ""),
            )
            if cur.rowcount:
                audit.append((now, user, "create", "participation", f"{p.org}@{p.activity}", None, dump(p.to_dict())))
                result.created += 1
            else:
                result.unchanged += 1

    def _set(self, entity: str, key: str, action: str, user: str, mutate: Callable[[dict], None]) -> dict:
        table = "orgs" if entity == "org" else "ties"
        conv = org_from_row if entity == "org" else tie_from_row
        torow = org_row if entity == "org" else tie_row
        cols = ORG_COLS if entity == "org" else TIE_COLS
        now = now_utc()
        try:
            with self.transaction() as c:
                row = c.execute(f"SELECT * FROM {table} WHERE id = ?", (key,)).fetchone()
                if row is None:
                    raise NotFound(f"no {entity} with id {key!r}")
                before = conv(row).to_dict()
                before_deleted = bool(row["deleted"]) if entity == "org" else False
                after = dict(before)
                mutate(after)
                deleted = after.pop("deleted", before_deleted)
                after["updated_at"] = now
                values = torow(conv_dict(entity, after))
                sets = ",".join(f"{quote(col)} = ?" for col in cols if col != "id")
                c.execute(f"UPDATE {table} SET {sets} WHERE id = ?", values[1:] + (key,))
                if entity == "org":
                    c.execute("UPDATE orgs SET deleted = ? WHERE id = ?", (int(deleted), key))
                b = content(before) | ({"deleted": before_deleted} if entity == "org" else {})
                a = content(after) | ({"deleted": deleted} if entity == "org" else {})
                c.execute(
                    "INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    (now, user, action, entity, key, dump(b), dump(a), uuid.uuid4().hex[:12]),
                )
        except sqlite3.IntegrityError as exc:
            raise ConflictError(f"{action} of {entity} {key} rejected: {exc}") from exc
        return after

    def end_tie(self, tie_id: str, end: str, *, user: str = "system") -> Tie:
        """Set the end date of a tie (ties are ended, never deleted)."""
        return Tie(**self._set("tie", tie_id, "end", user, lambda d: d.update(end=end)))

    def delete_org(self, org_id: str, *, user: str = "system") -> Org:
        """Hide an organisation and its ties; recorded and restorable."""
        return Org(**self._set("org", org_id, "delete", user, lambda d: d.update(deleted=True)))

    def restore_org(self, org_id: str, *, user: str = "system") -> Org:
        """Bring back a deleted organisation."""
        return Org(**self._set("org", org_id, "restore", user, lambda d: d.update(deleted=False)))
