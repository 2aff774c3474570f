"""TimelineJS3 export: the stories' timelines as a TimelineJS JSON document.

TimelineJS renders ``headline`` and ``text`` as HTML, so all document text is HTML-escaped
here; the only markup added is paragraphs and source links, and only ``http(s)`` URLs become
links. A month- or year-precise entry keeps its precision: its ``start_date`` has no ``day``
(and no ``month``) field.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Mapping
from html import escape
from typing import Any
from urllib.parse import urlsplit

from storyline.report.terminal import Record, by_id, clean_line, records, sub_records

HEADLINE_CHARS = 80
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_GRANULARITY_PARTS = {"year": 1, "month": 2, "day": 3}
_UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def html_text(text: Any) -> str:
    """Document text on one line, HTML-escaped (quotes included)."""
    return escape(clean_line(text), quote=True)


def timeline_date(date: Any, granularity: Any) -> dict[str, str] | None:
    """A TimelineJS date object, as precise as both the date and its granularity; None if unusable."""
    match = _ISO_DATE.match(date.strip()) if isinstance(date, str) else None
    if match is None:
        return None
    parts = [p for p in match.groups() if p]
    keep = min(len(parts), _GRANULARITY_PARTS.get(granularity, len(parts)))
    if keep >= 2 and not 1 <= int(parts[1]) <= 12:
        return None
    if keep == 3 and not 1 <= int(parts[2]) <= calendar.monthrange(int(parts[0]), int(parts[1]))[1]:
        return None
    names = ("year", "month", "day")
    return {names[i]: str(int(parts[i])) for i in range(keep)}


def headline(text: Any) -> str:
    """A short headline from an entry's text: up to about 80 characters, cut at a word."""
    line = clean_line(text)
    if len(line) > HEADLINE_CHARS:
        line = line[:HEADLINE_CHARS].rsplit(" ", 1)[0] + " …"
    return escape(line, quote=True)


def _source_html(article: Record | None, article_id: str) -> str:
    """One cited source: its title, linked when the article has an http(s) URL."""
    if article is None:
        return html_text(article_id)
    title = html_text(article.get("title") or article.get("path") or article_id)
    url = article.get("url")
    if not isinstance(url, str):
        return title
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return f'<a href="{escape(url.strip(), quote=True)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    return title


def _event(story: Record, position: int, entry: Record, articles: Mapping[str, Record], grouped: bool) -> dict[str, Any] | None:
    """One TimelineJS event (slide) for a timeline entry; None when its date is unusable."""
    start_date = timeline_date(entry.get("date"), entry.get("granularity"))
    if start_date is None:
        return None
    cited = dict.fromkeys(c.get("article_id") for c in sub_records(entry, "citations"))
    sources = ", ".join(_source_html(articles.get(aid), aid) for aid in cited if isinstance(aid, str))
    body = f"<p>{html_text(entry.get('text'))}</p>" + (f"<p>Source: {sources}</p>" if sources else "")
    story_id = _UNSAFE_ID_CHARS.sub("-", clean_line(story.get("id"))) or "story"
    event: dict[str, Any] = {
        "start_date": start_date,
        "text": {"headline": headline(entry.get("text")), "text": body},
        "unique_id": f"{story_id}-{position}",
        "autolink": False,
    }
    if grouped:
        event["group"] = html_text(story.get("title")) or "Untitled story"
    return event


def _title_slide(stories: list[Record]) -> dict[str, Any]:
    """The title slide: the story's title and summary, or a count when there are several."""
    if len(stories) == 1:
        story = stories[0]
        summary = "".join(f"<p>{html_text(s.get('text'))}</p>" for s in sub_records(story, "summary"))
        return {"text": {"headline": html_text(story.get("title")) or "Untitled story", "text": summary}}
    return {"text": {"headline": "Storyline", "text": f"<p>{len(stories)} stories</p>"}}


def timelinejs_document(document: Mapping[str, Any]) -> dict[str, Any]:
    """The TimelineJS3 JSON object for every story in the export document."""
    stories = records(document, "stories")
    articles = by_id(records(document, "articles"))
    grouped = len(stories) > 1
    events = [
        event
        for story in stories
        for position, entry in enumerate(sub_records(story, "timeline"))
        if (event := _event(story, position, entry, articles, grouped)) is not None
    ]
    return {"title": _title_slide(stories), "events": events}


def render_timelinejs(document: Mapping[str, Any]) -> str:
    """The TimelineJS3 JSON of the export document, as text."""
    return json.dumps(timelinejs_document(document), ensure_ascii=False, indent=2)
