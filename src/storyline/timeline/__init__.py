"""Story-level outputs: timeline of dated events, extractive summary, title, and the Story record."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.models import AnalyzedArticle, Story
from storyline.timeline.events import build_timeline
from storyline.timeline.summary import story_title, summarize

MIN_SUMMARY_SENTENCES = 3
MAX_SUMMARY_SENTENCES = 8

__all__ = ["build_story", "build_timeline", "story_title", "summarize"]


def build_story(
    story_id: str,
    members: Sequence[AnalyzedArticle],
    max_dates: int = 12,
    sentences_per_date: int = 2,
    summary_sentences: int = 5,
) -> Story:
    """Assemble a :class:`Story` (title, sorted article ids, summary, timeline) from its articles.

    The summary has ``summary_sentences`` sentences, kept within 3-8 (fewer only when the articles
    have fewer fit sentences).
    """
    summary_size = min(MAX_SUMMARY_SENTENCES, max(MIN_SUMMARY_SENTENCES, summary_sentences))
    return Story(
        id=story_id,
        title=story_title(members),
        article_ids=tuple(sorted({item.article.id for item in members})),
        summary=summarize(members, max_sentences=summary_size),
        timeline=build_timeline(members, max_dates=max_dates, sentences_per_date=sentences_per_date),
    )
