"""Bag-of-words TF-IDF rows (sparse, scipy) and cosine similarity.

Terms are lowercased content words: English stop words, numbers and one-letter
tokens are dropped, possessive ``'s`` is removed and a light plural rule folds
``tariffs`` onto ``tariff`` so that articles written with different inflections
still meet. Vectors use sublinear term frequency (``1 + log tf``) and smoothed
IDF (``log((1 + n) / (1 + df)) + 1``) and are L2-normalised, so the cosine of
two rows is their dot product and always lies in ``[0, 1]``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from spacy.lang.en.stop_words import STOP_WORDS

FloatMatrix = NDArray[np.float64]
FloatVector = NDArray[np.float64]
SparseMatrix: TypeAlias = Any  # a scipy.sparse CSR matrix; scipy ships no type information
TermBag: TypeAlias = Sequence[str] | Mapping[str, int]  # a document's terms, or their counts

_WORD = re.compile(r"[A-Za-z][A-Za-z\-'’.]*[A-Za-z]|[A-Za-z]")
_POSSESSIVE = re.compile(r"['’]s$")
_EXTRA_STOP_WORDS = frozenset({"said", "says", "say", "told", "mr", "mrs", "ms", "added", "also"})
TERMS_CACHE_SIZE = 8192
WORD_CACHE_SIZE = 1 << 18
_NO_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "ics", "news", "series", "species")


def _fold_plural(word: str) -> str:
    """Strip a plural ``-s``/``-ies`` from longer words (``tariffs`` -> ``tariff``)."""
    if len(word) <= 3 or word.endswith(_NO_PLURAL_ENDINGS):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s"):
        return word[:-1]
    return word


def content_terms(text: str) -> list[str]:
    """Lowercased content words of ``text`` in order, stop words and numbers removed.

    Dots are removed from abbreviations (``U.S.`` -> ``us``). A word written in
    capitals is kept even when it is a stop word, because ``US`` (the country)
    is not ``us``.
    """
    return list(_content_terms(text))


@lru_cache(maxsize=TERMS_CACHE_SIZE)
def _content_terms(text: str) -> tuple[str, ...]:
    """:func:`content_terms`, remembered for recent texts: building one story reads the same
    article and sentence texts for its title, summary, timeline and events."""
    return tuple(term for word in _WORD.findall(text) if (term := _term_of(word)))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _term_of(token: str) -> str:
    """The content term one written word stands for, or "" when it is not one."""
    raw = _POSSESSIVE.sub("", token)
    word = raw.replace(".", "").replace("’", "'").lower().strip("-'")
    if len(word) < 2:
        return ""
    if raw.replace(".", "").isupper() and len(raw) > 1:
        return word  # an acronym, even when it spells a stop word ("US")
    if word in STOP_WORDS or word in _EXTRA_STOP_WORDS:
        return ""
    return _fold_plural(word)


@dataclass(frozen=True)
class TfidfModel:
    """A fitted vocabulary (term -> column) and the IDF weight of each column."""

    vocabulary: dict[str, int]
    idf: FloatVector

    @property
    def size(self) -> int:
        """Number of columns (distinct terms)."""
        return len(self.vocabulary)


def fit_tfidf(documents: Iterable[TermBag]) -> TfidfModel:
    """Fit smoothed IDF weights on documents given as term sequences (or term counts).

    Columns are assigned in sorted term order, so the model does not depend on
    the order of the documents.
    """
    document_frequency: Counter[str] = Counter()
    count = 0
    for terms in documents:
        count += 1
        document_frequency.update(set(terms))
    vocabulary = {term: index for index, term in enumerate(sorted(document_frequency))}
    idf = np.zeros(len(vocabulary), dtype=np.float64)
    for term, index in vocabulary.items():
        idf[index] = math.log((1 + count) / (1 + document_frequency[term])) + 1.0
    return TfidfModel(vocabulary, idf)


def sparse_cosine_matrix(rows: SparseMatrix) -> FloatMatrix:
    """Pairwise cosine similarities of L2-normalised sparse rows (as :func:`sparse_tfidf_matrix`
    makes them), clipped to ``[0, 1]`` and symmetric, without a dense ``rows x vocabulary`` array."""
    if rows.shape[0] == 0:
        return np.zeros((0, 0), dtype=np.float64)
    similarity = np.clip(np.asarray((rows @ rows.T).toarray(), dtype=np.float64), 0.0, 1.0)
    return (similarity + similarity.T) / 2.0


def closeness_to_centroid(rows: SparseMatrix) -> FloatVector:
    """Cosine of each L2-normalised sparse row to the rows' summed direction, clipped to ``[0, 1]``."""
    middle = np.asarray(rows.sum(axis=0), dtype=np.float64).ravel()
    norm = float(np.linalg.norm(middle))
    if norm == 0.0:
        return np.zeros(rows.shape[0], dtype=np.float64)
    return np.clip(np.asarray(rows @ (middle / norm), dtype=np.float64).ravel(), 0.0, 1.0)


def sparse_tfidf_matrix(model: TfidfModel, documents: Sequence[TermBag]) -> SparseMatrix:
    """One L2-normalised TF-IDF row per document, as a CSR matrix."""
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, terms in enumerate(documents):
        weights = {
            model.vocabulary[term]: (1.0 + math.log(frequency)) * float(model.idf[model.vocabulary[term]])
            for term, frequency in Counter(terms).items()
            if term in model.vocabulary
        }
        norm = math.sqrt(sum(weight * weight for weight in weights.values()))
        for column in sorted(weights):
            rows.append(row)
            columns.append(column)
            values.append(weights[column] / norm)
    shape = (len(documents), model.size)
    return csr_matrix((np.array(values, dtype=np.float64), (rows, columns)), shape=shape)


def row_dot_products(matrix: SparseMatrix, left: Sequence[int], right: Sequence[int]) -> FloatVector:
    """``matrix[left[k]] . matrix[right[k]]`` for every ``k``, for L2-normalised sparse rows."""
    if not len(left):
        return np.zeros(0, dtype=np.float64)
    products = matrix[np.asarray(left)].multiply(matrix[np.asarray(right)])
    return np.clip(np.asarray(products.sum(axis=1), dtype=np.float64).ravel(), 0.0, 1.0)
