"""``renkei copy --from URL --to URL``: move a whole network between stores.

Registered by :func:`register`, which :func:`network.cli.build_parser` calls.  The
work is :func:`network.store.copy.copy_store`; this module parses arguments,
shows a progress bar and prints one summary line.

>>> from network.cli import main
>>> main(["copy", "--from", ":memory:", "--to", ":memory:"])  # one store named twice: refused
1
"""

from __future__ import annotations

import argparse

from network.cli.shell import progress_bar, user_of
from network.errors import StoreError
from network.labels import both
from network.store import open_store
from network.store.copy import COPY_BATCH_SIZE, copy_store

__all__ = ["register", "cmd_copy"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``copy`` to the ``renkei`` parser."""
    c = sub.add_parser("copy", help=both("cli_copy"))
    c.add_argument(
        "--from",
        dest="source",
        required=True,
        help="source store URL (sqlite:///renkei.db, neo4j://host:7687, bolt://…)",
    )
    c.add_argument("--to", dest="target", required=True, help="destination store URL")
    c.add_argument(
        "--batch-size",
        type=int,
        default=COPY_BATCH_SIZE,
        help=f"records per destination transaction (default {COPY_BATCH_SIZE})",
    )
    c.add_argument("--user")
    c.set_defaults(handler=cmd_copy)


def cmd_copy(args: argparse.Namespace) -> int:
    """Copy ``--from`` into ``--to`` and print what changed."""
    if args.source == args.target:
        raise StoreError("--from and --to name the same store; nothing to copy")
    if args.batch_size < 1:
        raise StoreError("--batch-size must be at least 1")
    src = open_store(args.source)
    try:
        dst = open_store(args.target)
    except BaseException:
        src.close()
        raise
    update, close = progress_bar("copy")
    try:
        r = copy_store(src, dst, user=user_of(args), batch_size=args.batch_size, progress=update)
        counts = dst.counts()
    finally:
        close()
        src.close()
        dst.close()
    print(
        f"copied {src.url} → {dst.url}: {r.created} created, {r.updated} updated, "
        f"{r.unchanged} unchanged (audit batch {r.batch}); "
        f"destination now has {counts['orgs']} organisations, {counts['ties']} ties"
    )
    sv = r.survey
    if any(sv.values()):
        print(both("cli_copied_rounds", n=sum(sv.values()), **{k: sv[k] for k in ("created", "updated", "unchanged")}))
    return 0
