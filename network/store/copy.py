"""Copy a whole network from one store to another (SQLite ⇄ Neo4j), idempotently.

What travels: every live organisation, every tie between live organisations,
every activity, and the participations of live organisations — the network
that :meth:`~network.store.base.Store.load_graph` shows.  What stays behind:
soft-deleted organisations and their ties (the Protocol reads do not return
them), and the source's audit log (the destination records the copy in its own
log, as creates or updates by ``user`` under one batch id).

Records are written in batches of ``batch_size``, each one transaction of the
destination, so a copy interrupted half-way can simply be run again: records
already there count as ``unchanged``.  ``created_at`` travels with each record;
``updated_at`` is the time of the copy (the destination's write stamps it).

Examples
--------
>>> from network.store.sqlite import SQLiteStore
>>> from network.store.base import ChangeSet
>>> from network.model import Org
>>> a, b = SQLiteStore(":memory:"), SQLiteStore(":memory:")
>>> _ = a.write(ChangeSet(orgs=[Org("x", "れんぷく", "intermediary")]))
>>> r = copy_store(a, b)
>>> (r.created, copy_store(a, b).unchanged)
(1, 1)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from network.store.base import ChangeSet, Store, WriteResult, chunks

__all__ = ["copy_store", "COPY_BATCH_SIZE"]

#: Records per destination transaction (bench/bench_neo4j.py measured 500–10,000).
COPY_BATCH_SIZE = 2000


def copy_store(src: Store, dst: Store, *, user: str = "system", batch_size: int = COPY_BATCH_SIZE,
               progress: Callable[[int, int], object] | None = None) -> WriteResult:
    """Copy the live network of ``src`` into ``dst`` (upsert by id).

    Parameters
    ----------
    src, dst : Store
        Any two stores (the same kind or not).
    user : str
        Who the destination's audit log names.
    batch_size : int
        Records per destination transaction.
    progress : callable, optional
        ``progress(done, total)`` after each batch.

    Returns
    -------
    WriteResult
        Totals over all batches; ``batch`` is the audit batch id of the copy.
    """
    orgs = src.orgs()
    live = {o.id for o in orgs}
    activities = src.activities()
    ties = src.ties()
    acts = {a.id for a in activities}
    parts = [p for p in src.participations() if p.org in live and p.activity in acts]
    total = len(orgs) + len(activities) + len(ties) + len(parts)
    result = WriteResult(batch="copy-" + uuid.uuid4().hex[:12])
    done = 0
    for field, records in (("orgs", orgs), ("activities", activities), ("ties", ties),
                           ("participations", parts)):
        for part in chunks(records, max(1, int(batch_size))):
            r = dst.write(ChangeSet(**{field: part}), user=user, batch=result.batch)
            result.created += r.created
            result.updated += r.updated
            result.unchanged += r.unchanged
            done += len(part)
            if progress is not None:
                progress(done, total)
    return result
