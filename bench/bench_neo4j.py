"""Benchmark: copy a large network into a Bolt server and load it back.

Generates ``--orgs`` organisations and ``--ties`` ties (``data.generate``), writes
them to a SQLite store, then for each batch size copies them into a fresh Bolt
server (ArcadeDB from the ``arcadedb-embedded`` wheel, or the server named by
``RENKEI_TEST_NEO4J_URI``, whose database is wiped) with
:func:`network.store.copy.copy_store`, and times ``load_graph()``.  Prints a
Markdown table: rows per second per batch size (rows = organisations + ties,
each audited), and the seconds of ``load_graph()``; then the peer (issue 14 item 4): the same rows
written by hand through the driver, ``UNWIND $rows … MERGE`` in batches of 5,000 with no audit, on a
fresh server in the same run, and the ratios (copy time / peer time; Bolt ``load_graph`` / SQLite's).

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
        srv = BoltServer(
            uri,
            os.environ.get("RENKEI_TEST_NEO4J_USER", "neo4j"),
            os.environ.get("RENKEI_TEST_NEO4J_PASSWORD", ""),
            os.environ.get("RENKEI_TEST_NEO4J_DATABASE", "neo4j"),
        )
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


def peer_write(info: BoltServer, orgs: list, ties: list, batch: int = 5000) -> float:
    """Seconds to write the rows by hand: ``UNWIND $rows … MERGE`` through the driver, no audit."""
    import neo4j

    from network.store.neo4j import cypher as Q
    from network.store.neo4j.tx import custom_prop, tie_props

    driver = neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password))
    t = time.perf_counter()
    with driver.session(database=info.database) as s:
        s.run("CREATE CONSTRAINT peer_org IF NOT EXISTS FOR (o:Organization) REQUIRE o.id IS UNIQUE").consume()
        for i in range(0, len(orgs), batch):
            rows = [{"id": o.id, "props": dict(o.to_dict(), custom=custom_prop(o.custom))} for o in orgs[i : i + batch]]
            s.execute_write(
                lambda tx, rows=rows: tx.run(
                    "UNWIND $rows AS r MERGE (o:Organization {id: r.id}) SET o += r.props", rows=rows
                ).consume()
            )
        by_type: dict[str, list] = {}
        for t_ in ties:
            d = tie_props(t_)
            by_type.setdefault(d["type"], []).append(
                {
                    "id": d["id"],
                    "source": d["source"],
                    "target": d["target"],
                    "props": dict(d, custom=custom_prop(d["custom"])),
                }
            )
        for type_, rows_all in by_type.items():
            for i in range(0, len(rows_all), batch):
                rows = rows_all[i : i + batch]
                s.execute_write(lambda tx, rows=rows, q=Q.MERGE_TIE[type_]: tx.run(q, rows=rows).consume())
    seconds = time.perf_counter() - t
    driver.close()
    return seconds


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
        sqlite_load = time.perf_counter() - t
        print(f"SQLite load_graph(): {sqlite_load:.2f} s (for comparison)")
        copies: dict[int, float] = {}
        loads: dict[int, float] = {}
        lines = [
            "| batch size | copy s | rows/s | load_graph() s | nodes | edges | server start s |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
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
                assert (G.number_of_nodes(), G.number_of_edges()) == (want.number_of_nodes(), want.number_of_edges())
                store.close()
            copies[size], loads[size] = copy_s, load_s
            line = (
                f"| {size} | {copy_s:.1f} | {rows / copy_s:,.0f} | {load_s:.2f} | {G.number_of_nodes()} | "
                f"{G.number_of_edges()} | {startup if startup is None else round(startup, 1)} |"
            )
            print(line, flush=True)
            lines.append(line)
        with bolt(args.heap) as (info, _):
            peer_s = peer_write(info, orgs, ties)
        print(
            f"peer (driver, UNWIND … MERGE, batches of 5,000, no audit): {peer_s:.1f} s, {rows / peer_s:,.0f} rows/s",
            flush=True,
        )
        src.close()
    print(
        f"\n{args.orgs} organisations + {args.ties} ties = {rows} rows per copy "
        "(each row also writes one audit entry)\n"
    )
    print("\n".join(lines))
    print(
        f"\npeer: {peer_s:.1f} s ({rows / peer_s:,.0f} rows/s); ratio copy / peer per batch size: "
        + ", ".join(f"{size}: {c / peer_s:.2f}x" for size, c in copies.items())
        + "; Bolt load_graph / SQLite load_graph: "
        + ", ".join(f"{size}: {g / sqlite_load:.2f}x" for size, g in loads.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
