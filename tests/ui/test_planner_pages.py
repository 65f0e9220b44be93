"""The planner's pages (issue 10): Changes, Gaps, Brokers and the profile history, headless
(``AppTest``) in Japanese and English, on the Miyagi sample.

Expected values come from the core functions on the same stored graph (``analyze``,
``compare``), from the store's audit log, and from the words of ``network/labels/``.
"""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from network.model import Sector
from network.store import open_store
from tests.ui.test_app_pages import APP, AppTest, empty_store, sample_db, sample_store  # noqa: F401 (fixtures)

CODES = {s.value for s in Sector}


def _open(page: str, lang: str = "ja") -> AppTest:
    """The page, run once in ``lang``, opened straight (not through the map: a widget's
    ``format_func`` read back by AppTest outside the script cannot see the session's language)."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["lang"] = lang
    at.switch_page(f"ui/pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _all_text(at) -> str:  # noqa: ANN001
    """Everything the page wrote, as one string (the protos of every element)."""
    return "\n".join(str(e.proto) for e in at.main.children.values() for e in _walk(e))


def _walk(node):  # noqa: ANN001, ANN202
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _frames(at) -> list:  # noqa: ANN001
    return [d.value for d in at.dataframe]


# ------------------------------------------------------------------ Changes (item 2)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_changes_prints_no_streamlit_internals_nor_raw_json(sample_store, lang):  # noqa: F811
    at = _open("changes", lang)
    text = _all_text(at)
    assert "DeltaGenerator" not in text  # a bare expression written by magic
    assert not at.json  # broker changes were st.write({...}) → raw JSON
    assert not at.get("doc_string")


@pytest.fixture()
def broker_store(tmp_path, monkeypatch) -> str:
    """The Miyagi sample plus 新しい中継団体 (tied to the sample's first organisation) and 奥の団体
    tied only to it, both from 2024-06-01: in FY2024 新しい中継団体 becomes a cut point (a broker)."""
    from network.model import Org, Tie
    from tests.ui.live_app import miyagi_store

    path = miyagi_store(
        tmp_path / "renkei.db",
        [Org("x-new", "新しい中継団体", "npo"), Org("y-new", "奥の団体", "residents_group")],
        [Tie("tx", "x-new", "FIRST", start="2024-06-01"), Tie("ty", "x-new", "y-new", start="2024-06-01")],
    )
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return str(path)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_changes_brokers_and_mixing_tables_in_the_users_language(broker_store, lang):
    from network.analysis.change import compare

    G = open_store(broker_store).load_graph()
    diff = compare(G, 2023, 2024)
    assert "x-new" in diff["brokers"]["became"]
    names = {v: d["name"] for v, d in G.nodes(data=True)}
    at = _open("changes", lang)
    frames = _frames(at)
    name_col = "団体名" if lang == "ja" else "Name"
    change_col = "仲介者としての変化" if lang == "ja" else "As a broker"
    brokers = next(f for f in frames if change_col in f.columns)
    expected = sorted(names[v] for v in diff["brokers"]["became"] + diff["brokers"]["stopped"])
    assert sorted(brokers[name_col]) == expected
    for f in frames:
        assert not {"from", "to", "before", "after", "change", "A", "B"} & set(f.columns), f.columns
        for col in f.columns:
            assert not (set(map(str, f[col])) & CODES), (col, "sector codes shown")
            assert not any(str(x).startswith("org-") for x in f[col]), (col, "ids shown")


def test_changes_counts_active_organisations(sample_store):  # noqa: F811
    from network.analysis.change import compare

    G = open_store(sample_store).load_graph()
    diff = compare(G, 2023, 2024)
    at = _open("changes")
    metrics = {m.label: m for m in at.metric}
    # organisations are undated: count those with a tie running in the year (hand: degree > 0)
    active = metrics["連携のある団体"]
    assert active.value == str(diff["active_orgs"]["after"])
    assert diff["active_orgs"]["after"] < G.number_of_nodes()
    assert "団体" not in metrics  # the old "団体 183 (Δ0)"


# ------------------------------------------------------------------ Gaps (items 3, 4, 6)
def _analysis(path):  # noqa: ANN001, ANN202
    from network.present.report import analyze

    return analyze(open_store(path).load_graph())


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_gaps_heatmap_counts_pairs_either_direction(sample_store, lang):  # noqa: F811
    result = _analysis(sample_store)
    at = _open("gaps", lang)
    charts = at.get("vega_lite_chart")
    assert charts
    spec = json.loads(charts[0].proto.spec)
    sector = "区分" if lang == "ja" else "Sector"
    text = json.dumps(spec, ensure_ascii=False)
    assert f'"title": "{sector}' in text  # both axes named in the user's language
    assert '"labelLimit": 0' in text  # whole sector names
    assert '"text"' in text  # the value in each cell
    # the table beside the heatmap: one row per unordered pair, ties either direction
    ties_col = "連携している組" if lang == "ja" else "Tied pairs"
    table = next(f for f in _frames(at) if ties_col in f.columns)
    expected = {
        frozenset((Sector(r["a"]).label(lang), Sector(r["b"]).label(lang))): r["ties"] for r in result["sector_gaps"]
    }
    got = {frozenset((a, b)): t for a, b, t in zip(table.iloc[:, 0], table.iloc[:, 1], table[ties_col], strict=True)}
    assert got == expected
    # the issue's case: residents' groups – intermediaries are tied (directed arcs one way only)
    key = frozenset((Sector("residents_group").label(lang), Sector("intermediary").label(lang)))
    assert got[key] > 0


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_gaps_lists_sector_pairs_with_no_tie_and_their_introductions(sample_store, lang):  # noqa: F811
    result = _analysis(sample_store)
    empty = [r for r in result["sector_gaps"] if r["ties"] == 0 and r["possible"]]
    assert empty
    at = _open("gaps", lang)
    col = "紹介の提案" if lang == "ja" else "Suggested introductions"
    table = next(f for f in _frames(at) if col in f.columns)
    assert len(table) == len(empty)
    shown = {(a, b): text for a, b, text in zip(table.iloc[:, 0], table.iloc[:, 1], table[col], strict=True)}
    for r in empty:
        text = shown[(Sector(r["a"]).label(lang), Sector(r["b"]).label(lang))]
        for i in r["introductions"]:
            assert i["a_name"] in text and i["b_name"] in text and i["introducer_name"] in text
        if not r["introductions"]:
            assert text == (
                "共通の連携先がなく、紹介者が見つかりません" if lang == "ja" else "no common partner to introduce them"
            )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_gaps_shows_communities_by_label(sample_store, lang):  # noqa: F811
    result = _analysis(sample_store)
    at = _open("gaps", lang)
    col = "コミュニティ" if lang == "ja" else "Community"
    table = next(f for f in _frames(at) if col in f.columns)
    labels = {c["label"][lang] for c in result["communities"]}
    assert set(table[col]) <= labels and len(set(table[col])) >= 2
    assert not {"A", "B", "size A", "size B"} & set(table.columns)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_gaps_shows_density_and_centralization(sample_store, lang):  # noqa: F811
    g = _analysis(sample_store)["graph"]
    at = _open("gaps", lang)
    metrics = {m.label: m.value for m in at.metric}
    names = (
        ("密度", "中心化（連携数）", "中心化（媒介中心性）")
        if lang == "ja"
        else ("Density", "Centralization (partners)", "Centralization (betweenness)")
    )
    assert metrics[names[0]] == f"{g['density']:.3f}"
    assert metrics[names[1]] == f"{g['centralization']['degree']:.2f}"
    assert metrics[names[2]] == f"{g['centralization']['betweenness']:.2f}"
    assert any(("フリーマン" if lang == "ja" else "Freeman") in c.value for c in at.caption)


# ------------------------------------------------------------------ Brokers, profile (item 5)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_brokers_table_shows_sector_names_and_closeness(sample_store, lang):  # noqa: F811
    at = _open("brokers", lang)
    table = at.dataframe[0].value
    sector = "区分" if lang == "ja" else "Sector"
    assert not set(table[sector]) & CODES
    assert set(table[sector]) <= {s.label(lang) for s in Sector}
    assert ("近接中心性" if lang == "ja" else "Closeness") in table.columns


def test_one_word_for_a_measure():
    from network.explain import LABELS
    from network.labels import t

    for key in ("degree", "betweenness", "closeness", "community", "density"):
        for lang in ("ja", "en"):
            assert t(key, lang) == LABELS[key][lang], key


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_profile_history_in_local_time_and_the_users_language(sample_store, lang, monkeypatch):  # noqa: F811
    monkeypatch.delenv("TZ", raising=False)  # default: Asia/Tokyo
    store = open_store(sample_store)
    org = store.orgs(search="みやぎ連携復興センター")[0]
    entry = store.audit(entity_id=org.id)[0]
    at = _open("orgs", lang)
    at.selectbox(key="orgs_pick").select(org.id).run()
    hist = at.dataframe[-1].value
    cols = ["日時", "利用者", "操作", "変更した項目"] if lang == "ja" else ["Time", "User", "Action", "Changed"]
    assert list(hist.columns) == cols
    local = datetime.fromisoformat(entry.at).astimezone(ZoneInfo("Asia/Tokyo")).strftime("%Y-%m-%d %H:%M")
    assert hist.iloc[0][cols[0]] == local
    assert hist.iloc[0][cols[2]] == ("作成" if lang == "ja" else "created")
    if lang == "ja":
        assert "団体名" in hist.iloc[0][cols[3]] and "name" not in hist.iloc[0][cols[3]].split("、")
