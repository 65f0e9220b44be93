"""The row codec of the SQLite store: records ↔ rows, JSON columns, the audit's before/after text.

Lists (aliases, tags) and custom fields are stored as JSON text (custom fields with sorted keys, so
equal fields compare equal as text); booleans as 0/1.  Shared by the store's reads
(:mod:`network.store.sqlite.store`), its writes (:mod:`network.store.sqlite.write`) and undo.

Examples
--------
>>> from network.model import Org
>>> row = org_row(Org("a", "れんぷく", "intermediary", aliases=["連福"]))
>>> org_from_row(dict(zip(ORG_COLS, row))).aliases
['連福']
>>> json_custom({"電話": "022", "担当": "佐藤"})
'{"担当": "佐藤", "電話": "022"}'
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from operator import attrgetter

from network.model import ORG_FIELDS, TIE_FIELDS, Org, Tie

ORG_COLS = [f for f in ORG_FIELDS]
TIE_COLS = [f for f in TIE_FIELDS]
CONTENT_SKIP = {"created_at", "updated_at"}
BATCH = 500  # rows per SELECT … IN (…) lookup; under SQLite's parameter limit


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def quote(col: str) -> str:
    return f'"{col}"'


ORG_GET = attrgetter(*ORG_COLS)
TIE_GET = attrgetter(*TIE_COLS)
ALIASES, TAGS = ORG_COLS.index("aliases"), ORG_COLS.index("tags")
DIRECTED = TIE_COLS.index("directed")
ORG_CUSTOM, TIE_CUSTOM = ORG_COLS.index("custom"), TIE_COLS.index("custom")


def json_list(items: list[str]) -> str:
    return LIST_ENC(list(items)) if items else "[]"


def json_custom(fields: dict[str, str] | None) -> str:
    """Custom fields as stored: a JSON object, keys sorted (so equal fields compare equal as text)."""
    return ENC(dict(fields)) if fields else "{}"


def org_row(o: Org) -> tuple:
    row = list(ORG_GET(o))
    row[ALIASES] = json_list(row[ALIASES])
    row[TAGS] = json_list(row[TAGS])
    row[ORG_CUSTOM] = json_custom(row[ORG_CUSTOM])
    return tuple(row)


def org_from_row(row: sqlite3.Row | dict) -> Org:
    d = {c: row[c] for c in ORG_COLS}
    d["aliases"] = json.loads(d["aliases"])
    d["tags"] = json.loads(d["tags"])
    d["custom"] = json.loads(d["custom"])
    return Org(**d)


def tie_row(t: Tie) -> tuple:
    row = list(TIE_GET(t))
    row[DIRECTED] = int(bool(row[DIRECTED]))
    row[TIE_CUSTOM] = json_custom(row[TIE_CUSTOM])
    return tuple(row)


def tie_from_row(row: sqlite3.Row | dict) -> Tie:
    d = {c: row[c] for c in TIE_COLS}
    d["directed"] = bool(d["directed"])
    d["custom"] = json.loads(d["custom"])
    return Tie(**d)


def content(d: dict) -> dict:
    return {k: v for k, v in d.items() if k not in CONTENT_SKIP}


def conv_dict(entity: str, d: dict):  # noqa: ANN201
    return Org(**d) if entity == "org" else Tie(**d)


def json_object_sql(cols: list[str], as_json: tuple[str, ...], as_bool: tuple[str, ...]) -> str:
    """SQL building the same JSON object as ``dump(content(record))`` (keys sorted), from constants."""
    parts = []
    for col in sorted(c for c in cols if c not in CONTENT_SKIP):
        value = quote(col)
        if col in as_json:
            value = f"json({value})"
        elif col in as_bool:
            value = f"json(CASE WHEN {value} THEN 'true' ELSE 'false' END)"
        parts.append(f"'{col}', {value}")
    return "json_object(" + ", ".join(parts) + ")"


AFTER_JSON = {
    "orgs": json_object_sql(ORG_COLS, ("aliases", "tags", "custom"), ()),
    "ties": json_object_sql(TIE_COLS, ("custom",), ("directed",)),
}

ENC = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
LIST_ENC = json.JSONEncoder(ensure_ascii=False).encode


def json_loads(text: str) -> dict:
    return {} if text == "{}" else json.loads(text)


def dump(d: dict | None) -> str | None:
    return None if d is None else ENC(d)
