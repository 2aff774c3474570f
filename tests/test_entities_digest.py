"""Per-article name digests: the same entities with or without them, a JSON round trip, and a store
that keeps them so a later build computes digests only for its new articles."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import make_article
from hypothesis import given, settings
from test_entities import random_articles

from storyline import digests, pipeline
from storyline.extract import entities_digest
from storyline.extract.entities import canonicalize_entities
from storyline.extract.entities_digest import (
    DIGEST_VERSION,
    article_names,
    digest_from_json,
    digest_to_json,
)
from storyline.models import AnalyzedArticle, Mention, Sentence, Timex
from storyline.store import Store

ROLES = (
    "Japan's economy minister, Toshimitsu Motegi, met Secretary of State Mike Pompeo "
    "on Tuesday. Motegi said the Trans-Pacific Partnership (TPP) still mattered. "
    "Pompeo, a former congressman, said little. "
    "Japan stayed in the pact after Washington pulled out of it in January 2017."
)


def _mentions(article_id: str, text: str, names: list[tuple[str, str]]) -> tuple[Mention, ...]:
    """Mentions of each surface at its first occurrence outside the mentions before it."""
    found: list[Mention] = []
    for surface, label in names:
        start = text.index(surface)
        while any(m.start <= start < m.end for m in found):
            start = text.index(surface, start + 1)
        found.append(Mention(article_id, start, start + len(surface), surface, label))
    return tuple(found)


def _sentences(text: str) -> tuple[Sentence, ...]:
    return tuple(Sentence(m.start(), m.end()) for m in re.finditer(r"[^.]+(?:\.|$)\s*", text) if m.group().strip())


def _roles_article() -> AnalyzedArticle:
    article = make_article(ROLES, "2018-10-09", "a-roles")
    names = [("Toshimitsu Motegi", "PERSON"), ("Mike Pompeo", "PERSON"), ("Motegi", "PERSON"),
             ("Trans-Pacific Partnership", "LAW"), ("TPP", "ORG"), ("Pompeo", "PERSON"), ("Japan", "GPE")]
    start = ROLES.index("in January 2017")
    withdrawal = Timex(article.id, start + 3, start + 15, "January 2017", "DATE", "2017-01", "month")
    return AnalyzedArticle(article, _sentences(ROLES), _mentions(article.id, ROLES, names), (withdrawal,), (), ())


def test_digest_holds_roles_and_acronyms() -> None:
    names = article_names(_roles_article())
    facts = {ROLES[start:end]: found for (start, end), found in names.facts.items()}
    assert [r.title for r in facts["Mike Pompeo"].roles] == ["Secretary of State"]
    assert facts["Mike Pompeo"].roles[0].date == "2018-10-09"
    assert facts["Trans-Pacific Partnership"].acronym_after == "TPP"
    assert facts["Toshimitsu Motegi"].lowercase_titles == ("Japan's economy minister",)


def test_entities_are_the_same_with_stored_digests() -> None:
    item = _roles_article()
    kept = {item.article.id: digest_from_json(item.article.id, digest_to_json(article_names(item)))}
    assert canonicalize_entities([item], kept) == canonicalize_entities([item])


@settings(max_examples=100, deadline=None)
@given(random_articles())
def test_digest_json_round_trip_and_same_entities(articles: list[AnalyzedArticle]) -> None:
    digests = {}
    for item in articles:
        digest = article_names(item)
        digests[item.article.id] = back = digest_from_json(item.article.id, digest_to_json(digest))
        assert back == digest
    assert canonicalize_entities(articles, digests).entities == canonicalize_entities(articles).entities


def _count_name_digests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    computed: list[str] = []

    def counting(item: AnalyzedArticle) -> entities_digest.ArticleNames:
        computed.append(item.article.id)
        return article_names(item)

    names = replace(digests.NAMES, compute=counting)
    monkeypatch.setattr(digests, "NAMES", names)
    monkeypatch.setattr(digests, "CODECS", (names, *digests.CODECS[1:]))
    return computed


def test_store_keeps_digests_and_a_rebuild_computes_only_new_ones(
    db_location: str | Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed = _count_name_digests(monkeypatch)
    first = _roles_article()
    second = AnalyzedArticle(make_article("Motegi spoke to reporters in Tokyo.", "2018-10-10", "b-tokyo"),
                             (), (), (), (), ())
    with Store(db_location) as store:
        store.add_batch([first])  # stored without digests, as by an earlier version
        pipeline.derive_stored(store)
        assert computed == ["a-roles"]
        store.add_batch([second])
        pipeline.derive_stored(store)
        assert computed == ["a-roles", "b-tokyo"]
        for codec in digests.CODECS:
            assert sorted(i for i, _ in store.load_digests(codec.kind, codec.version)) == ["a-roles", "b-tokyo"]
        assert list(store.load_digests("names", DIGEST_VERSION + 1)) == []
        derived = store.load_derived()
        pipeline.derive_stored(store)
        assert computed == ["a-roles", "b-tokyo"] and store.load_derived() == derived


def test_build_stores_each_articles_digests_at_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ROLES, encoding="utf-8")
    (corpus / "b.txt").write_text("Motegi spoke to reporters in Tokyo on Wednesday.", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        pipeline.ingest([str(corpus)], store)
        for codec in digests.CODECS:
            assert len(list(store.load_digests(codec.kind, codec.version))) == 2, codec.kind
        computed = _count_name_digests(monkeypatch)
        pipeline.derive_stored(store)  # every digest comes from the store
        assert computed == [] and store.load_derived().entities


GOLDEN_DIGESTS = Path(__file__).parent / "golden" / "digests.json"


def test_digest_output_is_pinned_to_its_version() -> None:
    """Stored digests are trusted by version: changing what a digest holds needs a version bump
    (``DIGEST_VERSION``, ``BOUNDS_DIGEST_VERSION``, ``STORY_TERMS_VERSION``), or old stores would merge stale digests."""
    item = _roles_article()
    actual = {codec.kind: {"version": codec.version, "json": json.loads(codec.to_json(codec.compute(item)))}
              for codec in digests.CODECS}
    if os.environ.get("STORYLINE_UPDATE_GOLDEN") == "1":
        GOLDEN_DIGESTS.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN_DIGESTS.read_text(encoding="utf-8"))
    for kind, pinned in expected.items():
        if actual[kind]["version"] == pinned["version"]:
            assert actual[kind]["json"] == pinned["json"], f"{kind} digests changed: bump their version"
        else:
            assert actual[kind] != pinned, "new digest version: STORYLINE_UPDATE_GOLDEN=1 to pin it"
    assert set(actual) == set(expected)
