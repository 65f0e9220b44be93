"""The embedded default store: one SQLite file.

WAL mode, foreign keys on, a versioned schema with migrations, every write one
transaction (``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error), and an
audit row for every change (who, when, what, before/after).

Examples
--------
>>> from network.model import Org, Tie
>>> store = SQLiteStore(":memory:")
>>> r = store.write(ChangeSet(orgs=[Org("a", "れんぷく", "intermediary"), Org("b", "石巻市", "government")],
...                           ties=[Tie("t1", "a", "b", "commission", directed=True, strength=4)]))
>>> (r.created, r.updated, r.unchanged)
(3, 0, 0)
>>> G = store.load_graph()
>>> G.nodes["a"]["name"], G.edges["a", "b", "t1"]["type"]
('れんぷく', 'commission')
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path

import networkx as nx

from network.errors import ConflictError, NotFound, StoreError
from network.model import ORG_FIELDS, TIE_FIELDS, Activity, Org, Participation, Tie, as_of_label, as_of_period
from network.store.base import AuditEntry, ChangeSet, WriteResult, chunks
from network.store.sqlite_errors import explain
from network.store.sqlite_survey import SURVEY_DDL, SQLiteSurvey

__all__ = ["SQLiteStore", "SCHEMA_VERSION"]

#: Accounts and sign-in attempts (network.accounts).
USERS_DDL = """
    CREATE TABLE IF NOT EXISTS users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS login_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        at REAL NOT NULL,
        ok INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS login_attempts_name ON login_attempts(name, at);
    """

# Each migration takes the schema from version i to i+1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE orgs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        sector TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        prefecture TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '',
        district TEXT NOT NULL DEFAULT '',
        corporate_number TEXT NOT NULL DEFAULT '',
        aliases TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '[]',
        url TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX orgs_corporate_number ON orgs(corporate_number)
        WHERE corporate_number <> '' AND deleted = 0;
    CREATE INDEX orgs_sector ON orgs(sector);
    CREATE INDEX orgs_district ON orgs(district);
    CREATE TABLE ties (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL REFERENCES orgs(id),
        target TEXT NOT NULL REFERENCES orgs(id),
        type TEXT NOT NULL,
        directed INTEGER NOT NULL,
        strength INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 5),
        start TEXT,
        "end" TEXT,
        project TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        last_confirmed TEXT,
        weight REAL NOT NULL DEFAULT 1.0,
        note TEXT NOT NULL DEFAULT '',
        source_file TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (source <> target),
        CHECK ("end" IS NULL OR start IS NULL OR "end" >= start)
    );
    CREATE INDEX ties_source ON ties(source);
    CREATE INDEX ties_target ON ties(target);
    CREATE TABLE activities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        start TEXT,
        "end" TEXT,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE participations (
        org TEXT NOT NULL REFERENCES orgs(id),
        activity TEXT NOT NULL REFERENCES activities(id),
        role TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (org, activity, role, date)
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        before TEXT,
        after TEXT,
        batch TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_entity ON audit(entity_id);
    CREATE INDEX audit_batch ON audit(batch);
    """,
    # 2: accounts and sign-in attempts
    USERS_DDL,
    # custom fields (issue 12): columns Renkei does not know, as a JSON object of name → text
    """
    ALTER TABLE orgs ADD COLUMN custom TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE ties ADD COLUMN custom TEXT NOT NULL DEFAULT '{}'
    """,
    # survey rounds, links (token hashes) and answers (network.store.sqlite_survey)
    SURVEY_DDL,
    # accounts: one identity per folded name (network.store.accounts.name_key, filled in by
    # network.store.sqlite_accounts), and sign-in attempts counted by source address too
    """
    ALTER TABLE users ADD COLUMN name_key TEXT;
    CREATE UNIQUE INDEX users_name_key ON users(name_key);
    ALTER TABLE login_attempts ADD COLUMN source TEXT NOT NULL DEFAULT '';
    CREATE INDEX login_attempts_source ON login_attempts(source, at);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

_ORG_COLS = [f for f in ORG_FIELDS]
_TIE_COLS = [f for f in TIE_FIELDS]
_CONTENT_SKIP = {"created_at", "updated_at"}
_BATCH = 500  # rows per SELECT … IN (…) lookup; under SQLite's parameter limit


#: a tie runs at some time in [first, last] (parameters: last, first) — the same test as
#: ``network.model.tie_active``: dates compared as their first 10 characters, '' = open
_ACTIVE_SQL = ("(t.start IS NULL OR t.start = '' OR substr(t.start, 1, 10) <= ?) "
               "AND (t.\"end\" IS NULL OR t.\"end\" = '' OR substr(t.\"end\", 1, 10) >= ?)")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _q(col: str) -> str:
    return f'"{col}"'


_ORG_GET = attrgetter(*_ORG_COLS)
_TIE_GET = attrgetter(*_TIE_COLS)
_ALIASES, _TAGS = _ORG_COLS.index("aliases"), _ORG_COLS.index("tags")
_DIRECTED = _TIE_COLS.index("directed")
_ORG_CUSTOM, _TIE_CUSTOM = _ORG_COLS.index("custom"), _TIE_COLS.index("custom")


def _json_list(items: list[str]) -> str:
    return _LIST_ENC(list(items)) if items else "[]"


def _json_custom(fields: dict[str, str] | None) -> str:
    """Custom fields as stored: a JSON object, keys sorted (so equal fields compare equal as text)."""
    return _ENC(dict(fields)) if fields else "{}"


def _org_row(o: Org) -> tuple:
    row = list(_ORG_GET(o))
    row[_ALIASES] = _json_list(row[_ALIASES])
    row[_TAGS] = _json_list(row[_TAGS])
    row[_ORG_CUSTOM] = _json_custom(row[_ORG_CUSTOM])
    return tuple(row)


def _org_from_row(row: sqlite3.Row | dict) -> Org:
    d = {c: row[c] for c in _ORG_COLS}
    d["aliases"] = json.loads(d["aliases"])
    d["tags"] = json.loads(d["tags"])
    d["custom"] = json.loads(d["custom"])
    return Org(**d)


def _tie_row(t: Tie) -> tuple:
    row = list(_TIE_GET(t))
    row[_DIRECTED] = int(bool(row[_DIRECTED]))
    row[_TIE_CUSTOM] = _json_custom(row[_TIE_CUSTOM])
    return tuple(row)


def _tie_from_row(row: sqlite3.Row | dict) -> Tie:
    d = {c: row[c] for c in _TIE_COLS}
    d["directed"] = bool(d["directed"])
    d["custom"] = json.loads(d["custom"])
    return Tie(**d)


def _content(d: dict) -> dict:
    return {k: v for k, v in d.items() if k not in _CONTENT_SKIP}


class SQLiteStore:
    """A partnership network in one SQLite file (see module docstring).

    Parameters
    ----------
    path : str or Path
        The database file (created when missing), or ``":memory:"``.
    busy_timeout : float
        Seconds a write waits for another writer before retrying.
    """

    def __init__(self, path: str | Path = "renkei.db", *, busy_timeout: float = 10.0) -> None:
        self.path = str(path)
        self.url = "sqlite:///" + self.path
        self._busy = busy_timeout
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        if self.path != ":memory:":
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.exists():
                raise StoreError(f"cannot create store {self.path}: folder {parent} does not exist")
        self._migrate()

    # ------------------------------------------------------------------ plumbing
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self.path == ":memory:" and self._all:
                conn = self._all[0]  # one shared in-memory database
            else:
                try:
                    conn = sqlite3.connect(self.path, timeout=self._busy, isolation_level=None,
                                           check_same_thread=self.path != ":memory:")
                    conn.row_factory = sqlite3.Row
                    conn.execute("PRAGMA foreign_keys = ON")
                    conn.execute("PRAGMA synchronous = NORMAL")
                    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache
                    conn.execute("PRAGMA temp_store = MEMORY")
                    if self.path != ":memory:":
                        conn.execute("PRAGMA journal_mode = WAL")
                except sqlite3.Error as exc:
                    raise explain(exc, self.path, "open") from exc
                with self._lock:
                    self._all.append(conn)
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; retried with backoff while the file is locked."""
        conn = self._conn()
        delay = 0.05
        deadline = time.monotonic() + max(self._busy, 1.0) * 3
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise explain(exc, self.path, "write") from exc
                if time.monotonic() > deadline:
                    raise StoreError(f"store {self.path} is busy; try again") from exc
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)
        try:
            yield conn
        except BaseException as exc:
            # SQLite may have rolled back already (a full disk does): never hide the cause
            # behind "cannot rollback - no transaction is active"
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.IntegrityError):
                raise explain(exc, self.path, "write") from exc
            raise
        else:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise explain(exc, self.path, "write") from exc

    def _migrate(self) -> None:
        try:
            self._migrate_steps()
        except sqlite3.Error as exc:
            raise explain(exc, self.path, "open") from exc

    def _migrate_steps(self) -> None:
        conn = self._conn()
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_version'").fetchone() is None:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        if row is not None and row[0] == SCHEMA_VERSION:
            return  # up to date: opening writes nothing (a read-only store opens for reading)
        with self.transaction() as c:
            row = c.execute("SELECT version FROM schema_version").fetchone()
            version = row[0] if row else 0
            if row is None:
                c.execute("INSERT INTO schema_version VALUES (0)")
            if version > SCHEMA_VERSION:
                raise StoreError(f"store {self.path} has schema {version}; this Renkei knows {SCHEMA_VERSION}")
            for i in range(version, SCHEMA_VERSION):
                for stmt in MIGRATIONS[i].split(";"):
                    if stmt.strip():
                        c.execute(stmt)
                c.execute("UPDATE schema_version SET version = ?", (i + 1,))

    def accounts(self):  # noqa: ANN201 - network.store.accounts.AccountsBackend
        """The accounts kept in this store file (see :mod:`network.store.accounts`)."""
        from network.store.sqlite_accounts import SQLiteAccounts

        return SQLiteAccounts(self)

    def schema_version(self) -> int:
        return self._conn().execute("SELECT version FROM schema_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.Error:
                    pass
            self._all.clear()
        self._local = threading.local()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writes
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
        now = _now()
        audit: list[tuple] = []

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        try:
            with self.transaction() as c:
                fresh = {t: c.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() is None for t in ("orgs", "ties")}
                for part in chunks(changes.orgs, _BATCH):
                    self._upsert(c, "orgs", "org", _ORG_COLS, part, _org_row, _org_from_row,
                                 now, user, result, audit, fresh["orgs"])
                    tick(len(part))
                for part in chunks(changes.activities, _BATCH):
                    self._upsert_activities(c, part, user, now, result, audit)
                    tick(len(part))
                for part in chunks(changes.ties, _BATCH):
                    self._upsert(c, "ties", "tie", _TIE_COLS, part, _tie_row, _tie_from_row,
                                 now, user, result, audit, fresh["ties"])
                    tick(len(part))
                for part in chunks(changes.participations, _BATCH):
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
        qcols = ",".join(_q(col) for col in cols)
        ids = [r.id for r in records]
        marks = ",".join("?" * len(ids))
        existing = {}
        if not fresh:  # into a table empty when this write began, nothing can exist yet
            existing = {row[0]: tuple(row)
                        for row in c.execute(f"SELECT {qcols} FROM {table} WHERE id IN ({marks})", ids)}
        ci, ui = cols.index("created_at"), cols.index("updated_at")
        keep = [i for i, col in enumerate(cols) if col not in _CONTENT_SKIP]
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
                    after_d["directed"] = bool(row[_DIRECTED])
                after_d["custom"] = dict(rec.custom or {})
                after = _ENC(after_d)
                row[ci] = old[ci]
                updates.append(row[1:] + row[:1])
                before = _dump(_content(from_row(dict(zip(cols, old))).to_dict()))
                audit.append((now, user, "update", entity, row[0], before, after))
                result.updated += 1
        if inserts:
            c.executemany(f"INSERT INTO {table} ({qcols}) VALUES ({','.join('?' * len(cols))})", inserts)
            # The audit rows of new records, in insertion (rowid) order, their JSON built by SQLite
            # (cheaper than json.dumps here).
            new_ids = [row[0] for row in inserts]
            c.execute(f"INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
                      f"SELECT ?, ?, 'create', ?, id, NULL, {_AFTER_JSON[table]}, ? FROM {table} "
                      f"WHERE id IN ({','.join('?' * len(new_ids))}) ORDER BY rowid",
                      [now, user, entity, result.batch, *new_ids])
        if updates:
            sets = ",".join(f"{_q(col)} = ?" for col in cols if col != "id")
            c.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", updates)

    def _upsert_activities(self, c, records: list[Activity], user, now, result, audit):  # noqa: ANN001
        for a in records:
            row = c.execute("SELECT * FROM activities WHERE id = ?", (a.id,)).fetchone()
            new = a.to_dict()
            if row is None:
                c.execute('INSERT INTO activities (id, name, kind, start, "end", note) VALUES (?,?,?,?,?,?)',
                          (a.id, a.name, a.kind, a.start, a.end, a.note))
                audit.append((now, user, "create", "activity", a.id, None, _dump(new)))
                result.created += 1
            elif dict(row) != new:
                c.execute('UPDATE activities SET name=?, kind=?, start=?, "end"=?, note=? WHERE id=?',
                          (a.name, a.kind, a.start, a.end, a.note, a.id))
                audit.append((now, user, "update", "activity", a.id, _dump(dict(row)), _dump(new)))
                result.updated += 1
            else:
                result.unchanged += 1

    def _insert_participations(self, c, records: list[Participation], user, now, result, audit):  # noqa: ANN001
        for p in records:
            cur = c.execute("INSERT OR IGNORE INTO participations (org, activity, role, date) VALUES (?,?,?,?)",
                            (p.org, p.activity, p.role, p.date or ""))
            if cur.rowcount:
                audit.append((now, user, "create", "participation", f"{p.org}@{p.activity}", None,
                              _dump(p.to_dict())))
                result.created += 1
            else:
                result.unchanged += 1

    def _set(self, entity: str, key: str, action: str, user: str, mutate: Callable[[dict], None]) -> dict:
        table = "orgs" if entity == "org" else "ties"
        conv = _org_from_row if entity == "org" else _tie_from_row
        torow = _org_row if entity == "org" else _tie_row
        cols = _ORG_COLS if entity == "org" else _TIE_COLS
        now = _now()
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
                sets = ",".join(f"{_q(col)} = ?" for col in cols if col != "id")
                c.execute(f"UPDATE {table} SET {sets} WHERE id = ?", values[1:] + (key,))
                if entity == "org":
                    c.execute("UPDATE orgs SET deleted = ? WHERE id = ?", (int(deleted), key))
                b = _content(before) | ({"deleted": before_deleted} if entity == "org" else {})
                a = _content(after) | ({"deleted": deleted} if entity == "org" else {})
                c.execute("INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
                          "VALUES (?,?,?,?,?,?,?,?)",
                          (now, user, action, entity, key, _dump(b), _dump(a), uuid.uuid4().hex[:12]))
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

    # ------------------------------------------------------------------ reads
    def _rows(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        try:
            return self._conn().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise explain(exc, self.path, "read") from exc

    def get_org(self, org_id: str) -> Org:
        rows = self._rows("SELECT * FROM orgs WHERE id = ?", (org_id,))
        if not rows:
            raise NotFound(f"no organisation with id {org_id!r}")
        return _org_from_row(rows[0])

    def is_deleted(self, org_id: str) -> bool:
        rows = self._rows("SELECT deleted FROM orgs WHERE id = ?", (org_id,))
        if not rows:
            raise NotFound(f"no organisation with id {org_id!r}")
        return bool(rows[0][0])

    def get_tie(self, tie_id: str) -> Tie:
        rows = self._rows("SELECT * FROM ties WHERE id = ?", (tie_id,))
        if not rows:
            raise NotFound(f"no tie with id {tie_id!r}")
        return _tie_from_row(rows[0])

    def orgs(self, *, sector: str | None = None, district: str | None = None, city: str | None = None,
             search: str | None = None, include_deleted: bool = False) -> list[Org]:
        """Organisations, filtered; ``search`` matches name or aliases (case-insensitive)."""
        sql, params = "SELECT * FROM orgs WHERE 1=1", []
        if not include_deleted:
            sql += " AND deleted = 0"
        for col, val in (("sector", sector), ("district", district), ("city", city)):
            if val:
                sql += f" AND {col} = ?"
                params.append(val)
        if search:
            sql += " AND (instr(lower(name), lower(?)) > 0 OR instr(lower(aliases), lower(?)) > 0)"
            params += [search, search]
        return [_org_from_row(r) for r in self._rows(sql + " ORDER BY name, id", params)]

    def ties(self, *, org: str | None = None, type: str | None = None, sector: str | None = None,
             district: str | None = None, as_of: str | int | None = None) -> list[Tie]:
        """Ties between live organisations; ``sector``/``district`` match either end.

        ``as_of``: a day, or a fiscal year (``2016``, ``FY2016``, ``平成28年度``…) — the ties that run
        at some time in it (:func:`network.model.as_of_period`).
        """
        sql = ("SELECT t.* FROM ties t JOIN orgs s ON s.id = t.source JOIN orgs g ON g.id = t.target "
               "WHERE s.deleted = 0 AND g.deleted = 0")
        params: list = []
        if org:
            sql += " AND (t.source = ? OR t.target = ?)"
            params += [org, org]
        if type:
            sql += " AND t.type = ?"
            params.append(type)
        for col, val in (("sector", sector), ("district", district)):
            if val:
                sql += f" AND (s.{col} = ? OR g.{col} = ?)"
                params += [val, val]
        first, last = as_of_period(as_of)
        if first is not None:
            sql += " AND " + _ACTIVE_SQL
            params += [last, first]
        return [_tie_from_row(r) for r in self._rows(sql + " ORDER BY t.id", params)]

    def activities(self) -> list[Activity]:
        return [Activity(**dict(r)) for r in self._rows("SELECT * FROM activities ORDER BY id")]

    def participations(self) -> list[Participation]:
        return [Participation(r["org"], r["activity"], r["role"], r["date"] or None)
                for r in self._rows("SELECT * FROM participations ORDER BY org, activity, role, date")]

    def audit(self, *, entity_id: str | None = None, batch: str | None = None,
              limit: int | None = None) -> list[AuditEntry]:
        """Recorded changes, newest first."""
        sql, params = "SELECT * FROM audit WHERE 1=1", []
        if entity_id:
            sql += " AND entity_id = ?"
            params.append(entity_id)
        if batch:
            sql += " AND batch = ?"
            params.append(batch)
        sql += " ORDER BY id DESC"
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [AuditEntry(r["id"], r["at"], r["user"], r["action"], r["entity"], r["entity_id"],
                           json.loads(r["before"]) if r["before"] else None,
                           json.loads(r["after"]) if r["after"] else None, r["batch"])
                for r in self._rows(sql, params)]

    def revision(self) -> int:
        """A number that grows with every write (the last audit id)."""
        return int(self._rows("SELECT COALESCE(MAX(id), 0) FROM audit")[0][0])

    def counts(self) -> dict[str, int]:
        q = {
            "orgs": "SELECT COUNT(*) FROM orgs WHERE deleted = 0",
            "ties": "SELECT COUNT(*) FROM ties",
            "activities": "SELECT COUNT(*) FROM activities",
            "participations": "SELECT COUNT(*) FROM participations",
            "audit": "SELECT COUNT(*) FROM audit",
        }
        return {k: int(self._rows(sql)[0][0]) for k, sql in q.items()}

    def load_graph(self, as_of: str | int | None = None) -> nx.MultiDiGraph:
        """The whole network as a MultiDiGraph (conventions in ``network.store.base``).

        Ties active on ``as_of`` only, when given (a day, or at some time in a fiscal year, as
        :func:`network.analysis.views.filter_graph` keeps them); organisations deleted are left out.
        """
        first, last = as_of_period(as_of)  # a fiscal year is its April–March period
        G = nx.MultiDiGraph(as_of=as_of_label(as_of))
        conn = self._conn()
        try:
            for row in conn.execute("SELECT * FROM orgs WHERE deleted = 0"):
                d = dict(zip(row.keys(), row))
                d.pop("deleted")
                d["aliases"] = json.loads(d["aliases"])
                d["tags"] = json.loads(d["tags"])
                d["custom"] = json.loads(d["custom"])
                G.add_node(d.pop("id"), **d)
            sql = ("SELECT t.* FROM ties t JOIN orgs s ON s.id = t.source AND s.deleted = 0 "
                   "JOIN orgs g ON g.id = t.target AND g.deleted = 0")
            params: tuple = ()
            if first is not None:
                sql += " WHERE " + _ACTIVE_SQL
                params = (last, first)
            cur = conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            rest = [n for n in names if n not in ("id", "source", "target")]
            idx = [names.index(n) for n in rest]
            i_id, i_s, i_t, i_dir = (names.index(n) for n in ("id", "source", "target", "directed"))
            # Fill the adjacency dicts directly: add_edges_from costs 3x more at 100k ties.
            succ, pred = G._succ, G._pred
            for row in cur:
                d = {n: row[i] for n, i in zip(rest, idx)}
                d["directed"] = bool(row[i_dir])
                d["custom"] = _json_loads(d["custom"])
                u, v = row[i_s], row[i_t]
                keys = succ[u].get(v)
                if keys is None:
                    keys = succ[u][v] = pred[v][u] = G.edge_key_dict_factory()
                keys[row[i_id]] = d
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read store {self.path}: {exc}") from exc
        return G

    # ------------------------------------------------------------------ undo
    def undo(self, *, audit_id: int | None = None, batch: str | None = None, user: str,
             force: bool = False, cascade: bool = False) -> int:
        """Undo one recorded change or a whole batch, in one transaction; returns changes undone.

        Each entry's ``before`` state is put back, newest entry first: a created
        organisation is soft-deleted, a created tie removed (its state kept in the
        audit record, so undoing the undo brings it back), an update restored, an
        ended tie re-opened.  Each step is recorded as action ``undo`` in batch
        ``undo:#ID`` or ``undo:BATCH``.  Raises ``ConflictError`` when the record was
        changed since (unless ``force``) or the change was already undone, and
        ``DependentRecords`` when it would hide ties or participations written later
        (unless ``cascade``: then they are removed too, recorded as ``cascade``).
        """
        from network.trust.undo import apply_undo

        if (audit_id is None) == (batch is None):
            raise ValueError("give exactly one of audit_id or batch")
        try:
            with self.transaction() as c:
                return apply_undo(c, audit_id=audit_id, batch=batch, user=user, force=force, now=_now(),
                                  cascade=cascade)
        except sqlite3.IntegrityError as exc:
            raise ConflictError(f"undo rejected by the store: {exc}") from exc
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write store {self.path}: {exc}") from exc

    # ------------------------------------------------------------------ survey (network.survey)
    def survey(self) -> SQLiteSurvey:
        """Survey rounds, links and answers kept in this store (:mod:`network.store.sqlite_survey`)."""
        return SQLiteSurvey(self)


def conv_dict(entity: str, d: dict):  # noqa: ANN201
    return Org(**d) if entity == "org" else Tie(**d)


def _json_object_sql(cols: list[str], as_json: tuple[str, ...], as_bool: tuple[str, ...]) -> str:
    """SQL building the same JSON object as ``_dump(_content(record))`` (keys sorted), from constants."""
    parts = []
    for col in sorted(c for c in cols if c not in _CONTENT_SKIP):
        value = _q(col)
        if col in as_json:
            value = f"json({value})"
        elif col in as_bool:
            value = f"json(CASE WHEN {value} THEN 'true' ELSE 'false' END)"
        parts.append(f"'{col}', {value}")
    return "json_object(" + ", ".join(parts) + ")"


_AFTER_JSON = {
    "orgs": _json_object_sql(_ORG_COLS, ("aliases", "tags", "custom"), ()),
    "ties": _json_object_sql(_TIE_COLS, ("custom",), ("directed",)),
}

_ENC = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_LIST_ENC = json.JSONEncoder(ensure_ascii=False).encode


def _json_loads(text: str) -> dict:
    return {} if text == "{}" else json.loads(text)


def _dump(d: dict | None) -> str | None:
    return None if d is None else _ENC(d)
