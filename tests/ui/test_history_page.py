"""The History page in both languages (AppTest, a real SQLite store): its action and record columns
and its action filter show words from network/labels.py, never the audit's raw codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from network.labels import LABELS, t
from network.store.sqlite import SQLiteStore
from tests.trust.conftest import small_network

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def history_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "renkei.db"
    with SQLiteStore(path) as s:
        s.write(small_network(), user="sato")  # organisations and ties created
        tie = s.ties()[0]
        s.end_tie(tie.id, "2025-03-31", user="kato")  # a tie ended
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return path


def _history(lang: str, action: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    if action is not None:  # chosen before the run (AppTest keeps formatted values of other selectboxes)
        at.session_state["history_action"] = action
    at.switch_page("ui/pages/history.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_history_columns_show_labels(history_store: Path, lang: str) -> None:
    with SQLiteStore(history_store) as s:
        entries = s.audit(limit=None)
    at = _history(lang)
    df = at.dataframe[0].value
    actions, entities = list(df[t("hist_col_action", lang)]), list(df[t("hist_col_entity", lang)])
    assert sorted(actions) == sorted(t(f"action_{e.action}", lang) for e in entries)
    assert sorted(entities) == sorted(t(f"entity_{e.entity}", lang) for e in entries)
    codes = {e.action for e in entries} | {e.entity for e in entries}
    assert {"create", "end", "org", "tie"} <= codes
    assert not codes & (set(actions) | set(entities))  # no raw code shown
    pick = at.selectbox(key="history_pick").options[0]
    assert t(f"action_{entries[0].action}", lang) in pick and t(f"entity_{entries[0].entity}", lang) in pick


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_history_action_filter_in_the_language(history_store: Path, lang: str) -> None:
    at = _history(lang)
    options = at.selectbox(key="history_action").options
    assert options[0] == t("hist_all_actions", lang)
    assert all(f"action_{o}" not in LABELS for o in options)  # not a raw code
    assert t("action_create", lang) in options and t("action_undo", lang) in options
    if lang == "en":
        assert "すべて" not in options
        assert not [o for o in options if any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in o)]
    at = _history(lang, "end")
    assert at.selectbox(key="history_action").value == "end"
    shown = set(at.dataframe[0].value[t("hist_col_action", lang)])
    assert shown == {t("action_end", lang)}
