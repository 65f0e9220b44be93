"""Copy a whole network from one store to another (SQLite ⇄ Neo4j), idempotently.

What travels: every live organisation, every tie between live organisations,
every activity, and the participations of live organisations — the network
that :meth:`~network.store.base.Store.load_graph` shows — and every survey round
with its links (the hashes: a link keeps working in the destination; no token
exists in either store), answers and responses (drafts stay drafts).  A round is
copied whole, as it is in the source, each in one transaction of the destination
with one audit entry (``survey_copy``); a round the destination already holds
exactly as the source does is left alone (``unchanged``).  What stays behind:
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
from dataclasses import dataclass
from dataclasses import field as dc_field

from network.store.base import ChangeSet, Store, WriteResult, chunks

__all__ = ["copy_store", "copy_surveys", "CopyResult", "COPY_BATCH_SIZE"]

#: Records per destination transaction (bench/bench_neo4j.py measured 500–10,000).
COPY_BATCH_SIZE = 2000


@dataclass
class CopyResult(WriteResult):
    """:class:`WriteResult` of the network, and ``survey``: rounds ``created``, ``updated``, ``unchanged``."""

    survey: dict = dc_field(default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0})


def copy_surveys(src: Store, dst: Store, *, user: str = "system") -> dict:
    """Copy every survey round of ``src`` into ``dst`` (see the module docstring); the counts of rounds.

    >>> from network.store.sqlite import SQLiteStore
    >>> from network.survey.model import Round
    >>> a, b = SQLiteStore(":memory:"), SQLiteStore(":memory:")
    >>> _ = a.survey().create_round(Round("R", 2024, ["x", "y"]))
    >>> copy_surveys(a, b), copy_surveys(a, b)
    ({'created': 1, 'updated': 0, 'unchanged': 0}, {'created': 0, 'updated': 0, 'unchanged': 1})
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    if not (hasattr(src, "survey") and hasattr(dst, "survey")):
        return counts
    s, d = src.survey(), dst.survey()  # type: ignore[attr-defined]
    have = {r.name for r in d.rounds()}
    for rnd in s.rounds():
        data = s.dump(rnd.name)
        if rnd.name in have and d.dump(rnd.name) == data:
            counts["unchanged"] += 1
            continue
        d.load(data, by=user)
        counts["updated" if rnd.name in have else "created"] += 1
    return counts


def copy_store(
    src: Store,
    dst: Store,
    *,
    user: str = "system",
    batch_size: int = COPY_BATCH_SIZE,
    progress: Callable[[int, int], object] | None = None,
) -> CopyResult:
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
    CopyResult
        Totals over all batches; ``batch`` is the audit batch id of the copy; ``survey`` the rounds
        (:func:`copy_surveys`, after the network).
    """
    orgs = src.orgs()
    live = {o.id for o in orgs}
    activities = src.activities()
    ties = src.ties()
    acts = {a.id for a in activities}
    parts = [p for p in src.participations() if p.org in live and p.activity in acts]
    total = len(orgs) + len(activities) + len(ties) + len(parts)
    result = CopyResult(batch="copy-" + uuid.uuid4().hex[:12])
    done = 0
    for field, records in (("orgs", orgs), ("activities", activities), ("ties", ties), ("participations", parts)):
        for part in chunks(records, max(1, int(batch_size))):
            r = dst.write(ChangeSet(**{field: part}), user=user, batch=result.batch)
            result.created += r.created
            result.updated += r.updated
            result.unchanged += r.unchanged
            done += len(part)
            if progress is not None:
                progress(done, total)
    result.survey = copy_surveys(src, dst, user=user)
    return result
