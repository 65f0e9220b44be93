"""A survey round on the Miyagi sample answered in a real Chromium by two organisations and on paper by a
third; the applied ties and the scores are checked against hand counts.

Round: my-001 みやぎ連携復興センター, my-002 気仙沼地域活動サポートセンター, my-003 ひがしまつしま市民協働ステーション,
my-047 NPO法人 せんだい多文化共生サロン, my-056 NPO法人 みやぎ地域づくり会計サポート (never answers).

- my-001 (browser, phone width): my-002 found by 「気仙沼」 — strength 4, 協働, trust 4 4 4, value 3 3 3;
  my-003 found by 「ヒガシマツシマ」 (katakana for a hiragana name) — strength 2, 情報交換, trust 2 2 2, value 1 1 1.
- my-002 (browser): my-001 found by 「みやぎ連携」 — strength 3, 協働, trust 3 3 3, value 2 2 2.
- my-003 (paper): 「せんだい多文化共生サロン」 (no legal form) — strength 5, 支援, trust 4 3 2, value 4 4 4.

Hand counts: pairs 001–002 confirmed (strengths 4 and 3 disagree), 001–003 one-sided (003 answered but did
not name 001), 003–047 one-sided (047 never answered) → reciprocity 1/2 among respondents' pairs; 3 ties
(協働 001–002 strength 3 = the lower, 情報交換 001–003 strength 2, 支援 003–047 strength 5); response rate 3/5.
Trust as perceived: 001 ← 002: 3; 002 ← 001: 4; 003 ← 001: 2; 047 ← 003: (4+3+2)/3 = 3.  Network trust
(4+2+3+3)/4 = 3.0, value (3+1+2+4)/4 = 2.5.
"""

from __future__ import annotations

import json
import time

import pytest

from network.cli import main
from network.store import open_store
from network.survey.scores import survey_summary
from tests.ui.live_app import is_local, launch, miyagi_store, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

R = "令和6年度 連携調査"
ROUND = ["my-001", "my-002", "my-003", "my-047", "my-056"]
TRUST_JA = ["率直で開かれた話し合い", "約束したことをどの程度", "目的や目標をどの程度共有"]
VALUE_JA = ["影響力やリーダーシップ", "資源をどの程度提供", "積極的に関わって"]


def _wait_for(fn, what: str, timeout: float = 60.0):  # noqa: ANN001, ANN202
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _answer(db: str, respondent: str, partner: str):  # noqa: ANN202
    with open_store(db) as store:
        return next((a for a in store.survey().answers(R, respondent=respondent) if a.partner == partner), None)


def _add_partner(page, query: str, name: str, db: str, respondent: str, partner: str) -> None:  # noqa: ANN001
    box = page.get_by_label("団体名で探す（ひらがな・カタカナ、法人格の有無はどちらでも）")
    box.fill(query)
    box.press("Enter")
    page.wait_for_timeout(800)
    page.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name=name, exact=True).click()
    page.get_by_role("button", name="追加する", exact=True).click()
    _wait_for(lambda: _answer(db, respondent, partner), f"{respondent} → {partner} saved")


def _rate(
    page,
    db: str,
    respondent: str,
    partner: str,
    name: str,
    strength: str,
    type_ja: str,  # noqa: ANN001
    trust: int,
    value: int,
) -> None:
    block = page.locator("[data-testid='stVerticalBlock']").filter(has=page.get_by_text(name, exact=True)).last
    block.get_by_text(strength, exact=True).click()
    _wait_for(
        lambda: (_answer(db, respondent, partner) or 0) and _answer(db, respondent, partner).strength, "strength saved"
    )
    block.get_by_role("button", name=type_ja, exact=True).click()
    _wait_for(lambda: _answer(db, respondent, partner).types, "types saved")
    for items, score in ((TRUST_JA, trust), (VALUE_JA, value)):
        for words in items:
            group = block.locator("[data-testid='stRadio']").filter(has_text=words)
            group.get_by_text(f"{score} ", exact=False).first.click()
            page.wait_for_timeout(300)
    _wait_for(lambda: _answer(db, respondent, partner).value_involvement == value, "all items saved")


def test_three_organisations_answer_a_round(tmp_path, chromium, capsys):
    from playwright.sync_api import sync_playwright

    db = str(miyagi_store(tmp_path / "renkei.db", [], []))
    orgs_file = tmp_path / "round.txt"
    orgs_file.write_text("\n".join(ROUND) + "\n", encoding="utf-8")
    assert (
        main(
            [
                "--store",
                db,
                "survey",
                "create",
                R,
                "--year",
                "令和6年度",
                "--orgs",
                str(orgs_file),
                "--close",
                "2099-03-31",
            ]
        )
        == 0
    )
    capsys.readouterr()
    with serve(db) as base:
        assert main(["--store", db, "survey", "links", R, "--format", "json", "--base-url", base]) == 0
        links = {x["org"]: x["url"] for x in json.loads(capsys.readouterr().out)}
        outside: list[str] = []
        with sync_playwright() as pw:
            browser = launch(pw)
            page = browser.new_page(viewport={"width": 390, "height": 1400})
            page.on("request", lambda r: None if is_local(r.url) else outside.append(r.url))
            page.goto(links["my-001"])
            page.get_by_text("回答する団体: みやぎ連携復興センター").wait_for(timeout=90_000)
            assert (
                page.locator("[data-testid='stSidebar']").count() == 0
                or not page.locator("[data-testid='stSidebar']").is_visible()
            )
            body = page.inner_text("body")
            assert "地図" not in body and "NPO法人 女川みらい工房" not in body  # nothing else of the app
            _add_partner(page, "気仙沼", "気仙沼地域活動サポートセンター", db, "my-001", "my-002")
            _rate(page, db, "my-001", "my-002", "気仙沼地域活動サポートセンター", "4 協働", "協働", 4, 3)
            _add_partner(page, "ヒガシマツシマ", "ひがしまつしま市民協働ステーション", db, "my-001", "my-003")
            _rate(page, db, "my-001", "my-003", "ひがしまつしま市民協働ステーション", "2 協力", "情報交換", 2, 1)
            page.get_by_role("button", name="回答を提出する").click()
            page.get_by_text("提出済みです", exact=False).first.wait_for(timeout=30_000)
            page.reload()  # a reload shows what was saved
            page.get_by_text("提出済みです", exact=False).first.wait_for(timeout=60_000)
            # the page draws top to bottom: the notice can come before the partners under it
            page.get_by_text("ひがしまつしま市民協働ステーション", exact=True).first.wait_for(timeout=30_000)
            assert page.get_by_text("ひがしまつしま市民協働ステーション", exact=True).count() >= 1

            page2 = browser.new_page(viewport={"width": 390, "height": 1400})
            page2.goto(links["my-002"])
            page2.get_by_text("回答する団体: 気仙沼地域活動サポートセンター").wait_for(timeout=90_000)
            _add_partner(page2, "みやぎ連携", "みやぎ連携復興センター", db, "my-002", "my-001")
            _rate(page2, db, "my-002", "my-001", "みやぎ連携復興センター", "3 調整", "協働", 3, 2)
            page2.get_by_role("button", name="回答を提出する").click()
            page2.get_by_text("提出済みです", exact=False).first.wait_for(timeout=30_000)

            page3 = browser.new_page()
            page3.goto(links["my-001"].replace("token=", "token=x"))
            page3.get_by_text("このリンクは使えません", exact=False).wait_for(timeout=60_000)
            assert "みやぎ連携復興センター" not in page3.inner_text("body")
            browser.close()
        assert outside == []
    log = (tmp_path / "renkei.server.log").read_text(encoding="utf-8", errors="replace")
    assert not any(u.split("token=")[1] in log for u in links.values())  # tokens never logged

    paper = tmp_path / "paper.csv"
    paper.write_text(
        "回答団体,相手団体,頻度,強さ,種類,話し合いへの開かれ,信頼性,目的の共有,影響力,資源の提供,関与\n"
        "ひがしまつしま市民協働ステーション,せんだい多文化共生サロン,月1回程度,5,支援,4,3,2,4,4,4\n",
        encoding="utf-8",
    )
    assert main(["--store", db, "survey", "import", R, str(paper)]) == 0
    capsys.readouterr()
    assert main(["--store", db, "survey", "apply", R, "--format", "json"]) == 0
    applied = json.loads(capsys.readouterr().out)
    assert (applied["ties"], applied["confirmed"], applied["one_sided"], applied["disagreements"]) == (3, 1, 2, 1)
    with open_store(db) as store:
        s = survey_summary(store, R)
        ties = sorted(
            (t.source, t.target, t.type, t.strength, "confirmed" in t.note)
            for t in store.ties()
            if t.evidence == "survey"
        )
    assert ties == [
        ("my-001", "my-002", "collaboration", 3, True),
        ("my-001", "my-003", "information", 2, False),
        ("my-003", "my-047", "support", 5, False),
    ]
    assert (s["invited"], s["answered"], s["response_rate"]) == (5, 3, 0.6)
    net = s["network"]
    assert (net["pairs"], net["confirmed"], net["one_sided"], net["reciprocity"]) == (3, 1, 2, 0.5)
    assert (net["trust"], net["value"]) == (3.0, 2.5)
    o = s["orgs"]
    assert [(o[i]["trust"], o[i]["value"], o[i]["raters"]) for i in ROUND] == [
        (3.0, 2.0, 1),
        (4.0, 3.0, 1),
        (2.0, 1.0, 1),
        (3.0, 4.0, 1),
        (None, None, 0),
    ]
