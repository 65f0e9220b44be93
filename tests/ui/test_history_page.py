"""History page: columns in the user's language, times in local time (issue 10, item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.importer import import_files
from network.store import open_store

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("lang", "when", "who"), [("ja", "日時", "ユーザー"), ("en", "at", "user")])
def test_history_in_the_users_language_and_local_time(tmp_path, monkeypatch, lang, when, who):
    db = tmp_path / "h.db"
    with open_store(str(db)) as s:
        import_files(s, [ROOT / "data" / "tsurumi" / "orgs.csv"], user="sato")
        at_utc = s.audit()[0].at
    monkeypatch.setenv("RENKEI_STORE", str(db))
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.session_state["lang"] = lang
    app.switch_page("ui/history.py").run()  # straight to the page: one run in this language
    assert not app.exception, [e.value for e in app.exception]
    df = app.dataframe[0].value
    assert when in df.columns and who in df.columns
    assert ("action" in df.columns) == (lang == "en")
    from datetime import datetime
    from zoneinfo import ZoneInfo

    local = datetime.fromisoformat(at_utc).astimezone(ZoneInfo("Asia/Tokyo")).strftime("%Y-%m-%d %H:%M")
    assert df[when].iloc[0] == local
    assert df[who].iloc[0] == "sato"
