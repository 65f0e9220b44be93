"""The Trends and Districts pages, headless (AppTest), in Japanese and English, on the Miyagi and
Tsurumi samples; values are checked against the library functions on the same store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from renkei.data.samples import sample_files

from ingest.importer import import_files
from network.analysis.whatif import what_if
from network.analysis.years import year_view
from network.store import open_store

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TITLES = {
    ("trends", "ja"): "推移",
    ("trends", "en"): "Trends",
    ("districts", "ja"): "地区",
    ("districts", "en"): "Districts",
}


@pytest.fixture(scope="module")
def sample_dbs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name in ("miyagi", "tsurumi"):
        path = tmp_path_factory.mktemp(name) / "sample.db"
        with open_store(str(path)) as store:
            import_files(store, sample_files(name))
        out[name] = path
    return out


def _store(sample_dbs, name, tmp_path, monkeypatch) -> str:
    path = tmp_path / f"{name}.db"
    shutil.copy(sample_dbs[name], path)
    monkeypatch.setenv("RENKEI_STORE", str(path))
    monkeypatch.delenv("RENKEI_CENTRE", raising=False)
    return str(path)


def _open(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = lang
    at.switch_page(f"ui/pages/{page}.py")  # straight to the page (the map page's widgets are not ours)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_trends_page(sample_dbs, tmp_path, monkeypatch, lang):
    _store(sample_dbs, "miyagi", tmp_path, monkeypatch)
    at = _open("trends", lang)
    assert at.title[0].value.endswith(TITLES[("trends", lang)])
    assert at.selectbox(key="pl_centre_w").value == "my-001"  # the intermediary with most partners
    table = at.dataframe[0].value
    first = table.columns[0]
    assert first == ("年度" if lang == "ja" else "Fiscal year")
    assert list(table[first])[:2] == (["2012年度", "2013年度"] if lang == "ja" else ["FY2012", "FY2013"])
    assert len(table) == 13  # FY2012–FY2024
    assert ("団体数" if lang == "ja" else "Organisations") in table.columns
    # the what-if section, checked against the library on the same year's view
    at.multiselect(key="pl_whatif_ids").select("my-001").run()
    assert not at.exception
    with open_store(str(tmp_path / "miyagi.db")) as store:
        G = store.load_graph()
    expected = what_if(year_view(G, 2024), ["my-001"])["cut_off_count"]
    label = "孤立する団体" if lang == "ja" else "Cut off"
    assert [m.value for m in at.metric if m.label == label] == [str(expected)]
    at.button(key="pl_report_make").click().run()
    assert not at.exception and at.session_state["pl_pdf_for"][0] == 2024


def test_centre_choice_is_kept_across_pages(sample_dbs, tmp_path, monkeypatch):
    _store(sample_dbs, "miyagi", tmp_path, monkeypatch)
    at = _open("trends", "ja")
    at.selectbox(key="pl_centre_w").select("my-002").run()
    at.switch_page("ui/pages/districts.py")
    at.run()
    assert at.selectbox(key="pl_centre_w").value == "my-002"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_districts_page_groups_by_city(sample_dbs, tmp_path, monkeypatch, lang):
    _store(sample_dbs, "tsurumi", tmp_path, monkeypatch)
    at = _open("districts", lang)
    assert at.title[0].value.endswith(TITLES[("districts", lang)])
    assert [h.value for h in at.subheader] == ["大阪府 大阪市鶴見区"]
    df = at.dataframe[0].value
    district = "地区" if lang == "ja" else "District"
    assert len(df) == 12 and "茨田北" in set(df[district])
    centre_col = "協議会と中心団体" if lang == "ja" else "Council – centre"
    assert set(df[centre_col]) == {"あり" if lang == "ja" else "yes"}  # every council is tied to the centre


def test_districts_page_miyagi_cities(sample_dbs, tmp_path, monkeypatch):
    _store(sample_dbs, "miyagi", tmp_path, monkeypatch)
    at = _open("districts", "ja")
    cities = [h.value for h in at.subheader]
    assert cities == sorted(cities) and "宮城県 仙台市" in cities and "宮城県 石巻市" in cities


@pytest.mark.parametrize("page", ["trends", "districts"])
def test_planner_pages_on_empty_store(tmp_path, monkeypatch, page):
    monkeypatch.setenv("RENKEI_STORE", str(tmp_path / "empty.db"))
    at = _open(page, "ja")
    assert any("まだデータがありません" in i.value for i in at.info)


def test_hostile_names_are_shown_as_text(tmp_path, monkeypatch):
    from renkei.ui.parts.centre import plain

    from network.model import Org, Tie
    from network.store import ChangeSet

    path = tmp_path / "hostile.db"
    city, name = "*市* [x](javascript:alert(1))", "**太字** <script>alert(1)</script>"
    with open_store(str(path)) as store:
        store.write(
            ChangeSet(
                orgs=[
                    Org(id="c", name="センター", sector="intermediary", city=city),
                    Org(id="k", name=name, sector="residents_group", kind="自治会", city=city, district="<b>d</b>"),
                ],
                ties=[Tie(id="t", source="c", target="k", start="2024-04-01")],
            ),
            user="test",
        )
    monkeypatch.setenv("RENKEI_STORE", str(path))
    at = _open("districts", "ja")
    assert [h.value for h in at.subheader] == [plain(city)]
    assert "\\*市\\*" in at.subheader[0].value and "\\[x\\]" in at.subheader[0].value
    df = at.dataframe[0].value
    assert list(df["地区"]) == ["<b>d</b>"] and list(df["地域の協議会"]) == [name]  # cells are plain text
    at = _open("trends", "ja")
    assert at.selectbox(key="pl_centre_w").value == "c"
