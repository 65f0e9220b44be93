"""``ui.common.md``: a value in a Markdown call shows as its text (issue 9, item 14; the browser
proof is tests/trust/test_markdown_browser.py)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from renkei.ui.parts.common import md

from network.accounts import UserStore
from network.store.sqlite import SQLiteStore
from tests.trust.conftest import FAST

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
HOSTILE = [
    "![b](http://127.0.0.1:9/b.png)",
    "[ログイン](http://x.example)",
    "<http://x>",
    "www.x.example",
    "a@x.example",
    ":red[赤] :smile: $x$",
    "# 見出し",
    "1. list",
    "> quote",
    "| a | b |",
    "`code`",
    "\\*not bold\\*",
    "[r]: http://x\n[x][r]",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_every_punctuation_mark_is_escaped(value: str) -> None:
    out = md(value)
    assert "\n" not in out
    plain = out.replace("\u2060", "")
    i = 0
    while i < len(plain):  # every ASCII punctuation mark comes as "\x"
        if plain[i] in string.punctuation:
            assert plain[i] == "\\" and plain[i + 1] in string.punctuation, (value, out, i)
            i += 2
        else:
            i += 1
    assert plain.replace("\\", "") == value.replace("\\", "").replace("\n", " ")
    assert "://" not in out and "www." not in out.replace("\\", "") and "x.example" not in out


def test_sidebar_shows_account_name_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "renkei.db"
    SQLiteStore(path).close()
    name = "boss@www.evil.example"  # an allowed account name that Streamlit would turn into a link
    with UserStore(path, hasher=FAST) as users:
        users.add(name, "correct horse battery", "admin")
    monkeypatch.setenv("RENKEI_STORE", str(path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["renkei_user"] = {"name": name, "role": "admin"}
    at.run()
    captions = [c.value for c in at.sidebar.caption]
    assert any(md(name) in c for c in captions), captions
    assert not any(name in c for c in captions)
