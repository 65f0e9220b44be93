"""The questionnaire and the Survey page headless (AppTest): what a link shows, and what its widgets write."""

from __future__ import annotations

from pathlib import Path

import pytest

from network.model import Org
from network.store import open_store
from network.store.base import ChangeSet
from network.survey.rounds import close_round, create_round, issue_links

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
R = "令和6年度 連携調査"
HOSTILE = "<script>alert(1)</script> **太字** [x](javascript:alert(1)) :red[赤]"


@pytest.fixture
def survey_db(tmp_path, monkeypatch):
    path = tmp_path / "renkei.db"
    store = open_store(str(path))
    store.write(
        ChangeSet(
            orgs=[
                Org("a", "みやぎ連携復興センター", "intermediary"),
                Org("b", "石巻市", "government"),
                Org("c", HOSTILE, "npo"),
                Org("x", "一覧にない秘密の団体", "company"),
            ]
        )
    )
    create_round(store, R, 2024, orgs=["a", "b", "c"], close_date="2099-03-31")
    links = {x["org"]: x["url"].split("token=")[1] for x in issue_links(store, R)}
    store.close()
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return path, links


def _open(token: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["token"] = token
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _all_text(at: AppTest) -> str:
    parts = []
    for kind in ("text", "markdown", "caption", "error", "info", "success", "warning", "header", "subheader", "title"):
        parts += [str(getattr(e, "value", "")) for e in getattr(at, kind)]
    for w in list(at.selectbox) + list(at.radio):
        parts += [str(o) for o in getattr(w, "options", [])]
    return "\n".join(parts)


def test_a_wrong_token_shows_nothing_of_the_network(survey_db):
    for token in ("x" * 43, "", "' OR 1=1 --"):
        at = _open(token)
        text = _all_text(at)
        assert "このリンクは使えません" in text
        for name in ("みやぎ連携復興センター", "石巻市", "一覧にない秘密の団体", "地図", "令和6年度"):
            assert name not in text
        assert len(at.sidebar.children) == 0  # no sidebar, no navigation
        assert not at.selectbox and not at.button and not at.text_input


def test_a_closed_round_link_shows_nothing(survey_db):
    path, links = survey_db
    with open_store(str(path)) as store:
        close_round(store, R)
    at = _open(links["a"])
    assert "このリンクは使えません" in _all_text(at) and "石巻市" not in _all_text(at)


def test_a_link_shows_only_its_list_and_writes_its_own_answers(survey_db):
    path, links = survey_db
    at = _open(links["a"])
    text = _all_text(at)
    assert "みやぎ連携復興センター" in text  # its own name, as text
    assert "一覧にない秘密の団体" not in text  # in the store, not on the list
    assert [o for o in at.selectbox(key="sv_pick").options] == ["石巻市", HOSTILE]
    at.selectbox(key="sv_pick").set_value("b").run()
    at.button(key="sv_add").click().run()
    with open_store(str(path)) as store:
        assert [(x.respondent, x.partner) for x in store.survey().answers(R)] == [("a", "b")]
    radios = [r for r in at.radio if r.key and r.key.endswith("_strength")]
    assert len(radios) == 1
    radios[0].set_value(4).run()
    trust = [r for r in at.radio if r.key and r.key.endswith("_trust_openness")][0]
    trust.set_value(3).run()
    with open_store(str(path)) as store:
        ans = store.survey().answers(R, respondent="a")[0]
        assert (ans.strength, ans.trust_openness) == (4, 3)
        assert store.survey().response(R, "a") is None  # not submitted yet
    at.button(key="sv_submit").click().run()
    with open_store(str(path)) as store:
        assert store.survey().response(R, "a").submitted_at
    assert any("提出済み" in s.value for s in at.success)
    # a new visit (reload) shows what was saved
    again = _open(links["a"])
    assert [r.value for r in again.radio if r.key and r.key.endswith("_strength")] == [4]


def test_hostile_names_are_text_never_markdown(survey_db):
    _, links = survey_db
    at = _open(links["c"])  # c's own name is the hostile one
    assert any(HOSTILE in t.value for t in at.text)
    for kind in ("markdown", "caption", "header", "subheader", "title", "info", "success", "warning", "error"):
        assert not any("<script>" in str(e.value) or "**太字**" in str(e.value) for e in getattr(at, kind))


def test_typed_name_not_on_the_list_is_kept_as_typed(survey_db):
    path, links = survey_db
    at = _open(links["b"])
    at.text_input(key="sv_other").set_value("（株）新しい会社").run()
    at.button(key="sv_add_other").click().run()
    at.text_input(key="sv_other").set_value("ＭＩＹＡＧＩ連携復興センター").run()  # not exact: kept as a name
    at.button(key="sv_add_other").click().run()
    assert not at.error, [e.value for e in at.error]
    at.text_input(key="sv_other").set_value("みやぎ連携復興センター").run()  # exactly a list name: that org
    at.button(key="sv_add_other").click().run()
    with open_store(str(path)) as store:
        got = sorted((x.partner, x.partner_name) for x in store.survey().answers(R, respondent="b"))
    assert got == sorted([("", "ＭＩＹＡＧＩ連携復興センター"), ("", "（株）新しい会社"), ("a", "")])


def test_survey_page_for_staff(survey_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("ui/pages/survey.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("回答 0 / 3" in str(p.proto.text) for p in at.get("progress"))
    at.button(key="sv_issue").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("3 件のリンクを発行しました" in i.value for i in at.info)


def test_survey_page_refuses_a_viewer(survey_db):
    from network.accounts import users_for

    path, _ = survey_db
    with users_for(str(path)) as users:
        users.add("admin1", "correct horse 1", "admin")
        users.add("viewer1", "correct horse 2", "viewer")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["renkei_user"] = {"name": "viewer1", "role": "viewer"}
    at.run()
    at.switch_page("ui/pages/survey.py")
    at.run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "sv_issue"] and not at.get("progress")
    assert any("権限" in w.value for w in at.warning)


def test_survey_page_creates_and_closes_a_round(survey_db):
    path, _ = survey_db
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("ui/pages/survey.py")
    at.run()
    at.text_input(key="sv_new_name").set_value("令和7年度 追加調査")
    at.text_input(key="sv_new_fy").set_value("令和7年度")
    at.button[[b.label for b in at.button].index("作成する")].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("令和7年度 追加調査" in s.value and "4 団体" in s.value for s in at.success)
    assert at.selectbox(key="sv_round").value == "令和7年度 追加調査"
    at.button(key="sv_close").click().run()
    with open_store(str(path)) as store:
        r = store.survey().get_round("令和7年度 追加調査")
    assert (r.fiscal_year, len(r.orgs), r.closed) == (2025, 4, True)
