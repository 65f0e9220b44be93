"""Text for people (issue 9 items 5 and 14): no raw terminal escape, no rendered Markdown.

``renkei orgs``, ``renkei ties`` and ``renkei history`` show a control character as
``\\x1b``-style text; the Markdown report escapes names so that CommonMark (with GFM
autolinks, as Streamlit renders) shows them as text: no link, no image.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest
from markdown_it import MarkdownIt

from network.cli import main
from network.model import Org, Tie
from network.present.report import analyze, change_to_markdown, to_markdown
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore

EVIL = "悪\x1b]8;;http://evil/\x07リンク\x1b]8;;\x07\x1b[2J\x9b31m\x00"
IMG = "![b](http://host/beacon.png)団体"
LINK = "[ログインし直してください](http://phish.example/login)"
AUTO = "http://bare.example/x と www.bare.example"
HTML = "<img src=x onerror=alert(1)>会"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "renkei.db"
    s = SQLiteStore(path)
    s.write(
        ChangeSet(
            orgs=[Org("x", EVIL, "npo", city=EVIL), Org("y", "石巻市", "government", district=EVIL)],
            ties=[Tie("t1", "x", "y", "collaboration", project=EVIL)],
        ),
        user="sato\x1b[31m",
    )
    s.close()
    return str(path)


@pytest.mark.parametrize(
    "command",
    [
        ["orgs"],
        ["ties"],
        ["history"],
        ["orgs", "--format", "csv"],
        ["ties", "--format", "csv"],
        ["history", "--format", "csv"],
    ],
)
def test_listings_show_escapes_as_text(db, command, capsys):
    assert main(["--store", db, *command]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\x00" not in out
    assert "石巻市" in out
    if "csv" not in command:
        assert "悪\\x1b]8;;http://evil/\\x07リンク" in out


def test_json_listings_stay_exact(db, capsys):
    assert main(["--store", db, "orgs", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out  # written as \u001b, \u009b ...
    assert json.loads(out)[0]["name"] == EVIL  # ... and keeps the value exact


def _names_graph(*names: str) -> nx.MultiDiGraph:
    M = nx.MultiDiGraph()
    for i, n in enumerate(names):
        M.add_node(f"o{i}", name=n, sector="npo", district=n)
    for i in range(len(names) - 1):
        M.add_edge(
            f"o{i}",
            f"o{i + 1}",
            key=f"t{i}",
            directed=False,
            strength=3,
            type="collaboration",
            start="2020-04-01",
            end=None,
        )
    M.add_edge(
        "o0",
        f"o{len(names) - 1}",
        key="tz",
        directed=False,
        strength=3,
        type="information",
        start="2024-04-01",
        end=None,
    )
    return M


def _rendered(md: str) -> str:
    return MarkdownIt("gfm-like").render(md)  # CommonMark + tables + GFM autolinks (linkify)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_report_names_render_as_text(lang):
    M = _names_graph(IMG, LINK, EVIL, AUTO, HTML, "普通の団体")
    md = to_markdown(analyze(M), lang=lang)
    assert "\x1b" not in md and "\x00" not in md and "\x9b" not in md
    html = _rendered(md)
    assert "<img" not in html and "<a " not in html
    assert "beacon.png" in html and "ログインし直してください" in html  # still there, as text
    assert "<img src=x" not in html


def test_change_report_names_render_as_text():
    from network.analysis.change import compare

    M = _names_graph(IMG, LINK, EVIL, AUTO)
    names = {n: d["name"] for n, d in M.nodes(data=True)}
    md = change_to_markdown(compare(M, 2020, 2024), lang="en", names=names)
    assert "\x1b" not in md
    html = _rendered(md)
    assert "<img" not in html and "<a " not in html
    assert "beacon.png" in html
