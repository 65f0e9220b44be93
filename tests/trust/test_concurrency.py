"""Eight writer processes on one embedded store for 30 s: nothing acknowledged is lost.

Each process (``tests.trust.workers.writer``, started with ``spawn``) opens its
own ``SQLiteStore`` on one file and adds organisations and ties and ends ties,
logging every write the store acknowledged.  Afterwards every acknowledged
organisation and tie is there, each tie's end is the last one acknowledged, no
organisation appears twice (same normalised name), and no process saw an
error — "database is locked" included (the store retries with backoff).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sqlite3
import time
from collections import Counter

import pytest

from ingest.normalise import normalise_name
from network.store.sqlite import SQLiteStore
from tests.trust.workers import writer

WRITERS = 8
SECONDS = float(os.environ.get("RENKEI_TEST_CONCURRENCY_SECONDS", "30"))


@pytest.mark.slow
def test_eight_writers_for_thirty_seconds(tmp_path):
    path = str(tmp_path / "renkei.db")
    SQLiteStore(path).close()
    logs = tmp_path / "logs"
    logs.mkdir()
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=writer, args=(path, w, SECONDS, str(logs))) for w in range(WRITERS)]
    t0 = time.monotonic()
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=SECONDS + 120)
    elapsed = time.monotonic() - t0
    assert [p.exitcode for p in procs] == [0] * WRITERS

    errors = "".join((logs / f"w{w}.err").read_text(encoding="utf-8") for w in range(WRITERS))
    assert "locked" not in errors.lower()
    assert errors == ""

    orgs: set[str] = set()
    ties: set[str] = set()
    ends: dict[str, str | None] = {}
    acknowledged = 0
    for w in range(WRITERS):
        for line in (logs / f"w{w}.log").read_text(encoding="utf-8").splitlines():
            kind, key, *rest = line.split()
            acknowledged += 1
            if kind == "org":
                orgs.add(key)
            elif kind == "tie":
                ties.add(key)
                orgs.add(rest[0])
                ends[key] = None  # re-writing a tie re-opens it (an upsert with end empty)
            else:
                ends[key] = rest[0]

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored_orgs = {r[0]: r[1] for r in conn.execute("SELECT id, name FROM orgs")}
    stored_ties = {r[0]: r[1] for r in conn.execute('SELECT id, "end" FROM ties')}
    conn.close()
    found_orgs = orgs & set(stored_orgs)
    found_ties = ties & set(stored_ties)
    wrong_ends = {k: (v, stored_ties.get(k)) for k, v in ends.items() if stored_ties.get(k) != v}
    dupes = [n for n, c in Counter(normalise_name(n) for n in stored_orgs.values()).items() if c > 1]
    print(f"\nconcurrency: {WRITERS} writers, {elapsed:.1f} s, {acknowledged} acknowledged writes "
          f"({len(orgs)} distinct orgs, {len(ties)} distinct ties, {len(ends)} tie end states); "
          f"found {len(found_orgs)} orgs, {len(found_ties)} ties; wrong ends {len(wrong_ends)}; "
          f"duplicate names {len(dupes)}")
    assert acknowledged > WRITERS * 10  # every writer got work done
    assert found_orgs == orgs and found_ties == ties
    assert wrong_ends == {}
    assert dupes == []
