"""Parquet export: one file per table into a directory (or one table to one file), via pyarrow.

Rows are written in batches as they stream from the store, so memory stays bounded by a batch.
Every table gets a file with a typed schema, even when it has no rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from storyline.exports.optional import require
from storyline.exports.records import WHOLE_STORE, Scope
from storyline.exports.tables import TABLES, Column, iter_table_rows, table_rows
from storyline.store import Store

BATCH_ROWS = 512


def arrow_schema(columns: Sequence[Column]) -> Any:
    """The pyarrow schema of a table."""
    pa = require("pyarrow", "Parquet export")
    types = {
        "text": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
        "list": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(c.name, types[c.kind], nullable=c.nullable) for c in columns])


class _BatchedWriter:
    """Buffers one table's rows and writes them to its Parquet file a batch at a time."""

    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        self._pa = require("pyarrow", "Parquet export")
        parquet = require("pyarrow.parquet", "Parquet export")
        self._schema = arrow_schema(columns)
        self._writer = parquet.ParquetWriter(str(path), self._schema)
        self._rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        """Queue a row; writes a batch when enough have queued."""
        self._rows.append(row)
        if len(self._rows) >= BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        """Write what is queued and finish the file."""
        self._flush()
        self._writer.close()


def export_parquet_table(store: Store, table: str, path: Path, scope: Scope = WHOLE_STORE) -> int:
    """Stream one table of the store into one Parquet file; returns the number of rows."""
    return _write_rows(table_rows(store, table, scope), TABLES[table], path)


def _write_rows(rows: Iterable[dict[str, Any]], columns: Sequence[Column], path: Path) -> int:
    writer = _BatchedWriter(path, columns)
    count = 0
    try:
        for row in rows:
            writer.add(row)
            count += 1
    finally:
        writer.close()
    return count


def export_parquet_directory(store: Store, directory: Path, scope: Scope = WHOLE_STORE) -> list[Path]:
    """Write every table as ``<table>.parquet`` into ``directory`` in one streaming pass."""
    require("pyarrow.parquet", "Parquet export")
    directory.mkdir(parents=True, exist_ok=True)
    paths = {table: directory / f"{table}.parquet" for table in TABLES}
    with ExitStack() as stack:
        writers: dict[str, _BatchedWriter] = {}
        for table, columns in TABLES.items():
            writers[table] = _BatchedWriter(paths[table], columns)
            stack.callback(writers[table].close)
        for table, row in iter_table_rows(store, scope):
            writers[table].add(row)
    return list(paths.values())
