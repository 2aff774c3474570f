"""The export document: one JSON-able dict with everything in the store, and its JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from storyline.dates.sentence_dates import day_stated_within
from storyline.models import AnalyzedArticle, Citation, Claim, DuplicateLink, Entity, Quote, Story, Timex
from storyline.store import DerivedResults, Store

SCHEMA_VERSION = "1"


def load_schema() -> dict[str, Any]:
    """The JSON Schema the export document follows."""
    text = resources.files("storyline").joinpath("schema/export.schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def export_document(store: Store) -> dict[str, Any]:
    """Build the export document from a store."""
    return build_document(store.load_analyzed(), store.load_derived(), store.duplicate_links())


def build_document(
    analyzed: Sequence[AnalyzedArticle], derived: DerivedResults,
    duplicates: Mapping[str, DuplicateLink] | None = None,
) -> dict[str, Any]:
    """Assemble the export document from per-article analyses and cross-article results;
    near-duplicate articles carry ``duplicate_of`` (their canonical article's id)."""
    speakers = {s.quote_id: s for s in derived.speakers}
    links = duplicates or {}
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [_article_json(a, links.get(a.article.id)) for a in analyzed],
        "entities": [
            _entity_json(e) for e in sorted(derived.entities, key=lambda e: (-len(e.mentions), e.name, e.id))
        ],
        "quotes": [_quote_json(q, a, speakers.get(q.id)) for a in analyzed for q in a.quotes],
        "claims": [_claim_json(c) for a in analyzed for c in a.claims],
        "timexes": [_timex_json(t) for a in analyzed for t in a.timexes],
        "disagreements": [
            {"measure": d.measure, "measure_key": d.measure_key, "claim_ids": list(d.claim_ids), "note": d.note}
            for d in derived.disagreements
        ],
        "stories": [_story_json(s) for s in derived.stories],
    }


def _entity_json(e: Entity) -> dict[str, Any]:
    roles = [
        {"title": r.title, "date": r.date, "article_id": r.citation.article_id,
         "start": r.citation.start, "end": r.citation.end}
        for r in e.roles
    ]
    return {
        "id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "titles": list(e.titles),
        "article_ids": list(e.article_ids), "roles": roles, "mention_count": len(e.mentions),
    }


def _claim_json(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id, "text": c.text, "measure": c.measure, "measure_key": c.measure_key,
        "value": c.value, "unit": c.unit, "period": c.period, "claimant": c.claimant,
        "approximate": c.approximate, "article_id": c.article_id, "start": c.start, "end": c.end,
        "cue": c.cue, "scope": c.scope, "upper": c.upper,
    }


def _timex_json(t: Timex) -> dict[str, Any]:
    return {
        "article_id": t.article_id, "start": t.start, "end": t.end, "text": t.text, "type": t.type,
        "value": t.value,
    }


def _story_json(s: Story) -> dict[str, Any]:
    return {
        "id": s.id, "title": s.title, "article_ids": list(s.article_ids),
        "summary": [{"text": c.text, "citations": _citations(c.citations)} for c in s.summary],
        "timeline": [
            {"date": e.date, "granularity": e.granularity, "text": e.text, "citations": _citations(e.citations)}
            for e in s.timeline
        ],
        "events": [
            {"id": v.id, "title": v.title, "article_ids": list(v.article_ids), "start": v.start, "end": v.end}
            for v in s.events
        ],
    }


def _article_json(analyzed: AnalyzedArticle, duplicate: DuplicateLink | None = None) -> dict[str, Any]:
    a = analyzed.article
    record = {
        "id": a.id, "path": a.path, "title": a.title, "url": a.url,
        "published": {"date": a.published.date, "granularity": a.published.granularity,
                      "source": a.published.source, "confidence": a.published.confidence,
                      "earliest": a.published.earliest, "latest": a.published.latest},
        "text": a.text,
        "removed": [{"text": r.text, "reason": r.reason, "line": r.line} for r in a.removals],
    }
    if duplicate is not None:
        record["duplicate_of"] = duplicate.canonical_id
    return record


def _quote_json(quote: Quote, analyzed: AnalyzedArticle, speaker: Any) -> dict[str, Any]:
    return {
        "id": quote.id, "text": quote.text, "kind": quote.kind,
        "speaker": speaker.speaker if speaker else quote.speaker_text,
        "speaker_entity_id": speaker.entity_id if speaker else None,
        "cue": quote.cue, "article_id": quote.article_id, "start": quote.start, "end": quote.end,
        "date": quote_date(quote, analyzed),
        "content_start": quote.content_start, "content_end": quote.content_end,
    }


def quote_date(quote: Quote, analyzed: AnalyzedArticle) -> str | None:
    """When a quote was said: a day-precise date in its sentence, else the article's date."""
    return day_stated_within(analyzed, quote.sentence_start, quote.sentence_end)


def _citations(citations: Sequence[Citation]) -> list[dict[str, Any]]:
    return [{"article_id": c.article_id, "start": c.start, "end": c.end} for c in citations]
