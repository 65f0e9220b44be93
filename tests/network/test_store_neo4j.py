"""The Neo4j store against a real Bolt server: the shared contract, plus Neo4j's own behaviour.

The server is ArcadeDB's (``arcadedb-embedded`` wheel) started once per session by
the ``bolt_server`` fixture, or the Neo4j 5 named by ``RENKEI_TEST_NEO4J_URI``.
Every test starts from an empty database.
"""

from __future__ import annotations

import threading

import neo4j
import networkx as nx
import pytest

from network.errors import ConflictError, StoreError
from network.model import Org, Tie
from network.store import open_store
from network.store.base import ChangeSet
from network.store.copy import copy_store
from network.store.neo4j import Neo4jCredentialsRejected, Neo4jStore, Neo4jUnavailable
from network.store.sqlite import SQLiteStore
from tests.network.bolt_server import bolt_server, clear_database  # noqa: F401  (fixture)
from tests.network.store_contract import StoreContract, sample_changes
from tests.network.undo_contract import UndoContract

pytestmark = pytest.mark.neo4j


@pytest.fixture
def neo(bolt_server):  # noqa: F811
    clear_database(bolt_server)
    s = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
    yield s
    s.close()


class TestNeo4jStore(StoreContract):
    @pytest.fixture
    def store(self, neo):
        return neo


class TestNeo4jUndo(UndoContract):
    """Undo, redo and dependents on the Bolt server: the same contract as the SQLite store's."""

    @pytest.fixture
    def store(self, neo):
        return neo


def _graph_without(G: nx.MultiDiGraph, *skip: str) -> tuple[dict, dict]:
    nodes = {n: {k: v for k, v in d.items() if k not in skip} for n, d in G.nodes(data=True)}
    edges = {(u, v, k): {a: b for a, b in d.items() if a not in skip} for u, v, k, d in G.edges(keys=True, data=True)}
    return nodes, edges


def _typed(G: nx.MultiDiGraph) -> tuple[dict, dict]:
    """Nodes and edges with each value's type beside it, timestamps left out (they are 'now')."""
    nodes, edges = _graph_without(G, "created_at", "updated_at")
    return (
        {n: {k: (type(v).__name__, v) for k, v in d.items()} for n, d in nodes.items()},
        {e: {k: (type(v).__name__, v) for k, v in d.items()} for e, d in edges.items()},
    )


def test_load_graph_equals_the_sqlite_store_for_the_same_data(neo, tmp_path):
    from renkei.data.generate import generate

    orgs, ties = generate(300, 1200, seed=5)
    lite = SQLiteStore(tmp_path / "same.db")
    for store in (lite, neo):
        store.write(ChangeSet(orgs=orgs, ties=ties))
        store.delete_org(orgs[0].id)
        store.end_tie(ties[1].id, "2030-03-31")
    for as_of in (None, "2015-06-01", "2020-04-01", "2030-04-01"):
        want, got = lite.load_graph(as_of), neo.load_graph(as_of)
        assert got.graph == want.graph == {"as_of": as_of}
        assert _typed(got) == _typed(want)
    assert neo.load_graph().number_of_edges() > 1000  # most of the 1,200 ties survive the deleted org
    assert neo.counts() == lite.counts()
    lite.close()


def test_constraints_exist_after_connect(neo, bolt_server):  # noqa: F811
    with neo4j.GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password)) as drv:
        rows, _, _ = drv.execute_query("SHOW CONSTRAINTS", database_=bolt_server.database)
    got = {(tuple(r["labelsOrTypes"]), tuple(r["properties"])) for r in rows}
    # network/store/neo4j/cypher.py SCHEMA: one uniqueness constraint per label and per tie type
    for label, prop in [
        ("Organization", "id"),
        ("Activity", "id"),
        ("AuditEntry", "id"),
        ("Counter", "name"),
        ("COLLABORATION", "id"),
        ("FUNDING", "id"),
        ("MEMBERSHIP", "id"),
    ]:
        assert ((label,), (prop,)) in got


def test_relationship_type_per_tie_type(neo, bolt_server):  # noqa: F811
    neo.write(sample_changes())
    with neo4j.GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password)) as drv:
        rows, _, _ = drv.execute_query(
            "MATCH (:Organization)-[r]->(:Organization) RETURN r.id AS id, type(r) AS t", database_=bolt_server.database
        )
    # sample_changes(): t1 commission, t2 funding, t3 collaboration, t4 information
    assert {r["id"]: r["t"] for r in rows} == {
        "t1": "COMMISSION",
        "t2": "FUNDING",
        "t3": "COLLABORATION",
        "t4": "INFORMATION",
    }


def test_changing_a_tie_type_moves_it(neo):
    neo.write(sample_changes())
    t4 = neo.get_tie("t4")
    t4.type = "agreement"
    r = neo.write(ChangeSet(ties=[t4]))
    assert (r.created, r.updated) == (0, 1)
    assert neo.get_tie("t4").type == "agreement"
    assert neo.counts()["ties"] == 4  # moved, not copied
    assert neo.audit(entity_id="t4")[0].before["type"] == "information"


def test_unknown_tie_type_and_bad_strength_are_refused(neo):
    neo.write(sample_changes())
    with pytest.raises(ConflictError, match="unknown tie type"):
        neo.write(ChangeSet(ties=[Tie("x", "a", "b", "friendship")]))
    with pytest.raises(ConflictError, match="between 1 and 5"):
        neo.write(ChangeSet(ties=[Tie("x", "a", "b", "collaboration", strength=9)]))
    assert neo.counts()["ties"] == 4


def test_duplicate_corporate_number_conflicts(neo):
    neo.write(ChangeSet(orgs=[Org("x", "株式会社甲", "company", corporate_number="1234567890123")]))
    with pytest.raises(ConflictError, match="1234567890123"):
        neo.write(ChangeSet(orgs=[Org("y", "株式会社乙", "company", corporate_number="1234567890123")]))
    assert [o.id for o in neo.orgs()] == ["x"]


def test_concurrent_merge_of_the_same_keys_is_retried(neo):
    """Four threads write the same 50 organisations at once; all succeed, 50 are created once."""
    cs = ChangeSet(orgs=[Org(f"o{i}", f"団体{i}", "npo") for i in range(50)])
    results, errors = [], []

    def run() -> None:
        try:
            results.append(neo.write(cs, user="t"))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sum(r.created for r in results) == 50  # each org created by exactly one writer
    assert sum(r.unchanged for r in results) == 150
    assert neo.counts()["orgs"] == 50 and neo.counts()["audit"] == 50
    assert sorted(e.id for e in neo.audit()) == list(range(1, 51))  # the counter never repeats an id


def test_constraint_error_is_retried_then_reported(neo):
    """The retry of ``Neo4jStore._write``: a racing MERGE's ConstraintError runs the work again."""
    calls = []

    def flaky(tx):  # noqa: ANN001
        calls.append(1)
        if len(calls) < 3:
            raise neo4j.exceptions.ConstraintError("Duplicated key [o1] found on index")
        return tx.run("RETURN 7 AS x").single()["x"]

    assert neo._write(flaky) == 7 and len(calls) == 3

    def always(tx):  # noqa: ANN001
        raise neo4j.exceptions.ConstraintError("Duplicated key [o1] found on index")

    with pytest.raises(ConflictError, match="^Neo4j rejected the write \\(constraint\\)"):
        neo._write(always)


def test_wrong_password_is_one_line(bolt_server):  # noqa: F811
    with pytest.raises(Neo4jCredentialsRejected) as info:
        Neo4jStore(bolt_server.uri, bolt_server.user, "wrong-password", bolt_server.database)
    msg = str(info.value)
    assert msg == (
        f"Neo4j refused the credentials for user {bolt_server.user!r} at {bolt_server.uri} "
        "(check RENKEI_NEO4J_USER / RENKEI_NEO4J_PASSWORD)"
    )
    assert "\n" not in msg and isinstance(info.value, StoreError)


def test_unreachable_server_is_one_line():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(Neo4jUnavailable) as info:
        Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", "x", "neo4j", connection_timeout=3)
    assert str(info.value) == f"Neo4j server unreachable at bolt://127.0.0.1:{port}"


def test_missing_database_is_one_line(bolt_server):  # noqa: F811
    with pytest.raises(StoreError) as info:
        Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, "no_such_db")
    assert str(info.value) == f"Neo4j database 'no_such_db' does not exist at {bolt_server.uri}"


def test_routing_scheme_works(neo, bolt_server):  # noqa: F811
    """``neo4j://`` (routing) reaches the same database as ``bolt://``."""
    neo.write(sample_changes())
    uri = bolt_server.uri.replace("bolt://", "neo4j://", 1)
    with Neo4jStore(uri, bolt_server.user, bolt_server.password, bolt_server.database) as routed:
        assert routed.counts()["orgs"] == 4  # sample_changes(): 4 organisations
        assert routed.get_tie("t1").type == "commission"


def test_open_store_reads_credentials_from_the_environment(bolt_server, monkeypatch):  # noqa: F811
    clear_database(bolt_server)
    monkeypatch.setenv("RENKEI_NEO4J_USER", bolt_server.user)
    monkeypatch.setenv("RENKEI_NEO4J_PASSWORD", bolt_server.password)
    monkeypatch.setenv("RENKEI_NEO4J_DATABASE", bolt_server.database)
    store = open_store(bolt_server.uri)
    try:
        assert isinstance(store, Neo4jStore) and store.database == bolt_server.database
        assert store.counts()["orgs"] == 0
    finally:
        store.close()


def test_copy_sqlite_to_bolt_and_back_gives_the_same_graph(neo, tmp_path):
    src = SQLiteStore(tmp_path / "a.db")
    src.write(sample_changes(), user="tanaka")
    src.delete_org("c")  # a deleted organisation stays behind (and so does its tie t2)
    r = copy_store(src, neo, user="copier", batch_size=3)
    assert r.created == 6  # 3 live orgs + t1, t3, t4
    back = SQLiteStore(tmp_path / "b.db")
    copy_store(neo, back)
    # updated_at is the time of each copy; everything else travels as it is
    want = _graph_without(src.load_graph(), "updated_at")
    assert _graph_without(neo.load_graph(), "updated_at") == want
    assert _graph_without(back.load_graph(), "updated_at") == want
    assert _graph_without(back.load_graph("2014-01-01"), "updated_at") == _graph_without(
        src.load_graph("2014-01-01"), "updated_at"
    )
    src.close()
    back.close()


def test_copy_is_idempotent(neo, tmp_path):
    src = SQLiteStore(tmp_path / "a.db")
    src.write(sample_changes())
    first = copy_store(src, neo)
    rev = neo.revision()
    again = copy_store(src, neo)
    assert (first.created, again.created, again.updated, again.unchanged) == (8, 0, 0, 8)
    assert neo.revision() == rev
    src.close()


def test_cli_copy_to_bolt_and_back(neo, bolt_server, tmp_path, monkeypatch, capsys):  # noqa: F811
    from network.cli import main

    monkeypatch.setenv("RENKEI_NEO4J_USER", bolt_server.user)
    monkeypatch.setenv("RENKEI_NEO4J_PASSWORD", bolt_server.password)
    monkeypatch.setenv("RENKEI_NEO4J_DATABASE", bolt_server.database)
    with SQLiteStore(tmp_path / "a.db") as src:
        src.write(sample_changes())
    assert main(["copy", "--from", f"sqlite:///{tmp_path / 'a.db'}", "--to", bolt_server.uri]) == 0
    assert "8 created, 0 updated, 0 unchanged" in capsys.readouterr().out  # 4 orgs + 4 ties
    assert main(["copy", "--from", bolt_server.uri, "--to", f"sqlite:///{tmp_path / 'b.db'}"]) == 0
    assert "destination now has 4 organisations, 4 ties" in capsys.readouterr().out
    with SQLiteStore(tmp_path / "b.db") as back:
        assert back.get_tie("t1").project == "復興支援員事業"
    monkeypatch.setenv("RENKEI_NEO4J_PASSWORD", "wrong")
    assert main(["copy", "--from", bolt_server.uri, "--to", f"sqlite:///{tmp_path / 'c.db'}"]) == 1
    assert capsys.readouterr().err == (
        f"renkei: Neo4j refused the credentials for user {bolt_server.user!r} "
        f"at {bolt_server.uri} (check RENKEI_NEO4J_USER / RENKEI_NEO4J_PASSWORD)\n"
    )
