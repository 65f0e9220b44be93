"""Stopping ``renkei serve`` stops the app and frees its port (issue 9, item 15).

A real ``renkei serve`` process is started on a free port; once the app answers,
SIGTERM (what ``kill``, systemd and Docker send) goes to the pid that was started.
Within a few seconds no process may answer on the port, and a new server must be
able to bind it.  Before the fix, ``serve`` ran Streamlit as a child with
``subprocess.call`` and the child outlived its parent.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.ui.live_app import ROOT, free_port

RENKEI = [sys.executable, "-m", "network.cli"]


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _start(tmp_path: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "RENKEI_STORE": str(tmp_path / "renkei.db")}
    proc = subprocess.Popen(
        [*RENKEI, "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not _answers(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            pytest.fail(f"renkei serve did not start: {out[-2000:]}")
        time.sleep(0.2)
    return proc


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_to_serve_frees_the_port(tmp_path: Path, sig: signal.Signals) -> None:
    port = free_port()
    proc = _start(tmp_path, port)
    try:
        os.kill(proc.pid, sig)  # the pid we started, as a service manager would
        try:
            code = proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            code = None
        deadline = time.monotonic() + 10
        while _answers(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        still_answers = _answers(port)
        bindable = _bindable(port)
    finally:
        try:  # whatever is left of the session we started (its own process group)
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
    assert code is not None, "renkei serve did not exit"
    assert not still_answers, "the app still answers after renkei serve was stopped"
    assert bindable, f"port {port} is still taken"
