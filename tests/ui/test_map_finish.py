"""Small things that make the map feel finished (issue 15, item 7), headless (``AppTest``): the
sidebar count follows a write on the same run; every map widget explains itself in both languages;
filter placeholders say what they filter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.importer import import_files
from network.labels import t
from network.store import open_store

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest
ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("finish") / "sample.db"
    with open_store(str(path)) as store:
        folder = ROOT / "data" / "miyagi"
        import_files(store, [folder / "orgs.csv", folder / "ties.csv"])
    return path


@pytest.fixture()
def store_path(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = tmp_path / "renkei.db"
    shutil.copy(sample_db, path)
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return str(path)


def _open(lang: str = "ja", page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["lang"] = lang
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _sidebar_counts(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption if "団体・" in c.value]


def test_sidebar_count_follows_a_write_on_the_same_run(store_path: str) -> None:
    with open_store(store_path) as s:
        before = s.counts()
    at = _open(page="ui/pages/add.py")
    assert _sidebar_counts(at) == [t("counts", "ja", orgs=before["orgs"], ties=before["ties"])]
    at.text_input(key="org_name").input("鶴見区まちづくりセンター")
    at.selectbox(key="org_sector").select("intermediary")
    next(b for b in at.button if b.proto.form_id == "org_form").click().run()
    assert at.success, [e.value for e in at.error]
    with open_store(store_path) as s:
        assert s.counts()["orgs"] == before["orgs"] + 1
    # the run that saved shows the new count (the page does not rerun after saving)
    assert _sidebar_counts(at) == [t("counts", "ja", orgs=before["orgs"] + 1, ties=before["ties"])]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_map_widget_has_help_in_the_language(store_path: str, lang: str) -> None:
    at = _open(lang)
    widgets = {
        "map_size": at.selectbox(key="map_size"),
        "map_colour": at.selectbox(key="map_colour"),
        "map_highlight": at.multiselect(key="map_highlight"),
        "map_focus": at.selectbox(key="map_focus"),
        "map_steps": at.radio(key="map_steps"),
        "map_layout": at.selectbox(key="map_layout"),
    }
    expected = {
        "map_size": "size_by_help",
        "map_colour": "colour_by_help",
        "map_highlight": "highlight_help",
        "map_focus": "search_org_help",
        "map_steps": "ego_steps_help",
        "map_layout": "layout_help",
    }
    for key, widget in widgets.items():
        assert widget.help == t(expected[key], lang), key
    assert t("size_by_help", "ja") != t("size_by_help", "en")  # two languages, not one text twice
    downloads = [b for b in at.get("download_button")]
    assert downloads and all(b.proto.help for b in downloads)


def test_filter_placeholders_say_what_they_filter(store_path: str) -> None:
    at = _open("ja")
    assert at.multiselect(key="map_sector").placeholder == "すべての区分"
    assert at.multiselect(key="map_area").placeholder == "すべての地区"
    assert at.multiselect(key="map_type").placeholder == "すべての関係"
