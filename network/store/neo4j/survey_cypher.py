"""The survey's graph model in Neo4j: its schema, its queries, and answers as node properties.

- ``(:SurveyRound {name, fiscal_year, close_date, closed, created_at})``, ``name`` unique;
- ``(:SurveyInvite {key, round, org, pos, token_hash, issued_at})-[:IN_ROUND]->(:SurveyRound)``,
  ``key`` = round + U+001F + org, unique; ``token_hash`` indexed;
- ``(:SurveyAnswer {key, round, respondent, partner_key, partner, …})-[:ANSWERS]->(:SurveyInvite)``,
  ``key`` = round + U+001F + respondent + U+001F + partner_key, unique; ``types`` a list;
- ``(:SurveyResponse {key, round, org, contributions, comment, submitted_at, updated_at})-[:ANSWERS]->(:SurveyInvite)``.

Every query is a constant here and every value a ``$parameter``; :class:`network.store.neo4j.survey.Neo4jSurvey`
runs them, as :mod:`network.store.neo4j.cypher` holds the main store's.
"""

from __future__ import annotations

from network.survey.model import ITEMS, Answer, Response

__all__ = ["SCHEMA", "SEP", "answer_props", "answer_from_props", "response_from_props", "partner_key_of"]

SCHEMA = [
    "CREATE CONSTRAINT renkei_survey_round IF NOT EXISTS FOR (r:SurveyRound) REQUIRE r.name IS UNIQUE",
    "CREATE CONSTRAINT renkei_survey_invite IF NOT EXISTS FOR (i:SurveyInvite) REQUIRE i.key IS UNIQUE",
    "CREATE CONSTRAINT renkei_survey_answer IF NOT EXISTS FOR (a:SurveyAnswer) REQUIRE a.key IS UNIQUE",
    "CREATE CONSTRAINT renkei_survey_response IF NOT EXISTS FOR (r:SurveyResponse) REQUIRE r.key IS UNIQUE",
    "CREATE INDEX renkei_survey_token IF NOT EXISTS FOR (i:SurveyInvite) ON (i.token_hash)",
    "CREATE INDEX renkei_survey_invite_round IF NOT EXISTS FOR (i:SurveyInvite) ON (i.round)",
    "CREATE INDEX renkei_survey_answer_round IF NOT EXISTS FOR (a:SurveyAnswer) ON (a.round)",
    "CREATE INDEX renkei_survey_response_round IF NOT EXISTS FOR (r:SurveyResponse) ON (r.round)",
]
#: joins a round, an organisation and a partner key into a node key (U+001F)
SEP = "\x1f"
GET_ROUND = "MATCH (r:SurveyRound {name: $name}) RETURN properties(r) AS p"
ALL_ROUNDS = "MATCH (r:SurveyRound) RETURN properties(r) AS p"
CREATE_ROUND = (
    "CREATE (r:SurveyRound {name: $name, fiscal_year: $fy, close_date: $close, closed: $closed, "
    "created_at: $created}) "
    "WITH r UNWIND $orgs AS o "
    "CREATE (:SurveyInvite {key: $name + $sep + o.org, round: $name, org: o.org, pos: o.pos})"
    "-[:IN_ROUND]->(r)"
)
CLOSE_ROUND = "MATCH (r:SurveyRound {name: $name}) SET r.closed = true RETURN r.name AS name"
INVITE_ORGS = "MATCH (i:SurveyInvite {round: $name}) RETURN i.org AS org, i.pos AS pos"
INVITES = "MATCH (i:SurveyInvite {round: $name}) RETURN properties(i) AS p"
SET_TOKENS = (
    "UNWIND $rows AS row MATCH (i:SurveyInvite {key: row.key}) "
    "SET i.token_hash = row.hash, i.issued_at = $now RETURN i.org AS org"
)
FIND_HASH = "MATCH (i:SurveyInvite {token_hash: $hash}) RETURN i.round AS round, i.org AS org, i.token_hash AS h"
LOCK_INVITE = "MATCH (i:SurveyInvite {key: $key}) SET i.writes = coalesce(i.writes, 0) + 1 RETURN i.org AS org"
COUNT_OTHER_ANSWERS = (
    "MATCH (a:SurveyAnswer {round: $round, respondent: $respondent}) "
    "WHERE a.partner_key <> $partner_key RETURN count(a) AS n"
)
MERGE_ANSWERS = (
    "UNWIND $rows AS row MATCH (i:SurveyInvite {key: row.invite}) "
    "MERGE (a:SurveyAnswer {key: row.key}) SET a = row.props, a.key = row.key "
    "MERGE (a)-[:ANSWERS]->(i)"
)
DELETE_ANSWER = "MATCH (a:SurveyAnswer {key: $key}) WITH a, a.key AS k DETACH DELETE a RETURN k"
DELETE_RESPONDENT_ANSWERS = "MATCH (a:SurveyAnswer {round: $round, respondent: $org}) DETACH DELETE a"
ANSWERS = "MATCH (a:SurveyAnswer {round: $round}) RETURN properties(a) AS p"
GET_RESPONSE = "MATCH (r:SurveyResponse {key: $key}) RETURN properties(r) AS p"
RESPONSES = "MATCH (r:SurveyResponse {round: $round}) RETURN properties(r) AS p"
MERGE_RESPONSE = (
    "MATCH (i:SurveyInvite {key: $key}) "
    "MERGE (r:SurveyResponse {key: $key}) "
    "SET r.round = $round, r.org = $org, r.contributions = $contributions, r.comment = $comment, "
    "r.submitted_at = $submitted, r.updated_at = $now "
    "MERGE (r)-[:ANSWERS]->(i)"
)

DELETE_ROUND_PARTS = [
    f"MATCH (n:{label} {{round: $name}}) DETACH DELETE n"
    for label in ("SurveyAnswer", "SurveyResponse", "SurveyInvite")
]
DELETE_ROUND = "MATCH (r:SurveyRound {name: $name}) DETACH DELETE r"
LOAD_TOKENS = (
    "UNWIND $rows AS row MATCH (i:SurveyInvite {key: row.key}) SET i.token_hash = row.hash, i.issued_at = row.issued_at"
)

_ITEM_COLS = [i.key for i in ITEMS]


def answer_props(a: Answer, now: str) -> dict:
    """The properties of an answer's node, written at ``now`` (its date: the answer's, else ``now``'s day)."""
    return {
        "round": a.round,
        "respondent": a.respondent,
        "partner_key": a.partner_key,
        "partner": a.partner,
        "partner_name": a.partner_name,
        "frequency": a.frequency,
        "strength": a.strength,
        "types": list(a.types),
        **{c: getattr(a, c) for c in _ITEM_COLS},
        "note": a.note,
        "date": a.date or now[:10],
        "source": a.source,
        "updated_at": now,
    }


def answer_from_props(p: dict) -> Answer:
    """The answer an ``:SurveyAnswer`` node holds."""
    return Answer(
        p["round"],
        p["respondent"],
        partner=p.get("partner") or "",
        partner_name=p.get("partner_name") or "",
        frequency=p.get("frequency") or "",
        strength=p.get("strength"),
        types=list(p.get("types") or []),
        **{c: p.get(c) for c in _ITEM_COLS},
        note=p.get("note") or "",
        date=p.get("date") or "",
        source=p.get("source") or "web",
    )


def partner_key_of(d: dict) -> str:
    """The partner key of an answer as a dict (sort order of :meth:`Neo4jSurvey.dump`, as SQLite's)."""
    from network.survey.model import partner_key

    return partner_key(d["partner"], d["partner_name"])


def response_from_props(p: dict) -> Response:
    """The response a ``:SurveyResponse`` node holds."""
    return Response(
        p["round"],
        p["org"],
        list(p.get("contributions") or []),
        p.get("comment") or "",
        p.get("submitted_at"),
        p.get("updated_at") or "",
    )
