"""The import page parses an upload once, not once per use per rerun (issue 9, item 8's last sentence).

Each parse of a big workbook costs its full memory, so the page keeps the parsed
tables under the file's content hash: the preview and the dry run share one
parse, and the reruns that every widget click causes parse nothing again.  The
parser (``ingest.readers.read_source``) is counted in the real page (AppTest).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

import ingest.readers as readers

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_upload_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RENKEI_STORE", str(tmp_path / "renkei.db"))
    calls: list[str] = []
    real = readers.read_source

    def counting(name: str, data: bytes):  # type: ignore[no-untyped-def]
        calls.append(name)
        return real(name, data)

    monkeypatch.setattr(readers, "read_source", counting)
    unique = uuid.uuid4().hex  # content no earlier test cached
    data = f"団体名,区分,備考\nみやぎ連携復興センター,中間支援組織,{unique}\n石巻市,行政,\n".encode()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("ui/pages/importer.py")
    at.run()
    at.file_uploader(key="import_files").set_value(("orgs.csv", data, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("orgs.csv" in m.value.replace("\\", "") for m in at.markdown)  # the preview is there
    first = len(calls)
    at.run()  # a rerun, as any click causes
    at.run()
    assert (first, len(calls)) == (1, 1)
