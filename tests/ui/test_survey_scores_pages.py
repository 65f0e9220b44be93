"""Trust and value on the Brokers and Gaps pages (AppTest), from the hand-counted round of
``tests/network/test_survey_analysis.py``: a 3.5 / 3.0 (2 raters), b 4.0 / 2.0 (1), c 2.0 / 2.5 (2),
d unrated; response rate 75%, reciprocity 2/3, mean trust 3.00, value 2.60."""

from __future__ import annotations

from pathlib import Path

import pytest

from network.survey.apply import apply_round
from tests.network.test_survey_analysis import R, answered_round

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    store, path = answered_round(tmp_path)
    monkeypatch.setenv("RENKEI_STORE", path)
    yield store
    store.close()


def _page(name: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(f"ui/pages/{name}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_brokers_show_trust_value_and_raters_once_applied(db):
    df = _page("brokers").dataframe[0].value
    assert "信頼（連携先から）" not in df.columns  # answers in, nothing applied yet: no columns
    apply_round(db, R, user="staff")
    at = _page("brokers")
    df = at.dataframe[0].value
    rows = {r["ID"]: (r["信頼（連携先から）"], r["価値（連携先から）"], r["評価した団体数"]) for _, r in df.iterrows()}
    assert rows["a"] == (3.5, 3.0, 2) and rows["b"] == (4.0, 2.0, 1) and rows["c"] == (2.0, 2.5, 2)
    assert rows["d"][2] == 0
    assert any(R in c.value and "3/4" in c.value for c in at.caption)


def test_gaps_show_the_survey_figures_once_applied(db):
    at = _page("gaps")
    assert not [m for m in at.metric if m.label == "回答率"]
    apply_round(db, R, user="staff")
    at = _page("gaps")
    got = {m.label: m.value for m in at.metric}
    assert (got["回答率"], got["相互性（双方が回答）"], got["信頼の平均"], got["価値の平均"]) == (
        "75.0%",
        "66.7%",
        "3.00",
        "2.60",
    )


def test_survey_page_shows_the_same_figures_in_the_readers_language(db):
    at = _page("survey")
    got = {m.label: m.value for m in at.metric}
    # response 3/4, reciprocity 2/3, trust 3.00, value 2.60 (before any apply: the answers themselves)
    assert (got["回答率"], got["相互性（双方が回答）"], got["信頼の平均"], got["価値の平均"]) == (
        "75%",
        "67%",
        "3.00",
        "2.60",
    )
    df = at.dataframe[-1].value
    assert list(df.columns) == ["ID", "団体名", "信頼（連携先から）", "価値（連携先から）", "評価した団体数"]
    assert df.set_index("ID").loc["a", "信頼（連携先から）"] == 3.5


def test_map_sizes_organisations_by_trust_once_applied(db):
    at = _page("map")
    assert "信頼（連携先から）" not in at.selectbox(key="map_size").options  # nothing applied yet: no such size
    apply_round(db, R, user="staff")
    at = _page("map")
    box = at.selectbox(key="map_size")
    assert {"信頼（連携先から）", "価値（連携先から）"} <= set(box.options)
    box.set_value("trust").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="map_size").value == "trust"


def test_map_colours_organisations_by_trust_band_once_applied(db):
    at = _page("map")
    assert "信頼（連携先から）" not in at.selectbox(key="map_colour").options
    apply_round(db, R, user="staff")
    at = _page("map")
    box = at.selectbox(key="map_colour")
    assert {"信頼（連携先から）", "価値（連携先から）"} <= set(box.options)
    box.set_value("trust").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="map_colour").value == "trust"
