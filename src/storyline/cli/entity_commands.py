"""Entity commands: ``storyline entities`` (the players) and ``storyline entity NAME`` (one player)."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.text import Text

from storyline.cli.common import (
    db_option,
    emit_rows,
    main,
    output_options,
    stdout_console,
)
from storyline.store import Store, StoreError

ENTITY_COLUMNS = ("name", "type", "titles", "mentions", "articles", "aliases")
MAX_SHOWN_MENTIONS = 10


@main.command()
@db_option
@output_options
@click.option("--type", "entity_type", help="Only entities of this type (PERSON, ORG, GPE, LAW ...).")
def entities(db_path: str, fmt: str | None, entity_type: str | None) -> None:
    """List canonical entities (people, organisations, places, agreements) with titles and counts."""
    from storyline.extract.entities_profile import entity_rows

    with _open_store(db_path) as store:
        rows = entity_rows(store.load_derived().entities, entity_type)
    if fmt is None:
        rows = [{**r, "titles": ", ".join(r["titles"]), "aliases": ", ".join(r["aliases"])} for r in rows]
    emit_rows(rows, fmt, "Entities", ENTITY_COLUMNS)


@main.command()
@db_option
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Output the entity profile as JSON.")
def entity(db_path: str, name: str, as_json: bool) -> None:
    """Show one entity: roles, mentions in their sentences, quotes by it, co-occurring entities."""
    from storyline.extract.entities_profile import entity_profile, find_entity

    with _open_store(db_path) as store:
        derived = store.load_derived()
        matches = find_entity(derived.entities, name)
        if not matches:
            raise click.ClickException(f"no entity matches {name!r}; see `storyline entities`")
        speaker_ids = {s.quote_id: s.entity_id for s in derived.speakers}
        profile = entity_profile(matches[0], derived.entities, store.load_analyzed(), speaker_ids)
    profile["other_matches"] = [e.name for e in matches[1:]]
    if as_json:
        click.echo(json.dumps(profile, ensure_ascii=False, indent=2))
    else:
        _print_profile(profile)


def _open_store(db_path: str) -> Store:
    """The store opened read-only, or a clear command-line error."""
    try:
        return Store(db_path, read_only=True)
    except StoreError as error:
        raise click.ClickException(str(error)) from error


def _print_profile(profile: dict[str, Any]) -> None:
    """Human-readable profile on stdout (document text printed literally, never as markup)."""
    console = stdout_console()
    console.print(Text(f"{profile['name']} ({profile['type']})", style="bold"))
    if profile["aliases"]:
        console.print(Text("Also: " + ", ".join(profile["aliases"])))
    if profile["other_matches"]:
        console.print(Text("Other matches: " + ", ".join(profile["other_matches"])))
    lines = [
        ("Roles", [f"{r['title']} ({r['date'] or 'undated'})" for r in profile["roles"]]),
        ("Quotes", [f"“{q['text']}” ({q['cue'] or q['kind']}, {q['published'] or 'undated'})"
                    for q in profile["quotes"]]),
        ("Mentions", [f"[{m['published'] or 'undated'}] {m['sentence']}"
                      for m in profile["mentions"][:MAX_SHOWN_MENTIONS]]),
        ("Appears with", [f"{c['name']} ({c['sentences']} sentences, {c['articles']} articles)"
                          for c in profile["co_occurring"]]),
    ]
    for heading, items in lines:
        if items:
            console.print(Text(f"\n{heading}", style="bold"))
            for item in dict.fromkeys(items):
                console.print(Text(f"  - {item}"))
    hidden = len(profile["mentions"]) - MAX_SHOWN_MENTIONS
    if hidden > 0:
        console.print(Text(f"  ... and {hidden} more mentions (use --json)"))
