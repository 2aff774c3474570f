"""Story discovery over time: stable ids across builds, events, and the large-input candidate path."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES_DIR, StoreLocations, make_article
from spacy.language import Language
from test_stories import FLOOD, FOOTBALL, SEED_PUBLISHED, analyze, clean_seed

from storyline.export import export_document, load_schema
from storyline.models import AnalyzedArticle
from storyline.pipeline import build
from storyline.store import Store
from storyline.stories import (
    CandidateLimits,
    article_features,
    candidate_pairs,
    cluster_graph,
    group_stories,
    story_events,
    story_id_for,
    story_terms,
)
from storyline.stories.terms import story_terms_from_json, story_terms_to_json

DEMO_DIR = EXAMPLES_DIR / "us-japan-trade"


@pytest.fixture(scope="module")
def seeds(nlp: Language, seed_paths: list[Path]) -> list[AnalyzedArticle]:
    """The five seeds, analysed as in test_stories (ids are the file stems)."""
    return [
        analyze(nlp, make_article(clean_seed(p.read_text(encoding="utf-8")), SEED_PUBLISHED.get(p.name[:3]), p.stem))
        for p in seed_paths
    ]


@pytest.fixture(scope="module")
def unrelated(nlp: Language) -> list[AnalyzedArticle]:
    """A football report and a flood, as in test_stories."""
    return [
        analyze(nlp, make_article(FOOTBALL, "2018-10-08", "zz-football")),
        analyze(nlp, make_article(FLOOD, "2018-10-19", "aa-flood")),
    ]


def _stories(db: str | Path) -> dict[str, tuple[str, ...]]:
    with Store(db) as store:
        return {story.id: story.article_ids for story in store.load_derived().stories}


@pytest.fixture(scope="module")
def grown_db(
    tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path], store_locations: StoreLocations
) -> dict[str, Any]:
    """Build the demo corpus, then add the seeds, then two unrelated articles, then rebuild with nothing new."""
    folder = tmp_path_factory.mktemp("grow")
    db = store_locations.new(folder, "grow.db")
    unrelated = folder / "unrelated"
    unrelated.mkdir()
    (unrelated / "football.txt").write_text(FOOTBALL, encoding="utf-8")
    (unrelated / "flood.txt").write_text(FLOOD, encoding="utf-8")
    snapshots: dict[str, Any] = {}
    with Store(db) as store:
        build([str(DEMO_DIR)], store)
    snapshots["demo"] = _stories(db)
    with Store(db) as store:
        build([str(p) for p in seed_paths], store)  # rebuilds the demo story under its id
        snapshots["rebuilt_rows"] = _timeline_search_rows(store)
    snapshots["seeds"] = _stories(db)
    with Store(db) as store:
        build([str(unrelated)], store)  # keeps the demo story as stored, adds two
        snapshots["kept_rows"] = _timeline_search_rows(store)
    snapshots["unrelated"] = _stories(db)
    with Store(db) as store:
        build([str(unrelated)], store)
        snapshots["rerun"] = _stories(db)
        snapshots["document"] = export_document(store)
        snapshots["assignments"] = store.load_story_assignments()
    return snapshots


def _timeline_search_rows(store: Store) -> dict[str, list[list[str]]]:
    """Timeline search rows as stored, and as the stored stories would make them, by story."""
    rows = store.db.execute("SELECT ref, body FROM search_index WHERE kind = 'timeline'")
    stored = sorted((row["ref"], row["body"]) for row in rows)
    expected = sorted((s.id, e.text) for s in store.load_derived().stories for e in s.timeline)
    return {"stored": [list(r) for r in stored], "expected": [list(r) for r in expected]}


def test_rebuilt_and_kept_stories_have_exactly_their_timeline_search_rows(grown_db: dict[str, Any]) -> None:
    for step in ("rebuilt_rows", "kept_rows"):
        rows = grown_db[step]
        assert rows["stored"] == rows["expected"] and rows["stored"], step
    assert grown_db["kept_rows"]["stored"] == grown_db["rebuilt_rows"]["stored"]  # the kept story keeps its rows


def test_demo_and_seeds_form_one_story_with_a_stable_id(grown_db: dict[str, Any]) -> None:
    (demo_id, demo_members), = grown_db["demo"].items()
    (seeds_id, seeds_members), = grown_db["seeds"].items()
    assert len(demo_members) == 11
    assert seeds_id == demo_id
    assert len(seeds_members) == 16 and set(demo_members) < set(seeds_members)


def test_a_related_article_with_a_smaller_id_does_not_rename_the_story(seeds: list[AnalyzedArticle]) -> None:
    ordered = sorted(seeds, key=lambda item: item.article.id)
    (first_id, first_members), = group_stories(ordered[1:])
    previous = {article_id: first_id for article_id in first_members}
    (grown_id, grown_members), = group_stories(ordered, previous=previous)
    assert grown_id == first_id != story_id_for(grown_members)
    assert grown_members == tuple(item.article.id for item in ordered)


def test_unrelated_articles_get_their_own_stories_and_ids_stay(grown_db: dict[str, Any]) -> None:
    before, after = grown_db["seeds"], grown_db["unrelated"]
    assert len(after) == 3
    for story_id, members in before.items():
        assert after[story_id] == members
    new_ids = set(after) - set(before)
    assert all(len(after[story_id]) == 1 for story_id in new_ids)
    assert grown_db["rerun"] == after
    assert grown_db["assignments"] == {a: s for s, members in after.items() for a in members}


def test_exported_story_has_dated_events_covering_its_articles(grown_db: dict[str, Any]) -> None:
    document = grown_db["document"]
    jsonschema.validate(document, load_schema())
    story = max(document["stories"], key=lambda s: len(s["article_ids"]))
    events = story["events"]
    covered = sorted(a for event in events for a in event["article_ids"])
    assert covered == sorted(story["article_ids"])
    assert 5 <= len(events) < len(story["article_ids"])
    starts = [event["start"] for event in events if event["start"]]
    assert starts == sorted(starts)
    assert any(event["start"] and event["start"].startswith("2018-11") for event in events)


def test_two_earlier_stories_never_merge_but_new_articles_join_them(
    seeds: list[AnalyzedArticle], unrelated: list[AnalyzedArticle]
) -> None:
    ids = sorted(item.article.id for item in seeds)
    previous = {ids[0]: "s-old-a", ids[1]: "s-old-b"}
    groups = dict(group_stories(seeds + unrelated, previous=previous))
    assert set(groups) >= {"s-old-a", "s-old-b"}
    assert ids[0] in groups["s-old-a"] and ids[1] in groups["s-old-b"]
    assert ids[1] not in groups["s-old-a"]
    seed_story_ids = {story for story, members in groups.items() if set(members) & set(ids)}
    assert seed_story_ids <= {"s-old-a", "s-old-b"}
    assert groups[story_id_for(["aa-flood"])] == ("aa-flood",)


def test_grouping_with_previous_is_order_independent(
    seeds: list[AnalyzedArticle], unrelated: list[AnalyzedArticle]
) -> None:
    previous = {item.article.id: "s-kept" for item in seeds[:3]}
    everything = seeds + unrelated
    first = group_stories(everything, previous=previous)
    assert group_stories(list(reversed(everything)), previous=previous) == first
    assert dict(first)["s-kept"] == tuple(sorted(item.article.id for item in seeds))


def test_seed_events_split_the_april_2017_dialogue_from_november_2018(seeds: list[AnalyzedArticle]) -> None:
    events = story_events("s-x", seeds)
    by_article = {a: e for e in events for a in e.article_ids}
    assert by_article["000_99cd908009cf3662"] != by_article["004_e0f72f8ea7d01352"]
    assert events == story_events("s-x", list(reversed(seeds)))
    assert all(e.id.startswith("e-") for e in events)
    assert [e.start for e in events if e.start] == sorted(e.start for e in events if e.start)


TOPICS = {
    "quake": "earthquake magnitude tremor rubble rescue collapsed aftershock epicentre seismic quake survivors",
    "election": "ballot voter candidate campaign polling turnout election senate district runoff recount",
    "football": "striker goal midfielder league penalty referee stadium keeper derby relegation",
    "oil": "crude barrel refinery pipeline opec output drilling tanker petroleum brent",
    "storm": "hurricane landfall evacuation flooding storm surge winds shelters forecast gusts",
    "court": "judge verdict jury appeal testimony prosecutor sentencing defendant trial lawyers",
}


def synthetic_corpus(nlp: Language, per_topic: int) -> list[AnalyzedArticle]:
    """Articles drawn from separate word pools, dated within each topic's own month."""
    rng = random.Random(7)
    analyzed = []
    for topic_number, (topic, pool) in enumerate(sorted(TOPICS.items())):
        words = pool.split()
        for k in range(per_topic):
            text = " ".join(rng.choice(words) for _ in range(25)) + "."
            day = f"2020-{topic_number + 1:02d}-{rng.randint(1, 28):02d}"
            article = make_article(text, day, f"{topic}-{k:03d}")
            analyzed.append(AnalyzedArticle(article, (), (), (), (), ()))
    return analyzed


def test_candidate_path_matches_exact_clustering_with_far_fewer_pairs(nlp: Language) -> None:
    corpus = synthetic_corpus(nlp, 30)
    exact = group_stories(corpus, exact_limit=10_000)
    indexed = group_stories(corpus, exact_limit=0, limits=CandidateLimits(max_postings=20, max_candidates=15))
    assert indexed == exact
    assert sorted(len(members) for _, members in exact) == [30] * 6
    features = article_features(sorted(corpus, key=lambda item: item.article.id))
    pairs = candidate_pairs(features, range(features.size), CandidateLimits(max_postings=20, max_candidates=15))
    all_pairs = features.size * (features.size - 1) // 2
    assert 0 < len(pairs) < all_pairs / 4


def test_candidate_pairs_respect_the_time_window(nlp: Language) -> None:
    corpus = synthetic_corpus(nlp, 10)
    features = article_features(corpus)
    pairs = candidate_pairs(features, range(features.size), CandidateLimits(window_days=3))
    assert pairs
    assert all(abs(features.days[i] - features.days[j]) <= 3 for i, j in pairs)


def test_cluster_graph_treats_missing_pairs_as_zero() -> None:
    # 0-1 and 1-2 are close, 0-2 was never scored: {0, 1} to {2} averages (0 + 0.9) / 2 = 0.45.
    edges = [(0, 1, 0.9), (1, 2, 0.9)]
    assert cluster_graph(3, edges, threshold=0.5) == [[0, 1], [2]]
    assert cluster_graph(3, edges, threshold=0.45) == [[0, 1, 2]]
    assert cluster_graph(3, edges, threshold=0.1, groups=[[0], [2]], anchored=[0, 1]) == [[0, 1], [2]]


def test_stored_story_terms_give_bit_identical_features_and_groups(
    nlp: Language, seeds: list[AnalyzedArticle], unrelated: list[AnalyzedArticle]
) -> None:
    """Story terms kept as digests (a JSON round trip) replace re-reading texts exactly: the same
    TF-IDF rows to the last bit, so the same candidates and the same stories."""
    corpus = seeds + unrelated + synthetic_corpus(nlp, 8)
    kept = {}
    for item in corpus:
        terms = story_terms(item)
        kept[item.article.id] = back = story_terms_from_json(item.article.id, story_terms_to_json(terms))
        assert back == terms and list(back.words) == list(terms.words)
    fresh, stored = article_features(corpus), article_features(corpus, kept)
    for matrix in ("text", "entities"):
        left, right = getattr(fresh, matrix), getattr(stored, matrix)
        assert (left.indptr == right.indptr).all() and (left.indices == right.indices).all()
        assert left.data.tobytes() == right.data.tobytes()
    assert group_stories(corpus, exact_limit=0, terms=kept) == group_stories(corpus, exact_limit=0)
    assert group_stories(corpus, terms=kept) == group_stories(corpus)
