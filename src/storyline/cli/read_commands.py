"""Read commands over the store: show, timeline, quotes, figures, export."""

from __future__ import annotations

import json
from pathlib import Path

import click

from storyline.cli.common import db_option, emit_rows, main, open_document, output_options, stderr_console, stdout_console


@main.command()
@db_option
@click.option("--story", "story_id", help="Only this story id.")
@click.option("--json", "as_json", is_flag=True, help="Output the stories as JSON.")
def show(db_path: str, story_id: str | None, as_json: bool) -> None:
    """Print the stories: summary, timeline, key people, quotes and disputed figures."""
    from storyline.report import render_terminal

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
@click.option("--format", "fmt", type=click.Choice(["json", "html"]), default="json", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file, - for stdout.")
def export(db_path: str, fmt: str, output: str) -> None:
    """Export everything in the store as one JSON document (or the HTML report)."""
    from storyline.report import render_html

    document = open_document(db_path)
    text = render_html(document) if fmt == "html" else json.dumps(document, ensure_ascii=False, indent=2)
    if output == "-":
        click.echo(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
        stderr_console().print(f"wrote {fmt} export to {output}", highlight=False, markup=False)
