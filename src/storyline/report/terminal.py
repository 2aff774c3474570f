"""Terminal rendering of the export document, plus the reading helpers both renderers share.

The export document is a plain JSON-able dict (schema_version "1"). Everything here reads it
defensively: a missing key, a ``null`` or a record of the wrong type is skipped, never fatal.
All document text goes to rich as :class:`rich.text.Text`, so ``[bold]`` or ``:emoji:`` in an
article is printed literally, and control characters are stripped before printing.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

Record = Mapping[str, Any]

MAX_TERMINAL_QUOTES = 12
MAX_QUOTES_PER_SPEAKER = 4
MAX_KEY_PEOPLE = 8
SHORT_ID_LENGTH = 8
UNATTRIBUTED = "Unattributed"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_GRANULARITY_RANK = {"year": 1, "month": 2, "day": 3}
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T ])")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"\w+")
_CURRENCY_SYMBOLS = {
    "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "SGD": "S$", "AUD": "A$", "CAD": "C$",
    "CNY": "CN¥", "KRW": "₩", "INR": "₹", "HKD": "HK$", "NZD": "NZ$",
}  # fmt: skip
_PERCENT_UNITS = {"percent", "%", "pct", "per cent", "percentage"}
_COUNT_UNITS = {"", "count", "number"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


# --------------------------------------------------------------------------- formatting


def format_date(date: str | None, granularity: str | None) -> str:
    """Format an ISO date by granularity: "13 Nov 2018", "Sep 2018", "2017"; "undated" for none.

    The shown precision is the coarser of ``granularity`` and what ``date`` holds; a missing
    granularity is read off the date's shape. Text that is not an ISO date is returned cleaned.
    """
    if not isinstance(date, str) or not date.strip():
        return "undated"
    match = _ISO_DATE.match(date.strip())
    if match is None:
        return clean_line(date)
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        return clean_line(date)
    if day is not None and not 1 <= day <= calendar.monthrange(max(year, 1), month or 1)[1]:
        return clean_line(date)
    available = 3 if day is not None else 2 if month is not None else 1
    wanted = _GRANULARITY_RANK.get(granularity or "", available)
    shown = min(available, wanted)
    if shown == 3:
        return f"{day} {_MONTHS[(month or 1) - 1]} {year:04d}"
    if shown == 2:
        return f"{_MONTHS[(month or 1) - 1]} {year:04d}"
    return f"{year:04d}"


def format_value(value: float, unit: str) -> str:
    """Format a claim value in base units: "$69 billion", "13", "66.7%", "2.5 million tonnes"."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return clean_line(f"{value} {unit or ''}")
    if not math.isfinite(number):
        return "n/a"
    unit_text = clean_line(unit if isinstance(unit, str) else "")
    sign = "-" if number < 0 else ""
    magnitude = abs(number)
    if unit_text.lower() in _PERCENT_UNITS:
        return f"{sign}{_plain_number(magnitude, 1 if magnitude >= 10 else 2)}%"
    scaled = _scaled_number(magnitude)
    code = unit_text.upper()
    is_currency = code in _CURRENCY_SYMBOLS or (len(code) == 3 and code.isalpha() and unit_text.isupper())
    if is_currency and 0.01 <= magnitude < 1e6 and not magnitude.is_integer():
        scaled = f"{magnitude:,.2f}"
    if code in _CURRENCY_SYMBOLS:
        return f"{sign}{_CURRENCY_SYMBOLS[code]}{scaled}"
    if is_currency:
        return f"{sign}{code} {scaled}"
    if unit_text.lower() in _COUNT_UNITS:
        return f"{sign}{scaled}"
    return f"{sign}{scaled} {unit_text}"


def _plain_number(magnitude: float, places: int) -> str:
    """A non-negative number with comma grouping and at most ``places`` decimals."""
    rounded = round(magnitude, places)
    if rounded == 0 and magnitude != 0:
        return format(magnitude, ".2g")
    text = f"{rounded:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scaled_number(magnitude: float) -> str:
    """A non-negative number, in millions/billions/trillions from one million up."""
    if magnitude >= 1e15:
        return format(magnitude, ".3g")
    for index, (scale, word) in enumerate(_SCALES):
        if magnitude < scale:
            continue
        mantissa = round(magnitude / scale, 2)
        if mantissa >= 1000 and index > 0:
            bigger_scale, bigger_word = _SCALES[index - 1]
            return f"{_plain_number(magnitude / bigger_scale, 2)} {bigger_word}"
        return f"{_plain_number(mantissa, 2)} {word}"
    return _plain_number(magnitude, 0 if magnitude >= 1000 or magnitude.is_integer() else 2)


def clean_line(text: Any) -> str:
    """Text on one line: control and bidi-override characters removed, whitespace collapsed."""
    if text is None:
        return ""
    return " ".join(_CONTROL_CHARS.sub(" ", str(text)).split())


def short_id(article_id: Any) -> str:
    """The short form of an article id shown in brackets in the terminal."""
    return clean_line(article_id)[:SHORT_ID_LENGTH] or "?"


# --------------------------------------------------------------------------- reading the document


def records(document: Mapping[str, Any], key: str) -> list[Record]:
    """The list of mapping records under ``key``; anything malformed is skipped."""
    value = document.get(key) if isinstance(document, Mapping) else None
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def sub_records(record: Record, key: str) -> list[Record]:
    """The mapping records in a nested list field of one record."""
    value = record.get(key)
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def strings(record: Record, key: str) -> list[str]:
    """A list-of-strings field, with non-strings dropped."""
    value = record.get(key)
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def by_id(items: Iterable[Record]) -> dict[str, Record]:
    """Index records by their ``id`` field (first one wins)."""
    index: dict[str, Record] = {}
    for item in items:
        key = item.get("id")
        if isinstance(key, str) and key not in index:
            index[key] = item
    return index


def published_of(article: Record | None) -> tuple[str | None, str | None]:
    """An article's ``(date, granularity)``, both ``None`` when unknown."""
    published = article.get("published") if article else None
    if not isinstance(published, Mapping):
        return None, None
    date, granularity = published.get("date"), published.get("granularity")
    return (date if isinstance(date, str) else None, granularity if isinstance(granularity, str) else None)


def bounds_of(article: Record | None) -> tuple[str | None, str | None]:
    """An undated article's ``(earliest, latest)`` publication bounds (ISO), ``None`` where unknown."""
    published = article.get("published") if article else None
    if not isinstance(published, Mapping):
        return None, None
    earliest, latest = published.get("earliest"), published.get("latest")
    return (earliest if isinstance(earliest, str) and earliest else None,
            latest if isinstance(latest, str) and latest else None)


def undated_label(earliest: str | None, latest: str | None) -> str:
    """"undated", or with its bounds: "undated (after Jan 2017)", "undated (Jan 2017 – Mar 2018)"."""
    after, before = (format_date(bound, None) if bound else None for bound in (earliest, latest))
    if after and before:
        return f"undated ({after} – {before})"
    if after:
        return f"undated (after {after})"
    if before:
        return f"undated (before {before})"
    return "undated"


def published_label(article: Record | None) -> str:
    """An article's publication date as shown, or "undated" with its bounds when it has none."""
    date, granularity = published_of(article)
    return format_date(date, granularity) if date else undated_label(*bounds_of(article))


def _undated_span(articles: Sequence[Record | None]) -> str:
    """Undated articles' common bounds: after the earliest lower bound, before the latest upper bound."""
    pairs = [bounds_of(article) for article in articles]
    earliests, latests = [e for e, _ in pairs if e], [b for _, b in pairs if b]
    earliest = min(earliests) if earliests and len(earliests) == len(pairs) else None
    latest = max(latests) if latests and len(latests) == len(pairs) else None
    return undated_label(earliest, latest)


def date_span(articles: Iterable[Record | None]) -> str:
    """Earliest to latest publication date of some articles: "19 Apr 2018 – 13 Nov 2018".

    When none is dated, the span is "undated", with the bounds all of them share.
    """
    chosen = list(articles)
    dated = sorted(
        ((date, granularity) for date, granularity in map(published_of, chosen) if date),
        key=lambda pair: pair[0],
    )
    if not dated:
        return _undated_span(chosen)
    (first_date, first_granularity), (last_date, last_granularity) = dated[0], dated[-1]
    if last_date.startswith(first_date):
        return format_date(first_date, first_granularity)
    first, last = format_date(first_date, first_granularity), format_date(last_date, last_granularity)
    return first if first == last else f"{first} – {last}"


def story_records(document: Mapping[str, Any], story_id: str | None = None) -> list[Record]:
    """The stories to show: all of them, or the one with ``story_id`` (none if it is unknown)."""
    stories = records(document, "stories")
    return stories if story_id is None else [s for s in stories if s.get("id") == story_id]


def in_articles(items: Iterable[Record], article_ids: Sequence[str]) -> list[Record]:
    """The records whose ``article_id`` is one of ``article_ids``."""
    wanted = set(article_ids)
    return [item for item in items if item.get("article_id") in wanted]


def key_people(document: Mapping[str, Any], article_ids: Sequence[str], limit: int) -> list[Record]:
    """PERSON entities seen in these articles, most mentioned first."""
    wanted = set(article_ids)
    people = [
        entity
        for entity in records(document, "entities")
        if entity.get("type") in ("PERSON", "PER") and wanted.intersection(strings(entity, "article_ids"))
    ]
    people.sort(key=lambda entity: (-mention_count(entity), clean_line(entity.get("name"))))
    return people[:limit]


def speaker_of(quote: Record, entities: Mapping[str, Record]) -> str:
    """The speaker's canonical name when known, else the name written in the article."""
    entity = entities.get(quote.get("speaker_entity_id") or "")
    name = clean_line(entity.get("name")) if entity else ""
    return name or clean_line(quote.get("speaker")) or UNATTRIBUTED


def quote_key(text: Any) -> str:
    """Normalised quote text for spotting the same words quoted twice."""
    return " ".join(_WORD.findall(clean_line(text).casefold()))


def select_quotes(quotes: Iterable[Record], entities: Mapping[str, Record], limit: int) -> list[Record]:
    """Up to ``limit`` distinct quotes, direct and longest first, a few per speaker at most."""
    ordered = sorted(
        (q for q in quotes if quote_key(q.get("text"))),
        key=lambda q: (q.get("kind") != "direct", -len(quote_key(q.get("text")))),
    )
    chosen: list[Record] = []
    held_back: list[Record] = []
    per_speaker: dict[str, int] = {}
    for quote in ordered:
        if _repeats(quote, chosen + held_back):
            continue
        speaker = speaker_of(quote, entities)
        if per_speaker.get(speaker, 0) >= MAX_QUOTES_PER_SPEAKER:
            held_back.append(quote)
            continue
        per_speaker[speaker] = per_speaker.get(speaker, 0) + 1
        chosen.append(quote)
    return (chosen + held_back)[:limit]


def _repeats(quote: Record, kept: Iterable[Record]) -> bool:
    """Whether the quote's words are (inside) a quote already kept, or nearly the same words."""
    key = quote_key(quote.get("text"))
    words = set(key.split())
    for other in kept:
        other_key = quote_key(other.get("text"))
        if key in other_key or other_key in key:
            return True
        other_words = set(other_key.split())
        if len(words & other_words) >= 0.8 * len(words | other_words):
            return True
    return False


def story_disagreements(document: Mapping[str, Any], claim_ids: Iterable[str]) -> list[Record]:
    """Disagreements that involve at least one of these claims."""
    wanted = set(claim_ids)
    return [d for d in records(document, "disagreements") if wanted.intersection(strings(d, "claim_ids"))]


def first_citation(record: Record) -> Record | None:
    """The first citation of a summary sentence or timeline entry."""
    citations = sub_records(record, "citations")
    return citations[0] if citations else None


def claim_value(claim: Record) -> str:
    """A claim's value formatted for display, "about" marking approximate figures."""
    text = format_value(claim.get("value"), claim.get("unit") or "")  # type: ignore[arg-type]
    return f"about {text}" if claim.get("approximate") is True else text


def mention_count(entity: Record) -> int:
    """An entity's mention count, 0 when missing or malformed."""
    value = entity.get("mention_count")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


# --------------------------------------------------------------------------- flat rows


def timeline_rows(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One flat row per timeline entry of every story, in story then timeline order."""
    rows: list[dict[str, Any]] = []
    for story in records(document, "stories"):
        for entry in sub_records(story, "timeline"):
            citations = sub_records(entry, "citations")
            cited = citations[0] if citations else {}
            rows.append({
                "story_id": story.get("id"),
                "date": entry.get("date"),
                "granularity": entry.get("granularity"),
                "when": format_date(entry.get("date"), entry.get("granularity")),
                "text": clean_line(entry.get("text")),
                "sources": ", ".join(short_id(c.get("article_id")) for c in citations),
                "article_id": cited.get("article_id"),
                "start": cited.get("start"),
                "end": cited.get("end"),
            })  # fmt: skip
    return rows


def quote_rows(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One flat row per quote, in document order, with the canonical speaker name."""
    entities = by_id(records(document, "entities"))
    story_of = _story_of_article(document)
    return [
        {
            "id": quote.get("id"),
            "story_id": story_of.get(quote.get("article_id") or ""),
            "speaker": speaker_of(quote, entities),
            "kind": quote.get("kind"),
            "text": clean_line(quote.get("text")),
            "date": quote.get("date"),
            "when": format_date(quote.get("date"), None),
            "source": short_id(quote.get("article_id")),
            "article_id": quote.get("article_id"),
            "start": quote.get("start"),
            "end": quote.get("end"),
        }
        for quote in records(document, "quotes")
    ]


def figure_rows(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One flat row per numeric claim, with its formatted value and whether it is disputed."""
    disputed = {cid for d in records(document, "disagreements") for cid in strings(d, "claim_ids")}
    story_of = _story_of_article(document)
    return [
        {
            "id": claim.get("id"),
            "story_id": story_of.get(claim.get("article_id") or ""),
            "measure": clean_line(claim.get("measure")),
            "value": claim.get("value"),
            "unit": claim.get("unit"),
            "shown": claim_value(claim),
            "period": claim.get("period"),
            "claimant": claim.get("claimant"),
            "disputed": claim.get("id") in disputed,
            "text": clean_line(claim.get("text")),
            "source": short_id(claim.get("article_id")),
            "article_id": claim.get("article_id"),
            "start": claim.get("start"),
            "end": claim.get("end"),
        }
        for claim in records(document, "claims")
    ]


def _story_of_article(document: Mapping[str, Any]) -> dict[str, str]:
    """Map each article id to the first story that contains it."""
    story_of: dict[str, str] = {}
    for story in records(document, "stories"):
        for article_id in strings(story, "article_ids"):
            if isinstance(story.get("id"), str):
                story_of.setdefault(article_id, story["id"])
    return story_of


def print_rows(
    rows: Sequence[Mapping[str, Any]],
    console: Console,
    title: str,
    columns: Sequence[str] | None = None,
) -> None:
    """Print flat rows as a table; ``columns`` picks and orders columns (default: all keys seen)."""
    names = list(columns) if columns is not None else list(dict.fromkeys(k for row in rows for k in row))
    if not rows:
        console.print(Text(f"{clean_line(title)}: nothing to show."))
        return
    table = Table(title=Text(clean_line(title)), show_lines=False, expand=False)
    for name in names:
        table.add_column(Text(clean_line(name)), overflow="fold")
    for row in rows:
        table.add_row(*(Text(_cell(row.get(name))) for name in names))
    console.print(table)


def _cell(value: Any) -> str:
    """A table cell: empty for null, yes/no for booleans, the cleaned string otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return clean_line(value)


# --------------------------------------------------------------------------- terminal report


def render_terminal(document: Mapping[str, Any], console: Console, story_id: str | None = None) -> None:
    """Print each story (or only ``story_id``): summary, timeline, people, quotes, disputed figures."""
    stories = story_records(document, story_id)
    if not stories:
        wanted = f" with id {clean_line(story_id)}" if story_id is not None else ""
        console.print(Text(f"No story{wanted} in this document."))
        return
    for index, story in enumerate(stories):
        if index:
            console.print()
        _print_story(document, story, console)


def _print_story(document: Mapping[str, Any], story: Record, console: Console) -> None:
    """Print one story's sections, skipping those with nothing in them."""
    articles = by_id(records(document, "articles"))
    article_ids = strings(story, "article_ids")
    count = len(article_ids)
    console.rule(Text(clean_line(story.get("title")) or "Untitled story", style="bold"))
    span = date_span(articles.get(aid) for aid in article_ids)
    console.print(Text(f"{count} article{'s' if count != 1 else ''} · {span}"))
    _print_cited_lines(console, "Summary", sub_records(story, "summary"), dated=False)
    _print_cited_lines(console, "Timeline", sub_records(story, "timeline"), dated=True)
    _print_people(console, key_people(document, article_ids, MAX_KEY_PEOPLE))
    entities = by_id(records(document, "entities"))
    quotes = select_quotes(in_articles(records(document, "quotes"), article_ids), entities, MAX_TERMINAL_QUOTES)
    _print_quotes(console, quotes, entities)
    claim_ids = [c["id"] for c in in_articles(records(document, "claims"), article_ids) if "id" in c]
    _print_disputes(console, story_disagreements(document, claim_ids), by_id(records(document, "claims")))


def _heading(console: Console, title: str) -> None:
    """A section heading with a blank line above it."""
    console.print()
    console.print(Text(title, style="bold underline"))


def _print_cited_lines(console: Console, title: str, items: list[Record], dated: bool) -> None:
    """Summary sentences or timeline entries, each followed by its sources' short ids."""
    if not items:
        return
    _heading(console, title)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        sources = " ".join(f"[{short_id(c.get('article_id'))}]" for c in sub_records(item, "citations"))
        lead = format_date(item.get("date"), item.get("granularity")) if dated else "•"
        line = Text(clean_line(item.get("text")))
        if sources:
            line.append(f" {sources}", style="dim")
        grid.add_row(Text(lead, style="cyan" if dated else ""), line)
    console.print(grid)


def _print_people(console: Console, people: list[Record]) -> None:
    """Key people: name, titles and mention count."""
    if not people:
        return
    _heading(console, "Key people")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_column(justify="right", no_wrap=True)
    for person in people:
        titles = "; ".join(clean_line(t) for t in strings(person, "titles") if clean_line(t))
        mentions = mention_count(person)
        grid.add_row(
            Text(clean_line(person.get("name")), style="bold"),
            Text(titles, style="italic"),
            Text(f"{mentions} mention{'s' if mentions != 1 else ''}"),
        )
    console.print(grid)


def _bullets() -> Table:
    """A two-column grid: a bullet, then text that wraps with a hanging indent."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _print_quotes(console: Console, quotes: list[Record], entities: Mapping[str, Record]) -> None:
    """Quotes as ``speaker: “words” — source, date`` (paraphrases without quotation marks)."""
    if not quotes:
        return
    _heading(console, "Quotes")
    grid = _bullets()
    for quote in quotes:
        line = Text(speaker_of(quote, entities), style="bold")
        words = clean_line(quote.get("text"))
        line.append(f" (paraphrase): {words}" if quote.get("kind") == "indirect" else f": “{words}”")
        detail = f" — {short_id(quote.get('article_id'))}"
        if quote.get("date"):
            detail += f", {format_date(quote.get('date'), None)}"
        line.append(detail, style="dim")
        grid.add_row("•", line)
    console.print(grid)


def _print_disputes(console: Console, disputes: list[Record], claims: Mapping[str, Record]) -> None:
    """Each disputed measure with every value, who gave it and where, then the explanation."""
    if not disputes:
        return
    _heading(console, "Disputed figures")
    grid = _bullets()
    for dispute in disputes:
        parts = [_claim_phrase(claims[cid]) for cid in strings(dispute, "claim_ids") if cid in claims]
        line = Text(f"{clean_line(dispute.get('measure')) or 'figure'}: ", style="bold")
        line.append(" · ".join(parts) if parts else "(claims missing)")
        grid.add_row("•", line)
        note = clean_line(dispute.get("note"))
        if note:
            grid.add_row("", Text(note, style="italic"))
    console.print(grid)


def _claim_phrase(claim: Record) -> str:
    """``$69 billion (Trump, 1a2b3c4d, 2017)`` for one claim."""
    details = [
        clean_line(claim.get("claimant")),
        short_id(claim.get("article_id")),
        clean_line(claim.get("period")),
    ]
    return f"{claim_value(claim)} ({', '.join(d for d in details if d)})"
