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


class Writes:
    """Create, update, end, delete and restore records (mixed into ``SQLiteStore``)."""

    def write(self, changes: ChangeSet, *, user: str = "system", batch: str | None = None,
              progress: Callable[[int, int], object] | None = None) -> WriteResult:
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
                fresh = {t: c.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() is None for t in ("orgs", "ties")}
                for part in chunks(changes.orgs, BATCH):
                    self._upsert(c, "orgs", "org", ORG_COLS, part, org_row, org_from_row,
                                 now, user, result, audit, fresh["orgs"])
                    tick(len(part))
                for part in chunks(changes.activities, BATCH):
                    self._upsert_activities(c, part, user, now, result, audit)
                    tick(len(part))
                for part in chunks(changes.ties, BATCH):
                    self._upsert(c, "ties", "tie", TIE_COLS, part, tie_row, tie_from_row,
                                 now, user, result, audit, fresh["ties"])
                    tick(len(part))
                for part in chunks(changes.participations, BATCH):
                    self._insert_participations(c, part, user, now, result, audit)
                    tick(len(part))
                c.executemany(
                    "INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [a + (result.batch,) for a in audit],
                )
        except sqlite3.IntegrityError as exc:
            raise ConflictError(f"write rejected by the store: {exc}") from exc
        except sqlite3.Error as exc:
            raise explain(exc, self.path, "write") from exc
        return result

    def _upsert(self, c, table, entity, cols, records, to_row, from_row, now, user, result, audit,  # noqa: ANN001
                fresh=False):
        """Insert new records, update changed ones, skip equal ones; queue audit rows.

        Works on row tuples in column order (the encoded form) so that the hot
        path builds no intermediate records.
        """
        qcols = ",".join(quote(col) for col in cols)
        ids = [r.id for r in records]
        marks = ",".join("?" * len(ids))
        existing = {}
        if not fresh:  # into a table empty when this write began, nothing can exist yet
            existing = {row[0]: tuple(row)
                        for row in c.execute(f"SELECT {qcols} FROM {table} WHERE id IN ({marks})", ids)}
        ci, ui = cols.index("created_at"), cols.index("updated_at")
        keep = [i for i, col in enumerate(cols) if col not in CONTENT_SKIP]
        inserts, updates = [], []
        for rec in records:
            row = list(to_row(rec))
            old = existing.get(row[0])
            if old is not None and all(row[i] == old[i] for i in keep):
                result.unchanged += 1
                continue
            row[ui] = now
            if old is None:
                row[ci] = row[ci] or now
                inserts.append(row)
                result.created += 1
            else:
                after_d = {cols[i]: row[i] for i in keep}
                if entity == "org":
                    after_d["aliases"], after_d["tags"] = rec.aliases, rec.tags
                else:
                    after_d["directed"] = bool(row[DIRECTED])
                after_d["custom"] = dict(rec.custom or {})
                after = ENC(after_d)
                row[ci] = old[ci]
                updates.append(row[1:] + row[:1])
                before = dump(content(from_row(dict(zip(cols, old))).to_dict()))
                audit.append((now, user, "update", entity, row[0], before, after))
                result.updated += 1
        if inserts:
            c.executemany(f"INSERT INTO {table} ({qcols}) VALUES ({','.join('?' * len(cols))})", inserts)
            # The audit rows of new records, in insertion (rowid) order, their JSON built by SQLite
            # (cheaper than json.dumps here).
            new_ids = [row[0] for row in inserts]
            c.execute(f"INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
                      f"SELECT ?, ?, 'create', ?, id, NULL, {AFTER_JSON[table]}, ? FROM {table} "
                      f"WHERE id IN ({','.join('?' * len(new_ids))}) ORDER BY rowid",
                      [now, user, entity, result.batch, *new_ids])
        if updates:
            sets = ",".join(f"{quote(col)} = ?" for col in cols if col != "id")
            c.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", updates)

    def _upsert_activities(self, c, records: list[Activity], user, now, result, audit):  # noqa: ANN001
        for a in records:
            row = c.execute("SELECT * FROM activities WHERE id = ?", (a.id,)).fetchone()
            new = a.to_dict()
            if row is None:
                c.execute('INSERT INTO activities (id, name, kind, start, "end", note) VALUES (?,?,?,?,?,?)',
                          (a.id, a.name, a.kind, a.start, a.end, a.note))
                audit.append((now, user, "create", "activity", a.id, None, dump(new)))
                result.created += 1
            elif dict(row) != new:
                c.execute('UPDATE activities SET name=?, kind=?, start=?, "end"=?, note=? WHERE id=?',
                          (a.name, a.kind, a.start, a.end, a.note, a.id))
                audit.append((now, user, "update", "activity", a.id, dump(dict(row)), dump(new)))
                result.updated += 1
            else:
                result.unchanged += 1

    def _insert_participations(self, c, records: list[Participation], user, now, result, audit):  # noqa: ANN001
        for p in records:
            cur = c.execute("INSERT OR IGNORE INTO participations (org, activity, role, date) VALUES (?,?,?,?)",
                            (p.org, p.activity, p.role, p.date or ""))
            if cur.rowcount:
                audit.append((now, user, "create", "participation", f"{p.org}@{p.activity}", None,
                              dump(p.to_dict())))
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
                c.execute("INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
                          "VALUES (?,?,?,?,?,?,?,?)",
                          (now, user, action, entity, key, dump(b), dump(a), uuid.uuid4().hex[:12]))
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
