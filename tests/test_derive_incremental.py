"""A daily batch rebuilds only the stories it touches: unchanged stories are kept as stored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import make_article
from spacy.language import Language
from test_stories import FLOOD, FOOTBALL, analyze

from storyline import pipeline
from storyline.models import AnalyzedArticle, Story, TimelineEntry
from storyline.pipeline import PreviousResults, derive
from storyline.store import Store

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
    previous = PreviousResults(members={s.id: s.article_ids for s in first.stories})
    built = _counting_build_story(monkeypatch)
    second = derive(articles, previous_stories=_assignments(first.stories), previous=previous)
    assert built == [("c-quake",)]
    assert second.kept_stories == {s.id for s in first.stories}
    fresh = derive(articles)  # the same result as deriving everything afresh
    assert sorted(fresh.stories, key=_id) == sorted(first.stories + second.stories, key=_id)
    assert replace(fresh, stories=()) == replace(second, stories=(), kept_stories=frozenset())


def _id(story: Story) -> str:
    return story.id


def test_a_story_whose_members_changed_is_rebuilt(
    articles: list[AnalyzedArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = derive(articles[:2])
    stale = PreviousResults(members={s.id: (*s.article_ids, "gone") for s in first.stories})
    built = _counting_build_story(monkeypatch)
    second = derive(articles[:2], previous_stories=_assignments(first.stories), previous=stale)
    assert sorted(built) == [("a-football",), ("b-flood",)]
    assert second.kept_stories == frozenset() and second.stories == first.stories


def test_changed_bounds_rebuild_the_story(articles: list[AnalyzedArticle], monkeypatch: pytest.MonkeyPatch) -> None:
    first = derive(articles[:2])
    story = first.stories[0]
    moved = PreviousResults(
        members={s.id: s.article_ids for s in first.stories}, bounds={story.article_ids[0]: ("2001-01", None)}
    )
    built = _counting_build_story(monkeypatch)
    derive(articles[:2], previous_stories=_assignments(first.stories), previous=moved)
    assert built == [story.article_ids]


def _timeline_rows(store: Store) -> list[tuple[str, str]]:
    rows = store.db.execute("SELECT ref, body FROM search_index WHERE kind = 'timeline'")
    return sorted((row["ref"], row["body"]) for row in rows)


def test_a_daily_batch_rewrites_only_its_stories_and_ends_as_a_fresh_build(
    articles: list[AnalyzedArticle], db_location: str | Path
) -> None:
    with Store(db_location) as store:
        store.add_batch(articles[:2])
        pipeline.derive_stored(store)
        store.add_batch(articles[2:])
        pipeline.derive_stored(store)
        grown = store.load_derived()
    fresh = derive(articles)
    assert grown.stories == tuple(sorted(fresh.stories, key=_id))
    assert replace(grown, stories=()) == replace(fresh, stories=())


def test_replace_derived_keeps_kept_stories_and_drops_the_others(
    articles: list[AnalyzedArticle], db_location: str | Path
) -> None:
    first = derive(articles)
    keep, drop, new = (
        replace(story, timeline=(TimelineEntry("2018-10", "month", f"entry of {story.id}", ()),))
        for story in first.stories
    )
    with Store(db_location) as store:
        store.add_batch(articles)
        store.replace_derived(replace(first, stories=(keep, drop)))
        store.replace_derived(replace(first, stories=(new,), kept_stories=frozenset({keep.id})))
        assert store.load_derived().stories == tuple(sorted((keep, new), key=_id))
        assert _timeline_rows(store) == sorted((s.id, f"entry of {s.id}") for s in (keep, new))
        assert store.load_story_assignments() == {i: s.id for s in (keep, new) for i in s.article_ids}
