"""Tests of ingest.importer against the real SQLite store (a file in tmp_path)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import openpyxl
import pytest

from ingest.importer import import_files
from ingest.project import projected_ties
from network.errors import ValidationError
from network.model import org_id_for
from tests.ingest.conftest import write_text

ORGS_JA = """団体名,区分,種別,都道府県,市区町村,法人番号
株式会社 富士通エフサス,企業,,神奈川県,川崎市,
（株）富士通エフサス,企業,,,,
㈱富士通エフサス,企業,,,,
公益財団法人 日本財団,財団,,東京都,港区,
国立大学法人 東北大学,大学,,宮城県,仙台市,
国税庁,行政,,東京都,千代田区,8700110005901
"""
TIES_JA = """連携元,連携先,関係,方向,強さ,開始,終了,事業名
日本財団,東北大学,助成,,4,平成29年4月1日,R2.3.31,復興研究
東北大学,㈱富士通エフサス,協働,,,2024/4/1,,
8700110005901,東北大学,情報交換,双方向,2,,,
"""


def test_encodings_japanese_headers_and_name_variants(store, tmp_path):
    paths = []
    for enc, name in [("utf-8-sig", "orgs.csv"), ("cp932", "ties.csv")]:
        paths.append(write_text(tmp_path / name, ORGS_JA if name == "orgs.csv" else TIES_JA, enc))
    r = import_files(store, paths, user="tester")
    assert [(f.file, f.kind, f.encoding, f.rows) for f in r.files] == [
        ("orgs.csv", "orgs", "utf-8-sig", 6),
        ("ties.csv", "ties", "cp932", 3),
    ]
    assert (r.counts["orgs"].read, r.counts["orgs"].created) == (6, 4)  # three spellings → one org
    assert r.counts["ties"].created == 3
    fj = store.get_org(org_id_for("株式会社富士通エフサス"))
    assert fj.name == "株式会社 富士通エフサス"
    assert fj.aliases == ["（株）富士通エフサス", "㈱富士通エフサス"]
    assert (fj.sector, fj.city, fj.source) == ("company", "川崎市", "orgs.csv")
    tu, nf = org_id_for("国立大学法人東北大学"), org_id_for("公益財団法人日本財団")
    G = store.load_graph()
    funding = [d for s, t, d in G.edges(data=True) if d["type"] == "funding"]
    assert len(funding) == 1 and funding[0]["start"] == "2017-04-01" and funding[0]["end"] == "2020-03-31"
    assert G.has_edge(nf, tu) and funding[0]["directed"] is True and funding[0]["strength"] == 4
    collab = [d for *_, d in G.edges(data=True) if d["type"] == "collaboration"][0]
    assert (collab["strength"], collab["directed"], collab["start"]) == (3, False, "2024-04-01")
    assert store.audit(limit=1)[0].user == "tester"


def test_english_headers_and_json(store):
    doc = {
        "organisations": [
            {"name": "Renpuku", "sector": "intermediary", "aliases": ["れんぷく"]},
            {"name": "Ishinomaki City", "sector": "government"},
        ],
        "ties": [
            {"from": "れんぷく", "to": "Ishinomaki City", "type": "commission", "strength": 5, "start": "2013-04-01"}
        ],
    }
    r = import_files(store, [("net.json", json.dumps(doc, ensure_ascii=False).encode())])
    assert (r.counts["orgs"].created, r.counts["ties"].created) == (2, 1)
    (t,) = store.ties()
    # commission is directed (commissioner → contractor), so the ends stay as written
    assert (t.source, t.target, t.directed, t.strength, t.start) == (
        org_id_for("renpuku"),
        org_id_for("ishinomakicity"),
        True,
        5,
        "2013-04-01",
    )


def test_ties_file_before_orgs_file_still_resolves(store):
    r = import_files(store, [("ties.csv", TIES_JA.encode()), ("orgs.csv", ORGS_JA.encode())])
    assert r.ok and r.counts["ties"].created == 3


def _workbook(sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_one_sheet_per_kind_with_excel_dates(store):
    data = _workbook(
        {
            "団体": [["団体名", "区分", "法人番号"], ["れんぷく", "中間支援", None], ["国税庁", "行政", 8700110005901]],
            "連携": [["連携元", "連携先", "関係", "開始"], ["国税庁", "れんぷく", "委託", datetime(2019, 4, 1)]],
            "参加": [
                ["団体", "会議", "日付"],
                ["れんぷく", "復興会議", datetime(2019, 5, 1)],
                ["国税庁", "復興会議", 43586],
            ],  # 43586 = Excel serial of 2019-05-01
        }
    )
    r = import_files(store, [("network.xlsx", data)])
    assert [(f.file, f.kind) for f in r.files] == [
        ("network.xlsx:団体", "orgs"),
        ("network.xlsx:連携", "ties"),
        ("network.xlsx:参加", "participations"),
    ]
    (t,) = store.ties()
    assert (t.start, t.type, t.directed) == ("2019-04-01", "commission", True)
    assert store.get_org(org_id_for("国税庁", "8700110005901")).corporate_number == "8700110005901"
    assert sorted(p.date for p in store.participations()) == ["2019-05-01", "2019-05-01"]


def test_xlsx_one_kind_per_file(store):
    orgs = _workbook({"Sheet1": [["name", "sector"], ["A会", "自治会"], ["B会", "自治会"]]})
    ties = _workbook({"Sheet1": [["source", "target"], ["A会", "B会"]]})
    r = import_files(store, [("orgs.xlsx", orgs), ("ties.xlsx", ties)])
    assert (r.counts["orgs"].created, r.counts["ties"].created) == (2, 1)


def test_kind_override(store):
    # an organisations file with a 事業 (main business) column looks like participations (団体名 + 事業)
    data = "団体名,区分,事業\nれんぷく,中間支援,復興支援\n".encode()
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("list.csv", data)])
    assert exc.value.report.files[0].kind == "participations"
    r = import_files(store, [("list.csv", data)], kind="団体")
    assert r.files[0].kind == "orgs" and r.counts["orgs"].created == 1
    assert r.files[0].custom_columns == ["事業"] and store.orgs()[0].custom == {"事業": "復興支援"}  # kept (issue 12)


def test_unknown_kind_is_reported(store):
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("x.csv", b"foo,bar\n1,2\n")])
    (e,) = exc.value.report.errors
    assert (e.file, e.row, e.value, e.code) == ("x.csv", 1, "foo,bar", "unknown_kind")


BAD_ORGS = """団体名,区分,法人番号
れんぷく,中間支援,
石巻市,行政,
公益財団法人 日本財団,財団,
公益社団法人 日本財団,財団,
宇宙センター,宇宙,
国税庁,行政,1700110005901
"""
BAD_TIES = """連携元,連携先,関係,強さ,開始,終了
れんぷく,石巻市,委託,3,2013-04-01,2016-03-31
れんぷく,謎の団体,協働,3,,
れんぷく,石巻市,協働,9,,
れんぷく,石巻市,協働,3,2024-02-30,
れんぷく,石巻市,協働,3,2024-04-01,2023-04-01
れんぷく,れんぷく,協働,3,,
れんぷく,日本財団,協働,3,,
"""


def test_every_bad_row_reported_and_nothing_written(store):
    before = store.counts()
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("orgs.csv", BAD_ORGS.encode()), ("ties.csv", BAD_TIES.encode())])
    rows = [(e.file, e.row, e.column, e.value, e.code) for e in exc.value.report.errors]
    assert rows == [
        ("orgs.csv", 6, "区分", "宇宙", "unknown_sector"),
        ("orgs.csv", 7, "法人番号", "1700110005901", "bad_corporate_number"),
        ("ties.csv", 3, "連携先", "謎の団体", "unknown_org"),
        ("ties.csv", 4, "強さ", "9", "strength_range"),
        ("ties.csv", 5, "開始", "2024-02-30", "bad_date"),
        ("ties.csv", 6, "終了", "2023-04-01", "end_before_start"),
        ("ties.csv", 7, "連携先", "れんぷく", "self_tie"),
        ("ties.csv", 8, "連携先", "日本財団", "ambiguous_org"),  # 公益財団法人 and 公益社団法人 日本財団 both fit
    ]
    assert "日本財団" in exc.value.report.errors[-1].reason
    assert store.counts() == before  # nothing written
    assert "nothing written" in exc.value.report.to_text()


def test_missing_required_column(store):
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("orgs.csv", "団体名,市区町村\nれんぷく,仙台市\n".encode())])
    (e,) = exc.value.report.errors
    assert (e.file, e.row, e.column, e.code) == ("orgs.csv", 1, "sector", "missing_column")
    assert e.reason == "missing required column / 必須の列がありません: sector (区分, セクター, 分野)"
    assert exc.value.report.counts["orgs"].rejected == 1


def test_undecodable_bytes(store):
    data = "団体名,区分\nれんぷく,中間支援\n".encode() + b"\x81\x20,NPO\n"
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("orgs.csv", data)])
    (e,) = exc.value.report.errors
    assert (e.file, e.row, e.column, e.code) == ("orgs.csv", 3, "団体名", "undecodable")
    assert store.counts()["orgs"] == 0


def test_keep_good_writes_good_rows_and_rejects_file(store, tmp_path):
    rejects = tmp_path / "rejects.csv"
    r = import_files(
        store, [("orgs.csv", BAD_ORGS.encode()), ("ties.csv", BAD_TIES.encode())], keep_good=True, rejects_path=rejects
    )
    assert r.written and len(r.errors) == 8
    assert (r.counts["orgs"].created, r.counts["orgs"].rejected) == (4, 2)
    assert (r.counts["ties"].created, r.counts["ties"].rejected) == (1, 6)  # 7 rows, only the first good
    assert store.counts()["orgs"] == 4 and store.counts()["ties"] == 1
    text = rejects.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    assert [(x["file"], x["row"], x["column"], x["code"]) for x in rows][:2] == [
        ("orgs.csv", "6", "区分", "unknown_sector"),
        ("orgs.csv", "7", "法人番号", "bad_corporate_number"),
    ]
    assert json.loads(rows[0]["data"]) == {"団体名": "宇宙センター", "区分": "宇宙", "法人番号": ""}


def test_keep_good_default_rejects_path(store, tmp_path):
    path = write_text(tmp_path / "orgs.csv", BAD_ORGS)
    r = import_files(store, [path], keep_good=True)
    assert r.rejects_path == str(tmp_path / "orgs.rejects.csv")
    assert (tmp_path / "orgs.rejects.csv").exists()


def test_reimport_changes_nothing(store, tmp_path):
    paths = [write_text(tmp_path / "orgs.csv", ORGS_JA, "cp932"), write_text(tmp_path / "ties.csv", TIES_JA)]
    import_files(store, paths)
    rev, counts, graph = store.revision(), store.counts(), store.load_graph()
    r = import_files(store, paths)
    assert (r.counts["orgs"].created, r.counts["orgs"].updated, r.counts["orgs"].unchanged) == (0, 0, 4)
    assert (r.counts["ties"].created, r.counts["ties"].updated, r.counts["ties"].unchanged) == (0, 0, 3)
    assert store.revision() == rev and store.counts() == counts  # no audit rows: nothing changed
    assert sorted(store.load_graph().edges(keys=True)) == sorted(graph.edges(keys=True))


def test_reimport_with_a_changed_cell_updates_one_tie(store):
    import_files(store, [("orgs.csv", ORGS_JA.encode()), ("ties.csv", TIES_JA.encode())])
    r = import_files(
        store,
        [
            ("orgs.csv", ORGS_JA.encode()),
            ("ties.csv", TIES_JA.replace("情報交換,双方向,2", "情報交換,双方向,5").encode()),
        ],
    )
    assert (r.counts["ties"].created, r.counts["ties"].updated, r.counts["ties"].unchanged) == (0, 1, 2)


@pytest.mark.parametrize("stop_at", [500, 1000, 1200, 1700, 1800])
def test_interrupted_import_leaves_the_store_as_it_was(store, stop_at):
    # 1200 new orgs then 600 ties, written in batches of 500 (SQLiteStore._BATCH): progress is called
    # at 500, 1000, 1200 (orgs), 1700, 1800 (ties); 1800 is the last call, just before the commit
    import_files(store, [("orgs.csv", ORGS_JA.encode())])
    rev, counts = store.revision(), store.counts()
    orgs_before = [o.to_dict() for o in store.orgs()]
    many = "団体名,区分\n" + "".join(f"団体{i:04d},NPO\n" for i in range(1200))
    ties = "連携元,連携先\n" + "".join(f"団体{i:04d},団体{i + 1:04d}\n" for i in range(600))
    calls = []

    def stop(done, total):
        calls.append(done)
        if done >= stop_at:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_files(store, [("more.csv", many.encode()), ("ties.csv", ties.encode())], progress=stop)
    assert calls == [n for n in (500, 1000, 1200, 1700, 1800) if n <= stop_at]
    assert store.revision() == rev and store.counts() == counts
    assert [o.to_dict() for o in store.orgs()] == orgs_before


def test_unknown_org_in_ties_is_never_created(store):
    import_files(store, [("orgs.csv", ORGS_JA.encode())])
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("ties.csv", "連携元,連携先\n日本財団,新しい団体\n".encode())])
    assert exc.value.report.errors[0].code == "unknown_org"
    assert store.counts()["orgs"] == 4


def test_ties_against_stored_orgs_by_name_id_and_number(store):
    import_files(store, [("orgs.csv", ORGS_JA.encode())])
    nf = org_id_for("公益財団法人日本財団")
    ties = f"from,to,type\n{nf},8700110005901,info\n日本財団,富士通エフサス,協賛\n"
    r = import_files(store, [("ties.csv", ties.encode())])
    assert r.counts["ties"].created == 2
    assert {t.type for t in store.ties(org=nf)} == {"information", "funding"}


def test_dry_run_counts_without_writing(store):
    r = import_files(store, [("orgs.csv", BAD_ORGS.encode())], dry_run=True)
    assert r.dry_run and not r.written and len(r.errors) == 2
    assert r.counts["orgs"].created == 4
    assert store.counts()["orgs"] == 0


def test_participations_kept_and_projected(store):
    parts = """団体,活動,役割,日付
れんぷく,復興会議,事務局,2015-07-10
石巻市,復興会議,参加,2015-07-10
日本財団,復興会議,参加,2015-07-10
れんぷく,子ども支援ネット,事務局,
石巻市,子ども支援ネット,参加,
"""
    orgs = "団体名,区分\nれんぷく,中間支援\n石巻市,行政\n公益財団法人 日本財団,財団\n"
    r = import_files(store, [("orgs.csv", orgs.encode()), ("p.csv", parts.encode())])
    assert (r.counts["participations"].created, r.counts["activities"].created) == (5, 2)
    ties = {(t.source, t.target): t.weight for t in projected_ties(store.participations())}
    rp, ishi, nf = org_id_for("れんぷく"), org_id_for("石巻市"), org_id_for("公益財団法人日本財団")
    key = (min(rp, ishi), max(rp, ishi))
    assert ties[key] == 2.0  # 復興会議 and 子ども支援ネット
    assert ties[(min(rp, nf), max(rp, nf))] == 1.0
    r = import_files(store, [("orgs.csv", orgs.encode()), ("p.csv", parts.encode())])
    assert r.counts["participations"].unchanged == 5 and r.counts["activities"].unchanged == 2


def test_sample_data_imports_cleanly(store):
    # data/miyagi from the sample-data helper: every row valid; a second import changes nothing
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "data" / "miyagi"
    paths = [folder / "orgs.csv", folder / "ties.csv", folder / "participations.csv"]
    r = import_files(store, paths)
    assert r.ok and r.counts["orgs"].created == r.counts["orgs"].read
    rev = store.revision()
    import_files(store, paths)
    assert store.revision() == rev


def test_repeated_tie_rows_are_one_tie_and_a_warning(store):
    orgs = "団体名,区分\nA会,自治会\nB会,自治会\n"
    # an undirected tie written both ways round is the same tie (DESIGN: stored once)
    ties = "連携元,連携先,関係,強さ\nA会,B会,協働,2\nB会,A会,協働,4\n"
    r = import_files(store, [("orgs.csv", orgs.encode()), ("ties.csv", ties.encode())])
    (t,) = store.ties()
    assert t.strength == 4 and r.counts["ties"].created == 1
    assert r.warnings == [
        "1 tie rows repeat an earlier one (same ends, type, start and project); the last one is "
        "kept / 同じ連携の重複行 1 件（後の行を採用）"
    ]


def test_a_row_with_a_bad_cell_still_reports_its_unknown_orgs(store):
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("ties.csv", "連携元,連携先,強さ\nA,B,9\n".encode())])
    assert [(e.row, e.column, e.code) for e in exc.value.report.errors] == [
        (2, "連携元", "unknown_org"),
        (2, "連携先", "unknown_org"),
        (2, "強さ", "strength_range"),
    ]


def test_cycle_collector_resumes_after_an_import(store):
    import gc

    assert gc.isenabled()
    with pytest.raises(ValidationError):
        import_files(store, [("x.csv", b"foo\n1\n")])
    import_files(store, [("orgs.csv", ORGS_JA.encode())])
    assert gc.isenabled()
