"""The export document's records, streamed from the store one at a time.

:func:`iter_records` yields ``(kind, record)`` pairs whose records equal the records of that
kind in :func:`storyline.export.export_document`, in the same order within a kind, without
building the document: per-article rows are read article by article and cross-article rows
one row at a time, so memory stays bounded by the largest article, not the store.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from storyline.export import SCHEMA_VERSION, build_document
from storyline.models import AnalyzedArticle, Disagreement, Entity, Story
from storyline.store import DerivedResults, SpeakerLink, Store

RecordKind = Literal[
    "article", "entity", "quote", "claim", "timex", "disagreement", "story", "timeline_entry"
]
RECORD_KINDS: tuple[RecordKind, ...] = (
    "article", "quote", "claim", "timex", "entity", "disagreement", "story", "timeline_entry"
)
# The export document's list that holds each kind (timeline entries live inside their story).
DOCUMENT_KEYS: dict[str, str] = {
    "article": "articles", "entity": "entities", "quote": "quotes", "claim": "claims",
    "timex": "timexes", "disagreement": "disagreements", "story": "stories",
}
_PER_ARTICLE_KINDS = frozenset({"article", "quote", "claim", "timex"})


class ExportError(Exception):
    """An export cannot be made as asked (unknown story, missing optional dependency, bad target)."""


@dataclass(frozen=True)
class Scope:
    """What an export covers: the whole store, or one story and the records of its articles."""

    story_id: str | None = None
    article_ids: frozenset[str] | None = None

    def has_article(self, article_id: str) -> bool:
        """Whether records of this article belong to the export."""
        return self.article_ids is None or article_id in self.article_ids

    def has_any_article(self, article_ids: Iterable[str]) -> bool:
        """Whether a record citing these articles (an entity) belongs to the export."""
        return self.article_ids is None or not self.article_ids.isdisjoint(article_ids)

    def has_story(self, story_id: str) -> bool:
        """Whether this story belongs to the export."""
        return self.story_id is None or story_id == self.story_id


WHOLE_STORE = Scope()


def scope_for(store: Store, story_id: str | None) -> Scope:
    """The scope of an export of one story (or of everything when ``story_id`` is None)."""
    if story_id is None:
        return WHOLE_STORE
    for story in store.iter_stories():
        if story.id == story_id:
            return Scope(story_id, frozenset(story.article_ids))
    raise ExportError(f"no story with id {story_id!r}")


def iter_records(
    store: Store, scope: Scope = WHOLE_STORE, kinds: Collection[str] = RECORD_KINDS
) -> Iterator[tuple[RecordKind, dict[str, Any]]]:
    """Stream ``(kind, record)`` pairs: per article its article, quotes, claims and timexes, then
    entities, disagreements, stories and each story's timeline entries."""
    claim_ids: set[str] = set()
    if _PER_ARTICLE_KINDS.intersection(kinds) or (scope.story_id and "disagreement" in kinds):
        for kind, record in _per_article_records(store, scope, kinds):
            if kind == "claim" and scope.story_id:
                claim_ids.add(record["id"])
            if kind in kinds:
                yield kind, record
    if "entity" in kinds:
        entities = (e for e in store.iter_entities() if scope.has_any_article(e.article_ids))
        yield from (("entity", entity_record(e)) for e in entities)
    if "disagreement" in kinds:
        for disagreement in store.iter_disagreements():
            if scope.story_id is None or claim_ids.intersection(disagreement.claim_ids):
                yield "disagreement", disagreement_record(disagreement)
    if "story" in kinds or "timeline_entry" in kinds:
        yield from _story_records(store, scope, kinds)


def _per_article_records(
    store: Store, scope: Scope, kinds: Collection[str]
) -> Iterator[tuple[RecordKind, dict[str, Any]]]:
    """Article, quote, claim and timex records, article by article."""
    wants_claims = "claim" in kinds or bool(scope.story_id and "disagreement" in kinds)
    for analyzed in store.iter_analyzed():
        if not scope.has_article(analyzed.article.id):
            continue
        speakers = store.speaker_links_of(analyzed.article.id) if "quote" in kinds and analyzed.quotes else {}
        piece = _document_of([analyzed], speakers=tuple(speakers.values()))
        if "article" in kinds:
            yield "article", piece["articles"][0]
        if "quote" in kinds:
            yield from (("quote", q) for q in piece["quotes"])
        if wants_claims:
            yield from (("claim", c) for c in piece["claims"])
        if "timex" in kinds:
            yield from (("timex", t) for t in piece["timexes"])


def _story_records(
    store: Store, scope: Scope, kinds: Collection[str]
) -> Iterator[tuple[RecordKind, dict[str, Any]]]:
    """Story records and, after each, its timeline entries with their story id and position."""
    for story in store.iter_stories():
        if not scope.has_story(story.id):
            continue
        record = story_record(story)
        if "story" in kinds:
            yield "story", record
        if "timeline_entry" in kinds:
            for position, entry in enumerate(record["timeline"]):
                yield "timeline_entry", {"story_id": story.id, "position": position, **entry}


def _document_of(
    analyzed: Sequence[AnalyzedArticle] = (),
    entities: tuple[Entity, ...] = (),
    speakers: tuple[SpeakerLink, ...] = (),
    disagreements: tuple[Disagreement, ...] = (),
    stories: tuple[Story, ...] = (),
) -> dict[str, Any]:
    """The export document of a few records, made by the document builder itself, so that
    streamed records always have the document's shape."""
    derived = DerivedResults(entities=entities, speakers=speakers, disagreements=disagreements, stories=stories)
    return build_document(analyzed, derived)


def entity_record(entity: Entity) -> dict[str, Any]:
    """One entity as in the document's ``entities`` list."""
    return dict(_document_of(entities=(entity,))["entities"][0])


def disagreement_record(disagreement: Disagreement) -> dict[str, Any]:
    """One disagreement as in the document's ``disagreements`` list."""
    return dict(_document_of(disagreements=(disagreement,))["disagreements"][0])


def story_record(story: Story) -> dict[str, Any]:
    """One story as in the document's ``stories`` list (summary and timeline included)."""
    return dict(_document_of(stories=(story,))["stories"][0])


def scoped_document(document: Mapping[str, Any], scope: Scope) -> dict[str, Any]:
    """The export document cut down to a scope (unchanged for the whole store)."""
    if scope.story_id is None:
        return dict(document)
    in_scope = scope.article_ids or frozenset()
    claims = [c for c in document["claims"] if c["article_id"] in in_scope]
    claim_ids = {c["id"] for c in claims}
    return {
        "schema_version": document.get("schema_version", SCHEMA_VERSION),
        "articles": [a for a in document["articles"] if a["id"] in in_scope],
        "entities": [e for e in document["entities"] if not in_scope.isdisjoint(e["article_ids"])],
        "quotes": [q for q in document["quotes"] if q["article_id"] in in_scope],
        "claims": claims,
        "timexes": [t for t in document["timexes"] if t["article_id"] in in_scope],
        "disagreements": [d for d in document["disagreements"] if claim_ids.intersection(d["claim_ids"])],
        "stories": [s for s in document["stories"] if s["id"] == scope.story_id],
    }
