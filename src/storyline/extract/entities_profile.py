"""Everything the store knows about one entity: mentions in their sentences, quotes, roles, company.

Pure functions over stored records, used by ``storyline entities`` and ``storyline entity NAME``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.extract.entities_text import name_key, split_role_query
from storyline.models import AnalyzedArticle, Citation, Entity, Sentence

MAX_CO_OCCURRING = 15


def entity_rows(entities: Sequence[Entity], entity_type: str | None = None) -> list[dict[str, Any]]:
    """One flat row per entity, most mentioned first; ``entity_type`` filters (case-insensitive)."""
    wanted = entity_type.upper() if entity_type else None
    rows = []
    for e in sorted(entities, key=lambda e: (-len(e.mentions), e.name, e.id)):
        if wanted and e.type.upper() != wanted:
            continue
        rows.append({
            "id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "titles": list(e.titles),
            "roles": [_role_json(r.title, r.date, r.citation) for r in e.roles],
            "mentions": len(e.mentions), "articles": len(e.article_ids),
        })
    return rows


def find_entity(entities: Sequence[Entity], query: str) -> list[Entity]:
    """Entities a user's name means: exact name or alias first, then word matches; most mentioned first."""
    surface, _, _ = split_role_query(query)
    key = name_key(surface or query)
    ranked = sorted(entities, key=lambda e: (-len(e.mentions), e.name, e.id))
    exact = [e for e in ranked if key in {name_key(e.name), *(name_key(a) for a in e.aliases)}]
    if exact:
        return exact
    words = set(key.split())
    return [e for e in ranked if words and words <= set(name_key(e.name).split())]


def entity_profile(
    entity: Entity,
    entities: Sequence[Entity],
    analyzed: Sequence[AnalyzedArticle],
    speaker_ids: Mapping[str, str | None],
) -> dict[str, Any]:
    """The entity with its mentions (in their sentences), quotes, roles and co-occurring entities.

    ``speaker_ids`` maps quote id to the id of the entity that said it.
    """
    by_id = {a.article.id: a for a in analyzed}
    return {
        "id": entity.id, "name": entity.name, "type": entity.type, "aliases": list(entity.aliases),
        "titles": list(entity.titles),
        "roles": [_role_json(r.title, r.date, r.citation) for r in entity.roles],
        "mentions": [_mention_json(m, by_id) for m in entity.mentions if m.article_id in by_id],
        "quotes": _quotes_of(entity, analyzed, speaker_ids),
        "co_occurring": co_occurring(entity, entities, by_id),
    }


def _role_json(title: str, date: str | None, citation: Citation) -> dict[str, Any]:
    return {"title": title, "date": date, "article_id": citation.article_id,
            "start": citation.start, "end": citation.end}


def _mention_json(mention: Citation, by_id: dict[str, AnalyzedArticle]) -> dict[str, Any]:
    """A mention with the sentence it sits in."""
    item = by_id[mention.article_id]
    sentence = sentence_of(item.sentences, mention.start)
    start, end = (sentence.start, sentence.end) if sentence else (mention.start, mention.end)
    return {
        "article_id": mention.article_id, "path": item.article.path, "published": item.article.published.date,
        "start": mention.start, "end": mention.end, "text": item.article.text[mention.start:mention.end],
        "sentence": " ".join(item.article.text[start:end].split()),
    }


def sentence_of(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    """The sentence holding ``offset``, if any (sentences sorted by start)."""
    starts = [s.start for s in sentences]
    position = bisect.bisect_right(starts, offset) - 1
    if position >= 0 and sentences[position].start <= offset < sentences[position].end:
        return sentences[position]
    return None


def _quotes_of(
    entity: Entity, analyzed: Sequence[AnalyzedArticle], speaker_ids: Mapping[str, str | None]
) -> list[dict[str, Any]]:
    """Quotes whose speaker links to the entity, in article order."""
    quote_ids = {quote_id for quote_id, entity_id in speaker_ids.items() if entity_id == entity.id}
    return [
        {"id": q.id, "kind": q.kind, "cue": q.cue, "text": q.text, "article_id": q.article_id,
         "path": a.article.path, "published": a.article.published.date, "start": q.start, "end": q.end}
        for a in analyzed for q in a.quotes if q.id in quote_ids
    ]


def co_occurring(
    entity: Entity, entities: Sequence[Entity], by_id: dict[str, AnalyzedArticle]
) -> list[dict[str, Any]]:
    """Other entities ranked by shared sentences, then shared articles."""
    own_sentences = _sentence_keys(entity.mentions, by_id)
    own_articles = set(entity.article_ids)
    scores: Counter[str] = Counter()
    shared_articles: dict[str, int] = {}
    for other in entities:
        if other.id == entity.id or not own_articles & set(other.article_ids):
            continue
        scores[other.id] = len(own_sentences & _sentence_keys(other.mentions, by_id))
        shared_articles[other.id] = len(own_articles & set(other.article_ids))
    others = {e.id: e for e in entities}
    ranked = sorted(scores, key=lambda i: (-scores[i], -shared_articles[i], others[i].name, i))
    return [
        {"id": i, "name": others[i].name, "type": others[i].type, "sentences": scores[i],
         "articles": shared_articles[i]}
        for i in ranked[:MAX_CO_OCCURRING]
    ]


def _sentence_keys(mentions: Sequence[Citation], by_id: dict[str, AnalyzedArticle]) -> set[tuple[str, int]]:
    """(article id, sentence start) of every sentence holding one of the mentions."""
    keys: set[tuple[str, int]] = set()
    for mention in mentions:
        item = by_id.get(mention.article_id)
        sentence = sentence_of(item.sentences, mention.start) if item else None
        if sentence is not None:
            keys.add((mention.article_id, sentence.start))
    return keys
