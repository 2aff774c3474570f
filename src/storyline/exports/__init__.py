"""Exports of a store: json, jsonl, csv, parquet, markdown, html and timelinejs (one module each).

:func:`export_store` is the entry point the ``storyline export`` command uses. Table formats
(jsonl, csv, parquet) stream from the store; document formats (json, html, markdown,
timelinejs) render the export document, cut to one story when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TextIO

from storyline.exports.records import ExportError, Scope, scope_for, scoped_document
from storyline.exports.tables import TABLES, check_table
from storyline.store import Store

FORMATS = ("json", "jsonl", "csv", "parquet", "markdown", "html", "timelinejs")
STDOUT = "-"


def _renderers() -> dict[str, Callable[[Mapping[str, Any]], str]]:
    """Document formats and the function that renders each."""
    from storyline.exports.html_report import render_html_report
    from storyline.exports.json_document import render_json
    from storyline.exports.markdown import render_markdown
    from storyline.exports.timelinejs import render_timelinejs

    return {"json": render_json, "html": render_html_report, "markdown": render_markdown, "timelinejs": render_timelinejs}


def export_store(
    store: Store, fmt: str, output: str, stdout: TextIO, story_id: str | None = None, table: str | None = None
) -> str:
    """Write one export of ``store`` to ``output`` (a file, a directory, or ``-`` for ``stdout``).

    Returns a short description of what was written, for the log.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    if table is not None and fmt not in ("csv", "parquet"):
        raise ExportError("--table applies to the csv and parquet formats only")
    scope = scope_for(store, story_id)
    if fmt == "jsonl":
        from storyline.exports.jsonl import export_jsonl

        count = _to_text_target(output, stdout, lambda out: export_jsonl(store, out, scope))
        return f"wrote {count} jsonl records to {_name(output)}"
    if fmt in ("csv", "parquet"):
        return _export_tables(store, fmt, output, stdout, scope, table)
    from storyline.export import export_document

    text = _renderers()[fmt](scoped_document(export_document(store), scope))
    _to_text_target(output, stdout, lambda out: out.write(text if text.endswith("\n") else text + "\n"))
    return f"wrote {fmt} export to {_name(output)}"


def _export_tables(store: Store, fmt: str, output: str, stdout: TextIO, scope: Scope, table: str | None) -> str:
    """CSV or Parquet: one table to a file (CSV also to stdout), or every table into a directory."""
    from storyline.exports.csv_tables import export_csv_directory, export_csv_table
    from storyline.exports.parquet_tables import (
        export_parquet_directory,
        export_parquet_table,
    )

    if table is not None:
        name = check_table(table)
        if fmt == "csv":
            count = _to_text_target(output, stdout, lambda out: export_csv_table(store, name, out, scope))
        else:
            count = export_parquet_table(store, name, _file_target(output, "parquet --table"), scope)
        return f"wrote {count} {name} rows as {fmt} to {_name(output)}"
    if output == STDOUT:
        raise ExportError(f"{fmt} writes one file per table: give a directory with -o DIR (or pick --table)")
    directory = Path(output)
    if directory.exists() and not directory.is_dir():
        raise ExportError(f"{output} is a file; {fmt} needs a directory (or pick --table)")
    export = export_csv_directory if fmt == "csv" else export_parquet_directory
    paths = export(store, directory, scope)
    return f"wrote {len(paths)} {fmt} tables ({', '.join(TABLES)}) to {output}"


def _to_text_target(output: str, stdout: TextIO, write: Callable[[TextIO], Any]) -> Any:
    """Run ``write`` on stdout or on the output file opened for text."""
    if output == STDOUT:
        return write(stdout)
    with Path(output).open("w", encoding="utf-8", newline="") as out:
        return write(out)


def _file_target(output: str, what: str) -> Path:
    """A file path for a binary export, refusing stdout."""
    if output == STDOUT:
        raise ExportError(f"{what} writes a binary file: give it with -o FILE")
    return Path(output)


def _name(output: str) -> str:
    return "stdout" if output == STDOUT else output


__all__ = ["FORMATS", "TABLES", "ExportError", "export_store"]
