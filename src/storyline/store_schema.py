"""The SQLite schema of a Storyline store, as an append-only list of migrations.

Each entry is applied once, in order; ``PRAGMA user_version`` records how many ran.
Never edit an entry that has shipped: append a new one.
"""

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        title TEXT,
        url TEXT,
        text TEXT NOT NULL,
        published_date TEXT,
        published_granularity TEXT,
        published_source TEXT,
        evidence_start INTEGER,
        evidence_end INTEGER,
        removals TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL
    );
    CREATE INDEX sentences_article ON sentences(article_id);
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE TABLE timexes (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        type TEXT NOT NULL, value TEXT, granularity TEXT
    );
    CREATE INDEX timexes_article ON timexes(article_id);
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
        speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER, cue TEXT,
        sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE TABLE claims (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        value REAL NOT NULL, unit TEXT NOT NULL, measure TEXT NOT NULL, measure_key TEXT NOT NULL,
        period TEXT, claimant TEXT, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        approximate INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX claims_article ON claims(article_id);
    CREATE TABLE ingest_errors (
        path TEXT PRIMARY KEY, message TEXT NOT NULL
    );
    CREATE TABLE entities (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
        aliases TEXT NOT NULL, titles TEXT NOT NULL, article_ids TEXT NOT NULL, mentions TEXT NOT NULL
    );
    CREATE TABLE quote_speakers (
        quote_id TEXT PRIMARY KEY REFERENCES quotes(id), entity_id TEXT, speaker TEXT
    );
    CREATE TABLE disagreements (
        measure_key TEXT PRIMARY KEY, measure TEXT NOT NULL, claim_ids TEXT NOT NULL, note TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, article_ids TEXT NOT NULL,
        summary TEXT NOT NULL, timeline TEXT NOT NULL
    );
    """,
    # 2: claim cue/scope/range top; entity roles (JSON [[title, date, article_id, start, end], ...]).
    """
    ALTER TABLE claims ADD COLUMN cue TEXT;
    ALTER TABLE claims ADD COLUMN scope TEXT;
    ALTER TABLE claims ADD COLUMN upper REAL;
    ALTER TABLE claims ADD COLUMN period_text TEXT;
    ALTER TABLE entities ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
    """,
    # Full-text search (web UI): articles, quotes and timeline entries, backfilled from existing rows.
    """
    CREATE VIRTUAL TABLE search_index USING fts5(
        kind UNINDEXED, ref UNINDEXED, article_id UNINDEXED, start_offset UNINDEXED, end_offset UNINDEXED,
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO search_index(kind, ref, article_id, start_offset, end_offset, title, body)
        SELECT 'article', id, id, 0, length(text), coalesce(title, path), text FROM articles;
    INSERT INTO search_index(kind, ref, article_id, start_offset, end_offset, title, body)
        SELECT 'quote', id, article_id, start, "end", coalesce(speaker_text, ''), text FROM quotes;
    INSERT INTO search_index(kind, ref, article_id, start_offset, end_offset, title, body)
        SELECT 'timeline', stories.id, json_extract(entry.value, '$.citations[0].article_id'),
               json_extract(entry.value, '$.citations[0].start'), json_extract(entry.value, '$.citations[0].end'),
               json_extract(entry.value, '$.date'), json_extract(entry.value, '$.text')
        FROM stories, json_each(stories.timeline) AS entry;
    """,
    # Near-duplicate articles (syndicated copies, light rewrites) linked to their canonical article.
    """
    CREATE TABLE duplicates (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        canonical_id TEXT NOT NULL REFERENCES articles(id),
        similarity REAL NOT NULL
    );
    CREATE INDEX duplicates_canonical ON duplicates(canonical_id);
    """,
    # Story membership kept across builds (stable story ids); story events (JSON, see _event_to_json).
    """
    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL
    );
    CREATE INDEX story_members_story ON story_members(story_id);
    INSERT OR IGNORE INTO story_members(article_id, story_id)
        SELECT member.value, stories.id FROM stories, json_each(stories.article_ids) AS member
        WHERE member.value IN (SELECT id FROM articles);
    ALTER TABLE stories ADD COLUMN events TEXT NOT NULL DEFAULT '[]';
    """,
    # Publication-date confidence; cross-article bounds on undated articles' dates (dates/bounds.py).
    """
    ALTER TABLE articles ADD COLUMN published_confidence REAL NOT NULL DEFAULT 0;
    CREATE TABLE article_bounds (
        article_id TEXT PRIMARY KEY REFERENCES articles(id), earliest TEXT, latest TEXT
    );
    """,
    # Quote attribution content span (the reported clause around a partial quote).
    """
    ALTER TABLE quotes ADD COLUMN content_start INTEGER;
    ALTER TABLE quotes ADD COLUMN content_end INTEGER;
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
