"""The map filters by a custom field of the organisations (issue 12, item 3), headless (``AppTest``):
a column Renkei does not know (活動分野) becomes a field to pick and its values to choose."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.importer import import_files
from network.labels import t
from network.store import open_store

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest
APP = str(Path(__file__).resolve().parents[2] / "app.py")

ORGS = (
    "団体名,区分,活動分野,担当者\n"
    "子ども支援センター,NPO,子ども,**佐藤**\n"
    "防災ネット,NPO,防災,\n"
    "こども食堂,NPO,子ども,\n"
    "市役所,行政,,\n"
).encode()
TIES = "連携元,連携先,関係\n子ども支援センター,防災ネット,協働\n子ども支援センター,こども食堂,協働\nこども食堂,市役所,委託\n"


def _shown(at: AppTest) -> list[str]:
    return [c.value.split(" — ")[0] for c in at.caption if c.value.startswith("表示:")]


def test_map_keeps_the_orgs_with_the_chosen_custom_values(tmp_path, monkeypatch):
    path = tmp_path / "renkei.db"
    monkeypatch.setenv("RENKEI_STORE", str(path))
    with open_store(str(path)) as s:
        import_files(s, [("orgs.csv", ORGS), ("ties.csv", TIES.encode())])
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["lang"] = "ja"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert _shown(at) == [t("shown", "ja", n=4, m=3)]
    field = at.selectbox(key="map_custom_field")
    assert field.options == ["担当者", "活動分野"]
    assert field.help == t("custom_filter_help", "ja")
    field.select("活動分野").run()
    values = at.multiselect(key="map_custom_values")
    assert values.options == ["子ども", "防災"]
    assert values.help == t("custom_values_help", "ja")
    values.select("子ども").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _shown(at) == [t("shown", "ja", n=2, m=1)]
    at.multiselect(key="map_custom_values").select("防災").run()
    assert _shown(at) == [t("shown", "ja", n=3, m=2)]
    # another field: the values offered are that field's, the old choice is dropped
    at.selectbox(key="map_custom_field").select("担当者").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="map_custom_values").options == ["**佐藤**"]  # shown as text, not Markdown
    assert _shown(at) == [t("shown", "ja", n=4, m=3)]
    at.multiselect(key="map_custom_values").select("**佐藤**").run()
    assert _shown(at) == [t("shown", "ja", n=1, m=0)]


def test_no_custom_filter_without_custom_fields(tmp_path, monkeypatch):
    path = tmp_path / "renkei.db"
    monkeypatch.setenv("RENKEI_STORE", str(path))
    with open_store(str(path)) as s:
        import_files(s, [("orgs.csv", "団体名,区分\nA,NPO\nB,行政\n".encode())])
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [w for w in at.selectbox if w.key == "map_custom_field"]
