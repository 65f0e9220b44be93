"""Survey rounds, links and answers in the Neo4j store.

The graph model and its queries are in :mod:`network.store.neo4j.survey_cypher`.

Each write is one managed transaction of the store (``Neo4jStore._write``); a write
about one respondent first touches its invite node, so two writes for the same
respondent take turns and the per-respondent answer limit holds.  The staff's writes
(create, close, links, paper import, a copy, :meth:`Neo4jSurvey.record`) also take the store's
writer lock and append one audit entry (entity ``survey_round``), as the SQLite store does.  Same methods
and behaviour as :class:`network.store.sqlite.survey.SQLiteSurvey`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from network.errors import ConflictError, NotFound, ValidationError
from network.store.base import WriteResult
from network.store.neo4j.survey_cypher import (
    ALL_ROUNDS,
    ANSWERS,
    CLOSE_ROUND,
    COUNT_OTHER_ANSWERS,
    CREATE_ROUND,
    DELETE_ANSWER,
    DELETE_RESPONDENT_ANSWERS,
    DELETE_ROUND,
    DELETE_ROUND_PARTS,
    FIND_HASH,
    GET_RESPONSE,
    GET_ROUND,
    INVITE_ORGS,
    INVITES,
    LOAD_TOKENS,
    LOCK_INVITE,
    MERGE_ANSWERS,
    MERGE_RESPONSE,
    RESPONSES,
    SCHEMA,
    SEP,
    SET_TOKENS,
    answer_from_props,
    answer_props,
    partner_key_of,
    response_from_props,
)
from network.survey.model import (
    ANSWER_FIELDS,
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

__all__ = ["Neo4jSurvey", "SCHEMA"]

AUDIT_ENTITY = "survey_round"


class Neo4jSurvey:
    """The survey part of one :class:`~network.store.neo4j.Neo4jStore`."""

    def __init__(self, store: Any) -> None:
        self._store = store
        if not getattr(store, "_survey_schema", False):
            with store._session() as s:
                for stmt in SCHEMA:
                    s.run(stmt).consume()
            store._survey_schema = True

    def _read(self, query: str, **params: Any) -> list:
        return self._store._read(query, **params)

    def _write(self, work: Any) -> Any:
        return self._store._write(work)

    def _audited(self, by: str, now: str | None, work: Any) -> Any:
        """Run ``work(tx, audit)`` under the writer lock; each ``audit(action, name, before, after)`` is logged."""
        from network.store.neo4j.tx import WriteWork

        at = now or datetime.now(UTC).isoformat(timespec="seconds")

        def tx_work(tx: Any) -> Any:
            w = WriteWork(tx, by, at, self._store.batch_size, WriteResult(batch=""))
            w.lock()

            def audit(action: str, name: str, before: dict | None, after: dict | None) -> None:
                w.audit.append((at, by, action, AUDIT_ENTITY, name, before, after))

            out = work(tx, audit)
            w.append_audit()
            return out

        return self._write(tx_work)

    # ------------------------------------------------------------------ rounds
    def create_round(self, rnd: Round, *, by: str = "system") -> Round:
        if len(rnd.orgs) > LIMITS.orgs:
            raise ValidationError(f"a round lists at most {LIMITS.orgs} organisations")
        orgs = [{"org": o, "pos": i} for i, o in enumerate(dict.fromkeys(rnd.orgs))]

        def work(tx: Any, audit: Any) -> None:
            if tx.run(GET_ROUND, name=rnd.name).single() is not None:
                raise ConflictError(f"a survey round named {rnd.name!r} exists already / 同名の調査があります")
            tx.run(
                CREATE_ROUND,
                name=rnd.name,
                fy=int(rnd.fiscal_year),
                close=rnd.close_date,
                closed=bool(rnd.closed),
                created=rnd.created_at,
                orgs=orgs,
                sep=SEP,
            ).consume()
            audit("survey_create", rnd.name, None, round_state(rnd, len(orgs)))

        self._audited(by, rnd.created_at or None, work)
        return self.get_round(rnd.name)

    def get_round(self, name: str) -> Round:
        rows = self._read(GET_ROUND, name=name)
        if not rows:
            raise NotFound(f"no survey round named {name!r} / 調査「{name}」はありません")
        p = rows[0]["p"]
        orgs = [r["org"] for r in sorted(self._read(INVITE_ORGS, name=name), key=lambda r: r["pos"])]
        return Round(
            p["name"],
            int(p["fiscal_year"]),
            orgs,
            p.get("close_date"),
            bool(p.get("closed")),
            p.get("created_at") or "",
        )

    def rounds(self) -> list[Round]:
        names = sorted(
            (r["p"]["fiscal_year"], r["p"].get("created_at") or "", r["p"]["name"]) for r in self._read(ALL_ROUNDS)
        )
        return [self.get_round(n) for _, _, n in names]

    def close_round(self, name: str, *, by: str = "system") -> Round:
        def work(tx: Any, audit: Any) -> None:
            old = tx.run(GET_ROUND, name=name).single()
            if old is None:
                raise NotFound(f"no survey round named {name!r} / 調査「{name}」はありません")
            tx.run(CLOSE_ROUND, name=name).consume()
            audit("survey_close", name, {"closed": bool(old["p"].get("closed"))}, {"closed": True})

        self._audited(by, None, work)
        return self.get_round(name)

    def record(self, name: str, action: str, after: dict, *, by: str = "system") -> None:
        """One audit entry about round ``name`` (``survey_apply``: the ties' own batch is in ``after``)."""
        self._audited(by, None, lambda tx, audit: audit(action, name, None, after))

    # ------------------------------------------------------------------ links
    def set_token_hashes(self, name: str, hashes: dict[str, str], *, now: str, by: str = "system") -> None:
        rows = [{"key": name + SEP + org, "hash": h} for org, h in hashes.items()]

        def work(tx: Any, audit: Any) -> None:
            done = {r["org"] for r in tx.run(SET_TOKENS, rows=rows, now=now)}
            missing = [o for o in hashes if o not in done]
            if missing:
                raise NotFound(f"{missing[0]!r} is not on the list of round {name!r}")
            audit("survey_links", name, None, links_state(hashes))

        self._audited(by, now, work)

    def find_hash(self, token_hash: str) -> tuple[str, str, str] | None:
        rows = self._read(FIND_HASH, hash=token_hash)
        return (rows[0]["round"], rows[0]["org"], rows[0]["h"]) if rows else None

    def invites(self, name: str) -> list[Invite]:
        self.get_round(name)
        subs = {r.org: r.submitted_at for r in self.responses(name)}
        counts: dict[str, int] = {}
        for a in self.answers(name):
            counts[a.respondent] = counts.get(a.respondent, 0) + 1
        out = []
        for r in sorted(self._read(INVITES, name=name), key=lambda r: r["p"]["pos"]):
            p = r["p"]
            out.append(
                Invite(
                    name,
                    p["org"],
                    bool(p.get("token_hash")),
                    p.get("issued_at"),
                    subs.get(p["org"]),
                    counts.get(p["org"], 0),
                )
            )
        return out

    # ------------------------------------------------------------------ answers
    def save_answer(self, answer: Answer, *, now: str) -> None:
        invite = answer.round + SEP + answer.respondent
        row = {"invite": invite, "key": invite + SEP + answer.partner_key, "props": answer_props(answer, now)}

        def work(tx: Any) -> None:
            if tx.run(LOCK_INVITE, key=invite).single() is None:
                raise NotFound(f"{answer.respondent!r} is not on the list of round {answer.round!r}")
            n = tx.run(
                COUNT_OTHER_ANSWERS, round=answer.round, respondent=answer.respondent, partner_key=answer.partner_key
            ).single()["n"]
            if n >= LIMITS.partners:
                raise ValidationError(
                    f"at most {LIMITS.partners} partners per organisation / 相手の団体は{LIMITS.partners}件まで"
                )
            tx.run(MERGE_ANSWERS, rows=[row]).consume()

        self._write(work)

    def delete_answer(self, name: str, respondent: str, key: str) -> bool:
        def work(tx: Any) -> bool:
            tx.run(LOCK_INVITE, key=name + SEP + respondent).consume()
            return bool(list(tx.run(DELETE_ANSWER, key=name + SEP + respondent + SEP + key)))

        return self._write(work)

    def answers(self, name: str, *, respondent: str | None = None) -> list[Answer]:
        out = [answer_from_props(r["p"]) for r in self._read(ANSWERS, round=name)]
        if respondent is not None:
            out = [a for a in out if a.respondent == respondent]
        return sorted(out, key=lambda a: (a.respondent, a.partner_key))

    def save_response(self, response: Response, *, now: str, submit: bool | None = None) -> None:
        key = response.round + SEP + response.org

        def work(tx: Any) -> None:
            if tx.run(LOCK_INVITE, key=key).single() is None:
                raise NotFound(f"{response.org!r} is not on the list of round {response.round!r}")
            old = tx.run(GET_RESPONSE, key=key).single()
            if submit is None:
                submitted = old["p"].get("submitted_at") if old else None
            else:
                submitted = now if submit else None
            tx.run(
                MERGE_RESPONSE,
                key=key,
                round=response.round,
                org=response.org,
                contributions=list(response.contributions),
                comment=response.comment,
                submitted=submitted,
                now=now,
            ).consume()

        self._write(work)

    def response(self, name: str, org: str) -> Response | None:
        rows = self._read(GET_RESPONSE, key=name + SEP + org)
        return response_from_props(rows[0]["p"]) if rows else None

    def responses(self, name: str) -> list[Response]:
        return sorted((response_from_props(r["p"]) for r in self._read(RESPONSES, round=name)), key=lambda r: r.org)

    # ------------------------------------------------------------------ copy between stores
    def dump(self, name: str) -> dict:
        """Everything of round ``name`` as plain data (link hashes, not tokens), for :mod:`network.store.copy`."""
        rows = self._read(GET_ROUND, name=name)
        if not rows:
            raise NotFound(f"no survey round named {name!r} / 調査「{name}」はありません")
        p = rows[0]["p"]
        invites = [
            {"org": r["p"]["org"], "token_hash": r["p"].get("token_hash"), "issued_at": r["p"].get("issued_at")}
            for r in sorted(self._read(INVITES, name=name), key=lambda r: r["p"]["pos"])
        ]
        answers = sorted(
            (
                dict(answer_from_props(r["p"]).to_dict(), updated_at=r["p"].get("updated_at"))
                for r in self._read(ANSWERS, round=name)
            ),
            key=lambda a: (a["respondent"], partner_key_of(a)),
        )
        responses = [
            {
                "org": x.org,
                "contributions": x.contributions,
                "comment": x.comment,
                "submitted_at": x.submitted_at,
                "updated_at": x.updated_at,
            }
            for x in self.responses(name)
        ]
        return {
            "round": {
                "name": p["name"],
                "fiscal_year": int(p["fiscal_year"]),
                "close_date": p.get("close_date"),
                "closed": bool(p.get("closed")),
                "created_at": p.get("created_at") or "",
            },
            "invites": invites,
            "answers": answers,
            "responses": responses,
        }

    def load(self, data: dict, *, by: str = "system") -> None:
        """Make round ``data["round"]["name"]`` exactly ``data`` (a :meth:`dump`), in one audited transaction."""
        r = data["round"]
        name = r["name"]
        orgs = [{"org": i["org"], "pos": n} for n, i in enumerate(data["invites"])]
        tokens = [
            {"key": name + SEP + i["org"], "hash": i["token_hash"], "issued_at": i["issued_at"]}
            for i in data["invites"]
        ]
        answers = []
        for d in data["answers"]:
            a = Answer(**{k: d[k] for k in ANSWER_FIELDS})
            invite = name + SEP + a.respondent
            answers.append(
                {"invite": invite, "key": invite + SEP + a.partner_key, "props": answer_props(a, d["updated_at"])}
            )

        def work(tx: Any, audit: Any) -> None:
            for q in DELETE_ROUND_PARTS:
                tx.run(q, name=name).consume()
            tx.run(DELETE_ROUND, name=name).consume()
            tx.run(
                CREATE_ROUND,
                name=name,
                fy=int(r["fiscal_year"]),
                close=r["close_date"],
                closed=bool(r["closed"]),
                created=r["created_at"],
                orgs=orgs,
                sep=SEP,
            ).consume()
            tx.run(LOAD_TOKENS, rows=tokens).consume()
            if answers:
                tx.run(MERGE_ANSWERS, rows=answers).consume()
            for x in data["responses"]:
                tx.run(
                    MERGE_RESPONSE,
                    key=name + SEP + x["org"],
                    round=name,
                    org=x["org"],
                    contributions=list(x["contributions"]),
                    comment=x["comment"],
                    submitted=x["submitted_at"],
                    now=x["updated_at"],
                ).consume()
            audit("survey_copy", name, None, copy_state(data))

        self._audited(by, None, work)

    def replace_answers(
        self, name: str, answers: list[Answer], responses: list[Response], *, now: str, by: str = "system"
    ) -> int:
        check_counts(answers)
        rows = []
        for a in answers:
            invite = name + SEP + a.respondent
            rows.append({"invite": invite, "key": invite + SEP + a.partner_key, "props": answer_props(a, now)})

        def work(tx: Any, audit: Any) -> None:
            for r in responses:
                key = name + SEP + r.org
                if tx.run(LOCK_INVITE, key=key).single() is None:
                    raise NotFound(f"{r.org!r} is not on the list of round {name!r}")
                tx.run(DELETE_RESPONDENT_ANSWERS, round=name, org=r.org).consume()
                tx.run(
                    MERGE_RESPONSE,
                    key=key,
                    round=name,
                    org=r.org,
                    contributions=list(r.contributions),
                    comment=r.comment,
                    submitted=now,
                    now=now,
                ).consume()
            if rows:
                tx.run(MERGE_ANSWERS, rows=rows).consume()
            audit("survey_import", name, None, import_state(answers, responses))

        self._audited(by, now, work)
        return len(answers)
