"""What the web pages read: a cached snapshot of the store and full-text search, over read-only connections."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.export import build_document
from storyline.models import AnalyzedArticle, Entity, Story
from storyline.store import DerivedResults, Store

MAX_QUERY_TERMS = 12
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"
_QUERY_TERM = re.compile(r"\w+")


@dataclass(frozen=True)
class Snapshot:
    """Everything stored, loaded once per change of the database file."""

    analyzed: tuple[AnalyzedArticle, ...]
    derived: DerivedResults
    document: Mapping[str, Any]
    articles: Mapping[str, AnalyzedArticle] = field(default_factory=dict)
    entities: Mapping[str, Entity] = field(default_factory=dict)
    stories: Mapping[str, Story] = field(default_factory=dict)


def load_snapshot(store: Store) -> Snapshot:
    """Read the whole store into a :class:`Snapshot`."""
    analyzed = tuple(store.load_analyzed())
    derived = store.load_derived()
    return Snapshot(
        analyzed=analyzed,
        derived=derived,
        document=build_document(analyzed, derived),
        articles={a.article.id: a for a in analyzed},
        entities={e.id: e for e in derived.entities},
        stories={s.id: s for s in derived.stories},
    )


def _file_state(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class SnapshotCache:
    """Reloads the snapshot (over a read-only connection) when the database or its WAL changes."""

    def __init__(self, db_path: Path) -> None:
        """Remember the database path; nothing is read until :meth:`get`."""
        self.db_path = db_path
        self._lock = threading.Lock()
        self._key: object = None
        self._snapshot: Snapshot | None = None
        self.generation = 0

    def invalidate(self) -> None:
        """Force a reload on the next :meth:`get` (after a write this process made)."""
        with self._lock:
            self.generation += 1

    def get(self) -> Snapshot:
        """The current snapshot, reloaded if the database changed since the last call."""
        wal = self.db_path.with_name(self.db_path.name + "-wal")
        key = (self.generation, _file_state(self.db_path), _file_state(wal))
        with self._lock:
            if self._snapshot is None or key != self._key:
                with Store(self.db_path, read_only=True) as store:
                    self._snapshot = load_snapshot(store)
                self._key = key
            return self._snapshot


@dataclass(frozen=True)
class SearchRow:
    """One full-text match: what kind of thing it is, where it points, and a marked snippet."""

    kind: str
    ref: str
    article_id: str | None
    start: int | None
    end: int | None
    title: str
    snippet: str


def match_expression(query: str) -> str:
    """A safe FTS5 expression for free text: every word must occur, the last one as a prefix."""
    terms = _QUERY_TERM.findall(query)[:MAX_QUERY_TERMS]
    if not terms:
        return ""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(db_path: Path, query: str, limit: int) -> list[SearchRow]:
    """Best full-text matches over articles, quotes and timeline entries (read-only connection)."""
    expression = match_expression(query)
    if not expression:
        return []
    sql = (
        "SELECT kind, ref, article_id, start_offset, end_offset, title,"
        f" snippet(search_index, 6, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 24) AS snip"
        " FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index) LIMIT ?"
    )
    with Store(db_path, read_only=True) as store:
        rows = store.conn.execute(sql, (expression, limit)).fetchall()
    return [
        SearchRow(
            kind=str(r["kind"]), ref=str(r["ref"]), article_id=r["article_id"],
            start=_int_or_none(r["start_offset"]), end=_int_or_none(r["end_offset"]),
            title=str(r["title"] or ""), snippet=str(r["snip"] or ""),
        )
        for r in rows
    ]


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) else None


def ensure_store(db_path: Path) -> None:
    """Create or migrate the database so read-only connections find the current schema."""
    os.makedirs(db_path.parent or Path("."), exist_ok=True)
    Store(db_path).close()
