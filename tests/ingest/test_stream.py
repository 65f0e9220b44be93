"""The command line streams a CSV of any length (issue 14 item 3): bounded memory, same guarantees.

A local CSV (``import_files(..., local=True)``, what ``renkei import`` does) is read and
validated in chunks and its ties written from a second read of the file, so the peak
memory does not grow with the file.  Everything else stays: one transaction, a bad row
anywhere refuses the whole import with its row, column and reason, and the report, the
stored records and the audit rows are the ones the in-memory path gives (compared here
on files that hit every kind of problem, read in chunks of a few rows).
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import pytest

from ingest import stream
from ingest.importer import import_files
from network.errors import ValidationError
from network.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]


def _orgs(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "sector"])
        w.writerows((f"o{i:05d}", f"団体{i:05d}", "npo") for i in range(n))
    return path


def _ties(path: Path, n: int, n_orgs: int, bad: dict[int, tuple] | None = None) -> Path:
    """``n`` distinct ties (row numbers 2 … n + 1); ``bad`` replaces the rows at those row numbers."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type", "strength", "start", "project", "note"])
        for i in range(n):
            row = (f"o{i % n_orgs:05d}", f"o{(i * 7 + 1) % n_orgs:05d}", "funding", 3, "2020-04-01", f"p{i}", "")
            w.writerow((bad or {}).get(i + 2, row))
    return path


#: ``renkei import`` with the page cache of SQLite's bulk write (256 MiB, the store's choice, bounded
#: on its own: ``network.store.sqlite.write.BULK_CACHE``) set to 16 MiB, so that what is measured is
#: what the import holds.
_IMPORT = (
    "import sys, network.store.sqlite.write as w; w.BULK_CACHE = -16384; from network.cli import main; "
    "raise SystemExit(main(sys.argv[1:]))"
)


def _peak():  # type: ignore[no-untyped-def]
    """``bench/peak.py`` as a module (the bench folder is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("renkei_bench_peak", ROOT / "bench" / "peak.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _peak_mib(tmp_path: Path, n_ties: int) -> int:
    """Peak RSS (MiB) of ``renkei import`` of 1,000 organisations and ``n_ties`` ties, as its own process."""
    d = tmp_path / str(n_ties)
    d.mkdir()
    orgs, ties = _orgs(d / "orgs.csv", 1_000), _ties(d / "ties.csv", n_ties, 1_000)
    cmd = [sys.executable, "-c", _IMPORT, "--store", f"sqlite:///{d / 's.db'}", "import", str(orgs), str(ties)]
    # through bench/peak.py: a child's ru_maxrss starts at its parent's peak (this test process's)
    proc, peak_kib, _ = _peak().run(cmd, cwd=ROOT, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"ties {n_ties} read: {n_ties} created" in proc.stdout
    return peak_kib // 1024


@pytest.mark.slow
def test_peak_memory_does_not_grow_with_the_file(tmp_path):
    small, large = _peak_mib(tmp_path, 5_000), _peak_mib(tmp_path, 150_000)
    # measured: read whole (before streaming) 61 → 212 MiB, about 1 KiB a tie; streamed 61 → 92 MiB
    assert large - small < 50, (small, large)


def test_a_bad_row_late_in_a_long_file_refuses_the_whole_import(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "CHUNK_ROWS", 1_000)  # many chunks; the bad row in the last one
    n = 20_000
    orgs = _orgs(tmp_path / "orgs.csv", 500)
    ties = _ties(tmp_path / "ties.csv", n, 500, bad={n - 5: ("o00001", "o00002", "funding", 9, "2020-04-01", "x", "")})
    store = SQLiteStore(tmp_path / "s.db")
    with pytest.raises(ValidationError) as exc:
        import_files(store, [orgs, ties], local=True)
    errors = exc.value.report.errors
    assert [(e.file, e.row, e.column, e.code) for e in errors] == [("ties.csv", n - 5, "strength", "strength_range")]
    assert store.counts()["orgs"] == 0 and store.counts()["ties"] == 0 and store.counts()["audit"] == 0
    assert exc.value.report.counts["ties"].read == n and exc.value.report.counts["ties"].rejected == 1


def test_the_command_line_refuses_it_too(tmp_path, capsys, monkeypatch):
    from network.cli import main

    monkeypatch.setattr(stream, "CHUNK_ROWS", 500)
    orgs = _orgs(tmp_path / "orgs.csv", 100)
    ties = _ties(tmp_path / "ties.csv", 3_000, 100, bad={2_998: ("o00001", "nobody", "funding", 3, "", "", "")})
    db = tmp_path / "s.db"
    assert main(["--store", f"sqlite:///{db}", "import", str(orgs), str(ties)]) == 1
    err = capsys.readouterr().err
    assert "ties.csv row 2998 [target] 'nobody'" in err and "nothing written" in err
    assert SQLiteStore(db).counts()["ties"] == 0


_ORGS = (
    "id,name,sector,kind,note,独自\n"
    "o1,一般社団法人みやぎ,npo,,,a\n"
    "o2,日本財団,foundation,,,b\n"
    "o3,仙台市,government,,,\n"
    "o4,みやぎ,npo,,,\n"  # folds like o1: a possible duplicate
    ",名無し,npo,,,\n"
    "o5,区分なし,,,,\n"  # no sector
    "o6,制御\x1b文字,npo,,,\n"  # a control character
    "o7,長い,npo,," + "x" * 20_000 + ",\n"  # a cell over the limit
    "o8,ふつう,企業,,,\n"
)
_TIES = (
    "source,target,type,strength,start,end,project,note\n"
    "o1,o2,funding,2,2020-04-01,,p,\n"
    "o2,o1,協働,,2021/4/1,,,\n"
    "o1,o2,funding,4,2020-04-01,,p,repeated: the last one is kept\n"
    "o1,o3,support,9,,,,\n"  # strength out of range
    "o1,nobody,support,,,,,\n"  # unknown organisation
    "o3,o3,support,,,,,\n"  # a tie to itself
    "o2,o3,weird,,,,,\n"  # unknown type
    "o2,o3,support,,2022-01-01,2021-01-01,,\n"  # ends before it starts
    "'=o2,o3,support,,,,,\n"  # neutralised by csv_safe: read back as =o2 (unknown)
    "o2,o3,support,,,,,制御\x07\n"  # a control character in a free-text field: refused
    "o3,o8,information,1,,,,ok\n"
    "o2,o1,協働,,2021/4/1,,,again\n"
    ",,,,,,,\n"
    "o8,o2,funding,5,2019-04-01,,q,\n"
)


def _run(tmp_path: Path, name: str, files: dict[str, str], *, local: bool, **kw) -> tuple:
    """Import ``files`` into a fresh store: (report as text, report rows, stored ties, audit rows, raised?)."""
    d = tmp_path / name
    d.mkdir()
    store = SQLiteStore(d / "s.db")
    paths = []
    for fname, text in files.items():
        (d / fname).write_text(text, encoding="utf-8", newline="")
        paths.append(d / fname if local else (fname, text.encode()))
    raised = False
    try:
        report = import_files(store, paths, local=local, **kw)
    except ValidationError as exc:
        report, raised = exc.report, True
    ties = [t.to_dict() | {"created_at": "", "updated_at": ""} for t in store.ties()]
    audit = [(a.action, a.entity, a.entity_id, a.after) for a in store.audit()]
    text = report.to_text().replace(str(d), "DIR").replace(str(kw.get("rejects_path", "")), "REJECTS")
    return text, report.to_rows(), report.summary_rows(), ties, sorted(audit, key=str), raised, len(audit)


@pytest.mark.parametrize("chunk", [1, 3, 1_000])
@pytest.mark.parametrize("keep_good", [False, True])
def test_streamed_and_in_memory_imports_agree(tmp_path, monkeypatch, chunk, keep_good):
    monkeypatch.setattr(stream, "CHUNK_ROWS", chunk)
    files = {"orgs.csv": _ORGS, "ties.csv": _TIES}
    streamed = _run(tmp_path, "s", files, local=True, keep_good=keep_good, rejects_path=tmp_path / "r1.csv")
    in_memory = _run(tmp_path, "m", files, local=False, keep_good=keep_good, rejects_path=tmp_path / "r2.csv")
    assert streamed == in_memory
    assert streamed[5] is not keep_good
    if keep_good:
        assert (tmp_path / "r1.csv").read_bytes() == (tmp_path / "r2.csv").read_bytes()
        assert streamed[3]  # some ties written


@pytest.mark.parametrize("chunk", [2, 1_000])
def test_a_good_file_streamed_gives_the_same_store_and_reimport_counts(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(stream, "CHUNK_ROWS", chunk)
    good = (
        "source,target,type,strength,start,end,project,note\n"
        "o1,o2,funding,2,2020-04-01,,p,\n"
        "o2,o1,協働,,2021/4/1,,,\n"
        "o1,o2,funding,4,2020-04-01,,p,repeated: the last one is kept\n"
        "o3,o8,information,1,,,,ok\n"
        "o2,o1,協働,,2021/4/1,,,again\n"
        "o8,o2,funding,5,2019-04-01,,q,\n"
        "o2,o3,support,,,,,\n"
    )
    orgs = "\n".join(line for line in _ORGS.split("\n") if not line.startswith(("o5", "o6", "o7", ",")))
    files = {"orgs.csv": orgs, "ties.csv": good}
    assert _run(tmp_path, "s", files, local=True) == _run(tmp_path, "m", files, local=False)
    d = tmp_path / "again"
    d.mkdir()
    store = SQLiteStore(d / "s.db")
    paths = []
    for fname, text in files.items():
        (d / fname).write_text(text, encoding="utf-8", newline="")
        paths.append(d / fname)
    first = import_files(store, paths, local=True)
    again = import_files(store, paths, local=True)
    dry = import_files(store, paths, local=True, dry_run=True)
    n = first.counts["ties"].created
    assert n == 5 and again.counts["ties"].unchanged == n and dry.counts["ties"].unchanged == n
    assert store.counts()["audit"] == first.counts["orgs"].created + n


def test_a_file_changed_while_it_is_read_is_refused(tmp_path, monkeypatch):
    from ingest.importer import plan_import
    from ingest.readers import load_sources

    monkeypatch.setattr(stream, "CHUNK_ROWS", 10)
    orgs = _orgs(tmp_path / "orgs.csv", 50)
    ties = _ties(tmp_path / "ties.csv", 100, 50)
    store = SQLiteStore(tmp_path / "s.db")
    tables = load_sources([orgs, ties], local=True)  # the first look: headers, size, time
    with ties.open("a", encoding="utf-8") as f:
        f.write("o00001,o00002,funding,3,2020-04-01,extra,\n")
    with pytest.raises(stream.FileChanged, match="ties.csv: the file changed"):
        plan_import(tables, store=store)
    assert store.counts()["ties"] == 0


def test_the_spill_file_leaves_nothing_behind(tmp_path):
    import gc

    from ingest.tiestream import TieSpill
    from network.model import Tie

    spill = TieSpill()
    for n in range(12_000):  # three batches
        spill.add(Tie(f"tie-{n:012x}", "a", "b", note=str(n)))
    if os.name == "posix":
        assert not Path(spill.path).exists()  # the name goes at once: a killed import leaves no file
    first, second = spill.read(), spill.read()
    assert next(first).note == "0" and next(second).note == "0" and next(first).note == "1"  # reads apart
    assert [t.note for t in spill.read()] == [str(n) for n in range(12_000)]
    fd = spill._fd
    del spill, first, second
    gc.collect()
    with pytest.raises(OSError):
        os.fstat(fd)  # closed


def _run_bytes(tmp_path: Path, name: str, files: dict[str, bytes], *, local: bool, **kw) -> tuple:
    """As :func:`_run`, for files given as bytes (any encoding)."""
    d = tmp_path / name
    d.mkdir()
    store = SQLiteStore(d / "s.db")
    paths = []
    for fname, data in files.items():
        (d / fname).write_bytes(data)
        paths.append(d / fname if local else (fname, data))
    raised = False
    try:
        report = import_files(store, paths, local=local, **kw)
    except ValidationError as exc:
        report, raised = exc.report, True
    ties = [t.to_dict() | {"created_at": "", "updated_at": ""} for t in store.ties()]
    parts = [p.to_dict() for p in store.participations()]
    return report.to_text(), report.to_rows(), report.summary_rows(), ties, parts, raised


_ORGS_JA = "団体名,区分,種別\nみやぎ連携,npo,\n日本財団,財団,\n仙台市,行政,\n河北,,新聞社\n"
_TIES_JA = "連携元\t連携先\t関係\t強さ\nみやぎ連携\t日本財団\t資金\t強い\n仙台市\t河北\t委託\t\n日本財団\t河北\t謎\t\n"
_PARTS = "団体,活動,役割\nみやぎ連携,防災訓練,主催\n日本財団,防災訓練,\n誰か,防災訓練,\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16"])
@pytest.mark.parametrize("chunk", [1, 1_000])
def test_encodings_tsv_word_map_and_other_kinds_agree(tmp_path, monkeypatch, encoding, chunk):
    monkeypatch.setattr(stream, "CHUNK_ROWS", chunk)
    files = {
        "orgs.csv": _ORGS_JA.encode(encoding),
        "ties.tsv": _TIES_JA.encode(encoding),
        "participations.csv": _PARTS.encode(encoding),
        "unknown.csv": "色,形\n赤,丸\n青,四角\n".encode(encoding),
        "ties_missing.csv": "連携元,メモ\nみやぎ連携,x\n".encode(encoding),
    }
    words = {
        "sector": {"新聞社": "business"},
        "type": {"資金": "funding", "委託": "commission"},
        "strength": {"強い": 5},
    }
    for keep_good in (False, True):
        kw = {"keep_good": keep_good, "word_map": words}
        streamed = _run_bytes(tmp_path, f"s{keep_good}", files, local=True, rejects_path=tmp_path / "r.csv", **kw)
        in_memory = _run_bytes(tmp_path, f"m{keep_good}", files, local=False, rejects_path=tmp_path / "r.csv", **kw)
        assert streamed == in_memory
    assert encoding in streamed[0] and "ties.tsv: ties" in streamed[0] and streamed[3] and streamed[4]
    store_tables = stream.open_csv(tmp_path / "sTrue" / "ties.tsv", "ties.tsv")
    assert store_tables is not None and store_tables.delimiter == "\t"  # it was streamed
