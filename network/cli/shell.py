r"""What every command module shares: the acting user, output, tables, progress bars, word parsing.

>>> table([{"id": "a", "name": "み\x1bやぎ"}], ["id", "name"], "table").splitlines()
['id\tname', 'a\tみ\\x1bやぎ']
>>> sector_codes("NPO,行政")
['npo', 'government']
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from network.errors import RenkeiError
from network.labels import both
from network.store import open_store

__all__ = [
    "progress_bar",
    "user_of",
    "emit",
    "load_graph_from",
    "add_min_strength",
    "as_json",
    "table",
    "printable",
    "sector_code",
    "sector_codes",
    "type_codes",
    "find_org",
]


def progress_bar(desc: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A tqdm bar on stderr, shown for long jobs only (over 5,000 rows)."""
    state: dict = {}

    def update(done: int, total: int) -> None:
        if total < 5000:
            return
        if "bar" not in state:
            from tqdm import tqdm

            state["bar"] = tqdm(total=total, desc=desc, unit="row", file=sys.stderr, leave=False)
        bar = state["bar"]
        bar.update(done - bar.n)

    def close() -> None:
        if "bar" in state:
            state["bar"].close()

    return update, close


def user_of(args: argparse.Namespace) -> str:
    return getattr(args, "user", None) or os.environ.get("RENKEI_USER") or os.environ.get("USER") or "cli"


def emit(args: argparse.Namespace, data: bytes | str) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    if getattr(args, "output", None):
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def load_graph_from(args: argparse.Namespace, as_of: str | None = None):  # noqa: ANN201 - a MultiDiGraph
    """The stored network (``as_of`` kept for the views), without ties under ``--min-strength``.

    The minimum strength is the app's slider rule (:func:`network.analysis.selection.min_strength_graph`).
    """
    from network.analysis.selection import min_strength_graph

    with open_store(args.store) as store:
        G = store.load_graph(as_of=as_of)
    return min_strength_graph(G, getattr(args, "min_strength", None) or 1)


def add_min_strength(parser: argparse.ArgumentParser) -> None:
    """``--min-strength N``: keep ties of strength N or more (1–5), as the app's slider does."""
    parser.add_argument(
        "--min-strength",
        type=int,
        choices=range(1, 6),
        default=1,
        metavar="1-5",
        help=both("cli_min_strength"),
    )


def as_json(obj: object) -> str:
    """One JSON document, Japanese as is, NaN refused (the report writes it as null)."""
    return json.dumps(obj, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def table(rows: list[dict], columns: list[str], fmt: str) -> str:
    """Rows for a terminal: ``table`` (tab-separated, controls shown as ``\\x1b``), ``csv`` or ``json``.

    No stored value reaches the terminal raw (docs/trust.md, "Exports never break").
    """
    from network.present.export.text import clean, shown, terminal_json

    if fmt == "json":
        return terminal_json(rows, indent=1) + "\n"
    if fmt == "csv":
        import csv
        import io

        from network.present.export import csv_safe

        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows([[csv_safe(clean(r.get(c))) for c in columns] for r in rows])
        return buf.getvalue()
    lines = ["\t".join(columns)]
    lines += ["\t".join(shown(r.get(c)) for c in columns) for r in rows]
    return "\n".join(lines) + "\n"


def printable(text: str) -> str:
    """Text safe for a terminal: control characters shown as escapes (``\\x1b``), not sent."""
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


def sector_code(word: str | None) -> str | None:
    from network.model import Sector

    return Sector.parse(word).value if word else None


def sector_codes(words: str | None) -> list[str] | None:
    return [sector_code(w) for w in words.split(",") if w.strip()] if words else None


def type_codes(words: str | None) -> list[str] | None:
    from network.model import TieType

    return [TieType.parse(w).value for w in words.split(",") if w.strip()] if words else None


def find_org(G, word: str):  # noqa: ANN001, ANN202 - a MultiDiGraph, a node id
    """An organisation by id, else by its name (normalised; without its legal form when only one fits)."""
    from ingest.normalise import core_name, normalise_name

    if word in G:
        return word
    for key in (normalise_name, core_name):
        hits = [v for v, d in G.nodes(data=True) if key(str(d.get("name", ""))) == key(word)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise RenkeiError(both("cli_many_orgs", word=repr(word), n=len(hits), ids=", ".join(map(str, hits[:5]))))
    raise RenkeiError(both("cli_no_org", word=repr(word)))
