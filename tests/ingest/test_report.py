"""Tests of ingest.report: the report's table and text forms, the rejects file."""

from __future__ import annotations

from ingest.report import ImportReport, KindCounts, RowError, write_rejects


def test_to_rows_and_text():
    e = RowError(
        "ties.csv", 3, "強さ", "9", "strength out of range 1–5 / 強さは1〜5で指定してください", "strength_range"
    )
    r = ImportReport(errors=[e], counts={"ties": KindCounts(read=2, created=1, rejected=1)})
    assert r.to_rows() == [
        {"file": "ties.csv", "row": 3, "column": "強さ", "value": "9", "reason": e.reason, "code": "strength_range"}
    ]
    text = r.to_text()
    assert "ties: read 2, created 1, updated 0, unchanged 0, rejected 1" in text
    assert "ties.csv row 3 [強さ] '9': strength out of range" in text
    assert text.endswith("nothing written / 書き込みなし")
    assert r.summary_rows() == [{"kind": "ties", "read": 2, "created": 1, "updated": 0, "unchanged": 0, "rejected": 1}]


def test_to_text_truncates():
    r = ImportReport(errors=[RowError("a.csv", i, "c", "v", "bad") for i in range(2, 12)])
    assert "… 7 more / ほか 7 件" in r.to_text(max_errors=3)


def test_write_rejects(tmp_path):
    path = tmp_path / "r.csv"
    write_rejects(
        str(path),
        [RowError("a.csv", 2, "区分", "宇宙", "unknown sector", "unknown_sector")],
        {("a.csv", 2): {"団体名": "X", "区分": "宇宙"}},
    )
    assert path.read_text(encoding="utf-8-sig").splitlines() == [
        "file,row,column,value,reason,code,data",
        'a.csv,2,区分,宇宙,unknown sector,unknown_sector,"{""団体名"": ""X"", ""区分"": ""宇宙""}"',
    ]


def test_summary_line():
    r = ImportReport(counts={"orgs": KindCounts(read=6, created=4, rejected=2)}, dry_run=True)
    assert r.summary() == (
        "orgs 6 read: 4 created, 0 updated, 0 unchanged, 2 rejected "
        "(新規 4 / 更新 0 / 変更なし 0 / 不正 2) — dry run, nothing written / 試行のみ"
    )
