"""The ``storyline`` command: one group; data to stdout, progress and logs to stderr."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.store import Store, StoreError

DEFAULT_DB = "storyline.db"
db_option = click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
    help="SQLite database file.",
)


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Shared output options for read commands (as in sqlite-utils)."""
    command = click.option("--nl", "fmt", flag_value="nl", help="Output newline-delimited JSON.")(command)
    command = click.option("--csv", "fmt", flag_value="csv", help="Output CSV.")(command)
    command = click.option("--json", "fmt", flag_value="json", help="Output a JSON array.")(command)
    return command


def _stderr() -> Console:
    return Console(stderr=True)


def _stdout() -> Console:
    return Console(soft_wrap=False)


@click.group()
@click.version_option(package_name="storyline")
def main() -> None:
    """Storyline: turn news articles into a sourced, dated account of the story.

    Build a store from articles with `storyline build`, then read it with
    `show`, `timeline`, `quotes`, `figures` and `export`.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write the HTML report here.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the JSON export here.")
@click.option("--quiet", "-q", is_flag=True, help="Do not print the story to stdout.")
def build(paths: Sequence[str], db_path: str, html_path: str | None, json_path: str | None, quiet: bool) -> None:
    """Read articles from PATHS (files, directories or - for stdin) into the store.

    Reads .txt, .html/.htm and .jsonl. Articles already stored (same cleaned text)
    are skipped, so a rerun adds nothing; new articles update the stories.
    """
    from storyline.export import export_document
    from storyline.pipeline import build as run_build
    from storyline.report import render_terminal

    log = _stderr()
    try:
        store = Store(db_path)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    with store:
        report = _build_with_progress(paths, store, log, run_build)
        for path, message in report.errors:
            log.print(f"[red]error[/red] {path}: {message}", highlight=False, markup=True)
        log.print(
            f"read {report.read}, added {report.added}, already stored {report.skipped}, "
            f"failed {len(report.errors)}; {store.article_count()} articles in {db_path}"
        )
        document = export_document(store)
    _write_outputs(document, html_path, json_path, log)
    if not quiet:
        render_terminal(document, _stdout())
    if report.errors and report.added + report.skipped == 0:
        sys.exit(1)


def _build_with_progress(paths: Sequence[str], store: Store, log: Console, run_build: Any) -> Any:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=log, transient=True, disable=not log.is_terminal) as progress:
        task = progress.add_task("analysing", total=None)
        return run_build(list(paths), store, lambda n: progress.advance(task, n))


def _write_outputs(document: dict[str, Any], html_path: str | None, json_path: str | None, log: Console) -> None:
    from storyline.report import render_html

    if html_path:
        Path(html_path).write_text(render_html(document), encoding="utf-8")
        log.print(f"wrote HTML report to {html_path}")
    if json_path:
        Path(json_path).write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        log.print(f"wrote JSON export to {json_path}")


def _open_document(db_path: str) -> dict[str, Any]:
    from storyline.export import export_document

    try:
        with Store(db_path, read_only=True) as store:
            return export_document(store)
    except StoreError as error:
        raise click.ClickException(str(error)) from error


@main.command()
@db_option
@click.option("--story", "story_id", help="Only this story id.")
@click.option("--json", "as_json", is_flag=True, help="Output the stories as JSON.")
def show(db_path: str, story_id: str | None, as_json: bool) -> None:
    """Print the stories: summary, timeline, key people, quotes and disputed figures."""
    from storyline.report import render_terminal

    document = _open_document(db_path)
    if story_id and story_id not in {s["id"] for s in document["stories"]}:
        raise click.ClickException(f"no story with id {story_id!r}")
    if as_json:
        stories = [s for s in document["stories"] if not story_id or s["id"] == story_id]
        click.echo(json.dumps(stories, ensure_ascii=False, indent=2))
        return
    render_terminal(document, _stdout(), story_id)


TABLE_COLUMNS = {
    "Timeline": ("when", "text", "sources"),
    "Quotes": ("speaker", "kind", "text", "when", "source"),
    "Figures": ("measure", "shown", "period", "claimant", "disputed", "source"),
}


def _emit_rows(rows: list[dict[str, Any]], fmt: str | None, title: str) -> None:
    from storyline.report import print_rows

    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "nl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        _write_csv(rows, sys.stdout)
    else:
        print_rows(rows, _stdout(), title, TABLE_COLUMNS[title])


def _write_csv(rows: list[dict[str, Any]], out: TextIO) -> None:
    if not rows:
        return
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in row.items()})


@main.command()
@db_option
@output_options
def timeline(db_path: str, fmt: str | None) -> None:
    """List the timeline entries of every story, in date order."""
    from storyline.report import timeline_rows

    _emit_rows(timeline_rows(_open_document(db_path)), fmt, "Timeline")


@main.command()
@db_option
@output_options
@click.option("--speaker", help="Only quotes whose speaker contains this text.")
def quotes(db_path: str, fmt: str | None, speaker: str | None) -> None:
    """List direct and indirect quotes with their speakers and sources."""
    from storyline.report import quote_rows

    rows = quote_rows(_open_document(db_path))
    if speaker:
        rows = [r for r in rows if speaker.lower() in str(r.get("speaker") or "").lower()]
    _emit_rows(rows, fmt, "Quotes")


@main.command()
@db_option
@output_options
def figures(db_path: str, fmt: str | None) -> None:
    """List numeric claims, grouped by what they measure, with disagreements marked."""
    from storyline.report import figure_rows

    _emit_rows(figure_rows(_open_document(db_path)), fmt, "Figures")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "html"]), default="json", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file, - for stdout.")
def export(db_path: str, fmt: str, output: str) -> None:
    """Export everything in the store as one JSON document (or the HTML report)."""
    from storyline.report import render_html

    document = _open_document(db_path)
    text = render_html(document) if fmt == "html" else json.dumps(document, ensure_ascii=False, indent=2)
    if output == "-":
        click.echo(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
        _stderr().print(f"wrote {fmt} export to {output}")
