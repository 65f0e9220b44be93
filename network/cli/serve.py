"""``renkei serve``: start the app (Streamlit) on this store; see docs/trust.md for the host check and token.

>>> cmd, env, folder = serve_argv("/tmp/r.db", "127.0.0.1", 8501)
>>> cmd[1:4], env["RENKEI_STORE"]
(['-m', 'renkei.streamlit_child', 'run'], '/tmp/r.db')
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from network.errors import RenkeiError
from network.labels import both
from network.store import default_store_url, open_store

__all__ = ["register", "serve_argv"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the ``renkei`` parser."""
    s = sub.add_parser("serve", help=both("cli_serve"))
    s.add_argument("--port", type=int, default=8501)
    s.add_argument(
        "--address",
        default="127.0.0.1",
        help="listen address (default 127.0.0.1; 0.0.0.0 for an office server, needs accounts)",
    )
    s.add_argument(
        "--no-token",
        action="store_true",
        help="local mode without the start token printed with the URL (see docs/trust.md)",
    )
    s.set_defaults(handler=cmd_serve)


_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def absolute_store(url: str) -> str:
    """The store URL with a relative SQLite path made absolute (the app runs from the repository)."""
    if "://" in url and not url.startswith("sqlite://"):
        return url
    with open_store(url) as store:
        path = getattr(store, "path", url)
    return str(Path(path).resolve()) if path != ":memory:" else path


def serve_argv(url: str, address: str, port: int, *, token: str = "") -> tuple[list[str], dict, Path]:
    """The Streamlit command line, environment and folder ``renkei serve`` runs (see docs/trust.md).

    Streamlit refuses WebSocket handshakes under unknown host names
    (``server.allowedHosts``: loopback names, ``--address``, ``RENKEI_ALLOWED_HOSTS``;
    not set for a server bound beyond loopback, where the app's own check accepts
    any IP address as well), and uploads over the import limit
    (``server.maxUploadSize`` = ``RENKEI_MAX_UPLOAD_BYTES`` in MiB, rounded up).
    """
    import math

    from ingest.limits import MAX_UPLOAD_BYTES
    from network.hosts import ENV_TOKEN, allowed_hosts, is_loopback_address
    from renkei import app_path

    app = app_path()  # the folder holds .streamlit/config.toml too
    env = dict(os.environ, RENKEI_STORE=url)
    env.pop(ENV_TOKEN, None)
    if token:
        env[ENV_TOKEN] = token
    # renkei.streamlit_child is Streamlit without its public-address look-up: with the welcome
    # message off too, serving on 0.0.0.0 contacts nothing beyond this machine
    cmd = [
        sys.executable,
        "-m",
        "renkei.streamlit_child",
        "run",
        str(app),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.showErrorDetails",
        "none",
        "--client.toolbarMode",
        "minimal",
        "--logger.hideWelcomeMessage",
        "true",
        "--server.maxUploadSize",
        str(max(1, math.ceil(MAX_UPLOAD_BYTES / 1024 / 1024))),
    ]
    if is_loopback_address(address):  # beyond loopback any IP address is fine: only the app's check can say so
        for name in allowed_hosts(address):
            cmd += ["--server.allowedHosts", name]
    return cmd, env, app.parent


def cmd_serve(args: argparse.Namespace) -> int:
    import secrets

    from network.accounts import users_for

    url = absolute_store(args.store or default_store_url())
    with users_for(url) as users:
        local = users.count() == 0
    if local and args.address not in _LOOPBACK:
        raise RenkeiError(
            f"no accounts yet: create an admin first (renkei user add NAME --role admin) "
            f"before serving on {args.address}"
        )
    token = "" if args.no_token else os.environ.get("RENKEI_START_TOKEN") or secrets.token_urlsafe(24)
    cmd, env, cwd = serve_argv(url, args.address, args.port, token=token)
    host = f"[{args.address}]" if ":" in args.address else args.address
    link = f"http://{host}:{args.port}/" + (f"?token={token}" if local and token else "")
    print(f"Renkei: {link}  (store {url}{'; local mode' if local else ''})", flush=True)
    sys.stderr.flush()
    # Streamlit takes this process's place (same pid): a stop signal reaches it and frees the port
    os.chdir(cwd)
    os.execve(cmd[0], cmd, env)
    return 0  # pragma: no cover - execve does not return
