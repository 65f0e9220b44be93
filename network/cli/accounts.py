"""``renkei user|history|undo|backup|restore``: the trust commands.

Registered by :func:`register`, which :func:`network.cli.build_parser` calls.  Passwords
are asked with ``getpass`` (twice), or read from standard input with
``--password-stdin`` for scripts.

>>> from network.cli import main
>>> main(["--store", ":memory:", "history", "--format", "json"])
[]
0
"""

from __future__ import annotations

import argparse
import getpass
import sys

from network.cli.shell import table, user_of
from network.errors import ValidationError
from network.history import HISTORY_COLUMNS, history_rows
from network.labels import both
from network.present.export.text import shown, terminal_json
from network.store import default_store_url, open_store

__all__ = ["register"]


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    first = getpass.getpass(f"{both('cli_password')}: ")
    if getpass.getpass(f"{both('cli_again')}: ") != first:
        raise ValidationError(both("cli_passwords_differ"))
    return first


def _users(args: argparse.Namespace):  # noqa: ANN202
    from network.accounts import users_for

    return users_for(args.store or default_store_url())


def cmd_user(args: argparse.Namespace) -> int:
    with _users(args) as users:
        if args.user_command == "add":
            acc = users.add(args.name, _password(args), args.role, by=user_of(args))
            print(both("cli_user_added", name=acc.name, role=acc.role))
        elif args.user_command == "list":
            rows = [
                {"name": a.name, "role": a.role, "created_at": a.created_at, "updated_at": a.updated_at}
                for a in users.list()
            ]
            sys.stdout.write(table(rows, ["name", "role", "created_at", "updated_at"], args.format))
        elif args.user_command == "remove":
            users.remove(args.name, by=user_of(args))
            print(both("cli_user_removed", name=args.name))
        elif args.user_command == "passwd":
            users.set_password(args.name, _password(args), by=user_of(args))
            print(both("cli_password_changed", name=args.name))
        elif args.user_command == "role":
            acc = users.set_role(args.name, args.role, by=user_of(args))
            print(both("cli_role_changed", name=acc.name, role=acc.role))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    try:
        rows = history_rows(
            store, limit=args.limit, entity_id=args.entity, batch=args.batch, user=args.by, action=args.action
        )
    finally:
        store.close()
    if args.format == "json":
        print(terminal_json(rows, indent=1))
    else:
        flat = [{k: r[k] for k in HISTORY_COLUMNS} for r in rows]
        sys.stdout.write(table(flat, HISTORY_COLUMNS, args.format))
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    from network.store.undo import describe_dependent

    store = open_store(args.store)
    try:
        n = store.undo(
            audit_id=args.audit_id, batch=args.batch, user=user_of(args), force=args.force, cascade=args.cascade
        )
    finally:
        store.close()
    print(both("cli_undid", n=n))
    if n.cascaded:
        print(both("cli_undid_cascade", n=len(n.cascaded)))
        for d in n.cascaded:
            print(f"  {shown(describe_dependent(d))}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from network.store.sqlite.backup import backup

    c = backup(args.store or default_store_url(), args.file, overwrite=args.overwrite)
    print(both("cli_backed_up", orgs=c["orgs"], ties=c["ties"], audit=c["audit"], file=args.file))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from network.store.sqlite.backup import restore

    c = restore(args.file, args.store or default_store_url(), user=user_of(args), keep_copy=not args.no_copy)
    print(both("cli_restored", orgs=c["orgs"], ties=c["ties"], file=args.file))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the account, history, undo, backup and restore commands to the ``renkei`` parser."""
    u = sub.add_parser("user", help=both("cli_user"))
    u.set_defaults(handler=cmd_user)
    us = u.add_subparsers(dest="user_command", required=True)
    a = us.add_parser("add", help="add an account (password prompted)")
    a.add_argument("name")
    a.add_argument("--role", choices=["viewer", "editor", "admin"], default="viewer")
    a.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    a.add_argument("--user", help="who does this (recorded)")
    lst = us.add_parser("list", help="list accounts")
    lst.add_argument("--format", choices=["table", "csv", "json"], default="table")
    r = us.add_parser("remove", help="remove an account")
    r.add_argument("name")
    r.add_argument("--user")
    p = us.add_parser("passwd", help="change a password (prompted)")
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true")
    p.add_argument("--user")
    ro = us.add_parser("role", help="change a role")
    ro.add_argument("name")
    ro.add_argument("role", choices=["viewer", "editor", "admin"])
    ro.add_argument("--user")

    h = sub.add_parser("history", help=both("cli_history"))
    h.set_defaults(handler=cmd_history)
    h.add_argument("--limit", type=int, default=100)
    h.add_argument("--entity", help="an organisation or tie id")
    h.add_argument("--batch", help="one import or form batch")
    h.add_argument("--by", help="changes by this user only")
    h.add_argument("--action", choices=["create", "update", "delete", "restore", "end", "undo", "cascade"])
    h.add_argument("--format", choices=["table", "csv", "json"], default="table")

    d = sub.add_parser("undo", help=both("cli_undo"))
    d.set_defaults(handler=cmd_undo)
    g = d.add_mutually_exclusive_group(required=True)
    g.add_argument("--audit-id", type=int, help="the history id of one change")
    g.add_argument("--batch", help="a batch (one import, one form)")
    d.add_argument("--force", action="store_true", help="undo even when the record changed since")
    d.add_argument(
        "--cascade",
        action="store_true",
        help="also remove ties/participations added later to what the undo hides (else refused)",
    )
    d.add_argument("--user")

    b = sub.add_parser("backup", help=both("cli_backup"))
    b.set_defaults(handler=cmd_backup)
    b.add_argument("file")
    b.add_argument("--overwrite", action="store_true")
    rs = sub.add_parser("restore", help=both("cli_restore"))
    rs.set_defaults(handler=cmd_restore)
    rs.add_argument("file")
    rs.add_argument("--no-copy", action="store_true", help="do not keep a copy of the current store")
    rs.add_argument("--user")
