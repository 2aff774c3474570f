"""JSON Lines export: one record per line with a ``type`` field, streamed from the store.

Each line is ``{"type": KIND, "record": {...}}`` (the record is nested because entities and
timexes have a ``type`` field of their own). The first line is ``{"type": "export",
"schema_version": ...}``; then per article its ``article``, ``quote``, ``claim`` and ``timex``
records, then ``entity`` and ``disagreement`` records, and each ``story`` followed by its
``timeline_entry`` records. Every record other than a timeline entry equals the matching record
of the JSON export document; timeline entries add ``story_id`` and ``position`` to the entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from storyline.export import SCHEMA_VERSION
from storyline.exports.records import WHOLE_STORE, Scope, iter_records
from storyline.store import Store


def jsonl_lines(store: Store, scope: Scope = WHOLE_STORE) -> Iterator[str]:
    """The export as JSON lines (without newlines), one record at a time."""
    header: dict[str, Any] = {"type": "export", "schema_version": SCHEMA_VERSION}
    if scope.story_id is not None:
        header["story_id"] = scope.story_id
    yield json.dumps(header, ensure_ascii=False)
    for kind, record in iter_records(store, scope):
        yield json.dumps({"type": kind, "record": record}, ensure_ascii=False)


def export_jsonl(store: Store, out: TextIO, scope: Scope = WHOLE_STORE) -> int:
    """Write the JSON Lines export to ``out``; returns the number of records (header excluded)."""
    count = -1
    for line in jsonl_lines(store, scope):
        out.write(line + "\n")
        count += 1
    return count
