"""Tests of ingest.readers: encodings detected, XLSX sheets, JSON shapes, undecodable bytes."""

from __future__ import annotations

import io
import json
from datetime import datetime

import openpyxl
import pytest

from ingest.readers import decode_bytes, read_path, read_source

ORGS = "団体名,区分,市区町村\n㈱富士通エフサス,企業,仙台市\n日本財団,財団,港区\n"


@pytest.mark.parametrize("encoding, label", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932")])
def test_three_encodings_read_the_same_rows(encoding, label):
    (t,) = read_source("orgs.csv", ORGS.encode(encoding))
    assert t.encoding == label
    assert t.headers == ["団体名", "区分", "市区町村"]  # no BOM left on the first header
    assert t.rows == [["㈱富士通エフサス", "企業", "仙台市"], ["日本財団", "財団", "港区"]]
    assert t.row_numbers == [2, 3]
    assert t.errors == []


def test_plain_shift_jis_reads_as_cp932():
    # CP932 is a superset of Shift_JIS (JIS X 0208), so a Shift_JIS file decodes the same
    (t,) = read_source("orgs.csv", "団体名,区分\n鶴見区まちづくりセンター,中間支援\n".encode("shift_jis"))
    assert (t.encoding, t.rows) == ("cp932", [["鶴見区まちづくりセンター", "中間支援"]])


def test_short_shift_jis_file_is_not_mistaken():
    # two characters: statistical detectors guess wrong on files this short; the fixed order does not
    assert decode_bytes("区分".encode("cp932")) == ("区分", "cp932", True)
    # CP932-only characters (NEC special ①, IBM extension 髙) decode too
    assert decode_bytes("①髙橋".encode("cp932"))[:2] == ("①髙橋", "cp932")


def test_utf16_tab_separated_excel_unicode_text():
    (t,) = read_source("orgs.txt", "団体名\t区分\nれんぷく\t中間支援\n".encode("utf-16"))
    assert (t.encoding, t.headers, t.rows) == ("utf-16", ["団体名", "区分"], [["れんぷく", "中間支援"]])


def test_undecodable_bytes_reported_per_row_and_column():
    data = "団体名,区分\nれんぷく,中間支援\n".encode() + b"\x81\x20bad,NPO\n" + "日本財団,財団\n".encode()
    (t,) = read_source("orgs.csv", data)
    assert t.encoding.startswith("utf-8")
    assert [(e.file, e.row, e.column, e.code) for e in t.errors] == [("orgs.csv", 3, "団体名", "undecodable")]
    assert t.bad_rows == {3}
    assert t.rows[0] == ["れんぷく", "中間支援"] and t.rows[2] == ["日本財団", "財団"]


def test_blank_rows_skipped_but_numbering_kept():
    (t,) = read_source("ties.csv", "連携元,連携先\nA,B\n,\n\nC,D\n".encode())
    assert t.rows == [["A", "B"], ["C", "D"]]
    assert t.row_numbers == [2, 5]


def test_quoted_multiline_cell_counts_as_one_row():
    (t,) = read_source("orgs.csv", '団体名,備考\nA,"1行目\n2行目"\nB,x\n'.encode())
    assert t.rows == [["A", "1行目\n2行目"], ["B", "x"]]
    assert t.row_numbers == [2, 3]


def _workbook(sheets: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_one_sheet_per_kind_with_date_cells():
    data = _workbook(
        {
            "団体": [["団体名", "区分"], ["れんぷく", "中間支援"]],
            "連携": [["連携元", "連携先", "開始"], ["れんぷく", "石巻市", datetime(2013, 4, 1)]],
            "空": [],
        }
    )
    tables = read_source("network.xlsx", data)
    assert [t.file for t in tables] == ["network.xlsx:団体", "network.xlsx:連携"]  # the empty sheet is skipped
    assert tables[1].rows == [["れんぷく", "石巻市", datetime(2013, 4, 1)]]
    assert tables[1].encoding == "xlsx" and tables[1].hint == "連携"


def test_xlsx_one_kind_per_file(tmp_path):
    path = tmp_path / "ties.xlsx"
    path.write_bytes(_workbook({"Sheet1": [["source", "target", "strength"], ["a", "b", 4]]}))
    (t,) = read_path(path)
    assert (t.file, t.headers, t.rows, t.row_numbers) == (
        "ties.xlsx:Sheet1",
        ["source", "target", "strength"],
        [["a", "b", 4]],
        [2],
    )


def test_not_a_workbook():
    (t,) = read_source("bad.xlsx", b"PK\x03\x04 not really a zip")
    assert t.errors[0].code == "unreadable" and t.errors[0].row == 0


def test_json_list_of_objects():
    data = json.dumps(
        [{"name": "れんぷく", "sector": "intermediary"}, {"name": "石巻市", "sector": "government", "city": "石巻市"}],
        ensure_ascii=False,
    )
    (t,) = read_source("orgs.json", data.encode())
    assert t.headers == ["name", "sector", "city"]
    assert t.rows == [["れんぷく", "intermediary", None], ["石巻市", "government", "石巻市"]]
    assert t.row_numbers == [1, 2]


def test_json_object_with_kinds():
    data = {
        "organisations": [{"name": "A", "sector": "npo"}],
        "ties": [{"source": "A", "target": "B"}],
        "participations": [],
        "meta": {"v": 1},
    }
    tables = read_source("net.json", json.dumps(data).encode())
    assert [(t.file, t.hint) for t in tables] == [
        ("net.json:organisations", "orgs"),
        ("net.json:ties", "ties"),
        ("net.json:participations", "participations"),
    ]


def test_bad_json():
    (t,) = read_source("x.json", b'[{"name": "A",}]')
    assert t.errors[0].code == "unreadable" and "JSON" in t.errors[0].reason


@pytest.mark.parametrize("encoding", ["euc_jp", "iso2022_jp"])
def test_older_japanese_encodings(encoding):
    # not asked for by the issue, but still seen in old municipal files
    (t,) = read_source("orgs.csv", ORGS.replace("㈱", "株式会社").encode(encoding))
    assert t.encoding == encoding and t.errors == []
    assert t.rows[0] == ["株式会社富士通エフサス", "企業", "仙台市"]
