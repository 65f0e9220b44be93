"""Tests of ingest.normalise: name keys, legal forms, 法人番号, dates, yes/no."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.normalise import (
    check_corporate_number,
    clean_corporate_number,
    core_name,
    corporate_check_digit,
    display_name,
    legal_form,
    normalise_name,
    parse_bool,
    parse_date,
)


def test_three_spellings_of_kabushiki_kaisha_share_one_key():
    # the example: 株式会社 富士通エフサス, （株）富士通エフサス, ㈱富士通エフサス
    keys = {normalise_name(n) for n in ["株式会社 富士通エフサス", "（株）富士通エフサス", "㈱富士通エフサス"]}
    assert keys == {"株式会社富士通エフサス"}


@pytest.mark.parametrize(
    "a, b, key",
    [
        ("(有)佐藤商店", "有限会社 佐藤商店", "有限会社佐藤商店"),
        ("NPO法人 れんぷく", "特定非営利活動法人れんぷく", "特定非営利活動法人れんぷく"),
        ("ＮＰＯ法人　れんぷく", "（特非）れんぷく", "特定非営利活動法人れんぷく"),
        ("(一社)みやぎ連携復興センター", "一般社団法人 みやぎ連携復興センター", "一般社団法人みやぎ連携復興センター"),
        ("（公財）日本財団", "公益財団法人　日本財団", "公益財団法人日本財団"),
        ("ﾂﾙﾐ ﾈｯﾄ", "ツルミ　ネット", "ツルミネット"),  # half-width katakana = full-width (NFKC)
        ("ＡＢＣ　Ｃｏｍｍｕｎｉｔｙ", "abc community", "abccommunity"),  # full-width Latin, case
    ],
)
def test_spelling_variants_share_a_key(a, b, key):
    assert normalise_name(a) == normalise_name(b) == key


def test_prefix_and_suffix_legal_forms_keep_different_keys_but_share_the_core():
    # 前株 and 後株 are different registered names; only the core (without the form) is shared
    assert normalise_name("株式会社ABC") != normalise_name("ABC株式会社")
    assert core_name("株式会社ABC") == core_name("ABC㈱") == "abc"


@pytest.mark.parametrize(
    "name, form, core",
    [
        ("公益財団法人 日本財団", "公益財団法人", "日本財団"),
        ("国立大学法人 東北大学", "国立大学法人", "東北大学"),
        ("東北大学", "", "東北大学"),
        ("認定NPO法人 せんだい・みやぎNPOセンター", "認定特定非営利活動法人", "せんだい・みやぎnpoセンター"),
        ("社会福祉法人 仙台市社会福祉協議会", "社会福祉法人", "仙台市社会福祉協議会"),
        ("富士通エフサス㈱", "株式会社", "富士通エフサス"),
        ("株式会社", "", "株式会社"),  # a legal form alone is a name, not a form
    ],
)
def test_legal_form_and_core(name, form, core):
    assert legal_form(name) == form
    assert core_name(name) == core


def test_display_name_collapses_spaces_only():
    assert display_name("　株式会社　 富士通エフサス ") == "株式会社 富士通エフサス"
    assert display_name("（株）富士通エフサス") == "（株）富士通エフサス"


def test_corporate_number_check_digit_by_hand():
    # 国税庁 (National Tax Agency), 法人番号 8700110005901.  Base 700110005901, digits from the
    # right P1..P12 = 1,0,9,5,0,0,0,1,1,0,0,7; weights Q = 1,2,1,2,…
    # Σ = 1 + 0 + 9 + 10 + 0 + 0 + 0 + 2 + 1 + 0 + 0 + 14 = 37; 37 mod 9 = 1; 9 − 1 = 8 = first digit.
    assert corporate_check_digit("700110005901") == 8
    assert check_corporate_number("8700110005901")
    # トヨタ自動車 1180301018771: P = 1,7,7,8,1,0,1,0,3,0,8,1 → Σ = 1+14+7+16+1+0+1+0+3+0+8+2 = 53;
    # 53 mod 9 = 8; 9 − 8 = 1 = first digit.
    assert check_corporate_number("1180301018771")


@pytest.mark.parametrize("bad", ["1700110005901", "870011000590", "87001100059011", "870011000590X", ""])
def test_corporate_number_rejected(bad):
    assert not check_corporate_number(bad)


def test_clean_corporate_number_accepts_full_width_hyphens_and_ints():
    assert clean_corporate_number("８７００－１１０－００５９０１") == "8700110005901"
    assert clean_corporate_number(8700110005901) == "8700110005901"
    assert clean_corporate_number(" 8700 1100 0590 1 ") == "8700110005901"


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2024-04-01", "2024-04-01"),
        ("2024/4/1", "2024-04-01"),
        ("2024.4.1", "2024-04-01"),
        ("20240401", "2024-04-01"),
        ("2024年4月1日", "2024-04-01"),
        ("２０２４年４月１日", "2024-04-01"),
        ("R6.4.1", "2024-04-01"),  # 令和6年 = 2018 + 6
        ("r6/4/1", "2024-04-01"),
        ("令和6年4月1日", "2024-04-01"),
        ("令和元年5月1日", "2019-05-01"),  # 令和 began on 2019-05-01
        ("平成29年4月1日", "2017-04-01"),  # 平成29年 = 1988 + 29
        ("H31.4.30", "2019-04-30"),
        ("平成31年4月1日", "2019-04-01"),  # the seed's 委託期間 start
        ("2024-04-01 00:00:00", "2024-04-01"),
        (datetime(2024, 4, 1, 9, 30), "2024-04-01"),
        (date(2024, 4, 1), "2024-04-01"),
        (45383, "2024-04-01"),  # Excel serial: 45292 = 2024-01-01, + 31 + 29 + 31 days
        (45383.0, "2024-04-01"),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("bad", ["2024-02-30", "2023/2/29", "令和6年13月1日", "R6", "next april", "2024-4", 0])
def test_parse_date_rejects(bad):
    with pytest.raises(ValueError):
        parse_date(bad)


@pytest.mark.parametrize(
    "text, value",
    [
        ("true", True),
        ("FALSE", False),
        ("1", True),
        ("0", False),
        ("yes", True),
        ("no", False),
        ("有", True),
        ("無", False),
        ("一方向", True),
        ("双方向", False),
        ("", None),
        (True, True),
        (0, False),
    ],
)
def test_parse_bool(text, value):
    assert parse_bool(text) is value


def test_parse_bool_rejects():
    with pytest.raises(ValueError):
        parse_bool("maybe")


# ------------------------------------------------------------------ properties (hypothesis)
_NAME_CHARS = st.sampled_from(list("株有財社特非一公（）()㈱㈲ 　ＡａBｂ1１ー-・会社法人NPOnpo市町村センター日本東北"))


@settings(max_examples=100, deadline=None)
@given(st.text(_NAME_CHARS, min_size=1, max_size=20))
def test_normalise_name_is_idempotent(name):
    key = normalise_name(name)
    assert normalise_name(key) == key
    assert " " not in key and key == key.lower()


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_parse_date_round_trips(d):
    iso = d.isoformat()
    assert (
        parse_date(iso)
        == parse_date(f"{d.year}/{d.month}/{d.day}")
        == parse_date(f"{d.year}年{d.month}月{d.day}日")
        == iso
    )
    if d >= date(2019, 5, 1):  # 令和 from 2019-05-01 (令和元年 = 2019)
        era = d.year - 2018
        assert parse_date(f"令和{'元' if era == 1 else era}年{d.month}月{d.day}日") == iso
        assert parse_date(f"R{era}.{d.month}.{d.day}") == iso


@settings(max_examples=100, deadline=None)
@given(st.text("0123456789", min_size=12, max_size=12))
def test_computed_check_digit_validates(base):
    number = f"{corporate_check_digit(base)}{base}"
    assert check_corporate_number(number)
    # any other first digit is rejected
    wrong = (int(number[0]) % 9) + 1
    assert not check_corporate_number(f"{wrong}{base}")
