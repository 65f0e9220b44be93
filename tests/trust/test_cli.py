"""``renkei user|history|undo|backup|restore`` (network.trust.cli through network.cli.main)."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest

from network.cli import main
from network.store.sqlite import SQLiteStore
from tests.trust.conftest import small_network


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "renkei.db"
    with SQLiteStore(path) as s:
        s.write(small_network(), user="sato")
    return str(path)


def run(capsys, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_user_commands(db, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "--store", db, "user", "add", "aoi", "--role", "admin",
                       "--password-stdin", stdin="battery staple 2\n")
    assert code == 0 and "added aoi (admin)" in out
    run(capsys, monkeypatch, "--store", db, "user", "add", "sato", "--role", "editor", "--password-stdin",
        stdin="correct horse 1\n")
    code, out, _ = run(capsys, monkeypatch, "--store", db, "user", "list", "--format", "json")
    assert [(u["name"], u["role"]) for u in json.loads(out)] == [("aoi", "admin"), ("sato", "editor")]
    code, _, err = run(capsys, monkeypatch, "--store", db, "user", "add", "x", "--password-stdin", stdin="short\n")
    assert code == 1 and "8" in err
    code, out, _ = run(capsys, monkeypatch, "--store", db, "user", "passwd", "sato", "--password-stdin",
                       stdin="a new password\n")
    assert code == 0
    code, out, _ = run(capsys, monkeypatch, "--store", db, "user", "remove", "sato")
    assert code == 0
    code, _, err = run(capsys, monkeypatch, "--store", db, "user", "remove", "aoi")
    assert code == 1 and "last admin" in err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT name FROM users").fetchall() == [("aoi",)]
    conn.close()


def test_password_prompt_asks_twice(db, capsys, monkeypatch):
    answers = iter(["correct horse 1", "correct horse 9"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, _, err = run(capsys, monkeypatch, "--store", db, "user", "add", "sato")
    assert code == 1 and "differ" in err


def test_history_undo_backup_restore(db, capsys, monkeypatch, tmp_path):
    code, out, _ = run(capsys, monkeypatch, "--store", db, "history", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 5 and {r["user"] for r in rows} == {"sato"}
    batch = rows[0]["batch"]
    code, out, _ = run(capsys, monkeypatch, "--store", db, "history", "--entity", "t-comm")
    assert out.splitlines()[0].split("\t") == ["id", "at", "user", "action", "entity", "entity_id", "name",
                                               "changes", "batch"]
    assert len(out.splitlines()) == 2
    code, out, _ = run(capsys, monkeypatch, "--store", db, "backup", str(tmp_path / "b.db"))
    assert code == 0 and "3 organisations, 2 ties" in out
    code, out, _ = run(capsys, monkeypatch, "--store", db, "undo", "--batch", batch, "--user", "aoi")
    assert code == 0 and "undid 5" in out
    code, _, err = run(capsys, monkeypatch, "--store", db, "undo", "--batch", batch)
    assert code == 1 and "already undone" in err
    code, out, _ = run(capsys, monkeypatch, "--store", db, "history", "--action", "undo", "--format", "csv")
    assert len(out.splitlines()) == 6 and ",aoi,undo," in out
    code, out, _ = run(capsys, monkeypatch, "--store", db, "restore", str(tmp_path / "b.db"))
    assert code == 0 and "restored 3 organisations, 2 ties" in out
    with SQLiteStore(db) as s:
        assert s.counts()["orgs"] == 3
