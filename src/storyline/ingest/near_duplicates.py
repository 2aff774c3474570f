"""Near-duplicate articles: syndicated copies and light rewrites of one article.

Each article becomes a set of word shingles (lower-cased ``\\w+`` tokens, ``SHINGLE_WORDS`` at a
time), summarised by a MinHash signature; a MinHash LSH index finds candidates whose estimated
Jaccard similarity reaches ``SIMILARITY_THRESHOLD``. A new article that matches is linked to the
most similar canonical article already indexed (ties: the earliest); canonical articles are the
only ones indexed, so a link always points at a canonical article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from storyline.models import DuplicateLink

SHINGLE_WORDS = 3
NUM_PERMUTATIONS = 128
SIMILARITY_THRESHOLD = 0.5
# Texts with fewer shingles are too short for a similarity to mean anything.
MIN_SHINGLES = 20
_SEED = 1
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word shingles of a text (lower-cased word tokens)."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(0, len(words) - size + 1))}


def signature(shingle_set: set[str]) -> MinHash:
    """The MinHash signature of a shingle set (fixed seed, so signatures are comparable)."""
    minhash = MinHash(num_perm=NUM_PERMUTATIONS, seed=_SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return minhash


class NearDuplicateIndex:
    """Canonical articles indexed by MinHash LSH, in the order they were added."""

    def __init__(self, threshold: float = SIMILARITY_THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERMUTATIONS)
        self._signatures: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: str, text: str) -> None:
        """Index a canonical article (ignored when too short or already indexed)."""
        shingle_set = shingles(text)
        if len(shingle_set) < MIN_SHINGLES or article_id in self._signatures:
            return
        self._add_signature(article_id, signature(shingle_set))

    def _add_signature(self, article_id: str, minhash: MinHash) -> None:
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash
        self._order[article_id] = len(self._order)

    def match(self, text: str) -> tuple[str, float] | None:
        """The canonical article most similar to ``text`` and the estimated Jaccard similarity,
        or None when none reaches the threshold."""
        shingle_set = shingles(text)
        if len(shingle_set) < MIN_SHINGLES:
            return None
        return self._best_match(signature(shingle_set))

    def _best_match(self, minhash: MinHash) -> tuple[str, float] | None:
        scored = [(minhash.jaccard(self._signatures[key]), key) for key in self._lsh.query(minhash)]
        scored = [(score, key) for score, key in scored if score >= self.threshold]
        if not scored:
            return None
        score, key = max(scored, key=lambda item: (item[0], -self._order[item[1]]))
        return key, round(score, 4)

    def link_or_add(self, article_id: str, text: str) -> DuplicateLink | None:
        """Link a new article to its canonical article, or index it as a new canonical one."""
        shingle_set = shingles(text)
        if len(shingle_set) < MIN_SHINGLES:
            return None
        minhash = signature(shingle_set)
        found = self._best_match(minhash)
        if found is not None:
            return DuplicateLink(article_id, found[0], found[1])
        if article_id not in self._signatures:
            self._add_signature(article_id, minhash)
        return None


def index_of(articles: Iterable[tuple[str, str]]) -> NearDuplicateIndex:
    """An index of canonical articles given as ``(id, text)`` pairs in ingest order."""
    index = NearDuplicateIndex()
    for article_id, text in articles:
        index.add(article_id, text)
    return index
