"""Accounts, roles and sign-in, with failed sign-ins rate-limited by name and by source.

Three roles, each allowed what the one before it may do:

- ``viewer`` 閲覧者 — explore the network;
- ``editor`` 編集者 — add and edit organisations and ties;
- ``admin`` 管理者 — manage users, import files, undo changes, settings.

Passwords are stored only as Argon2id hashes (argon2-cffi, salted; the
plain password is never written anywhere).  Accounts live in the store itself,
whichever it is (the SQLite file's ``users`` table, or ``(:Account)`` nodes in
Neo4j), reached through ``store.accounts()`` (:mod:`network.store.accounts`):
every ``renkei`` command and the app see the same accounts from any folder.

An account name is one identity with its look-alikes (case, NFKC width, and
confusable letters of other scripts: :func:`network.store.accounts.name_key`).
The last admin can be neither demoted nor removed.

After ``MAX_FAILURES`` failed sign-ins for one name within ``WINDOW_SECONDS``
the name is locked until the oldest of them is older than the window; a
successful sign-in clears that count.  After ``MAX_SOURCE_FAILURES`` failures
from one source (the client's address) within the window, that source is
throttled the same way, whatever names it tries (a password spray); a success
does not clear this count.  Unknown names are counted too, and get the same
answer as a wrong password.

Examples
--------
>>> from network.store.sqlite import SQLiteStore
>>> users = UserStore(SQLiteStore(":memory:"))
>>> users.add("sato", "correct horse 1", "editor").role
'editor'
>>> users.authenticate("Sato", "correct horse 1", source="127.0.0.1").name
'sato'
>>> has_role("editor", "viewer"), has_role("viewer", "editor")
(True, False)
"""

from __future__ import annotations

import builtins
import functools
import os
import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from network.errors import AuthError, ValidationError
from network.store.accounts import NO_USER, AccountsBackend, name_key

if TYPE_CHECKING:
    from network.store.base import Store

__all__ = [
    "ROLES",
    "Account",
    "UserStore",
    "has_role",
    "users_for",
    "name_key",
    "MAX_FAILURES",
    "MAX_SOURCE_FAILURES",
    "WINDOW_SECONDS",
    "MIN_PASSWORD",
    "WRONG_PASSWORD",
]

ROLES = ("viewer", "editor", "admin")
MAX_FAILURES = int(os.environ.get("RENKEI_LOGIN_MAX_FAILURES", "5"))
MAX_SOURCE_FAILURES = int(os.environ.get("RENKEI_LOGIN_MAX_SOURCE_FAILURES", "20"))
WINDOW_SECONDS = float(os.environ.get("RENKEI_LOGIN_WINDOW_SECONDS", str(15 * 60)))
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
WRONG_PASSWORD = "wrong user name or password / ユーザー名またはパスワードが違います"
_NAME = re.compile(r"^[\w.@\-]{1,64}$")
_KEEP_ATTEMPTS = 30 * 86400  # seconds of sign-in attempts kept


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


_SHARED: dict[tuple, object] = {}
_SHARED_LOCK = threading.Lock()


def _shared_neo4j(url: str) -> object:
    """One Neo4j store (one driver) per address and credentials for the whole process.

    The app asks for the accounts several times per page; opening a driver each
    time would cost a connection and the schema check (0.1–0.3 s against ArcadeDB).
    """
    from network.store import open_store

    key = (url, *(os.environ.get(f"RENKEI_NEO4J_{k}") for k in ("USER", "PASSWORD", "DATABASE")))
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = open_store(url)
        return _SHARED[key]


def users_for(store: object | None = None) -> UserStore:
    """The accounts of ``store``: an open store, a store URL, or ``None`` for ``RENKEI_STORE``.

    A SQLite URL is opened here and closed with the returned :class:`UserStore`;
    a Neo4j URL shares one store (one driver) per process.
    """
    from network.store import default_store_url, is_neo4j_url

    store = default_store_url() if store is None else store
    if isinstance(store, str) and is_neo4j_url(store):
        return UserStore(_shared_neo4j(store))
    return UserStore(store)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _clean_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", str(name or "")).strip()
    if not _NAME.match(name):
        raise ValidationError(
            f"user name {name!r}: 1–64 letters, digits, '.', '_', '-' or '@' / ユーザー名は英数字と . _ - @ で64字まで"
        )
    return name


def _check_password(password: str) -> str:
    if not isinstance(password, str) or not (MIN_PASSWORD <= len(password) <= MAX_PASSWORD):
        raise ValidationError(
            f"a password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters / パスワードは{MIN_PASSWORD}文字以上"
        )
    return password


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(f"unknown role {role!r}: viewer, editor or admin / 権限は viewer, editor, admin")
    return role


def _account(row: dict) -> Account:
    return Account(row["name"], row["role"], row["created_at"], row["updated_at"])


class UserStore:
    """The accounts of one store, with the rules: hashing, look-alike names, lock-outs, last admin.

    Parameters
    ----------
    where : store, accounts backend, str or Path
        An open store (its ``accounts()`` are used; the store stays open after
        :meth:`close`), a :class:`network.store.accounts.AccountsBackend`, or a
        store URL / SQLite path (opened here and closed by :meth:`close`).
    hasher : argon2.PasswordHasher, optional
        Defaults to argon2-cffi's recommended Argon2id parameters.
    """

    def __init__(self, where: object, *, hasher: PasswordHasher | None = None) -> None:
        self._ph = hasher or PasswordHasher()
        self._owned: Store | None = None
        if isinstance(where, str | Path):
            from network.store import open_store

            where = self._owned = open_store(str(where))
        try:
            backend = where.accounts() if hasattr(where, "accounts") else where
            self._db = cast(AccountsBackend, backend)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()
            self._owned = None

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ admin
    def add(self, name: str, password: str, role: str = "viewer", *, by: str = "system") -> Account:
        """Create an account.  ``ValidationError`` on a bad name, role or password, or a name taken by a look-alike."""
        name = _clean_name(name)
        _check_role(role)
        digest = self._ph.hash(_check_password(password))
        now = _now()
        self._db.create(
            {
                "name": name,
                "key": name_key(name),
                "role": role,
                "password_hash": digest,
                "created_at": now,
                "updated_at": now,
            },
            by=by,
        )
        return Account(name, role, now, now)

    def get(self, name: str) -> Account | None:
        """The account ``name`` (or a look-alike of it) names, or ``None``."""
        row = self._db.get(name_key(str(name or "")[:256]))
        return None if row is None else _account(row)

    def list(self) -> list[Account]:
        return [_account(r) for r in self._db.list()]

    def count(self) -> int:
        return self._db.count()

    def _key(self, name: str) -> str:
        key = name_key(str(name or "")[:256])
        if self._db.get(key) is None:
            raise ValidationError(NO_USER.format(name=name))
        return key

    def remove(self, name: str, *, by: str = "system") -> None:
        """Delete an account (recorded in the history).  The last admin cannot be removed."""
        self._db.delete(self._key(name), by=by, now=_now())

    def set_password(self, name: str, password: str, *, by: str = "system") -> Account:
        digest = self._ph.hash(_check_password(password))
        return _account(self._db.update(self._key(name), by=by, password_hash=digest, now=_now()))

    def set_role(self, name: str, role: str, *, by: str = "system") -> Account:
        """Change a role.  The last admin cannot be demoted (that would re-open local mode)."""
        _check_role(role)
        return _account(self._db.update(self._key(name), by=by, role=role, now=_now()))

    # ------------------------------------------------------------------ sign-in
    def failures(self, name: str, *, now: float | None = None) -> builtins.list[float]:
        """Times of failed sign-ins for ``name`` (and its look-alikes) within the window since its last success."""
        now = time.time() if now is None else now
        return self._db.failures(name_key(str(name or "")[:256]), now - WINDOW_SECONDS)

    def locked_until(self, name: str, *, now: float | None = None, source: str | None = None) -> float | None:
        """When ``name`` (from ``source``) may try again (epoch seconds), or ``None`` when not locked."""
        now = time.time() if now is None else now
        until: builtins.list[float] = []
        fails = self.failures(name, now=now)
        if len(fails) >= MAX_FAILURES:
            until.append(fails[-MAX_FAILURES] + WINDOW_SECONDS)
        if source:
            sfails = self._db.source_failures(str(source), now - WINDOW_SECONDS)
            if len(sfails) >= MAX_SOURCE_FAILURES:
                until.append(sfails[-MAX_SOURCE_FAILURES] + WINDOW_SECONDS)
        return max(until) if until else None

    def authenticate(self, name: str, password: str, *, source: str | None = None, now: float | None = None) -> Account:
        """The account when ``password`` is right; ``AuthError`` otherwise or while locked.

        ``source`` is where the attempt comes from (the client's address); failures
        are counted per name and per source.
        """
        now = time.time() if now is None else now
        key = name_key(str(name or "")[:256])
        source = str(source or "")[:256]
        until = self.locked_until(name, now=now, source=source or None)
        if until is not None:
            when = datetime.fromtimestamp(until, UTC).strftime("%H:%M UTC")
            raise AuthError(
                f"too many failed sign-ins; try again after {when} / "
                f"サインインの失敗が多すぎます。{when} 以降にお試しください"
            )
        row = self._db.get(key)
        ok = False
        try:
            # an unknown name still costs one verification, so timing does not tell names apart
            ok = self._ph.verify(
                row["password_hash"]
                if row
                else _dummy_hash((self._ph.time_cost, self._ph.memory_cost, self._ph.parallelism)),
                str(password or ""),
            )
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        ok = bool(ok and row is not None)
        self._db.record_attempt(key, source, now, ok, forget_before=now - _KEEP_ATTEMPTS)
        if not ok or row is None:
            raise AuthError(WRONG_PASSWORD)
        if self._ph.check_needs_rehash(row["password_hash"]):
            self._db.update(key, by="system", password_hash=self._ph.hash(password), now=_now(), audited=False)
        return _account(row)


@functools.lru_cache(maxsize=4)
def _dummy_hash(params: tuple) -> str:
    t, m, p = params
    return PasswordHasher(time_cost=t, memory_cost=m, parallelism=p).hash("renkei-no-such-user")
