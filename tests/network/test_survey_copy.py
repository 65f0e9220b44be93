"""``renkei copy`` carries survey rounds: the round, its links (hashes only), answers and responses.

A copied link keeps working in the destination (the same token opens the same organisation's
questionnaire there), a draft stays a draft, and copying twice changes nothing.  SQLite → SQLite, and
SQLite → Neo4j → SQLite (ArcadeDB's Bolt server, marked ``neo4j``).
"""

from __future__ import annotations

import pytest

from network.cli import main
from network.model import Org
from network.store.base import ChangeSet
from network.store.copy import copy_store
from network.store.sqlite import SQLiteStore
from network.survey.model import Answer
from network.survey.paper import import_answers
from network.survey.rounds import create_round, issue_links, open_link
from network.survey.scores import survey_summary
from tests.network.bolt_server import bolt_server, clear_database  # noqa: F401  (fixture)

R = "令和6年度 連携調査"


@pytest.fixture
def src(tmp_path):
    s = SQLiteStore(tmp_path / "src.db")
    s.write(
        ChangeSet(
            orgs=[
                Org("a", "みやぎ連携復興センター", "intermediary"),
                Org("b", "石巻市", "government"),
                Org("c", "渡波地区自治会", "residents_group"),
            ]
        )
    )
    create_round(s, R, 2024, close_date="2099-03-31", user="sato")
    links = {x["org"]: x["url"].split("token=")[1] for x in issue_links(s, R)}
    a = open_link(s, links["a"])
    a.save(Answer("", "", partner="b", strength=4, types=["collaboration"], trust_openness=4, note="メモ"))
    a.save(Answer("", "", partner_name="未登録の会", strength=2))
    a.save_response(["expertise"], "よろしく", submit=True)
    open_link(s, links["b"]).save(Answer("", "", partner="a", strength=2))  # a draft, never submitted
    f = tmp_path / "paper.csv"
    f.write_text("respondent,partner,strength\n渡波地区自治会,石巻市,3\n", encoding="utf-8")
    import_answers(s, R, f)
    create_round(s, "空の調査", 2025, orgs=["a", "b"])  # a round without links or answers
    yield s, links
    s.close()


def _state(store) -> dict:
    sv = store.survey()
    return {r.name: sv.dump(r.name) for r in sv.rounds()}


def _check(src_store, dst, links) -> None:
    assert _state(dst) == _state(src_store)
    assert [r.name for r in dst.survey().rounds()] == [R, "空の調査"]
    assert survey_summary(dst, R) == survey_summary(src_store, R)
    s = open_link(dst, links["b"])  # the same link works in the destination
    assert s is not None and s.org == "b" and s.response().submitted_at is None  # the draft is still a draft
    assert [x.partner for x in s.answers()] == ["a"]
    assert all(t not in repr(_state(dst)) for t in links.values())  # hashes travel, never a token


def test_sqlite_to_sqlite(src, tmp_path):
    s, links = src
    dst = SQLiteStore(tmp_path / "dst.db")
    r = copy_store(s, dst, user="copier")
    _check(s, dst, links)
    assert r.survey == {"created": 2, "updated": 0, "unchanged": 0}
    rev = dst.revision()
    again = copy_store(s, dst, user="copier")
    assert again.survey == {"created": 0, "updated": 0, "unchanged": 2} and dst.revision() == rev
    # a new answer in the source: the next copy updates that round only
    open_link(s, links["c"]).save(Answer("", "", partner="a", strength=5))
    third = copy_store(s, dst, user="copier")
    assert third.survey == {"created": 0, "updated": 1, "unchanged": 1}
    _check(s, dst, links)
    log = [(e.action, e.entity_id, e.user) for e in dst.audit() if e.entity == "survey_round"]
    assert log == [("survey_copy", R, "copier"), ("survey_copy", "空の調査", "copier"), ("survey_copy", R, "copier")]
    dst.close()


def test_cli_copy_reports_the_rounds(src, tmp_path, capsys):
    s, _ = src
    dst = tmp_path / "cli.db"
    assert main(["copy", "--from", str(s.path), "--to", str(dst)]) == 0
    assert "2 survey rounds" in capsys.readouterr().out


@pytest.mark.neo4j
def test_sqlite_to_neo4j_and_back(src, bolt_server, tmp_path):  # noqa: F811
    from network.store.neo4j import Neo4jStore

    s, links = src
    clear_database(bolt_server)
    dst = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
    try:
        assert copy_store(s, dst).survey == {"created": 2, "updated": 0, "unchanged": 0}
        _check(s, dst, links)
        assert copy_store(s, dst).survey == {"created": 0, "updated": 0, "unchanged": 2}
        back = SQLiteStore(tmp_path / "back.db")  # and back again: Neo4j → SQLite
        assert copy_store(dst, back).survey == {"created": 2, "updated": 0, "unchanged": 0}
        _check(s, back, links)
        back.close()
    finally:
        dst.close()
