"""The Cypher of the Neo4j store: constants only, every value a ``$parameter``.

Graph model
-----------
- ``(:Organization {id, name, sector, …, aliases: [..], tags: [..], deleted})``
  — every :class:`~network.model.Org` field; lists as Neo4j lists; ``deleted``
  is the soft-delete flag.  ``custom`` (the columns Renkei does not know) is JSON text,
  keys sorted — Neo4j has no map-valued properties (``apoc.convert.fromJsonMap(o.custom)`` reads it).
- One relationship type per tie type, ``(source)-[:COLLABORATION {id, type, …}]->(target)``;
  the type name comes from :data:`REL_TYPES`, a fixed mapping of the
  :class:`~network.model.TieType` enum, never from the data.  Dates are ISO strings.
- ``(:Activity {id, name, kind, start, end, note})`` and
  ``(:Organization)-[:PARTICIPATES_IN {role, date}]->(:Activity)`` (``date`` ``""`` when unknown).
- ``(:AuditEntry {id, at, user, action, entity, entity_id, before, after, batch})``
  with ``before``/``after`` as JSON text, ``id`` taken from ``(:Counter {name: 'audit'})``
  in the same transaction.

>>> REL_TYPES["funding"]
'FUNDING'
>>> "$rows" in MERGE_TIE["funding"] and "FUNDING" in MERGE_TIE["funding"]
True
"""

from __future__ import annotations

from network.model import TIE_FIELDS, TieType

__all__ = ["REL_TYPES", "SCHEMA", "MERGE_TIE", "GET_TIES", "DELETE_TIES"]

#: tie type code → relationship type (a whitelist: the only names ever put in query text)
REL_TYPES: dict[str, str] = {t.value: t.name for t in TieType}
_ANY_TIE = "|".join(REL_TYPES.values())

SCHEMA: list[str] = [
    "CREATE CONSTRAINT renkei_org_id IF NOT EXISTS FOR (o:Organization) REQUIRE o.id IS UNIQUE",
    "CREATE CONSTRAINT renkei_activity_id IF NOT EXISTS FOR (a:Activity) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT renkei_audit_id IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT renkei_counter_name IF NOT EXISTS FOR (c:Counter) REQUIRE c.name IS UNIQUE",
    "CREATE INDEX renkei_org_corporate_number IF NOT EXISTS FOR (o:Organization) ON (o.corporate_number)",
    "CREATE INDEX renkei_audit_entity_id IF NOT EXISTS FOR (e:AuditEntry) ON (e.entity_id)",
    "CREATE INDEX renkei_audit_batch IF NOT EXISTS FOR (e:AuditEntry) ON (e.batch)",
] + [
    f"CREATE CONSTRAINT renkei_tie_{rel.lower()} IF NOT EXISTS FOR ()-[r:{rel}]-() REQUIRE r.id IS UNIQUE"
    for rel in REL_TYPES.values()
]

# ---------------------------------------------------------------- organisations
GET_ORGS = "UNWIND $ids AS id MATCH (o:Organization {id: id}) RETURN properties(o) AS p"
MERGE_ORGS = "UNWIND $rows AS r MERGE (o:Organization {id: r.id}) ON CREATE SET o.deleted = false SET o += r.props"
EXISTING_ORG_IDS = "UNWIND $ids AS id MATCH (o:Organization {id: id}) RETURN o.id AS id"
DUPLICATE_CORPORATE_NUMBERS = (
    "UNWIND $numbers AS cn MATCH (o:Organization {corporate_number: cn}) WHERE o.deleted = false "
    "WITH cn, count(o) AS n WHERE n > 1 RETURN cn, n"
)
GET_ORG = "MATCH (o:Organization {id: $id}) RETURN properties(o) AS p"
SET_ORG_DELETED = "MATCH (o:Organization {id: $id}) SET o.deleted = $deleted, o.updated_at = $now"
ORGS = (
    "MATCH (o:Organization) WHERE ($all OR o.deleted = false) "
    "AND ($sector IS NULL OR o.sector = $sector) "
    "AND ($district IS NULL OR o.district = $district) "
    "AND ($city IS NULL OR o.city = $city) "
    "AND ($search IS NULL OR toLower(o.name) CONTAINS $search "
    "     OR any(a IN o.aliases WHERE toLower(a) CONTAINS $search)) "
    "RETURN properties(o) AS p"
)

# ---------------------------------------------------------------- ties
# Endpoints are left unlabelled and the id is matched with ``IN``: the form that both
# Neo4j and ArcadeDB answer from the relationship index (an id lookup must not scan).
GET_TIES: dict[str, str] = {
    code: (f"MATCH (s)-[r:{rel}]->(t) WHERE r.id IN $ids RETURN s.id AS source, t.id AS target, properties(r) AS p")
    for code, rel in REL_TYPES.items()
}
DELETE_TIES: dict[str, str] = {
    code: f"MATCH ()-[r:{rel}]->() WHERE r.id IN $ids DELETE r" for code, rel in REL_TYPES.items()
}
MERGE_TIE: dict[str, str] = {
    code: (
        "UNWIND $rows AS r "
        "MATCH (s:Organization {id: r.source}) MATCH (t:Organization {id: r.target}) "
        f"MERGE (s)-[e:{rel} {{id: r.id}}]->(t) SET e = r.props"
    )
    for code, rel in REL_TYPES.items()
}
SET_TIE_END: dict[str, str] = {
    code: f"MATCH ()-[r:{rel}]->() WHERE r.id IN $ids SET r.`end` = $end, r.updated_at = $now"
    for code, rel in REL_TYPES.items()
}
# Tie relationships only ever join two Organization nodes, so endpoints stay unlabelled:
# ArcadeDB then walks the relationship types directly (twice as fast as with labels).
TIES = (
    f"MATCH (s)-[r:{_ANY_TIE}]->(t) "
    "WHERE s.deleted = false AND t.deleted = false "
    "AND ($org IS NULL OR s.id = $org OR t.id = $org) "
    "AND ($type IS NULL OR r.type = $type) "
    "AND ($sector IS NULL OR s.sector = $sector OR t.sector = $sector) "
    "AND ($district IS NULL OR s.district = $district OR t.district = $district) "
    # as of [$first, $last] (a day, or a fiscal year's April–March): the tie runs at some time in it,
    # dates compared as their first 10 characters, '' open (network.model.tie_active)
    "AND ($first IS NULL OR ((r.start IS NULL OR r.start = '' OR left(r.start, 10) <= $last) "
    "     AND (r.`end` IS NULL OR r.`end` = '' OR left(r.`end`, 10) >= $first))) "
    "RETURN s.id AS source, t.id AS target, properties(r) AS p"
)
#: the tie fields ``ALL_TIES`` returns as one list per tie, in this order
ALL_TIES_FIELDS: tuple[str, ...] = tuple(f for f in TIE_FIELDS if f not in ("source", "target"))
#: every tie, unfiltered (``load_graph`` filters by live organisations and date in Python); a list
#: of values decodes ~40 % faster than ``properties(r)`` (bench: 3.6 s against 5.7 s for 100,000 ties)
ALL_TIES = (
    f"MATCH (s)-[r:{_ANY_TIE}]->(t) RETURN s.id AS source, t.id AS target, "
    f"[{', '.join(f'r.`{f}`' for f in ALL_TIES_FIELDS)}] AS v"
)
LIVE_ORGS = "MATCH (o:Organization) WHERE o.deleted = false RETURN properties(o) AS p"

# ---------------------------------------------------------------- two-mode
GET_ACTIVITIES = "UNWIND $ids AS id MATCH (a:Activity {id: id}) RETURN properties(a) AS p"
MERGE_ACTIVITIES = "UNWIND $rows AS r MERGE (a:Activity {id: r.id}) SET a = r.props"
EXISTING_ACTIVITY_IDS = "UNWIND $ids AS id MATCH (a:Activity {id: id}) RETURN a.id AS id"
GET_PARTICIPATIONS = (
    "UNWIND $rows AS r "
    "MATCH (:Organization {id: r.org})-[p:PARTICIPATES_IN]->(:Activity {id: r.activity}) "
    "WHERE p.role = r.role AND p.date = r.date "
    "RETURN DISTINCT r.org AS org, r.activity AS activity, r.role AS role, r.date AS date"
)
MERGE_PARTICIPATIONS = (
    "UNWIND $rows AS r "
    "MATCH (o:Organization {id: r.org}) MATCH (a:Activity {id: r.activity}) "
    "MERGE (o)-[:PARTICIPATES_IN {role: r.role, date: r.date}]->(a)"
)
ACTIVITIES = "MATCH (a:Activity) RETURN properties(a) AS p"
PARTICIPATIONS = (
    "MATCH (o:Organization)-[p:PARTICIPATES_IN]->(a:Activity) "
    "RETURN o.id AS org, a.id AS activity, p.role AS role, p.date AS date"
)

# ---------------------------------------------------------------- audit
#: first statement of every write: a write to the one counter node serialises writers, like
#: SQLite's BEGIN IMMEDIATE (Neo4j: the second writer waits for the lock; ArcadeDB: its commit
#: fails and the driver runs the whole transaction again), so the reads that decide
#: created/updated/unchanged see every earlier commit
LOCK = "MERGE (c:Counter {name: 'audit'}) ON CREATE SET c.value = 0 SET c.lock = $token"
NEXT_AUDIT_ID = (
    "MERGE (c:Counter {name: 'audit'}) ON CREATE SET c.value = 0 SET c.value = c.value + $n RETURN c.value AS last"
)
ADD_AUDIT = "UNWIND $rows AS r CREATE (e:AuditEntry) SET e = r"
AUDIT = (
    "MATCH (e:AuditEntry) WHERE ($entity_id IS NULL OR e.entity_id = $entity_id) "
    "AND ($batch IS NULL OR e.batch = $batch) "
    "RETURN properties(e) AS p ORDER BY e.id DESC"
)
AUDIT_LIMIT = AUDIT + " LIMIT $limit"
REVISION = "MATCH (c:Counter {name: 'audit'}) RETURN c.value AS v"
COUNTS = (
    "CALL { MATCH (o:Organization) WHERE o.deleted = false RETURN count(o) AS orgs } "
    f"CALL {{ MATCH ()-[r:{_ANY_TIE}]->() RETURN count(r) AS ties }} "
    "CALL { MATCH (a:Activity) RETURN count(a) AS activities } "
    "CALL { MATCH (:Organization)-[p:PARTICIPATES_IN]->(:Activity) RETURN count(p) AS participations } "
    "CALL { MATCH (e:AuditEntry) RETURN count(e) AS audit } "
    "RETURN orgs, ties, activities, participations, audit"
)

# ---------------------------------------------------------------- undo (network.store.neo4j.undo)
AUDIT_ENTRY = "MATCH (e:AuditEntry {id: $id}) RETURN properties(e) AS p"
UNDONE = "MATCH (e:AuditEntry {batch: $batch}) RETURN e.id AS id LIMIT 1"
#: the latest audit entry of each record named in ``$ids`` (one kind of record, ``$entity``)
LATEST_AUDIT = (
    "UNWIND $ids AS id MATCH (e:AuditEntry {entity_id: id}) WHERE e.entity = $entity "
    "RETURN id, e.id AS n, e.user AS user, e.at AS at"
)
#: the ties from and to one organisation, with both ends' names
TIES_FROM = (
    f"MATCH (s:Organization {{id: $id}})-[r:{_ANY_TIE}]->(t) "
    "RETURN r.id AS id, s.id AS source, t.id AS target, s.name AS source_name, t.name AS target_name"
)
TIES_TO = (
    f"MATCH (s)-[r:{_ANY_TIE}]->(t:Organization {{id: $id}}) "
    "RETURN r.id AS id, s.id AS source, t.id AS target, s.name AS source_name, t.name AS target_name"
)
_PARTICIPATION_FIELDS = "o.id AS org, o.name AS org_name, a.id AS activity, p.role AS role, p.date AS date"
PARTICIPATIONS_OF_ORG = (
    f"MATCH (o:Organization {{id: $id}})-[p:PARTICIPATES_IN]->(a:Activity) RETURN {_PARTICIPATION_FIELDS}"
)
PARTICIPATIONS_IN = (
    f"MATCH (o:Organization)-[p:PARTICIPATES_IN]->(a:Activity {{id: $id}}) RETURN {_PARTICIPATION_FIELDS}"
)
GET_PARTICIPATION = (
    "MATCH (o:Organization {id: $org})-[p:PARTICIPATES_IN]->(a:Activity {id: $activity}) "
    "WHERE p.role = $role AND p.date = $date RETURN o.id AS org, a.id AS activity, p.role AS role, p.date AS date"
)
DELETE_PARTICIPATION = (
    "MATCH (:Organization {id: $org})-[p:PARTICIPATES_IN]->(:Activity {id: $activity}) "
    "WHERE p.role = $role AND p.date = $date DELETE p"
)
DELETE_ACTIVITY = "MATCH (a:Activity {id: $id}) DETACH DELETE a"
