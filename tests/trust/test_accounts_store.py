"""Accounts belong to the store's deployment, not to a folder (issue 9, item 1).

The accounts contract (tests/network/store_contract.py) runs on both stores, and
the ``renkei`` command is run from two different folders against one store: an
account added from folder A is the one ``user list`` and ``serve``'s account
check see from folder B, for a SQLite URL and for the Bolt server.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from network.store.neo4j import Neo4jStore
from network.store.sqlite import SQLiteStore
from tests.network.bolt_server import bolt_server, clear_database  # noqa: F401  (fixture)
from tests.network.store_contract import AccountsContract

ROOT = Path(__file__).resolve().parents[2]


class TestSQLiteAccounts(AccountsContract):
    @pytest.fixture
    def store(self, tmp_path):
        s = SQLiteStore(tmp_path / "renkei.db")
        yield s
        s.close()


@pytest.fixture
def neo(bolt_server):  # noqa: F811
    clear_database(bolt_server)
    s = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
    yield s
    s.close()


@pytest.mark.neo4j
class TestNeo4jAccounts(AccountsContract):
    @pytest.fixture
    def store(self, neo):
        return neo


def _renkei(cwd: Path, env: dict, *argv: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    env.pop("RENKEI_USERS_DB", None)
    return subprocess.run(
        [sys.executable, "-c", "import sys; from network.cli import main; sys.exit(main())", *argv],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _serve_account_check(cwd: Path, env: dict) -> str:
    """What ``renkei serve`` decides before starting Streamlit: local mode or not (its own lookup)."""
    code = (
        "import sys; from network.cli.serve import absolute_store; from network.store import default_store_url;"
        "from network.accounts import users_for\n"
        "with users_for(absolute_store(default_store_url())) as u: print(u.count())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=dict(os.environ, PYTHONPATH=str(ROOT), **env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def _same_accounts_from_two_folders(tmp_path: Path, env: dict) -> None:
    a, b = tmp_path / "folder-a", tmp_path / "folder-b"
    a.mkdir()
    b.mkdir()
    added = _renkei(a, env, "user", "add", "boss", "--role", "admin", "--password-stdin", stdin="battery staple 2\n")
    assert added.returncode == 0, added.stderr
    listed = _renkei(b, env, "user", "list", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    assert [line.split(",")[:2] for line in listed.stdout.splitlines()] == [["name", "role"], ["boss", "admin"]]
    assert _serve_account_check(b, env) == "1"  # serve from folder B is not in local mode
    # no accounts file appeared in either folder
    assert sorted(p.name for p in a.iterdir()) == [] and sorted(p.name for p in b.iterdir()) == []


def test_sqlite_url_accounts_are_the_same_from_any_folder(tmp_path):
    store = tmp_path / "data" / "renkei.db"
    store.parent.mkdir()
    SQLiteStore(store).close()
    _same_accounts_from_two_folders(tmp_path, {"RENKEI_STORE": f"sqlite:///{store}"})


@pytest.mark.neo4j
def test_bolt_accounts_are_the_same_from_any_folder(tmp_path, neo, bolt_server):  # noqa: F811
    env = {
        "RENKEI_STORE": bolt_server.uri,
        "RENKEI_NEO4J_USER": bolt_server.user,
        "RENKEI_NEO4J_PASSWORD": bolt_server.password,
        "RENKEI_NEO4J_DATABASE": bolt_server.database,
    }
    _same_accounts_from_two_folders(tmp_path, env)
    # and they are in the graph database itself
    from network.accounts import UserStore

    with UserStore(neo) as users:
        assert [(u.name, u.role) for u in users.list()] == [("boss", "admin")]
