"""Map page: who connects A and B (AppTest), against NetworkX's all_shortest_paths (issue 15, item 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest
from renkei.ui.parts.map_connect import CONNECT_OPEN

from ingest.importer import import_files
from network.analysis.views import undirected_view
from network.store import open_store

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "miyagi"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("connect") / "sample.db"
    with open_store(str(path)) as store:
        import_files(store, [SAMPLE / "orgs.csv", SAMPLE / "ties.csv"])
    return path


@pytest.fixture()
def store_url(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = tmp_path / "renkei.db"
    shutil.copy(sample_db, path)
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return str(path)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_who_connects_two_orgs_lists_and_highlights_the_paths(store_url: str, lang: str) -> None:
    with open_store(store_url) as s:
        G = s.load_graph()
    U = undirected_view(G)
    a, b = "my-047", "my-012"
    expected = {v for p in nx.all_shortest_paths(U, a, b) for v in p}
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang  # one run per language (AppTest keeps formatted widget values across runs)
    at.session_state["conn_a_orgs"] = a
    at.session_state["conn_b_orgs"] = b
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    frames = [df.value for df in at.dataframe]
    path_col = "経路" if lang == "ja" else "Path"
    listed = [row for df in frames if path_col in df.columns for row in df[path_col]]
    names = {v: G.nodes[v]["name"] for v in G}
    assert sorted(listed) == sorted(" → ".join(names[v] for v in p) for p in nx.all_shortest_paths(U, a, b))
    html = at.get("iframe")[0].proto.srcdoc
    assert "#B00020" in html
    drawn = {m for m in expected if f'"id":"{m}"' in html}
    assert drawn == expected
    caption = "最短経路" if lang == "ja" else "shortest paths"
    assert any(caption in c.value for c in at.caption)
    labels = [b.label for b in at.get("download_button")]
    assert any("PNG" in x for x in labels) and any("SVG" in x for x in labels)


def test_who_connects_two_sectors(store_url: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.session_state[CONNECT_OPEN] = True  # the user opens the expander: its controls run only while open
    at.run()
    at.radio(key="conn_mode").set_value("sector").run()
    at.selectbox(key="conn_a_sector").select("company").run()
    at.selectbox(key="conn_b_sector").select("government").run()
    assert not at.exception, [e.value for e in at.exception]
    share_col = "最短経路に占める割合"
    tables = [df.value for df in at.dataframe if share_col in df.value.columns]
    assert tables and tables[0][share_col].iloc[0] > 0


def test_map_filters_survive_a_visit_to_another_page(store_url: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.multiselect(key="map_sector").set_value(["npo", "government"]).run()
    at.select_slider(key="map_strength").set_value(3).run()
    at.switch_page("ui/pages/orgs.py").run()
    assert not at.exception
    at.switch_page("ui/pages/map.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="map_sector").value == ["npo", "government"]
    assert at.select_slider(key="map_strength").value == 3
    assert not at.warning or all("Session State" not in w.value for w in at.warning)
