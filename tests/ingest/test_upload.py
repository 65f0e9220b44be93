"""Tests of ingest.upload: the Import page preview (no store, no write)."""

from __future__ import annotations

from ingest.upload import read_upload


def test_preview_of_a_cp932_ties_file():
    data = "連携元,連携先,強さ,担当\nれんぷく,石巻市,4,佐藤\n".encode("cp932")
    p = read_upload("ties.csv", data)
    (t,) = p.tables
    assert (t.kind, t.kind_label, t.encoding, t.n_rows) == ("ties", "連携 ties", "cp932", 1)
    assert t.columns == {"source": "連携元", "target": "連携先", "strength": "強さ"}
    assert t.ignored == [] and t.missing == []  # 担当 is kept as a custom field (issue 12)
    assert t.rows == [{"連携元": "れんぷく", "連携先": "石巻市", "強さ": "4", "担当": "佐藤"}]
    assert p.ok


def test_preview_reports_missing_column_and_kind_override():
    p = read_upload("list.csv", "団体名,事業\nれんぷく,復興支援\n".encode())
    assert p.tables[0].kind == "participations"
    p = read_upload("list.csv", "団体名,事業\nれんぷく,復興支援\n".encode(), kind="orgs")
    assert p.tables[0].kind == "orgs" and p.tables[0].missing == ["sector"]
    assert [e.code for e in p.errors] == ["missing_column"] and not p.ok


def test_preview_limit_and_undecodable():
    data = ("団体名,区分\n" + "".join(f"会{i},NPO\n" for i in range(30))).encode() + b"\x81\x20,NPO\n"
    p = read_upload("orgs.csv", data, limit=5)
    t = p.tables[0]
    assert (t.n_rows, len(t.rows)) == (31, 5)
    assert [(e.row, e.code) for e in p.errors] == [(32, "undecodable")]
