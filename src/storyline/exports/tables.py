"""Flat tables for CSV, Parquet and pandas: one row per record, scalar or list-of-text cells.

Rows are made from the streamed export records (:mod:`storyline.exports.records`), so the
tables hold the same facts as the JSON document, flattened: each table lists its columns and
their kinds here, which the CSV writer, the Parquet schema and the Python API share.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from storyline.exports.records import (
    WHOLE_STORE,
    ExportError,
    RecordKind,
    Scope,
    iter_records,
)
from storyline.store import Store

ColumnKind = Literal["text", "integer", "number", "boolean", "list"]


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, kind and whether it may be empty (None)."""

    name: str
    kind: ColumnKind
    nullable: bool = False


def _columns(spec: str) -> tuple[Column, ...]:
    """Columns from ``"name:kind name:kind? ..."`` (``?`` marks a nullable column)."""
    columns = []
    for item in spec.split():
        name, kind = item.split(":")
        columns.append(Column(name, kind.rstrip("?"), kind.endswith("?")))  # type: ignore[arg-type]
    return tuple(columns)


TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _columns(
        "id:text path:text title:text? url:text? published_date:text? published_granularity:text?"
        " published_source:text? removed_count:integer text:text"
    ),
    "entities": _columns(
        "id:text name:text type:text aliases:list titles:list article_ids:list mention_count:integer"
    ),
    "quotes": _columns(
        "id:text story_id:text? article_id:text start:integer end:integer kind:text speaker:text?"
        " speaker_entity_id:text? cue:text? date:text? text:text"
    ),
    "claims": _columns(
        "id:text story_id:text? article_id:text start:integer end:integer measure:text measure_key:text"
        " value:number unit:text period:text? claimant:text? approximate:boolean disputed:boolean text:text"
    ),
    "timexes": _columns("article_id:text start:integer end:integer type:text value:text? text:text"),
    "disagreements": _columns("measure_key:text measure:text claim_ids:list note:text"),
    "stories": _columns("id:text title:text article_count:integer article_ids:list summary:text"),
    "timeline": _columns(
        "story_id:text position:integer date:text granularity:text text:text"
        " article_id:text? start:integer? end:integer? cited_article_ids:list"
    ),
}
TABLE_OF_KIND: dict[RecordKind, str] = {
    "article": "articles", "entity": "entities", "quote": "quotes", "claim": "claims",
    "timex": "timexes", "disagreement": "disagreements", "story": "stories", "timeline_entry": "timeline",
}


def check_table(name: str) -> str:
    """``name`` when it is a known table, else an :class:`ExportError` listing the tables."""
    if name not in TABLES:
        raise ExportError(f"no table {name!r}; tables: {', '.join(TABLES)}")
    return name


def iter_table_rows(
    store: Store, scope: Scope = WHOLE_STORE, tables: Collection[str] = tuple(TABLES)
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Stream ``(table, row)`` pairs for the wanted tables, in the records' order."""
    kinds = [kind for kind, table in TABLE_OF_KIND.items() if table in tables]
    story_of: dict[str, str] = {}
    if {"quotes", "claims"}.intersection(tables):
        for story in store.iter_stories():
            for article_id in story.article_ids:
                story_of.setdefault(article_id, story.id)
    disputed = (
        {cid for d in store.iter_disagreements() for cid in d.claim_ids} if "claims" in tables else set()
    )
    for kind, record in iter_records(store, scope, kinds):
        yield TABLE_OF_KIND[kind], _row(kind, record, story_of, disputed)


def table_rows(store: Store, table: str, scope: Scope = WHOLE_STORE) -> Iterator[dict[str, Any]]:
    """Stream the rows of one table."""
    for _, row in iter_table_rows(store, scope, (check_table(table),)):
        yield row


def _row(kind: RecordKind, record: dict[str, Any], story_of: dict[str, str], disputed: set[str]) -> dict[str, Any]:
    """One record as a flat row of its table."""
    if kind == "article":
        published = record["published"]
        return {
            "id": record["id"], "path": record["path"], "title": record["title"], "url": record["url"],
            "published_date": published["date"], "published_granularity": published["granularity"],
            "published_source": published["source"], "removed_count": len(record["removed"]),
            "text": record["text"],
        }
    if kind == "quote":
        return {name: record.get(name) for name in _names("quotes")} | {
            "story_id": story_of.get(record["article_id"])
        }
    if kind == "claim":
        return {name: record.get(name) for name in _names("claims")} | {
            "story_id": story_of.get(record["article_id"]), "disputed": record["id"] in disputed
        }
    if kind == "story":
        return {
            "id": record["id"], "title": record["title"], "article_count": len(record["article_ids"]),
            "article_ids": record["article_ids"], "summary": " ".join(s["text"] for s in record["summary"]),
        }
    if kind == "timeline_entry":
        return _timeline_row(record)
    return {name: record.get(name) for name in _names(TABLE_OF_KIND[kind])}


def _timeline_row(record: dict[str, Any]) -> dict[str, Any]:
    """A timeline entry with its first citation spelled out and every cited article listed."""
    citations = record["citations"]
    first = citations[0] if citations else {}
    return {
        "story_id": record["story_id"], "position": record["position"], "date": record["date"],
        "granularity": record["granularity"], "text": record["text"], "article_id": first.get("article_id"),
        "start": first.get("start"), "end": first.get("end"),
        "cited_article_ids": list(dict.fromkeys(c["article_id"] for c in citations)),
    }


def _names(table: str) -> tuple[str, ...]:
    """Column names of a table, in order."""
    return tuple(column.name for column in TABLES[table])
