"""Per-article story terms: the text work of story features, done once per article.

Story grouping weighs articles by TF-IDF over their content words and their entity keys
(:mod:`storyline.stories.similarity`). Counting those is the only part that reads an article's
text, so it is kept as a digest (:mod:`storyline.digests`): a later build fits TF-IDF from the
stored counts instead of re-reading every old article. Counts keep the order in which each term
first occurs, as counting the term list does, so weights and their sums come out bit for bit
the same either way.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from sys import intern

from storyline.models import AnalyzedArticle, Mention
from storyline.text_similarity import content_terms

STORY_TERMS_VERSION = 1
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LAW", "NORP", "EVENT"})
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE_END = re.compile(r"['’]s?$")

TermCounts = Mapping[str, int]


@dataclass(frozen=True)
class StoryTerms:
    """An article's content-term counts and entity-key counts, each in first-occurrence order."""

    article_id: str
    words: TermCounts
    entities: TermCounts


def story_terms(item: AnalyzedArticle) -> StoryTerms:
    """The story terms of one analysed article."""
    return StoryTerms(
        item.article.id,
        dict(Counter(content_terms(item.article.text))),
        dict(Counter(entity_keys(item.mentions))),
    )


def entity_keys(mentions: Sequence[Mention]) -> list[str]:
    """Normalised entity keys of the story-relevant mentions (one or two keys per mention)."""
    keys: list[str] = []
    for mention in mentions:
        if mention.label not in ENTITY_LABELS:
            continue
        name = _POSSESSIVE_END.sub("", _LEADING_ARTICLE.sub("", mention.text.strip()))
        name = re.sub(r"\s+", " ", name.replace(".", "")).lower()
        if len(name) < 2:
            continue
        keys.append(f"{mention.label}:{name}")
        parts = name.split(" ")
        if mention.label == "PERSON" and len(parts) > 1:
            keys.append(f"PERSON:{parts[-1]}")
    return keys


def story_terms_to_json(terms: StoryTerms) -> str:
    """A compact JSON form (the article id is stored beside it); key order is kept."""
    return json.dumps({"words": terms.words, "entities": terms.entities}, ensure_ascii=False, separators=(",", ":"))


def story_terms_from_json(article_id: str, data: str) -> StoryTerms:
    """Inverse of :func:`story_terms_to_json`; terms recur across articles, so each is interned."""
    raw = json.loads(data)
    return StoryTerms(
        article_id,
        {intern(term): count for term, count in raw["words"].items()},
        {intern(key): count for key, count in raw["entities"].items()},
    )
