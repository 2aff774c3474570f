"""SQLite store: articles and their per-article analyses, plus the cross-article results.

Per-article rows are written once, one transaction per batch, so a killed build keeps every
batch already committed. Cross-article results (entities, stories, disagreements, quote
speakers) are recomputed from the stored analyses and replaced in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.models import (
    AnalyzedArticle,
    Article,
    Citation,
    CitedText,
    Claim,
    Disagreement,
    Entity,
    Mention,
    Published,
    Quote,
    Removal,
    Sentence,
    Story,
    Timex,
    TimelineEntry,
)

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
)


@dataclass(frozen=True)
class SpeakerLink:
    """The canonical speaker attached to one quote."""

    quote_id: str
    entity_id: str | None
    speaker: str | None


@dataclass(frozen=True)
class DerivedResults:
    """Everything computed across articles, replaced as a whole after each build."""

    entities: tuple[Entity, ...]
    speakers: tuple[SpeakerLink, ...]
    disagreements: tuple[Disagreement, ...]
    stories: tuple[Story, ...]


class StoreError(Exception):
    """The database file cannot be used as a Storyline store."""


class Store:
    """A Storyline database in one SQLite file."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            self._connect(read_only)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path} is not a usable SQLite database: {error}") from error

    def _connect(self, read_only: bool) -> None:
        if read_only:
            if not self.path.exists():
                raise StoreError(f"no Storyline database at {self.path}; run `storyline build` first")
            uri = f"file:{self.path.resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True)
        else:
            self.conn = sqlite3.connect(self.path)
            self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            self._migrate()
        elif self._version() != len(MIGRATIONS):
            raise StoreError(f"{self.path} is not a Storyline database of this version")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _version(self) -> int:
        try:
            return int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path} is not a SQLite database: {error}") from error

    def _migrate(self) -> None:
        version = self._version()
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.conn:
                self.conn.executescript(f"BEGIN; {script}; PRAGMA user_version={number}; COMMIT;")

    # --- per-article rows -------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content hash is stored."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def add_batch(self, batch: Sequence[AnalyzedArticle], errors: Sequence[tuple[str, str]] = ()) -> None:
        """Store analysed articles and ingest errors in one transaction."""
        with self.conn:
            for analyzed in batch:
                self._insert_analyzed(analyzed)
            self.conn.executemany(
                "INSERT OR REPLACE INTO ingest_errors(path, message) VALUES (?, ?)", errors
            )

    def _insert_analyzed(self, analyzed: AnalyzedArticle) -> None:
        a = analyzed.article
        ev = a.published.evidence
        self.conn.execute(
            "INSERT INTO articles(id, path, title, url, text, published_date, published_granularity,"
            " published_source, evidence_start, evidence_end, removals)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                a.id, a.path, a.title, a.url, a.text, a.published.date, a.published.granularity,
                a.published.source, ev.start if ev else None, ev.end if ev else None,
                json.dumps([[r.text, r.reason, r.line] for r in a.removals]),
            ),
        )
        self.conn.execute("DELETE FROM ingest_errors WHERE path = ?", (a.path,))
        self.conn.executemany(
            'INSERT INTO sentences(article_id, start, "end") VALUES (?,?,?)',
            [(a.id, s.start, s.end) for s in analyzed.sentences],
        )
        self.conn.executemany(
            'INSERT INTO mentions(article_id, start, "end", text, label) VALUES (?,?,?,?,?)',
            [(a.id, m.start, m.end, m.text, m.label) for m in analyzed.mentions],
        )
        self.conn.executemany(
            'INSERT INTO timexes(article_id, start, "end", text, type, value, granularity)'
            " VALUES (?,?,?,?,?,?,?)",
            [(a.id, t.start, t.end, t.text, t.type, t.value, t.granularity) for t in analyzed.timexes],
        )
        self.conn.executemany(
            'INSERT INTO quotes(id, article_id, start, "end", text, kind, speaker_text, speaker_start,'
            " speaker_end, cue, sentence_start, sentence_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (q.id, a.id, q.start, q.end, q.text, q.kind, q.speaker_text, q.speaker_start,
                 q.speaker_end, q.cue, q.sentence_start, q.sentence_end)
                for q in analyzed.quotes
            ],
        )
        self.conn.executemany(
            'INSERT INTO claims(id, article_id, start, "end", text, value, unit, measure, measure_key,'
            " period, claimant, sentence_start, sentence_end, approximate)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (c.id, a.id, c.start, c.end, c.text, c.value, c.unit, c.measure, c.measure_key,
                 c.period, c.claimant, c.sentence_start, c.sentence_end, int(c.approximate))
                for c in analyzed.claims
            ],
        )

    def record_errors(self, errors: Iterable[tuple[str, str]]) -> None:
        """Record per-file ingest errors (path, message)."""
        with self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO ingest_errors(path, message) VALUES (?, ?)", list(errors)
            )

    def errors(self) -> list[tuple[str, str]]:
        """All recorded ingest errors, by path."""
        rows = self.conn.execute("SELECT path, message FROM ingest_errors ORDER BY path")
        return [(r["path"], r["message"]) for r in rows]

    def article_count(self) -> int:
        """Number of stored articles."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def load_articles(self) -> list[Article]:
        """All stored articles in ingest order."""
        rows = self.conn.execute("SELECT * FROM articles ORDER BY seq").fetchall()
        return [_article_from_row(row) for row in rows]

    def load_analyzed(self) -> list[AnalyzedArticle]:
        """All stored articles with their per-article analyses, in ingest order."""
        by_article: dict[str, dict[str, list[Any]]] = {}
        articles = self.load_articles()
        for article in articles:
            by_article[article.id] = {"sentences": [], "mentions": [], "timexes": [], "quotes": [], "claims": []}
        for row in self.conn.execute('SELECT * FROM sentences ORDER BY article_id, start'):
            by_article[row["article_id"]]["sentences"].append(Sentence(row["start"], row["end"]))
        for row in self.conn.execute("SELECT * FROM mentions ORDER BY article_id, start"):
            by_article[row["article_id"]]["mentions"].append(
                Mention(row["article_id"], row["start"], row["end"], row["text"], row["label"])
            )
        for row in self.conn.execute("SELECT * FROM timexes ORDER BY article_id, start"):
            by_article[row["article_id"]]["timexes"].append(
                Timex(row["article_id"], row["start"], row["end"], row["text"], row["type"],
                      row["value"], row["granularity"])
            )
        for row in self.conn.execute("SELECT * FROM quotes ORDER BY article_id, start"):
            by_article[row["article_id"]]["quotes"].append(_quote_from_row(row))
        for row in self.conn.execute("SELECT * FROM claims ORDER BY article_id, start"):
            by_article[row["article_id"]]["claims"].append(_claim_from_row(row))
        return [
            AnalyzedArticle(
                article=a,
                sentences=tuple(by_article[a.id]["sentences"]),
                mentions=tuple(by_article[a.id]["mentions"]),
                timexes=tuple(by_article[a.id]["timexes"]),
                quotes=tuple(by_article[a.id]["quotes"]),
                claims=tuple(by_article[a.id]["claims"]),
            )
            for a in articles
        ]

    # --- cross-article results ----------------------------------------------------------

    def replace_derived(self, derived: DerivedResults) -> None:
        """Replace entities, speakers, disagreements and stories in one transaction."""
        with self.conn:
            for table in ("entities", "quote_speakers", "disagreements", "stories"):
                self.conn.execute(f"DELETE FROM {table}")
            self.conn.executemany(
                "INSERT INTO entities VALUES (?,?,?,?,?,?,?)",
                [
                    (e.id, e.name, e.type, json.dumps(e.aliases), json.dumps(e.titles),
                     json.dumps(e.article_ids), json.dumps([[c.article_id, c.start, c.end] for c in e.mentions]))
                    for e in derived.entities
                ],
            )
            self.conn.executemany(
                "INSERT INTO quote_speakers VALUES (?,?,?)",
                [(s.quote_id, s.entity_id, s.speaker) for s in derived.speakers],
            )
            self.conn.executemany(
                "INSERT INTO disagreements VALUES (?,?,?,?)",
                [(d.measure_key, d.measure, json.dumps(d.claim_ids), d.note) for d in derived.disagreements],
            )
            self.conn.executemany(
                "INSERT INTO stories VALUES (?,?,?,?,?)",
                [
                    (s.id, s.title, json.dumps(s.article_ids),
                     json.dumps([_cited_to_json(c) for c in s.summary]),
                     json.dumps([_entry_to_json(e) for e in s.timeline]))
                    for s in derived.stories
                ],
            )

    def load_derived(self) -> DerivedResults:
        """The stored cross-article results."""
        entities = tuple(
            Entity(
                id=r["id"], name=r["name"], type=r["type"], aliases=tuple(json.loads(r["aliases"])),
                article_ids=tuple(json.loads(r["article_ids"])),
                mentions=tuple(Citation(*m) for m in json.loads(r["mentions"])),
                titles=tuple(json.loads(r["titles"])),
            )
            for r in self.conn.execute("SELECT * FROM entities ORDER BY name, id")
        )
        speakers = tuple(
            SpeakerLink(r["quote_id"], r["entity_id"], r["speaker"])
            for r in self.conn.execute("SELECT * FROM quote_speakers ORDER BY quote_id")
        )
        disagreements = tuple(
            Disagreement(r["measure"], r["measure_key"], tuple(json.loads(r["claim_ids"])), r["note"])
            for r in self.conn.execute("SELECT * FROM disagreements ORDER BY measure_key")
        )
        stories = tuple(
            Story(
                id=r["id"], title=r["title"], article_ids=tuple(json.loads(r["article_ids"])),
                summary=tuple(_cited_from_json(c) for c in json.loads(r["summary"])),
                timeline=tuple(_entry_from_json(e) for e in json.loads(r["timeline"])),
            )
            for r in self.conn.execute("SELECT * FROM stories ORDER BY id")
        )
        return DerivedResults(entities, speakers, disagreements, stories)


def _article_from_row(row: sqlite3.Row) -> Article:
    evidence = None
    if row["evidence_start"] is not None:
        evidence = Citation(row["id"], row["evidence_start"], row["evidence_end"])
    published = Published(
        row["published_date"], row["published_granularity"], row["published_source"], evidence
    )
    removals = tuple(Removal(text, reason, line) for text, reason, line in json.loads(row["removals"]))
    return Article(row["id"], row["path"], row["title"], row["url"], row["text"], published, removals)


def _quote_from_row(row: sqlite3.Row) -> Quote:
    return Quote(
        id=row["id"], article_id=row["article_id"], start=row["start"], end=row["end"], text=row["text"],
        kind=row["kind"], speaker_text=row["speaker_text"], speaker_start=row["speaker_start"],
        speaker_end=row["speaker_end"], cue=row["cue"], sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"],
    )


def _claim_from_row(row: sqlite3.Row) -> Claim:
    return Claim(
        id=row["id"], article_id=row["article_id"], start=row["start"], end=row["end"], text=row["text"],
        value=row["value"], unit=row["unit"], measure=row["measure"], measure_key=row["measure_key"],
        period=row["period"], claimant=row["claimant"], sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"], approximate=bool(row["approximate"]),
    )


def _citations_to_json(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    return [{"article_id": c.article_id, "start": c.start, "end": c.end} for c in citations]


def _citations_from_json(items: Iterable[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(Citation(i["article_id"], i["start"], i["end"]) for i in items)


def _cited_to_json(cited: CitedText) -> dict[str, Any]:
    return {"text": cited.text, "citations": _citations_to_json(cited.citations)}


def _cited_from_json(item: dict[str, Any]) -> CitedText:
    return CitedText(item["text"], _citations_from_json(item["citations"]))


def _entry_to_json(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "date": entry.date, "granularity": entry.granularity, "text": entry.text,
        "citations": _citations_to_json(entry.citations),
    }


def _entry_from_json(item: dict[str, Any]) -> TimelineEntry:
    return TimelineEntry(item["date"], item["granularity"], item["text"], _citations_from_json(item["citations"]))
