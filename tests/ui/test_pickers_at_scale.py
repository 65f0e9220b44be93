"""Pickers above :data:`PICKER_LIMIT`: no selectbox lists every organisation or every tie (issue 14, item 5).

At 50,000 organisations / 250,000 ties the page took 27.7 s warm (bench/bench_pages.py): it read every tie twice
a run and sent 250,000 tie labels and 50,000 names to the browser in four selectboxes.  Now an organisation
picker searches first (:func:`renkei.ui.parts.pickers.org_picker`), and a tie picker lists the ties of one
organisation chosen first.  AppTest on a generated network just above the limit (a real SQLite store).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from renkei.data.generate import generate
from renkei.ui.parts.pickers import MATCHES, PICKER_LIMIT

from network.store import ChangeSet, open_store

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest
ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def many_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    n = PICKER_LIMIT + 200
    orgs, ties = generate(n, 3 * n, seed=5)
    path = tmp_path_factory.mktemp("add") / "many.db"
    with open_store(str(path)) as store:
        store.write(ChangeSet(orgs=orgs, ties=ties), user="test")
    return path


@pytest.fixture()
def many(many_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "renkei.db"
    path.write_bytes(many_db.read_bytes())
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return path


def _open() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("ui/pages/add.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _submit(at: AppTest, form: str) -> AppTest:
    next(b for b in at.button if b.proto.form_id == form).click()
    return _run(at)


def test_no_picker_lists_every_organisation_or_tie(many: Path) -> None:
    with open_store(str(many)) as s:
        assert s.counts()["orgs"] > PICKER_LIMIT and s.counts()["ties"] > PICKER_LIMIT
    at = _open()
    sizes = {b.key: len(b.options) for b in at.selectbox if b.key}
    for key in ("org_edit", "tie_source", "tie_target", "tie_edit", "end_tie_id"):
        assert sizes[key] <= MATCHES + 1, (key, sizes[key])
    for key in ("org_edit_q", "tie_source_q", "tie_target_q", "tie_edit_org_q", "end_tie_id_org_q"):
        assert at.text_input(key=key) is not None
    # each search box of a form's section says what it finds (four were all 団体名で探す, seen in Chromium)
    labels = [at.text_input(key=k).label for k in ("org_edit_q", "tie_edit_org_q", "tie_source_q", "tie_target_q")]
    assert len(set(labels)) == 4, labels
    assert at.text_input(key="tie_source_q").label == "「連携元」を名前で探す"


def test_a_tie_is_found_through_its_organisation_and_edited(many: Path) -> None:
    with open_store(str(many)) as s:
        tie = next(t for t in s.ties() if not t.end)
        org = s.get_org(tie.source)
        expected = {t.id for t in s.ties(org=org.id)}
    at = _open()
    at.text_input(key="tie_edit_org_q").input(org.id)
    _run(at)
    at.selectbox(key="tie_edit_org").select(org.id)
    _run(at)
    assert len(at.selectbox(key="tie_edit").options) == len(expected)  # that organisation's ties, every one
    at.selectbox(key="tie_edit").select(tie.id)
    _run(at)
    assert at.selectbox(key="tie_source").value == tie.source
    assert at.selectbox(key="tie_target").value == tie.target
    at.text_input(key="tie_project").input("連携テスト事業")
    _submit(at, "tie_form")
    assert not at.error, [e.value for e in at.error]
    with open_store(str(many)) as s:
        assert s.get_tie(tie.id).project == "連携テスト事業"
        assert s.counts()["ties"] == len(s.ties())


def test_a_tie_is_ended_through_its_organisation(many: Path) -> None:
    with open_store(str(many)) as s:
        tie = next(t for t in s.ties() if not t.end)
        n_open = len([t for t in s.ties(org=tie.target) if not t.end])
    at = _open()
    at.text_input(key="end_tie_id_org_q").input(tie.target)
    _run(at)
    at.selectbox(key="end_tie_id_org").select(tie.target)
    _run(at)
    assert len(at.selectbox(key="end_tie_id").options) == n_open
    at.selectbox(key="end_tie_id").select(tie.id)
    at.date_input(key="end_tie_date").set_value("2025-03-31")
    _submit(at, "end_form")
    with open_store(str(many)) as s:
        assert s.get_tie(tie.id).end == "2025-03-31"


def test_source_and_target_are_searched_and_a_tie_is_added(many: Path) -> None:
    with open_store(str(many)) as s:
        orgs = s.orgs()
        a, b = orgs[0], orgs[-1]
        before = s.counts()["ties"]
    at = _open()
    at.text_input(key="tie_source_q").input(a.name)
    at.text_input(key="tie_target_q").input(b.name)
    _run(at)
    assert at.selectbox(key="tie_source").options == [a.name]
    at.selectbox(key="tie_source").select(a.id)
    at.selectbox(key="tie_target").select(b.id)
    at.text_input(key="tie_project").input("検索から追加")
    _submit(at, "tie_form")
    assert not at.error, [e.value for e in at.error]
    with open_store(str(many)) as s:
        assert s.counts()["ties"] == before + 1
        assert [t.project for t in s.ties(org=a.id) if t.target == b.id or t.source == b.id][-1:] == ["検索から追加"]


def test_centre_picker_searches_above_the_limit_and_keeps_the_centre(many: Path) -> None:
    from network.analysis.dependence import guess_centre
    from network.analysis.views import undirected_view

    with open_store(str(many)) as s:
        G = s.load_graph()
    centre = guess_centre(undirected_view(G))
    other = next(v for v in sorted(G) if v != centre and G.nodes[v].get("sector") != "intermediary")
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("ui/pages/districts.py")
    _run(at)
    pick = at.selectbox(key="pl_centre_w")
    assert pick.value == centre
    assert len(pick.options) <= MATCHES + 1
    at.text_input(key="pl_centre_q").input(other)
    _run(at)
    assert at.selectbox(key="pl_centre_w").value == centre  # a search alone changes nothing
    assert len(at.selectbox(key="pl_centre_w").options) == 2  # the centre and the one match
    at.selectbox(key="pl_centre_w").select(other)
    _run(at)
    assert at.session_state["centre"] == other
    at.switch_page("ui/pages/trends.py")
    _run(at)
    assert at.selectbox(key="pl_centre_w").value == other  # kept across pages
