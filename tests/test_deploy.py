"""The shared deployment (Dockerfile, compose.yaml, renkei-container) as far as it runs without Docker.

CI cannot run Docker here, so this checks what can be checked: ``compose.yaml``
parses and wires Neo4j and Renkei together (credentials from the env file, a
named volume, health checks, start order); the image's entry command is
``renkei-container``; and ``renkei-container`` itself, run as a real process on
a real SQLite store, refuses to serve without an admin account or without
``RENKEI_ALLOWED_HOSTS``, and serves on 0.0.0.0 when both are there.  The last
test shows that ``renkei serve`` on 0.0.0.0 contacts nothing beyond this
machine: Streamlit would ask checkip.amazonaws.com for the external address.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

from network.accounts import users_for  # noqa: E402
from tests.network.bolt_server import bolt_server, clear_database  # noqa: E402, F401  (fixture)
from tests.ui.live_app import free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CONTAINER = Path(sys.executable).with_name("renkei-container")


def _compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


# --------------------------------------------------------------------------- files
def test_compose_starts_neo4j_and_renkei_against_it() -> None:
    from network.store import is_neo4j_url

    compose = _compose()
    neo4j, app = compose["services"]["neo4j"], compose["services"]["renkei"]
    assert re.fullmatch(r"neo4j:5[\w.\-]*", neo4j["image"]), neo4j["image"]
    assert "community" in neo4j["image"] or "enterprise" not in neo4j["image"]
    # a named volume for the data, declared at the top
    data = [v for v in neo4j["volumes"] if str(v).endswith(":/data")]
    assert len(data) == 1 and data[0].split(":")[0] in compose["volumes"]
    # credentials from the env file, never written in the compose file
    assert ".env" in neo4j["env_file"] and ".env" in app["env_file"]
    assert "NEO4J_AUTH" in neo4j["environment"] and "${" in neo4j["environment"]["NEO4J_AUTH"]
    assert not re.search(r"password\s*[:=]\s*[\w\"']", (ROOT / "compose.yaml").read_text(encoding="utf-8"), re.I)
    # health checks on both, and Renkei waits for a healthy Neo4j
    assert neo4j["healthcheck"]["test"] and app["healthcheck"]["test"]
    assert "/_stcore/health" in " ".join(app["healthcheck"]["test"])
    assert app["depends_on"]["neo4j"]["condition"] == "service_healthy"
    # Renkei's store is the Neo4j service, in a URL form open_store understands
    store = app["environment"]["RENKEI_STORE"]
    assert is_neo4j_url(store) and "neo4j:7687" in store
    assert app["environment"]["RENKEI_NEO4J_PASSWORD"] == "${RENKEI_NEO4J_PASSWORD}"
    # Neo4j's image turns every NEO4J_* variable into a setting: the password must not be one
    assert not any(k.startswith("NEO4J_") and k != "NEO4J_AUTH" and "PASSWORD" in k for k in _env_example())


def test_env_example_holds_every_variable_compose_reads_and_no_secret() -> None:
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{(\w+)", text))
    example = _env_example()
    assert used <= set(example), used - set(example)
    assert {"RENKEI_NEO4J_PASSWORD", "RENKEI_ALLOWED_HOSTS"} <= set(example)
    assert example["RENKEI_NEO4J_PASSWORD"].startswith("change-me")
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored


def _instructions(text: str) -> list[tuple[str, str]]:
    """A Dockerfile's instructions (continuation lines joined, comments dropped) as (INSTRUCTION, arguments)."""
    found, part = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not part and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            part += line[:-1] + " "
            continue
        op, _, rest = (part + line).partition(" ")
        found.append((op.upper(), " ".join(rest.split())))
        part = ""
    return found


def test_dockerfile_installs_the_wheel_as_a_non_root_user_and_runs_renkei_container() -> None:
    steps = _instructions((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    ops = [op for op, _ in steps]
    froms = [arg.split()[0] for op, arg in steps if op == "FROM"]
    assert froms and all(f == "python:3.11-slim" for f in froms), froms
    runs = [arg for op, arg in steps if op == "RUN"]
    assert any("pip wheel" in r and "--no-deps" in r for r in runs), runs
    install = max(i for i, (op, arg) in enumerate(steps) if op == "RUN" and "pip install" in arg and ".whl" in arg)
    user = max(i for i, op in enumerate(ops) if op == "USER")
    assert steps[user][1] not in ("root", "0") and user > install, steps[user]  # the app never runs as root
    health = [arg for op, arg in steps if op == "HEALTHCHECK"]
    assert len(health) == 1 and "/_stcore/health" in health[0] and "RENKEI_PORT" in health[0], health
    assert "ENTRYPOINT" not in ops
    cmd = [arg for op, arg in steps if op == "CMD"]
    assert json.loads(cmd[-1]) == ["renkei-container"], cmd


def test_renkei_container_is_a_console_script() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["renkei-container"] == "renkei.container:main"
    assert CONTAINER.exists(), f"{CONTAINER} missing: reinstall (pip install -e .)"


# --------------------------------------------------------------------------- renkei-container
def _env(store: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RENKEI_", "STREAMLIT_"))}
    env.update({"RENKEI_STORE": str(store), **extra})
    return env


def _store_with(tmp_path: Path, *accounts: tuple[str, str]) -> Path:
    path = tmp_path / "r.db"
    with users_for(str(path)) as users:
        for name, role in accounts:
            users.add(name, "correct horse 1", role)
    return path


def test_renkei_container_refuses_without_an_admin(tmp_path: Path) -> None:
    store = _store_with(tmp_path, ("sato", "editor"))
    done = subprocess.run(
        [str(CONTAINER)],
        env=_env(store, RENKEI_ALLOWED_HOSTS="renkei.example.org"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "admin" in lines[0] and "renkei user add" in lines[0], done.stderr
    assert done.stdout == ""


def test_renkei_container_refuses_without_allowed_hosts(tmp_path: Path) -> None:
    store = _store_with(tmp_path, ("kato", "admin"))
    for hosts in (None, " , "):
        extra = {} if hosts is None else {"RENKEI_ALLOWED_HOSTS": hosts}
        done = subprocess.run([str(CONTAINER)], env=_env(store, **extra), capture_output=True, text=True, timeout=60)
        assert done.returncode == 1
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "RENKEI_ALLOWED_HOSTS" in lines[0], done.stderr


def test_renkei_container_checks_the_hosts_before_it_opens_the_store(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    done = subprocess.run([str(CONTAINER)], env=_env(missing), capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "RENKEI_ALLOWED_HOSTS" in done.stderr
    assert not missing.exists()  # opening a SQLite path would have created it


def test_renkei_container_refuses_a_store_it_cannot_open(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(CONTAINER)],
        env=_env(tmp_path / "r.db", RENKEI_STORE="nosuch://x", RENKEI_ALLOWED_HOSTS="renkei.lan"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "nosuch://x" in done.stderr


@pytest.mark.neo4j
def test_renkei_container_reads_the_accounts_of_the_bolt_store(bolt_server, monkeypatch) -> None:  # noqa: F811
    from renkei.container import admins_in

    clear_database(bolt_server)
    bolt = {
        "RENKEI_NEO4J_USER": bolt_server.user,
        "RENKEI_NEO4J_PASSWORD": bolt_server.password,
        "RENKEI_NEO4J_DATABASE": bolt_server.database,
    }
    env = _env(Path("unused"), RENKEI_STORE=bolt_server.uri, RENKEI_ALLOWED_HOSTS="renkei.lan", **bolt)
    done = subprocess.run([str(CONTAINER)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no admin account" in done.stderr, done.stderr
    for key, value in bolt.items():
        monkeypatch.setenv(key, value)
    with users_for(bolt_server.uri) as users:
        users.add("kato", "correct horse 1", "admin")
        users.add("sato", "correct horse 1", "viewer")
    assert admins_in(bolt_server.uri) == 1
    clear_database(bolt_server)


class _Trap:
    """A local TCP listener standing in for every proxy: it counts who tried to reach the outside."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.seen: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.seen.append(conn.recv(200))
                except OSError:
                    self.seen.append(b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=2) as r:
        return r.read().decode()


def _cross_origin_websocket(port: int) -> bytes:
    """Open Streamlit's WebSocket from a foreign page's origin (what a cross-site page would do)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(
            (
                f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                "Sec-WebSocket-Version: 13\r\nOrigin: http://evil.example\r\n\r\n"
            ).encode()
        )
        try:
            return s.recv(200)
        except OSError:
            return b""


def _serve_watched(cmd: list[str], tmp_path: Path, store: Path, port: int, **extra: str) -> tuple[str, list]:
    """Run ``cmd`` with every proxy pointing at a trap; return its log and what reached the trap."""
    trap = _Trap()
    proxy = f"http://127.0.0.1:{trap.port}"
    env = _env(
        store,
        RENKEI_ALLOWED_HOSTS="renkei.example.org",
        HTTP_PROXY=proxy,
        HTTPS_PROXY=proxy,
        http_proxy=proxy,
        https_proxy=proxy,
        **extra,
    )
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        health = ""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = _get(f"http://127.0.0.1:{port}/_stcore/health")
                break
            except OSError:
                time.sleep(0.2)
        assert health == "ok", log.read_text(errors="replace")
        # the same process (exec, not a child) listens on every address
        listening = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True)
        if listening.returncode == 0 and listening.stdout:
            assert f"0.0.0.0:{port}" in listening.stdout or f"*:{port}" in listening.stdout, listening.stdout
            assert f"pid={proc.pid}," in listening.stdout, listening.stdout
        answer = _cross_origin_websocket(port)
        assert not answer.startswith(b"HTTP/1.1 101"), answer  # a foreign origin is refused
        time.sleep(3)  # Streamlit prints its URLs (and would look the external one up) once started
        return log.read_text(errors="replace"), list(trap.seen)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        trap.close()


@pytest.mark.slow
def test_serve_on_all_addresses_contacts_nothing_outside(tmp_path: Path) -> None:
    store = _store_with(tmp_path, ("kato", "admin"))
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "network.cli",
        "--store",
        str(store),
        "serve",
        "--address",
        "0.0.0.0",
        "--port",
        str(port),
    ]
    text, seen = _serve_watched(cmd, tmp_path, store, port)
    assert seen == [], (seen, text)


@pytest.mark.slow
def test_streamlit_run_app_looks_no_public_address_up(tmp_path: Path) -> None:
    """``streamlit run app.py`` (docs/app.md) with the repository's config prints its URL without asking anyone.

    Only the start is covered: Streamlit's origin check for a foreign page is turned off by
    ``renkei serve`` (renkei.streamlit_child), not by a setting.
    """
    trap = _Trap()
    proxy = f"http://127.0.0.1:{trap.port}"
    env = _env(tmp_path / "r.db", HTTP_PROXY=proxy, HTTPS_PROXY=proxy, http_proxy=proxy, https_proxy=proxy)
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if _get(f"http://127.0.0.1:{port}/_stcore/health") == "ok":
                    break
            except OSError:
                time.sleep(0.2)
        time.sleep(2)
    finally:
        proc.terminate()
        out = proc.communicate(timeout=15)[0].decode(errors="replace")
        trap.close()
    assert f"URL: http://localhost:{port}" in out, out
    assert trap.seen == [], (trap.seen, out)


@pytest.mark.slow
def test_renkei_container_serves_on_all_addresses(tmp_path: Path) -> None:
    store = _store_with(tmp_path, ("kato", "admin"))
    port = free_port()
    text, seen = _serve_watched([str(CONTAINER)], tmp_path, store, port, RENKEI_PORT=str(port))
    assert f"Renkei: http://0.0.0.0:{port}/" in text, text
    assert seen == [], (seen, text)
