"""Shared fixtures of the trust tests: a file store and a cheap password hasher."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from network.model import Org, Tie
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore

#: Argon2id with the smallest cost argon2-cffi accepts: same algorithm, fast tests.
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "renkei.db")
    yield s
    s.close()


def small_network() -> ChangeSet:
    """Three organisations and two ties from the Miyagi seed's world."""
    return ChangeSet(
        orgs=[
            Org("renpuku", "みやぎ連携復興センター", "intermediary", city="仙台市"),
            Org("ishinomaki", "石巻市", "government", city="石巻市"),
            Org("nf", "公益財団法人 日本財団", "foundation"),
        ],
        ties=[
            Tie("t-comm", "ishinomaki", "renpuku", "commission", directed=True, strength=4, start="2012-04-01"),
            Tie("t-fund", "nf", "renpuku", "funding", directed=True, strength=3),
        ],
    )
