"""Survey rounds, links and answers: one contract over both stores (SQLite file, Neo4j through Bolt).

Expected values are what each test wrote itself, or counts worked out by hand in the comments.
"""

from __future__ import annotations

import pytest

from network.errors import ConflictError, NotFound, StoreError, ValidationError
from network.model import Org
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore
from network.survey.model import LIMITS, Answer, Response, Round
from network.survey.tokens import token_hash
from tests.network.bolt_server import bolt_server, clear_database  # noqa: F401  (fixture)

NOW = "2024-06-01T09:00:00+00:00"


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = SQLiteStore(tmp_path / "survey.db")
    else:
        from network.store.neo4j import Neo4jStore

        server = request.getfixturevalue("bolt_server")
        clear_database(server)
        s = Neo4jStore(server.uri, server.user, server.password, server.database)
    s.write(
        ChangeSet(
            orgs=[
                Org("a", "みやぎ連携復興センター", "intermediary"),
                Org("b", "石巻市", "government"),
                Org("c", "渡波地区自治会", "residents_group"),
            ]
        )
    )
    yield s
    s.close()


def _round(store, name="令和6年度 連携調査", orgs=("a", "b", "c")):
    return store.survey().create_round(Round(name, 2024, list(orgs), "2025-01-31", False, NOW))


def test_round_round_trip_and_list_order(store):
    r = _round(store)
    assert (r.name, r.fiscal_year, r.orgs, r.close_date, r.closed) == (
        "令和6年度 連携調査",
        2024,
        ["a", "b", "c"],
        "2025-01-31",
        False,
    )
    _round(store, "R2", ("c", "a"))
    assert [x.name for x in store.survey().rounds()] == ["R2", "令和6年度 連携調査"]  # same year and time: by name
    assert store.survey().get_round("R2").orgs == ["c", "a"]  # list order kept


def test_duplicate_round_refused_and_unknown_round_not_found(store):
    _round(store)
    with pytest.raises(ConflictError):
        _round(store)
    with pytest.raises(NotFound):
        store.survey().get_round("nope")
    with pytest.raises(NotFound):
        store.survey().close_round("nope")


def test_close_round(store):
    _round(store)
    assert store.survey().close_round("令和6年度 連携調査").closed is True
    assert store.survey().get_round("令和6年度 連携調査").closed is True


def test_token_hashes_found_and_replaced(store):
    s = store.survey()
    _round(store)
    s.set_token_hashes("令和6年度 連携調査", {"a": token_hash("tok-a"), "b": token_hash("tok-b")}, now=NOW)
    assert s.find_hash(token_hash("tok-a")) == ("令和6年度 連携調査", "a", token_hash("tok-a"))
    s.set_token_hashes("令和6年度 連携調査", {"a": token_hash("tok-a2")}, now=NOW)
    assert s.find_hash(token_hash("tok-a")) is None  # the old link stops working
    assert s.find_hash(token_hash("tok-a2"))[1] == "a"
    inv = {i.org: i for i in s.invites("令和6年度 連携調査")}
    assert (inv["a"].has_token, inv["b"].has_token, inv["c"].has_token) == (True, True, False)
    with pytest.raises(NotFound):
        s.set_token_hashes("令和6年度 連携調査", {"zz": token_hash("x")}, now=NOW)


def test_answers_round_trip_replace_and_delete(store):
    s = store.survey()
    _round(store)
    a = Answer(
        "令和6年度 連携調査",
        "a",
        partner="b",
        frequency="monthly",
        strength=4,
        types=["collaboration", "information"],
        trust_openness=4,
        trust_reliability=3,
        trust_mission=4,
        value_influence=2,
        value_resources=1,
        value_involvement=3,
        note='<b>太字</b> "; DROP TABLE x; --',
        date="2024-06-01",
    )
    s.save_answer(a, now=NOW)
    s.save_answer(
        Answer("令和6年度 連携調査", "a", partner_name="（株）石巻工房", strength=2, date="2024-06-02"), now=NOW
    )
    got = s.answers("令和6年度 連携調査", respondent="a")
    assert [g.partner_key for g in got] == ["b", "name:株式会社石巻工房"]
    assert got[0].to_dict() == a.to_dict()
    assert got[1].partner_name == "（株）石巻工房" and got[1].trust_openness is None and got[1].types == []
    a.strength = 2
    s.save_answer(a, now=NOW)  # replaces, does not add
    got = s.answers("令和6年度 連携調査", respondent="a")
    assert len(got) == 2 and got[0].strength == 2
    assert s.delete_answer("令和6年度 連携調査", "a", "b") is True
    assert s.delete_answer("令和6年度 連携調査", "a", "b") is False
    assert [g.partner_key for g in s.answers("令和6年度 連携調査")] == ["name:株式会社石巻工房"]
    assert {i.org: i.answers for i in s.invites("令和6年度 連携調査")} == {"a": 1, "b": 0, "c": 0}


def test_answer_of_an_organisation_not_on_the_list_refused(store):
    s = store.survey()
    _round(store, orgs=("a", "b"))
    with pytest.raises(StoreError):
        s.save_answer(Answer("令和6年度 連携調査", "c", partner="a"), now=NOW)
    assert s.answers("令和6年度 連携調査") == []


def test_answer_count_limit(store, monkeypatch):
    import network.survey.model as m

    monkeypatch.setattr(m, "LIMITS", m.Limits(partners=2))
    for mod in ("network.store.sqlite.survey", "network.store.neo4j.survey"):
        monkeypatch.setattr(f"{mod}.LIMITS", m.Limits(partners=2))
    s = store.survey()
    _round(store)
    s.save_answer(Answer("令和6年度 連携調査", "a", partner="b"), now=NOW)
    s.save_answer(Answer("令和6年度 連携調査", "a", partner="c"), now=NOW)
    s.save_answer(Answer("令和6年度 連携調査", "a", partner="c", strength=5), now=NOW)  # a replacement is fine
    with pytest.raises(ValidationError):
        s.save_answer(Answer("令和6年度 連携調査", "a", partner_name="三つ目"), now=NOW)
    assert len(s.answers("令和6年度 連携調査")) == 2
    assert LIMITS.partners == 150  # the real default


def test_responses_submit_and_draft(store):
    s = store.survey()
    _round(store)
    assert s.response("令和6年度 連携調査", "a") is None
    s.save_response(Response("令和6年度 連携調査", "a", ["funding", "venues"], "よろしく <script>"), now=NOW)
    r = s.response("令和6年度 連携調査", "a")
    assert (r.contributions, r.comment, r.submitted_at) == (["funding", "venues"], "よろしく <script>", None)
    s.save_response(Response("令和6年度 連携調査", "a", ["funding"], "c"), now=NOW, submit=True)
    assert s.response("令和6年度 連携調査", "a").submitted_at == NOW
    s.save_response(Response("令和6年度 連携調査", "a", ["funding"], "c2"), now="2024-06-02T00:00:00+00:00")
    assert s.response("令和6年度 連携調査", "a").submitted_at == NOW  # kept while revising
    assert [x.org for x in s.responses("令和6年度 連携調査")] == ["a"]
    assert {i.org: bool(i.submitted_at) for i in s.invites("令和6年度 連携調査")} == {"a": True, "b": False, "c": False}


def test_replace_answers_is_one_transaction(store):
    s = store.survey()
    _round(store)
    s.save_answer(Answer("令和6年度 連携調査", "b", partner="c"), now=NOW)
    s.replace_answers(
        "令和6年度 連携調査",
        [Answer("令和6年度 連携調査", "b", partner="a", strength=3)],
        [Response("令和6年度 連携調査", "b", [], "紙")],
        now=NOW,
    )
    assert [a.partner for a in s.answers("令和6年度 連携調査", respondent="b")] == ["a"]  # c replaced
    assert s.response("令和6年度 連携調査", "b").submitted_at == NOW
    with pytest.raises(Exception):  # noqa: B017 - an unknown respondent rolls everything back
        s.replace_answers(
            "令和6年度 連携調査",
            [Answer("令和6年度 連携調査", "b", partner="c")],
            [Response("令和6年度 連携調査", "b", [], ""), Response("令和6年度 連携調査", "zz", [], "")],
            now=NOW,
        )
    assert [a.partner for a in s.answers("令和6年度 連携調査", respondent="b")] == ["a"]


def test_links_answers_apply_and_scores_over_the_store(store):
    """The whole path on each store: a-b confirmed (strengths 4 and 2: the tie keeps 2), a-c one-sided."""
    from network.survey.apply import apply_round
    from network.survey.rounds import create_round, issue_links, open_link
    from network.survey.scores import survey_summary

    create_round(store, "R", 2024, close_date="2099-03-31")
    links = {x["org"]: x["url"].split("token=")[1] for x in issue_links(store, "R")}
    a, b = open_link(store, links["a"]), open_link(store, links["b"])
    a.save(Answer("", "", partner="b", strength=4, types=["collaboration"], trust_openness=4))
    a.save(Answer("", "", partner="c", strength=3, types=["support"], value_resources=2))
    b.save(Answer("", "", partner="a", strength=2, types=["collaboration"], trust_openness=2))
    a.save_response([], "", submit=True)
    b.save_response([], "", submit=True)
    res = apply_round(store, "R", user="t")
    assert (res.ties, res.confirmed, res.one_sided, res.written.created) == (2, 1, 1, 2)
    assert apply_round(store, "R", user="t").written.unchanged == 2
    ties = sorted((t.source, t.target, t.type, t.strength) for t in store.ties() if t.evidence == "survey")
    assert ties == [("a", "b", "collaboration", 2), ("a", "c", "support", 3)]
    s = survey_summary(store, "R")
    assert (s["orgs"]["a"]["trust"], s["orgs"]["b"]["trust"], s["orgs"]["c"]["value"]) == (2.0, 4.0, 2.0)
    assert s["network"]["reciprocity"] == 1.0  # the only pair between respondents (a-b) is confirmed


def test_round_writes_are_in_the_audit_log(store, tmp_path):
    """Create, links, paper import, apply and close each leave one audit entry (who, what) — never a token."""
    from network.survey.apply import apply_round
    from network.survey.paper import import_answers
    from network.survey.rounds import close_round, create_round, issue_links

    create_round(store, "R", 2024, close_date="2099-03-31", user="sato")
    links = issue_links(store, "R", orgs=["a", "b"], user="sato")
    f = tmp_path / "p.csv"
    f.write_text("respondent,partner,strength\na,b,4\n", encoding="utf-8")
    import_answers(store, "R", f, user="suzuki")
    res = apply_round(store, "R", user="suzuki")
    close_round(store, "R", user="sato")
    log = [e for e in reversed(store.audit()) if e.entity == "survey_round"]
    assert [(e.action, e.user, e.entity_id) for e in log] == [
        ("survey_create", "sato", "R"),
        ("survey_links", "sato", "R"),
        ("survey_import", "suzuki", "R"),
        ("survey_apply", "suzuki", "R"),
        ("survey_close", "sato", "R"),
    ]
    create, issued, imported, applied, closed = (e.after for e in log)
    assert (create["fiscal_year"], create["orgs"], create["close_date"]) == (2024, 3, "2099-03-31")
    assert issued == {"orgs": ["a", "b"], "links": 2}
    assert imported == {"respondents": ["a"], "answers": 1}
    assert (applied["batch"], applied["ties"], applied["created"]) == (res.written.batch, 1, 1)
    assert closed == {"closed": True} and log[-1].before == {"closed": False}
    text = repr([(e.before, e.after) for e in store.audit()])
    for x in links:  # neither the tokens nor their hashes are written to the log
        token = x["url"].split("token=")[1]
        assert token not in text and token_hash(token) not in text
    assert store.undo(batch=res.written.batch, user="suzuki", force=True) == 1  # the ties: still one batch
