"""Group articles into stories, keeping the stories found before.

Articles are clustered by average linkage over the combined similarity of
:mod:`storyline.stories.similarity`. Up to ``exact_limit`` articles every pair
is scored; above it only the pairs the inverted index of
:mod:`storyline.stories.candidates` proposes (pairs never scored count as 0).

``previous`` maps article ids to the story ids an earlier run gave them. Those
stories start as ready-made clusters that never merge with each other and
keep their ids; only new articles move: each joins the story it is most like
on average (if that reaches the threshold) or forms a new story with other new
articles. A new story's id is derived from its smallest article id. Everything
is computed in sorted article-id order, so the result does not depend on the
input order.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence

from storyline.models import AnalyzedArticle
from storyline.stories.candidates import (
    DEFAULT_LIMITS,
    CandidateLimits,
    candidate_pairs,
)
from storyline.stories.linkage import Edge, cluster_graph, dense_edges
from storyline.stories.similarity import (
    STORY_TIME,
    ArticleFeatures,
    TimeScale,
    article_features,
    dense_similarity,
    pair_similarities,
)
from storyline.stories.terms import StoryTerms

DEFAULT_THRESHOLD = 0.12
EXACT_LIMIT = 500

StoryGroup = tuple[str, tuple[str, ...]]
StoryAssignments = Mapping[str, str]


def story_id_for(article_ids: Sequence[str]) -> str:
    """``"s-"`` plus the first 12 hex digits of the SHA-1 of the smallest article id."""
    smallest = min(article_ids)
    return "s-" + hashlib.sha1(smallest.encode("utf-8")).hexdigest()[:12]


def _previous_groups(article_ids: Sequence[str], previous: StoryAssignments) -> dict[str, list[int]]:
    """Indexes of the articles each earlier story still holds, by story id."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, article_id in enumerate(article_ids):
        story_id = previous.get(article_id)
        if story_id is not None:
            groups[story_id].append(index)
    return dict(sorted(groups.items()))


def scored_edges(
    features: ArticleFeatures, movable: Sequence[bool], exact_limit: int, limits: CandidateLimits,
    scale: TimeScale = STORY_TIME,
) -> list[Edge]:
    """Similarity edges touching a movable article: all pairs when small, index candidates when large."""
    if features.size <= exact_limit:
        return dense_edges(dense_similarity(features, scale), movable)
    pairs = candidate_pairs(features, [i for i, free in enumerate(movable) if free], limits)
    left = [i for i, _ in pairs]
    right = [j for _, j in pairs]
    values = pair_similarities(features, left, right, scale)
    return list(zip(left, right, values.tolist(), strict=True))


def _new_story_id(article_ids: Sequence[str], taken: set[str]) -> str:
    """:func:`story_id_for`, salted in the rare case an earlier story already holds that id."""
    story_id, salt = story_id_for(article_ids), 0
    while story_id in taken:
        salt += 1
        story_id = story_id_for([f"{min(article_ids)}#{salt}"])
    return story_id


def group_stories(
    analyzed: Sequence[AnalyzedArticle],
    threshold: float = DEFAULT_THRESHOLD,
    previous: StoryAssignments | None = None,
    exact_limit: int = EXACT_LIMIT,
    limits: CandidateLimits = DEFAULT_LIMITS,
    terms: Mapping[str, StoryTerms] | None = None,
) -> tuple[StoryGroup, ...]:
    """Cluster articles into stories: ``(story_id, sorted article ids)``, largest story first.

    Duplicate article ids are counted once. Stories of equal size are ordered by
    story id. ``previous`` (article id -> story id) pins earlier stories. ``terms``
    (article id -> stored :class:`StoryTerms`) only saves re-reading texts.
    """
    unique = {item.article.id: item for item in analyzed}
    ordered = [unique[article_id] for article_id in sorted(unique)]
    if not ordered:
        return ()
    article_ids = [item.article.id for item in ordered]
    earlier = _previous_groups(article_ids, previous or {})
    movable = [article_id not in (previous or {}) for article_id in article_ids]
    features = article_features(ordered, terms)
    edges = scored_edges(features, movable, exact_limit, limits)
    story_of_key = {min(indexes): story_id for story_id, indexes in earlier.items()}
    clusters = cluster_graph(len(ordered), edges, threshold, list(earlier.values()), range(len(earlier)))
    taken = set(earlier)
    groups: list[StoryGroup] = []
    for cluster in clusters:
        ids = tuple(article_ids[index] for index in cluster)
        kept = [story_of_key[index] for index in cluster if index in story_of_key]
        story_id = kept[0] if kept else _new_story_id(ids, taken)
        taken.add(story_id)
        groups.append((story_id, ids))
    return tuple(sorted(groups, key=lambda group: (-len(group[1]), group[0])))
