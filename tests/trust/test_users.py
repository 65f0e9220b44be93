"""Accounts, roles, password hashing and the sign-in rate limit (network.accounts)."""

from __future__ import annotations

import sqlite3

import pytest
from argon2 import PasswordHasher

from network import accounts as users_mod
from network.accounts import MAX_FAILURES, WINDOW_SECONDS, UserStore, has_role, users_for
from network.errors import AuthError, ValidationError
from network.store.sqlite import SQLiteStore
from tests.trust.conftest import FAST


@pytest.fixture
def users(tmp_path):
    SQLiteStore(tmp_path / "renkei.db").close()
    u = UserStore(tmp_path / "renkei.db", hasher=FAST)
    yield u
    u.close()


def test_roles_are_ordered():
    # the issue: viewer (explore) < editor (add and edit) < admin (users, imports, undo)
    assert [has_role("viewer", r) for r in ("viewer", "editor", "admin")] == [True, False, False]
    assert [has_role("editor", r) for r in ("viewer", "editor", "admin")] == [True, True, False]
    assert [has_role("admin", r) for r in ("viewer", "editor", "admin")] == [True, True, True]
    assert has_role(None, "viewer") is False and has_role("root", "viewer") is False


def test_add_list_authenticate(users):
    users.add("sato", "correct horse 1", "editor")
    users.add("aoi", "battery staple 2", "admin")
    assert [(a.name, a.role) for a in users.list()] == [("aoi", "admin"), ("sato", "editor")]
    assert users.authenticate("sato", "correct horse 1").role == "editor"


def test_wrong_password_and_unknown_user_get_the_same_answer(users):
    users.add("sato", "correct horse 1", "editor")
    with pytest.raises(AuthError) as wrong:
        users.authenticate("sato", "correct horse 2")
    with pytest.raises(AuthError) as unknown:
        users.authenticate("nobody", "correct horse 1")
    assert str(wrong.value) == str(unknown.value) == users_mod.WRONG_PASSWORD
    with pytest.raises(AuthError):
        users.authenticate("sato", "")


def test_hash_is_salted_argon2id_and_plaintext_is_nowhere(tmp_path):
    path = tmp_path / "renkei.db"
    SQLiteStore(path).close()
    with UserStore(path) as u:  # the default (production) hasher
        u.add("sato", "correct horse 1", "editor")
        u.add("kato", "correct horse 1", "viewer")
    conn = sqlite3.connect(path)
    hashes = [r[0] for r in conn.execute("SELECT password_hash FROM users ORDER BY name")]
    conn.close()
    # argon2-cffi's default is Argon2id, 64 MiB, t=3 (RFC 9106's second recommended option)
    assert all(h.startswith("$argon2id$v=19$m=65536,t=3,p=4$") for h in hashes)
    assert hashes[0] != hashes[1]  # same password, different salt
    blob = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"correct horse 1" not in blob and "correct horse 1".encode("utf-16-le") not in blob
    # the hash only verifies, it does not give the password back
    assert PasswordHasher().verify(hashes[0], "correct horse 1") is True


def test_rate_limit_locks_after_failures_and_unlocks_after_window(users):
    users.add("sato", "correct horse 1", "editor")
    t0 = 1_000_000.0
    for i in range(MAX_FAILURES):
        with pytest.raises(AuthError, match="wrong"):
            users.authenticate("sato", "guess", now=t0 + i)
    # locked: even the right password is refused, with a clear message
    with pytest.raises(AuthError, match="too many failed sign-ins"):
        users.authenticate("sato", "correct horse 1", now=t0 + MAX_FAILURES)
    assert users.locked_until("sato", now=t0 + MAX_FAILURES) == t0 + WINDOW_SECONDS
    # after the window the right password works, and success clears the count
    assert users.authenticate("sato", "correct horse 1", now=t0 + WINDOW_SECONDS + 1).name == "sato"
    assert users.failures("sato", now=t0 + WINDOW_SECONDS + 2) == []


def test_rate_limit_covers_unknown_names(users):
    for i in range(MAX_FAILURES):
        with pytest.raises(AuthError):
            users.authenticate("ghost", "x", now=100.0 + i)
    assert users.locked_until("ghost", now=110.0) == 100.0 + WINDOW_SECONDS


def test_bad_names_roles_passwords_refused(users):
    for name in ("", "a b", "<script>", "x" * 65, "robert'); DROP TABLE users;--"):
        with pytest.raises(ValidationError):
            users.add(name, "long enough 1", "viewer")
    with pytest.raises(ValidationError, match="role"):
        users.add("sato", "long enough 1", "root")
    with pytest.raises(ValidationError, match="8"):
        users.add("sato", "short", "viewer")
    users.add("sato", "long enough 1", "viewer")
    with pytest.raises(ValidationError, match="already exists"):
        users.add("sato", "long enough 2", "viewer")
    assert [a.name for a in users.list()] == ["sato"]


def test_passwd_role_remove_and_last_admin(users):
    users.add("aoi", "battery staple 2", "admin")
    users.add("sato", "correct horse 1", "viewer")
    users.set_password("sato", "new password 3")
    with pytest.raises(AuthError):
        users.authenticate("sato", "correct horse 1")
    assert users.authenticate("sato", "new password 3").name == "sato"
    assert users.set_role("sato", "editor").role == "editor"
    with pytest.raises(ValidationError, match="last admin"):
        users.remove("aoi")
    users.remove("sato")
    assert [a.name for a in users.list()] == ["aoi"]
    with pytest.raises(ValidationError, match="no user"):
        users.remove("sato")


def test_account_changes_are_in_the_audit_log_without_hashes(tmp_path):
    path = tmp_path / "renkei.db"
    store = SQLiteStore(path)
    with UserStore(path, hasher=FAST) as u:
        u.add("sato", "correct horse 1", "editor", by="aoi")
        u.set_role("sato", "viewer", by="aoi")
        u.remove("sato", by="aoi")
    entries = store.audit()
    assert [(e.action, e.entity, e.entity_id, e.user) for e in entries] == [
        ("delete", "user", "sato", "aoi"),
        ("update", "user", "sato", "aoi"),
        ("create", "user", "sato", "aoi"),
    ]
    assert "argon2" not in str([(e.before, e.after) for e in entries])
    store.close()


def test_accounts_of_an_older_store_get_their_folded_key(tmp_path):
    # a store made before migration 3: its accounts have no key yet and still sign in
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    from network.store.sqlite import MIGRATIONS

    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (2)")
    for part in MIGRATIONS[:2]:
        conn.executescript(part)
    conn.execute(
        "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?,?,?,?,?)",
        ("Sato", "admin", FAST.hash("correct horse 1"), "2025-01-01", "2025-01-01"),
    )
    conn.commit()
    conn.close()
    with UserStore(path, hasher=FAST) as u:
        assert u.authenticate("sato", "correct horse 1").name == "Sato"
        with pytest.raises(ValidationError, match="already exists"):
            u.add("SATO", "other password 9", "viewer")


def test_where_accounts_live(monkeypatch, tmp_path):
    # no accounts file of its own: the store named by the URL, whatever the working directory
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RENKEI_USERS_DB", str(tmp_path / "accounts.db"))  # no longer read
    store = tmp_path / "data" / "renkei.db"
    store.parent.mkdir()
    with users_for(f"sqlite:///{store}") as u:
        u.add("sato", "correct horse 1", "admin")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with users_for(str(store)) as u:
        assert [a.name for a in u.list()] == ["sato"]
    assert not (tmp_path / "accounts.db").exists() and not (tmp_path / "renkei-users.db").exists()
    assert list(elsewhere.iterdir()) == []
