"""Story grouping and the TF-IDF/cosine helpers, on the seeds and on small cases."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from conftest import SEEDS_DIR, make_article
from storyline.models import AnalyzedArticle, Article, Mention
from storyline.nlp import mentions_of, sentences_of
from storyline.stories import (
    article_similarity_matrix,
    cluster_average_linkage,
    entity_keys,
    group_stories,
    story_id_for,
    time_factor,
)
from storyline.text_similarity import (
    content_terms,
    fit_tfidf,
    sparse_cosine_matrix,
    sparse_tfidf_matrix,
)

SEED_PUBLISHED = {"000": "2018-11-13", "003": "2018-10-07", "004": "2018-04-19"}

FOOTBALL = (
    "Real Betis beat Sevilla 2-1 in the Andalusian derby on Sunday night, with a late header from defender "
    "Marc Bartra settling a tense match at the Benito Villamarin stadium. Sevilla had equalised through Wissam "
    "Ben Yedder before half-time, but Betis pressed relentlessly after the break. Coach Quique Setien praised "
    "his players for their patience. The victory lifts Betis to sixth place in La Liga, two points behind "
    "Getafe, while Sevilla drop to fourth after a third league defeat in five games."
)
FLOOD = (
    "Flash floods swept through the Spanish region of Valencia after torrential rain overnight, forcing "
    "hundreds of residents to leave their homes. Emergency services rescued dozens of people trapped in cars "
    "on flooded roads near the town of Ontinyent, and the regional government suspended school classes. The "
    "national weather agency AEMET said more than 200 litres of rain per square metre fell in some areas in "
    "less than twelve hours. Spain's prime minister promised aid for farmers whose orange groves were "
    "destroyed by the water."
)


def clean_seed(raw: str) -> str:
    """Minimal stand-in for the ingest stage: drop the date header line and template junk."""
    raw = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s+", "", raw)
    lines = [line for line in raw.splitlines() if "{{" not in line and line.strip() != "___"]
    return "\n".join(lines).strip()


def analyze(nlp: Language, article: Article) -> AnalyzedArticle:
    """Sentences and mentions from spaCy; no timexes, quotes or claims."""
    doc = nlp(article.text)
    return AnalyzedArticle(article, sentences_of(doc), mentions_of(article.id, doc), (), (), ())


@pytest.fixture(scope="module")
def seeds(nlp: Language, seed_paths: list[Path]) -> list[AnalyzedArticle]:
    """The five seeds, analysed, with the publication dates their headers/captions give."""
    assert SEEDS_DIR.is_dir()
    articles = [
        make_article(clean_seed(path.read_text(encoding="utf-8")), SEED_PUBLISHED.get(path.name[:3]), path.stem)
        for path in seed_paths
    ]
    return [analyze(nlp, article) for article in articles]


@pytest.fixture(scope="module")
def unrelated(nlp: Language) -> list[AnalyzedArticle]:
    """A football match report and a flood in Spain, published around the seeds' dates."""
    return [
        analyze(nlp, make_article(FOOTBALL, "2018-10-08", "zz-football")),
        analyze(nlp, make_article(FLOOD, "2018-10-19", "aa-flood")),
    ]


def test_seeds_form_one_story_and_unrelated_articles_their_own(
    seeds: list[AnalyzedArticle], unrelated: list[AnalyzedArticle]
) -> None:
    groups = group_stories(seeds + unrelated)
    seed_ids = tuple(sorted(item.article.id for item in seeds))
    assert len(groups) == 3
    assert groups[0][1] == seed_ids
    assert sorted(group[1] for group in groups[1:]) == [("aa-flood",), ("zz-football",)]


def test_story_id_is_sha1_of_smallest_member_and_stable(
    seeds: list[AnalyzedArticle], unrelated: list[AnalyzedArticle]
) -> None:
    smallest = min(item.article.id for item in seeds)
    expected = "s-" + hashlib.sha1(smallest.encode()).hexdigest()[:12]
    alone = group_stories(seeds)
    assert alone == ((expected, tuple(sorted(item.article.id for item in seeds))),)
    with_others = dict(group_stories(seeds + unrelated))
    assert with_others[expected] == alone[0][1]
    assert with_others[story_id_for(["aa-flood"])] == ("aa-flood",)
    assert re.fullmatch(r"s-[0-9a-f]{12}", expected)


def test_grouping_is_deterministic_under_permutation(
    seeds: list[AnalyzedArticle], unrelated: list[AnalyzedArticle]
) -> None:
    everything = seeds + unrelated
    first = group_stories(everything)
    assert group_stories(list(reversed(everything))) == first
    assert group_stories(everything[3:] + everything[:3]) == first
    assert group_stories(everything + everything[:2]) == first


def test_seed_pairs_are_far_more_similar_than_unrelated_pairs(
    seeds: list[AnalyzedArticle], unrelated: list[AnalyzedArticle]
) -> None:
    matrix = article_similarity_matrix(seeds + unrelated)
    seed_block = matrix[:5, :5][~np.eye(5, dtype=bool)]
    cross = matrix[:5, 5:]
    assert seed_block.min() > 0.2
    assert cross.max() < 0.05
    assert np.allclose(matrix, matrix.T)


def test_empty_input_and_single_article(unrelated: list[AnalyzedArticle]) -> None:
    assert group_stories([]) == ()
    only = group_stories(unrelated[:1])
    assert only == ((story_id_for(["zz-football"]), ("zz-football",)),)


def test_threshold_controls_merging(seeds: list[AnalyzedArticle]) -> None:
    assert len(group_stories(seeds, threshold=0.99)) == 5
    assert len(group_stories(seeds, threshold=0.0)) == 1


def test_time_factor_neutral_when_undated_and_lower_when_far_apart() -> None:
    assert time_factor(None, "2018-10-07") == 1.0
    assert time_factor("2018-10-07", "2018-10-09") == 1.0
    assert time_factor("2018", "2018-01-03") == 1.0
    month_apart = time_factor("2018-10-07", "2018-11-13")
    years_apart = time_factor("2014-01-01", "2018-11-13")
    assert 0.6 < month_apart < 1.0
    assert years_apart == pytest.approx(0.6)
    assert time_factor("not a date", "2018-10-07") == 1.0


def test_time_term_lowers_combined_similarity(nlp: Language) -> None:
    text_a = "Flooding in Valencia forced residents to leave homes as the river burst its banks."
    text_b = "Residents of Valencia returned to flooded homes after the river burst its banks again."
    near = [analyze(nlp, make_article(text_a, "2019-09-12", "a")), analyze(nlp, make_article(text_b, "2019-09-14", "b"))]
    far = [analyze(nlp, make_article(text_a, "2013-09-12", "a")), analyze(nlp, make_article(text_b, "2019-09-14", "b"))]
    undated = [analyze(nlp, make_article(text_a, None, "a")), analyze(nlp, make_article(text_b, None, "b"))]
    near_score = article_similarity_matrix(near)[0, 1]
    assert article_similarity_matrix(far)[0, 1] == pytest.approx(near_score * 0.6)
    assert article_similarity_matrix(undated)[0, 1] == pytest.approx(near_score)


def test_entity_keys_add_surnames_and_skip_other_labels() -> None:
    mentions = [
        Mention("a", 0, 10, "Mike Pence", "PERSON"),
        Mention("a", 11, 20, "the U.S.", "GPE"),
        Mention("a", 21, 30, "Japan's", "GPE"),
        Mention("a", 31, 40, "$69 billion", "MONEY"),
    ]
    assert entity_keys(mentions) == ["PERSON:mike pence", "PERSON:pence", "GPE:us", "GPE:japan"]


def test_average_linkage_does_not_chain() -> None:
    # a-b and b-c are similar, a-c are not: single linkage would chain all three.
    similarity = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]])
    clusters = cluster_average_linkage(similarity, threshold=0.3)
    assert clusters == [[0, 1], [2]]
    assert cluster_average_linkage(similarity, threshold=0.2) == [[0, 1, 2]]


def test_content_terms_drop_stop_words_and_fold_inflections() -> None:
    terms = content_terms("The U.S. imposed tariffs on Japan's cars, and the policies hurt us.")
    assert terms == ["us", "imposed", "tariff", "japan", "car", "policy", "hurt"]
    assert content_terms("") == []
    assert content_terms("1,000 2018 -- !!") == []


def test_tfidf_weights_rare_terms_higher() -> None:
    docs = [["trade", "japan"], ["trade", "flood"], ["trade", "match"]]
    model = fit_tfidf(docs)
    vector = sparse_tfidf_matrix(model, [["trade", "japan"], ["unknown"]]).toarray()
    assert vector[0, model.vocabulary["japan"]] > vector[0, model.vocabulary["trade"]] > 0
    assert np.linalg.norm(vector[0]) == pytest.approx(1.0)
    assert not vector[1].any()


WORDS = st.sampled_from(["trade", "japan", "pence", "tariff", "flood", "goal", "rain", "deal", "talks"])
DOCS = st.lists(st.lists(WORDS, max_size=8), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(DOCS)
def test_cosine_matrix_is_symmetric_and_bounded(docs: Sequence[Sequence[str]]) -> None:
    matrix = sparse_cosine_matrix(sparse_tfidf_matrix(fit_tfidf(docs), docs))
    assert matrix.shape == (len(docs), len(docs))
    assert np.all(matrix >= 0.0) and np.all(matrix <= 1.0)
    assert np.allclose(matrix, matrix.T)
    for index, terms in enumerate(docs):
        if terms:
            assert matrix[index, index] == pytest.approx(1.0)
