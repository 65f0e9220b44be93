"""A Bolt server for the Neo4j store tests: ArcadeDB from the ``arcadedb-embedded`` wheel.

Neo4j itself cannot be installed from the registries CI reaches; the PyPI wheel
``arcadedb-embedded`` ships ArcadeDB's server jars, its Bolt plugin and a Java
runtime.  Its server answers Bolt 5 as "Neo4j/5.26.0 compatible" and runs
``MERGE``/``UNWIND``/constraints/transactions, so the Neo4j store's tests run
against it.  When ``RENKEI_TEST_NEO4J_URI`` is set (with
``RENKEI_TEST_NEO4J_USER``/``_PASSWORD``/``_DATABASE``) the tests use that server
instead — a real Neo4j 5, whose database is wiped by the tests.

The fixture :func:`bolt_server` starts one JVM per test session on 127.0.0.1
(free ports, a temporary root path and a random password) and kills it at the
end; a server that does not come up fails the tests (``pytest.fail``), never
skips them.

Example (outside pytest)::

    with ArcadeBoltServer(Path("/tmp/adb")) as srv:
        print(srv.uri, srv.user, srv.password, srv.database)
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["BoltServer", "ArcadeBoltServer", "bolt_server", "arcadedb_home", "clear_database"]

DATABASE = "renkei"
START_TIMEOUT = 90.0  # seconds; the server is usually up in 2–4 s


@dataclass(frozen=True)
class BoltServer:
    """Where a Bolt server listens and how to sign in."""

    uri: str
    user: str
    password: str
    database: str


def arcadedb_home() -> Path:
    """The installed ``arcadedb_embedded`` package folder (jars/ and jre/ inside).

    Raises ``RuntimeError`` naming the pip line when the wheel is missing.
    """
    try:
        import arcadedb_embedded  # noqa: F401  (only its files are used, never its JVM bridge)
    except ImportError as exc:
        raise RuntimeError(
            "the Bolt test server needs the arcadedb-embedded wheel: pip install 'arcadedb-embedded>=26.10,<26.11'"
        ) from exc
    home = Path(arcadedb_embedded.__file__).parent
    if not (home / "jre" / "bin" / "java").exists() or not (home / "jars").is_dir():
        raise RuntimeError(f"arcadedb-embedded at {home} has no jre/bin/java or jars/")
    return home


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ArcadeBoltServer:
    """ArcadeDB's server with its Bolt plugin, as a child JVM on 127.0.0.1.

    Parameters
    ----------
    root : Path
        Empty folder for the server's config, databases and log.
    heap : str
        JVM ``-Xmx``.
    """

    def __init__(self, root: Path, *, heap: str = "1g", database: str = DATABASE) -> None:
        self.root = Path(root)
        self.heap = heap
        self.database = database
        self.user = "root"
        self.password = "t-" + secrets.token_hex(12)
        self.port = _free_port()
        self.http_port = _free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.log_path = self.root / "server.out"
        self.proc: subprocess.Popen | None = None
        self.startup_seconds: float | None = None

    def command(self) -> list[str]:
        home = arcadedb_home()
        props = {
            "arcadedb.server.rootPath": str(self.root),
            "arcadedb.server.databaseDirectory": str(self.root / "databases"),
            "arcadedb.server.rootPassword": self.password,
            "arcadedb.server.defaultDatabases": f"{self.database}[root]",
            "arcadedb.server.plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "arcadedb.server.mode": "development",
            "arcadedb.bolt.host": "127.0.0.1",
            "arcadedb.bolt.port": str(self.port),
            "arcadedb.server.httpIncomingHost": "127.0.0.1",
            "arcadedb.server.httpIncomingPort": str(self.http_port),
        }
        return [
            str(home / "jre" / "bin" / "java"),
            f"-Xmx{self.heap}",
            "-XX:+UseSerialGC",
            "-cp",
            str(home / "jars" / "*"),
            *[f"-D{k}={v}" for k, v in props.items()],
            "com.arcadedb.server.ArcadeDBServer",
        ]

    def start(self, timeout: float = START_TIMEOUT) -> BoltServer:
        """Start the JVM and wait until a query on the database answers."""
        self.root.mkdir(parents=True, exist_ok=True)
        t0 = time.monotonic()
        with open(self.log_path, "wb") as log:
            # cwd = root: the server writes ./log/ relative to its working directory
            self.proc = subprocess.Popen(
                self.command(),
                cwd=self.root,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        try:
            return self._wait(t0, timeout)
        except BaseException:
            self.stop()  # never leave a JVM behind
            raise

    def _wait(self, t0: float, timeout: float) -> BoltServer:
        import neo4j

        last: Exception | None = None
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"ArcadeDB exited with code {self.proc.returncode}: {self.tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    pass
                with neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password)) as drv:
                    drv.execute_query("RETURN 1 AS x", database_=self.database)
                self.startup_seconds = time.monotonic() - t0
                return self.info
            except Exception as exc:  # not up yet
                last = exc
                time.sleep(0.2)
        raise RuntimeError(f"ArcadeDB Bolt did not answer on {self.uri} within {timeout:.0f} s ({last}): {self.tail()}")

    @property
    def info(self) -> BoltServer:
        return BoltServer(self.uri, self.user, self.password, self.database)

    def tail(self, n: int = 15) -> str:
        try:
            return " | ".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Terminate the JVM (kill after 10 s)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def __enter__(self) -> BoltServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def clear_database(server: BoltServer) -> None:
    """Delete every node and relationship (constraints and indexes stay)."""
    import neo4j

    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as drv:
        with drv.session(database=server.database) as s:
            s.execute_write(lambda tx: tx.run("MATCH (n) DETACH DELETE n").consume())


@pytest.fixture(scope="session")
def bolt_server() -> Iterator[BoltServer]:
    """A Bolt server for the whole test session: ``RENKEI_TEST_NEO4J_URI`` or ArcadeDB."""
    uri = os.environ.get("RENKEI_TEST_NEO4J_URI")
    if uri:
        yield BoltServer(
            uri,
            os.environ.get("RENKEI_TEST_NEO4J_USER", "neo4j"),
            os.environ.get("RENKEI_TEST_NEO4J_PASSWORD", ""),
            os.environ.get("RENKEI_TEST_NEO4J_DATABASE", "neo4j"),
        )
        return
    with tempfile.TemporaryDirectory(prefix="renkei-arcadedb-") as tmp:
        srv = ArcadeBoltServer(Path(tmp))
        try:
            info = srv.start()
        except RuntimeError as exc:
            pytest.fail(f"cannot start the ArcadeDB Bolt test server: {exc}", pytrace=False)
        try:
            yield info
        finally:
            srv.stop()
