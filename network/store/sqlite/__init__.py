"""The embedded default store: one SQLite file.

WAL mode, foreign keys on, a versioned schema with migrations, every write one
transaction (``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error), and an
audit row for every change (who, when, what, before/after).

The package's modules, each one job:

- :mod:`~network.store.sqlite.schema`: the versioned migrations;
- :mod:`~network.store.sqlite.codec`: records ↔ rows and JSON columns;
- :mod:`~network.store.sqlite.store`: connections, transactions, reads, ``load_graph``;
- :mod:`~network.store.sqlite.write`: upserts, soft delete, ended ties, with audit rows;
- :mod:`~network.store.sqlite.undo`: undo and redo of audited changes;
- :mod:`~network.store.sqlite.accounts`, :mod:`~network.store.sqlite.survey`: accounts and survey tables;
- :mod:`~network.store.sqlite.backup`: online backup and single-transaction restore;
- :mod:`~network.store.sqlite.errors`: SQLite's errors in one line a user can act on.

Examples
--------
>>> from network.model import Org, Tie
>>> from network.store.base import ChangeSet
>>> store = SQLiteStore(":memory:")
>>> r = store.write(ChangeSet(orgs=[Org("a", "れんぷく", "intermediary"), Org("b", "石巻市", "government")],
...                           ties=[Tie("t1", "a", "b", "commission", directed=True, strength=4)]))
>>> (r.created, r.updated, r.unchanged)
(3, 0, 0)
>>> G = store.load_graph()
>>> G.nodes["a"]["name"], G.edges["a", "b", "t1"]["type"]
('れんぷく', 'commission')
"""

from __future__ import annotations

from network.store.sqlite.schema import MIGRATIONS, SCHEMA_VERSION
from network.store.sqlite.store import SQLiteStore

__all__ = ["SQLiteStore", "MIGRATIONS", "SCHEMA_VERSION"]
