"""For the app's AppTest suites: one admin account and the session value that signs it in.

>>> TEST_ADMIN
{'name': 'test-admin', 'role': 'admin'}

Usage: ``add_test_admin(store_path)`` in the fixture that makes the store, then
``at.session_state["renkei_user"] = TEST_ADMIN`` before ``at.run()``.
"""

from __future__ import annotations

from pathlib import Path

from argon2 import PasswordHasher

from network.accounts import UserStore

__all__ = ["TEST_ADMIN", "add_test_admin"]

TEST_ADMIN = {"name": "test-admin", "role": "admin"}
_FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def add_test_admin(path: str | Path, *, name: str = "test-admin", role: str = "admin") -> None:
    """Create the account (when missing) in the SQLite store file ``path``."""
    with UserStore(path, hasher=_FAST) as users:
        if users.get(name) is None:
            users.add(name, "test-admin-password", role)
