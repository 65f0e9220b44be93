"""JSON files → tables: a list of objects, or an object of organisations/ties/participations lists.

Cells must be scalars (a list of strings for aliases and tags): anything else is
a bad cell with its row and column (:func:`ingest.guard.json_cell_problem`).
"""

from __future__ import annotations

import json
from itertools import chain

from ingest.encoding import decode_bytes
from ingest.guard import LIST_HEADERS, json_cell_problem, json_value_label
from ingest.headers import normalise_header
from ingest.report import RowError
from ingest.table import Table, _kind_hint

__all__: list[str] = []

_JSON_KINDS = {
    "organisations": "orgs",
    "organizations": "orgs",
    "orgs": "orgs",
    "団体": "orgs",
    "ties": "ties",
    "edges": "ties",
    "連携": "ties",
    "participations": "participations",
    "参加": "participations",
}


def _read_json(name: str, data: bytes) -> list[Table]:
    text, enc, clean = decode_bytes(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        t = Table(name, f"json ({enc})")
        t.errors.append(
            RowError(name, exc.lineno, "", "", f"not valid JSON / JSON として読めません: {exc.msg}", "unreadable")
        )
        return [t]
    except RecursionError:
        t = Table(name, f"json ({enc})")
        t.errors.append(
            RowError(name, 0, "", "", "JSON nested too deeply / JSON の入れ子が深すぎます", "json_too_deep")
        )
        return [t]
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        t = Table(name, f"json ({enc})")
        t.errors.append(
            RowError(name, 0, "", "", f"not valid JSON / JSON として読めません: {str(exc)[:120]}", "unreadable")
        )
        return [t]
    parts: list[tuple[str, str, object]] = []
    if isinstance(doc, list):
        parts.append((name, _kind_hint(name), doc))
    elif isinstance(doc, dict):
        for key, value in doc.items():
            kind = _JSON_KINDS.get(str(key).strip().lower())
            if kind is not None:
                parts.append((f"{name}:{key}", kind, value))
    tables = []
    for label, hint, items in parts:
        table = Table(label, f"json ({enc})", hint=hint)
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            table.errors.append(
                RowError(label, 0, "", "", "expected a list of objects / オブジェクトの配列が必要です", "unreadable")
            )
            tables.append(table)
            continue
        headers: dict[str, None] = {}
        for item in items:
            headers.update(dict.fromkeys(str(k) for k in item))
        table.headers = list(headers)
        for n, item in enumerate(items, start=1):
            table.rows.append([item.get(h) for h in table.headers])
            table.row_numbers.append(n)
        if not set(map(type, chain.from_iterable(table.rows))) <= _PLAIN:  # a float, list or object
            _check_json_cells(table)
        tables.append(table)
    if not parts:
        t = Table(name, f"json ({enc})")
        t.errors.append(
            RowError(
                name,
                0,
                "",
                "",
                "expected a list of objects or an object with organisations/ties/"
                "participations / 配列か organisations・ties・participations を持つオブジェクトが必要です",
                "unreadable",
            )
        )
        tables.append(t)
    return tables


_PLAIN = frozenset({str, int, bool, type(None)})


def _check_json_cells(table: Table) -> None:
    """Report each cell that is not a scalar (see :func:`ingest.guard.json_cell_problem`)."""
    listable = [normalise_header(h) in LIST_HEADERS for h in table.headers]
    for n, row in zip(table.row_numbers, table.rows, strict=True):
        for h, v, ok_list in zip(table.headers, row, listable, strict=True):
            if v.__class__ in _PLAIN:
                continue
            bad = json_cell_problem(v, allow_list=ok_list)
            if bad is not None:
                table.errors.append(RowError(table.file, n, h, json_value_label(v), bad[1], bad[0]))
                table.bad_rows.add(n)
