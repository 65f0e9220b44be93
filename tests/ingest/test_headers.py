"""Tests of ingest.headers: header words in both languages, kind detection."""

from __future__ import annotations

import pytest

from ingest.headers import detect_kind, map_headers, normalise_header, parse_kind


def test_japanese_org_headers_map_to_fields():
    # the header row of data/miyagi/orgs.csv
    headers = [
        "ID",
        "団体名",
        "区分",
        "種別",
        "都道府県",
        "市区町村",
        "地区",
        "法人番号",
        "別名",
        "タグ",
        "URL",
        "備考",
    ]
    hm = map_headers(headers, "orgs")
    assert hm.columns == {
        "id": 0,
        "name": 1,
        "sector": 2,
        "kind": 3,
        "prefecture": 4,
        "city": 5,
        "district": 6,
        "corporate_number": 7,
        "aliases": 8,
        "tags": 9,
        "url": 10,
        "note": 11,
    }
    assert hm.unknown == [] and hm.missing == []
    assert hm.label("name") == "団体名"


def test_english_headers_are_normalised_before_matching():
    hm = map_headers([" Name ", "SECTOR", "Corporate_Number", "corporate number", "ｃｉｔｙ"], "orgs")
    assert hm.columns == {"name": 0, "sector": 1, "corporate_number": 2, "city": 4}
    assert hm.duplicate == ["corporate number"]


def test_tie_headers_both_languages():
    ja = map_headers(
        ["連携元", "連携先", "関係", "方向", "強さ", "開始日", "終了日", "事業名", "根拠", "最終確認", "備考"], "ties"
    )
    en = map_headers(
        ["from", "to", "type", "directed", "strength", "start", "end", "project", "evidence", "last_confirmed", "note"],
        "ties",
    )
    assert ja.columns == en.columns
    assert list(ja.columns) == [
        "source",
        "target",
        "type",
        "directed",
        "strength",
        "start",
        "end",
        "project",
        "evidence",
        "last_confirmed",
        "note",
    ]


def test_missing_required_columns():
    assert map_headers(["団体名", "市区町村"], "orgs").missing == ["sector"]
    assert map_headers(["連携元", "関係"], "ties").missing == ["target"]
    assert map_headers(["会議", "役割"], "participations").missing == ["org"]


def test_normalise_header():
    assert normalise_header(" Last_Confirmed ") == "lastconfirmed"
    assert normalise_header("開始　日") == "開始日"
    assert normalise_header(None) == ""


@pytest.mark.parametrize(
    "headers, kind",
    [
        (["団体名", "区分"], "orgs"),
        (["name", "sector", "city"], "orgs"),
        (["連携元", "連携先"], "ties"),
        (["source", "target", "type"], "ties"),
        (["団体", "活動", "役割", "日付"], "participations"),
        (["団体名", "会議"], "participations"),  # 団体名 names the participant when an activity column is there
        (["org", "activity"], "participations"),
        (["foo", "bar"], None),
    ],
)
def test_detect_kind_from_headers(headers, kind):
    assert detect_kind(headers) == kind


def test_detect_kind_falls_back_to_sheet_name():
    assert detect_kind(["a", "b"], hint="連携") == "ties"
    assert detect_kind(["a", "b"], hint="Organisations") == "orgs"


@pytest.mark.parametrize(
    "word, kind",
    [
        ("orgs", "orgs"),
        ("団体", "orgs"),
        ("organizations", "orgs"),
        ("ties", "ties"),
        ("連携", "ties"),
        ("参加", "participations"),
    ],
)
def test_parse_kind(word, kind):
    assert parse_kind(word) == kind


def test_parse_kind_rejects():
    with pytest.raises(ValueError, match="unknown kind"):
        parse_kind("people")
