"""Accounts in the SQLite store file: tables ``users`` and ``login_attempts`` (migrations 2 and 3).

Every change is one ``BEGIN IMMEDIATE`` transaction of the store, with its audit
row (entity ``user``) in the same transaction; the last-admin rule is checked
inside it, so two admins demoting each other at once cannot both succeed.

>>> from network.store.sqlite import SQLiteStore
>>> acc = SQLiteStore(":memory:").accounts()
>>> acc.create({"name": "Sato", "key": "sato", "role": "admin", "password_hash": "h",
...             "created_at": "t", "updated_at": "t"}, by="setup")
>>> acc.get("sato")["name"], acc.count()
('Sato', 1)
"""

from __future__ import annotations

import json
import sqlite3

from network.errors import ValidationError
from network.store.accounts import LAST_ADMIN, NO_USER, TAKEN, LastAdminError, audit_state, name_key

__all__ = ["SQLiteAccounts"]

_COLS = "name, name_key AS key, role, password_hash, created_at, updated_at"


class SQLiteAccounts:
    """The :class:`~network.store.accounts.AccountsBackend` of a :class:`~network.store.sqlite.SQLiteStore`."""

    def __init__(self, store) -> None:  # noqa: ANN001 - a SQLiteStore
        self._store = store
        self._backfill()

    def _backfill(self) -> None:
        """Give accounts made before migration 3 their folded key (the first of look-alikes keeps it)."""
        rows = self._store._rows("SELECT name FROM users WHERE name_key IS NULL ORDER BY created_at, name")
        if not rows:
            return
        with self._store.transaction() as c:
            taken = {r[0] for r in c.execute("SELECT name_key FROM users WHERE name_key IS NOT NULL")}
            for (name,) in rows:
                key = name_key(name)
                if key not in taken:
                    c.execute("UPDATE users SET name_key = ? WHERE name = ?", (key, name))
                    taken.add(key)

    def _audit(
        self, c: sqlite3.Connection, by: str, now: str, action: str, name: str, before: dict | None, after: dict | None
    ) -> None:
        c.execute(
            "INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) VALUES (?,?,?,?,?,?,?,?)",
            (
                now,
                by,
                action,
                "user",
                name,
                json.dumps(before, ensure_ascii=False) if before else None,
                json.dumps(after, ensure_ascii=False) if after else None,
                "",
            ),
        )

    # ------------------------------------------------------------------ reads
    def get(self, key: str) -> dict | None:
        rows = self._store._rows(f"SELECT {_COLS} FROM users WHERE name_key = ?", (key,))
        return dict(rows[0]) if rows else None

    def list(self) -> list[dict]:
        return [dict(r) for r in self._store._rows(f"SELECT {_COLS} FROM users ORDER BY name")]

    def count(self) -> int:
        return int(self._store._rows("SELECT COUNT(*) FROM users")[0][0])

    # ------------------------------------------------------------------ changes
    def create(self, account: dict, *, by: str) -> None:
        with self._store.transaction() as c:
            other = c.execute(
                "SELECT name FROM users WHERE name_key = ? OR name = ?", (account["key"], account["name"])
            ).fetchone()
            if other is not None:
                raise ValidationError(TAKEN.format(name=account["name"], other=other[0]))
            c.execute(
                "INSERT INTO users (name, name_key, role, password_hash, created_at, updated_at) VALUES (?,?,?,?,?,?)",
                (
                    account["name"],
                    account["key"],
                    account["role"],
                    account["password_hash"],
                    account["created_at"],
                    account["updated_at"],
                ),
            )
            self._audit(c, by, account["created_at"], "create", account["name"], None, audit_state(account))

    def _locked_get(self, c: sqlite3.Connection, key: str) -> dict:
        row = c.execute(f"SELECT {_COLS} FROM users WHERE name_key = ?", (key,)).fetchone()
        if row is None:
            raise ValidationError(NO_USER.format(name=key))
        return dict(row)

    def _check_admins(self, c: sqlite3.Connection, acc: dict) -> None:
        if acc["role"] == "admin" and c.execute("SELECT COUNT(*) FROM users WHERE role = 'admin'").fetchone()[0] <= 1:
            raise LastAdminError(LAST_ADMIN.format(name=acc["name"]))

    def update(
        self,
        key: str,
        *,
        by: str,
        role: str | None = None,
        password_hash: str | None = None,
        now: str,
        audited: bool = True,
    ) -> dict:
        with self._store.transaction() as c:
            acc = self._locked_get(c, key)
            if role is not None and role != "admin":
                self._check_admins(c, acc)
            new = dict(
                acc,
                role=role or acc["role"],
                password_hash=password_hash or acc["password_hash"],
                updated_at=now if audited else acc["updated_at"],
            )
            c.execute(
                "UPDATE users SET role = ?, password_hash = ?, updated_at = ? WHERE name_key = ?",
                (new["role"], new["password_hash"], new["updated_at"], key),
            )
            if audited:
                extra = {"password": "changed"} if password_hash else {}
                self._audit(c, by, now, "update", acc["name"], audit_state(acc), audit_state(new, **extra))
        return new

    def delete(self, key: str, *, by: str, now: str) -> dict:
        with self._store.transaction() as c:
            acc = self._locked_get(c, key)
            self._check_admins(c, acc)
            c.execute("DELETE FROM users WHERE name_key = ?", (key,))
            self._audit(c, by, now, "delete", acc["name"], audit_state(acc), None)
        return acc

    # ------------------------------------------------------------------ sign-in attempts
    def record_attempt(self, key: str, source: str, at: float, ok: bool, *, forget_before: float) -> None:
        with self._store.transaction() as c:
            c.execute("INSERT INTO login_attempts (name, source, at, ok) VALUES (?,?,?,?)", (key, source, at, int(ok)))
            c.execute("DELETE FROM login_attempts WHERE at < ?", (forget_before,))

    def failures(self, key: str, since: float) -> list[float]:
        rows = self._store._rows(
            "SELECT at FROM login_attempts WHERE name = ? AND ok = 0 AND at > ? AND at > "
            "(SELECT COALESCE(MAX(at), 0) FROM login_attempts WHERE name = ? AND ok = 1) ORDER BY at",
            (key, since, key),
        )
        return [r[0] for r in rows]

    def source_failures(self, source: str, since: float) -> list[float]:
        rows = self._store._rows(
            "SELECT at FROM login_attempts WHERE source = ? AND ok = 0 AND at > ? ORDER BY at", (source, since)
        )
        return [r[0] for r in rows]
