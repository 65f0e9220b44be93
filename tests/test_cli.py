"""The renkei command line: exit codes, outputs and clean error messages.

Import and demo are covered with the importer's own tests and in test_cli_import.py.
"""

from __future__ import annotations

import io
import json
import zipfile

import networkx as nx
import pytest

from network.cli import main
from network.store.sqlite import SQLiteStore
from tests.network.store_contract import sample_changes


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "renkei.db"
    with SQLiteStore(path) as s:
        s.write(sample_changes())
    return str(path)


def test_orgs_table_and_filters(db, capsys):
    assert main(["--store", db, "orgs"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("\t")[:3] == ["id", "name", "sector"]
    assert len(out) == 5  # header + 4 organisations
    assert main(["--store", db, "orgs", "--sector", "行政", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["石巻市"]


def test_ties_filters(db, capsys):
    assert main(["--store", db, "ties", "--type", "助成", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["source_name"], r["target_name"]) for r in rows] == [
        ("t2", "公益財団法人 日本財団", "みやぎ連携復興センター")
    ]
    assert main(["--store", db, "ties", "--as-of", "2020-01-01", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 4  # header + t2, t3, t4 (t1 ended 2016)


def test_export_graphml_to_stdout_and_file(db, tmp_path, capsysbinary):
    assert main(["--store", db, "export", "--format", "graphml"]) == 0
    H = nx.read_graphml(io.BytesIO(capsysbinary.readouterr().out))
    assert H.nodes["d"]["name"] == "渡波地区自治会"
    out = tmp_path / "net.gexf"
    assert main(["--store", db, "export", "--format", "gexf", "--output", str(out)]) == 0
    assert nx.read_gexf(out).number_of_edges() == 4


def test_export_csv_needs_output(db, tmp_path, capsys):
    assert main(["--store", db, "export", "--format", "csv"]) == 1
    assert "give --output" in capsys.readouterr().err
    assert main(["--store", db, "export", "--format", "csv", "--output", str(tmp_path / "x.zip")]) == 0
    assert set(zipfile.ZipFile(tmp_path / "x.zip").namelist()) == {"orgs.csv", "ties.csv"}
    assert main(["--store", db, "export", "--format", "csv", "--output", str(tmp_path / "dir")]) == 0
    assert (tmp_path / "dir" / "ties.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_bad_sector_word_is_one_line(db, capsys):
    assert main(["--store", db, "orgs", "--sector", "宇宙人"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "renkei: unknown sector: '宇宙人'"


def test_bad_store_url(capsys):
    assert main(["--store", "ftp://nowhere", "orgs"]) == 1
    assert "unknown store URL" in capsys.readouterr().err


def test_serve_refuses_network_address_without_accounts(db, capsys):
    # local mode (no accounts) is for this machine only: see ui/parts/auth.py local_mode
    assert main(["--store", db, "serve", "--address", "0.0.0.0"]) == 1
    assert "no accounts yet" in capsys.readouterr().err


def test_analyze_json_follows_the_interface(db, capsys):
    assert main(["--store", db, "analyze", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["graph"]["nodes"] == 4
    orgs = {o["id"]: o for o in doc["orgs"]}
    # the centre "a" is tied to b, c, d; in the undirected view b-a-d, c-a-d, b-a-c pass through it,
    # and a is the only cut point separating c and d from the rest (hand count on sample_changes())
    assert orgs["a"]["cut_point"] is True and orgs["a"]["degree"] == 3
    assert set(orgs["a"]["brokerage"]) >= {
        "coordinator",
        "itinerant",
        "representative",
        "gatekeeper",
        "liaison",
        "total",
    }
    assert orgs["c"]["betweenness"] == 0


def test_analyze_filters_and_markdown_lang(db, capsys):
    assert main(["--store", db, "analyze", "--format", "json", "--types", "助成"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["graph"]["filters"]["types"] == ["funding"] and doc["graph"]["ties"] == 1
    assert main(["--store", db, "analyze", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("# ")


def test_changes_between_fiscal_years(db, capsys):
    # Compared per pair of organisations. FY2013 has t1 b→a (strength 4, 2012–2016), t3 a–d, t4 a–b
    # (strength 2); FY2020 has t2 c→a, t3, t4 (sample_changes()). So: pair a–c added; pair a–b still
    # tied (t4) but weakened from 4 to 2; nothing ended.
    assert main(["--store", db, "changes", "2013", "2020", "--format", "json"]) == 0
    ties = json.loads(capsys.readouterr().out)["ties"]
    assert [(t["a"], t["b"]) for t in ties["added"]] == [("a", "c")]
    assert ties["ended"] == []
    assert [(t["a"], t["b"], t["strength_before"], t["strength_after"]) for t in ties["weakened"]] == [("a", "b", 4, 2)]


def test_project_participations_into_ties(db, capsys):
    # a, b, d take part in 連絡会議 x; a, b also in 研修 y. Hand count: pairs a–b (2 shared), a–d (1), b–d (1).
    from network.model import Activity, Participation
    from network.store.base import ChangeSet

    with SQLiteStore(db) as s:
        s.write(
            ChangeSet(
                activities=[Activity("x", "石巻連絡会議"), Activity("y", "防災研修")],
                participations=[
                    Participation("a", "x"),
                    Participation("b", "x"),
                    Participation("d", "x"),
                    Participation("a", "y"),
                    Participation("b", "y"),
                ],
            )
        )
    assert main(["--store", db, "project", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["source"], r["target"], r["weight"]) for r in rows] == [("a", "b", 2), ("a", "d", 1), ("b", "d", 1)]
    assert rows[0]["activities"].endswith("石巻連絡会議, 防災研修")
    assert main(["--store", db, "project", "--write"]) == 0
    assert "3 created" in capsys.readouterr().out
    with SQLiteStore(db) as s:
        projected = [t for t in s.ties() if t.evidence == "participation"]
        assert sorted((t.source, t.target, t.weight, t.type, t.strength) for t in projected) == [
            ("a", "b", 2.0, "information", 1),
            ("a", "d", 1.0, "information", 1),
            ("b", "d", 1.0, "information", 1),
        ]
    assert main(["--store", db, "project", "--write"]) == 0  # idempotent
    assert "0 created, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_min_strength_gives_the_apps_answer(tmp_path, capsys):
    """``--min-strength`` on the command line is the app's slider: the same rule, the same result."""
    from network.analysis.selection import min_strength_graph
    from network.present.report import analyze

    db = str(tmp_path / "s.db")
    assert main(["--store", db, "demo"]) == 0
    capsys.readouterr()
    assert main(["--store", db, "analyze", "--format", "json", "--min-strength", "4", "--survey", "none"]) == 0
    cli = json.loads(capsys.readouterr().out)
    with SQLiteStore(db) as store:
        G = store.load_graph()
    app = analyze(min_strength_graph(G, 4))
    assert cli["graph"]["edges"] == app["graph"]["edges"] < analyze(G)["graph"]["edges"]
    assert {o["id"]: o["degree"] for o in cli["orgs"]} == {o["id"]: o["degree"] for o in app["orgs"]}
    for argv in (
        ["map", "--output", str(tmp_path / "m.svg")],
        ["path", "ORG001", "ORG002"],
        ["export", "--format", "json", "--output", str(tmp_path / "e.json")],
    ):
        assert main(["--store", db, *argv, "--min-strength", "4"]) in (0, 1), argv


def test_an_error_quoting_a_stored_name_shows_it_as_text(tmp_path, capsys):
    """A refusal lists stored names (an undo that would hide a later tie): controls are escaped on the terminal."""
    from network.model import Org, Tie
    from network.store.base import ChangeSet
    from network.store.sqlite import SQLiteStore

    db = str(tmp_path / "s.db")
    with SQLiteStore(db) as s:
        r = s.write(ChangeSet(orgs=[Org("a", "甲\x1b[2J\u202e", "npo"), Org("b", "乙", "npo")]), user="sato")
        s.write(ChangeSet(ties=[Tie("t", "a", "b", "information")]), user="kato")
    assert main(["--store", db, "undo", "--batch", r.batch, "--user", "admin"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert "甲\\x1b[2J\\u202e → 乙" in err and "--cascade" in err
