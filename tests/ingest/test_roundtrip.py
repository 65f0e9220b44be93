"""A CSV export imported into a fresh store gives the same records (issue 9, minor).

The exporter writes a leading apostrophe before a cell that a spreadsheet
would run as a formula (``network.present.export.csv_safe``); the importer removes
exactly that apostrophe, and keeps a real one.
"""

from __future__ import annotations

import io
import json
import zipfile

from ingest.importer import import_files
from network.present.export import export_bytes
from network.store.sqlite import SQLiteStore

NAMES = ["=1+1 協議会", "+81 株式会社", "-2+3 の会", "@SUM(A1) NPO", "'90年代の会", "''二重", "普通の団体"]


def _records(store: SQLiteStore) -> tuple[list, list]:
    orgs = sorted((o.id, o.name, o.sector, o.city, tuple(o.aliases), tuple(o.tags), o.note) for o in store.orgs())
    ties = sorted(
        (t.id, t.source, t.target, t.type, t.directed, t.strength, t.start, t.project, t.note) for t in store.ties()
    )
    return orgs, ties


def test_csv_export_imports_again_unchanged(tmp_path):
    a = SQLiteStore(tmp_path / "a.db")
    orgs = [
        {
            "name": n,
            "sector": "npo",
            "city": "=仙台" if i == 0 else "仙台市",
            "aliases": ["-別名"] if i == 1 else [],
            "tags": ["+タグ", "b"] if i == 3 else [],
            "note": "@備考\n二行目" if i == 2 else "'備考",
        }
        for i, n in enumerate(NAMES)
    ]
    ties = [
        {"source": NAMES[0], "target": NAMES[1], "type": "協働", "project": "=事業", "note": "+注記"},
        {"source": NAMES[4], "target": NAMES[5], "type": "助成", "evidence": "-協定", "note": "'本当の'"},
    ]
    import_files(a, [("start.json", json.dumps({"organisations": orgs, "ties": ties}, ensure_ascii=False).encode())])
    with zipfile.ZipFile(io.BytesIO(export_bytes(a.load_graph(), "csv"))) as z:
        files = [(n, z.read(n)) for n in ("orgs.csv", "ties.csv")]
    assert b"'=1+1" in files[0][1] and "'=事業".encode() in files[1][1]  # the export did neutralise
    b = SQLiteStore(tmp_path / "b.db")
    import_files(b, files)
    assert _records(b) == _records(a)
    again = import_files(b, files)
    assert again.counts["orgs"].unchanged == len(NAMES) and again.counts["ties"].unchanged == 2
