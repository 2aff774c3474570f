"""What the web pages read: a cached snapshot of the store and full-text search, over read-only connections.

The store is a SQLite path or a PostgreSQL URL; the search SQL of each lives in store_backends.py.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.export import build_document
from storyline.models import AnalyzedArticle, Entity, Story
from storyline.store import DerivedResults, Store
from storyline.store_backends import (
    MAX_QUERY_TERMS,
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    change_key,
    is_postgres_location,
    match_expression,
)

__all__ = [
    "MAX_QUERY_TERMS", "SNIPPET_CLOSE", "SNIPPET_OPEN", "SearchRow", "Snapshot", "SnapshotCache",
    "ensure_store", "load_snapshot", "match_expression", "search",
]


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


class SnapshotCache:
    """Reloads the snapshot (over a read-only connection) when the database's data changes."""

    def __init__(self, db_path: str | Path) -> None:
        """Remember the store's location; nothing is read until :meth:`get`."""
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
        key = (self.generation, change_key(self.db_path))
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


def search(db_path: str | Path, query: str, limit: int) -> list[SearchRow]:
    """Best full-text matches over articles, quotes and timeline entries (read-only connection)."""
    if not match_expression(query):
        return []
    with Store(db_path, read_only=True) as store:
        rows = store.search(query, limit)
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


def ensure_store(db_path: str | Path) -> None:
    """Create or migrate the database so read-only connections find the current schema."""
    if not is_postgres_location(db_path):
        os.makedirs(Path(db_path).parent or Path("."), exist_ok=True)
    Store(db_path).close()

