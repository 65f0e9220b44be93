"""The ``renkei`` command line: a thin shell over the library.

Each command module (:mod:`~network.cli.data`, :mod:`~network.cli.analysis`, :mod:`~network.cli.map`,
:mod:`~network.cli.planner`, :mod:`~network.cli.serve`,
:mod:`~network.cli.accounts`, :mod:`~network.cli.copy`,
:mod:`~network.cli.survey`, :mod:`~network.cli.enrich`) has one ``register(subparsers)`` that adds its
parsers, each with its handler (``set_defaults(handler=…)``);
:func:`build_parser` calls them all, by name, here.  A command parses its
arguments, calls the library, and leaves errors to :func:`main`, which turns
Renkei's named errors into a one-line reason (plus the row report for bad
input) and an exit code from one table, :data:`EXIT_CODES`.

>>> main(["--store", ":memory:", "orgs", "--format", "json"])
[]
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from network.cli import accounts, analysis, copy, data, enrich, map, planner, serve, survey
from network.errors import RenkeiError, ValidationError
from network.labels import t
from network.present.export.text import shown

__all__ = ["main", "build_parser", "EXIT_CODES"]

#: Exit code per kind of error: the first class the error is an instance of wins.  Every error
#: Renkei raises on purpose, and a file or disk failure, exits with 1 (scripts rely on it);
#: an interrupt (Ctrl-C) with 130, a wrong command line with argparse's 2.
EXIT_CODES: list[tuple[type[BaseException], int]] = [
    (ValidationError, 1),
    (RenkeiError, 1),
    (OSError, 1),
]


def _version() -> str:
    from renkei import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    """The whole ``renkei`` parser: the global options, then every command module's commands."""
    p = argparse.ArgumentParser(prog="renkei", description=t("cli_description", "en"))
    p.add_argument("--store", help="store URL or SQLite file (default: $RENKEI_STORE or renkei.db)")
    p.add_argument("--version", action="version", version=f"renkei {_version()}")
    sub = p.add_subparsers(dest="command", required=True)
    for module in (data, analysis, map, planner, serve, accounts, copy, survey):
        module.register(sub)
    enrich.register(sub)  # issue 12: the national 法人番号 data
    return p


def exit_code(exc: BaseException) -> int:
    """The exit code :func:`main` returns for ``exc`` (see :data:`EXIT_CODES`).

    >>> from network.errors import NotFound
    >>> exit_code(NotFound("x")), exit_code(ValidationError("x")), exit_code(PermissionError())
    (1, 1, 1)
    """
    return next((code for kind, code in EXIT_CODES if isinstance(exc, kind)), 1)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``renkei`` command; returns its exit code (0 when it worked)."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (RenkeiError, OSError) as exc:
        # a message can quote stored values (names): shown on the terminal as text, controls escaped
        print("renkei: " + "\n".join(shown(line) for line in str(exc).split("\n")), file=sys.stderr)
        report = getattr(exc, "report", None)
        if isinstance(exc, ValidationError) and report is not None and hasattr(report, "to_text"):
            print(report.to_text(), file=sys.stderr)
        return exit_code(exc)
    except KeyboardInterrupt:
        print("renkei: interrupted; nothing was written by the unfinished step", file=sys.stderr)
        return 130
