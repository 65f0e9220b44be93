"""Tests of ingest.forms: one record from the Add page, checked like an import row."""

from __future__ import annotations

from ingest.forms import validate_org_form, validate_tie_form
from network.model import Org, org_id_for
from network.store.base import ChangeSet


def seed(store):
    store.write(
        ChangeSet(
            orgs=[
                Org(org_id_for("株式会社富士通エフサス"), "株式会社 富士通エフサス", "company"),
                Org("nf", "公益財団法人 日本財団", "foundation"),
                Org("ks", "公益社団法人 日本財団", "npo"),
                Org("tm", "鶴見区まちづくりセンター", "intermediary", city="大阪市"),
            ]
        )
    )


def test_new_org_is_valid_with_stable_id(store):
    seed(store)
    org, errors, hints = validate_org_form({"name": "NPO法人 つるみ子ども食堂", "sector": ""}, store)
    assert errors == []
    assert (org.id, org.sector, org.kind, org.source) == (
        org_id_for("特定非営利活動法人つるみ子ども食堂"),
        "npo",
        "特定非営利活動法人",
        "form",
    )
    store.write(ChangeSet(orgs=[org]))
    assert store.get_org(org.id).name == "NPO法人 つるみ子ども食堂"


def test_duplicate_spelling_is_caught(store):
    seed(store)
    org, errors, hints = validate_org_form({"name": "㈱富士通エフサス", "sector": "企業"}, store)
    assert org is None
    assert [(e.file, e.row, e.column, e.value, e.code) for e in errors] == [
        ("form", 0, "name", "㈱富士通エフサス", "duplicate")
    ]
    assert "株式会社 富士通エフサス" in errors[0].reason and hints == ["株式会社 富士通エフサス"]


def test_duplicate_can_be_merged_on_request(store):
    seed(store)
    org, errors, _ = validate_org_form(
        {"name": "（株）富士通エフサス", "sector": "", "city": "川崎市"}, store, allow_merge=True
    )
    assert errors == []
    assert (org.name, org.aliases, org.city, org.sector) == (
        "株式会社 富士通エフサス",
        ["（株）富士通エフサス"],
        "川崎市",
        "company",
    )


def test_form_errors_use_field_names(store):
    org, errors, _ = validate_org_form({"name": "X", "sector": "宇宙", "corporate_number": "123"}, store)
    assert org is None
    assert [(e.column, e.code) for e in errors] == [
        ("sector", "unknown_sector"),
        ("corporate_number", "bad_corporate_number"),
    ]


def test_did_you_mean_for_a_near_name(store):
    seed(store)
    org, errors, hints = validate_org_form({"name": "鶴見まちづくりセンター", "sector": "中間支援"}, store)
    assert errors == [] and hints == ["鶴見区まちづくりセンター"]


def test_a_folded_variant_is_a_possible_duplicate_until_confirmed(store):
    seed(store)  # ingest.fold: センタ = センター (a long vowel ending a katakana word)
    org, errors, hints = validate_org_form({"name": "鶴見区まちづくりセンタ", "sector": "中間支援"}, store)
    assert org is None and [e.code for e in errors] == ["possible_duplicate"]
    assert hints == ["鶴見区まちづくりセンター"]
    org, errors, hints = validate_org_form(
        {"name": "鶴見区まちづくりセンタ", "sector": "中間支援"}, store, allow_similar=True
    )
    assert errors == [] and org.name == "鶴見区まちづくりセンタ" and hints == ["鶴見区まちづくりセンター"]


def test_tie_form_by_names(store):
    seed(store)
    tie, errors, _ = validate_tie_form(
        {
            "source": "鶴見区まちづくりセンター",
            "target": "富士通エフサス",
            "type": "委託",
            "strength": "4",
            "start": "令和6年4月1日",
        },
        store,
    )
    assert errors == []
    assert (tie.source, tie.target, tie.type, tie.directed, tie.start) == (
        "tm",
        org_id_for("株式会社富士通エフサス"),
        "commission",
        True,
        "2024-04-01",
    )


def test_tie_form_ambiguous_unknown_and_self(store):
    seed(store)
    tie, errors, hints = validate_tie_form({"source": "日本財団", "target": "鶴見区まちづくりセンタ"}, store)
    assert tie is None
    assert [(e.column, e.code) for e in errors] == [("source", "ambiguous_org"), ("target", "unknown_org")]
    assert set(hints) == {"公益財団法人 日本財団", "公益社団法人 日本財団", "鶴見区まちづくりセンター"}
    tie, errors, _ = validate_tie_form({"source": "tm", "target": "鶴見区まちづくりセンター"}, store)
    assert [(e.column, e.code) for e in errors] == [("target", "self_tie")]
