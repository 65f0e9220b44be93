"""Paper answers within the same limits as the questionnaire: every bad row by row, column and reason.

Limits (``network.survey.model.LIMITS``): 150 partners per respondent, a partner name of 200
characters, a note of 1,000, the one free comment of 2,000 (all rows of a respondent together).
"""

from __future__ import annotations

import pytest

from network.errors import ValidationError
from network.model import Org
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore
from network.survey.model import LIMITS
from network.survey.paper import import_answers
from network.survey.rounds import create_round

R = "R6"
HEAD = "回答団体,相手団体,強さ,提供できるもの,自由記述,備考\n"


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "p.db")
    s.write(ChangeSet(orgs=[Org("a", "みやぎ連携復興センター", "intermediary"), Org("b", "石巻市", "government")]))
    create_round(s, R, 2024, close_date="2099-03-31")
    yield s
    s.close()


def _errors(store, tmp_path, body: str) -> list[tuple[int, str, str]]:
    f = tmp_path / "paper.csv"
    f.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        import_answers(store, R, f)
    assert store.survey().answers(R) == []  # nothing written
    return [(e.row, e.column, e.reason) for e in exc.value.report.errors]


def test_too_many_partners_for_one_respondent(store, tmp_path):
    assert LIMITS.partners == 150
    body = "".join(f"石巻市,相手{i:03d},3,,,\n" for i in range(151))
    errs = _errors(store, tmp_path, body)
    # rows 2–151 are the first 150 answers; row 152 is the 151st
    assert [(r, c) for r, c, _ in errs] == [(152, "相手団体")]
    assert "150" in errs[0][2]


def test_a_comment_over_the_limit_is_the_comment_cells_fault(store, tmp_path):
    body = f"石巻市,みやぎ連携復興センター,3,場所,{'あ' * 2001},\n"
    errs = _errors(store, tmp_path, body)
    assert [(r, c) for r, c, _ in errs] == [(2, "自由記述")]
    assert "2000" in errs[0][2]


def test_comments_of_one_respondent_count_together(store, tmp_path):
    body = f"石巻市,みやぎ連携復興センター,3,,{'あ' * 1500},\n石巻市,相手,3,,{'い' * 600},\n"
    assert [(r, c) for r, c, _ in _errors(store, tmp_path, body)] == [(3, "自由記述")]


def test_a_long_partner_name_is_one_error_in_its_column(store, tmp_path):
    body = f"石巻市,{'長' * 201},3,,,\n"
    errs = _errors(store, tmp_path, body)
    assert [(r, c) for r, c, _ in errs] == [(2, "相手団体")]
    assert "200" in errs[0][2]


def test_a_long_note(store, tmp_path):
    body = f"石巻市,みやぎ連携復興センター,3,,,{'メ' * 1001}\n"
    assert [(r, c) for r, c, _ in _errors(store, tmp_path, body)] == [(2, "備考")]


def test_at_the_limits_everything_is_kept(store, tmp_path):
    body = "".join(
        f"石巻市,相手{i:03d},3,,{'あ' if i == 0 else ''},{'メ' * 1000 if i == 1 else ''}\n" for i in range(150)
    )
    f = tmp_path / "ok.csv"
    f.write_text(HEAD + body, encoding="utf-8")
    result = import_answers(store, R, f)
    assert len(result.answers) == 150 and len(store.survey().answers(R, respondent="b")) == 150


def test_control_characters_are_refused_not_dropped(store, tmp_path):
    body = "石巻市,みやぎ連携復興センター,3,,a\x07b,x\u202ey\n"
    errs = _errors(store, tmp_path, body)
    assert [(r, c) for r, c, _ in errs] == [(2, "備考"), (2, "自由記述")]
    assert "U+202E" in errs[0][2] and "U+0007" in errs[1][2]


def test_the_questionnaire_refuses_them_too(store):
    from network.survey.model import Answer
    from network.survey.rounds import issue_links, open_link

    link = next(x for x in issue_links(store, R) if x["org"] == "a")
    s = open_link(store, link["url"].split("token=")[1])
    with pytest.raises(ValidationError, match="U\\+202E"):
        s.save(Answer("", "", partner="b", note="a\u202eb"))
    with pytest.raises(ValidationError, match="U\\+000A"):
        s.save(Answer("", "", partner_name="二行\nの名前"))
    s.save(Answer("", "", partner="b", note="一行目\n二行目\tタブ"))  # line breaks and tabs in a note are fine
    assert s.answers()[0].note == "一行目\n二行目\tタブ"
