"""Undo on the SQLite store: the shared contract (tests/network/undo_contract.py), and the CLI."""

from __future__ import annotations

import json

from tests.network.undo_contract import UndoContract, _import_then_someone_adds_a_tie


class TestSQLiteUndo(UndoContract):
    """The ``store`` fixture of tests/trust/conftest.py: a fresh SQLite file."""


def test_cli_undo_refuses_then_cascades(store, capsys):
    from network.cli import main

    batch, _ = _import_then_someone_adds_a_tie(store)
    url = str(store.path)
    assert main(["--store", url, "undo", "--batch", batch, "--user", "aoi"]) == 1
    err = capsys.readouterr().err
    assert "t-kato" in err and "--cascade" in err
    assert main(["--store", url, "undo", "--batch", batch, "--cascade", "--user", "aoi"]) == 0
    out = capsys.readouterr().out
    assert "undid 5 change(s)" in out and "t-kato" in out and "1" in out
    assert main(["--store", url, "history", "--action", "cascade", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["entity_id"] for r in rows] == ["t-kato"]
