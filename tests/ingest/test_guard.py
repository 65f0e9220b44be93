"""Input limits inside the importer (ingest.guard): huge cells, deep or non-scalar JSON, sizes, forms.

Expected limits come from ingest/limits.py (MAX_CELL_CHARS 10,000, MAX_COLUMNS 200,
MAX_FIELD_CHARS 2,000 by default); messages from its check_upload / check_table / check_text.
"""

from __future__ import annotations

import csv
import json

import pytest

from ingest import limits
from ingest.forms import check_form_fields, validate_org_form, validate_tie_form
from ingest.guard import wide_csv_fields
from ingest.importer import import_files
from ingest.readers import load_sources, read_checked
from ingest.upload import read_upload
from network.errors import ValidationError
from network.model import Org
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore


def _errors(data: bytes, name: str = "orgs.csv") -> list[tuple]:
    store = SQLiteStore(":memory:")
    with pytest.raises(ValidationError) as info:
        import_files(store, [(name, data)])
    assert store.orgs() == []  # nothing written
    return [(e.file, e.row, e.column, e.code) for e in info.value.report.errors]


# --- CSV cells beyond the csv module's 131,072-character field limit ---


def test_huge_csv_cell_is_a_bad_row_naming_row_and_column():
    data = ("団体名,区分,備考\n甲,npo,ok\n乙,npo," + "x" * 200_000 + "\n").encode()
    assert _errors(data) == [("orgs.csv", 3, "備考", "cell_too_large")]


def test_huge_quoted_cell_keeps_the_other_rows_with_keep_good(tmp_path):
    data = ('name,sector\n"' + "z" * 1_000_000 + '",npo\n丙,npo\n').encode()
    store = SQLiteStore(":memory:")
    r = import_files(store, [("big.csv", data)], keep_good=True, rejects_path=tmp_path / "rej.csv")
    assert [o.name for o in store.orgs()] == ["丙"]
    (e,) = r.errors
    assert (e.row, e.column, e.code) == (2, "name", "cell_too_large")
    assert e.reason.startswith("1,000,000 characters, over the limit of 10,000")  # limits.check_table
    assert len(e.value) < 80  # the report quotes the start of the cell, not all of it


def test_cell_within_a_raised_limit_is_stored(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELL_CHARS", 300_000)
    store = SQLiteStore(":memory:")
    import_files(store, [("orgs.csv", ("name,sector,note\n甲,npo," + "n" * 200_000 + "\n").encode())])
    assert len(store.orgs()[0].note) == 200_000  # over csv's default 131,072: the field limit was lifted


def test_csv_field_limit_is_restored_after_reading():
    before = csv.field_size_limit()
    with wide_csv_fields(10**7):
        with wide_csv_fields(10**6):  # a second reader (another session) never lowers it
            assert csv.field_size_limit() == 10**7
        assert csv.field_size_limit() == 10**7
    assert csv.field_size_limit() == before
    read_checked("orgs.csv", ("name,sector\n" + "y" * 200_000 + ",npo\n").encode())
    assert csv.field_size_limit() == before


def test_too_wide_row_and_too_many_rows(monkeypatch):
    assert _errors(("name,sector\n" + ",".join(["x"] * 300) + "\n").encode()) == [("orgs.csv", 2, "", "row_too_wide")]
    monkeypatch.setattr(limits, "MAX_ROWS", 2)
    assert _errors("name,sector\n甲,npo\n乙,npo\n丙,npo\n".encode()) == [("orgs.csv", 0, "", "table_too_large")]


# --- JSON ---


def test_deep_json_is_a_file_error():
    assert _errors(b"[" * 100_000 + b"]" * 100_000, "deep.json") == [("deep.json", 0, "", "json_too_deep")]


@pytest.mark.parametrize(
    ("doc", "column", "code"),
    [
        (b'[{"name": {"a": 1}, "sector": "npo"}]', "name", "json_not_scalar"),
        (b'[{"name": ["<b>", 2], "sector": "npo"}]', "name", "json_not_scalar"),
        (b'[{"name": 1e999999, "sector": "npo"}]', "name", "json_not_finite"),
        (b'[{"name": "a", "sector": NaN}]', "sector", "json_not_finite"),
        (b'[{"name": "a", "sector": "npo", "aliases": ["b", {"c": 1}]}]', "aliases", "json_not_scalar"),
        (b'[{"name": "a", "sector": "npo", "note": ["x"]}]', "note", "json_not_scalar"),
    ],
)
def test_non_scalar_json_cells_are_bad_rows(doc, column, code):
    assert _errors(doc, "orgs.json") == [("orgs.json", 1, column, code)]


def test_json_scalars_and_lists_of_strings_are_kept():
    doc = [
        {
            "name": "れんぷく",
            "sector": "中間支援",
            "aliases": ["連携ふくしま", "RF"],
            "タグ": ["防災"],
            "note": 12,
            "url": None,
        },
        {"name": True, "sector": "npo"},
    ]
    store = SQLiteStore(":memory:")
    import_files(store, [("orgs.json", json.dumps(doc, ensure_ascii=False).encode())])
    by_name = {o.name: o for o in store.orgs()}
    assert by_name["れんぷく"].aliases == ["連携ふくしま", "RF"] and by_name["れんぷく"].tags == ["防災"]
    assert by_name["れんぷく"].note == "12" and "true" in by_name  # ingest.normalise.clean_text


# --- file size, before reading ---


def test_upload_limits_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UPLOAD_BYTES", 10)
    path = tmp_path / "orgs.csv"
    path.write_bytes(b"name,sector\nA,npo\n")
    (t,) = load_sources([path])
    assert (t.headers, [(e.row, e.code) for e in t.errors]) == ([], [(0, "file_too_large")])
    assert [e.code for e in read_upload("orgs.csv", b"name,sector\nA,npo\n").errors] == ["file_too_large"]
    assert _errors(b"", "e.csv") == [("e.csv", 0, "", "empty_file")]


# --- forms ---


@pytest.mark.parametrize(
    ("fields", "column", "code"),
    [
        ({"name": "a\x00b", "sector": "npo"}, "name", "control_character"),
        ({"name": "改行\nあり", "sector": "npo"}, "name", "control_character"),
        ({"name": "tab\tname", "sector": "npo"}, "name", "control_character"),
        ({"name": "rtl\u202e株式会社", "sector": "npo"}, "name", "control_character"),
        ({"name": "x" * 2_001, "sector": "npo"}, "name", "too_long"),
        ({"name": "甲", "sector": "npo", "note": "bell\x07"}, "note", "control_character"),
        ({"name": "甲", "sector": "npo", "note": "n" * 10_001}, "note", "too_long"),
        ({"name": "甲", "sector": "npo", "aliases": ["ok", "esc\x1b[31m"]}, "aliases", "control_character"),
    ],
)
def test_org_form_refuses_control_characters_and_long_fields(fields, column, code):
    org, errors, _ = validate_org_form(fields)
    assert org is None and [(e.column, e.code) for e in errors] == [(column, code)]
    assert errors[0].reason.startswith(f"{column}: ") and "/" in errors[0].reason  # bilingual, names the field


def test_org_form_allows_tabs_and_line_breaks_in_the_note():
    org, errors, _ = validate_org_form({"name": "甲", "sector": "npo", "note": "1行目\n2行目\tメモ", "city": "仙台市"})
    assert errors == [] and org.note == "1行目\n2行目\tメモ"


def test_tie_form_checks_every_field():
    store = SQLiteStore(":memory:")
    store.write(ChangeSet(orgs=[Org("a", "甲", "npo"), Org("b", "乙", "npo")]))
    tie, errors, _ = validate_tie_form(
        {"source": "甲", "target": "乙", "project": "p\x00", "evidence": "x" * 20_000}, store
    )
    assert tie is None and [(e.column, e.code) for e in errors] == [
        ("project", "control_character"),
        ("evidence", "too_long"),
    ]
    tie, errors, _ = validate_tie_form({"source": "甲", "target": "乙", "note": "a\nb"}, store)
    assert errors == [] and tie.note == "a\nb"
    assert check_form_fields({"strength": 3, "directed": True, "name": None}) == []  # non-text values pass through
