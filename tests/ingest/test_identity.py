"""Issue 9 item 11: different legal entities and same-named groups are never merged silently.

A name without a legal form matches one with it only when exactly one
candidate exists and no other row of the same import claims another form;
otherwise the row is ambiguous (a bad row).  Same-named groups in different
cities are different organisations unless an id or 法人番号 says otherwise.
Every outcome is checked in both row orders.
"""

from __future__ import annotations

import pytest

from ingest.importer import import_files
from network.errors import ValidationError
from network.store.sqlite import SQLiteStore

HEAD = "name,sector,prefecture,city,corporate_number\n"


def run(rows: list[str], stored: list[str] = ()) -> tuple[list, list]:
    """Import ``rows`` into a store holding ``stored``: (sorted (name, aliases, city), sorted error (row, code))."""
    store = SQLiteStore(":memory:")
    if stored:
        import_files(store, [("stored.csv", (HEAD + "\n".join(stored) + "\n").encode())])
    errors: list = []
    try:
        import_files(store, [("new.csv", (HEAD + "\n".join(rows) + "\n").encode())])
    except ValidationError as exc:
        errors = sorted(
            (rows[e.row - 2].split(",")[0] + "|" + rows[e.row - 2].split(",")[3], e.code) for e in exc.report.errors
        )
    orgs = sorted((o.name, sorted(o.aliases), o.city) for o in store.orgs())
    return orgs, errors


def both_orders(a: str, b: str, stored: list[str] = ()) -> tuple[list, list]:
    first, second = run([a, b], stored), run([b, a], stored)
    assert first == second, "the outcome must not depend on row order"
    return first


def test_two_legal_forms_are_not_both_aliases_of_the_bare_name():
    orgs, errors = both_orders("一般社団法人X,npo,,,", "公益社団法人X,npo,,,", stored=["X,npo,,,"])
    assert orgs == [("X", [], "")]  # nothing merged, nothing written
    assert errors == [("一般社団法人X|", "ambiguous_org"), ("公益社団法人X|", "ambiguous_org")]


def test_one_legal_form_still_matches_the_bare_name():
    orgs, errors = run(["一般社団法人X,npo,,,"], stored=["X,npo,,,"])
    assert errors == [] and orgs == [("X", ["一般社団法人X"], "")]


def test_bare_name_between_two_forms_is_ambiguous_and_the_forms_are_two_orgs():
    orgs, errors = run(["一般社団法人Y,npo,,,", "Y,npo,,,", "公益社団法人Y,npo,,,"])
    assert errors == [("Y|", "ambiguous_org")]
    orgs, errors = run(["一般社団法人Y,npo,,,", "公益社団法人Y,npo,,,"])
    assert errors == [] and [o[0] for o in orgs] == ["一般社団法人Y", "公益社団法人Y"]


def test_chuo_chonaikai_rows_give_the_same_outcome_in_both_orders():
    # stored in 仙台市; the import names one in 石巻市 and one without a city: the second could be either
    orgs, errors = both_orders(
        "中央町内会,自治会,,,", "中央町内会,自治会,宮城県,石巻市,", stored=["中央町内会,自治会,宮城県,仙台市,"]
    )
    assert errors == [("中央町内会|", "ambiguous_org")]
    assert orgs == [("中央町内会", [], "仙台市")]


def test_same_name_in_two_cities_is_two_organisations_in_both_orders():
    orgs, errors = both_orders("中央町内会,自治会,宮城県,石巻市,", "中央町内会,自治会,宮城県,仙台市,")
    assert errors == [] and [o[2] for o in orgs] == ["仙台市", "石巻市"]
    # a stored one without a city could be either: ambiguous, never a guess
    orgs, errors = both_orders(
        "中央町内会,自治会,宮城県,石巻市,", "中央町内会,自治会,宮城県,仙台市,", stored=["中央町内会,自治会,,,"]
    )
    assert [c for _, c in errors] == ["ambiguous_org", "ambiguous_org"] and len(orgs) == 1


def test_corporate_number_says_they_are_one():
    for rows in (
        ["中央町内会,自治会,宮城県,石巻市,8700110005901", "中央町内会,自治会,宮城県,仙台市,8700110005901"],
        ["中央町内会,自治会,宮城県,仙台市,8700110005901", "中央町内会,自治会,宮城県,石巻市,8700110005901"],
    ):
        orgs, errors = run(rows)
        assert errors == [] and len(orgs) == 1


@pytest.mark.parametrize("ref", ["日本財団", "（公財）日本財団"])
def test_design_rule_bare_name_to_the_one_foundation(ref):
    orgs, errors = run([f"{ref},財団,,,"], stored=["公益財団法人 日本財団,財団,,,"])
    assert errors == [] and orgs == [("公益財団法人 日本財団", [ref], "")]


def test_a_form_taken_by_an_earlier_import_is_part_of_the_identity():
    store = SQLiteStore(":memory:")
    for rows in (["X,npo,,,"], ["公益社団法人X,npo,,,"], ["一般社団法人X,npo,,,"]):
        import_files(store, [("o.csv", (HEAD + "\n".join(rows) + "\n").encode())])
    assert sorted((o.name, o.aliases) for o in store.orgs()) == [("X", ["公益社団法人X"]), ("一般社団法人X", [])]


def test_a_tie_naming_an_ambiguous_row_is_not_resolved_by_guess(tmp_path):
    store = SQLiteStore(":memory:")
    import_files(store, [("stored.csv", (HEAD + "X,npo,,,\nY,npo,,,\n").encode())])
    orgs = (HEAD + "一般社団法人X,npo,,,\n公益社団法人X,npo,,,\n").encode()
    ties = "source,target\n一般社団法人X,Y\nX,Y\n".encode()
    r = import_files(store, [("orgs.csv", orgs), ("ties.csv", ties)], keep_good=True, rejects_path=tmp_path / "r.csv")
    assert [(e.file, e.row, e.code) for e in r.errors] == [
        ("orgs.csv", 2, "ambiguous_org"),
        ("orgs.csv", 3, "ambiguous_org"),
        ("ties.csv", 2, "ambiguous_org"),
    ]
    assert [(t.source, t.target) for t in store.ties()] == [(store.orgs()[0].id, store.orgs()[1].id)]


def test_ids_of_same_named_groups_do_not_depend_on_row_order():
    ids = []
    for rows in (
        ["中央町内会,自治会,宮城県,石巻市,", "中央町内会,自治会,宮城県,仙台市,"],
        ["中央町内会,自治会,宮城県,仙台市,", "中央町内会,自治会,宮城県,石巻市,"],
    ):
        store = SQLiteStore(":memory:")
        import_files(store, [("o.csv", (HEAD + "\n".join(rows) + "\n").encode())])
        ids.append(sorted((o.city, o.id) for o in store.orgs()))
    assert ids[0] == ids[1]


def test_a_name_shared_by_too_many_records_is_refused_quickly(monkeypatch):
    import ingest.identity

    monkeypatch.setattr(ingest.identity, "MAX_NAME_GROUP", 5)
    orgs, errors = run([f"中央町内会,自治会,宮城県,市{i}," for i in range(4)] + ["中央町内会,自治会,,,"])
    assert errors == [("中央町内会|", "ambiguous_org")]  # four cities stay four; the one without is ambiguous
    orgs, errors = run([f"中央町内会,自治会,宮城県,市{i}," for i in range(7)])
    assert len(errors) == 7 and orgs == []
    orgs, errors = run([f"中央町内会,自治会,宮城県,市{i},{n}" for i, n in enumerate(["8700110005901"] * 7)])
    assert errors == [] and len(orgs) == 1  # a 法人番号 settles it
