"""The Neo4j store: a partnership network in Neo4j (self-hosted, cluster or Aura), through the official driver.

The package's modules, each one job:

- :mod:`~network.store.neo4j.cypher`: every query, a constant with ``$parameters`` (and the graph model);
- :mod:`~network.store.neo4j.store`: the driver, transactions, reads, ``load_graph``;
- :mod:`~network.store.neo4j.tx`: one write transaction's upserts and audit rows;
- :mod:`~network.store.neo4j.undo`: undo and redo of audited changes;
- :mod:`~network.store.neo4j.accounts`, :mod:`~network.store.neo4j.survey`: accounts and survey nodes.

>>> from network.store.neo4j import cypher
>>> cypher.REL_TYPES["funding"]
'FUNDING'
"""

from __future__ import annotations

from network.store.neo4j.store import Neo4jCredentialsRejected, Neo4jStore, Neo4jUnavailable

__all__ = ["Neo4jStore", "Neo4jUnavailable", "Neo4jCredentialsRejected"]
