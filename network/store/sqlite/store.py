"""The SQLite store proper: connections (one per thread), transactions, migrations, reads, ``load_graph``.

Writes are mixed in from :mod:`network.store.sqlite.write`; the package docstring
(:mod:`network.store.sqlite`) describes the whole.

Examples
--------
>>> store = SQLiteStore(":memory:")
>>> store.counts()["orgs"], store.revision()
(0, 0)
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from network.errors import ConflictError, NotFound, StoreError
from network.model import Activity, Org, Participation, Tie, as_of_period
from network.store.base import ORG_COLUMNS, AuditEntry
from network.store.sqlite.codec import (
    now_utc,
    org_from_row,
    tie_from_row,
)
from network.store.sqlite.errors import explain
from network.store.sqlite.schema import MIGRATIONS, SCHEMA_VERSION
from network.store.sqlite.survey import SQLiteSurvey
from network.store.sqlite.undo import SQLiteUndo
from network.store.sqlite.write import Writes
from network.store.undo import UndoCount, run_undo, undo_batch_name

__all__ = ["SQLiteStore", "SCHEMA_VERSION"]

#: a tie runs at some time in [first, last] (parameters: last, first) — the same test as
#: ``network.model.tie_active``: dates compared as their first 10 characters, '' = open
_ACTIVE_SQL = (
    "(t.start IS NULL OR t.start = '' OR substr(t.start, 1, 10) <= ?) "
    'AND (t."end" IS NULL OR t."end" = \'\' OR substr(t."end", 1, 10) >= ?)'
)


class SQLiteStore(Writes):
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
                    conn = sqlite3.connect(
                        self.path, timeout=self._busy, isolation_level=None, check_same_thread=self.path != ":memory:"
                    )
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
        from network.store.sqlite.accounts import SQLiteAccounts

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
        return org_from_row(rows[0])

    def is_deleted(self, org_id: str) -> bool:
        rows = self._rows("SELECT deleted FROM orgs WHERE id = ?", (org_id,))
        if not rows:
            raise NotFound(f"no organisation with id {org_id!r}")
        return bool(rows[0][0])

    def get_tie(self, tie_id: str) -> Tie:
        rows = self._rows("SELECT * FROM ties WHERE id = ?", (tie_id,))
        if not rows:
            raise NotFound(f"no tie with id {tie_id!r}")
        return tie_from_row(rows[0])

    def orgs(
        self,
        *,
        sector: str | None = None,
        district: str | None = None,
        city: str | None = None,
        search: str | None = None,
        include_deleted: bool = False,
    ) -> list[Org]:
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
        return [org_from_row(r) for r in self._rows(sql + " ORDER BY name, id", params)]

    def ties(
        self,
        *,
        org: str | None = None,
        type: str | None = None,
        sector: str | None = None,
        district: str | None = None,
        as_of: str | int | None = None,
    ) -> list[Tie]:
        """Ties between live organisations; ``sector``/``district`` match either end.

        ``as_of``: a day, or a fiscal year (``2016``, ``FY2016``, ``平成28年度``…) — the ties that run
        at some time in it (:func:`network.model.as_of_period`).
        """
        sql = (
            "SELECT t.* FROM ties t JOIN orgs s ON s.id = t.source JOIN orgs g ON g.id = t.target "
            "WHERE s.deleted = 0 AND g.deleted = 0"
        )
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
        return [tie_from_row(r) for r in self._rows(sql + " ORDER BY t.id", params)]

    def activities(self) -> list[Activity]:
        return [Activity(**dict(r)) for r in self._rows("SELECT * FROM activities ORDER BY id")]

    def participations(self) -> list[Participation]:
        return [
            Participation(r["org"], r["activity"], r["role"], r["date"] or None)
            for r in self._rows("SELECT * FROM participations ORDER BY org, activity, role, date")
        ]

    def audit(
        self, *, entity_id: str | None = None, batch: str | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
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
        return [
            AuditEntry(
                r["id"],
                r["at"],
                r["user"],
                r["action"],
                r["entity"],
                r["entity_id"],
                json.loads(r["before"]) if r["before"] else None,
                json.loads(r["after"]) if r["after"] else None,
                r["batch"],
            )
            for r in self._rows(sql, params)
        ]

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
        from network.store.sqlite.arrays import load_graph

        return load_graph(self, as_of)

    def load_arrays(self, as_of: str | int | None = None, *, columns=ORG_COLUMNS):  # noqa: ANN001, ANN201
        """The same network as columns and edge arrays (:class:`network.store.base.GraphArrays`)."""
        from network.store.sqlite.arrays import load_arrays

        return load_arrays(self, as_of, columns)

    # ------------------------------------------------------------------ undo
    def undo(
        self,
        *,
        audit_id: int | None = None,
        batch: str | None = None,
        user: str,
        force: bool = False,
        cascade: bool = False,
    ) -> UndoCount:
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
        if (audit_id is None) == (batch is None):
            raise ValueError("give exactly one of audit_id or batch")
        name = undo_batch_name(audit_id=audit_id, batch=batch)
        try:
            with self.transaction() as c:
                work = SQLiteUndo(c, user=user, batch=name, now=now_utc())
                return run_undo(work, audit_id=audit_id, batch=batch, force=force, cascade=cascade)
        except sqlite3.IntegrityError as exc:
            raise ConflictError(f"undo rejected by the store: {exc}") from exc
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write store {self.path}: {exc}") from exc

    # ------------------------------------------------------------------ survey (network.survey)
    def survey(self) -> SQLiteSurvey:
        """Survey rounds, links and answers kept in this store (:mod:`network.store.sqlite.survey`)."""
        return SQLiteSurvey(self)
