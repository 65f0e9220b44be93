"""renkei enrich / ingest.enrich: the national 法人番号 data fills organisations that match by 法人番号.

The files are generated here in the published layout (headerless, 30 fixed columns, Shift_JIS).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ingest.enrich import COLUMNS, enrich
from ingest.normalise import corporate_check_digit
from network.cli import main
from network.model import Org
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore


def number(base: int) -> str:
    """A valid 法人番号 from a 12-digit base (国税庁 check digit)."""
    b = f"{base:012d}"
    return f"{corporate_check_digit(b)}{b}"


def row(
    corp: str,
    name: str,
    *,
    kind: str = "301",
    pref: str = "宮城県",
    city: str = "仙台市青葉区",
    pcode: str = "04",
    ccode: str = "101",
    close: str = "",
    cause: str = "",
    successor: str = "",
    process: str = "01",
    latest: str = "1",
    seq: int = 1,
) -> list[str]:
    r = dict.fromkeys(COLUMNS, "")
    r.update(
        sequence=str(seq),
        corporateNumber=corp,
        process=process,
        correct="0",
        updateDate="2024-04-01",
        changeDate="2015-10-05",
        name=name,
        kind=kind,
        prefectureName=pref,
        cityName=city,
        streetNumber="一番町１－１",
        prefectureCode=pcode,
        cityCode=ccode,
        postCode="9800811",
        closeDate=close,
        closeCause=cause,
        successorCorporateNumber=successor,
        assignmentDate="2015-10-05",
        latest=latest,
        furigana="",
        hihyoji="0",
    )
    return [r[c] for c in COLUMNS]


def csv_bytes(rows: list[list[str]], encoding: str = "cp932") -> bytes:
    return "".join(",".join(f'"{v}"' if v else "" for v in r) + "\r\n" for r in rows).encode(encoding)


A, B, C, D = number(100000000001), number(100000000002), number(100000000003), number(100000000004)


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "renkei.db")
    s.write(
        ChangeSet(
            orgs=[
                Org("a", "株式会社 髙橋商店", "company", corporate_number=A),
                Org(
                    "b", "みやぎ生協", "npo", kind="生協", city="石巻市", corporate_number=B
                ),  # a different city is kept
                Org("c", "閉店堂", "company", corporate_number=C),
                Org("s", "ミヤギ連携センター", "intermediary", city="仙台市"),  # no 法人番号: a suggestion
                Org("t", "ダブル商会", "company", city="仙台市"),  # two entries fit: no suggestion
            ]
        ),
        user="seed",
    )
    yield s
    s.close()


@pytest.fixture
def national(tmp_path) -> Path:
    path = tmp_path / "04_miyagi_all.csv"
    path.write_bytes(
        csv_bytes(
            [
                row(A, "高橋商店株式会社"),
                row(B, "みやぎ生活協同組合", kind="399", city="仙台市宮城野区", ccode="102"),
                row(C, "株式会社閉店堂", close="2023-03-31", cause="01", successor=D),
                row(number(100000000005), "特定非営利活動法人みやぎ連携センター", kind="399"),
                row(number(100000000006), "ダブル商会株式会社"),
                row(number(100000000007), "株式会社ダブル商会", city="仙台市泉区", ccode="105"),
                row(number(100000000008), "取り消し", process="99"),
            ]
        )
    )
    return path


def _state(store: SQLiteStore) -> list[dict]:
    return [o.to_dict() for o in store.orgs()]


def test_dry_run_changes_nothing_and_says_what_it_would(store, national, capsys) -> None:
    before, audit = _state(store), len(store.audit())
    assert main(["--store", store.url, "enrich", str(national)]) == 0
    out = capsys.readouterr().out
    assert _state(store) == before and len(store.audit()) == audit
    assert "a 株式会社 髙橋商店: kind '' → '株式会社'" in out
    assert "c 閉店堂: 閉鎖日 '' → '2023-03-31'" in out
    assert "b みやぎ生協: city '石巻市' kept (file says '仙台市宮城野区')" in out
    assert f"s ミヤギ連携センター (仙台市青葉区) → 法人番号 {number(100000000005)}" in out
    assert "ダブル商会 (" not in out  # two entries fit: never a guess
    assert "nothing written" in out


def test_write_fills_fields_in_one_audited_batch(store, national, capsys) -> None:
    assert main(["--store", store.url, "enrich", str(national), "--write", "--user", "sato"]) == 0
    a, b, c = store.get_org("a"), store.get_org("b"), store.get_org("c")
    assert (a.kind, a.prefecture, a.city, a.custom) == (
        "株式会社",
        "宮城県",
        "仙台市青葉区",
        {"市区町村コード": "04101"},
    )
    assert (b.kind, b.prefecture, b.city) == ("生協", "宮城県", "石巻市")  # filled only where empty
    assert b.custom == {"市区町村コード": "04102"}
    assert c.custom == {
        "市区町村コード": "04101",
        "閉鎖日": "2023-03-31",
        "閉鎖事由": "清算の結了等",
        "承継先法人番号": D,
    }
    assert store.get_org("s").corporate_number == ""  # a suggestion is never written
    entries = [e for e in store.audit() if e.user == "sato"]
    assert sorted(e.entity_id for e in entries) == ["a", "b", "c"]
    assert len({e.batch for e in entries}) == 1
    assert next(e for e in entries if e.entity_id == "c").before["custom"] == {}
    capsys.readouterr()
    assert main(["--store", store.url, "enrich", str(national), "--write"]) == 0  # again: nothing to change
    assert "0 to change" in capsys.readouterr().out


def test_utf8_and_zip(store, tmp_path) -> None:
    import zipfile

    path = tmp_path / "04_miyagi_all_20240401.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("04_miyagi_all_20240401.csv", csv_bytes([row(A, "高橋商店株式会社")], "utf-8"))
    plan = enrich(store, [path])
    assert [(c.field, c.after) for c in plan.changes if c.org_id == "a"][0] == ("kind", "株式会社")


def test_bad_row_is_reported_and_nothing_written(store, tmp_path, capsys) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([row(A, "高橋商店株式会社"), row("12345", "短い")]) + b"1,2,3\r\n")
    before = _state(store)
    assert main(["--store", store.url, "enrich", str(path), "--write"]) == 1
    err = capsys.readouterr().err
    assert "bad.csv row 2 [corporateNumber] '12345'" in err
    assert "bad.csv row 3" in err and "columns" in err
    assert _state(store) == before


def test_json_output(store, national, capsys) -> None:
    assert main(["--store", store.url, "enrich", str(national), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rows"] == 6 and out["matched"] == 3 and out["written"] is False
    assert out["suggestions"] == [
        {
            "org_id": "s",
            "name": "ミヤギ連携センター",
            "number": number(100000000005),
            "entry_name": "特定非営利活動法人みやぎ連携センター",
            "city": "仙台市青葉区",
        }
    ]


def _enrich_peak(tmp_path: Path, rows: int) -> tuple[dict, int]:
    """Run ``enrich --write`` over ``rows`` generated rows in a fresh process: its result and peak RSS."""
    big = tmp_path / f"{rows}_zenkoku_all.csv"
    cities = ["仙台市青葉区", "石巻市", "名取市", "塩竈市", "気仙沼市"]
    with big.open("wb") as fh:
        for i in range(0, rows, 10_000):
            fh.write(
                csv_bytes(
                    [
                        row(number(200000000000 + j), f"株式会社テスト商事{j}", city=cities[j % 5], seq=j)
                        for j in range(i, min(rows, i + 10_000))
                    ]
                )
            )
    db = tmp_path / f"big{rows}.db"
    with SQLiteStore(db) as s:
        s.write(
            ChangeSet(
                orgs=[
                    Org("x", "テスト商事999999株式会社", "company", corporate_number=number(200000999999)),
                    Org("y", "テスト商事7", "company", city="名取市"),
                ]
            )
        )
    # What enrich itself holds: resident memory sampled every 20 ms while it runs, above what the process
    # held once the store was open (the interpreter's own start-up size varies with what ran before).
    script = textwrap.dedent(f"""
        import json, os, resource, threading, time
        from network.store.sqlite import SQLiteStore
        from ingest.enrich import enrich
        page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
        def rss_kb():
            with open("/proc/self/statm") as fh:
                return int(fh.read().split()[1]) * page_kb
        peak, done = [0], threading.Event()
        def sample():
            while not done.wait(0.02):
                peak[0] = max(peak[0], rss_kb())
        t = time.perf_counter()
        with SQLiteStore({str(db)!r}) as s:
            s.counts()
            base = rss_kb()
            th = threading.Thread(target=sample, daemon=True)
            th.start()
            plan = enrich(s, [{str(big)!r}], write=True)
            done.set()
            th.join()
        print(json.dumps({{"rows": plan.rows, "matched": plan.matched, "written": plan.written,
                          "suggestions": [x.number for x in plan.suggestions],
                          "seconds": round(time.perf_counter() - t, 1),
                          "base_kb": base, "grew_kb": max(0, max(peak[0], rss_kb()) - base),
                          "peak_kb": int(next(x for x in open("/proc/self/status") if x.startswith("VmHWM")).split()[1])}}))
    """)
    # a clean environment: what earlier tests in this process set (Streamlit's, AppTest's) must not count
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
        env=env,
    )
    return json.loads(out.stdout), big.stat().st_size


@pytest.mark.slow
def test_a_million_rows_in_bounded_memory(tmp_path) -> None:
    """1,000,000 generated rows (~180 MB of CP932) stream through: memory does not grow with the file.

    What the process grows by while enrich runs is measured (resident memory sampled every 20 ms above
    what it held with the store open), and compared with the same run over 100,000 rows: the absolute
    peak moves with what the interpreter loaded (67 MB alone, 129 MB after other test files).
    """
    small, _ = _enrich_peak(tmp_path, 100_000)
    got, size = _enrich_peak(tmp_path, 1_000_000)
    print("enrich 100,000 rows:", small, "| 1,000,000 rows:", got, "file bytes:", size)
    assert got["rows"] == 1_000_000 and got["matched"] == 1 and got["written"] is True
    assert got["suggestions"] == [number(200000000007)]
    assert got["grew_kb"] * 1024 < size / 4  # never the file in memory
    assert got["grew_kb"] - small["grew_kb"] < 30 * 1024  # ten times the rows, (almost) the same memory
    db = tmp_path / "big1000000.db"
    with SQLiteStore(db) as s:
        assert s.get_org("x").city == "気仙沼市"  # row 999999: cities[999999 % 5]


def test_suggestion_through_a_county_and_a_kana_variant() -> None:
    import io

    from ingest.enrich import plan_enrich

    orgs = [Org("u", "七ケ浜まちづくり協議会", "residents_group", prefecture="宮城県", city="七ケ浜町")]
    data = csv_bytes(
        [
            row(
                number(300000000001),
                "一般社団法人七ヶ浜まちづくり協議会",
                kind="399",
                city="宮城郡七ヶ浜町",
                ccode="404",
            )
        ]
    )
    plan = plan_enrich(orgs, [("07.csv", io.BytesIO(data))])
    assert [(s.org_id, s.number) for s in plan.suggestions] == [("u", number(300000000001))]
    plan = plan_enrich(
        [Org("v", "七ケ浜まちづくり協議会", "x", prefecture="福島県", city="七ケ浜町")], [("07.csv", io.BytesIO(data))]
    )
    assert plan.suggestions == []  # another prefecture
