"""Processes the concurrency and crash tests start (importable under ``spawn``; not a test module).

``python -m tests.trust.workers import STORE N`` imports a generated file of N
organisations, printing ``progress DONE TOTAL`` as the write goes and
``committed`` at the end; ``python -m tests.trust.workers app STORE`` writes
small form-like changes one after another, printing ``ack ID`` after each.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from network.errors import RenkeiError
from network.model import Org, Tie, org_id_for, tie_id_for
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore

__all__ = ["writer", "shared_org", "big_orgs_csv"]

SHARED = 12  # organisations every writer adds (same name → same id): they must never be duplicated


def shared_org(k: int) -> Org:
    name = f"共有団体{k}"
    return Org(org_id_for(name), name, "npo", city="仙台市")


def writer(path: str, wid: int, seconds: float, log_dir: str) -> None:
    """Add organisations and ties, end ties, for ``seconds``; log every acknowledged write.

    One line per acknowledged write in ``log_dir/w<wid>.log``: ``org ID``,
    ``tie ID SHARED_ORG_ID`` or ``end TIE_ID DATE`` (one line per write).  Any error goes to ``w<wid>.err``.
    """
    rng = random.Random(wid)
    store = SQLiteStore(path)
    log = open(Path(log_dir) / f"w{wid}.log", "w", encoding="utf-8")
    err = open(Path(log_dir) / f"w{wid}.err", "w", encoding="utf-8")
    mine: list[str] = []
    ties: list[str] = []
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline:
        i += 1
        op = rng.random()
        try:
            if op < 0.45 or len(mine) < 2:
                name = f"書き手{wid}の団体{i}"
                org = Org(org_id_for(name), name, rng.choice(["npo", "company", "residents_group"]))
                store.write(ChangeSet(orgs=[org]), user=f"writer{wid}")
                mine.append(org.id)
                log.write(f"org {org.id}\n")
            elif op < 0.8:
                shared = shared_org(rng.randrange(SHARED))
                a = rng.choice(mine)
                start = f"20{rng.randrange(10, 25)}-04-01"
                t = Tie(
                    tie_id_for(a, shared.id, "collaboration", start),
                    a,
                    shared.id,
                    "collaboration",
                    strength=rng.randint(1, 5),
                    start=start,
                )
                store.write(ChangeSet(orgs=[shared], ties=[t]), user=f"writer{wid}")
                ties.append(t.id)
                log.write(f"tie {t.id} {shared.id}\n")
            elif ties:
                t_id = rng.choice(ties)
                end = f"2025-{rng.randint(4, 12):02d}-{rng.randint(1, 28):02d}"
                store.end_tie(t_id, end, user=f"writer{wid}")
                log.write(f"end {t_id} {end}\n")
            log.flush()
        except RenkeiError as exc:  # a StoreError reaching the caller is a failure of the test
            err.write(f"{type(exc).__name__}: {exc}\n")
            err.flush()
    log.close()
    err.close()
    store.close()


def big_orgs_csv(n: int) -> bytes:
    return ("団体名,区分,市区町村\n" + "".join(f"取り込み団体{i},NPO,石巻市\n" for i in range(n))).encode()


def _import(path: str, n: int) -> None:
    from ingest.importer import import_files

    store = SQLiteStore(path)

    def progress(done: int, total: int) -> None:
        print(f"progress {done} {total}", flush=True)

    import_files(store, [("orgs.csv", big_orgs_csv(n))], user="importer", progress=progress)
    print("committed", flush=True)


def _app(path: str) -> None:
    store = SQLiteStore(path)
    i = 0
    while True:
        i += 1
        a = Org(f"app-{i}", f"窓口で追加{i}", "npo")
        t = Tie(f"app-tie-{i}", a.id, "ishinomaki", "information")
        store.write(ChangeSet(orgs=[a], ties=[t]), user="app")
        print(f"ack {i}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "import":
        _import(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "app":
        _app(sys.argv[2])
