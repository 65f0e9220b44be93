"""``renkei user|history|undo|backup|restore`` (network.cli.accounts through network.cli.main)."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from network.cli import main
from network.store.base import ChangeSet
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
    code, out, _ = run(
        capsys,
        monkeypatch,
        "--store",
        db,
        "user",
        "add",
        "aoi",
        "--role",
        "admin",
        "--password-stdin",
        stdin="battery staple 2\n",
    )
    assert code == 0 and "added aoi (admin)" in out
    run(
        capsys,
        monkeypatch,
        "--store",
        db,
        "user",
        "add",
        "sato",
        "--role",
        "editor",
        "--password-stdin",
        stdin="correct horse 1\n",
    )
    code, out, _ = run(capsys, monkeypatch, "--store", db, "user", "list", "--format", "json")
    assert [(u["name"], u["role"]) for u in json.loads(out)] == [("aoi", "admin"), ("sato", "editor")]
    code, _, err = run(capsys, monkeypatch, "--store", db, "user", "add", "x", "--password-stdin", stdin="short\n")
    assert code == 1 and "8" in err
    code, out, _ = run(
        capsys, monkeypatch, "--store", db, "user", "passwd", "sato", "--password-stdin", stdin="a new password\n"
    )
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
    assert out.splitlines()[0].split("\t") == [
        "id",
        "at",
        "user",
        "action",
        "entity",
        "entity_id",
        "name",
        "changes",
        "batch",
    ]
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


# ------------------------------------------------------------------ issue 9: accounts through the CLI
def _add(capsys, monkeypatch, db, name, role, password="battery staple 2"):
    return run(
        capsys,
        monkeypatch,
        "--store",
        db,
        "user",
        "add",
        name,
        "--role",
        role,
        "--password-stdin",
        stdin=password + "\n",
    )


def test_last_admin_cannot_be_demoted_or_removed(db, capsys, monkeypatch):
    _add(capsys, monkeypatch, db, "boss", "admin")
    _add(capsys, monkeypatch, db, "sato", "editor")
    code, _, err = run(capsys, monkeypatch, "--store", db, "user", "role", "boss", "viewer")
    assert code == 1 and "last admin" in err and "最後の管理者" in err
    code, _, err = run(capsys, monkeypatch, "--store", db, "user", "remove", "boss")
    assert code == 1 and "last admin" in err
    code, out, _ = run(capsys, monkeypatch, "--store", db, "user", "list", "--format", "json")
    assert [(u["name"], u["role"]) for u in json.loads(out)] == [("boss", "admin"), ("sato", "editor")]


def test_look_alike_account_names_are_refused(db, capsys, monkeypatch):
    _add(capsys, monkeypatch, db, "boss", "admin")
    for look_alike in ("Boss", "ＢＯＳＳ", "b\u043ess"):  # case, full width, Cyrillic о
        code, _, err = _add(capsys, monkeypatch, db, look_alike, "admin", "other password 9")
        assert code == 1 and "already exists" in err, look_alike
    code, out, _ = run(capsys, monkeypatch, "--store", db, "user", "list", "--format", "json")
    assert [u["name"] for u in json.loads(out)] == ["boss"]


def test_restore_leaves_accounts_as_they_are(db, capsys, monkeypatch, tmp_path):
    # the backup holds an old admin and an old password; accounts change after it
    _add(capsys, monkeypatch, db, "boss", "admin", "old password 1")
    _add(capsys, monkeypatch, db, "mallory", "admin", "mallory pass 1")
    run(capsys, monkeypatch, "--store", db, "backup", str(tmp_path / "old.db"))
    run(capsys, monkeypatch, "--store", db, "user", "remove", "mallory")
    run(capsys, monkeypatch, "--store", db, "user", "passwd", "boss", "--password-stdin", stdin="new password 2\n")
    code, out, err = run(capsys, monkeypatch, "--store", db, "restore", str(tmp_path / "old.db"), "--user", "boss")
    assert code == 0, err
    code, out, _ = run(capsys, monkeypatch, "--store", db, "user", "list", "--format", "json")
    assert [u["name"] for u in json.loads(out)] == ["boss"]  # mallory stays removed
    from network.accounts import UserStore
    from network.errors import AuthError
    from tests.trust.conftest import FAST

    with UserStore(db, hasher=FAST) as users:
        assert users.authenticate("boss", "new password 2").name == "boss"
        with pytest.raises(AuthError):
            users.authenticate("boss", "old password 1")
    code, out, _ = run(capsys, monkeypatch, "--store", db, "history", "--action", "restore", "--format", "json")
    assert [(r["action"], r["user"]) for r in json.loads(out)][-1] == ("restore", "boss")


def test_restore_of_a_backup_without_accounts_keeps_sign_in(db, capsys, monkeypatch, tmp_path):
    run(capsys, monkeypatch, "--store", db, "backup", str(tmp_path / "no-accounts.db"))
    _add(capsys, monkeypatch, db, "boss", "admin")
    code, _, err = run(capsys, monkeypatch, "--store", db, "restore", str(tmp_path / "no-accounts.db"))
    assert code == 0, err
    code, out, _ = run(capsys, monkeypatch, "--store", db, "user", "list", "--format", "json")
    assert [u["name"] for u in json.loads(out)] == ["boss"]  # not back to local mode


def test_paths_with_a_hash_are_paths(db, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, monkeypatch, "--store", db, "backup", "backup#1.db")
    assert code == 0, err
    code, out, err = run(capsys, monkeypatch, "--store", db, "restore", "backup#1.db")
    assert code == 0 and "restored 3 organisations" in out, err
    assert not (tmp_path / "backup").exists()  # no empty file from a URL fragment
    code, out, err = run(capsys, monkeypatch, "--store", str(tmp_path / "store#2.db"), "orgs")
    assert code == 0 and (tmp_path / "store#2.db").is_file() and not (tmp_path / "store").exists()


# ------------------------------------------------------------------ issue 9: store errors in one line
ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
_CLI = "import sys; from network.cli import main; sys.exit(main())"


def _in_private_mount(script: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``sh -c script`` in a mount namespace of its own (root: a real tmpfs / read-only bind)."""
    import shutil

    if os.geteuid() != 0 or shutil.which("unshare") is None:
        if os.environ.get("CI"):
            pytest.fail("these tests need root and unshare(1) to mount a small or read-only file system")
        pytest.skip("needs root and unshare(1)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", sys.executable, _CLI, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )


def _one_line(err: str) -> str:
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err.strip()


def test_read_only_store_gives_one_line(db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    SQLiteStore(folder / "r.db").close()
    # a read-only file system (a read-only bind mount: root ignores file modes)
    out = _in_private_mount(
        'mount --bind "$3" "$3" && mount -o remount,ro,bind "$3" && "$1" -c "$2" --store "$3/r.db" orgs', str(folder)
    )
    assert out.returncode == 1
    assert "read-only" in _one_line(out.stderr)
    out = _in_private_mount(
        'mount --bind "$3" "$3" && mount -o remount,ro,bind "$3" && "$1" -c "$2" --store "$3/missing.db" orgs',
        str(folder),
    )
    assert out.returncode == 1
    line = _one_line(out.stderr)
    assert "missing.db" in line and ("read-only" in line or "cannot create" in line)


def test_disk_full_says_the_disk_is_full(tmp_path):
    folder = tmp_path / "small"
    folder.mkdir()
    out = _in_private_mount(
        'mount -t tmpfs -o size=160k tmpfs "$3" && "$1" -c "$2" --store "$3/r.db" demo', str(folder)
    )
    assert out.returncode == 1
    line = _one_line(out.stderr)
    assert "the disk is full" in line and "cannot rollback" not in line


def test_failed_backup_leaves_no_partial_files(db, tmp_path):
    with SQLiteStore(db) as s:
        from renkei.data.generate import generate

        orgs, ties = generate(300, 600, seed=3)
        s.write(ChangeSet(orgs=orgs, ties=ties))
    size = os.path.getsize(db)
    folder = tmp_path / "small"
    folder.mkdir()
    results = []
    # full at several points of the copy: early, mid-way, at the end (the -wal / journal switch)
    for kib in sorted({int(size * f / 1024) for f in (0.3, 0.7, 1.0, 1.02, 1.05, 1.1)}):
        out = _in_private_mount(
            f'mount -t tmpfs -o size={kib}k tmpfs "$3" && '
            '"$1" -c "$2" --store "$4" backup "$3/b.db"; rc=$?; echo "left: $(ls -A "$3")"; exit $rc',
            str(folder),
            db,
        )
        left = out.stdout.strip().splitlines()[-1]
        results.append((kib, out.returncode, left))
        if out.returncode == 0:
            assert left == "left: b.db", results  # room enough: the backup and nothing else
        else:
            assert left == "left:", results  # no b.db.partial, -journal, -wal or -shm
            assert "the disk is full" in _one_line(out.stderr), results
    assert sum(r[1] != 0 for r in results) >= 3, results
