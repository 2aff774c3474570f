"""Python API for notebooks: ``storyline.open(db)`` reads a store without changing it.

>>> import storyline
>>> with storyline.open("storyline.db") as sl:          # or "postgresql://..."; doctest: +SKIP

...     quotes = sl.quotes.to_pandas()
...     for story in sl.stories:
...         print(story.title, len(story.timeline))

Each collection (``stories``, ``articles``, ``quotes``, ``claims``, ``entities``, ``timeline``)
iterates as the pipeline's frozen records, read lazily from the store, and ``.to_pandas()`` gives
the same facts as a flat table (the CSV/Parquet export's columns, e.g. quotes with their
canonical speaker). pandas is optional (the ``data`` extra) and imported only by ``to_pandas``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

from storyline.exports.optional import require
from storyline.exports.tables import TABLES, table_rows
from storyline.models import (
    Article,
    Citation,
    Claim,
    Entity,
    Quote,
    Story,
    TimelineEntry,
)
from storyline.store import Store

RecordT = TypeVar("RecordT")
_PANDAS_DTYPES = {"integer": "int64", "number": "float64", "boolean": "bool"}


class Records(Generic[RecordT]):
    """One kind of record in a store: iterate it for records, or call :meth:`to_pandas`."""

    def __init__(self, store: Store, table: str, read: Callable[[], Iterator[RecordT]]) -> None:
        self._store = store
        self.table = table
        self._read = read

    def __iter__(self) -> Iterator[RecordT]:
        return self._read()

    def __repr__(self) -> str:
        return f"<storyline records {self.table!r} of {self._store.path}>"

    def rows(self) -> Iterator[dict[str, Any]]:
        """The flat rows of this collection's table (as in the CSV and Parquet exports)."""
        return table_rows(self._store, self.table)

    def to_pandas(self) -> Any:
        """A pandas DataFrame of the table: one row per record, typed columns, lists as lists."""
        pandas = require("pandas", "to_pandas()")
        columns = TABLES[self.table]
        frame = pandas.DataFrame.from_records(list(self.rows()), columns=[c.name for c in columns])
        for column in columns:
            dtype = _PANDAS_DTYPES.get(column.kind)
            if dtype is not None:
                frame[column.name] = frame[column.name].astype("Int64" if column.nullable else dtype)
        return frame


class Storyline:
    """A Storyline store opened read-only."""

    def __init__(self, db: str | Path) -> None:
        self.store = Store(db, read_only=True)

    def __enter__(self) -> Storyline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Storyline {self.store.path}>"

    def close(self) -> None:
        """Close the database connection."""
        self.store.close()

    @property
    def articles(self) -> Records[Article]:
        """Articles in ingest order."""
        return Records(self.store, "articles", self.store.iter_articles)

    @property
    def stories(self) -> Records[Story]:
        """Stories with their summaries and timelines."""
        return Records(self.store, "stories", self.store.iter_stories)

    @property
    def entities(self) -> Records[Entity]:
        """Canonical entities, most mentioned first."""
        return Records(self.store, "entities", self.store.iter_entities)

    @property
    def quotes(self) -> Records[Quote]:
        """Quotes article by article (the table adds each quote's canonical speaker and date)."""
        return Records(self.store, "quotes", lambda: (q for a in self.store.iter_analyzed() for q in a.quotes))

    @property
    def claims(self) -> Records[Claim]:
        """Numeric claims article by article (the table marks disputed ones)."""
        return Records(self.store, "claims", lambda: (c for a in self.store.iter_analyzed() for c in a.claims))

    @property
    def timeline(self) -> Records[TimelineEntry]:
        """Timeline entries of every story, story by story (the table adds their story id)."""
        return Records(self.store, "timeline", lambda: (e for s in self.store.iter_stories() for e in s.timeline))

    def cited_text(self, citation: Citation) -> str:
        """The span of article text a citation points at."""
        text = self.store.article_text(citation.article_id)
        if text is None:
            raise KeyError(f"no article with id {citation.article_id!r}")
        return text[citation.start : citation.end]


def open(db: str | Path) -> Storyline:
    """Open a Storyline database (SQLite file or ``postgresql://`` URL) read-only; a clear error when there is none."""
    return Storyline(db)
