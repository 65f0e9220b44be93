"""Upload, table and form-field limits, and user messages (ingest.limits)."""

from __future__ import annotations

import logging

import pytest

from ingest import limits
from ingest.limits import check_table, check_text, check_upload, user_message
from network.errors import ValidationError


def test_upload_size_and_empty():
    check_upload("orgs.csv", b"a\n")
    with pytest.raises(ValidationError, match="over the limit of 20 MiB"):
        check_upload("big.csv", limits.MAX_UPLOAD_BYTES + 1)
    with pytest.raises(ValidationError, match="empty"):
        check_upload("e.csv", b"")


def test_table_shape():
    with pytest.raises(ValidationError, match="10,000 columns"):
        check_table("wide.csv", [f"c{i}" for i in range(10_000)], [])
    with pytest.raises(ValidationError, match="rows, over the limit"):
        check_table("long.csv", ["name"], [["x"]] * (limits.MAX_ROWS + 1))
    problems = check_table("t.csv", ["name", "note"], [["ok", "ok"], ["a"] * 10_000, ["b", "x" * 20_000]])
    assert [(r, c) for r, c, _ in problems] == [(3, ""), (4, "note")]  # header is row 1


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>",
        '=HYPERLINK("http://x")',
        "MATCH (n) DETACH DELETE n",
        "'); DROP TABLE orgs;--",
        "株式会社 れんぷく",
        "a\tb",
    ],
)
def test_markup_and_code_are_text(value):
    assert check_text("name", value.replace("\t", " ")) == value.replace("\t", " ")


@pytest.mark.parametrize(
    "value,code", [("a\x00b", "0000"), ("a\x1bb", "001B"), ("a\u202eb", "202E"), ("a\nb", "000A"), ("a\x7f", "007F")]
)
def test_control_characters_refused(value, code):
    with pytest.raises(ValidationError, match=f"U\\+{code}"):
        check_text("name", value)


def test_multiline_allows_newlines_only():
    assert check_text("note", "一行目\n二行目", multiline=True) == "一行目\n二行目"
    with pytest.raises(ValidationError):
        check_text("note", "x" * (limits.MAX_FIELD_CHARS + 1), multiline=True)


def test_user_message_never_shows_a_trace(caplog):
    with caplog.at_level(logging.ERROR, logger="renkei"):
        msg = user_message(ZeroDivisionError("division by zero"), where="test")
    assert "Traceback" not in msg and "ZeroDivision" not in msg and "エラー" in msg
    assert "ZeroDivisionError" in caplog.text  # the trace is in the log
