"""Stores: the embedded SQLite default and Neo4j, behind one Protocol.

>>> store = open_store(":memory:")
>>> store.counts()["orgs"]
0
"""

from __future__ import annotations

import os

from network.errors import StoreError
from network.store.base import AuditEntry, ChangeSet, Store, WriteResult

__all__ = [
    "open_store",
    "default_store_url",
    "sqlite_path",
    "is_neo4j_url",
    "Store",
    "ChangeSet",
    "WriteResult",
    "AuditEntry",
]

_NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def default_store_url() -> str:
    """``RENKEI_STORE`` from the environment, else ``renkei.db`` in the working directory."""
    return os.environ.get("RENKEI_STORE") or "renkei.db"


def is_neo4j_url(url: str) -> bool:
    """True for a ``neo4j://``/``bolt://`` (and ``+s``/``+ssc``) address."""
    return str(url).startswith(_NEO4J_SCHEMES)


def sqlite_path(url: str | os.PathLike) -> str:
    """The file of a SQLite store named by ``sqlite:///FILE``, ``sqlite:////ABS`` or a plain path.

    A plain path is a path, whatever it holds (``#``, ``?``, ``%``): it is never
    read as a URL.  ``StoreError`` for any other ``scheme://``.

    >>> sqlite_path("sqlite:///data/renkei.db"), sqlite_path("sqlite:////abs/r.db"), sqlite_path("b#1.db")
    ('data/renkei.db', '/abs/r.db', 'b#1.db')
    """
    url = os.fspath(url)
    if url.startswith("sqlite://"):
        url = url[len("sqlite://") :]
        if url.startswith("/") and not url.startswith("//"):
            url = url[1:] or ":memory:"  # sqlite:///renkei.db → renkei.db
        elif url.startswith("//"):
            url = url[1:]  # sqlite:////abs/path → /abs/path
        return url or ":memory:"
    if "://" in url:
        raise StoreError(f"unknown store URL {url!r}: use sqlite:///FILE, a file path, neo4j:// or bolt://")
    return url


def open_store(url: str | None = None) -> Store:
    """Open the store named by ``url``.

    ``sqlite:///path/renkei.db`` or a plain path opens the embedded store;
    ``neo4j://host:7687`` or ``bolt://…`` opens Neo4j with credentials from
    ``RENKEI_NEO4J_USER``, ``RENKEI_NEO4J_PASSWORD``, ``RENKEI_NEO4J_DATABASE``.
    """
    url = url or default_store_url()
    if is_neo4j_url(url):
        try:
            from network.store.neo4j import Neo4jStore
        except ImportError as exc:  # pragma: no cover - the driver is a dependency
            raise StoreError(f"the Neo4j store is not available: {exc}") from exc
        return Neo4jStore.from_url(url)
    from network.store.sqlite import SQLiteStore

    return SQLiteStore(sqlite_path(url))
