"""The PostgreSQL schema of a Storyline store, as an append-only list of migrations.

Each entry is applied once, in order, inside one transaction that holds an advisory lock keyed
on the schema, so two builds starting at once cannot both migrate; ``storyline_version`` records
how many ran (and a generation counter that write transactions bump). Never edit an entry that
has shipped: append a new one.

Tables mirror the SQLite schema (store_schema.py) so the Store's queries run unchanged: JSON
columns are text, text that is sorted uses the "C" collation (byte order, as SQLite), and the
per-article tables carry a ``rowid`` column for the same ``ORDER BY start, rowid``.
"""

from __future__ import annotations

from typing import Any

# Any fixed number: the first key of pg_advisory_xact_lock(int, int); the second is the schema's hash.
ADVISORY_LOCK_CLASS = 0x5701

VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS storyline_version (
    version INTEGER NOT NULL, generation BIGINT NOT NULL DEFAULT 0
)
"""

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        path TEXT COLLATE "C" NOT NULL,
        title TEXT COLLATE "C",
        url TEXT COLLATE "C",
        text TEXT NOT NULL,
        published_date TEXT COLLATE "C",
        published_granularity TEXT,
        published_source TEXT,
        evidence_start BIGINT,
        evidence_end BIGINT,
        removals TEXT NOT NULL DEFAULT '[]',
        published_confidence DOUBLE PRECISION NOT NULL DEFAULT 0
    );
    CREATE TABLE sentences (
        rowid BIGSERIAL PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
        start BIGINT NOT NULL, "end" BIGINT NOT NULL
    );
    CREATE INDEX sentences_article ON sentences(article_id, start, rowid);
    CREATE TABLE mentions (
        rowid BIGSERIAL PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
        start BIGINT NOT NULL, "end" BIGINT NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id, start, rowid);
    CREATE TABLE timexes (
        rowid BIGSERIAL PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
        start BIGINT NOT NULL, "end" BIGINT NOT NULL, text TEXT NOT NULL,
        type TEXT NOT NULL, value TEXT, granularity TEXT
    );
    CREATE INDEX timexes_article ON timexes(article_id, start, rowid);
    CREATE TABLE quotes (
        rowid BIGSERIAL UNIQUE,
        id TEXT COLLATE "C" PRIMARY KEY, article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
        start BIGINT NOT NULL, "end" BIGINT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
        speaker_text TEXT, speaker_start BIGINT, speaker_end BIGINT, cue TEXT,
        sentence_start BIGINT NOT NULL, sentence_end BIGINT NOT NULL,
        content_start BIGINT, content_end BIGINT
    );
    CREATE INDEX quotes_article ON quotes(article_id, start, rowid);
    CREATE TABLE claims (
        rowid BIGSERIAL UNIQUE,
        id TEXT COLLATE "C" PRIMARY KEY, article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
        start BIGINT NOT NULL, "end" BIGINT NOT NULL, text TEXT NOT NULL,
        value DOUBLE PRECISION NOT NULL, unit TEXT NOT NULL, measure TEXT NOT NULL,
        measure_key TEXT COLLATE "C" NOT NULL,
        period TEXT, claimant TEXT, sentence_start BIGINT NOT NULL, sentence_end BIGINT NOT NULL,
        approximate BIGINT NOT NULL DEFAULT 0,
        cue TEXT, scope TEXT, upper DOUBLE PRECISION, period_text TEXT
    );
    CREATE INDEX claims_article ON claims(article_id, start, rowid);
    CREATE TABLE ingest_errors (
        path TEXT COLLATE "C" PRIMARY KEY, message TEXT NOT NULL
    );
    CREATE TABLE entities (
        id TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, type TEXT NOT NULL,
        aliases TEXT NOT NULL, titles TEXT NOT NULL, article_ids TEXT NOT NULL, mentions TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE quote_speakers (
        quote_id TEXT COLLATE "C" PRIMARY KEY REFERENCES quotes(id), entity_id TEXT, speaker TEXT
    );
    CREATE TABLE disagreements (
        measure_key TEXT COLLATE "C" PRIMARY KEY, measure TEXT NOT NULL, claim_ids TEXT NOT NULL,
        note TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT COLLATE "C" PRIMARY KEY, title TEXT NOT NULL, article_ids TEXT NOT NULL,
        summary TEXT NOT NULL, timeline TEXT NOT NULL, events TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE duplicates (
        article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id),
        canonical_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
        similarity DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX duplicates_canonical ON duplicates(canonical_id);
    CREATE TABLE story_members (
        article_id TEXT COLLATE "C" PRIMARY KEY,
        story_id TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX story_members_story ON story_members(story_id);
    CREATE TABLE article_bounds (
        article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id), earliest TEXT, latest TEXT
    );
    CREATE TABLE search_index (
        rowid BIGSERIAL PRIMARY KEY,
        kind TEXT NOT NULL, ref TEXT NOT NULL, article_id TEXT, start_offset BIGINT, end_offset BIGINT,
        title TEXT, body TEXT,
        document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B')
        ) STORED
    );
    CREATE INDEX search_index_document ON search_index USING GIN (document);
    CREATE INDEX search_index_kind ON search_index(kind);
    """,
    # Verbless sentences (captions, headlines), tagged at parse time so the summary never re-parses.
    """
    ALTER TABLE sentences ADD COLUMN has_verb INTEGER NOT NULL DEFAULT 1;
    """,
    # Per-article name digests (extract/entities_digest.py): the entity stage's text work, kept so
    # later builds do not redo it for old articles. ``version`` is the digest code's version.
    """
    CREATE TABLE name_digests (
        article_id TEXT PRIMARY KEY REFERENCES articles(id), version INTEGER NOT NULL, data TEXT NOT NULL
    );
    """,
    # Per-article bounds digests (dates/bounds.py), kept like the name digests.
    """
    CREATE TABLE bounds_digests (
        article_id TEXT PRIMARY KEY REFERENCES articles(id), version INTEGER NOT NULL, data TEXT NOT NULL
    );
    """,
    # Per-article story term counts (stories/terms.py), kept like the name digests.
    """
    CREATE TABLE story_term_digests (
        article_id TEXT PRIMARY KEY REFERENCES articles(id), version INTEGER NOT NULL, data TEXT NOT NULL
    );
    """,
    # Cross-article state a build keeps for the next (JSON by key), and the name scan memo's
    # per-article rows (extract/entities_scan.py), valid under the state's version.
    """
    CREATE TABLE derive_state (key TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE name_scans (article_id TEXT PRIMARY KEY REFERENCES articles(id), data TEXT NOT NULL);
    """,
    # Near-duplicate MinHash signatures of canonical articles (ingest/near_duplicates.py), so a build
    # indexes old articles without re-shingling their texts.
    """
    CREATE TABLE near_duplicate_signatures (
        article_id TEXT PRIMARY KEY REFERENCES articles(id), version INTEGER NOT NULL, data TEXT NOT NULL
    );
    """,
)


def schema_version(conn: Any) -> int | None:
    """How many migrations the connected schema has run; ``None`` when it holds no store."""
    found = conn.execute("SELECT to_regclass('storyline_version') AS found").fetchone()
    if found is None or found["found"] is None:
        return None
    row = conn.execute("SELECT version FROM storyline_version").fetchone()
    return int(row["version"]) if row else 0


def migrate(conn: Any) -> int:
    """Apply the migrations the schema has not run yet, under an advisory lock; the resulting version."""
    with conn.transaction():
        lock = "SELECT pg_advisory_xact_lock(%s, hashtext(coalesce(current_schema(), '')))"
        conn.execute(lock, (ADVISORY_LOCK_CLASS,))
        conn.execute(VERSION_TABLE)
        row = conn.execute("SELECT version FROM storyline_version").fetchone()
        if row is None:
            conn.execute("INSERT INTO storyline_version(version) VALUES (0)")
        version = int(row["version"]) if row else 0
        for script in MIGRATIONS[version:]:
            conn.execute(script)
        if version < len(MIGRATIONS):
            conn.execute("UPDATE storyline_version SET version = %s", (len(MIGRATIONS),))
        return max(version, len(MIGRATIONS))
