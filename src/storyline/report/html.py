"""Static HTML rendering of the export document: one self-contained page, no external resources.

Python builds small view records (all plain text, escaped by Jinja2's autoescape); the only
pre-built markup is each article's text with its cited spans wrapped in ``<mark>``, made by
escaping every slice between citation offsets. Links point inside the page, except an
article's own ``http(s)`` URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from storyline.report.terminal import (
    UNATTRIBUTED,
    Record,
    by_id,
    claim_value,
    clean_line,
    date_span,
    format_date,
    in_articles,
    key_people,
    mention_count,
    published_label,
    quote_key,
    records,
    speaker_of,
    story_disagreements,
    strings,
    sub_records,
)

MAX_HTML_PEOPLE = 12
_UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class Link:
    """A citation link; ``href`` is ``None`` when the cited article or span is not on the page."""

    label: str
    href: str | None
    title: str


@dataclass(frozen=True)
class CitedLine:
    """A summary sentence or timeline entry with its source links."""

    when: str
    iso: str
    text: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Person:
    """A key person of a story."""

    name: str
    titles: str
    mentions: int


@dataclass(frozen=True)
class QuoteSource:
    """Where (and when) a quote appeared."""

    link: Link
    article_title: str
    when: str


@dataclass(frozen=True)
class QuoteView:
    """One quote's words, with every article that carried them."""

    text: str
    kind: str
    sources: tuple[QuoteSource, ...]


@dataclass(frozen=True)
class SpeakerQuotes:
    """The quotes of one speaker."""

    speaker: str
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class Figure:
    """One numeric claim as a table row."""

    measure: str
    value: str
    period: str
    claimant: str
    link: Link
    disputed: bool


@dataclass(frozen=True)
class Dispute:
    """Claims that disagree about one measure, and the explanation."""

    measure: str
    figures: tuple[Figure, ...]
    note: str


@dataclass(frozen=True)
class StoryView:
    """Everything the template shows for one story."""

    anchor: str
    title: str
    article_count: int
    span: str
    summary: tuple[CitedLine, ...]
    timeline: tuple[CitedLine, ...]
    people: tuple[Person, ...]
    speakers: tuple[SpeakerQuotes, ...]
    figures: tuple[Figure, ...]
    disputes: tuple[Dispute, ...]


@dataclass(frozen=True)
class RemovalView:
    """A piece of input the cleaner dropped."""

    line: str
    reason: str
    text: str


@dataclass(frozen=True)
class ArticleView:
    """A source article with its marked-up text."""

    anchor: str
    number: int
    title: str
    path: str
    url: str | None
    url_text: str
    when: str
    date_source: str
    body: Markup
    removed: tuple[RemovalView, ...]


def anchor_id(prefix: str, *parts: object) -> str:
    """An HTML id safe to use in a ``#fragment``: ``cite-<article>-<start>-<end>``, ``a-<article>``."""
    return "-".join([prefix, *(_UNSAFE_ID_CHARS.sub("_", str(part)) for part in parts)])


def safe_url(url: Any) -> str | None:
    """The URL if it is a plain ``http``/``https`` link, else ``None`` (never ``javascript:``)."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    if not candidate or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


def mark_citations(article_id: str, text: str, spans: Iterable[tuple[int, int]]) -> tuple[Markup, set[str]]:
    """Escape ``text`` and wrap each cited span in ``<mark id="cite-…">``; return it and the ids.

    Overlapping spans merge into one ``<mark>`` (id of its first span); the other spans of the
    group get an empty ``<span id>`` anchor at their own start. Offsets outside the text are
    clamped; an empty span still gets an anchor so its link lands somewhere sensible.
    """
    length = len(text)
    clamped = sorted(
        {(max(0, min(s, length)), max(0, min(e, length)), s, e) for s, e in spans},
        key=lambda span: (span[0], -span[1], span[2], span[3]),
    )
    events: list[tuple[int, int, str]] = []
    close_index, group_end = -1, -1
    for start, end, cited_start, cited_end in clamped:
        ident = escape(anchor_id("cite", article_id, cited_start, cited_end))
        if end > start >= group_end:
            group_end, close_index = end, len(events) + 1
            events += [(start, 1, f'<mark id="{ident}">'), (end, 0, "</mark>")]
            continue
        if end > start and end > group_end:
            group_end = end
            events[close_index] = (end, 0, "</mark>")
        events.append((start, 2, f'<span class="anchor" id="{ident}"></span>'))
    pieces: list[str] = []
    position = 0
    for offset, _order, tag in sorted(events, key=lambda event: (event[0], event[1])):
        pieces += [str(escape(text[position:offset])), tag]
        position = offset
    pieces.append(str(escape(text[position:])))
    ids = {anchor_id("cite", article_id, s, e) for _start, _end, s, e in clamped}
    return Markup("".join(pieces)), ids


class _Linker:
    """Builds citation links that only point at anchors present on the page."""

    def __init__(self, articles: Mapping[str, Record], anchors: set[str]) -> None:
        """Remember the page's articles (numbered in document order) and its anchor ids."""
        self.articles = articles
        self.anchors = anchors
        self.numbers = {article_id: index for index, article_id in enumerate(articles, start=1)}

    def link(self, article_id: Any, start: Any, end: Any) -> Link:
        """A ``[n]`` link to the cited span, titled with the article's name."""
        number = self.numbers.get(article_id) if isinstance(article_id, str) else None
        if number is None:
            return Link("[?]", None, "source not in this document")
        ident = anchor_id("cite", article_id, start, end)
        href = f"#{ident}" if ident in self.anchors else f"#{anchor_id('a', article_id)}"
        return Link(f"[{number}]", href, self.title(article_id))

    def title(self, article_id: Any) -> str:
        """The article's title, else its path, else its id."""
        article = self.articles.get(article_id) if isinstance(article_id, str) else None
        if article is None:
            return "unknown source"
        return clean_line(article.get("title")) or clean_line(article.get("path")) or clean_line(article_id)


def _int_offsets(record: Record) -> tuple[int, int] | None:
    """A record's ``(start, end)`` when both are integers."""
    start, end = record.get("start"), record.get("end")
    if any(not isinstance(v, int) or isinstance(v, bool) for v in (start, end)):
        return None
    return start, end  # type: ignore[return-value]


def _cited_spans(document: Mapping[str, Any]) -> dict[str, set[tuple[int, int]]]:
    """Every span the page links to, per article: summary, timeline, quotes and claims."""
    cited: list[Record] = [*records(document, "quotes"), *records(document, "claims")]
    for story in records(document, "stories"):
        for item in [*sub_records(story, "summary"), *sub_records(story, "timeline")]:
            cited += sub_records(item, "citations")
    spans: dict[str, set[tuple[int, int]]] = {}
    for record in cited:
        offsets = _int_offsets(record)
        if offsets is not None and isinstance(record.get("article_id"), str):
            spans.setdefault(record["article_id"], set()).add(offsets)
    return spans


def _removals(article: Record) -> tuple[RemovalView, ...]:
    """What the cleaner dropped from one article."""
    return tuple(
        RemovalView(clean_line(removal.get("line")), clean_line(removal.get("reason")), str(removal.get("text") or ""))
        for removal in sub_records(article, "removed")
    )


def _date_source(article: Record) -> str:
    """Where the publication date came from (header, metadata, text, inferred), or ""."""
    published = article.get("published")
    return clean_line(published.get("source")) if isinstance(published, Mapping) else ""


def _article_views(
    articles: Mapping[str, Record], spans: Mapping[str, set[tuple[int, int]]]
) -> tuple[list[ArticleView], set[str]]:
    """The Sources section, and the set of citation anchor ids it contains."""
    views: list[ArticleView] = []
    anchors: set[str] = set()
    for number, (article_id, article) in enumerate(articles.items(), start=1):
        text = article.get("text")
        body, ids = mark_citations(article_id, text if isinstance(text, str) else "", spans.get(article_id, set()))
        anchors |= ids
        views.append(
            ArticleView(
                anchor=anchor_id("a", article_id),
                number=number,
                title=clean_line(article.get("title")) or clean_line(article.get("path")) or clean_line(article_id),
                path=clean_line(article.get("path")),
                url=safe_url(article.get("url")),
                url_text=clean_line(article.get("url")),
                when=published_label(article),
                date_source=_date_source(article),
                body=body,
                removed=_removals(article),
            )
        )
    return views, anchors


def _cited_lines(items: list[Record], linker: _Linker, dated: bool) -> tuple[CitedLine, ...]:
    """Summary sentences or timeline entries as view records."""
    lines: list[CitedLine] = []
    for item in items:
        links = tuple(
            linker.link(c.get("article_id"), c.get("start"), c.get("end")) for c in sub_records(item, "citations")
        )
        when = format_date(item.get("date"), item.get("granularity")) if dated else ""
        iso = clean_line(item.get("date")) if dated else ""
        lines.append(CitedLine(when, iso, clean_line(item.get("text")), links))
    return tuple(lines)


def _speaker_groups(
    quotes: list[Record], entities: Mapping[str, Record], linker: _Linker
) -> tuple[SpeakerQuotes, ...]:
    """Quotes grouped by speaker (busiest first, unattributed last); repeated words merged."""
    grouped: dict[str, dict[str, tuple[Record, list[QuoteSource]]]] = {}
    for quote in quotes:
        key = quote_key(quote.get("text"))
        if not key:
            continue
        source = QuoteSource(
            linker.link(quote.get("article_id"), quote.get("start"), quote.get("end")),
            linker.title(quote.get("article_id")),
            format_date(quote.get("date"), None) if quote.get("date") else "",
        )
        speaker_quotes = grouped.setdefault(speaker_of(quote, entities), {})
        speaker_quotes.setdefault(key, (quote, []))[1].append(source)
    ordered = sorted(grouped.items(), key=lambda item: (item[0] == UNATTRIBUTED, -len(item[1]), item[0]))
    return tuple(
        SpeakerQuotes(
            speaker,
            tuple(
                QuoteView(clean_line(quote.get("text")), clean_line(quote.get("kind")), tuple(sources))
                for quote, sources in by_words.values()
            ),
        )
        for speaker, by_words in ordered
    )


def _figure(claim: Record, linker: _Linker, disputed: set[str]) -> Figure:
    """One claim as a figures-table row."""
    return Figure(
        measure=clean_line(claim.get("measure")),
        value=claim_value(claim),
        period=clean_line(claim.get("period")),
        claimant=clean_line(claim.get("claimant")),
        link=linker.link(claim.get("article_id"), claim.get("start"), claim.get("end")),
        disputed=claim.get("id") in disputed,
    )


def _people(document: Mapping[str, Any], article_ids: list[str]) -> tuple[Person, ...]:
    """The story's key people, most mentioned first."""
    return tuple(
        Person(
            clean_line(person.get("name")),
            "; ".join(title for title in map(clean_line, strings(person, "titles")) if title),
            mention_count(person),
        )
        for person in key_people(document, article_ids, MAX_HTML_PEOPLE)
    )


def _figures_and_disputes(
    document: Mapping[str, Any], article_ids: list[str], linker: _Linker
) -> tuple[tuple[Figure, ...], tuple[Dispute, ...]]:
    """The story's figures table (by measure, then source order) and its disagreements."""
    claims = in_articles(records(document, "claims"), article_ids)
    disputes = story_disagreements(document, [c["id"] for c in claims if isinstance(c.get("id"), str)])
    disputed = {claim_id for dispute in disputes for claim_id in strings(dispute, "claim_ids")}
    all_claims = by_id(records(document, "claims"))
    figures = tuple(
        _figure(claim, linker, disputed)
        for claim in sorted(claims, key=lambda claim: clean_line(claim.get("measure")).casefold())
    )
    dispute_views = tuple(
        Dispute(
            clean_line(dispute.get("measure")),
            tuple(
                _figure(all_claims[claim_id], linker, disputed)
                for claim_id in strings(dispute, "claim_ids")
                if claim_id in all_claims
            ),
            clean_line(dispute.get("note")),
        )
        for dispute in disputes
    )
    return figures, dispute_views


def _story_view(document: Mapping[str, Any], story: Record, linker: _Linker) -> StoryView:
    """The view record of one story."""
    article_ids = strings(story, "article_ids")
    quotes = in_articles(records(document, "quotes"), article_ids)
    figures, disputes = _figures_and_disputes(document, article_ids, linker)
    return StoryView(
        anchor=anchor_id("s", story.get("id")),
        title=clean_line(story.get("title")) or "Untitled story",
        article_count=len(article_ids),
        span=date_span(linker.articles.get(aid) for aid in article_ids),
        summary=_cited_lines(sub_records(story, "summary"), linker, dated=False),
        timeline=_cited_lines(sub_records(story, "timeline"), linker, dated=True),
        people=_people(document, article_ids),
        speakers=_speaker_groups(quotes, by_id(records(document, "entities")), linker),
        figures=figures,
        disputes=disputes,
    )


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """The Jinja2 environment: autoescape on for every template (``.j2`` included)."""
    return Environment(
        loader=PackageLoader("storyline.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(document: Mapping[str, Any]) -> str:
    """Render the export document as one self-contained HTML page (deterministic output)."""
    articles = by_id(records(document, "articles"))
    article_views, anchors = _article_views(articles, _cited_spans(document))
    linker = _Linker(articles, anchors)
    stories = [_story_view(document, story, linker) for story in records(document, "stories")]
    page_title = stories[0].title if len(stories) == 1 else "Storyline report"
    return _environment().get_template("report.html.j2").render(
        page_title=page_title, stories=stories, articles=article_views
    )
