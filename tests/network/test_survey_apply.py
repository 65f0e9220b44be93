"""Survey rounds end to end without a browser: links, sessions, paper import, apply, scores, CLI.

The small round used here (hand counts in ``test_apply_and_scores_by_hand``):

- list a, b, c, d (e is in the store but not on the list);
- a answers on the web: b (strength 4, 協働, trust 4 4 4, value 3 3 3), c (2, 情報交換, trust 2 2 2,
  value 1 1 1) and 「未登録の会」 (a name in no record: unmatched);
- b answers on the web: a (3, 協働+情報交換, trust 3 3 3, value 2 2 2) — disagrees with a on strength and types;
- c answers on paper: d (5, 支援, trust 4 3 2, value 4 4 4);
- d saved a draft about a and never submitted: not counted.
"""

from __future__ import annotations

import json

import pytest

from network.cli import main
from network.errors import ValidationError
from network.model import Org
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore
from network.survey.apply import apply_round
from network.survey.model import Answer
from network.survey.paper import import_answers
from network.survey.rounds import close_round, create_round, issue_links, open_link, status
from network.survey.scores import survey_summary

R = "令和6年度 連携調査"
PAPER = (
    "回答団体,相手団体,頻度,強さ,種類,話し合いへの開かれ,信頼性,目的の共有,影響力,資源の提供,関与,備考,提供できるもの,自由記述\n"
    "渡波地区自治会,石巻 NPO ネット,月1回程度,5,支援,4,3,2,4,4,4,紙で回答,場所・ボランティア,よろしくお願いします\n"
)


def _token(links: list[dict], org: str) -> str:
    return next(x["url"] for x in links if x["org"] == org).split("token=")[1]


@pytest.fixture
def world(tmp_path):
    path = tmp_path / "s.db"
    store = SQLiteStore(path)
    store.write(
        ChangeSet(
            orgs=[
                Org("a", "みやぎ連携復興センター", "intermediary"),
                Org("b", "石巻市", "government"),
                Org("c", "渡波地区自治会", "residents_group"),
                Org("d", "特定非営利活動法人 石巻NPOネット", "npo"),
                Org("e", "株式会社 東北工房", "company"),
            ]
        )
    )
    create_round(store, R, "令和6年度", orgs=["a", "b", "c", "d"], close_date="2099-03-31")
    links = issue_links(store, R, base_url="http://127.0.0.1:8501")
    yield store, links, path
    store.close()


def _answer_all(store, links, tmp_path):
    a = open_link(store, _token(links, "a"))
    a.save(
        Answer(
            "",
            "",
            partner="b",
            frequency="weekly",
            strength=4,
            types=["collaboration"],
            trust_openness=4,
            trust_reliability=4,
            trust_mission=4,
            value_influence=3,
            value_resources=3,
            value_involvement=3,
        )
    )
    a.save(
        Answer(
            "",
            "",
            partner="c",
            frequency="yearly",
            strength=2,
            types=["information"],
            trust_openness=2,
            trust_reliability=2,
            trust_mission=2,
            value_influence=1,
            value_resources=1,
            value_involvement=1,
        )
    )
    a.save(Answer("", "", partner_name="未登録の会", strength=1))
    a.save_response(["expertise"], "", submit=True)
    b = open_link(store, _token(links, "b"))
    b.save(
        Answer(
            "",
            "",
            partner="a",
            frequency="monthly",
            strength=3,
            types=["collaboration", "information"],
            trust_openness=3,
            trust_reliability=3,
            trust_mission=3,
            value_influence=2,
            value_resources=2,
            value_involvement=2,
        )
    )
    b.save_response([], "", submit=True)
    d = open_link(store, _token(links, "d"))
    d.save(Answer("", "", partner="a", strength=5))  # a draft, never submitted
    f = tmp_path / "paper.csv"
    f.write_text(PAPER, encoding="utf-8")
    import_answers(store, R, f)


def test_apply_and_scores_by_hand(world, tmp_path):
    store, links, _ = world
    _answer_all(store, links, tmp_path)
    s = survey_summary(store, R)
    assert (s["invited"], s["answered"], s["response_rate"]) == (4, 3, 0.75)  # a, b, c of 4
    net = s["network"]
    # pairs: a-b (both), a-c (a only; c answered), c-d (c only; d did not answer)
    assert (net["pairs"], net["confirmed"], net["one_sided"]) == (3, 1, 2)
    assert net["reciprocity"] == 0.5  # 1 confirmed of the 2 pairs between respondents (a-b, a-c)
    assert net["reciprocity_all"] == pytest.approx(1 / 3, abs=1e-4)
    assert net["trust"] == 3.0  # mean of a→b 4, a→c 2, b→a 3, c→d (4+3+2)/3 = 3
    assert net["value"] == 2.5  # mean of 3, 1, 2, 4
    o = s["orgs"]
    assert (o["a"]["trust"], o["a"]["value"], o["a"]["raters"]) == (3.0, 2.0, 1)  # rated by b only
    assert (o["b"]["trust"], o["b"]["value"], o["b"]["raters"]) == (4.0, 3.0, 1)
    assert (o["c"]["trust"], o["c"]["value"], o["c"]["raters"]) == (2.0, 1.0, 1)
    assert (o["d"]["trust"], o["d"]["value"], o["d"]["raters"]) == (3.0, 4.0, 1)
    assert s["unmatched"] == [{"respondent": "a", "name": "未登録の会", "reason": "unknown"}]
    ab = next(t for t in s["ties"] if (t["a"], t["b"]) == ("a", "b"))
    assert ab["status"] == "confirmed" and ab["trust"] == {"a": 4.0, "b": 3.0}

    res = apply_round(store, R, user="staff")
    # a-b: 協働 and 情報交換 (2 ties), a-c: 情報交換, c-d: 支援 → 4 ties
    assert (res.ties, res.confirmed, res.one_sided, res.disagreements) == (4, 1, 2, 1)
    assert res.written.created == 4
    ties = {(t.source, t.target, t.type): t for t in store.ties() if t.evidence == "survey"}
    assert sorted(ties) == [
        ("a", "b", "collaboration"),
        ("a", "b", "information"),
        ("a", "c", "information"),
        ("c", "d", "support"),
    ]
    t = ties[("a", "b", "collaboration")]
    assert t.strength == 3 and "双方が回答 confirmed" in t.note and "不一致" in t.note
    assert t.source_file == f"survey:{R}" and t.last_confirmed and t.directed is False
    assert "片方のみ one-sided" in ties[("c", "d", "support")].note and ties[("c", "d", "support")].strength == 5

    again = apply_round(store, R, user="staff")
    assert (again.written.created, again.written.updated, again.written.unchanged) == (0, 0, 4)  # idempotent

    # c changes its paper answer (no longer supports d; now collaborates with a): one new tie, one ended
    f = tmp_path / "paper2.csv"
    f.write_text("respondent,partner,strength,types\nc,a,2,協働\n", encoding="utf-8")
    import_answers(store, R, f)
    third = apply_round(store, R, user="staff")
    assert (third.confirmed, third.one_sided, third.ended) == (2, 0, 1)  # a-b and now a-c both sides
    # a-c 協働 new; a-c 情報交換 now confirmed (its note changes); c-d 支援 ended; a-b unchanged
    assert (third.written.created, third.written.updated, third.written.unchanged) == (1, 2, 2)
    assert store.get_tie(ties[("c", "d", "support")].id).end is not None

    # the whole first apply is one batch and can be undone
    assert store.undo(batch=res.written.batch, user="staff", force=True) >= 4


def test_a_token_reaches_only_its_own_answers(world):
    store, links, _ = world
    a = open_link(store, _token(links, "a"))
    b = open_link(store, _token(links, "b"))
    b.save(Answer("", "", partner="c", strength=4, note="b の回答"))
    # a cannot pose as b: round and respondent are forced to the token's
    saved = a.save(Answer(R, "b", partner="c", strength=1, note="なりすまし"))
    assert (saved.respondent, saved.round) == ("a", R)
    assert [(x.respondent, x.note) for x in b.answers()] == [("b", "b の回答")]
    assert [x.respondent for x in a.answers()] == ["a"]
    assert a.remove("c") is True and b.answers()[0].strength == 4  # removing deletes a's own answer only
    with pytest.raises(ValidationError):
        a.save(Answer("", "", partner="e"))  # e is not on the list
    with pytest.raises(ValidationError):
        a.save(Answer("", "", partner="a"))  # itself
    assert [p for p, _ in a.partners()] == ["b", "c", "d"]


def test_wrong_expired_and_closed_tokens_open_nothing(world):
    store, links, _ = world
    tok = _token(links, "a")
    assert open_link(store, tok) is not None
    assert open_link(store, tok[:-1] + ("A" if tok[-1] != "A" else "B")) is None
    assert open_link(store, "") is None and open_link(store, None) is None
    assert open_link(store, "' OR 1=1 --") is None
    assert open_link(store, tok, today="2099-04-01") is None  # after the close date
    session = open_link(store, tok)
    new = issue_links(store, R, orgs=["a"])
    assert open_link(store, tok) is None and open_link(store, _token(new, "a")).org == "a"  # re-issued
    close_round(store, R)
    assert open_link(store, _token(new, "a")) is None
    with pytest.raises(ValidationError):
        session.save(Answer("", "", partner="b"))  # a session opened before closing cannot write
    with pytest.raises(ValidationError):
        issue_links(store, R)


def test_tokens_are_long_random_and_stored_hashed(world):
    store, links, path = world
    tokens = [_token(links, o) for o in "abcd"]
    assert len(set(tokens)) == 4 and all(len(t) >= 43 for t in tokens)  # 32 bytes → 43 base64url characters
    raw = path.read_bytes() + (path.parent / (path.name + "-wal")).read_bytes()
    assert not any(t.encode() in raw for t in tokens)


def test_paper_import_reports_rows_and_writes_nothing(world, tmp_path):
    store, _, _ = world
    f = tmp_path / "bad.csv"
    f.write_text(
        "respondent,partner,strength,trust_openness,types\n"
        "a,b,9,2,協働\n"  # row 2: strength 9
        "zz,b,3,2,協働\n"  # row 3: respondent not on the list
        "a,c,3,5,協働\n"  # row 4: item 5
        "a,d,3,2,宇宙\n"  # row 5: unknown type
        "b,a,3,2,協働\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as exc:
        import_answers(store, R, f)
    errs = [(e.row, e.column) for e in exc.value.report.errors]
    assert errs == [(2, "strength"), (3, "respondent"), (4, "trust_openness"), (5, "types")]
    assert store.survey().answers(R) == []


def test_cli_round_trip(world, tmp_path, capsys):
    store, _, path = world
    store.close()
    db = ["--store", str(path)]
    assert main([*db, "survey", "links", R, "--format", "json", "--base-url", "https://renkei.example"]) == 0
    links = json.loads(capsys.readouterr().out)
    assert [x["org"] for x in links] == ["a", "b", "c", "d"] and links[0]["url"].startswith(
        "https://renkei.example/survey?token="
    )
    f = tmp_path / "p.csv"
    f.write_text(PAPER, encoding="utf-8")
    assert main([*db, "survey", "import", R, str(f)]) == 0
    capsys.readouterr()
    assert main([*db, "survey", "status", R, "--format", "json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert (st["invited"], st["answered"], st["rate"]) == (4, 1, 0.25)
    assert [m["org"] for m in st["missing"]] == ["a", "b", "d"]
    assert main([*db, "survey", "apply", R, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["ties"] == 1
    assert main([*db, "survey", "close", R]) == 0
    assert main([*db, "survey", "links", R]) == 1  # closed
    assert "closed" in capsys.readouterr().err
    assert main([*db, "survey", "create", R, "--year", "2024"]) == 1  # exists


def test_status_counts(world):
    store, links, _ = world
    assert status(store, R)["rate"] == 0.0
    open_link(store, _token(links, "b")).save_response([], "", submit=True)
    assert (status(store, R)["answered"], status(store, R)["rate"]) == (1, 0.25)


def test_tokens_are_compared_in_constant_time(world, monkeypatch):
    import hmac

    import network.survey.tokens as tokens

    calls = []
    real = hmac.compare_digest

    def spy(a, b):  # noqa: ANN001, ANN202
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(tokens.hmac, "compare_digest", spy)
    store, links, _ = world
    assert open_link(store, _token(links, "a")).org == "a"
    assert calls == [(64, 64)]  # the two SHA-256 hex digests


def test_answer_sizes_and_counts_are_limited(world):
    store, links, _ = world
    s = open_link(store, _token(links, "a"))
    with pytest.raises(ValidationError):
        s.save(Answer("", "", partner="b", note="あ" * 1001))
    with pytest.raises(ValidationError):
        s.save(Answer("", "", partner_name="長" * 201))
    with pytest.raises(ValidationError):
        s.save_response([], "こ" * 2001)
    with pytest.raises(ValidationError):
        s.save(Answer("", "", partner="b", strength=6))
    with pytest.raises(ValidationError):
        s.save(Answer("", "", partner="b", trust_mission=0))
    s.save(Answer("", "", partner="b", note="あ" * 1000))  # at the limit: kept whole
    assert len(s.answers()[0].note) == 1000


def test_cli_letters_and_form(world, tmp_path, capsys):
    store, _, path = world
    store.close()
    out, form = tmp_path / "letters.pdf", tmp_path / "form.pdf"
    assert main(["--store", str(path), "survey", "letters", R, "--output", str(out), "--missing"]) == 0
    assert main(["--store", str(path), "survey", "form", R, "--output", str(form)]) == 0
    import re

    assert len(re.findall(rb"/Type /Page\b(?!s)", out.read_bytes())) == 4  # a, b, c, d: none answered yet
    assert form.read_bytes().startswith(b"%PDF-")
    assert "4 letters" in capsys.readouterr().err


def test_analyze_json_carries_the_newest_rounds_scores(world, tmp_path, capsys):
    from network.survey.scores import survey_summary

    store, _, path = world
    f = tmp_path / "p.csv"
    f.write_text(PAPER, encoding="utf-8")
    import_answers(store, R, f)
    expected = survey_summary(store, R)
    apply_round(store, R)  # the default round is the newest applied one
    store.close()
    assert main(["--store", str(path), "analyze", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["survey"]["round"] == R and out["survey"]["answered"] == expected["answered"]
    assert out["graph"]["reciprocity"] == expected["network"]["reciprocity"]
    for o in out["orgs"]:
        want = expected["orgs"].get(o["id"], {})
        assert (o["trust"], o["value"], o["raters"]) == (want.get("trust"), want.get("value"), want.get("raters", 0))
    assert any(o["trust"] is not None for o in out["orgs"])
    assert main(["--store", str(path), "analyze", "--format", "json", "--survey", "none"]) == 0
    assert "survey" not in json.loads(capsys.readouterr().out)
    assert main(["--store", str(path), "analyze", "--format", "json", "--survey", "no such round"]) == 1
