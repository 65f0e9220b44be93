"""Map page: the aggregated map and a drill-down share one finding of the communities (issue 15, item 3).

AppTest on a generated network just above the drawing limit (a real SQLite store): the map shows
communities, ``?group=KEY`` draws exactly that community's members (NetworkX/igraph grouping of the
same view), and the breadcrumb names it as the map's legend does.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from renkei.data.generate import generate

from network.analysis.gaps import communities
from network.analysis.views import undirected_view
from network.present.map.data import AGGREGATE_LIMIT, community_names
from network.store import ChangeSet, open_store

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    n = AGGREGATE_LIMIT + 500
    orgs, ties = generate(n, 3 * n, seed=5)
    path = tmp_path / "big.db"
    with open_store(str(path)) as store:
        store.write(ChangeSet(orgs=orgs, ties=ties), user="test")
    monkeypatch.setenv("RENKEI_STORE", str(path))
    return path


def test_drill_down_draws_the_members_of_one_community(big: Path) -> None:
    with open_store(str(big)) as s:
        G = s.load_graph()
    member = communities(undirected_view(G))
    groups = nx.utils.groups(member)
    key = max(groups, key=lambda c: len(groups[c]))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert 'data-aggregated="1"' in at.get("iframe")[0].proto.srcdoc
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)  # a new tab on ?group=KEY
    at.query_params["group"] = str(key)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    html = at.get("iframe")[0].proto.srcdoc
    assert f'data-node-count="{len(groups[key])}"' in html
    assert 'data-aggregated="1"' not in html
    name = community_names(G, {v: key for v in groups[key]}, "ja")[key]
    assert any(name.replace("・", "") in c.value.replace("・", "").replace("\\", "") for c in at.caption), [
        c.value for c in at.caption
    ]
