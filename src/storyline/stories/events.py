"""Events inside a story: its articles sub-clustered by content and a much tighter time scale.

A story ("U.S.-Japan trade") spans months; its events ("Pence meets Abe in
Tokyo") are the articles that tell the same happening. Within one story the
TF-IDF weights are refitted on the story's own articles, so the words that
tell its episodes apart count most, and similarity falls to a fifth of its
value for articles published more than two months apart (undated articles are
time-neutral). Average linkage at :data:`EVENT_THRESHOLD` gives the events: over
every pair up to :data:`~storyline.stories.grouping.EXACT_LIMIT` articles, over
the candidate pairs of the inverted index above it (as story grouping does), so
a story of any size costs near-linear time and memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from storyline.models import AnalyzedArticle, StoryEvent
from storyline.stories.candidates import DEFAULT_LIMITS
from storyline.stories.grouping import EXACT_LIMIT, scored_edges
from storyline.stories.linkage import cluster_graph
from storyline.stories.similarity import (
    TimeScale,
    article_features,
    parse_date,
)
from storyline.timeline.summary import story_title

EVENT_THRESHOLD = 0.3
EVENT_TIME = TimeScale(grace_days=3, horizon_days=60, floor=0.2)


def event_id_for(story_id: str, article_ids: Sequence[str]) -> str:
    """``"e-"`` plus 12 hex digits of the SHA-1 of the story id and the event's smallest article id."""
    key = f"{story_id}:{min(article_ids)}"
    return "e-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def date_span(members: Sequence[AnalyzedArticle]) -> tuple[str | None, str | None]:
    """Earliest and latest publication dates (as written) of the dated members, or ``(None, None)``."""
    dated: list[tuple[date, str]] = []
    for item in members:
        value = item.article.published.date
        parsed = parse_date(value)
        if value and parsed:
            dated.append((parsed, value))
    if not dated:
        return None, None
    dated.sort()
    return dated[0][1], dated[-1][1]


def story_events(
    story_id: str, members: Sequence[AnalyzedArticle], threshold: float = EVENT_THRESHOLD
) -> tuple[StoryEvent, ...]:
    """The events of one story, ordered by first date (undated last), then id."""
    unique = {item.article.id: item for item in members}
    ordered = [unique[article_id] for article_id in sorted(unique)]
    if not ordered:
        return ()
    features = article_features(ordered)
    edges = scored_edges(features, [True] * len(ordered), EXACT_LIMIT, DEFAULT_LIMITS, EVENT_TIME)
    events: list[StoryEvent] = []
    for cluster in cluster_graph(len(ordered), edges, threshold):
        group = [ordered[index] for index in cluster]
        ids = tuple(item.article.id for item in group)
        start, end = date_span(group)
        events.append(StoryEvent(event_id_for(story_id, ids), story_title(group), ids, start, end))
    return tuple(sorted(events, key=lambda event: (_sort_day(event.start), event.id)))


def _sort_day(value: str | None) -> date:
    return parse_date(value) or date.max
