"""The name scan memo: a build rescans only the articles the changed names can touch, and gets
exactly what a full rescan gets (the scan itself, the entities, and what the store keeps)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import make_article
from hypothesis import given, settings
from hypothesis import strategies as st
from test_entities import random_articles

from storyline import pipeline
from storyline.extract import entities_scan
from storyline.extract.entities import canonicalize_entities
from storyline.extract.entities_digest import article_names
from storyline.extract.entities_scan import (
    NameScans,
    scan_articles,
    scans_from_rows,
    scans_to_rows,
)
from storyline.models import AnalyzedArticle, Completer, Mention, Sentence, Timex
from storyline.store import Store

SCAN_WORDS = ["Mike", "Pence", "Mike Pence", "Abe", "Shinzo Abe", "Kim", "Kim Jong", "Jong Un", "Secretary",
              "Prime Minister", "said", "the", "Tokyo", "Lincoln", "Pence's", "(ASEAN)", "Abe-Pence", ","]
NAMES = ["Mike Pence", "Pence", "Shinzo Abe", "Abe", "Kim Jong Un", "Kim", "Jong Un", "Tokyo", "Lincoln", "mike"]


def _articles(texts: list[str]) -> list[AnalyzedArticle]:
    return [AnalyzedArticle(make_article(text, "2018-10-09", f"a{i:02d}"), (), (), (), (), ())
            for i, text in enumerate(texts)]


@st.composite
def scan_cases(draw: st.DrawFn) -> tuple[list[AnalyzedArticle], list[str], list[str]]:
    """Random articles of name words, and two random sets of names to look for."""
    texts = [" ".join(draw(st.lists(st.sampled_from(SCAN_WORDS), min_size=1, max_size=12))) for _ in range(5)]
    names = st.lists(st.sampled_from(NAMES), max_size=6)
    return _articles(texts), draw(names), draw(names)


def _no_blocks(article_id: str) -> list[tuple[int, int]]:
    return []


def _dated(item: AnalyzedArticle) -> AnalyzedArticle:
    """The article as one sentence stating a day other than its publication date."""
    day = Timex(item.article.id, 0, 0, "", "DATE", "2016-05-01", "day")
    return replace(item, sentences=(Sentence(0, len(item.article.text), True),), timexes=(day,))


def _lean(full: list[AnalyzedArticle]) -> list[AnalyzedArticle]:
    return [replace(a, sentences=(), mentions=(), timexes=()) for a in full]


def _reader_of(full: list[AnalyzedArticle], asked: list[str] | None = None) -> Completer:
    """Reads lean articles back in full from ``full``, noting in ``asked`` which were asked for."""
    by_id = {a.article.id: a for a in full}

    def complete(items: Sequence[AnalyzedArticle]) -> list[AnalyzedArticle]:
        if asked is not None:
            asked.extend(item.article.id for item in items)
        return [by_id[item.article.id] for item in items]

    return complete


@settings(max_examples=200, deadline=None)
@given(scan_cases())
def test_a_scan_that_reuses_the_last_one_finds_exactly_what_a_full_rescan_finds(
    case: tuple[list[AnalyzedArticle], list[str], list[str]],
) -> None:
    articles, before, after = case
    first = scan_articles(articles, before, _no_blocks)
    state, rows = scans_to_rows(first)
    kept = scans_from_rows(state, rows)
    assert kept == first
    reused = scan_articles(articles, after, _no_blocks, kept)
    assert reused == scan_articles(articles, after, _no_blocks)
    if set(before) == set(after):
        assert reused.rescanned == frozenset()


@settings(max_examples=200, deadline=None)
@given(scan_cases())
def test_lean_articles_read_in_full_only_for_dated_roles_scan_the_same(
    case: tuple[list[AnalyzedArticle], list[str], list[str]],
) -> None:
    articles, names, _ = case
    full = [_dated(a) for a in articles]
    asked: list[str] = []
    expected = scan_articles(full, names, _no_blocks)
    assert scan_articles(articles, names, _no_blocks, complete=_reader_of(full, asked)) == expected
    dated = {article_id for (article_id, _, _), facts in expected.facts().items() if facts.roles}
    assert set(asked) == dated


def test_only_new_articles_and_those_with_a_changed_name_are_rescanned() -> None:
    articles = _articles(["Shinzo Abe met Mike Pence.", "Abe spoke in Tokyo.", "Kim Jong Un waited.", "Rain fell."])
    first = scan_articles(articles[:3], ["Shinzo Abe", "Abe", "Mike Pence"], _no_blocks)
    assert first.rescanned == {"a00", "a01", "a02"}
    second = scan_articles(articles, ["Shinzo Abe", "Abe", "Mike Pence", "Kim Jong Un"], _no_blocks, first)
    assert second.rescanned == {"a02", "a03"}  # a02 holds the new name, a03 is new
    assert [span.surface for span, _ in second.found["a02"]] == ["Kim Jong Un"]
    assert second.found["a00"] is first.found["a00"]


def test_a_memo_of_another_version_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    state, rows = scans_to_rows(scan_articles(_articles(["Abe spoke."]), ["Abe"], _no_blocks))
    monkeypatch.setattr(entities_scan, "SCAN_MEMO_VERSION", "scan-0/names-0")
    assert scans_from_rows(state, rows) is None
    assert scans_from_rows(None, []) is None


@settings(max_examples=100, deadline=None)
@given(random_articles(), random_articles())
def test_entities_are_the_same_with_the_last_builds_scan(
    earlier: list[AnalyzedArticle], later: list[AnalyzedArticle]
) -> None:
    later = [replace(item, article=replace(item.article, id="new-" + item.article.id)) for item in later]
    later = [replace(item, mentions=tuple(replace(m, article_id=item.article.id) for m in item.mentions))
             for item in later]
    first = canonicalize_entities(earlier)
    assert isinstance(first.name_scans, NameScans)
    grown = canonicalize_entities(earlier + later, scans=first.name_scans)
    assert grown.entities == canonicalize_entities(earlier + later).entities


ROLES_TEXT = "Prime Minister Shinzo Abe met reporters. Abe said the talks went well."


def test_the_store_keeps_the_scan_and_a_rebuild_rescans_only_what_changed(db_location: str | Path) -> None:
    first = make_article(ROLES_TEXT, "2018-10-09", "a-abe")
    later = make_article("Officials in Tokyo waited for Abe on Tuesday.", "2018-10-10", "b-tokyo")
    mentions = (Mention("a-abe", 15, 25, "Shinzo Abe", "PERSON"),)
    with Store(db_location) as store:
        store.add_batch([AnalyzedArticle(first, (), mentions, (), (), ())])
        pipeline.derive_stored(store)
        memo = pipeline.previous_results(store).name_scans
        assert memo is not None and set(memo.found) == {"a-abe"} and "Abe" in memo.names
        store.add_batch([AnalyzedArticle(later, (), (), (), (), ())])
        previous = pipeline.previous_results(store)
        analyzed = list(store.load_analyzed())
        derived = pipeline.derive(analyzed, previous=previous)
        assert derived.name_scans is not None
        assert [article_id for article_id, _ in derived.name_scans[1]] == ["b-tokyo"]
        store.replace_derived(derived)
        assert pipeline.previous_results(store).name_scans == canonicalize_entities(analyzed).name_scans
        assert replace(store.load_derived(), stories=()) == replace(pipeline.derive(analyzed), stories=())


@settings(max_examples=150, deadline=None)
@given(random_articles())
def test_lean_articles_give_the_same_entities_as_full_ones(articles: list[AnalyzedArticle]) -> None:
    full = [_dated(a) for a in articles]  # roles get the stated day, not the publication date
    digests = {a.article.id: article_names(a) for a in full}
    expected = canonicalize_entities(full, digests)
    found = canonicalize_entities(_lean(full), digests, complete=_reader_of(full))
    assert found.entities == expected.entities
    assert found.name_scans == expected.name_scans


def test_a_lean_article_is_read_in_full_to_date_the_role_of_a_compound_part() -> None:
    people = make_article("Taro Aso spoke. Mike Pence spoke.", "2018-10-09", "a-people")
    talks = make_article("Deputy Prime Minister Aso-Pence talks were held.", "2018-10-10", "b-talks")
    full = [
        _dated(AnalyzedArticle(people, (), (Mention("a-people", 0, 8, "Taro Aso", "PERSON"),
                                             Mention("a-people", 16, 26, "Mike Pence", "PERSON")), (), (), ())),
        _dated(AnalyzedArticle(talks, (), (Mention("b-talks", 22, 31, "Aso-Pence", "ORG"),), (), (), ())),
    ]
    digests = {a.article.id: article_names(a) for a in full}
    found = canonicalize_entities(_lean(full), digests, complete=_reader_of(full))
    aso = next(e for e in found.entities if e.name == "Taro Aso")
    assert [(role.title, role.date) for role in aso.roles if role.citation.article_id == "b-talks"] == [
        ("Deputy Prime Minister", "2016-05-01")
    ]
    assert found.entities == canonicalize_entities(full, digests).entities
