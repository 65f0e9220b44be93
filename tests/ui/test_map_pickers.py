"""Map page: the organisation pickers cost the browser nothing until they are wanted (issue 15, item 3).

A selectbox holding every organisation costs the browser seconds on each run at 20,000 organisations
(measured: bench/bench_map.py), so the who-connects controls run only while their expander is open, and
above :data:`PICKER_LIMIT` organisations a picker lists only the names matching a search.  AppTest on
the Miyagi sample and on a generated network just above the limit (real SQLite stores).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from renkei.data.generate import generate
from renkei.ui.parts.map_connect import CONNECT_OPEN
from renkei.ui.parts.pickers import MATCHES, PICKER_LIMIT

from ingest.importer import import_files
from network.analysis.selection import ego_graph
from network.labels import t
from network.store import ChangeSet, open_store

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest
ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "data" / "miyagi"


@pytest.fixture(scope="module")
def miyagi_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pickers") / "miyagi.db"
    with open_store(str(path)) as store:
        import_files(store, [SAMPLE / "orgs.csv", SAMPLE / "ties.csv"])
    return path


@pytest.fixture()
def miyagi(miyagi_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "renkei.db"
    shutil.copy(miyagi_db, path)
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return path


@pytest.fixture()
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A generated network just above the picker limit."""
    n = PICKER_LIMIT + 200
    orgs, ties = generate(n, 3 * n, seed=3)
    path = tmp_path / "many.db"
    with open_store(str(path)) as store:
        store.write(ChangeSet(orgs=orgs, ties=ties), user="test")
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return path


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _keys(at: AppTest) -> set[str]:
    return {w.key for w in [*at.selectbox, *at.radio, *at.text_input] if w.key}


def test_connect_controls_run_only_while_open_and_the_choice_stays(miyagi: Path) -> None:
    a, b = "my-047", "my-012"
    at = _run(AppTest.from_file(APP, default_timeout=60))
    assert not {"conn_mode", "conn_a_orgs", "conn_b_orgs"} & _keys(at)  # closed: no picker sent
    assert "#B00020" not in at.get("iframe")[0].proto.srcdoc
    at.session_state[CONNECT_OPEN] = True  # the user opens it
    _run(at)
    assert {"conn_mode", "conn_a_orgs", "conn_b_orgs"} <= _keys(at)
    at.selectbox(key="conn_a_orgs").select(a)
    at.selectbox(key="conn_b_orgs").select(b)
    _run(at)
    assert "#B00020" in at.get("iframe")[0].proto.srcdoc  # the paths highlighted
    at.session_state[CONNECT_OPEN] = False  # closed again: the paths stay highlighted, as before
    _run(at)
    assert "conn_a_orgs" not in _keys(at)
    assert "#B00020" in at.get("iframe")[0].proto.srcdoc
    at.session_state[CONNECT_OPEN] = True  # reopened: the same pair
    _run(at)
    assert at.selectbox(key="conn_a_orgs").value == a
    assert at.selectbox(key="conn_b_orgs").value == b


def test_small_network_keeps_one_picker_of_every_organisation(miyagi: Path) -> None:
    at = _run(AppTest.from_file(APP, default_timeout=60))
    with open_store(str(miyagi)) as s:
        n = s.counts()["orgs"]
    assert n <= PICKER_LIMIT
    assert len(at.selectbox(key="map_focus").options) == n
    assert "map_focus_q" not in _keys(at)


def _matches(G, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(
        (v for v, d in G.nodes(data=True) if text in d["name"] or text in v), key=lambda v: G.nodes[v]["name"]
    )


def test_search_picker_above_the_limit(many: Path) -> None:
    with open_store(str(many)) as s:
        G = s.load_graph()
    at = _run(AppTest.from_file(APP, default_timeout=120))
    focus = at.selectbox(key="map_focus")
    assert focus.options == []  # nothing sent before a search
    assert at.text_input(key="map_focus_q").help == t("org_search_q_help", "ja", n=G.number_of_nodes())
    at.text_input(key="map_focus_q").input("00012")
    _run(at)
    expected = _matches(G, "00012")
    assert 1 < len(expected) <= MATCHES
    assert at.selectbox(key="map_focus").options == [G.nodes[v]["name"] for v in expected]
    centre = expected[-1]  # not among the first names of a wider search
    at.selectbox(key="map_focus").select(centre)
    _run(at)
    html = at.get("iframe")[0].proto.srcdoc
    assert f'data-node-count="{ego_graph(G, centre, 1).number_of_nodes()}"' in html
    assert G.nodes[centre]["name"] in [h.value for h in at.subheader]  # its profile under the map
    at.text_input(key="map_focus_q").input("合成団体")  # a wider search: the choice stays, the list is cut
    _run(at)
    assert at.selectbox(key="map_focus").value == centre
    assert len(at.selectbox(key="map_focus").options) == MATCHES + 1
    assert t("org_search_more", "ja", shown=MATCHES, n=G.number_of_nodes()) in [c.value for c in at.caption]


def test_search_picker_in_english(many: Path) -> None:
    with open_store(str(many)) as s:
        G = s.load_graph()
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = "en"  # one run (AppTest formats other widgets' values in Japanese on the next)
    at.session_state["map_focus_q"] = "00012"
    _run(at)
    box = at.text_input(key="map_focus_q")
    assert (box.label, box.help) == (t("org_search_q", "en"), t("org_search_q_help", "en", n=G.number_of_nodes()))
    assert at.selectbox(key="map_focus").options == [G.nodes[v]["name"] for v in _matches(G, "00012")]
    assert at.selectbox(key="map_focus").placeholder == t("search_org", "en")


def test_search_picker_finds_nothing(many: Path) -> None:
    at = _run(AppTest.from_file(APP, default_timeout=120))
    at.text_input(key="map_focus_q").input("存在しない名前")
    _run(at)
    assert at.selectbox(key="map_focus").options == []
    assert t("org_search_none", "ja") in [c.value for c in at.caption]


def test_orgs_page_picker_lists_a_page_of_names_and_keeps_a_profile_link(many: Path) -> None:
    """The Organisations page's profile picker held every organisation (50,000 at bench/bench_pages.py: 10 s a
    click); above the limit it lists the first :data:`MATCHES` of the search, plus the one a link asks for."""
    with open_store(str(many)) as store:
        last = sorted(store.orgs(), key=lambda o: o.name)[-1]
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("ui/pages/orgs.py")
    at.query_params["org"] = last.id
    _run(at)
    pick = at.selectbox(key="orgs_pick")
    assert len(pick.options) <= MATCHES + 1
    assert pick.value == last.id  # the linked organisation is chosen, and its profile shown
    assert any(last.name in m.value for m in at.markdown) or any(last.name in s.value for s in at.subheader)
