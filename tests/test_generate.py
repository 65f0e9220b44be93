"""Tests of the synthetic generator ``data.generate`` and of the sample networks in ``data/``.

Expected values come from the brief of issue 2 (sizes, shares, fiscal years),
from the generator's documented model (``data/generate.py`` module docstring)
and, for the samples, from the structure planted on purpose and described in
``docs/data.md``.
"""

from __future__ import annotations

import csv
import re
import time
import unicodedata
from collections import Counter
from datetime import date

import networkx as nx
import pytest
from renkei.data.generate import SECTOR_SHARES, generate, generate_graph, main, write_csv
from renkei.data.samples import DESCRIPTIONS, SAMPLES, sample_files

from network.model import ORG_FIELDS, TIE_FIELDS, Sector, TieType, fiscal_year


def _check_digit_ok(number: str) -> bool:
    """法人番号 check digit: 9 − (Σ P_i·Q_i mod 9), Q_i = 1 for odd i, 2 for even (国税庁の計算式)."""
    if not re.fullmatch(r"\d{13}", number):
        return False
    total = sum(int(c) * (1 if i % 2 else 2) for i, c in enumerate(reversed(number[1:]), start=1))
    return int(number[0]) == 9 - total % 9


def test_check_digit_helper_on_a_published_number():
    # 国税庁's own 法人番号 7000012050002 (published on the 法人番号公表サイト)
    assert _check_digit_ok("7000012050002")
    assert not _check_digit_ok("1000012050002")


# --------------------------------------------------------------------------- generator
@pytest.fixture(scope="module")
def small():
    return generate(2000, 10000, seed=7)


def test_same_seed_same_network_other_seed_other_network():
    a = generate(300, 900, seed=5)
    b = generate(300, 900, seed=5)
    c = generate(300, 900, seed=6)
    assert [o.to_dict() for o in a[0]] == [o.to_dict() for o in b[0]]
    assert [t.to_dict() for t in a[1]] == [t.to_dict() for t in b[1]]
    assert [(t.source, t.target) for t in a[1]] != [(t.source, t.target) for t in c[1]]


def test_exact_counts_and_average_degree(small):
    orgs, ties = small
    assert len(orgs) == 2000 and len(ties) == 10000
    # average degree asked: 2·10000 / 2000 = 10
    degree = Counter(t.source for t in ties) + Counter(t.target for t in ties)
    assert sum(degree.values()) / len(orgs) == pytest.approx(10.0)


def test_ids_unique_endpoints_exist_no_self_ties_no_repeated_pairs(small):
    orgs, ties = small
    ids = [o.id for o in orgs]
    assert ids[0] == "g000001" and ids[-1] == "g002000" and len(set(ids)) == len(ids)
    assert orgs[0].name == "合成団体000001"
    assert len({t.id for t in ties}) == len(ties)
    known = set(ids)
    assert all(t.source in known and t.target in known for t in ties)
    assert all(t.source != t.target for t in ties)
    assert len({frozenset((t.source, t.target)) for t in ties}) == len(ties)


def test_sectors_parse_and_follow_the_shares(small):
    orgs, _ = small
    counts = Counter(o.sector for o in orgs)
    assert {Sector.parse(s) for s in counts} == set(Sector)  # all eight present, every value parses
    for sector, share in SECTOR_SHARES.items():
        assert counts[sector.value] / len(orgs) == pytest.approx(share, abs=0.03)


def test_tie_fields_strength_dates_direction(small):
    _, ties = small
    assert {t.strength for t in ties} == {1, 2, 3, 4, 5}
    years = {fiscal_year(date.fromisoformat(t.start)) for t in ties}
    assert years == set(range(2015, 2025))  # fiscal years 2015–2024 asked
    ended = [t for t in ties if t.end]
    assert all(t.end >= t.start for t in ended)
    assert len(ended) / len(ties) == pytest.approx(0.15, abs=0.02)  # ~15 % ended asked
    assert all(t.directed == TieType(t.type).default_directed for t in ties)
    assert {TieType(t.type) for t in ties} == set(TieType)


def test_types_follow_the_sector_pair(small):
    orgs, ties = small
    sector = {o.id: o.sector for o in orgs}
    funding = [t for t in ties if t.type == "funding"]
    # a foundation always gives: in a funding tie touching one foundation, it is the source
    touching = [t for t in funding if (sector[t.source] == "foundation") != (sector[t.target] == "foundation")]
    assert touching and all(sector[t.source] == "foundation" for t in touching)
    # residents' groups never fund anyone in the model's table
    assert not any(sector[t.source] == "residents_group" for t in funding)


def test_community_structure_and_heavy_tail(small):
    orgs, ties = small
    district = {o.id: o.district for o in orgs}
    same = sum(district[t.source] == district[t.target] for t in ties) / len(ties)
    assert same > 0.5  # 60 % drawn inside the district, a few redrawn
    assert len({o.district for o in orgs}) == round(50 * (2000 / 1000) ** 0.5)  # 71 districts
    degree = Counter(t.source for t in ties) + Counter(t.target for t in ties)
    assert max(degree.values()) >= 10 * 10  # a hub with ten times the mean degree (10)


def test_corporate_numbers_are_fictitious_and_valid(small):
    orgs, _ = small
    numbers = [o for o in orgs if o.corporate_number]
    assert numbers
    assert all(_check_digit_ok(o.corporate_number) and o.corporate_number[1:3] == "99" for o in numbers)
    assert {o.sector for o in numbers} <= {"npo", "company", "foundation"}


def test_graph_follows_load_graph_conventions():
    orgs, ties = generate(200, 600, seed=3)
    G = generate_graph(200, 600, seed=3)
    assert isinstance(G, nx.MultiDiGraph) and G.graph["as_of"] is None
    assert G.number_of_nodes() == 200 and G.number_of_edges() == 600
    o = orgs[10]
    assert G.nodes[o.id] == {k: v for k, v in o.to_dict().items() if k != "id"}
    assert set(G.nodes[o.id]) == set(ORG_FIELDS) - {"id"}
    t = ties[20]
    assert G.edges[t.source, t.target, t.id] == {
        k: v for k, v in t.to_dict().items() if k not in ("id", "source", "target")
    }
    assert set(G.edges[t.source, t.target, t.id]) == set(TIE_FIELDS) - {"id", "source", "target"}
    assert all(isinstance(d, bool) for *_, d in G.edges(data="directed"))


def test_graph_equals_one_built_with_the_public_api():
    # generate_graph fills the adjacency directly for speed; NetworkX's own add_edges_from is the reference
    orgs, ties = generate(150, 400, seed=8)
    H = nx.MultiDiGraph(as_of=None)
    H.add_nodes_from((o.id, {k: v for k, v in o.to_dict().items() if k != "id"}) for o in orgs)
    H.add_edges_from(
        (t.source, t.target, t.id, {k: v for k, v in t.to_dict().items() if k not in ("id", "source", "target")})
        for t in ties
    )
    G = generate_graph(150, 400, seed=8)
    assert nx.utils.graphs_equal(G, H)
    assert dict(G.in_degree()) == dict(H.in_degree()) and dict(G.out_degree()) == dict(H.out_degree())
    u, v, k = next(iter(G.edges(keys=True)))
    assert G.pred[v][u][k] is G.succ[u][v][k]


def test_write_csv_english_headers_and_same_rows(tmp_path):
    orgs, ties = generate(100, 250, seed=9)
    orgs_csv, ties_csv = write_csv(tmp_path, 100, 250, seed=9)
    with orgs_csv.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["id", "name", "sector", "kind", "prefecture", "city", "district", "corporate_number"]
    assert len(rows) == 101 and rows[1][:3] == [orgs[0].id, orgs[0].name, orgs[0].sector]
    with ties_csv.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["source", "target", "type", "directed", "strength", "start", "end", "project"]
    assert len(rows) == 251
    t = ties[0]
    assert rows[1] == [
        t.source,
        t.target,
        t.type,
        "true" if t.directed else "false",
        str(t.strength),
        t.start,
        t.end or "",
        t.project,
    ]


def test_cli_writes_files_and_rejects_impossible_sizes(tmp_path, capsys):
    assert main(["--orgs", "50", "--ties", "80", "--seed", "1", "--out", str(tmp_path)]) == 0
    assert len((tmp_path / "ties.csv").read_text(encoding="utf-8").splitlines()) == 81
    # 10 organisations allow at most 10·9/4 = 22 ties
    assert main(["--orgs", "10", "--ties", "23", "--out", str(tmp_path / "x")]) == 2
    assert "n_ties" in capsys.readouterr().err
    with pytest.raises(ValueError):
        generate(1, 0)


def test_csv_imported_gives_the_same_graph_as_generate_graph(tmp_path):
    from ingest import importer
    from network.store import sqlite

    store = sqlite.SQLiteStore(":memory:")
    report = importer.import_files(store, write_csv(tmp_path, 300, 900, seed=4))
    assert not report.errors

    def rows(G):
        return sorted(
            (u, v, d["type"], d["directed"], d["strength"], d["start"], d["end"], d["project"])
            for u, v, d in G.edges(data=True)
        )

    # tie ids differ (the importer makes its own); everything else is the same network
    assert rows(store.load_graph()) == rows(generate_graph(300, 900, seed=4))


@pytest.mark.slow
def test_benchmark_size_is_fast_and_exact():
    t0 = time.perf_counter()
    orgs, ties = generate(20000, 100000, seed=1)
    elapsed = time.perf_counter() - t0
    assert len(orgs) == 20000 and len(ties) == 100000
    assert elapsed < 30  # measured 1.0 s on the shared 2-core dev machine (docs/data.md)


# --------------------------------------------------------------------------- sample networks
_LEGAL = (
    "特定非営利活動法人",
    "npo法人",
    "公益財団法人",
    "一般財団法人",
    "公益社団法人",
    "一般社団法人",
    "国立大学法人",
    "公立大学法人",
    "学校法人",
    "社会福祉法人",
    "株式会社",
    "有限会社",
    "合同会社",
    "(株)",
    "(有)",
)


def _norm(name: str) -> str:
    s = unicodedata.normalize("NFKC", name).lower()
    s = "".join(s.split())
    for form in _LEGAL:
        s = s.replace(form, "")
    return s


def _read(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _load_sample(name: str):
    folder = SAMPLES[name]
    orgs = _read(folder / "orgs.csv")
    ties = _read(folder / "ties.csv")
    parts = _read(folder / "participations.csv")
    by_name: dict[str, set[str]] = {}
    for o in orgs:
        for n in [o["団体名"], *filter(None, o["別名"].split("|"))]:
            by_name.setdefault(_norm(n), set()).add(o["ID"])
    ids = {o["ID"] for o in orgs}

    def resolve(ref: str) -> str:
        if ref in ids:
            return ref
        found = by_name.get(_norm(ref), set())
        assert len(found) == 1, f"{name}: {ref!r} resolves to {found}"
        return next(iter(found))

    G = nx.MultiGraph()
    for o in orgs:
        G.add_node(o["ID"], sector=Sector.parse(o["区分"]).value, name=o["団体名"], district=o["地区"])
    for t in ties:
        G.add_edge(
            resolve(t["連携元"]),
            resolve(t["連携先"]),
            type=TieType.parse(t["関係"]).value,
            start=t["開始"],
            end=t["終了"] or None,
        )
    return orgs, ties, parts, G, resolve


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_files_are_structurally_sound(name):
    orgs, ties, parts, G, resolve = _load_sample(name)
    headers = list(_read(SAMPLES[name] / "orgs.csv")[0])
    assert headers[:3] == ["ID", "団体名", "区分"]  # Japanese headers asked
    assert len({o["ID"] for o in orgs}) == len(orgs)
    assert [p.name for p in sample_files(name)] == ["orgs.csv", "ties.csv", "participations.csv"]
    assert all(DESCRIPTIONS[name])
    for t in ties:
        a, b = resolve(t["連携元"]), resolve(t["連携先"])
        assert a != b
        assert 1 <= int(t["強さ"]) <= 5
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["開始"])
        assert not t["終了"] or t["終了"] >= t["開始"]
    for p in parts:
        resolve(p["団体"])
    # 法人番号 only for fictitious organisations, and each check digit valid
    for o in orgs:
        if o["法人番号"]:
            assert _check_digit_ok(o["法人番号"]) and "架空" in o["タグ"].split("|"), o["団体名"]
    years = {fiscal_year(date.fromisoformat(t["開始"])) for t in ties}
    assert years == set(range(2012, 2025))  # FY2012 (平成24) to FY2024 (令和6)


def test_miyagi_size_sectors_and_seed_partners():
    orgs, ties, _, G, resolve = _load_sample("miyagi")
    assert 80 <= len(orgs) <= 200  # asked: 80–200 organisations
    assert {Sector(s) for s in nx.get_node_attributes(G, "sector").values()} == set(Sector)
    # the partner list of the seed (れんぷく「主な実績」)
    for partner in [
        "総務省",
        "復興庁",
        "宮城県",
        "仙台市",
        "石巻市",
        "気仙沼市",
        "ジャパン・プラットフォーム",
        "日本財団",
        "一般社団法人ダイバーシティ研究所",
        "立正佼成会一食平和基金",
        "西松建設(株)",
        "(株)富士通エフサス",
        "TOTO(株)東北支社",
    ]:
        assert resolve(partner)


def test_miyagi_planted_brokers_and_gaps():
    _, _, _, G, resolve = _load_sample("miyagi")
    S = nx.Graph(G)
    bc = nx.betweenness_centrality(S)
    centre = resolve("みやぎ連携復興センター")
    assert max(bc, key=bc.get) == centre  # the centre is the main broker
    hanto = resolve("特定非営利活動法人 半島ささえあいネット")
    assert hanto in set(nx.articulation_points(S))
    # removing it cuts off the eight peninsula groups (雄勝・牡鹿・北上)
    rest = S.copy()
    rest.remove_node(hanto)
    cut_off = nx.node_connected_component(rest, resolve("雄勝町大浜地区会"))
    assert len(cut_off) == 8 and centre not in cut_off
    sector = nx.get_node_attributes(G, "sector")
    pair = Counter(frozenset((sector[u], sector[v])) for u, v in G.edges())
    assert pair[frozenset(("company", "residents_group"))] == 1  # the sector gap
    assert list(nx.isolates(S)) == [resolve("NPO法人 女川みらい工房")]
    # after FY2016 the government commissions to the centre end (復興予算の減少)
    commissions = [
        d
        for u, v, d in G.edges(data=True)
        if d["type"] == "commission" and centre in (u, v) and sector[u if v == centre else v] == "government"
    ]
    assert commissions and all(d["end"] and d["end"] <= "2021-03-31" for d in commissions)


def test_tsurumi_councils_centre_and_gaps():
    orgs, _, parts, G, resolve = _load_sample("tsurumi")
    assert 40 <= len(orgs) <= 120  # asked: 40–120 organisations
    councils = [o for o in orgs if o["区分"] == "地域活動協議会"]
    assert len(councils) == 12 and len({o["地区"] for o in councils}) == 12  # one per 校区
    centre = resolve("鶴見区まちづくりセンター")
    S = nx.Graph(G)
    assert all(S.has_edge(centre, o["ID"]) for o in councils)  # the centre supports every council
    for district in ("諸口", "焼野"):  # reach the rest only through the centre
        council = next(o["ID"] for o in councils if o["地区"] == district)
        outside = {n for n in S[council] if G.nodes[n]["district"] != district}
        assert outside == {centre}
    company_districts = {
        G.nodes[v]["district"]
        for u, v in S.edges()
        for u, v in ((u, v), (v, u))
        if G.nodes[u]["sector"] == "company" and G.nodes[v]["sector"] == "residents_group"
    }
    assert company_districts == {"鶴見", "茨田", "今津", "横堤"}  # 8 districts have no company tie
    assert len({p["活動"] for p in parts}) == 4


def test_samples_import_cleanly_through_the_importer():
    from ingest import importer
    from network.store import sqlite

    store = sqlite.SQLiteStore(":memory:")
    for name in sorted(SAMPLES):  # both into one store, as `renkei demo` does
        report = importer.import_files(store, sample_files(name))
        assert not report.errors
    # counts: 104 + 75 organisations, 221 + 134 ties, 35 + 39 participations in the CSV files
    counts = store.counts()
    assert (counts["orgs"], counts["ties"], counts["participations"]) == (179, 355, 74)
    G = store.load_graph()
    _, _, _, mine, _ = _load_sample("miyagi")
    ours = Counter(frozenset((u, v)) for u, v in mine.edges())
    stored = Counter(frozenset((u, v)) for u, v in G.subgraph(mine.nodes).edges())
    assert stored == ours  # the importer resolves every name the way this file's resolver does
