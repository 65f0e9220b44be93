"""Possible duplicates (ingest.fold) in an import: reported, never merged; ids and 法人番号 still merge."""

from __future__ import annotations

from ingest.importer import import_files
from ingest.resolve import Resolver
from network.model import Org
from tests.ingest.conftest import write_text


def test_rows_differing_by_a_variant_are_two_orgs_and_a_possible_duplicate(store, tmp_path) -> None:
    f = write_text(
        tmp_path / "orgs.csv",
        "団体名,区分,市区町村\n"
        "みやぎ連携復興センター,中間支援,仙台市\n"
        "ミヤギ連携復興センタ―,中間支援,仙台市\n"
        "髙橋商店株式会社,企業,石巻市\n",
        "cp932",
    )
    report = import_files(store, [f])
    assert report.counts["orgs"].created == 3
    assert {o.name for o in store.orgs()} == {"ミヤギ連携復興センタ―", "みやぎ連携復興センター", "髙橋商店株式会社"}
    [dup] = report.possible_duplicates
    first = next(o for o in store.orgs() if o.name == "みやぎ連携復興センター")
    assert (dup.file, dup.row, dup.name) == ("orgs.csv", 3, "ミヤギ連携復興センタ―")
    assert dup.candidates == [(first.id, "みやぎ連携復興センター")]
    text = report.to_text()
    assert "possible duplicate" in text and "重複の可能性" in text and "ミヤギ連携復興センタ―" in text


def test_a_variant_of_a_stored_org_is_reported_and_left_apart(store, tmp_path) -> None:
    import_files(store, [write_text(tmp_path / "a.csv", "団体名,区分\n株式会社 髙橋商店,企業\n")])
    report = import_files(store, [write_text(tmp_path / "b.csv", "団体名,区分\n高橋商店株式会社,企業\n")])
    assert store.counts()["orgs"] == 2
    assert [d.candidates[0][1] for d in report.possible_duplicates] == ["株式会社 髙橋商店"]
    again = import_files(store, [write_text(tmp_path / "b.csv", "団体名,区分\n高橋商店株式会社,企業\n")])
    assert again.counts["orgs"].unchanged == 1 and store.counts()["orgs"] == 2  # re-import changes nothing


def test_same_corporate_number_still_merges_a_variant(store, tmp_path) -> None:
    f = write_text(
        tmp_path / "orgs.csv",
        "団体名,区分,法人番号\n株式会社 髙橋商店,企業,8700110005901\n高橋商店株式会社,企業,8700110005901\n",
    )
    report = import_files(store, [f])
    assert store.counts()["orgs"] == 1
    assert report.possible_duplicates == []


def test_different_cities_or_numbers_are_not_suggested() -> None:
    r = Resolver(
        [
            Org("a", "みやぎ生協", "npo", city="仙台市"),
            Org("b", "髙橋商店", "company", corporate_number="8700110005901"),
        ]
    )
    assert r.similar(Org("c", "ミヤギ生協", "npo", city="石巻市")) == []
    assert r.similar(Org("d", "高橋商店", "company", corporate_number="1000012345678")) == []
    assert [o.id for o in r.similar(Org("e", "ミヤギ生協", "npo"))] == ["a"]


def test_suggest_puts_the_folded_match_first() -> None:
    r = Resolver(
        [
            Org("a", "みやぎ連携復興センター", "intermediary"),
            Org("b", "みやぎ生協", "npo"),
            Org("c", "石巻市", "government"),
        ]
    )
    assert [o.id for o in r.suggest("ミヤギ連携復興センタ")][:1] == ["a"]
    assert "c" not in [o.id for o in r.suggest("ミヤギ連携復興センタ")]


def test_renkei_import_prints_possible_duplicates(tmp_path, capsys) -> None:
    from network.cli import main

    f = write_text(tmp_path / "orgs.csv", "団体名,区分\nみやぎ生協,NPO\nミヤギ生協,NPO\n")
    assert main(["--store", str(tmp_path / "r.db"), "import", str(f)]) == 0
    out, err = capsys.readouterr()
    assert "1 possible duplicates, kept apart / 重複の可能性 1 件" in out
    assert "possible duplicate / 重複の可能性: orgs.csv row 3 'ミヤギ生協' looks like 'みやぎ生協'" in err
