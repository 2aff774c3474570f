"""Read commands over the store: show, timeline, quotes, figures, export."""

from __future__ import annotations

import json
import sys

import click

from storyline.store import Store, StoreError

from storyline.cli.common import db_option, emit_rows, main, open_document, output_options, stderr_console, stdout_console


@main.command()
@click.argument("article", required=False)
@db_option
@click.option("--story", "story_id", help="Only this story id.")
@click.option("--json", "as_json", is_flag=True, help="Output the stories as JSON.")
@click.option("--removed", is_flag=True, help="With ARTICLE: list what cleaning removed from it, and why.")
def show(db_path: str, story_id: str | None, as_json: bool, article: str | None = None, removed: bool = False) -> None:
    """Print the stories: summary, timeline, key people, quotes and disputed figures.

    With ARTICLE (an article id, id prefix or input path), print that article's
    cleaned text and metadata instead; --removed lists what cleaning dropped.
    """
    from storyline.report import render_terminal

    if article is not None:
        from storyline.cli.ingest_commands import show_article

        show_article(db_path, article, removed, as_json)
        return

    document = open_document(db_path)
    if story_id and story_id not in {s["id"] for s in document["stories"]}:
        raise click.ClickException(f"no story with id {story_id!r}")
    if as_json:
        stories = [s for s in document["stories"] if not story_id or s["id"] == story_id]
        click.echo(json.dumps(stories, ensure_ascii=False, indent=2))
        return
    render_terminal(document, stdout_console(), story_id)


@main.command()
@db_option
@output_options
def timeline(db_path: str, fmt: str | None) -> None:
    """List the timeline entries of every story."""
    from storyline.report import timeline_rows

    emit_rows(timeline_rows(open_document(db_path)), fmt, "Timeline", ("when", "text", "sources"))


@main.command()
@db_option
@output_options
@click.option("--speaker", help="Only quotes whose speaker contains this text.")
def quotes(db_path: str, fmt: str | None, speaker: str | None) -> None:
    """List direct and indirect quotes with their speakers and sources."""
    from storyline.report import quote_rows

    rows = quote_rows(open_document(db_path))
    if speaker:
        rows = [r for r in rows if speaker.lower() in str(r.get("speaker") or "").lower()]
    emit_rows(rows, fmt, "Quotes", ("speaker", "kind", "text", "when", "source"))


@main.command()
@db_option
@output_options
def figures(db_path: str, fmt: str | None) -> None:
    """List numeric claims with what they measure; disputed ones are marked."""
    from storyline.report import figure_rows

    columns = ("measure", "shown", "period", "claimant", "disputed", "source")
    emit_rows(figure_rows(open_document(db_path)), fmt, "Figures", columns)


@main.command()
@db_option
@click.option(
    "--format", "fmt", default="json", show_default=True,
    type=click.Choice(["json", "jsonl", "csv", "parquet", "markdown", "html", "timelinejs"]),
    help="json: the export document; jsonl: one record per line; csv/parquet: one file per table;"
    " markdown: a briefing; html: the report; timelinejs: TimelineJS3 JSON.",
)
@click.option(
    "-o", "--output", default="-", show_default=True,
    help="Output file, - for stdout; a directory for csv and parquet (one file per table).",
)
@click.option("--story", "story_id", help="Only this story id and the records of its articles.")
@click.option("--table", help="csv/parquet: write only this table (articles, entities, quotes, claims, ...).")
def export(db_path: str, fmt: str, output: str, story_id: str | None, table: str | None) -> None:
    """Export the store as json, jsonl, csv, parquet, markdown, html or timelinejs.

    jsonl, csv and parquet stream from the store, so large stores export in bounded memory.
    """
    from storyline.exports import ExportError, export_store

    try:
        with Store(db_path, read_only=True) as store:
            message = export_store(store, fmt, output, sys.stdout, story_id, table)
    except (StoreError, ExportError) as error:
        raise click.ClickException(str(error)) from error
    if output != "-":
        stderr_console().print(message, highlight=False, markup=False)
