"""The survey's tables in SQLite: the survey migration, and answers and rounds as rows.

:data:`SURVEY_DDL` is the survey migration (appended to ``network.store.sqlite.MIGRATIONS``);
the helpers turn an :class:`~network.survey.model.Answer` into a row of ``survey_answers`` and
back, for :class:`network.store.sqlite.survey.SQLiteSurvey`, as :mod:`network.store.sqlite.codec`
does for the main tables.
"""

from __future__ import annotations

import json
import sqlite3

from network.survey.model import ANSWER_FIELDS, ITEMS, Answer, Round

__all__ = [
    "SURVEY_DDL",
    "ANSWER_COLS",
    "UPSERT_ANSWER",
    "answer_row",
    "answer_from_row",
    "answer_from_dict",
    "round_from_row",
]

#: The survey migration (appended to ``network.store.sqlite.MIGRATIONS``).
SURVEY_DDL = """
    CREATE TABLE IF NOT EXISTS survey_rounds (
        name TEXT PRIMARY KEY,
        fiscal_year INTEGER NOT NULL,
        close_date TEXT,
        closed INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS survey_invites (
        round TEXT NOT NULL REFERENCES survey_rounds(name),
        org TEXT NOT NULL,
        token_hash TEXT UNIQUE,
        issued_at TEXT,
        PRIMARY KEY (round, org)
    );
    CREATE TABLE IF NOT EXISTS survey_answers (
        round TEXT NOT NULL REFERENCES survey_rounds(name),
        respondent TEXT NOT NULL,
        partner_key TEXT NOT NULL,
        partner TEXT NOT NULL DEFAULT '',
        partner_name TEXT NOT NULL DEFAULT '',
        frequency TEXT NOT NULL DEFAULT '',
        strength INTEGER CHECK (strength IS NULL OR strength BETWEEN 1 AND 5),
        types TEXT NOT NULL DEFAULT '[]',
        trust_openness INTEGER CHECK (trust_openness IS NULL OR trust_openness BETWEEN 1 AND 4),
        trust_reliability INTEGER CHECK (trust_reliability IS NULL OR trust_reliability BETWEEN 1 AND 4),
        trust_mission INTEGER CHECK (trust_mission IS NULL OR trust_mission BETWEEN 1 AND 4),
        value_influence INTEGER CHECK (value_influence IS NULL OR value_influence BETWEEN 1 AND 4),
        value_resources INTEGER CHECK (value_resources IS NULL OR value_resources BETWEEN 1 AND 4),
        value_involvement INTEGER CHECK (value_involvement IS NULL OR value_involvement BETWEEN 1 AND 4),
        note TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'web',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (round, respondent, partner_key),
        FOREIGN KEY (round, respondent) REFERENCES survey_invites(round, org)
    );
    CREATE TABLE IF NOT EXISTS survey_responses (
        round TEXT NOT NULL,
        org TEXT NOT NULL,
        contributions TEXT NOT NULL DEFAULT '[]',
        comment TEXT NOT NULL DEFAULT '',
        submitted_at TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (round, org),
        FOREIGN KEY (round, org) REFERENCES survey_invites(round, org)
    )
    """

_ITEM_COLS = [i.key for i in ITEMS]
#: the columns of ``survey_answers``, in the order :func:`answer_row` gives them
ANSWER_COLS = [
    "round",
    "respondent",
    "partner_key",
    "partner",
    "partner_name",
    "frequency",
    "strength",
    "types",
    *_ITEM_COLS,
    "note",
    "date",
    "source",
    "updated_at",
]
UPSERT_ANSWER = (
    f"INSERT INTO survey_answers ({', '.join(ANSWER_COLS)}) VALUES ({', '.join('?' * len(ANSWER_COLS))}) "
    "ON CONFLICT (round, respondent, partner_key) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ANSWER_COLS[3:])
)


def answer_row(a: Answer, now: str) -> tuple:
    """The ``survey_answers`` row of ``a`` (in :data:`ANSWER_COLS` order), written at ``now``."""
    return (
        a.round,
        a.respondent,
        a.partner_key,
        a.partner,
        a.partner_name,
        a.frequency,
        a.strength,
        json.dumps(a.types, ensure_ascii=False),
        *(getattr(a, c) for c in _ITEM_COLS),
        a.note,
        a.date or now[:10],
        a.source,
        now,
    )


def answer_from_row(r: sqlite3.Row) -> Answer:
    """The answer a ``survey_answers`` row holds."""
    return Answer(
        r["round"],
        r["respondent"],
        partner=r["partner"],
        partner_name=r["partner_name"],
        frequency=r["frequency"],
        strength=r["strength"],
        types=json.loads(r["types"]),
        **{c: r[c] for c in _ITEM_COLS},
        note=r["note"],
        date=r["date"],
        source=r["source"],
    )


def answer_from_dict(d: dict) -> Answer:
    """The answer of one item of a dump's ``answers`` (its extra keys, such as ``updated_at``, ignored)."""
    return Answer(**{k: d[k] for k in ANSWER_FIELDS})


def round_from_row(r: sqlite3.Row, orgs: list[str]) -> Round:
    """The round a ``survey_rounds`` row holds, with its list of organisations."""
    return Round(r["name"], int(r["fiscal_year"]), orgs, r["close_date"], bool(r["closed"]), r["created_at"])
