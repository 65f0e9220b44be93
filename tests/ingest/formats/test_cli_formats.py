"""``renkei import`` reads the peers' formats and takes ``--map FILE``."""

from __future__ import annotations

import json

from network.cli import main
from network.store.sqlite import SQLiteStore


def test_cli_import_with_a_word_map(tmp_path, capsys):
    doc = {
        "elements": [{"label": "みやぎ連携復興センター", "type": "Hub"}, {"label": "石巻市", "type": "City"}],
        "connections": [
            {"from": "石巻市", "to": "みやぎ連携復興センター", "type": "Outsourcing", "strength": "Strong"}
        ],
    }
    blueprint = tmp_path / "kumu.json"
    blueprint.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    db = str(tmp_path / "renkei.db")
    assert main(["--store", db, "import", str(blueprint)]) != 0
    err = capsys.readouterr().err
    assert (
        "kumu.json:elements row 1 [sector] 'Hub'" in err and "kumu.json:connections row 1 [type] 'Outsourcing'" in err
    )
    words = tmp_path / "words.json"
    words.write_text(
        json.dumps(
            {
                "sector": {"Hub": "中間支援", "City": "government"},
                "type": {"Outsourcing": "commission"},
                "strength": {"Strong": "4"},
            }
        ),
        encoding="utf-8",
    )
    assert main(["--store", db, "import", str(blueprint), "--map", str(words), "--dry-run"]) == 0
    assert main(["--store", db, "import", str(blueprint), "--map", str(words)]) == 0
    with SQLiteStore(db) as s:
        assert {o.name: o.sector for o in s.orgs()} == {
            "みやぎ連携復興センター": "intermediary",
            "石巻市": "government",
        }
        (t,) = s.ties()
        assert (t.type, t.strength, t.directed) == ("commission", 4, True)


def test_a_bad_word_map_is_refused_with_its_rows(tmp_path, capsys):
    words = tmp_path / "words.csv"
    words.write_text("word,code\nHub,中間支援\nCity,宇宙\nonly-one-cell\n", encoding="utf-8")
    f = tmp_path / "orgs.csv"
    f.write_text("団体名,区分\nれんぷく,Hub\n", encoding="utf-8")
    db = str(tmp_path / "renkei.db")
    assert main(["--store", db, "import", str(f), "--map", str(words)]) != 0
    err = capsys.readouterr().err
    assert "word map words.csv" in err
    with SQLiteStore(db) as s:
        assert s.counts()["orgs"] == 0
