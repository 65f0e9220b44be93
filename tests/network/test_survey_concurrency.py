"""8 respondents answering at once lose nothing: 8 processes on one SQLite file, 8 threads on Neo4j.

Each respondent opens its own link with its own store connection, saves an answer about
each of the 11 other organisations, revises each one (strength 1 → the partner's number
mod 5 + 1), writes its comment and submits.  Afterwards every respondent has exactly its 11
answers with the revised values, and is counted as answered: 8 × 11 = 88 answers.
"""

from __future__ import annotations

import multiprocessing as mp
import threading

import pytest

from network.model import Org
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore
from network.survey.model import Answer
from network.survey.rounds import create_round, issue_links, open_link, status
from tests.network.bolt_server import bolt_server, clear_database  # noqa: F401  (fixture)

R = "同時回答テスト"
N_ORGS, N_RESPONDENTS = 12, 8


def _setup(store) -> list[str]:
    store.write(ChangeSet(orgs=[Org(f"o{i:02d}", f"団体{i:02d}", "npo") for i in range(N_ORGS)]))
    create_round(store, R, 2024, close_date="2099-03-31")
    links = issue_links(store, R)
    return [x["url"].split("token=")[1] for x in links[:N_RESPONDENTS]]


def _respond(store, token: str) -> None:
    s = open_link(store, token)
    for pid, _ in s.partners():
        s.save(Answer("", "", partner=pid, strength=1, types=["collaboration"], trust_openness=2))
    for pid, _ in s.partners():
        s.save(
            Answer(
                "",
                "",
                partner=pid,
                strength=int(pid[1:]) % 5 + 1,
                types=["information"],
                trust_openness=4,
                note=f"{s.org}→{pid}",
            )
        )
    s.save_response(["information"], f"{s.org} のコメント", submit=True)


def sqlite_worker(path: str, token: str) -> None:
    store = SQLiteStore(path)
    try:
        _respond(store, token)
    finally:
        store.close()


def _check(store, tokens: list[str]) -> None:
    answers = store.survey().answers(R)
    assert len(answers) == N_RESPONDENTS * (N_ORGS - 1)  # 88
    for a in answers:
        assert a.strength == int(a.partner[1:]) % 5 + 1 and a.types == ["information"]
        assert a.trust_openness == 4 and a.note == f"{a.respondent}→{a.partner}"
    st = status(store, R)
    assert (st["invited"], st["answered"]) == (N_ORGS, N_RESPONDENTS)
    assert {r.comment for r in store.survey().responses(R)} == {f"o{i:02d} のコメント" for i in range(8)}


@pytest.mark.slow
def test_eight_processes_on_sqlite(tmp_path):
    path = str(tmp_path / "c.db")
    store = SQLiteStore(path)
    tokens = _setup(store)
    store.close()
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=sqlite_worker, args=(path, t)) for t in tokens]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    assert [p.exitcode for p in procs] == [0] * N_RESPONDENTS
    store = SQLiteStore(path)
    _check(store, tokens)
    store.close()


@pytest.mark.neo4j
def test_eight_threads_on_neo4j(bolt_server):  # noqa: F811
    from network.store.neo4j import Neo4jStore

    clear_database(bolt_server)

    def open_neo():  # noqa: ANN202
        return Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)

    store = open_neo()
    tokens = _setup(store)
    errors: list[BaseException] = []

    def run(token: str) -> None:
        own = open_neo()  # a connection (driver) of its own
        try:
            _respond(own, token)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    _check(store, tokens)
    store.close()
