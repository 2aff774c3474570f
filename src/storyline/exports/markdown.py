"""Markdown briefing: per story its title, summary, timeline, key people, quotes, figures and
disagreements, each fact with a footnote citing its source span, then the list of sources.

All document text is escaped for CommonMark/GFM: markup characters get a backslash, so a hostile
title cannot open a link, an image, raw HTML or a table cell; only ``http(s)`` URLs become links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, urlsplit

from storyline.report.terminal import (
    Record,
    by_id,
    claim_value,
    clean_line,
    date_span,
    format_date,
    in_articles,
    key_people,
    mention_count,
    records,
    select_quotes,
    speaker_of,
    story_disagreements,
    strings,
    sub_records,
)

MAX_BRIEFING_QUOTES = 20
MAX_BRIEFING_PEOPLE = 8
EXCERPT_CHARS = 200
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~&!$])")
_URL_SAFE = ":/?#@!$&'()*+,;=%~-._"
_LINE_START = re.compile(r"^([-+=>]|\d+(?=[.)]))")


def md_text(text: Any) -> str:
    """Document text as inline Markdown: one line, markup characters backslash-escaped."""
    escaped = _MARKUP.sub(r"\\\1", clean_line(text))
    return _LINE_START.sub(lambda m: m.group(0) + "\\" if m.group(0)[0].isdigit() else "\\" + m.group(0), escaped)


def md_url(url: Any) -> str | None:
    """An ``http(s)`` URL as a Markdown autolink, ``None`` for any other scheme."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return "<" + quote(url.strip(), safe=_URL_SAFE) + ">"


class _Footnotes:
    """Numbers citations in order of first use; one footnote per distinct cited span."""

    def __init__(self, articles: Mapping[str, Record]) -> None:
        self._articles = articles
        self._numbers: dict[tuple[Any, Any, Any], int] = {}
        self._source_numbers: dict[str, int] = {}
        self._notes: dict[int, str] = {}

    def set_sources(self, article_ids: Iterable[str]) -> None:
        """Number the story's articles as its sources list does."""
        self._source_numbers = {aid: n for n, aid in enumerate(article_ids, start=1)}

    def cite(self, citations: Iterable[Record]) -> str:
        """Footnote references (``[^3]``) for citations, numbering new ones."""
        refs = []
        for c in citations:
            key = (c.get("article_id"), c.get("start"), c.get("end"))
            number = self._numbers.setdefault(key, len(self._numbers) + 1)
            self._notes.setdefault(number, self._note(c))
            refs.append(f"[^{number}]")
        return "".join(dict.fromkeys(refs))

    def _note(self, citation: Record) -> str:
        article = self._articles.get(citation.get("article_id") or "")
        if article is None:
            return f"Article {md_text(citation.get('article_id'))} (not in this export)."
        source = self._source_numbers.get(article["id"])
        label = f"Source {source}" if source else "Source"
        where = f"{label}, {md_text(article.get('title') or article.get('path'))}"
        start, end, text = citation.get("start"), citation.get("end"), article.get("text")
        if isinstance(start, int) and isinstance(end, int) and isinstance(text, str) and 0 <= start < end:
            excerpt = clean_line(text[start:end])
            if len(excerpt) > EXCERPT_CHARS:
                excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
            return f"{where}, characters {start}–{end}: “{md_text(excerpt)}”"
        return f"{where}."

    def definitions(self) -> list[str]:
        """The footnote definitions, in number order."""
        return [f"[^{n}]: {self._notes[n]}" for n in sorted(self._notes)]


def render_markdown(document: Mapping[str, Any]) -> str:
    """The Markdown briefing of every story in the document (deterministic output)."""
    articles = by_id(records(document, "articles"))
    notes = _Footnotes(articles)
    blocks: list[str] = []
    for story in records(document, "stories"):
        notes.set_sources(strings(story, "article_ids"))
        blocks.extend(_story_blocks(document, story, articles, notes))
    if not blocks:
        blocks.append("# Storyline briefing\n\nNo stories in this export.")
    definitions = notes.definitions()
    if definitions:
        blocks.append("\n".join(definitions))
    return "\n\n".join(blocks) + "\n"


def _story_blocks(
    document: Mapping[str, Any], story: Record, articles: Mapping[str, Record], notes: _Footnotes
) -> list[str]:
    """The Markdown blocks of one story, skipping empty sections."""
    article_ids = strings(story, "article_ids")
    count = len(article_ids)
    span = date_span(articles.get(aid) for aid in article_ids)
    blocks = [
        f"# {md_text(story.get('title')) or 'Untitled story'}",
        f"*{count} article{'s' if count != 1 else ''} · {md_text(span)}*",
    ]
    summary = " ".join(
        md_text(s.get("text")) + notes.cite(sub_records(s, "citations")) for s in sub_records(story, "summary")
    )
    blocks += _section("Summary", [summary] if summary else [])
    blocks += _section("Timeline", [
        f"- **{md_text(format_date(e.get('date'), e.get('granularity')))}** — "
        f"{md_text(e.get('text'))}{notes.cite(sub_records(e, 'citations'))}"
        for e in sub_records(story, "timeline")
    ])
    blocks += _section("Key people", _people_lines(document, article_ids))
    blocks += _section("Quotes", _quote_lines(document, article_ids, notes))
    claims = in_articles(records(document, "claims"), article_ids)
    blocks += _section("Figures", _figure_table(claims, document, notes))
    blocks += _section("Disagreements", _disagreement_lines(document, claims, notes))
    blocks += _section("Sources", _source_lines(articles, article_ids))
    return blocks


def _section(title: str, lines: list[str]) -> list[str]:
    """A ``##`` heading and its lines as one block, or nothing when there are no lines."""
    return [f"## {title}", "\n".join(lines)] if lines else []


def _people_lines(document: Mapping[str, Any], article_ids: list[str]) -> list[str]:
    """Key people: name, titles, mention count."""
    lines = []
    for person in key_people(document, article_ids, MAX_BRIEFING_PEOPLE):
        titles = "; ".join(md_text(t) for t in strings(person, "titles") if clean_line(t))
        mentions = mention_count(person)
        role = f" — {titles}" if titles else ""
        lines.append(f"- **{md_text(person.get('name'))}**{role} ({mentions} mention{'s' if mentions != 1 else ''})")
    return lines


def _quote_lines(document: Mapping[str, Any], article_ids: list[str], notes: _Footnotes) -> list[str]:
    """Quotes as ``speaker: “words”, date`` (paraphrases marked), each with its footnote."""
    entities = by_id(records(document, "entities"))
    quotes = select_quotes(in_articles(records(document, "quotes"), article_ids), entities, MAX_BRIEFING_QUOTES)
    lines = []
    for q in quotes:
        words = md_text(q.get("text"))
        said = f" (paraphrase): {words}" if q.get("kind") == "indirect" else f": “{words}”"
        when = f" — {md_text(format_date(q.get('date'), None))}" if q.get("date") else ""
        lines.append(f"- **{md_text(speaker_of(q, entities))}**{said}{when}{notes.cite([q])}")
    return lines


def _figure_table(claims: list[Record], document: Mapping[str, Any], notes: _Footnotes) -> list[str]:
    """Numeric claims as a GFM table; disputed ones are marked."""
    if not claims:
        return []
    disputed = {cid for d in records(document, "disagreements") for cid in strings(d, "claim_ids")}
    lines = ["| Measure | Value | Period | Claimant | Disputed | Source |", "|---|---|---|---|---|---|"]
    for c in claims:
        cells = (
            md_text(c.get("measure")), md_text(claim_value(c)), md_text(c.get("period")),
            md_text(c.get("claimant")), "yes" if c.get("id") in disputed else "", notes.cite([c]),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _disagreement_lines(document: Mapping[str, Any], claims: list[Record], notes: _Footnotes) -> list[str]:
    """Each disputed measure with every value and its footnote, then the explanation."""
    by_claim = by_id(claims)
    lines = []
    for d in story_disagreements(document, by_claim):
        values = [
            f"{md_text(claim_value(by_claim[cid]))}"
            + (f" ({md_text(by_claim[cid].get('claimant'))})" if by_claim[cid].get("claimant") else "")
            + notes.cite([by_claim[cid]])
            for cid in strings(d, "claim_ids")
            if cid in by_claim
        ]
        lines.append(f"- **{md_text(d.get('measure')) or 'figure'}**: {' · '.join(values)}")
        if clean_line(d.get("note")):
            lines.append(f"  {md_text(d.get('note'))}")
    return lines


def _source_lines(articles: Mapping[str, Record], article_ids: list[str]) -> list[str]:
    """The numbered list of a story's articles: title, date, link (http(s) only) and file."""
    lines = []
    for number, article_id in enumerate(article_ids, start=1):
        article = articles.get(article_id)
        if article is None:
            lines.append(f"{number}. Article {md_text(article_id)} (not in this export)")
            continue
        published = article.get("published") or {}
        parts = [f"**{md_text(article.get('title') or 'Untitled')}**"]
        parts.append(md_text(format_date(published.get("date"), published.get("granularity"))))
        link = md_url(article.get("url"))
        if link:
            parts.append(link)
        parts.append(f"file {md_text(article.get('path'))}")
        lines.append(f"{number}. " + " — ".join(parts))
    return lines
