"""Benchmark: copy a large network into a Bolt server and load it back.

Generates ``--orgs`` organisations and ``--ties`` ties (``data.generate``), writes
them to a SQLite store, then for each batch size copies them into a fresh Bolt
server (ArcadeDB from the ``arcadedb-embedded`` wheel, or the server named by
``RENKEI_TEST_NEO4J_URI``, whose database is wiped) with
:func:`network.store.copy.copy_store`, and times ``load_graph()``.  Prints a
Markdown table: rows per second per batch size (rows = organisations + ties,
each audited), and the seconds of ``load_graph()``.

Run::

    .venv/bin/python -m bench.bench_neo4j --orgs 20000 --ties 100000 --batch-sizes 500,2000,10000
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from renkei.data.generate import generate  # noqa: E402

from network.store.base import ChangeSet  # noqa: E402
from network.store.copy import copy_store  # noqa: E402
from network.store.neo4j import Neo4jStore  # noqa: E402
from network.store.sqlite import SQLiteStore  # noqa: E402
from tests.network.bolt_server import ArcadeBoltServer, BoltServer, clear_database  # noqa: E402


@contextlib.contextmanager
def bolt(heap: str) -> Iterator[tuple[BoltServer, float | None]]:
    """A Bolt server: the one named by the environment (wiped) or a fresh ArcadeDB."""
    uri = os.environ.get("RENKEI_TEST_NEO4J_URI")
    if uri:
        srv = BoltServer(uri, os.environ.get("RENKEI_TEST_NEO4J_USER", "neo4j"),
                         os.environ.get("RENKEI_TEST_NEO4J_PASSWORD", ""),
                         os.environ.get("RENKEI_TEST_NEO4J_DATABASE", "neo4j"))
        clear_database(srv)
        yield srv, None
        return
    with tempfile.TemporaryDirectory(prefix="renkei-bench-") as tmp:
        server = ArcadeBoltServer(Path(tmp), heap=heap)
        info = server.start()
        try:
            yield info, server.startup_seconds
        finally:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--orgs", type=int, default=20_000)
    p.add_argument("--ties", type=int, default=100_000)
    p.add_argument("--batch-sizes", default="500,2000,10000")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--heap", default="2g", help="JVM -Xmx of the ArcadeDB server")
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.batch_sizes.split(",")]

    t = time.perf_counter()
    orgs, ties = generate(args.orgs, args.ties, seed=args.seed)
    print(f"generated {len(orgs)} organisations, {len(ties)} ties in {time.perf_counter() - t:.1f} s")
    with tempfile.TemporaryDirectory(prefix="renkei-bench-src-") as tmp:
        src = SQLiteStore(Path(tmp) / "src.db")
        t = time.perf_counter()
        src.write(ChangeSet(orgs=orgs, ties=ties), user="bench")
        print(f"SQLite source written in {time.perf_counter() - t:.1f} s")
        rows = len(orgs) + len(ties)
        t = time.perf_counter()
        want = src.load_graph()
        print(f"SQLite load_graph(): {time.perf_counter() - t:.2f} s (for comparison)")
        lines = ["| batch size | copy s | rows/s | load_graph() s | nodes | edges | server start s |",
                 "|---:|---:|---:|---:|---:|---:|---:|"]
        for size in sizes:
            with bolt(args.heap) as (info, startup):
                store = Neo4jStore(info.uri, info.user, info.password, info.database, batch_size=size)
                t = time.perf_counter()
                r = copy_store(src, store, user="bench", batch_size=size)
                copy_s = time.perf_counter() - t
                assert r.created == rows, (r, rows)
                t = time.perf_counter()
                G = store.load_graph()
                load_s = time.perf_counter() - t
                assert (G.number_of_nodes(), G.number_of_edges()) == (want.number_of_nodes(),
                                                                      want.number_of_edges())
                store.close()
            line = (f"| {size} | {copy_s:.1f} | {rows / copy_s:,.0f} | {load_s:.2f} | {G.number_of_nodes()} | "
                    f"{G.number_of_edges()} | {startup if startup is None else round(startup, 1)} |")
            print(line, flush=True)
            lines.append(line)
        src.close()
    print(f"\n{args.orgs} organisations + {args.ties} ties = {rows} rows per copy "
          "(each row also writes one audit entry)\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
