"""Candidate pairs for large inputs: an inverted index over top terms and entities, blocked by time.

Each article is indexed under its ``top_terms`` highest-weighted content words
and ``top_entities`` entity keys. An article's candidates are the articles
sharing at least one of those keys and published within ``window_days`` of it
(undated articles match any date). A key whose postings within the window
exceed ``max_postings`` keeps only the ``max_postings`` articles nearest in
time, so a very common word costs a bounded amount. Of the candidates, the
``max_candidates`` sharing the most keys are kept. The work is about
``articles * keys * max_postings``: linear in the number of articles.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from storyline.stories.similarity import ArticleFeatures
from storyline.text_similarity import SparseMatrix


@dataclass(frozen=True)
class CandidateLimits:
    """How wide the candidate search is for each article."""

    top_terms: int = 12
    top_entities: int = 6
    window_days: int = 120
    max_postings: int = 60
    max_candidates: int = 40


DEFAULT_LIMITS = CandidateLimits()


@dataclass(frozen=True)
class _Posting:
    """Articles carrying one key: dated ones sorted by day, then the undated ones."""

    days: list[float]
    dated: list[int]
    undated: list[int]


def _top_columns(matrix: SparseMatrix, row: int, count: int) -> list[int]:
    """Columns of the ``count`` largest entries of a CSR row (ties: lower column first)."""
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    columns, values = matrix.indices[start:end], matrix.data[start:end]
    order = sorted(range(len(columns)), key=lambda k: (-values[k], columns[k]))[:count]
    return [int(columns[k]) for k in order]


def article_keys(features: ArticleFeatures, limits: CandidateLimits) -> list[list[int]]:
    """Index keys of each article: top text columns, then top entity columns shifted past the text ones."""
    offset = features.text.shape[1]
    return [
        _top_columns(features.text, row, limits.top_terms)
        + [offset + column for column in _top_columns(features.entities, row, limits.top_entities)]
        for row in range(features.size)
    ]


def _build_index(keys: list[list[int]], days: np.ndarray) -> dict[int, _Posting]:
    by_key: dict[int, list[int]] = defaultdict(list)
    for article, article_keys_ in enumerate(keys):
        for key in article_keys_:
            by_key[key].append(article)
    index: dict[int, _Posting] = {}
    for key, articles in by_key.items():
        dated = sorted((a for a in articles if not math.isnan(days[a])), key=lambda a: (days[a], a))
        undated = [a for a in articles if math.isnan(days[a])]
        index[key] = _Posting([float(days[a]) for a in dated], dated, undated)
    return index


def _nearest_in_window(posting: _Posting, day: float, limits: CandidateLimits) -> list[int]:
    """Dated articles of a posting within the window of ``day``, at most ``max_postings``, nearest first."""
    low = bisect.bisect_left(posting.days, day - limits.window_days)
    high = bisect.bisect_right(posting.days, day + limits.window_days)
    if high - low <= limits.max_postings:
        return posting.dated[low:high]
    before = bisect.bisect_left(posting.days, day) - 1
    after = before + 1
    found: list[int] = []
    while len(found) < limits.max_postings:
        take_before = before >= low and (after >= high or day - posting.days[before] <= posting.days[after] - day)
        if take_before:
            found.append(posting.dated[before])
            before -= 1
        else:
            found.append(posting.dated[after])
            after += 1
    return found


def _matches(posting: _Posting, day: float, limits: CandidateLimits) -> list[int]:
    if math.isnan(day):
        return (posting.dated + posting.undated)[: limits.max_postings]
    return _nearest_in_window(posting, day, limits) + posting.undated[: limits.max_postings]


def candidate_pairs(
    features: ArticleFeatures, movable: Iterable[int], limits: CandidateLimits = DEFAULT_LIMITS
) -> list[tuple[int, int]]:
    """Sorted pairs ``(i, j)``, ``i < j``, worth scoring, for every article in ``movable``."""
    keys = article_keys(features, limits)
    index = _build_index(keys, features.days)
    pairs: set[tuple[int, int]] = set()
    for article in movable:
        votes: Counter[int] = Counter()
        for key in keys[article]:
            votes.update(other for other in _matches(index[key], features.days[article], limits) if other != article)
        best = sorted(votes.items(), key=lambda item: (-item[1], item[0]))[: limits.max_candidates]
        pairs.update((min(article, other), max(article, other)) for other, _ in best)
    return sorted(pairs)
