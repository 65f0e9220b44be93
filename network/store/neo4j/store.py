"""The Neo4j store: a partnership network in Neo4j (self-hosted, cluster or Aura).

Same Protocol and semantics as :class:`network.store.sqlite.SQLiteStore`
(upsert by id, created/updated/unchanged counts, audit with before/after,
soft delete, ``load_graph`` conventions of :mod:`network.store.base`), through
the official ``neo4j`` driver:

- the store owns one driver and closes it in :meth:`Neo4jStore.close` (or at
  interpreter exit, whichever comes first);
- uniqueness constraints and indexes are created ``IF NOT EXISTS`` on connect;
- every write is one managed transaction (``session.execute_write``), with
  idempotent ``UNWIND $rows … MERGE`` batches of ``batch_size`` rows; it first
  writes the audit counter node, so writers take turns (as with SQLite's
  ``BEGIN IMMEDIATE``) and the created/updated/unchanged counts stay exact; a
  ``ConstraintError`` from two writers merging the same key at once (ArcadeDB
  raises it instead of waiting) is retried;
- every query is a constant of :mod:`network.store.neo4j.cypher`; values are parameters.

The graph model is described in :mod:`network.store.neo4j.cypher`; the writes (and undo) are
:class:`network.store.neo4j.write.Writes`, mixed in.

Examples
--------
With a Bolt server listening (the tests start one; see tests/network/bolt_server.py)::

    store = Neo4jStore.from_url("bolt://127.0.0.1:7687")
    store.write(ChangeSet(orgs=[Org("a", "れんぷく", "intermediary")])).created   # 1
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
import weakref
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import neo4j
import networkx as nx
from neo4j import exceptions as neo4j_exc

from network.errors import ConflictError, NotFound, StoreError
from network.model import Activity, Org, Participation, Tie, as_of_label, as_of_period, tie_active
from network.store.base import AuditEntry
from network.store.neo4j import cypher as Q
from network.store.neo4j.tx import custom_from_prop, find_ties, org_from_props, tie_from_props
from network.store.neo4j.write import Writes

__all__ = ["Neo4jStore", "Neo4jUnavailable", "Neo4jCredentialsRejected", "DEFAULT_BATCH_SIZE"]

#: Rows per ``UNWIND`` statement (see bench/bench_neo4j.py for the measurements behind it).
DEFAULT_BATCH_SIZE = 2000
_CONSTRAINT_RETRIES = 6
# The driver logs each transaction it retries at WARNING; with no logging configured Python
# would print those to stderr.  They are not user messages: keep them for whoever configures logging.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
_TIE_DEFAULTS = {f.name: None if f.default is MISSING else f.default for f in fields(Tie)}


class Neo4jUnavailable(StoreError):
    """The Neo4j server could not be reached."""


class Neo4jCredentialsRejected(StoreError):
    """The Neo4j server refused the user name or password."""


def _first_line(text: object) -> str:
    lines = str(text).strip().splitlines()
    return lines[0] if lines else ""


class Neo4jStore(Writes):
    """A partnership network in a Neo4j database (see module docstring).

    Parameters
    ----------
    uri : str
        ``neo4j://``, ``neo4j+s://``, ``bolt://`` or ``bolt+s://`` address.
    user, password : str
        Credentials.
    database : str
        Database name (``neo4j`` on a default install and on Aura).
    batch_size : int
        Rows per ``UNWIND`` statement.
    """

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str = "",
        database: str = "neo4j",
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        connection_timeout: float = 10.0,
    ) -> None:
        self.uri = uri
        self.url = uri
        self.user = user
        self.database = database
        self.batch_size = int(batch_size)
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), connection_timeout=connection_timeout, max_transaction_retry_time=30.0
            )
        except (ValueError, neo4j_exc.ConfigurationError) as exc:
            raise StoreError(f"invalid Neo4j address {uri!r}: {_first_line(exc)}") from exc
        self._finalizer = weakref.finalize(self, self._driver.close)
        try:
            self._driver.verify_connectivity()
            self._ensure_schema()
        except BaseException as exc:
            self.close()
            if isinstance(exc, neo4j_exc.Neo4jError | neo4j_exc.DriverError):
                raise self._error(exc) from exc
            raise

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> Neo4jStore:
        """Open the store at ``url`` with credentials from the environment.

        ``RENKEI_NEO4J_USER`` (default ``neo4j``), ``RENKEI_NEO4J_PASSWORD``, and
        ``RENKEI_NEO4J_DATABASE`` (default: the URL's path, else ``neo4j``).

        For example ``Neo4jStore.from_url("bolt://db.example:7687/renkei")`` opens database ``renkei``.
        """
        parts = urlsplit(url)
        path_db = parts.path.strip("/")
        address = urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], "", parts.query, ""))
        return cls(
            address,
            os.environ.get("RENKEI_NEO4J_USER") or "neo4j",
            os.environ.get("RENKEI_NEO4J_PASSWORD") or "",
            os.environ.get("RENKEI_NEO4J_DATABASE") or path_db or "neo4j",
            **kwargs,
        )

    # ------------------------------------------------------------------ plumbing
    def _error(self, exc: Exception) -> StoreError:
        """One-line store error for a driver exception."""
        if isinstance(exc, neo4j_exc.AuthError):
            return Neo4jCredentialsRejected(
                f"Neo4j refused the credentials for user {self.user!r} at {self.uri} "
                "(check RENKEI_NEO4J_USER / RENKEI_NEO4J_PASSWORD)"
            )
        if isinstance(exc, neo4j_exc.ServiceUnavailable | neo4j_exc.SessionExpired):
            return Neo4jUnavailable(f"Neo4j server unreachable at {self.uri}")
        if isinstance(exc, neo4j_exc.ConstraintError):
            return ConflictError(f"Neo4j rejected the write (constraint): {_first_line(exc.message)}")
        if isinstance(exc, neo4j_exc.Neo4jError):
            if exc.code and exc.code.endswith("DatabaseNotFound"):
                return StoreError(f"Neo4j database {self.database!r} does not exist at {self.uri}")
            return StoreError(f"Neo4j error at {self.uri}: {exc.code}: {_first_line(exc.message)}")
        return StoreError(f"Neo4j driver error at {self.uri}: {_first_line(exc)}")

    def _session(self) -> neo4j.Session:
        # the bookmark manager execute_query reads with: a read after a write sees it, on a cluster too
        return self._driver.session(
            database=self.database, bookmark_manager=self._driver.execute_query_bookmark_manager
        )

    def _ensure_schema(self) -> None:
        from network.store.neo4j.accounts import SCHEMA as ACCOUNTS_SCHEMA

        with self._session() as s:
            for stmt in Q.SCHEMA + ACCOUNTS_SCHEMA:
                try:
                    s.run(stmt).consume()
                except neo4j_exc.ClientError as exc:  # a concurrent connect created it first
                    if "AlreadyExists" not in (exc.code or ""):
                        raise

    def accounts(self):  # noqa: ANN201 - network.store.accounts.AccountsBackend
        """The accounts kept in this graph database (see :mod:`network.store.neo4j.accounts`)."""
        from network.store.neo4j.accounts import Neo4jAccounts

        return Neo4jAccounts(self)

    def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        try:
            records, _, _ = self._driver.execute_query(
                query, parameters_=params, database_=self.database, routing_=neo4j.RoutingControl.READ
            )
        except (neo4j_exc.Neo4jError, neo4j_exc.DriverError) as exc:
            raise self._error(exc) from exc
        return records

    def _write(self, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        """Run ``work`` in one managed write transaction, retried on a racing MERGE."""
        delay = 0.05
        for attempt in range(_CONSTRAINT_RETRIES):
            try:
                with self._session() as s:
                    return s.execute_write(work)
            except neo4j_exc.ConstraintError as exc:
                if attempt == _CONSTRAINT_RETRIES - 1:
                    raise self._error(exc) from exc
                time.sleep(delay * (1 + random.random()))
                delay *= 2
            except (neo4j_exc.Neo4jError, neo4j_exc.DriverError) as exc:
                raise self._error(exc) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        """Close the driver (idempotent)."""
        self._finalizer()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reads
    def get_org(self, org_id: str) -> Org:
        rows = self._read(Q.GET_ORG, id=org_id)
        if not rows:
            raise NotFound(f"no organisation with id {org_id!r}")
        return org_from_props(rows[0]["p"])

    def is_deleted(self, org_id: str) -> bool:
        rows = self._read(Q.GET_ORG, id=org_id)
        if not rows:
            raise NotFound(f"no organisation with id {org_id!r}")
        return bool(rows[0]["p"].get("deleted", False))

    def get_tie(self, tie_id: str) -> Tie:
        found = find_ties(self._read, [tie_id])
        if tie_id not in found:
            raise NotFound(f"no tie with id {tie_id!r}")
        return found[tie_id]

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
        rows = self._read(
            Q.ORGS,
            all=bool(include_deleted),
            sector=sector or None,
            district=district or None,
            city=city or None,
            search=search.lower() if search else None,
        )
        return sorted((org_from_props(r["p"]) for r in rows), key=lambda o: (o.name, o.id))

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
        first, last = as_of_period(as_of)  # a fiscal year is its April–March period
        rows = self._read(
            Q.TIES,
            org=org or None,
            type=type or None,
            sector=sector or None,
            district=district or None,
            first=first,
            last=last,
        )
        return sorted((tie_from_props(r["source"], r["target"], r["p"]) for r in rows), key=lambda t: t.id)

    def activities(self) -> list[Activity]:
        rows = self._read(Q.ACTIVITIES)
        return sorted(
            (Activity(**{k: r["p"].get(k) for k in Activity.__dataclass_fields__}) for r in rows), key=lambda a: a.id
        )

    def participations(self) -> list[Participation]:
        rows = sorted((r["org"], r["activity"], r["role"] or "", r["date"] or "") for r in self._read(Q.PARTICIPATIONS))
        return [Participation(o, a, role, d or None) for o, a, role, d in rows]

    def audit(
        self, *, entity_id: str | None = None, batch: str | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
        """Recorded changes, newest first."""
        if limit:
            rows = self._read(Q.AUDIT_LIMIT, entity_id=entity_id, batch=batch, limit=int(limit))
        else:
            rows = self._read(Q.AUDIT, entity_id=entity_id, batch=batch)
        out = []
        for r in rows:
            p = r["p"]
            out.append(
                AuditEntry(
                    int(p["id"]),
                    p["at"],
                    p["user"],
                    p["action"],
                    p["entity"],
                    p["entity_id"],
                    json.loads(p["before"]) if p.get("before") else None,
                    json.loads(p["after"]) if p.get("after") else None,
                    p.get("batch", ""),
                )
            )
        return out

    def revision(self) -> int:
        """A number that grows with every write (the last audit id)."""
        rows = self._read(Q.REVISION)
        return int(rows[0]["v"]) if rows and rows[0]["v"] is not None else 0

    def counts(self) -> dict[str, int]:
        row = self._read(Q.COUNTS)[0]
        return {k: int(row[k]) for k in ("orgs", "ties", "activities", "participations", "audit")}

    def load_graph(self, as_of: str | int | None = None) -> nx.MultiDiGraph:
        """The whole network as a MultiDiGraph (conventions in ``network.store.base``).

        Ties active on ``as_of`` only, when given (a day, or at some time in a fiscal year, as
        :func:`network.analysis.views.filter_graph` keeps them); organisations deleted are left out.
        """
        first, last = as_of_period(as_of)  # a fiscal year is its April–March period
        G = nx.MultiDiGraph(as_of=as_of_label(as_of))
        for r in self._read(Q.LIVE_ORGS):
            d = org_from_props(r["p"]).to_dict()
            G.add_node(d.pop("id"), **d)
        edges = []
        for r in self._read(Q.ALL_TIES):
            source, target = r["source"], r["target"]
            if source not in G or target not in G:
                continue  # a deleted organisation's tie
            d = {k: _TIE_DEFAULTS[k] if v is None else v for k, v in zip(Q.ALL_TIES_FIELDS, r["v"], strict=True)}
            if first is not None and not tie_active(d, first, last):
                continue
            d["directed"] = bool(d["directed"])
            d["custom"] = custom_from_prop(d["custom"])
            edges.append((source, target, d.pop("id"), d))
        G.add_edges_from(sorted(edges, key=lambda e: e[2]))
        return G

    # ------------------------------------------------------------------ survey (network.survey)
    def survey(self):  # noqa: ANN201 - a network.store.neo4j.survey.Neo4jSurvey
        """Survey rounds, links and answers kept in this database (:mod:`network.store.neo4j.survey`)."""
        from network.store.neo4j.survey import Neo4jSurvey

        return Neo4jSurvey(self)
