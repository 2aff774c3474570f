"""Group articles into stories: average-linkage clustering over a combined similarity.

The similarity of two articles is ``(0.6 * text + 0.4 * entities) * time``:

* ``text``: cosine of TF-IDF vectors of the articles' content words;
* ``entities``: cosine of TF-IDF vectors over the named entities they mention
  (PERSON, ORG, GPE, LAW, NORP, EVENT; a PERSON also counts under its surname
  so that "Mike Pence" and "Pence" meet);
* ``time``: 1 for articles published within a week of each other, falling
  linearly to 0.6 at two years apart; 1 (neutral) when either date is unknown.

Clusters merge while the best average-linkage similarity is at least the
threshold. Everything is computed in sorted article-id order, so the result
does not depend on the input order.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date

import numpy as np

from storyline.models import AnalyzedArticle, Mention
from storyline.text_similarity import FloatMatrix, content_terms, cosine_matrix, fit_tfidf, tfidf_matrix

DEFAULT_THRESHOLD = 0.12
TEXT_WEIGHT = 0.6
ENTITY_WEIGHT = 0.4
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LAW", "NORP", "EVENT"})
_TIME_GRACE_DAYS = 7
_TIME_HORIZON_DAYS = 730
_TIME_FLOOR = 0.6
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE_END = re.compile(r"['’]s?$")

StoryGroup = tuple[str, tuple[str, ...]]


def story_id_for(article_ids: Sequence[str]) -> str:
    """``"s-"`` plus the first 12 hex digits of the SHA-1 of the smallest article id."""
    smallest = min(article_ids)
    return "s-" + hashlib.sha1(smallest.encode("utf-8")).hexdigest()[:12]


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


def _parse_date(value: str | None) -> date | None:
    """First day of an ISO date, month or year string; ``None`` if absent or unreadable."""
    if not value:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def time_factor(first: str | None, second: str | None) -> float:
    """Multiplier in ``[0.6, 1]`` that lowers the similarity of articles far apart in time."""
    first_date, second_date = _parse_date(first), _parse_date(second)
    if first_date is None or second_date is None:
        return 1.0
    days = abs((first_date - second_date).days) - _TIME_GRACE_DAYS
    if days <= 0:
        return 1.0
    fraction = min(1.0, days / _TIME_HORIZON_DAYS)
    return 1.0 - (1.0 - _TIME_FLOOR) * fraction


def article_similarity_matrix(analyzed: Sequence[AnalyzedArticle]) -> FloatMatrix:
    """Combined text/entity/time similarity of every pair of articles, in the given order."""
    word_docs = [content_terms(item.article.text) for item in analyzed]
    entity_docs = [entity_keys(item.mentions) for item in analyzed]
    text_similarity = cosine_matrix(tfidf_matrix(fit_tfidf(word_docs), word_docs))
    entity_similarity = cosine_matrix(tfidf_matrix(fit_tfidf(entity_docs), entity_docs))
    combined = TEXT_WEIGHT * text_similarity + ENTITY_WEIGHT * entity_similarity
    dates = [item.article.published.date for item in analyzed]
    for row, first in enumerate(dates):
        for column, second in enumerate(dates):
            combined[row, column] *= time_factor(first, second)
    np.fill_diagonal(combined, 1.0)
    return combined


def _average_linkage(similarity: FloatMatrix, members: list[int], others: list[int]) -> float:
    """Mean pairwise similarity between two clusters."""
    return float(similarity[np.ix_(members, others)].mean())


def cluster_average_linkage(similarity: FloatMatrix, threshold: float) -> list[list[int]]:
    """Agglomerative clustering: merge the most similar pair while it reaches ``threshold``.

    Ties go to the pair whose smallest member indexes come first, so the result
    is deterministic for a given matrix.
    """
    clusters: list[list[int]] = [[index] for index in range(similarity.shape[0])]
    while len(clusters) > 1:
        best: tuple[float, int, int] | None = None
        for left in range(len(clusters)):
            for right in range(left + 1, len(clusters)):
                score = _average_linkage(similarity, clusters[left], clusters[right])
                if best is None or score > best[0] + 1e-12:
                    best = (score, left, right)
        if best is None or best[0] < threshold:
            break
        _, left, right = best
        clusters[left] = sorted(clusters[left] + clusters[right])
        del clusters[right]
    return clusters


def group_stories(
    analyzed: Sequence[AnalyzedArticle], threshold: float = DEFAULT_THRESHOLD
) -> tuple[StoryGroup, ...]:
    """Cluster articles into stories: ``(story_id, sorted article ids)``, largest story first.

    Duplicate article ids are counted once. Stories of equal size are ordered by
    story id.
    """
    unique = {item.article.id: item for item in analyzed}
    ordered = [unique[article_id] for article_id in sorted(unique)]
    if not ordered:
        return ()
    clusters = cluster_average_linkage(article_similarity_matrix(ordered), threshold)
    groups: list[StoryGroup] = []
    for cluster in clusters:
        ids = tuple(sorted(ordered[index].article.id for index in cluster))
        groups.append((story_id_for(ids), ids))
    return tuple(sorted(groups, key=lambda group: (-len(group[1]), group[0])))
