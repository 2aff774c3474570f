"""A daily batch rebuilds only the stories it touches: unchanged stories are kept as stored."""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.language import Language
from test_stories import FLOOD, FOOTBALL, analyze

from conftest import make_article
from storyline import pipeline
from storyline.models import AnalyzedArticle, Story
from storyline.pipeline import PreviousResults, derive

QUAKE = (
    "A magnitude 6.1 earthquake struck off the coast of Chile on Monday, the national seismology office said. "
    "Residents of Valparaiso left their homes as the ground shook for nearly a minute. "
    "Officials said no tsunami warning was issued and that damage reports were still coming in."
)


@pytest.fixture(scope="module")
def articles(nlp: Language) -> list[AnalyzedArticle]:
    """Three unrelated articles: three stories."""
    return [
        analyze(nlp, make_article(FOOTBALL, "2018-10-08", "a-football")),
        analyze(nlp, make_article(FLOOD, "2018-10-19", "b-flood")),
        analyze(nlp, make_article(QUAKE, "2018-10-22", "c-quake")),
    ]


def _assignments(stories: tuple[Story, ...]) -> dict[str, str]:
    return {article_id: story.id for story in stories for article_id in story.article_ids}


def _counting_build_story(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    built: list[tuple[str, ...]] = []
    original = pipeline.build_story

    def counting(story_id: str, members: list[AnalyzedArticle]) -> Story:
        built.append(tuple(sorted(m.article.id for m in members)))
        return original(story_id, members)

    monkeypatch.setattr(pipeline, "build_story", counting)
    return built


def test_only_new_or_changed_stories_are_rebuilt(
    articles: list[AnalyzedArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = derive(articles[:2])
    previous = PreviousResults(stories={s.id: s for s in first.stories})
    built = _counting_build_story(monkeypatch)
    second = derive(articles, previous_stories=_assignments(first.stories), previous=previous)
    assert built == [("c-quake",)]
    kept = {s.id: s for s in second.stories}
    for story in first.stories:
        assert kept[story.id] is previous.stories[story.id]
    assert derive(articles) == second  # the same result as deriving everything afresh


def test_a_story_whose_members_changed_is_rebuilt(
    articles: list[AnalyzedArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = derive(articles[:2])
    stale = {s.id: replace(s, title="stale", article_ids=(*s.article_ids, "gone")) for s in first.stories}
    built = _counting_build_story(monkeypatch)
    second = derive(articles[:2], previous_stories=_assignments(first.stories), previous=PreviousResults(stale))
    assert sorted(built) == [("a-football",), ("b-flood",)]
    assert all(story.title != "stale" for story in second.stories)


def test_changed_bounds_rebuild_the_story(articles: list[AnalyzedArticle], monkeypatch: pytest.MonkeyPatch) -> None:
    first = derive(articles[:2])
    story = first.stories[0]
    moved = PreviousResults(
        stories={s.id: s for s in first.stories}, bounds={story.article_ids[0]: ("2001-01", None)}
    )
    built = _counting_build_story(monkeypatch)
    derive(articles[:2], previous_stories=_assignments(first.stories), previous=moved)
    assert built == [story.article_ids]
