"""``renkei-container``: the entry command of the Docker image (see docs/deploy.md).

A container serves on every address (``0.0.0.0``) so that the office can reach
it; ``renkei serve`` then needs accounts (no local mode), and the names people
type in their browsers must be listed, or the app's host check
(:mod:`network.hosts`) refuses them.  This command checks both before it starts
anything, and says in one line what to do when one is missing:

* the store (``RENKEI_STORE``: ``neo4j://neo4j:7687`` in compose.yaml, or a
  SQLite file) opens and holds an ``admin`` account;
* ``RENKEI_ALLOWED_HOSTS`` names at least one host.

Then it becomes ``renkei serve --address 0.0.0.0 --port $RENKEI_PORT``
(default 8501) in the same process, so the container's stop signal reaches
Streamlit.

>>> problem({"RENKEI_ALLOWED_HOSTS": ""}, admins=1).split(":")[0]
'RENKEI_ALLOWED_HOSTS is empty'
>>> problem({"RENKEI_ALLOWED_HOSTS": "renkei.example.org"}, admins=0).split(":")[0]
'no admin account in the store'
>>> problem({"RENKEI_ALLOWED_HOSTS": "renkei.example.org"}, admins=1) is None
True
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

__all__ = ["problem", "admins_in", "main"]

ADDRESS = "0.0.0.0"


def problem(env: Mapping[str, str], *, admins: int | None = None) -> str | None:
    """What stops the container from serving (one line), or ``None`` when it may serve.

    ``admins`` is the number of admin accounts (``None``: not counted yet, only ``env`` is checked).
    """
    from network.hosts import ENV_HOSTS, configured_hosts

    if not configured_hosts(env.get(ENV_HOSTS, "")):
        return (
            f"{ENV_HOSTS} is empty: set it in .env to the names people use to open Renkei "
            f"(e.g. renkei.example.org), comma-separated"
        )
    if admins is not None and admins < 1:
        return (
            "no admin account in the store: create one first with "
            "`docker compose run --rm renkei renkei user add NAME --role admin`"
        )
    return None


def admins_in(url: str) -> int:
    """How many ``admin`` accounts the store at ``url`` has (``RenkeiError`` when it cannot be opened)."""
    from network.accounts import users_for

    with users_for(url) as users:
        return sum(1 for account in users.list() if account.role == "admin")


def main() -> int:
    """Check, then exec ``renkei serve`` on 0.0.0.0; exit 1 with one line on stderr when it may not serve."""
    from network.cli import main as renkei
    from network.errors import RenkeiError
    from network.store import default_store_url

    url = default_store_url()
    port = os.environ.get("RENKEI_PORT", "8501")
    if not port.isdigit() or not 0 < int(port) < 65536:
        print(f"renkei-container: RENKEI_PORT {port!r} is not a port number (1-65535)", file=sys.stderr)
        return 1
    why = problem(os.environ)  # before the store is opened: opening a SQLite path creates the file
    if why is not None:
        print(f"renkei-container: {why}", file=sys.stderr)
        return 1
    try:
        admins = admins_in(url)
    except (RenkeiError, OSError) as exc:
        reason = " ".join(str(exc).split())
        print(f"renkei-container: cannot open the store {url}: {reason}", file=sys.stderr)
        return 1
    why = problem(os.environ, admins=admins)
    if why is not None:
        print(f"renkei-container: {why}", file=sys.stderr)
        return 1
    return renkei(["--store", url, "serve", "--address", ADDRESS, "--port", port])


if __name__ == "__main__":
    sys.exit(main())
