"""Survey analysis in one place: the same numbers in ``renkei analyze``, the annual report and the pages.

The small round (hand counts; each answer's trust = mean of its three trust items, value likewise):

- list a, b, c, d;
- a (web) rates b: trust 4 4 4 → 4, value 2 2 2 → 2; and c: trust 3 3 3 → 3, value 3 3 3 → 3;
- b (web) rates a: trust 2 3 4 → 3, value 4 4 4 → 4; and c: trust 1 1 1 → 1, value 1 2 3 → 2;
- c (paper) rates a: trust 4 4 4 → 4, value 2 2 2 → 2;
- d does not answer.

Invited 4, answered 3 → response rate 0.75.  Pairs a–b (both sides), a–c (both), b–c (b only):
confirmed 2, one-sided 1; all three pairs are between respondents → reciprocity 2/3.
Perceived by partners: a = trust (3 + 4)/2 = 3.5, value (4 + 2)/2 = 3.0, 2 raters; b = 4, 2, 1 rater;
c = trust (3 + 1)/2 = 2.0, value (3 + 2)/2 = 2.5, 2 raters; d unrated.  Network means over the five
ratings: trust (4 + 3 + 3 + 1 + 4)/5 = 3.0, value (2 + 3 + 4 + 2 + 2)/5 = 2.6.
Top by trust: b 4.0, a 3.5, c 2.0.
"""

from __future__ import annotations

import json

import pytest

from network.cli import main
from network.model import Org
from network.present.annual import annual_report, annual_to_markdown
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore
from network.survey.apply import apply_round
from network.survey.model import Answer
from network.survey.paper import import_answers
from network.survey.rounds import create_round, issue_links, open_link
from network.survey.scores import applied_round, survey_section, survey_summary

R = "令和6年度 連携調査"
PAPER = (
    "回答団体,相手団体,強さ,種類,話し合いへの開かれ,信頼性,目的の共有,影響力,資源の提供,関与\n"
    "渡波地区自治会,みやぎ連携復興センター,3,協働,4,4,4,2,2,2\n"
)


def _ans(partner: str, trust: tuple[int, int, int], value: tuple[int, int, int], strength: int = 3) -> Answer:
    return Answer(
        "",
        "",
        partner=partner,
        strength=strength,
        types=["collaboration"],
        trust_openness=trust[0],
        trust_reliability=trust[1],
        trust_mission=trust[2],
        value_influence=value[0],
        value_resources=value[1],
        value_involvement=value[2],
    )


def answered_round(tmp_path) -> tuple[SQLiteStore, str]:
    path = tmp_path / "a.db"
    store = SQLiteStore(path)
    store.write(
        ChangeSet(
            orgs=[
                Org("a", "みやぎ連携復興センター", "intermediary"),
                Org("b", "石巻市", "government"),
                Org("c", "渡波地区自治会", "residents_group"),
                Org("d", "石巻NPOネット", "npo"),
            ]
        )
    )
    create_round(store, R, 2024, close_date="2099-03-31")
    links = {x["org"]: x["url"].split("token=")[1] for x in issue_links(store, R)}
    a = open_link(store, links["a"])
    a.save(_ans("b", (4, 4, 4), (2, 2, 2)))
    a.save(_ans("c", (3, 3, 3), (3, 3, 3)))
    a.save_response([], "", submit=True)
    b = open_link(store, links["b"])
    b.save(_ans("a", (2, 3, 4), (4, 4, 4)))
    b.save(_ans("c", (1, 1, 1), (1, 2, 3)))
    b.save_response([], "", submit=True)
    f = tmp_path / "paper.csv"
    f.write_text(PAPER, encoding="utf-8")
    import_answers(store, R, f)
    return store, str(path)


HAND = {"a": (3.5, 3.0, 2), "b": (4.0, 2.0, 1), "c": (2.0, 2.5, 2), "d": (None, None, 0)}


@pytest.fixture
def world(tmp_path):
    store, path = answered_round(tmp_path)
    yield store, path
    store.close()


def test_section_by_hand(world):
    store, _ = world
    sec = survey_section(survey_summary(store, R), top=5)
    assert (sec["invited"], sec["answered"], sec["response_rate"]) == (4, 3, 0.75)
    assert (sec["pairs"], sec["confirmed"], sec["one_sided"]) == (3, 2, 1)
    assert sec["reciprocity"] == pytest.approx(2 / 3, abs=1e-4)
    assert (sec["trust"], sec["value"]) == (3.0, 2.6)
    assert [(t["id"], t["trust"], t["value"], t["raters"]) for t in sec["top"]] == [
        ("b", 4.0, 2.0, 1),
        ("a", 3.5, 3.0, 2),
        ("c", 2.0, 2.5, 2),
    ]


def test_only_an_applied_round_is_shown_by_default(world, capsys):
    store, path = world
    assert applied_round(store) is None
    apply_round(store, R, user="staff")
    assert applied_round(store) == R
    create_round(store, "新しい調査", 2025)  # newer, not applied: not the default
    assert applied_round(store) == R


def test_analyze_and_report_give_the_hand_counts(world, capsys):
    store, path = world
    assert main(["--store", path, "analyze", "--format", "json"]) == 0
    assert "survey" not in json.loads(capsys.readouterr().out)  # nothing applied yet
    apply_round(store, R, user="staff")
    store.close()
    assert main(["--store", path, "analyze", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    got = {o["id"]: (o["trust"], o["value"], o["raters"]) for o in out["orgs"]}
    assert got == HAND
    assert out["graph"]["reciprocity"] == pytest.approx(2 / 3, abs=1e-4)
    assert out["survey"]["response_rate"] == 0.75 and out["survey"]["network"]["trust"] == 3.0

    assert main(["--store", path, "report", "--format", "json", "--year", "2024"]) == 0
    rep = json.loads(capsys.readouterr().out)["survey"]
    assert (rep["round"], rep["response_rate"], rep["trust"], rep["value"]) == (R, 0.75, 3.0, 2.6)
    assert rep["reciprocity"] == out["graph"]["reciprocity"]
    assert [t["id"] for t in rep["top"]] == ["b", "a", "c"]


def test_annual_markdown_has_the_survey_section(world):
    store, _ = world
    G = store.load_graph()
    sec = survey_section(survey_summary(store, R))
    md = annual_to_markdown(annual_report(G, year=2024, centre="a", survey=sec), lang="ja")
    part = md.split("## 連携調査")[1]
    assert "75.0%" in part and "66.7%" in part  # response rate, reciprocity
    assert "| 石巻市 | 4.00 | 2.00 | 1 |" in part
    assert "| みやぎ連携復興センター | 3.50 | 3.00 | 2 |" in part
    en = annual_to_markdown(annual_report(G, year=2024, centre="a", survey=sec), lang="en")
    assert "## Partner survey" in en and "Response rate" in en
    assert "## 連携調査" not in annual_to_markdown(annual_report(G, year=2024, centre="a"), lang="ja")


def test_annual_pdf_has_the_survey_section(world, tmp_path):
    from tests.network.test_pdf_report import text

    store, _ = world
    from network.present.pdf_report import render_pdf

    sec = survey_section(survey_summary(store, R))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(annual_report(store.load_graph(), year=2024, centre="a", survey=sec), lang="ja"))
    words = text(pdf)
    assert "連携調査" in words and "75.0%" in words and "3.50" in words


def test_map_sized_by_trust(world, tmp_path):
    store, path = world
    out = tmp_path / "m.html"
    assert main(["--store", path, "map", "--output", str(out), "--size-by", "trust"]) == 1  # not applied
    apply_round(store, R, user="staff")
    assert main(["--store", path, "map", "--output", str(out), "--size-by", "trust"]) == 0
    import re

    sizes = dict(re.findall(r'"id":"([abcd])"[^}]*?"size":([0-9.]+)', out.read_text(encoding="utf-8")))
    # trust b 4.0 > a 3.5 > c 2.0 > d unrated (the smallest size)
    assert float(sizes["b"]) > float(sizes["a"]) > float(sizes["c"]) > float(sizes["d"])
