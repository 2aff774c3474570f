"""The store: articles and their per-article analyses, plus the cross-article results.

Per-article rows are written once, one transaction per batch, so a killed build keeps every
batch already committed. Cross-article results (entities, stories, disagreements, quote
speakers) are recomputed from the stored analyses and replaced in one transaction.

The queries are written once here; the database under them (a SQLite file, or PostgreSQL for a
``postgresql://`` location) is a :class:`storyline.store_backends.Database`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from sys import intern
from typing import Any, Literal, cast

from storyline.models import (
    AnalyzedArticle,
    Article,
    Citation,
    CitedText,
    Claim,
    Disagreement,
    DuplicateLink,
    Entity,
    Granularity,
    Mention,
    Published,
    Quote,
    Removal,
    Role,
    Sentence,
    Story,
    StoryEvent,
    TimelineEntry,
    Timex,
    TimexType,
)
from storyline.store_backends import (
    Database,
    Row,
    StoreError,
    is_postgres_location,
    open_database,
)
from storyline.store_schema import MIGRATIONS

__all__ = ["MIGRATIONS", "DerivedResults", "SpeakerLink", "Store", "StoreError"]

DigestKind = Literal["names", "bounds", "terms", "signatures"]
# Per-article digests of the cross-article stages, one table per kind (see storyline.digests), and
# the near-duplicate signatures of canonical articles (storyline.ingest.near_duplicates).
DIGEST_TABLES: dict[DigestKind, str] = {
    "names": "name_digests", "bounds": "bounds_digests", "terms": "story_term_digests",
    "signatures": "near_duplicate_signatures",
}

ARTICLES_WITH_BOUNDS = (
    "SELECT articles.*, article_bounds.earliest AS bound_earliest, article_bounds.latest AS bound_latest"
    " FROM articles LEFT JOIN article_bounds ON article_bounds.article_id = articles.id ORDER BY seq"
)

SEARCH_INSERT = (
    "INSERT INTO search_index(kind, ref, article_id, start_offset, end_offset, title, body)"
    " VALUES (?,?,?,?,?,?,?)"
)


@dataclass(frozen=True)
class SpeakerLink:
    """The canonical speaker attached to one quote."""

    quote_id: str
    entity_id: str | None
    speaker: str | None


@dataclass(frozen=True)
class DerivedResults:
    """Everything computed across articles, replaced after each build. ``kept_stories`` are ids
    of stories the store already holds unchanged: they stay as stored and are not in ``stories``."""

    entities: tuple[Entity, ...]
    speakers: tuple[SpeakerLink, ...]
    disagreements: tuple[Disagreement, ...]
    stories: tuple[Story, ...]
    bounds: tuple[tuple[str, str | None, str | None], ...] = ()
    kept_stories: frozenset[str] = frozenset()
    # The entity stage's name scan memo: its JSON state and a JSON row per article scanned anew
    # (storyline.extract.entities_scan); a record of work done, so results compare without it.
    name_scans: tuple[str, Sequence[tuple[str, str]]] | None = field(default=None, compare=False)


class Store:
    """A Storyline database: a SQLite file, or a PostgreSQL database for a ``postgresql://`` URL.

    ``location`` is kept for reopening the same store; ``path`` is safe to print (the SQLite
    file's :class:`Path`, or the URL with its password hidden).
    """

    def __init__(self, location: str | Path, read_only: bool = False) -> None:
        self.location = location
        self.db: Database = open_database(location, read_only)
        self.path: Path | str = self.db.display if is_postgres_location(location) else Path(location)

    @property
    def conn(self) -> Any:
        """The driver's connection (sqlite3 or psycopg), for diagnostics and tests."""
        return self.db.conn

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- per-article rows -------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content hash is stored."""
        row = self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def add_batch(
        self,
        batch: Sequence[AnalyzedArticle],
        errors: Sequence[tuple[str, str]] = (),
        duplicates: Sequence[DuplicateLink] = (),
        digests: Sequence[tuple[DigestKind, int, Sequence[tuple[str, str]]]] = (),
    ) -> None:
        """Store analysed articles, ingest errors, near-duplicate links and per-article digests
        (``(kind, version, [(article_id, JSON), ...])``) in one transaction."""
        with self.db.transaction():
            for analyzed in batch:
                self._insert_analyzed(analyzed)
            for kind, version, rows in digests:
                self._upsert_digests(kind, version, rows)
            self.db.executemany(self.db.upsert_sql("ingest_errors", ("path", "message"), "path"), errors)
            self.db.executemany(
                self.db.upsert_sql("duplicates", ("article_id", "canonical_id", "similarity"), "article_id"),
                [(d.article_id, d.canonical_id, d.similarity) for d in duplicates],
            )

    def _insert_analyzed(self, analyzed: AnalyzedArticle) -> None:
        a = analyzed.article
        _insert_rows(self.db, "articles", ARTICLE_COLUMNS, [_article_row(a)])
        self.db.execute("DELETE FROM ingest_errors WHERE path = ?", (a.path,))
        _insert_rows(self.db, "sentences", ("article_id", "start", "end", "has_verb"),
                     [(a.id, s.start, s.end, int(s.has_verb)) for s in analyzed.sentences])
        _insert_rows(self.db, "mentions", ("article_id", "start", "end", "text", "label"),
                     [(a.id, m.start, m.end, m.text, m.label) for m in analyzed.mentions])
        _insert_rows(self.db, "timexes", ("article_id", "start", "end", "text", "type", "value", "granularity"),
                     [(a.id, t.start, t.end, t.text, t.type, t.value, t.granularity) for t in analyzed.timexes])
        _insert_rows(self.db, "quotes", QUOTE_COLUMNS, [_quote_row(q) for q in analyzed.quotes])
        _insert_rows(self.db, "claims", CLAIM_COLUMNS, [_claim_row(c) for c in analyzed.claims])
        self.db.executemany(
            SEARCH_INSERT,
            [("article", a.id, a.id, 0, len(a.text), a.title or a.path, a.text)]
            + [("quote", q.id, a.id, q.start, q.end, q.speaker_text or "", q.text) for q in analyzed.quotes],
        )

    def record_errors(self, errors: Iterable[tuple[str, str]]) -> None:
        """Record per-file ingest errors (path, message)."""
        with self.db.transaction():
            self.db.executemany(self.db.upsert_sql("ingest_errors", ("path", "message"), "path"), list(errors))

    def errors(self) -> list[tuple[str, str]]:
        """All recorded ingest errors, by path."""
        rows = self.db.execute("SELECT path, message FROM ingest_errors ORDER BY path")
        return [(r["path"], r["message"]) for r in rows]

    def duplicate_links(self) -> dict[str, DuplicateLink]:
        """Near-duplicate links keyed by the duplicate article's id."""
        rows = self.db.execute("SELECT article_id, canonical_id, similarity FROM duplicates ORDER BY article_id")
        return {r["article_id"]: DuplicateLink(r["article_id"], r["canonical_id"], r["similarity"]) for r in rows}

    def load_bounds(self) -> list[tuple[str, str | None, str | None]]:
        """The stored date bounds of undated articles: ``(article_id, earliest, latest)``."""
        rows = self.db.execute("SELECT article_id, earliest, latest FROM article_bounds ORDER BY article_id")
        return [(r["article_id"], r["earliest"], r["latest"]) for r in rows]

    def load_state(self, key: str) -> str | None:
        """A piece of cross-article state the last build kept (JSON), ``None`` when there is none."""
        row = self.db.execute("SELECT data FROM derive_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["data"])

    def load_name_scans(self) -> Iterator[tuple[str, str]]:
        """The name scan memo's per-article rows ``(article_id, JSON)``, streamed."""
        for row in self.db.stream("SELECT article_id, data FROM name_scans ORDER BY article_id"):
            yield row["article_id"], row["data"]

    def load_digests(self, kind: DigestKind, version: int) -> Iterator[tuple[str, str]]:
        """Stored per-article digests of one kind and code version: ``(article_id, JSON)``, streamed."""
        query = f"SELECT article_id, data FROM {DIGEST_TABLES[kind]} WHERE version = ? ORDER BY article_id"
        for row in self.db.stream(query, (version,)):
            yield row["article_id"], row["data"]

    def save_digests(self, kind: DigestKind, version: int, digests: Iterable[tuple[str, str]]) -> None:
        """Keep per-article digests ``(article_id, JSON)``, replacing older ones, in one transaction."""
        with self.db.transaction():
            self._upsert_digests(kind, version, digests)

    def _upsert_digests(self, kind: DigestKind, version: int, digests: Iterable[tuple[str, str]]) -> None:
        upsert = self.db.upsert_sql(DIGEST_TABLES[kind], ("article_id", "version", "data"), "article_id")
        self.db.executemany(upsert, ((article_id, version, data) for article_id, data in digests))

    def article_ids(self) -> set[str]:
        """The ids of all stored articles (without reading their texts)."""
        return {row["id"] for row in self.db.execute("SELECT id FROM articles")}

    def article_ids_in_order(self) -> list[str]:
        """The ids of all stored articles in ingest order (without reading their texts)."""
        return [row["id"] for row in self.db.execute("SELECT id FROM articles ORDER BY seq")]

    def article_count(self) -> int:
        """Number of stored articles."""
        return int(self.db.execute("SELECT count(*) AS n FROM articles").fetchone()["n"])

    def load_articles(self) -> list[Article]:
        """All stored articles in ingest order."""
        rows = self.db.execute(ARTICLES_WITH_BOUNDS).fetchall()
        return [_article_from_row(row) for row in rows]

    def load_analyzed(self, lean: bool = False) -> list[AnalyzedArticle]:
        """All stored articles with their per-article analyses, in ingest order.

        ``lean`` leaves sentences, mentions and time expressions out (the bulk of the rows): the
        cross-article pass needs them for few articles and asks :meth:`complete_analyses` for those.
        """
        articles = self.load_articles()
        ids = {a.id: a.id for a in articles}  # one string object per id, shared by every row
        tables = LEAN_TABLES if lean else ANALYSIS_TABLES
        by_article: dict[str, dict[str, list[Any]]] = {a.id: {t: [] for t in ANALYSIS_TABLES} for a in articles}
        for table in tables:
            for row in self.db.execute(f"SELECT * FROM {table} ORDER BY article_id, start, rowid"):
                by_article[row["article_id"]][table].append(_ANALYSIS_ROWS[table](row, ids))
        return [_analyzed(a, by_article[a.id]) for a in articles]

    def complete_analyses(self, lean: Sequence[AnalyzedArticle]) -> list[AnalyzedArticle]:
        """``lean`` articles (from ``load_analyzed(lean=True)``) with their sentences, mentions and
        time expressions read back, in the same order."""
        ids = {item.article.id: item.article.id for item in lean}
        found: dict[str, dict[str, list[Any]]] = {i: {t: [] for t in FULL_ONLY_TABLES} for i in ids}
        for chunk, marks in _id_chunks(sorted(ids)):
            for table in FULL_ONLY_TABLES:
                query = f"SELECT * FROM {table} WHERE article_id IN ({marks}) ORDER BY article_id, start, rowid"
                for row in self.db.execute(query, chunk):
                    found[row["article_id"]][table].append(_ANALYSIS_ROWS[table](row, ids))
        return [_with_full_rows(item, found[item.article.id]) for item in lean]

    # --- cross-article results ----------------------------------------------------------

    def replace_derived(self, derived: DerivedResults) -> None:
        """Replace entities, speakers, disagreements, stories and date bounds in one transaction
        (stories in ``derived.kept_stories`` are kept as stored, every other stored story goes),
        and keep the name scan memo (its state, and the rows of the articles scanned anew)."""
        with self.db.transaction():
            for table in ("entities", "quote_speakers", "disagreements", "article_bounds"):
                self.db.execute(f"DELETE FROM {table}")
            self._drop_stories_except(derived.kept_stories)
            self.db.executemany("INSERT INTO article_bounds VALUES (?,?,?)", derived.bounds)
            _insert_rows(self.db, "entities", ENTITY_COLUMNS, (_entity_row(e) for e in derived.entities))
            _insert_rows(self.db, "quote_speakers", ("quote_id", "entity_id", "speaker"),
                         ((s.quote_id, s.entity_id, s.speaker) for s in derived.speakers))
            _insert_rows(self.db, "disagreements", ("measure_key", "measure", "claim_ids", "note"),
                         ((d.measure_key, d.measure, json.dumps(d.claim_ids), d.note) for d in derived.disagreements))
            _insert_rows(self.db, "stories", STORY_COLUMNS, (_story_row(s) for s in derived.stories))
            self.db.executemany(
                self.db.upsert_sql("story_members", ("article_id", "story_id"), "article_id"),
                ((article_id, s.id) for s in derived.stories for article_id in s.article_ids),
            )
            self.db.executemany(SEARCH_INSERT, (row for s in derived.stories for row in _timeline_search_rows(s)))
            if derived.name_scans is not None:
                state, rows = derived.name_scans
                self.db.executemany(self.db.upsert_sql("name_scans", ("article_id", "data"), "article_id"), rows)
                self.db.execute(self.db.upsert_sql("derive_state", ("key", "data"), "key"), (NAME_SCANS_STATE, state))

    def _drop_stories_except(self, kept: frozenset[str]) -> None:
        """Delete every stored story not in ``kept``, with its members and timeline search rows."""
        if not kept:
            for table in ("stories", "story_members"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("DELETE FROM search_index WHERE kind = 'timeline'")
            return
        stale = sorted({row["id"] for row in self.db.execute("SELECT id FROM stories")} - kept)
        self.db.executemany("DELETE FROM stories WHERE id = ?", [(story_id,) for story_id in stale])
        self.db.executemany("DELETE FROM story_members WHERE story_id = ?", [(story_id,) for story_id in stale])
        for chunk, marks in _id_chunks(stale):
            self.db.execute(f"DELETE FROM search_index WHERE kind = 'timeline' AND ref IN ({marks})", chunk)

    def load_derived(self) -> DerivedResults:
        """The stored cross-article results."""
        entities = tuple(
            Entity(
                id=r["id"], name=r["name"], type=r["type"], aliases=tuple(json.loads(r["aliases"])),
                article_ids=tuple(json.loads(r["article_ids"])),
                mentions=tuple(Citation(*m) for m in json.loads(r["mentions"])),
                titles=tuple(json.loads(r["titles"])), roles=_roles_from_json(r["roles"]),
            )
            for r in self.db.execute("SELECT * FROM entities ORDER BY name, id")
        )
        speakers = tuple(
            SpeakerLink(r["quote_id"], r["entity_id"], r["speaker"])
            for r in self.db.execute("SELECT * FROM quote_speakers ORDER BY quote_id")
        )
        disagreements = tuple(
            Disagreement(r["measure"], r["measure_key"], tuple(json.loads(r["claim_ids"])), r["note"])
            for r in self.db.execute("SELECT * FROM disagreements ORDER BY measure_key")
        )
        stories = tuple(
            Story(
                id=r["id"], title=r["title"], article_ids=tuple(json.loads(r["article_ids"])),
                summary=tuple(_cited_from_json(c) for c in json.loads(r["summary"])),
                timeline=tuple(_entry_from_json(e) for e in json.loads(r["timeline"])),
                events=tuple(_event_from_json(e) for e in json.loads(r["events"])),
            )
            for r in self.db.execute("SELECT * FROM stories ORDER BY id")
        )
        bounds = tuple(
            (r["article_id"], r["earliest"], r["latest"])
            for r in self.db.execute("SELECT * FROM article_bounds ORDER BY article_id")
        )
        return DerivedResults(entities, speakers, disagreements, stories, bounds)

    # --- streaming reads: one row (or one article) at a time, for exports of large stores ---

    def iter_texts(self) -> Iterator[tuple[str, str]]:
        """``(article_id, cleaned text)`` of every stored article in ingest order, one row at a time."""
        for row in self.db.stream("SELECT id, text FROM articles ORDER BY seq"):
            yield row["id"], row["text"]

    def iter_articles(self) -> Iterator[Article]:
        """Stored articles in ingest order, read one row at a time."""
        for row in self.db.stream(ARTICLES_WITH_BOUNDS):
            yield _article_from_row(row)

    def iter_analyzed(self) -> Iterator[AnalyzedArticle]:
        """Each stored article with its per-article analyses (as :meth:`load_analyzed`), one at a time."""
        for article in self.iter_articles():
            ids = {article.id: article.id}
            rows = {
                table: [
                    _ANALYSIS_ROWS[table](row, ids)
                    for row in self.db.execute(
                        f"SELECT * FROM {table} WHERE article_id = ? ORDER BY start, rowid", (article.id,)
                    )
                ]
                for table in ANALYSIS_TABLES
            }
            yield _analyzed(article, rows)

    def speaker_links_of(self, article_id: str) -> dict[str, SpeakerLink]:
        """The canonical speakers of one article's quotes, by quote id."""
        rows = self.db.execute(
            "SELECT s.* FROM quote_speakers s JOIN quotes q ON q.id = s.quote_id WHERE q.article_id = ?",
            (article_id,),
        )
        return {r["quote_id"]: SpeakerLink(r["quote_id"], r["entity_id"], r["speaker"]) for r in rows}

    def iter_entities(self) -> Iterator[Entity]:
        """Canonical entities, most mentioned first (then by name and id), one row at a time."""
        query = f"SELECT * FROM entities ORDER BY {self.db.json_length('mentions')} DESC, name, id"
        for r in self.db.stream(query):
            yield Entity(
                id=r["id"], name=r["name"], type=r["type"], aliases=tuple(json.loads(r["aliases"])),
                article_ids=tuple(json.loads(r["article_ids"])),
                mentions=tuple(Citation(*m) for m in json.loads(r["mentions"])),
                titles=tuple(json.loads(r["titles"])), roles=_roles_from_json(r["roles"]),
            )

    def iter_disagreements(self) -> Iterator[Disagreement]:
        """Disagreements by measure key, one row at a time."""
        for r in self.db.stream("SELECT * FROM disagreements ORDER BY measure_key"):
            yield Disagreement(r["measure"], r["measure_key"], tuple(json.loads(r["claim_ids"])), r["note"])

    def iter_stories(self) -> Iterator[Story]:
        """Stories by id, one row at a time."""
        for r in self.db.stream("SELECT * FROM stories ORDER BY id"):
            yield Story(
                id=r["id"], title=r["title"], article_ids=tuple(json.loads(r["article_ids"])),
                summary=tuple(_cited_from_json(c) for c in json.loads(r["summary"])),
                timeline=tuple(_entry_from_json(e) for e in json.loads(r["timeline"])),
                events=tuple(_event_from_json(e) for e in json.loads(r["events"])),
            )

    def load_story_assignments(self) -> dict[str, str]:
        """Article id -> story id, as the last build left them (empty before the first build)."""
        rows = self.db.execute("SELECT article_id, story_id FROM story_members ORDER BY article_id")
        return {r["article_id"]: r["story_id"] for r in rows}

    # --- lookups for readers ------------------------------------------------------------

    def article_text(self, article_id: str) -> str | None:
        """The cleaned text of one stored article, ``None`` when there is no such article."""
        row = self.db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else str(row["text"])

    def search(self, query: str, limit: int) -> list[Row]:
        """Best full-text matches for free text over articles, quotes and timeline entries.

        Each row has kind, ref, article_id, start_offset, end_offset, title and snip (the body's
        best passage with matches between SNIPPET_OPEN and SNIPPET_CLOSE). The query's words are
        passed as data, never as SQL; every word must occur, the last one as a prefix.
        """
        return self.db.search(query, limit)


ARTICLE_COLUMNS = (
    "id", "path", "title", "url", "text", "published_date", "published_granularity", "published_source",
    "evidence_start", "evidence_end", "removals", "published_confidence",
)
QUOTE_COLUMNS = (
    "id", "article_id", "start", "end", "text", "kind", "speaker_text", "speaker_start", "speaker_end", "cue",
    "sentence_start", "sentence_end", "content_start", "content_end",
)
CLAIM_COLUMNS = (
    "id", "article_id", "start", "end", "text", "value", "unit", "measure", "measure_key", "period", "claimant",
    "sentence_start", "sentence_end", "approximate", "cue", "scope", "upper", "period_text",
)
ENTITY_COLUMNS = ("id", "name", "type", "aliases", "titles", "article_ids", "mentions", "roles")
STORY_COLUMNS = ("id", "title", "article_ids", "summary", "timeline", "events")
NAME_SCANS_STATE = "name_scans"  # derive_state key of the name scan memo's state
IDS_PER_STATEMENT = 500  # ids bound in one "IN (...)" statement


def _id_chunks(ids: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """``ids`` in chunks of ``IDS_PER_STATEMENT``, each with its "?, ?, ..." placeholders."""
    for start in range(0, len(ids), IDS_PER_STATEMENT):
        chunk = list(ids[start : start + IDS_PER_STATEMENT])
        yield chunk, ", ".join("?" for _ in chunk)


def _insert_rows(db: Database, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    db.executemany(f"INSERT INTO {table}({names}) VALUES ({marks})", rows)


def _article_row(a: Article) -> tuple[Any, ...]:
    ev = a.published.evidence
    return (
        a.id, a.path, a.title, a.url, a.text, a.published.date, a.published.granularity, a.published.source,
        ev.start if ev else None, ev.end if ev else None,
        json.dumps([[r.text, r.reason, r.line] for r in a.removals]), a.published.confidence,
    )


def _quote_row(q: Quote) -> tuple[Any, ...]:
    return (
        q.id, q.article_id, q.start, q.end, q.text, q.kind, q.speaker_text, q.speaker_start, q.speaker_end, q.cue,
        q.sentence_start, q.sentence_end, q.content_start, q.content_end,
    )


def _claim_row(c: Claim) -> tuple[Any, ...]:
    return (
        c.id, c.article_id, c.start, c.end, c.text, c.value, c.unit, c.measure, c.measure_key, c.period,
        c.claimant, c.sentence_start, c.sentence_end, int(c.approximate), c.cue, c.scope, c.upper, c.period_text,
    )


def _entity_row(e: Entity) -> tuple[Any, ...]:
    mentions = [[c.article_id, c.start, c.end] for c in e.mentions]
    return (
        e.id, e.name, e.type, json.dumps(e.aliases), json.dumps(e.titles), json.dumps(e.article_ids),
        json.dumps(mentions), _roles_to_json(e.roles),
    )


def _story_row(s: Story) -> tuple[Any, ...]:
    return (
        s.id, s.title, json.dumps(s.article_ids), json.dumps([_cited_to_json(c) for c in s.summary]),
        json.dumps([_entry_to_json(e) for e in s.timeline]), json.dumps([_event_to_json(e) for e in s.events]),
    )


def _timeline_search_rows(story: Story) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for entry in story.timeline:
        first = entry.citations[0] if entry.citations else None
        rows.append((
            "timeline", story.id, first.article_id if first else None, first.start if first else None,
            first.end if first else None, entry.date, entry.text,
        ))
    return rows


def _article_from_row(row: Row) -> Article:
    evidence = None
    if row["evidence_start"] is not None:
        evidence = Citation(row["id"], row["evidence_start"], row["evidence_end"])
    published = Published(
        row["published_date"], row["published_granularity"], row["published_source"], evidence,
        **_published_extras(row),
    )
    removals = tuple(Removal(text, reason, line) for text, reason, line in json.loads(row["removals"]))
    return Article(row["id"], row["path"], row["title"], row["url"], row["text"], published, removals)


def _published_extras(row: Row) -> dict[str, Any]:
    """Confidence and cross-article bounds of a publication date, where the row has them."""
    keys = row.keys()
    extras: dict[str, Any] = {}
    if "published_confidence" in keys:
        extras["confidence"] = float(row["published_confidence"] or 0.0)
    if "bound_earliest" in keys:
        extras["earliest"], extras["latest"] = row["bound_earliest"], row["bound_latest"]
    return extras


def _quote_from_row(row: Row) -> Quote:
    return Quote(
        id=row["id"], article_id=row["article_id"], start=row["start"], end=row["end"], text=row["text"],
        kind=row["kind"], speaker_text=row["speaker_text"], speaker_start=row["speaker_start"],
        speaker_end=row["speaker_end"], cue=row["cue"], sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"], content_start=row["content_start"], content_end=row["content_end"],
    )


ANALYSIS_TABLES = ("sentences", "mentions", "timexes", "quotes", "claims")
LEAN_TABLES = ("quotes", "claims")
FULL_ONLY_TABLES = ("sentences", "mentions", "timexes")  # what a lean article leaves out


def _sentence_from_row(row: Row, ids: dict[str, str]) -> Sentence:
    return Sentence(row["start"], row["end"], bool(row["has_verb"]))


def _mention_from_row(row: Row, ids: dict[str, str]) -> Mention:
    return Mention(ids[row["article_id"]], row["start"], row["end"], intern(row["text"]), intern(row["label"]))


def _timex_from_row(row: Row, ids: dict[str, str]) -> Timex:
    granularity = cast("Granularity | None", intern(row["granularity"]) if row["granularity"] else row["granularity"])
    return Timex(ids[row["article_id"]], row["start"], row["end"], row["text"], cast("TimexType", intern(row["type"])),
                 row["value"], granularity)


_ANALYSIS_ROWS: dict[str, Any] = {
    "sentences": _sentence_from_row,
    "mentions": _mention_from_row,
    "timexes": _timex_from_row,
    "quotes": lambda row, ids: _quote_from_row(row),
    "claims": lambda row, ids: _claim_from_row(row),
}


def _with_full_rows(lean: AnalyzedArticle, rows: dict[str, list[Any]]) -> AnalyzedArticle:
    """A lean article with the rows it left out."""
    return replace(lean, sentences=tuple(rows["sentences"]), mentions=tuple(rows["mentions"]),
                   timexes=tuple(rows["timexes"]))


def _analyzed(article: Article, rows: dict[str, list[Any]]) -> AnalyzedArticle:
    """One article's record from its analysis rows, by table."""
    return AnalyzedArticle(
        article=article, sentences=tuple(rows["sentences"]), mentions=tuple(rows["mentions"]),
        timexes=tuple(rows["timexes"]), quotes=tuple(rows["quotes"]), claims=tuple(rows["claims"]),
    )


def _claim_from_row(row: Row) -> Claim:
    return Claim(
        id=row["id"], article_id=row["article_id"], start=row["start"], end=row["end"], text=row["text"],
        value=row["value"], unit=row["unit"], measure=row["measure"], measure_key=row["measure_key"],
        period=row["period"], claimant=row["claimant"], sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"], approximate=bool(row["approximate"]),
        cue=row["cue"], scope=row["scope"], upper=row["upper"], period_text=row["period_text"],
    )


def _roles_to_json(roles: Iterable[Role]) -> str:
    return json.dumps([[r.title, r.date, r.citation.article_id, r.citation.start, r.citation.end] for r in roles])


def _roles_from_json(text: str) -> tuple[Role, ...]:
    return tuple(Role(title, date, Citation(aid, start, end)) for title, date, aid, start, end in json.loads(text))


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


def _event_to_json(event: StoryEvent) -> dict[str, Any]:
    return {
        "id": event.id, "title": event.title, "article_ids": list(event.article_ids),
        "start": event.start, "end": event.end,
    }


def _event_from_json(item: dict[str, Any]) -> StoryEvent:
    return StoryEvent(item["id"], item["title"], tuple(item["article_ids"]), item.get("start"), item.get("end"))
