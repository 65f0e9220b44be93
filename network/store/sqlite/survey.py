"""Survey rounds, links and answers in the SQLite store (tables of the survey migration).

Reached through :meth:`network.store.sqlite.SQLiteStore.survey`; every write is one
``BEGIN IMMEDIATE`` transaction of the store, every value a parameter.  The staff's writes
(create, close, links, paper import, a copy, and :meth:`SQLiteSurvey.record` for an apply) add one
audit row (entity ``survey_round``, action ``survey_…``, batch ``""``) in the same transaction;
a respondent's own saves are not audited (they are the respondent's, kept with their date).  The
methods and their behaviour are the same as :class:`network.store.neo4j.survey.Neo4jSurvey`
(checked by ``tests/network/test_survey_store.py`` over both).

>>> from network.store.sqlite import SQLiteStore
>>> s = SQLiteStore(":memory:").survey()
>>> s.create_round(Round("R1", 2024, ["a", "b"], "2025-01-31")).orgs
['a', 'b']
>>> s.save_answer(Answer("R1", "a", partner="b", strength=3), now="2024-06-01T00:00:00+00:00")
>>> [x.partner for x in s.answers("R1", respondent="a")]
['b']
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from network.errors import ConflictError, NotFound, StoreError, ValidationError
from network.store.sqlite.survey_tables import (
    ANSWER_COLS,
    SURVEY_DDL,
    UPSERT_ANSWER,
    answer_from_dict,
    answer_from_row,
    answer_row,
    round_from_row,
)
from network.survey.model import (
    LIMITS,
    Answer,
    Invite,
    Response,
    Round,
    check_counts,
    copy_state,
    import_state,
    links_state,
    round_state,
)

__all__ = ["SQLiteSurvey", "SURVEY_DDL", "AUDIT_ENTITY"]

#: The audit log's entity for survey rounds (its ``entity_id`` is the round's name).
AUDIT_ENTITY = "survey_round"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _audit(
    c: sqlite3.Connection,
    by: str,
    action: str,
    name: str,
    before: dict | None,
    after: dict | None,
    now: str | None = None,
) -> None:
    c.execute(
        "INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) VALUES (?,?,?,?,?,?,?,?)",
        (
            now or _now(),
            by,
            action,
            AUDIT_ENTITY,
            name,
            json.dumps(before, ensure_ascii=False) if before else None,
            json.dumps(after, ensure_ascii=False) if after else None,
            "",
        ),
    )


class SQLiteSurvey:
    """The survey part of one :class:`~network.store.sqlite.SQLiteStore`."""

    def __init__(self, store: object) -> None:
        self._store = store

    def _rows(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        return self._store._rows(sql, params)  # type: ignore[attr-defined]

    def _tx(self):  # noqa: ANN202 - a context manager yielding a connection
        return self._store.transaction()  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ rounds
    def create_round(self, rnd: Round, *, by: str = "system") -> Round:
        if len(rnd.orgs) > LIMITS.orgs:
            raise ValidationError(f"a round lists at most {LIMITS.orgs} organisations")
        orgs = list(dict.fromkeys(rnd.orgs))
        try:
            with self._tx() as c:
                c.execute(
                    "INSERT INTO survey_rounds (name, fiscal_year, close_date, closed, created_at) VALUES (?,?,?,?,?)",
                    (rnd.name, rnd.fiscal_year, rnd.close_date, int(rnd.closed), rnd.created_at),
                )
                c.executemany("INSERT INTO survey_invites (round, org) VALUES (?, ?)", [(rnd.name, o) for o in orgs])
                _audit(c, by, "survey_create", rnd.name, None, round_state(rnd, len(orgs)), rnd.created_at or None)
        except sqlite3.IntegrityError as exc:
            raise ConflictError(f"a survey round named {rnd.name!r} exists already / 同名の調査があります") from exc
        return self.get_round(rnd.name)

    def get_round(self, name: str) -> Round:
        rows = self._rows("SELECT * FROM survey_rounds WHERE name = ?", (name,))
        if not rows:
            raise NotFound(f"no survey round named {name!r} / 調査「{name}」はありません")
        orgs = [r[0] for r in self._rows("SELECT org FROM survey_invites WHERE round = ? ORDER BY rowid", (name,))]
        return round_from_row(rows[0], orgs)

    def rounds(self) -> list[Round]:
        return [
            self.get_round(r["name"])
            for r in self._rows("SELECT name FROM survey_rounds ORDER BY fiscal_year, created_at, name")
        ]

    def close_round(self, name: str, *, by: str = "system") -> Round:
        with self._tx() as c:
            old = c.execute("SELECT closed FROM survey_rounds WHERE name = ?", (name,)).fetchone()
            if old is None:
                raise NotFound(f"no survey round named {name!r} / 調査「{name}」はありません")
            c.execute("UPDATE survey_rounds SET closed = 1 WHERE name = ?", (name,))
            _audit(c, by, "survey_close", name, {"closed": bool(old[0])}, {"closed": True})
        return self.get_round(name)

    def record(self, name: str, action: str, after: dict, *, by: str = "system") -> None:
        """One audit row about round ``name`` (``survey_apply``: the ties' own batch is in ``after``)."""
        with self._tx() as c:
            _audit(c, by, action, name, None, after)

    # ------------------------------------------------------------------ links
    def set_token_hashes(self, name: str, hashes: dict[str, str], *, now: str, by: str = "system") -> None:
        """Give each organisation of ``hashes`` its new link (the old one stops working); audited without hashes."""
        with self._tx() as c:
            for org, h in hashes.items():
                cur = c.execute(
                    "UPDATE survey_invites SET token_hash = ?, issued_at = ? WHERE round = ? AND org = ?",
                    (h, now, name, org),
                )
                if cur.rowcount == 0:
                    raise NotFound(f"{org!r} is not on the list of round {name!r}")
            _audit(c, by, "survey_links", name, None, links_state(hashes), now)

    def find_hash(self, token_hash: str) -> tuple[str, str, str] | None:
        """``(round, org, stored hash)`` of the link with this hash, or ``None``."""
        rows = self._rows("SELECT round, org, token_hash FROM survey_invites WHERE token_hash = ?", (token_hash,))
        return (rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def invites(self, name: str) -> list[Invite]:
        self.get_round(name)
        rows = self._rows(
            "SELECT i.org, i.token_hash IS NOT NULL AS has_token, i.issued_at, r.submitted_at, "
            "(SELECT COUNT(*) FROM survey_answers a WHERE a.round = i.round AND a.respondent = i.org) AS n "
            "FROM survey_invites i LEFT JOIN survey_responses r ON r.round = i.round AND r.org = i.org "
            "WHERE i.round = ? ORDER BY i.rowid",
            (name,),
        )
        return [Invite(name, r[0], bool(r[1]), r[2], r[3], int(r[4])) for r in rows]

    # ------------------------------------------------------------------ answers
    def save_answer(self, answer: Answer, *, now: str) -> None:
        """Create or replace one answer (the caller checked it); at most ``LIMITS.partners`` per respondent."""
        try:
            with self._tx() as c:
                n = c.execute(
                    "SELECT COUNT(*) FROM survey_answers WHERE round = ? AND respondent = ? AND partner_key <> ?",
                    (answer.round, answer.respondent, answer.partner_key),
                ).fetchone()[0]
                if n >= LIMITS.partners:
                    raise ValidationError(
                        f"at most {LIMITS.partners} partners per organisation / 相手の団体は{LIMITS.partners}件まで"
                    )
                c.execute(UPSERT_ANSWER, answer_row(answer, now))
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"answer refused by the store: {exc}") from exc

    def delete_answer(self, name: str, respondent: str, key: str) -> bool:
        with self._tx() as c:
            return (
                c.execute(
                    "DELETE FROM survey_answers WHERE round = ? AND respondent = ? AND partner_key = ?",
                    (name, respondent, key),
                ).rowcount
                > 0
            )

    def answers(self, name: str, *, respondent: str | None = None) -> list[Answer]:
        sql, params = "SELECT * FROM survey_answers WHERE round = ?", [name]
        if respondent is not None:
            sql += " AND respondent = ?"
            params.append(respondent)
        return [answer_from_row(r) for r in self._rows(sql + " ORDER BY respondent, partner_key", params)]

    def save_response(self, response: Response, *, now: str, submit: bool | None = None) -> None:
        """Store contributions and comment; ``submit`` True marks submitted (False: back to draft)."""
        with self._tx() as c:
            old = c.execute(
                "SELECT submitted_at FROM survey_responses WHERE round = ? AND org = ?", (response.round, response.org)
            ).fetchone()
            if submit is None:
                submitted = old[0] if old else None
            else:
                submitted = now if submit else None
            c.execute(
                "INSERT INTO survey_responses (round, org, contributions, comment, submitted_at, updated_at) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT (round, org) DO UPDATE SET contributions = "
                "excluded.contributions, comment = excluded.comment, submitted_at = excluded.submitted_at, "
                "updated_at = excluded.updated_at",
                (
                    response.round,
                    response.org,
                    json.dumps(response.contributions, ensure_ascii=False),
                    response.comment,
                    submitted,
                    now,
                ),
            )

    def response(self, name: str, org: str) -> Response | None:
        rows = self._rows("SELECT * FROM survey_responses WHERE round = ? AND org = ?", (name, org))
        if not rows:
            return None
        r = rows[0]
        return Response(name, org, json.loads(r["contributions"]), r["comment"], r["submitted_at"], r["updated_at"])

    def responses(self, name: str) -> list[Response]:
        return [
            Response(name, r["org"], json.loads(r["contributions"]), r["comment"], r["submitted_at"], r["updated_at"])
            for r in self._rows("SELECT * FROM survey_responses WHERE round = ? ORDER BY org", (name,))
        ]

    # ------------------------------------------------------------------ copy between stores
    def dump(self, name: str) -> dict:
        """Everything of round ``name`` as plain data (link hashes, not tokens), for :mod:`network.store.copy`."""
        rnd = self._rows("SELECT * FROM survey_rounds WHERE name = ?", (name,))
        if not rnd:
            raise NotFound(f"no survey round named {name!r} / 調査「{name}」はありません")
        r = rnd[0]
        invites = [
            {"org": x["org"], "token_hash": x["token_hash"], "issued_at": x["issued_at"]}
            for x in self._rows(
                "SELECT org, token_hash, issued_at FROM survey_invites WHERE round = ? ORDER BY rowid", (name,)
            )
        ]
        answers = [
            dict(answer_from_row(x).to_dict(), updated_at=x["updated_at"])
            for x in self._rows(
                "SELECT * FROM survey_answers WHERE round = ? ORDER BY respondent, partner_key", (name,)
            )
        ]
        responses = [
            {
                "org": x["org"],
                "contributions": json.loads(x["contributions"]),
                "comment": x["comment"],
                "submitted_at": x["submitted_at"],
                "updated_at": x["updated_at"],
            }
            for x in self._rows("SELECT * FROM survey_responses WHERE round = ? ORDER BY org", (name,))
        ]
        return {
            "round": {
                "name": r["name"],
                "fiscal_year": int(r["fiscal_year"]),
                "close_date": r["close_date"],
                "closed": bool(r["closed"]),
                "created_at": r["created_at"],
            },
            "invites": invites,
            "answers": answers,
            "responses": responses,
        }

    def load(self, data: dict, *, by: str = "system") -> None:
        """Make round ``data["round"]["name"]`` exactly ``data`` (a :meth:`dump`), in one audited transaction."""
        r = data["round"]
        name = r["name"]
        with self._tx() as c:
            c.execute(
                "INSERT INTO survey_rounds (name, fiscal_year, close_date, closed, created_at) VALUES (?,?,?,?,?) "
                "ON CONFLICT (name) DO UPDATE SET fiscal_year = excluded.fiscal_year, close_date = "
                "excluded.close_date, closed = excluded.closed, created_at = excluded.created_at",
                (name, r["fiscal_year"], r["close_date"], int(r["closed"]), r["created_at"]),
            )
            c.execute("DELETE FROM survey_answers WHERE round = ?", (name,))
            c.execute("DELETE FROM survey_responses WHERE round = ?", (name,))
            c.execute("DELETE FROM survey_invites WHERE round = ?", (name,))
            c.executemany(
                "INSERT INTO survey_invites (round, org, token_hash, issued_at) VALUES (?,?,?,?)",
                [(name, i["org"], i["token_hash"], i["issued_at"]) for i in data["invites"]],
            )
            c.executemany(
                f"INSERT INTO survey_answers ({', '.join(ANSWER_COLS)}) VALUES ({', '.join('?' * len(ANSWER_COLS))})",
                [answer_row(answer_from_dict(a), a["updated_at"]) for a in data["answers"]],
            )
            c.executemany(
                "INSERT INTO survey_responses (round, org, contributions, comment, submitted_at, updated_at) "
                "VALUES (?,?,?,?,?,?)",
                [
                    (
                        name,
                        x["org"],
                        json.dumps(x["contributions"], ensure_ascii=False),
                        x["comment"],
                        x["submitted_at"],
                        x["updated_at"],
                    )
                    for x in data["responses"]
                ],
            )
            _audit(c, by, "survey_copy", name, None, copy_state(data))

    def replace_answers(
        self, name: str, answers: list[Answer], responses: list[Response], *, now: str, by: str = "system"
    ) -> int:
        """Paper answers: every respondent of ``responses`` gets exactly ``answers``, submitted, in one transaction.

        At most ``LIMITS.partners`` answers per respondent (``ValidationError`` otherwise, nothing written).
        """
        check_counts(answers)
        try:
            with self._tx() as c:
                _audit(c, by, "survey_import", name, None, import_state(answers, responses), now)
                for r in responses:
                    c.execute("DELETE FROM survey_answers WHERE round = ? AND respondent = ?", (name, r.org))
                    c.execute(
                        "INSERT INTO survey_responses (round, org, contributions, comment, submitted_at, "
                        "updated_at) VALUES (?,?,?,?,?,?) ON CONFLICT (round, org) DO UPDATE SET "
                        "contributions = excluded.contributions, comment = excluded.comment, "
                        "submitted_at = excluded.submitted_at, updated_at = excluded.updated_at",
                        (name, r.org, json.dumps(r.contributions, ensure_ascii=False), r.comment, now, now),
                    )
                c.executemany(UPSERT_ANSWER, [answer_row(a, now) for a in answers])
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"answers refused by the store: {exc}") from exc
        return len(answers)
