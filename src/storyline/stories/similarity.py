"""How alike two articles are, for story grouping: text, entities and time.

The similarity of two articles is ``(0.6 * text + 0.4 * entities) * time``:

* ``text``: cosine of TF-IDF vectors of the articles' content words;
* ``entities``: cosine of TF-IDF vectors over the named entities they mention
  (PERSON, ORG, GPE, LAW, NORP, EVENT; a PERSON also counts under its surname
  so that "Mike Pence" and "Pence" meet);
* ``time``: 1 for articles published within a week of each other, falling
  linearly to 0.6 at two years apart; 1 (neutral) when either date is unknown.

Vectors are sparse, so the same features serve a dense all-pairs matrix on
small inputs and a few chosen pairs on large ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from storyline.models import AnalyzedArticle
from storyline.stories.terms import StoryTerms, story_terms
from storyline.text_similarity import (
    FloatMatrix,
    FloatVector,
    SparseMatrix,
    fit_tfidf,
    row_dot_products,
    sparse_tfidf_matrix,
)

TEXT_WEIGHT = 0.6
ENTITY_WEIGHT = 0.4
STORY_TIME_GRACE_DAYS = 7
STORY_TIME_HORIZON_DAYS = 730
STORY_TIME_FLOOR = 0.6


@dataclass(frozen=True)
class TimeScale:
    """How similarity decays with the gap between publication dates.

    Within ``grace_days`` nothing changes; beyond it the factor falls linearly
    to ``floor`` at ``grace_days + horizon_days`` and stays there.
    """

    grace_days: int
    horizon_days: int
    floor: float


STORY_TIME = TimeScale(STORY_TIME_GRACE_DAYS, STORY_TIME_HORIZON_DAYS, STORY_TIME_FLOOR)


@dataclass(frozen=True)
class ArticleFeatures:
    """Sparse text and entity vectors plus the publication day of each article, in one order."""

    article_ids: tuple[str, ...]
    text: SparseMatrix
    entities: SparseMatrix
    days: FloatVector  # proleptic ordinal of the publication date; NaN when unknown

    @property
    def size(self) -> int:
        """Number of articles."""
        return len(self.article_ids)


def parse_date(value: str | None) -> date | None:
    """First day of an ISO date, month or year string; ``None`` if absent or unreadable."""
    if not value:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def time_factor(first: str | None, second: str | None, scale: TimeScale = STORY_TIME) -> float:
    """Multiplier in ``[scale.floor, 1]`` that lowers the similarity of articles far apart in time."""
    first_date, second_date = parse_date(first), parse_date(second)
    if first_date is None or second_date is None:
        return 1.0
    gap = np.array([float(abs((first_date - second_date).days))])
    return float(time_factors(gap, scale)[0])


def time_factors(gaps: FloatVector, scale: TimeScale = STORY_TIME) -> FloatVector:
    """:func:`time_factor` for an array of day gaps (NaN, an unknown date, gives 1)."""
    excess = np.clip(np.nan_to_num(np.abs(gaps), nan=0.0) - scale.grace_days, 0.0, None)
    fraction = np.minimum(1.0, excess / scale.horizon_days)
    return np.asarray(1.0 - (1.0 - scale.floor) * fraction, dtype=np.float64)


def article_features(
    analyzed: Sequence[AnalyzedArticle], terms: Mapping[str, StoryTerms] | None = None
) -> ArticleFeatures:
    """Fit TF-IDF over these articles and vectorise them, in the given order. ``terms`` (article
    id -> :func:`story_terms`, e.g. kept by the store) saves re-reading those articles' texts;
    the features are the same either way."""
    counted = [(terms or {}).get(item.article.id) or story_terms(item) for item in analyzed]
    word_docs = [found.words for found in counted]
    entity_docs = [found.entities for found in counted]
    days = np.array(
        [float(d.toordinal()) if (d := parse_date(item.article.published.date)) else np.nan for item in analyzed],
        dtype=np.float64,
    )
    return ArticleFeatures(
        article_ids=tuple(item.article.id for item in analyzed),
        text=sparse_tfidf_matrix(fit_tfidf(word_docs), word_docs),
        entities=sparse_tfidf_matrix(fit_tfidf(entity_docs), entity_docs),
        days=days,
    )


def dense_similarity(features: ArticleFeatures, scale: TimeScale = STORY_TIME) -> FloatMatrix:
    """Combined similarity of every pair of articles (diagonal 1, symmetric, in ``[0, 1]``)."""
    text = (features.text @ features.text.T).toarray()
    entities = (features.entities @ features.entities.T).toarray()
    combined = TEXT_WEIGHT * text + ENTITY_WEIGHT * entities
    combined *= time_factors(features.days[:, None] - features.days[None, :], scale)
    combined = np.clip((combined + combined.T) / 2.0, 0.0, 1.0)
    np.fill_diagonal(combined, 1.0)
    return np.asarray(combined, dtype=np.float64)


def pair_similarities(
    features: ArticleFeatures, left: Sequence[int], right: Sequence[int], scale: TimeScale = STORY_TIME
) -> FloatVector:
    """Combined similarity of the article pairs ``(left[k], right[k])``."""
    text = row_dot_products(features.text, left, right)
    entities = row_dot_products(features.entities, left, right)
    gaps = features.days[np.asarray(left, dtype=np.int64)] - features.days[np.asarray(right, dtype=np.int64)]
    return np.asarray((TEXT_WEIGHT * text + ENTITY_WEIGHT * entities) * time_factors(gaps, scale))


def article_similarity_matrix(analyzed: Sequence[AnalyzedArticle]) -> FloatMatrix:
    """Combined text/entity/time similarity of every pair of articles, in the given order."""
    return dense_similarity(article_features(analyzed))
