"""What every command shares: the group, the database option, output formats, stdout/stderr consoles."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

import click
from rich.console import Console

from storyline.store import Store, StoreError

DEFAULT_DB = "storyline.db"
db_option = click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
    help="SQLite file or postgresql:// URL.",

)


@click.group()
@click.version_option(package_name="storyline")
def main() -> None:
    """Storyline: turn news articles into a sourced, dated account of the story.

    Build a store from articles with `storyline build`, then read it with
    `show`, `timeline`, `quotes`, `figures` and `export`.
    """


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Shared output options for read commands (as in sqlite-utils)."""
    command = click.option("--nl", "fmt", flag_value="nl", help="Output newline-delimited JSON.")(command)
    command = click.option("--csv", "fmt", flag_value="csv", help="Output CSV.")(command)
    command = click.option("--json", "fmt", flag_value="json", help="Output a JSON array.")(command)
    return command


def stderr_console() -> Console:
    """Console for progress, logs and errors."""
    return Console(stderr=True)


def stdout_console() -> Console:
    """Console for data."""
    return Console(soft_wrap=False)


def open_document(db_path: str) -> dict[str, Any]:
    """The export document of a store opened read-only; a clear error when there is none."""
    from storyline.export import export_document

    try:
        with Store(db_path, read_only=True) as store:
            return export_document(store)
    except StoreError as error:
        raise click.ClickException(str(error)) from error


def emit_rows(rows: list[dict[str, Any]], fmt: str | None, title: str, columns: Sequence[str]) -> None:
    """Write rows as JSON, newline-delimited JSON, CSV, or a table of ``columns``."""
    from storyline.report import print_rows

    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "nl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        write_csv(rows, sys.stdout)
    else:
        print_rows(rows, stdout_console(), title, columns)


def write_csv(rows: list[dict[str, Any]], out: TextIO) -> None:
    """Rows as CSV with a header; lists and dicts JSON-encoded."""
    if not rows:
        return
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in row.items()})
