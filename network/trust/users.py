"""Accounts, roles and sign-in, with failed sign-ins rate-limited.

Three roles, each allowed what the one before it may do:

- ``viewer`` 閲覧者 — explore the network;
- ``editor`` 編集者 — add and edit organisations and ties;
- ``admin`` 管理者 — manage users, import files, undo changes, settings.

Passwords are stored only as Argon2id hashes (argon2-cffi, salted; the
plain password is never written anywhere).  Accounts live in the SQLite store
file itself (tables ``users`` and ``login_attempts``, schema migration 2); for a
Neo4j store they live in a local SQLite file named by ``RENKEI_USERS_DB``
(default ``renkei-users.db``).

After ``MAX_FAILURES`` failed sign-ins for one name within ``WINDOW_SECONDS``
the name is locked until the oldest of them is older than the window; a
successful sign-in clears the count.  Unknown names are counted too, and get
the same answer as a wrong password.

Examples
--------
>>> users = UserStore(":memory:")
>>> users.add("sato", "correct horse 1", "editor").role
'editor'
>>> users.authenticate("sato", "correct horse 1").name
'sato'
>>> has_role("editor", "viewer"), has_role("viewer", "editor")
(True, False)
"""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from network.errors import AuthError, ValidationError
from network.store.sqlite import USERS_DDL

__all__ = [
    "ROLES", "ROLE_LABELS", "Account", "UserStore", "has_role", "users_db_path", "users_for",
    "MAX_FAILURES", "WINDOW_SECONDS", "MIN_PASSWORD", "WRONG_PASSWORD",
]

ROLES = ("viewer", "editor", "admin")
ROLE_LABELS = {"viewer": "閲覧者 viewer", "editor": "編集者 editor", "admin": "管理者 admin"}
MAX_FAILURES = int(os.environ.get("RENKEI_LOGIN_MAX_FAILURES", "5"))
WINDOW_SECONDS = float(os.environ.get("RENKEI_LOGIN_WINDOW_SECONDS", str(15 * 60)))
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
WRONG_PASSWORD = "wrong user name or password / ユーザー名またはパスワードが違います"
_NAME = re.compile(r"^[\w.@\-]{1,64}$")




@dataclass(frozen=True)
class Account:
    """A user account as the app sees it (never the hash)."""

    name: str
    role: str
    created_at: str = ""
    updated_at: str = ""


def has_role(role: str | None, needed: str) -> bool:
    """True when ``role`` may do what ``needed`` may (admin ⊃ editor ⊃ viewer)."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed)


def users_db_path(store_url: str | None) -> str:
    """Where accounts live for the store at ``store_url``.

    The SQLite store's own file; ``RENKEI_USERS_DB`` (default ``renkei-users.db``)
    for Neo4j.

    >>> users_db_path("sqlite:///data/renkei.db"), users_db_path("x.db")
    ('data/renkei.db', 'x.db')
    """
    url = store_url or os.environ.get("RENKEI_STORE") or "renkei.db"
    if "://" in url and not url.startswith("sqlite://"):
        return os.environ.get("RENKEI_USERS_DB") or "renkei-users.db"
    if url.startswith("sqlite://"):
        url = url[len("sqlite://"):]
        url = url[1:] if url.startswith("//") else url[1:] if url.startswith("/") else url
    return url or ":memory:"


def users_for(store: object | None = None) -> UserStore:
    """The accounts of ``store`` (an open store, a URL, or ``None`` for ``RENKEI_STORE``)."""
    url = store if isinstance(store, str) or store is None else getattr(store, "url", None)
    return UserStore(users_db_path(url))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _clean_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", str(name or "")).strip()
    if not _NAME.match(name):
        raise ValidationError(f"user name {name!r}: 1–64 letters, digits, '.', '_', '-' or '@' / "
                              "ユーザー名は英数字と . _ - @ で64字まで")
    return name


def _check_password(password: str) -> str:
    if not isinstance(password, str) or not (MIN_PASSWORD <= len(password) <= MAX_PASSWORD):
        raise ValidationError(f"a password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters / "
                              f"パスワードは{MIN_PASSWORD}文字以上")
    return password


class UserStore:
    """Accounts in one SQLite file (the store's own, or ``RENKEI_USERS_DB``).

    Parameters
    ----------
    path : str or Path
        The SQLite file (created when missing) or ``":memory:"``.
    hasher : argon2.PasswordHasher, optional
        Defaults to argon2-cffi's recommended Argon2id parameters.
    """

    def __init__(self, path: str | Path, *, hasher: PasswordHasher | None = None) -> None:
        self.path = str(path)
        self._ph = hasher or PasswordHasher()
        try:
            self._db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.executescript(USERS_DDL)
        except sqlite3.Error as exc:
            raise AuthError(f"cannot open the accounts in {self.path}: {exc}") from exc
        self._has_audit = bool(self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").fetchone())

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ admin
    def _record(self, by: str, action: str, name: str, before: dict | None, after: dict | None) -> None:
        """Record an account change in the store's audit log (never the hash)."""
        if not self._has_audit:
            return
        self._db.execute(
            "INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) VALUES (?,?,?,?,?,?,?,?)",
            (_now(), by, action, "user", name, json.dumps(before) if before else None,
             json.dumps(after) if after else None, ""))

    def add(self, name: str, password: str, role: str = "viewer", *, by: str = "system") -> Account:
        """Create an account.  Raises ``ValidationError`` on a bad name, role, password or a taken name."""
        name = _clean_name(name)
        if role not in ROLES:
            raise ValidationError(f"unknown role {role!r}: viewer, editor or admin")
        digest = self._ph.hash(_check_password(password))
        now = _now()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("INSERT INTO users (name, role, password_hash, created_at, updated_at) "
                                 "VALUES (?,?,?,?,?)", (name, role, digest, now, now))
                self._record(by, "create", name, None, {"name": name, "role": role})
        except sqlite3.IntegrityError as exc:
            raise ValidationError(f"user {name!r} already exists / 既に登録されています") from exc
        return Account(name, role, now, now)

    def get(self, name: str) -> Account | None:
        row = self._db.execute("SELECT name, role, created_at, updated_at FROM users WHERE name = ?",
                               (str(name),)).fetchone()
        return None if row is None else Account(*row)

    def list(self) -> list[Account]:
        return [Account(*r) for r in self._db.execute(
            "SELECT name, role, created_at, updated_at FROM users ORDER BY name")]

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM users").fetchone()[0])

    def _change(self, name: str, by: str, action: str, sql: str, params: tuple, after: dict) -> Account:
        acc = self.get(name)
        if acc is None:
            raise ValidationError(f"no user {name!r} / ユーザーがいません")
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(sql, params)
            self._record(by, action, name, {"name": name, "role": acc.role}, after)
        return self.get(name) or acc

    def remove(self, name: str, *, by: str = "system") -> None:
        """Delete an account (recorded in the audit log).  The last admin cannot be removed."""
        acc = self.get(name)
        if acc is not None and acc.role == "admin" and sum(a.role == "admin" for a in self.list()) == 1:
            raise ValidationError("cannot remove the last admin / 最後の管理者は削除できません")
        self._change(name, by, "delete", "DELETE FROM users WHERE name = ?", (name,), None)  # type: ignore[arg-type]

    def set_password(self, name: str, password: str, *, by: str = "system") -> Account:
        digest = self._ph.hash(_check_password(password))
        acc = self.get(name)
        return self._change(name, by, "update", "UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?",
                            (digest, _now(), name), {"name": name, "role": acc.role if acc else "", "password": "changed"})

    def set_role(self, name: str, role: str, *, by: str = "system") -> Account:
        if role not in ROLES:
            raise ValidationError(f"unknown role {role!r}: viewer, editor or admin")
        return self._change(name, by, "update", "UPDATE users SET role = ?, updated_at = ? WHERE name = ?",
                            (role, _now(), name), {"name": name, "role": role})

    # ------------------------------------------------------------------ sign-in
    def failures(self, name: str, *, now: float | None = None) -> list[float]:
        """Times of failed sign-ins for ``name`` within the window since its last success."""
        now = time.time() if now is None else now
        last_ok = self._db.execute("SELECT COALESCE(MAX(at), 0) FROM login_attempts WHERE name = ? AND ok = 1",
                                   (name,)).fetchone()[0]
        rows = self._db.execute("SELECT at FROM login_attempts WHERE name = ? AND ok = 0 AND at > ? AND at > ? "
                                "ORDER BY at", (name, now - WINDOW_SECONDS, last_ok)).fetchall()
        return [r[0] for r in rows]

    def locked_until(self, name: str, *, now: float | None = None) -> float | None:
        """When ``name`` may try again (epoch seconds), or ``None`` when not locked."""
        fails = self.failures(name, now=now)
        if len(fails) < MAX_FAILURES:
            return None
        return fails[-MAX_FAILURES] + WINDOW_SECONDS

    def authenticate(self, name: str, password: str, *, now: float | None = None) -> Account:
        """The account when ``password`` is right; ``AuthError`` otherwise or while locked."""
        now = time.time() if now is None else now
        name = unicodedata.normalize("NFKC", str(name or "")).strip()[:64]
        until = self.locked_until(name, now=now)
        if until is not None:
            when = datetime.fromtimestamp(until, UTC).strftime("%H:%M UTC")
            raise AuthError(f"too many failed sign-ins for {name!r}; try again after {when} / "
                            f"サインインの失敗が多すぎます。{when} 以降にお試しください")
        row = self._db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        ok = False
        try:
            # an unknown name still costs one verification, so timing does not tell names apart
            ok = self._ph.verify(row["password_hash"] if row else _dummy_hash(
                (self._ph.time_cost, self._ph.memory_cost, self._ph.parallelism)), str(password or ""))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        ok = bool(ok and row is not None)
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT INTO login_attempts (name, at, ok) VALUES (?,?,?)", (name, now, int(ok)))
            self._db.execute("DELETE FROM login_attempts WHERE at < ?", (now - 30 * 86400,))
            if ok and self._ph.check_needs_rehash(row["password_hash"]):
                self._db.execute("UPDATE users SET password_hash = ? WHERE name = ?",
                                 (self._ph.hash(password), name))
        if not ok:
            raise AuthError(WRONG_PASSWORD)
        return Account(row["name"], row["role"], row["created_at"], row["updated_at"])


@functools.lru_cache(maxsize=4)
def _dummy_hash(params: tuple) -> str:
    t, m, p = params
    return PasswordHasher(time_cost=t, memory_cost=m, parallelism=p).hash("renkei-no-such-user")
