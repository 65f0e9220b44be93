"""The large-network path of ``renkei analyze``: views from the store's arrays, the report
streamed one organisation at a time.  Every value must equal the NetworkX path's.

Source of the expected values: ``network.present.report.analyze(store.load_graph())`` on the same store
(the path every correctness test of this folder checks against NetworkX, igraph and R).
"""

from __future__ import annotations

import io
import json

import pytest

import network.analysis.introductions as intro
from network.analysis.selection import min_strength_graph
from network.analysis.views import filter_graph, indexed_views, indexed_views_from_arrays
from network.cli import main
from network.cli.analysis import write_json
from network.present.report import analyze, analyze_views, clean
from network.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from renkei.data.generate import generate

    from network.store.base import ChangeSet

    path = str(tmp_path_factory.mktemp("arr") / "g.db")
    orgs, ties = generate(600, 3000, seed=3)
    with SQLiteStore(path) as s:
        s.write(ChangeSet(orgs=orgs, ties=ties))
    return path


def edges(X):
    return sorted(zip(X.src.tolist(), X.dst.tolist(), X.weight.tolist(), X.strength.tolist(), strict=True))


FILTERS = [
    {},
    {"types": ["funding", "collaboration"]},
    {"sectors": ["npo", "company"]},
    {"district": None, "min_strength": 3},
    {"as_of": 2019},
    {"as_of": "2020-06-01", "sectors": ["npo"]},
]


@pytest.mark.parametrize("f", FILTERS)
def test_views_from_arrays_equal_the_graph_views(db, f):
    f = dict(f)
    as_of, ms = f.pop("as_of", None), f.pop("min_strength", 1)
    with SQLiteStore(db) as s:
        T, G = s.load_arrays(as_of), s.load_graph(as_of)
    H = filter_graph(min_strength_graph(G, ms), as_of=as_of, **f)
    for a, b in zip(indexed_views_from_arrays(T, min_strength=ms, **f), indexed_views(H), strict=True):
        assert a.nodes == b.nodes
        assert edges(a) == edges(b)
        assert a.labels("sector") == b.labels("sector") and a.labels("name") == b.labels("name")


def test_district_filter_from_arrays(db):
    with SQLiteStore(db) as s:
        T, G = s.load_arrays(), s.load_graph()
    d = T.orgs["district"][0]
    XU, _ = indexed_views_from_arrays(T, district=[d])
    assert XU.nodes == list(filter_graph(G, district=[d])) and len(XU.nodes) < T.n


@pytest.mark.parametrize("f", [{}, {"types": ["support", "information"], "as_of": 2018}])
def test_report_from_arrays_equals_the_report_from_the_graph(db, f):
    with SQLiteStore(db) as s:
        T, G = s.load_arrays(f.get("as_of")), s.load_graph(f.get("as_of"))
    want = analyze(G, exact_threshold=300, **f)  # sampled betweenness and closeness too
    XU, XD = indexed_views_from_arrays(T, types=f.get("types"))
    got = analyze_views(XU, XD, ties=want["graph"]["ties"], as_of=T.as_of, types=f.get("types"), exact_threshold=300)
    got["orgs"] = list(got["orgs"])
    assert list(got) == list(want)
    assert got == want


def test_streamed_json_is_the_report(db, capsys):
    assert (
        main(
            [
                "--store",
                db,
                "analyze",
                "--format",
                "json",
                "--survey",
                "none",
                "--types",
                "funding,support",
                "--min-strength",
                "2",
            ]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    with SQLiteStore(db) as s:
        G = s.load_graph()
    want = json.loads(json.dumps(clean(analyze(min_strength_graph(G, 2), types=["funding", "support"]))))
    assert doc == want and doc["graph"]["ties"] == want["graph"]["ties"] > 0
    buf = io.BytesIO()
    write_json({"a": [], "b": iter([]), "c": {"x": [1, 2]}, "d": 1.5}, buf)
    assert json.loads(buf.getvalue()) == {"a": [], "b": [], "c": {"x": [1, 2]}, "d": 1.5}


def test_introductions_in_chunks_equal_one_pass(db, monkeypatch):
    with SQLiteStore(db) as s:
        XU, _ = indexed_views_from_arrays(s.load_arrays())
    comm = {v: i % 3 for i, v in enumerate(XU.nodes)}
    whole = intro.suggest_introductions(XU, membership=comm, top=25, hub_degree=20)
    monkeypatch.setattr(intro, "_CHUNK_WORK", 50)  # a chunk of a few rows each
    assert intro.suggest_introductions(XU, membership=comm, top=25, hub_degree=20) == whole
    assert intro.suggest_introductions(XU, sector="npo", top=10) == (
        monkeypatch.undo() or intro.suggest_introductions(XU, sector="npo", top=10)
    )
