"""Issue 12 item 3: a column Renkei does not know is kept as a custom field, never dropped."""

from __future__ import annotations

import io

import openpyxl
import pytest

from ingest.importer import import_files
from network.errors import ValidationError

ORGS = (
    "団体名,区分,担当者,電話,活動分野\n"
    "みやぎ連携復興センター,中間支援,佐藤 花子,022-000-0000,復興|まちづくり\n"
    "石巻市,行政,,0225-95-1111,\n"
).encode("cp932")
TIES = ("連携元,連携先,関係,強さ,窓口\n石巻市,みやぎ連携復興センター,委託,4,復興政策課\n").encode()


def test_unknown_columns_are_kept_as_custom_fields(store):
    r = import_files(store, [("orgs.csv", ORGS), ("ties.csv", TIES)])
    by_name = {o.name: o for o in store.orgs()}
    assert by_name["みやぎ連携復興センター"].custom == {
        "担当者": "佐藤 花子",
        "電話": "022-000-0000",
        "活動分野": "復興|まちづくり",
    }
    assert by_name["石巻市"].custom == {"電話": "0225-95-1111"}  # an empty cell keeps no field
    (tie,) = store.ties()
    assert tie.custom == {"窓口": "復興政策課"} and tie.type == "commission" and tie.strength == 4
    assert "orgs.csv: kept as custom fields / 独自項目として保存: 担当者, 電話, 活動分野" in r.warnings
    assert "ties.csv: kept as custom fields / 独自項目として保存: 窓口" in r.warnings
    assert not any("ignored" in w for w in r.warnings)
    assert r.files[0].custom_columns == ["担当者", "電話", "活動分野"] and r.files[0].ignored_columns == []
    assert "kept as custom fields" in r.to_text()
    assert r.summary().endswith("kept as custom fields / 独自項目として保存: 担当者, 電話, 活動分野, 窓口")
    # the same file again changes nothing; a changed value is an update, a missing cell keeps the old value
    again = import_files(store, [("orgs.csv", ORGS), ("ties.csv", TIES)])
    assert again.counts["orgs"].unchanged == 2 and again.counts["ties"].unchanged == 1
    changed = "団体名,区分,担当者\nみやぎ連携復興センター,中間支援,鈴木 一郎\n".encode()
    r = import_files(store, [("orgs.csv", changed)])
    assert r.counts["orgs"].updated == 1
    assert store.get_org(by_name["みやぎ連携復興センター"].id).custom == {
        "担当者": "鈴木 一郎",
        "電話": "022-000-0000",
        "活動分野": "復興|まちづくり",
    }


def test_custom_fields_from_a_workbook_keep_numbers_and_dates_as_text(store):
    from datetime import datetime

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "団体"
    ws.append(["団体名", "区分", "会員数", "設立日"])
    ws.append(["渡波地区自治会", "自治会", 120, datetime(2011, 6, 1)])
    buf = io.BytesIO()
    wb.save(buf)
    import_files(store, [("book.xlsx", buf.getvalue())])
    (org,) = store.orgs()
    assert org.custom == {"会員数": "120", "設立日": "2011-06-01"}


def test_renkeis_own_computed_columns_are_ignored_not_kept(store):
    data = (
        "id,name,sector,created_at,updated_at,source,custom.担当者\n"
        "org-1,れんぷく,intermediary,2024-01-01,2024-01-02,x.csv,佐藤\n"
    ).encode()
    r = import_files(store, [("orgs.csv", data)])
    assert store.get_org("org-1").custom == {"担当者": "佐藤"}
    assert r.files[0].ignored_columns == ["created_at", "updated_at", "source"]


@pytest.mark.parametrize(
    "header, value, code",
    [
        ("custom.name", "別名", "custom_collides"),  # collides with a known field
        ("custom.区分", "企業", "custom_collides"),
        ("custom.id", "x", "custom_collides"),
        ("担当者", "佐藤\x07花子", "custom_control"),  # a control character in the value
        ("担\x1b当", "佐藤", "custom_control"),  # … or in the name
    ],
)
def test_a_bad_custom_field_is_a_bad_row(store, header, value, code):
    data = f"団体名,区分,{header}\nれんぷく,中間支援,{value}\n石巻市,行政,\n".encode()
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("orgs.csv", data)])
    (e,) = exc.value.report.errors
    assert (e.row, e.column, e.code) == (2, header, code)
    assert store.counts()["orgs"] == 0  # nothing written
    r = import_files(store, [("orgs.csv", data)], keep_good=True, rejects_path=str(store.path) + ".rej.csv")
    assert [o.name for o in store.orgs()] == ["石巻市"] and r.counts["orgs"].rejected == 1


def test_line_breaks_and_tabs_are_allowed_in_custom_values(store):
    data = '団体名,区分,活動内容\nれんぷく,中間支援,"復興支援\n\tまちづくり"\n'.encode()
    import_files(store, [("orgs.csv", data)])
    assert store.orgs()[0].custom == {"活動内容": "復興支援\n\tまちづくり"}


def test_a_bad_tie_custom_field_is_reported_with_other_errors(store):
    import_files(store, [("orgs.csv", ORGS)])
    data = "連携元,連携先,強さ,窓口\n石巻市,みやぎ連携復興センター,9,課\x00\n".encode()
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("ties.csv", data)])
    assert [(e.column, e.code) for e in exc.value.report.errors] == [
        ("強さ", "strength_range"),
        ("窓口", "custom_control"),
    ]
