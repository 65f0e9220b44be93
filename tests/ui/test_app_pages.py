"""Every page renders headless (``AppTest``) on an empty store and on a sample network;
the add forms write what they say (asserted in the store)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ingest.importer import import_files
from network.store import open_store

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "data" / "miyagi"
PAGES = ["map", "orgs", "brokers", "gaps", "changes", "add", "importer", "export"]
TITLES = {
    "map": "地図",
    "orgs": "団体",
    "brokers": "仲介者",
    "gaps": "ギャップ",
    "changes": "変化",
    "add": "追加",
    "importer": "取り込み",
    "export": "書き出し",
}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the Miyagi sample (orgs and ties) — imported once, copied per test."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    store = open_store(str(path))
    import_files(store, [SAMPLE / "orgs.csv", SAMPLE / "ties.csv"])
    store.close()
    return path


@pytest.fixture()
def sample_store(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = tmp_path / "renkei.db"
    shutil.copy(sample_db, path)
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return str(path)


@pytest.fixture()
def empty_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = tmp_path / "empty.db"
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return str(path)


def _open(page: str, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.session_state["lang"] = lang
    at.run()
    if page != "map":
        at.switch_page(f"ui/pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_page_on_empty_store(page: str, empty_store: str) -> None:
    at = _open(page)
    assert at.title[0].value.endswith(TITLES[page])
    assert not _errors(at)
    if page not in ("importer", "add"):
        # the empty-store notice offers the samples (data/miyagi, data/tsurumi) or an import
        assert any("まだデータがありません" in i.value for i in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_page_on_sample(page: str, sample_store: str) -> None:
    at = _open(page)
    assert at.title[0].value.endswith(TITLES[page])
    assert not _errors(at)
    assert not any("まだデータがありません" in i.value for i in at.info)


def test_map_draws_every_org(sample_store: str) -> None:
    at = _open("map")
    n = open_store(sample_store).counts()["orgs"]
    frames = at.get("iframe")
    assert len(frames) == 1
    html = frames[0].proto.srcdoc
    # every organisation of the store is a node (no filter chosen)
    assert f'data-node-count="{n}"' in html
    assert re.search(r"<script[^>]*\bsrc=", html) is None


def test_map_ego_network(sample_store: str) -> None:
    store = open_store(sample_store)
    centre = store.orgs(search="みやぎ連携復興センター")[0]
    partners = {t.target if t.source == centre.id else t.source for t in store.ties(org=centre.id)}
    at = _open("map")
    at.selectbox(key="map_focus").select(centre.id).run()
    html = at.get("iframe")[0].proto.srcdoc
    # one step: the organisation and its direct partners (hand count from the store's ties)
    assert f'data-node-count="{len(partners | {centre.id})}"' in html
    # selecting the organisation opens its profile under the map
    assert centre.name in [h.value for h in at.subheader]


def test_brokers_ranked_by_total(sample_store: str) -> None:
    from network.present.report import analyze

    at = _open("brokers")
    result = analyze(open_store(sample_store).load_graph())
    top = max(result["orgs"], key=lambda o: (o["brokerage"]["total"], o["betweenness"]))
    table = at.dataframe[0].value
    # org_rows(lang="ja") names the name column 団体名 (network.present.report.org_rows)
    assert table.iloc[0]["団体名"] == top["name"]
    assert len(table) == result["graph"]["nodes"]


def test_gaps_lists_introductions(sample_store: str) -> None:
    from network.present.report import analyze

    at = _open("gaps")
    result = analyze(open_store(sample_store).load_graph())
    expected = [(i["a_name"], i["b_name"], i["introducer_name"]) for i in result["introductions"]]
    tables = [d.value for d in at.dataframe]
    intro = next(t for t in tables if "紹介者" in t.columns)
    assert list(zip(intro["A"], intro["B"], intro["紹介者"], strict=True)) == expected


def test_map_filters(sample_store: str) -> None:
    store = open_store(sample_store)
    at = _open("map")
    at.select_slider(key="map_strength").set_value(5)
    at.multiselect(key="map_sector").select("npo").select("intermediary").run()
    keep = {o.id for o in store.orgs() if o.sector in ("npo", "intermediary")}
    ties = [t for t in store.ties() if t.strength >= 5 and t.source in keep and t.target in keep]
    html = at.get("iframe")[0].proto.srcdoc
    # counted from the store: organisations of the two sectors, ties of strength 5 between them
    assert f'data-node-count="{len(keep)}"' in html
    assert f'data-edge-count="{len(ties)}"' in html


def test_language_switch(sample_store: str) -> None:
    at = _open("map")
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value.endswith("Map")
    assert not at.exception


def test_orgs_search_filters_the_list(sample_store: str) -> None:
    at = _open("orgs")
    at.text_input(key="orgs_search").input("石巻").run()
    expected = len(open_store(sample_store).orgs(search="石巻"))
    assert expected > 0
    assert len(at.dataframe[0].value) == expected


def test_load_sample_from_empty_store(empty_store: str) -> None:
    at = _open("map")
    at.selectbox[0].select("miyagi")
    next(b for b in at.button if b.proto.form_id == "load_sample_form").click().run()
    assert not at.exception
    # data/miyagi/orgs.csv has 104 rows (read by the importer in the sample_db fixture too)
    assert open_store(empty_store).counts()["orgs"] == 104


def _submit(at: AppTest, form: str) -> AppTest:
    next(b for b in at.button if b.proto.form_id == form).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_add_org_writes(sample_store: str) -> None:
    at = _open("add")
    at.text_input(key="org_name").input("鶴見区まちづくりセンター")
    at.selectbox(key="org_sector").select("intermediary")
    at.text_input(key="org_city").input("大阪市")
    at.text_input(key="org_district").input("鶴見区")
    _submit(at, "org_form")
    assert at.success and "鶴見区まちづくりセンター" in at.success[0].value
    found = open_store(sample_store).orgs(search="鶴見区まちづくりセンター")
    assert [(o.sector, o.city, o.district) for o in found] == [("intermediary", "大阪市", "鶴見区")]
    # no accounts exist in this store: local mode, writes recorded as "local" (ui/parts/auth.py)
    assert open_store(sample_store).audit(entity_id=found[0].id)[0].user == "local"


def test_add_org_did_you_mean_then_force(sample_store: str) -> None:
    store = open_store(sample_store)
    before = store.counts()["orgs"]
    at = _open("add")
    at.text_input(key="org_name").input("ＮＰＯ法人　みやぎ連携復興センター")  # full width: normalises alike
    at.selectbox(key="org_sector").select("intermediary")
    _submit(at, "org_form")
    assert at.warning and "みやぎ連携復興センター" in at.warning[0].value
    assert store.counts()["orgs"] == before  # nothing saved yet
    assert at.text_input(key="org_name").value == "ＮＰＯ法人　みやぎ連携復興センター"  # what was typed is kept
    at.checkbox(key="org_force").check()
    _submit(at, "org_form")
    assert at.success
    assert store.counts()["orgs"] == before + 1


def test_add_org_invalid_keeps_values(sample_store: str) -> None:
    store = open_store(sample_store)
    before = store.counts()["orgs"]
    at = _open("add")
    at.text_input(key="org_name").input("テスト株式会社")
    at.text_input(key="org_corporate_number").input("1234567890123")  # check digit wrong (国税庁 rule)
    _submit(at, "org_form")
    assert _errors(at)
    assert store.counts()["orgs"] == before
    assert at.text_input(key="org_name").value == "テスト株式会社"
    assert at.text_input(key="org_corporate_number").value == "1234567890123"


def test_edit_org_prefills_and_updates(sample_store: str) -> None:
    store = open_store(sample_store)
    org = store.orgs(search="石巻市")[0]
    at = _open("add")
    at.selectbox(key="org_edit").select(org.id).run()
    assert at.text_input(key="org_name").value == org.name
    at.text_area(key="org_note").input("2025年度から担当交代")
    _submit(at, "org_form")
    assert store.get_org(org.id).note == "2025年度から担当交代"
    assert store.get_org(org.id).name == org.name


def test_add_tie_writes_and_shows_on_map(sample_store: str) -> None:
    store = open_store(sample_store)
    a = store.orgs(search="石巻市")[0]
    b = store.orgs(search="みやぎ連携復興センター")[0]
    at = _open("add")
    at.selectbox(key="tie_source").select(a.id)
    at.selectbox(key="tie_target").select(b.id)
    at.selectbox(key="tie_type").select("funding")
    at.select_slider(key="tie_strength").set_value(5)
    at.text_input(key="tie_project").input("復興支援ネットワーク事業")
    _submit(at, "tie_form")
    assert at.success, _errors(at)
    ties = [t for t in store.ties(org=a.id) if t.project == "復興支援ネットワーク事業"]
    assert [(t.source, t.target, t.type, t.directed, t.strength) for t in ties] == [
        (a.id, b.id, "funding", True, 5)
    ]  # funding is directed by default (DESIGN.md)
    at.switch_page("ui/pages/map.py").run()
    html = at.get("iframe")[0].proto.srcdoc
    assert f'data-edge-count="{store.counts()["ties"]}"' in html


def test_add_tie_same_org_rejected(sample_store: str) -> None:
    store = open_store(sample_store)
    a = store.orgs(search="石巻市")[0]
    before = store.counts()["ties"]
    at = _open("add")
    at.selectbox(key="tie_source").select(a.id)
    at.selectbox(key="tie_target").select(a.id)
    _submit(at, "tie_form")
    assert _errors(at)
    assert store.counts()["ties"] == before
    assert at.selectbox(key="tie_source").value == a.id


def test_end_tie(sample_store: str) -> None:
    store = open_store(sample_store)
    tie = next(t for t in store.ties() if not t.end)
    at = _open("add")
    at.selectbox(key="end_tie_id").select(tie.id)
    at.date_input(key="end_tie_date").set_value("2025-03-31")
    _submit(at, "end_form")
    assert store.get_tie(tie.id).end == "2025-03-31"


def test_changes_defaults_to_the_newest_fiscal_year(sample_store: str) -> None:
    # The Miyagi sample's newest tie starts in FY2024; the page opens on FY2023 → FY2024 and shows
    # the same numbers as network.analysis.change.compare on the stored graph.
    from network.analysis.change import compare

    at = _open("changes")
    G = open_store(sample_store).load_graph()
    expected = compare(G, 2023, 2024)
    assert [s.value for s in at.selectbox if s.key in ("chg_before_fy", "chg_after_fy")] == [2023, 2024]
    metrics = {m.label: m.value for m in at.metric}
    assert len(expected["ties"]["added"]) > 0
    assert metrics["新しい関係"] == str(len(expected["ties"]["added"]))
    assert metrics["終わった関係"] == str(len(expected["ties"]["ended"]))
