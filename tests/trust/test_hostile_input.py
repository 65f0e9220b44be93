"""Hostile input: every bad file and form value is rejected with a clear message or stored verbatim.

The corpus (``tests/trust/hostile_corpus.py``, made here) holds over 100 files
(truncated and mixed encodings, binary junk, huge cells, 10,000-column rows,
formula injection, HTML and script, SQL and Cypher fragments, control
characters) and over 50 form inputs; hypothesis generates more.  For each:
either ``ValidationError`` whose report names row, column and reason and the
store is unchanged, or the new organisations carry exactly the text given
(its display form: trimmed, runs of white space made one — ``ingest.normalise.display_name``)
and nothing else changed.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.forms import validate_org_form, validate_tie_form
from ingest.importer import import_files
from ingest.normalise import display_name
from network.errors import ValidationError
from network.present.export import export_bytes
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore
from tests.trust.conftest import small_network
from tests.trust.hostile_corpus import FORMULA_NAMES, QUERY_NAMES, file_cases, form_values

CASES = file_cases()
FORMS = form_values()

#: No case is expected to fail: huge CSV cells, deep JSON and non-scalar JSON cells (once xfail
#: "importer gap") are handled by ingest/guard.py and asserted like every other case.


def _snapshot(store: SQLiteStore) -> tuple:
    conn = store._conn()
    return (
        store.revision(),
        [dict(r) for r in conn.execute("SELECT * FROM orgs ORDER BY id")],
        [dict(r) for r in conn.execute("SELECT * FROM ties ORDER BY id")],
        [tuple(r) for r in conn.execute("SELECT type, name FROM sqlite_master ORDER BY name")],
    )


def _base(tmp_path=None) -> SQLiteStore:
    s = SQLiteStore(":memory:")
    s.write(small_network(), user="setup")
    return s


def _loose(s: str) -> str:
    return "".join(s.split()).replace('""', '"')


def _check(store, before, outcome, expect, names, text) -> None:
    """The common assertion of every case."""
    if isinstance(outcome, ValidationError):
        assert expect in ("reject", "either"), f"should have been stored verbatim: {outcome.report.errors[:3]}"
        report = outcome.report
        assert report is not None and report.errors, "a rejection must come with a row report"
        for e in report.errors:
            assert isinstance(e.row, int) and e.row >= 0 and e.reason.strip()
            assert "Traceback" not in e.reason and len(e.reason) < 400 and "\n" not in e.reason
        assert _snapshot(store) == before, "a rejected file must leave the store as it was"
        return
    assert expect != "reject", f"should have been rejected, wrote {outcome.counts}"
    old_ids = {o["id"] for o in before[1]}
    after = _snapshot(store)
    # existing records unchanged
    assert [o for o in after[1] if o["id"] in old_ids] == before[1]
    assert after[2] == before[2] and after[3] == before[3]
    new_names = sorted(o["name"] for o in after[1] if o["id"] not in old_ids)
    if expect == "verbatim":
        assert new_names == sorted({display_name(n) for n in names} - {""})
    else:  # whatever was stored is text that was in the file
        for n in new_names:
            assert _loose(n) in _loose(text), n


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_file(case):
    cid, name, data, expect, names = case
    store = _base()
    before = _snapshot(store)
    try:
        outcome = import_files(store, [(name, data)], user="hostile")
    except ValidationError as exc:
        outcome = exc
        assert all(e.file.startswith(name) for e in exc.report.errors), "every error names the file"
    _check(store, before, outcome, expect, names, data.decode("utf-8", "replace") + data.decode("cp932", "replace"))


def test_corpus_is_big_enough():
    # the issue asks for at least 100 bad files and form inputs
    assert len(CASES) >= 100 and len(CASES) + len(FORMS) >= 150


@pytest.mark.parametrize("case", FORMS, ids=[f[0] for f in FORMS])
def test_hostile_form(case):
    cid, fields, expect = case
    store = _base()
    before = _snapshot(store)
    if "source" in fields:
        record, errors, _ = validate_tie_form(dict(fields), store)
    else:
        record, errors, _ = validate_org_form(dict(fields), store)
    if errors:
        assert record is None and all(e.column and e.reason.strip() for e in errors)
        assert _snapshot(store) == before
        return
    assert expect != "reject", f"{cid} accepted: {record}"
    store.write(ChangeSet(orgs=[record]), user="hostile")
    stored = store.get_org(record.id)
    assert stored.name == display_name(fields["name"])
    for key in ("note", "city"):
        if key in fields:
            assert getattr(stored, key) == fields[key].strip()


def test_formula_names_are_defused_in_csv_export_and_kept_in_json():
    store = _base()
    import_files(
        store,
        [
            (
                "orgs.csv",
                b"name,sector\n"
                + "".join('"' + n.replace('"', '""') + '",npo\n' for n in FORMULA_NAMES + QUERY_NAMES).encode(),
            )
        ],
        user="t",
    )
    G = store.load_graph()
    with zipfile.ZipFile(io.BytesIO(export_bytes(G, "csv"))) as z:
        rows = list(csv.DictReader(io.StringIO(z.read("orgs.csv").decode("utf-8-sig"))))
    cells = {r["name"] for r in rows}
    for n in FORMULA_NAMES:
        shown = display_name(n)
        # network.present.export.csv_safe: a cell starting with = + - @ gets a leading apostrophe
        assert ("'" + shown if shown[0] in "=+-@" else shown) in cells
        assert shown not in cells or shown[0] not in "=+-@"
    import json

    names = {n["name"] for n in json.loads(export_bytes(G, "json"))["organisations"]}
    assert {display_name(n) for n in FORMULA_NAMES} <= names


def test_query_fragments_leave_the_schema_alone(tmp_path):
    path = tmp_path / "r.db"
    store = SQLiteStore(path)
    store.write(small_network())
    import_files(
        store,
        [
            (
                "orgs.csv",
                b"name,sector\n" + "".join('"' + n.replace('"', '""') + '",npo\n' for n in QUERY_NAMES).encode(),
            )
        ],
        user="t",
    )
    store.close()
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    assert {
        "activities",
        "audit",
        "login_attempts",
        "orgs",
        "participations",
        "schema_version",
        "sqlite_sequence",
        "ties",
        "users",
    } <= set(tables)
    SQLiteStore(tmp_path / "fresh.db").close()  # the tables of a fresh store (other areas' migrations too)
    with sqlite3.connect(tmp_path / "fresh.db") as fresh:
        expected = [r[0] for r in fresh.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    assert [t for t in tables if t != "sqlite_sequence"] == [t for t in expected if t != "sqlite_sequence"]
    assert conn.execute("SELECT COUNT(*) FROM orgs").fetchone()[0] == 3 + len(QUERY_NAMES)
    assert conn.execute("SELECT COUNT(*) FROM ties").fetchone()[0] == 2
    assert not (tmp_path / "x.db").exists() and not __import__("os").path.exists("/tmp/x.db")
    conn.close()


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(_text, min_size=1, max_size=5, unique_by=lambda s: s))
def test_generated_names_are_rejected_or_verbatim(names):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["name", "sector"])
    for n in names:
        w.writerow([n, "npo"])
    data = buf.getvalue().encode("utf-8")
    store = SQLiteStore(":memory:")
    before = _snapshot(store)
    try:
        outcome = import_files(store, [("orgs.csv", data)], user="h")
    except ValidationError as exc:
        outcome = exc
    if isinstance(outcome, ValidationError):
        _check(store, before, outcome, "either", [], "")
        return
    stored = sorted(o.name for o in store.orgs())
    # distinct names may match each other after normalisation (ＡＢＣ = ABC): then the first is kept
    assert set(stored) <= {display_name(n) for n in names} and len(stored) >= 1


@settings(max_examples=150, deadline=None)
@given(data=st.binary(min_size=0, max_size=600), ext=st.sampled_from(["csv", "json", "xlsx", "tsv"]))
def test_generated_bytes_never_crash(data, ext):
    store = _base()
    before = _snapshot(store)
    try:
        import_files(store, [(f"orgs.{ext}", data)], user="h")
    except ValidationError as exc:
        _check(store, before, exc, "either", [], "")
