"""Tests of ingest.resolve: merging spellings, 法人番号, core names, ambiguity."""

from __future__ import annotations

import pytest

from ingest.resolve import AmbiguousName, NoSector, Resolver, UnknownName
from ingest.validate import validate_org_row
from network.model import Org, org_id_for


def draft(name, sector="企業", **more):
    d, errors = validate_org_row({"name": name, "sector": sector, **more}, file="orgs.csv", row=2)
    assert errors == []
    return d


def test_three_variants_become_one_org_with_aliases():
    r = Resolver()
    results = [r.add(draft(n)) for n in ["株式会社 富士通エフサス", "（株）富士通エフサス", "㈱富士通エフサス"]]
    assert [how for _, how in results] == ["new", "merged", "merged"]
    (org,) = r.orgs.values()
    assert org.name == "株式会社 富士通エフサス"  # the first spelling is the name
    assert org.aliases == ["（株）富士通エフサス", "㈱富士通エフサス"]
    assert org.id == org_id_for("株式会社富士通エフサス")  # stable: from the normalised name
    for ref in ["㈱富士通エフサス", "株式会社富士通エフサス", "富士通エフサス"]:
        assert r.resolve(ref) == org.id


def test_same_corporate_number_merges_different_names():
    r = Resolver()
    a, _ = r.add(draft("国税庁", "行政", corporate_number="8700110005901"))
    b, how = r.add(draft("National Tax Agency", "government", corporate_number="8700110005901"))
    assert (how, b.id, b.name, b.aliases) == ("merged", a.id, "国税庁", ["National Tax Agency"])
    assert a.id == org_id_for("国税庁", "8700110005901")
    assert r.resolve("8700110005901") == a.id


def test_name_without_legal_form_matches_when_one_fits():
    r = Resolver([Org("nf", "公益財団法人 日本財団", "foundation"), Org("tu", "国立大学法人 東北大学", "university")])
    assert r.resolve("日本財団") == "nf"
    assert r.resolve("東北大学") == "tu"
    assert r.resolve("（公財）日本財団") == "nf"


def test_ambiguous_core_name_is_never_a_guess():
    r = Resolver([Org("a", "株式会社ABC", "company"), Org("b", "一般社団法人ABC", "npo")])
    with pytest.raises(AmbiguousName) as exc:
        r.resolve("ABC")
    assert sorted(o.id for o in exc.value.candidates) == ["a", "b"]
    # with its legal form the name is exact
    assert r.resolve("㈱ABC") == "a"


def test_a_different_legal_form_is_a_different_org():
    r = Resolver([Org("a", "株式会社ABC", "company")])
    with pytest.raises(UnknownName):
        r.resolve("有限会社ABC")
    org, how = r.add(draft("有限会社ABC"))
    assert how == "new" and org.id != "a"


def test_same_name_in_two_cities_are_two_orgs_and_the_bare_name_is_ambiguous():
    r = Resolver()
    a, _ = r.add(draft("第一町会", "自治会", city="仙台市"))
    b, how = r.add(draft("第一町会", "自治会", city="石巻市"))
    assert how == "new" and a.id != b.id
    assert a.id == org_id_for("第一町会")
    assert b.id == org_id_for("第一町会||石巻市|")
    with pytest.raises(AmbiguousName):
        r.resolve("第一町会")
    # a row naming the city merges into the right one
    c, how = r.add(draft("第一町会", "自治会", city="石巻市", note="会長交代"))
    assert (how, c.id, c.note) == ("merged", b.id, "会長交代")


def test_merge_into_stored_org_keeps_name_and_adds_alias():
    stored = Org("my-001", "みやぎ連携復興センター", "intermediary", city="仙台市", source="orgs.csv")
    r = Resolver([stored])
    org, how = r.add(draft("一般社団法人 みやぎ連携復興センター", "", url="https://renpuku.org"))
    assert how == "merged"
    assert (org.id, org.name, org.sector, org.url) == (
        "my-001",
        "みやぎ連携復興センター",
        "intermediary",
        "https://renpuku.org",
    )
    assert org.aliases == ["一般社団法人 みやぎ連携復興センター"]
    assert r.resolve("一般社団法人みやぎ連携復興センター") == "my-001"


def test_alias_column_is_searchable():
    r = Resolver()
    org, _ = r.add(draft("みやぎ連携復興センター", "中間支援", aliases="れんぷく|Renpuku"))
    assert r.resolve("れんぷく") == r.resolve("renpuku") == org.id


def test_new_org_without_sector_is_refused():
    d, _ = validate_org_row({"name": "なぞの会", "sector": ""}, file="o.csv", row=2)
    with pytest.raises(NoSector):
        Resolver().add(d)


def test_unknown_and_suggestions():
    r = Resolver([Org("a", "鶴見区まちづくりセンター", "intermediary")])
    with pytest.raises(UnknownName):
        r.resolve("鶴見区まちづくりセンタ")
    assert [o.id for o in r.suggest("鶴見区まちづくりセンタ")] == ["a"]


def test_explicit_ids_keep_same_named_orgs_apart():
    # two 第一町会 rows with their own ids and no city: two organisations, the bare name ambiguous
    r = Resolver()
    a, _ = r.add(draft("第一町会", "自治会", id="T01"))
    b, how = r.add(draft("第一町会", "自治会", id="T02"))
    assert (a.id, b.id, how) == ("T01", "T02", "new")
    with pytest.raises(AmbiguousName):
        r.resolve("第一町会")
    assert r.resolve("T02") == "T02"


def test_row_id_of_an_org_stored_under_another_id_still_resolves():
    # the store knows 国税庁 by its 法人番号 under id "nta"; a file calls it "X-9" and its ties use "X-9"
    r = Resolver([Org("nta", "国税庁", "government", corporate_number="8700110005901")])
    org, how = r.add(draft("国税庁", "行政", id="X-9", corporate_number="8700110005901"))
    assert (how, org.id) == ("merged", "nta")
    assert r.resolve("X-9") == "nta"
