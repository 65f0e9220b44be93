"""Tests of ingest.validate: every cell rule, with file/row/column/value/reason asserted."""

from __future__ import annotations

import pytest

from ingest.validate import (
    REASONS,
    parse_strength,
    split_list,
    validate_org_row,
    validate_participation_row,
    validate_tie_row,
)

JA = {
    "source": "連携元",
    "target": "連携先",
    "type": "関係",
    "directed": "方向",
    "strength": "強さ",
    "start": "開始",
    "end": "終了",
    "last_confirmed": "最終確認",
}


def tie(**values):
    return validate_tie_row({"source": "A", "target": "B", **values}, file="ties.csv", row=7, labels=JA)


def test_defaults_of_an_empty_tie_row():
    d, errors = tie()
    assert errors == []
    # documented defaults: type collaboration 協働, strength 3 (調整), directed = the type's default
    assert (d.type, d.strength, d.directed, d.start, d.end) == ("collaboration", 3, False, None, None)


@pytest.mark.parametrize(
    "word, type_, directed",
    [
        ("助成", "funding", True),
        ("資金提供", "funding", True),
        ("委託", "commission", True),
        ("情報交換", "information", False),
        ("連携協定", "agreement", False),
        ("Support", "support", True),
        ("加盟", "membership", True),
    ],
)
def test_tie_type_words_and_default_direction(word, type_, directed):
    # default directions from DESIGN.md "Types and their default direction"
    d, _ = tie(type=word)
    assert (d.type, d.directed) == (type_, directed)


def test_directed_overrides_the_type_default():
    assert tie(type="助成", directed="双方向")[0].directed is False
    assert tie(type="協働", directed="有")[0].directed is True


def test_dates_are_stored_as_iso():
    d, _ = tie(start="平成31年4月1日", end="R2.3.31", last_confirmed="2024/6/1")
    assert (d.start, d.end, d.last_confirmed) == ("2019-04-01", "2020-03-31", "2024-06-01")


@pytest.mark.parametrize(
    "values, column, value, code",
    [
        ({"type": "友達"}, "関係", "友達", "unknown_type"),
        ({"start": "2024-02-30"}, "開始", "2024-02-30", "bad_date"),
        ({"end": "来年"}, "終了", "来年", "bad_date"),
        ({"start": "2024-04-01", "end": "2024-03-31"}, "終了", "2024-03-31", "end_before_start"),
        ({"strength": "6"}, "強さ", "6", "strength_range"),
        ({"strength": "0"}, "強さ", "0", "strength_range"),
        ({"strength": "2.5"}, "強さ", "2.5", "strength_range"),
        ({"strength": "強い"}, "強さ", "強い", "strength_range"),
        ({"directed": "たぶん"}, "方向", "たぶん", "bad_directed"),
        ({"source": ""}, "連携元", "", "empty"),
    ],
)
def test_bad_tie_cells(values, column, value, code):
    d, errors = tie(**values)
    assert d is None
    assert [(e.file, e.row, e.column, e.value, e.code) for e in errors] == [("ties.csv", 7, column, value, code)]
    assert errors[0].reason == REASONS[code]


def test_all_errors_of_a_row_are_collected():
    d, errors = tie(type="x", strength="9", start="bad")
    assert [e.code for e in errors] == ["unknown_type", "strength_range", "bad_date"]


@pytest.mark.parametrize(
    "value, n",
    [("1", 1), ("５", 5), ("3.0", 3), (4, 4), (4.0, 4), ("認知", 1), ("collaboration", 4), ("統合", 5), ("", None)],
)
def test_parse_strength(value, n):
    # labels from network.model.STRENGTH_LABELS (the collaboration continuum)
    assert parse_strength(value) == n


ORG_LABELS = {"name": "団体名", "sector": "区分", "corporate_number": "法人番号"}


def org(**values):
    return validate_org_row(
        {"name": "れんぷく", "sector": "中間支援", **values}, file="orgs.csv", row=4, labels=ORG_LABELS
    )


def test_good_org_row():
    d, errors = org(
        name="　一般社団法人　みやぎ連携復興センター ",
        corporate_number="8700110005901",
        aliases="れんぷく|Renpuku",
        tags="ハブ｜実在",
    )
    assert errors == []
    o = d.org
    assert (o.name, o.sector, o.kind, o.corporate_number) == (
        "一般社団法人 みやぎ連携復興センター",
        "intermediary",
        "一般社団法人",
        "8700110005901",
    )
    assert (o.aliases, o.tags, d.sector_given) == (["れんぷく", "Renpuku"], ["ハブ", "実在"], True)


@pytest.mark.parametrize(
    "values, column, value, code",
    [
        ({"sector": "宇宙人"}, "区分", "宇宙人", "unknown_sector"),
        ({"corporate_number": "1700110005901"}, "法人番号", "1700110005901", "bad_corporate_number"),
        ({"corporate_number": "12345"}, "法人番号", "12345", "bad_corporate_number"),
        ({"corporate_number": "8.70011E+12"}, "法人番号", "8.70011E+12", "excel_number"),
        ({"name": " "}, "団体名", "", "empty"),
    ],
)
def test_bad_org_cells(values, column, value, code):
    d, errors = org(**values)
    assert d is None
    assert [(e.file, e.row, e.column, e.value, e.code) for e in errors] == [("orgs.csv", 4, column, value, code)]


@pytest.mark.parametrize(
    "name, kind, sector",
    [
        ("㈱富士通エフサス", "", "company"),  # from the legal form in the name
        ("公益財団法人 日本財団", "", "foundation"),
        ("国立大学法人 東北大学", "", "university"),
        ("緑町会", "町内会", "residents_group"),  # from the kind
        ("なぞの会", "", ""),  # nothing to infer from: left empty, not an error yet
    ],
)
def test_empty_sector_is_inferred(name, kind, sector):
    d, errors = validate_org_row({"name": name, "sector": "", "kind": kind}, file="o.csv", row=2)
    assert errors == [] and d.org.sector == sector and d.sector_given is False


def test_sector_words_in_both_languages():
    for word, code in [
        ("地縁組織", "residents_group"),
        ("自治会", "residents_group"),
        ("NPO", "npo"),
        ("企業", "company"),
        ("University", "university"),
        ("行政", "government"),
        ("助成団体", "foundation"),
        ("中間支援組織", "intermediary"),
        ("その他", "other"),
    ]:
        assert org(sector=word)[0].org.sector == code


def test_participation_row():
    d, errors = validate_participation_row(
        {"org": "my-001", "activity": " 鶴見区  地域活動協議会 連絡会 ", "role": "事務局", "date": "令和6年5月1日"},
        file="p.csv",
        row=2,
    )
    assert errors == []
    assert (d.org_ref, d.activity, d.role, d.date) == ("my-001", "鶴見区 地域活動協議会 連絡会", "事務局", "2024-05-01")
    d, errors = validate_participation_row(
        {"org": "x", "activity": ""}, file="p.csv", row=3, labels={"activity": "活動"}
    )
    assert [(e.row, e.column, e.code) for e in errors] == [(3, "活動", "empty")]


def test_split_list():
    assert split_list(["a", " b ", ""]) == ["a", "b"]
    assert split_list(None) == []
