"""CSV export: one file per table into a directory, or one table to a file or stream.

Cells are written so spreadsheets read them as data: lists are JSON arrays, empty cells are
``None``, and a text cell that starts like a formula (``= + - @``, tab or carriage return) gets
a leading single quote, so a hostile title cannot run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from storyline.exports.records import WHOLE_STORE, Scope
from storyline.exports.tables import TABLES, Column, iter_table_rows, table_rows
from storyline.store import Store

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(text: str) -> str:
    """Text that a spreadsheet would read as a formula, prefixed with a single quote."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any, column: Column) -> str:
    """One cell: empty for None, JSON for lists, true/false for booleans, quoted-out formulas."""
    if value is None:
        return ""
    if column.kind == "list":
        return json.dumps(list(value), ensure_ascii=False)
    if column.kind == "boolean":
        return "true" if value else "false"
    if column.kind == "text":
        return neutralize_formula(str(value))
    return str(value)


def _writer(out: TextIO, columns: Sequence[Column]) -> Any:
    """A CSV writer on ``out`` with the header row already written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.name for column in columns])
    return writer


def write_csv_table(rows: Iterable[dict[str, Any]], columns: Sequence[Column], out: TextIO) -> int:
    """Write a header and the rows of one table; returns the number of rows written."""
    writer = _writer(out, columns)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(row.get(column.name), column) for column in columns])
        count += 1
    return count


def export_csv_table(store: Store, table: str, out: TextIO, scope: Scope = WHOLE_STORE) -> int:
    """Stream one table of the store as CSV to ``out``."""
    return write_csv_table(table_rows(store, table, scope), TABLES[table], out)


def export_csv_directory(store: Store, directory: Path, scope: Scope = WHOLE_STORE) -> list[Path]:
    """Write every table as ``<table>.csv`` into ``directory`` in one streaming pass."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / f"{table}.csv" for table in TABLES]
    with ExitStack() as files:
        writers = {
            table: _writer(files.enter_context(path.open("w", encoding="utf-8", newline="")), columns)
            for (table, columns), path in zip(TABLES.items(), paths, strict=True)
        }
        for table, row in iter_table_rows(store, scope):
            writers[table].writerow([csv_cell(row.get(c.name), c) for c in TABLES[table]])
    return paths
