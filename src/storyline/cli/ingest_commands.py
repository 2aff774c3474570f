"""Commands about what ingest did: `storyline errors` and `storyline show ARTICLE [--removed]`."""

from __future__ import annotations

import json
from typing import Any

import click

from storyline.cli.common import db_option, emit_rows, main, output_options
from storyline.models import Article, DuplicateLink
from storyline.store import Store, StoreError


@main.command()
@db_option
@output_options
def errors(db_path: str, fmt: str | None) -> None:
    """List the inputs that could not be read or cleaned, and why."""
    try:
        with Store(db_path, read_only=True) as store:
            rows = [{"path": path, "message": message} for path, message in store.errors()]
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    emit_rows(rows, fmt, "Ingest errors", ("path", "message"))


def show_article(db_path: str, wanted: str, removed: bool, as_json: bool) -> None:
    """Print one stored article (by id, id prefix or input path): its metadata and cleaned
    text, or with ``removed`` the pieces cleaning dropped (line, reason, text)."""
    try:
        with Store(db_path, read_only=True) as store:
            article = find_article(store.load_articles(), wanted)
            duplicate = store.duplicate_links().get(article.id)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    record = article_record(article, duplicate)
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    elif removed:
        click.echo(_removed_listing(record))
    else:
        click.echo(_article_listing(record))


def find_article(articles: list[Article], wanted: str) -> Article:
    """The one article whose id, input path, id prefix or path ending matches ``wanted``
    (tried in that order); a ClickException when none or several match."""
    tests = (
        lambda a: a.id == wanted,
        lambda a: a.path == wanted,
        lambda a: a.id.startswith(wanted.lower()),
        lambda a: a.path.endswith(("/" + wanted, "!" + wanted)),
    )
    for test in tests:
        found = [a for a in articles if test(a)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise click.ClickException(f"{wanted!r} matches {len(found)} articles; give more of the id")
    raise click.ClickException(f"no article matches {wanted!r} (give an article id, id prefix or input path)")


def article_record(article: Article, duplicate: DuplicateLink | None) -> dict[str, Any]:
    """One article as a JSON-able dict with what cleaning removed."""
    return {
        "id": article.id, "path": article.path, "title": article.title, "url": article.url,
        "published": {"date": article.published.date, "granularity": article.published.granularity,
                      "source": article.published.source},
        "duplicate_of": duplicate.canonical_id if duplicate else None,
        "similarity": duplicate.similarity if duplicate else None,
        "text": article.text,
        "removed": [{"line": r.line, "reason": r.reason, "text": r.text} for r in article.removals],
    }


def _article_listing(record: dict[str, Any]) -> str:
    """Metadata lines, then a blank line and the cleaned text."""
    published = record["published"]
    when = f"{published['date']} ({published['granularity']}, from {published['source']})" if published["date"] else "unknown"
    lines = [
        f"id:        {record['id']}",
        f"path:      {record['path']}",
        f"title:     {record['title'] or '-'}",
        f"url:       {record['url'] or '-'}",
        f"published: {when}",
    ]
    if record["duplicate_of"]:
        lines.append(f"duplicate of: {record['duplicate_of']} (similarity {record['similarity']:.2f})")
    lines.append(f"removed:   {len(record['removed'])} pieces (see --removed)")
    return "\n".join(lines) + "\n\n" + record["text"]


def _removed_listing(record: dict[str, Any]) -> str:
    """One line per removed piece: input line number, reason, the text removed."""
    if not record["removed"]:
        return f"nothing was removed from {record['path']}"
    header = f"removed from {record['path']} ({record['id']}):\n{'line':>5}  {'why':<18}  what"
    rows = [f"{r['line']:>5}  {r['reason']:<18}  {_one_line(r['text'])}" for r in record["removed"]]
    return "\n".join([header, *rows])


def _one_line(text: str, limit: int = 200) -> str:
    """Text on one line, shortened to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
