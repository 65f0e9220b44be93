"""The SQLite store's schema: versioned migrations, applied in order when a store opens.

Each entry of :data:`MIGRATIONS` takes the schema from version *i* to *i + 1*; a store records its
version in ``schema_version`` and :class:`network.store.sqlite.store.SQLiteStore` applies the missing
steps in one transaction.  A migration is never edited once released: a change is a new step.

>>> SCHEMA_VERSION == len(MIGRATIONS)
True
"""

from __future__ import annotations

from network.store.sqlite.survey import SURVEY_DDL

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "USERS_DDL"]

#: Accounts and sign-in attempts (network.accounts).
USERS_DDL = """
    CREATE TABLE IF NOT EXISTS users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS login_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        at REAL NOT NULL,
        ok INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS login_attempts_name ON login_attempts(name, at);
    """

# Each migration takes the schema from version i to i+1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE orgs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        sector TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        prefecture TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '',
        district TEXT NOT NULL DEFAULT '',
        corporate_number TEXT NOT NULL DEFAULT '',
        aliases TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '[]',
        url TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX orgs_corporate_number ON orgs(corporate_number)
        WHERE corporate_number <> '' AND deleted = 0;
    CREATE INDEX orgs_sector ON orgs(sector);
    CREATE INDEX orgs_district ON orgs(district);
    CREATE TABLE ties (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL REFERENCES orgs(id),
        target TEXT NOT NULL REFERENCES orgs(id),
        type TEXT NOT NULL,
        directed INTEGER NOT NULL,
        strength INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 5),
        start TEXT,
        "end" TEXT,
        project TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        last_confirmed TEXT,
        weight REAL NOT NULL DEFAULT 1.0,
        note TEXT NOT NULL DEFAULT '',
        source_file TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (source <> target),
        CHECK ("end" IS NULL OR start IS NULL OR "end" >= start)
    );
    CREATE INDEX ties_source ON ties(source);
    CREATE INDEX ties_target ON ties(target);
    CREATE TABLE activities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        start TEXT,
        "end" TEXT,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE participations (
        org TEXT NOT NULL REFERENCES orgs(id),
        activity TEXT NOT NULL REFERENCES activities(id),
        role TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (org, activity, role, date)
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        before TEXT,
        after TEXT,
        batch TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_entity ON audit(entity_id);
    CREATE INDEX audit_batch ON audit(batch);
    """,
    # 2: accounts and sign-in attempts
    USERS_DDL,
    # custom fields (issue 12): columns Renkei does not know, as a JSON object of name → text
    """
    ALTER TABLE orgs ADD COLUMN custom TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE ties ADD COLUMN custom TEXT NOT NULL DEFAULT '{}'
    """,
    # survey rounds, links (token hashes) and answers (network.store.sqlite.survey)
    SURVEY_DDL,
    # accounts: one identity per folded name (network.store.accounts.name_key, filled in by
    # network.store.sqlite.accounts), and sign-in attempts counted by source address too
    """
    ALTER TABLE users ADD COLUMN name_key TEXT;
    CREATE UNIQUE INDEX users_name_key ON users(name_key);
    ALTER TABLE login_attempts ADD COLUMN source TEXT NOT NULL DEFAULT '';
    CREATE INDEX login_attempts_source ON login_attempts(source, at);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
