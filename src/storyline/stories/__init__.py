"""Story discovery: articles grouped into stories (stable ids, incremental) and stories into events."""

from storyline.stories.candidates import CandidateLimits, candidate_pairs
from storyline.stories.events import EVENT_THRESHOLD, event_id_for, story_events
from storyline.stories.grouping import (
    DEFAULT_THRESHOLD,
    EXACT_LIMIT,
    StoryAssignments,
    StoryGroup,
    group_stories,
    story_id_for,
)
from storyline.stories.linkage import cluster_average_linkage, cluster_graph
from storyline.stories.similarity import (
    ENTITY_WEIGHT,
    TEXT_WEIGHT,
    article_features,
    article_similarity_matrix,
    time_factor,
)
from storyline.stories.terms import ENTITY_LABELS, StoryTerms, entity_keys, story_terms

__all__ = [
    "DEFAULT_THRESHOLD",
    "ENTITY_LABELS",
    "ENTITY_WEIGHT",
    "EVENT_THRESHOLD",
    "EXACT_LIMIT",
    "TEXT_WEIGHT",
    "CandidateLimits",
    "StoryAssignments",
    "StoryGroup",
    "StoryTerms",
    "article_features",
    "article_similarity_matrix",
    "candidate_pairs",
    "cluster_average_linkage",
    "cluster_graph",
    "entity_keys",
    "event_id_for",
    "group_stories",
    "story_events",
    "story_id_for",
    "story_terms",
    "time_factor",
]
