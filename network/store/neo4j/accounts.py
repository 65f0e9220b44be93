"""Accounts in the Neo4j store: ``(:Account)`` and ``(:LoginAttempt)`` nodes in the graph database.

- ``(:Account {key, name, role, password_hash, created_at, updated_at})``, unique
  ``key`` (the folded name, :func:`network.store.accounts.name_key`; constraint
  ``renkei_account_key`` in :data:`network.store.neo4j.cypher.SCHEMA`);
- ``(:LoginAttempt {key, source, at, ok})``, indexed by ``key``, ``source`` and ``at``.

Each change runs in one managed write transaction of the store that first takes
the store's writer lock (the audit counter, as every write does), checks the
last-admin rule, changes the node and appends the audit entry (entity ``user``,
never the hash).  Every value is a parameter.

>>> "$key" in GET and "$props" in CREATE
True
"""

from __future__ import annotations

from typing import Any

from network.errors import ValidationError
from network.store.accounts import LAST_ADMIN, NO_USER, TAKEN, LastAdminError, audit_state
from network.store.base import WriteResult

__all__ = ["Neo4jAccounts", "SCHEMA"]

SCHEMA = [
    "CREATE CONSTRAINT renkei_account_key IF NOT EXISTS FOR (a:Account) REQUIRE a.key IS UNIQUE",
    "CREATE INDEX renkei_login_key IF NOT EXISTS FOR (l:LoginAttempt) ON (l.key)",
    "CREATE INDEX renkei_login_source IF NOT EXISTS FOR (l:LoginAttempt) ON (l.source)",
    "CREATE INDEX renkei_login_at IF NOT EXISTS FOR (l:LoginAttempt) ON (l.at)",
]
GET = "MATCH (a:Account {key: $key}) RETURN properties(a) AS p"
LIST = "MATCH (a:Account) RETURN properties(a) AS p"
COUNT = "MATCH (a:Account) RETURN count(a) AS n"
COUNT_ADMINS = "MATCH (a:Account) WHERE a.role = 'admin' RETURN count(a) AS n"
TAKEN_BY = "MATCH (a:Account) WHERE a.key = $key OR a.name = $name RETURN a.name AS name LIMIT 1"
CREATE = "CREATE (a:Account) SET a = $props"
UPDATE = "MATCH (a:Account {key: $key}) SET a.role = $role, a.password_hash = $hash, a.updated_at = $now"
DELETE = "MATCH (a:Account {key: $key}) DELETE a"
ADD_ATTEMPT = "CREATE (l:LoginAttempt) SET l = $props"
FORGET_ATTEMPTS = "MATCH (l:LoginAttempt) WHERE l.at < $before DELETE l"
LAST_SUCCESS = "MATCH (l:LoginAttempt {key: $key}) WHERE l.ok = true RETURN max(l.at) AS at"
FAILURES = "MATCH (l:LoginAttempt {key: $key}) WHERE l.ok = false AND l.at > $since RETURN l.at AS at"
SOURCE_FAILURES = "MATCH (l:LoginAttempt {source: $source}) WHERE l.ok = false AND l.at > $since RETURN l.at AS at"

_FIELDS = ("name", "key", "role", "password_hash", "created_at", "updated_at")


def _account(p: dict) -> dict:
    return {k: p.get(k) for k in _FIELDS}


class Neo4jAccounts:
    """The :class:`~network.store.accounts.AccountsBackend` of a :class:`~network.store.neo4j.Neo4jStore`."""

    def __init__(self, store) -> None:  # noqa: ANN001 - a Neo4jStore
        self._store = store

    def _change(self, by: str, now: str, work: Any) -> Any:
        """Run ``work(tx, w)`` in one write transaction with the writer lock; audit rows appended after."""
        from network.store.neo4j.tx import WriteWork

        def tx_work(tx: Any) -> Any:
            w = WriteWork(tx, by, now, self._store.batch_size, WriteResult(batch=""))
            w.lock()
            out = work(tx, w)
            w.append_audit()
            return out

        return self._store._write(tx_work)

    @staticmethod
    def _locked_get(tx: Any, key: str) -> dict:
        rec = tx.run(GET, key=key).single()
        if rec is None:
            raise ValidationError(NO_USER.format(name=key))
        return _account(rec["p"])

    @staticmethod
    def _check_admins(tx: Any, acc: dict) -> None:
        if acc["role"] == "admin" and tx.run(COUNT_ADMINS).single()["n"] <= 1:
            raise LastAdminError(LAST_ADMIN.format(name=acc["name"]))

    # ------------------------------------------------------------------ reads
    def get(self, key: str) -> dict | None:
        rows = self._store._read(GET, key=key)
        return _account(rows[0]["p"]) if rows else None

    def list(self) -> list[dict]:
        return sorted((_account(r["p"]) for r in self._store._read(LIST)), key=lambda a: a["name"])

    def count(self) -> int:
        return int(self._store._read(COUNT)[0]["n"])

    # ------------------------------------------------------------------ changes
    def create(self, account: dict, *, by: str) -> None:
        def work(tx: Any, w: Any) -> None:
            other = tx.run(TAKEN_BY, key=account["key"], name=account["name"]).single()
            if other is not None:
                raise ValidationError(TAKEN.format(name=account["name"], other=other["name"]))
            tx.run(CREATE, props={k: account[k] for k in _FIELDS}).consume()
            w.audit.append((w.now, by, "create", "user", account["name"], None, audit_state(account)))

        self._change(by, account["created_at"], work)

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
        def work(tx: Any, w: Any) -> dict:
            acc = self._locked_get(tx, key)
            if role is not None and role != "admin":
                self._check_admins(tx, acc)
            new = dict(
                acc,
                role=role or acc["role"],
                password_hash=password_hash or acc["password_hash"],
                updated_at=now if audited else acc["updated_at"],
            )
            tx.run(UPDATE, key=key, role=new["role"], hash=new["password_hash"], now=new["updated_at"]).consume()
            if audited:
                extra = {"password": "changed"} if password_hash else {}
                w.audit.append((now, by, "update", "user", acc["name"], audit_state(acc), audit_state(new, **extra)))
            return new

        return self._change(by, now, work)

    def delete(self, key: str, *, by: str, now: str) -> dict:
        def work(tx: Any, w: Any) -> dict:
            acc = self._locked_get(tx, key)
            self._check_admins(tx, acc)
            tx.run(DELETE, key=key).consume()
            w.audit.append((now, by, "delete", "user", acc["name"], audit_state(acc), None))
            return acc

        return self._change(by, now, work)

    # ------------------------------------------------------------------ sign-in attempts
    def record_attempt(self, key: str, source: str, at: float, ok: bool, *, forget_before: float) -> None:
        def work(tx: Any) -> None:
            tx.run(ADD_ATTEMPT, props={"key": key, "source": source, "at": float(at), "ok": bool(ok)}).consume()
            tx.run(FORGET_ATTEMPTS, before=float(forget_before)).consume()

        self._store._write(work)

    def failures(self, key: str, since: float) -> list[float]:
        last = self._store._read(LAST_SUCCESS, key=key)
        last_ok = last[0]["at"] if last and last[0]["at"] is not None else 0.0
        return sorted(r["at"] for r in self._store._read(FAILURES, key=key, since=float(max(since, last_ok))))

    def source_failures(self, source: str, since: float) -> list[float]:
        return sorted(r["at"] for r in self._store._read(SOURCE_FAILURES, source=source, since=float(since)))
