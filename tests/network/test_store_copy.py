"""``copy_store`` and ``renkei copy`` between two SQLite stores (no server needed).

The Neo4j legs (sqlite → bolt → sqlite) are in ``test_store_neo4j.py``.
"""

from __future__ import annotations

import pytest

from network.cli import main
from network.model import Activity, Participation
from network.store.base import ChangeSet
from network.store.copy import copy_store
from network.store.sqlite import SQLiteStore
from tests.network.store_contract import sample_changes


def _without_updated_at(G) -> tuple[dict, dict]:  # noqa: ANN001
    nodes = {n: {k: v for k, v in d.items() if k != "updated_at"} for n, d in G.nodes(data=True)}
    edges = {
        (u, v, k): {a: b for a, b in d.items() if a != "updated_at"} for u, v, k, d in G.edges(keys=True, data=True)
    }
    return nodes, edges


@pytest.fixture
def src(tmp_path):
    s = SQLiteStore(tmp_path / "src.db")
    s.write(sample_changes(), user="tanaka")
    s.write(
        ChangeSet(
            activities=[Activity("x", "連絡会議")],
            participations=[Participation("a", "x", "事務局"), Participation("c", "x")],
        )
    )
    yield s
    s.close()


def test_copy_moves_the_live_network(src, tmp_path):
    dst = SQLiteStore(tmp_path / "dst.db")
    src.delete_org("c")  # deleted: stays behind with its tie t2 and its participation
    seen = []
    r = copy_store(src, dst, user="copier", batch_size=2, progress=lambda d, t: seen.append((d, t)))
    # 3 live orgs + 3 ties between them (t1, t3, t4) + 1 activity + 1 participation (a@x)
    assert (r.created, r.updated, r.unchanged) == (8, 0, 0)
    # batches of 2: orgs 2+1, activity 1, ties 2+1, participation 1 → 6 calls
    assert seen == [(2, 8), (3, 8), (4, 8), (6, 8), (7, 8), (8, 8)]
    assert _without_updated_at(dst.load_graph()) == _without_updated_at(src.load_graph())
    assert dst.get_org("a").created_at == src.get_org("a").created_at  # created_at travels
    assert [(p.org, p.role) for p in dst.participations()] == [("a", "事務局")]
    assert {e.user for e in dst.audit()} == {"copier"}
    assert {e.batch for e in dst.audit()} == {r.batch}  # the whole copy under one batch id
    dst.close()


def test_copy_twice_changes_nothing(src, tmp_path):
    dst = SQLiteStore(tmp_path / "dst.db")
    copy_store(src, dst)
    rev = dst.revision()
    again = copy_store(src, dst)
    # 4 orgs + 4 ties + 1 activity + 2 participations, all already there
    assert (again.created, again.updated, again.unchanged) == (0, 0, 11)
    assert dst.revision() == rev
    dst.close()


def test_cli_copy(src, tmp_path, capsys):
    dst_path = tmp_path / "dst.db"
    assert main(["copy", "--from", src.url, "--to", f"sqlite:///{dst_path}", "--user", "sato"]) == 0
    out = capsys.readouterr().out
    assert "11 created, 0 updated, 0 unchanged" in out
    assert "destination now has 4 organisations, 4 ties" in out
    with SQLiteStore(dst_path) as dst:
        assert dst.counts()["orgs"] == 4 and {e.user for e in dst.audit()} == {"sato"}


def test_cli_copy_errors_are_one_line(src, capsys):
    assert main(["copy", "--from", src.url, "--to", src.url]) == 1
    assert capsys.readouterr().err == "renkei: --from and --to name the same store; nothing to copy\n"
    assert main(["copy", "--from", src.url, "--to", "bolt://127.0.0.1:1"]) == 1
    assert capsys.readouterr().err == "renkei: Neo4j server unreachable at bolt://127.0.0.1:1\n"
