"""Near-duplicate articles: syndicated copies and light rewrites of one article.

Each article becomes a set of word shingles (lower-cased ``\\w+`` tokens, ``SHINGLE_WORDS`` at a
time), summarised by a MinHash signature; a MinHash LSH index finds candidates whose estimated
Jaccard similarity reaches ``SIMILARITY_THRESHOLD``. A new article that matches is linked to the
most similar canonical article already indexed (ties: the earliest); canonical articles are the
only ones indexed, so a link always points at a canonical article.

A store keeps each canonical article's signature (:func:`signature_to_text`), so a later build
indexes the stored signatures instead of re-shingling every old text (:func:`stored_index_of`).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.models import DuplicateLink

SHINGLE_WORDS = 3
NUM_PERMUTATIONS = 128
SIMILARITY_THRESHOLD = 0.5
# Texts with fewer shingles are too short for a similarity to mean anything.
MIN_SHINGLES = 20
_SEED = 1
_WORD = re.compile(r"\w+")
# Bump when shingles, NUM_PERMUTATIONS or the seed change: stored signatures of another version are
# recomputed from the text.
SIGNATURE_VERSION = 1
NOT_INDEXED = ""  # the stored "signature" of a text too short to index


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word shingles of a text (lower-cased word tokens)."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(0, len(words) - size + 1))}


def signature(shingle_set: set[str]) -> MinHash:
    """The MinHash signature of a shingle set (fixed seed, so signatures are comparable)."""
    minhash = MinHash(num_perm=NUM_PERMUTATIONS, seed=_SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return minhash


def text_signature(text: str) -> MinHash | None:
    """The signature a text is indexed under, ``None`` when it is too short to index."""
    shingle_set = shingles(text)
    return signature(shingle_set) if len(shingle_set) >= MIN_SHINGLES else None


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
        if article_id not in self._signatures:
            self.add_signature(article_id, text_signature(text))

    def add_signature(self, article_id: str, minhash: MinHash | None) -> None:
        """Index a canonical article by its signature (ignored when None or already indexed)."""
        if minhash is None or article_id in self._signatures:
            return
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash
        self._order[article_id] = len(self._order)

    def signature_of(self, article_id: str) -> MinHash | None:
        """The signature an indexed article was indexed under."""
        return self._signatures.get(article_id)

    def match(self, text: str) -> tuple[str, float] | None:
        """The canonical article most similar to ``text`` and the estimated Jaccard similarity,
        or None when none reaches the threshold."""
        minhash = text_signature(text)
        return self._best_match(minhash) if minhash is not None else None

    def _best_match(self, minhash: MinHash) -> tuple[str, float] | None:
        scored = [(minhash.jaccard(self._signatures[key]), key) for key in self._lsh.query(minhash)]
        scored = [(score, key) for score, key in scored if score >= self.threshold]
        if not scored:
            return None
        score, key = max(scored, key=lambda item: (item[0], -self._order[item[1]]))
        return key, round(score, 4)

    def link_or_add(self, article_id: str, text: str) -> DuplicateLink | None:
        """Link a new article to its canonical article, or index it as a new canonical one."""
        minhash = text_signature(text)
        if minhash is None:
            return None
        found = self._best_match(minhash)
        if found is not None:
            return DuplicateLink(article_id, found[0], found[1])
        self.add_signature(article_id, minhash)
        return None


def _current_scheme() -> str | None:
    """The permutation scheme new signatures use (datasketch 2 names one; earlier versions do not)."""
    return getattr(MinHash(num_perm=1, seed=_SEED), "scheme", None)


SCHEME = _current_scheme()
_SCHEME_PREFIX = f"{SCHEME or 'legacy'}:"


def signature_to_text(minhash: MinHash | None) -> str:
    """A signature as stored: its permutation scheme, then base64 of its hash values;
    :data:`NOT_INDEXED` for ``None``."""
    if minhash is None:
        return NOT_INDEXED
    values = np.asarray(minhash.hashvalues)
    return f"{_SCHEME_PREFIX}{values.dtype.str}:" + base64.b64encode(values.tobytes()).decode("ascii")


def is_current_signature(data: str) -> bool:
    """Whether a stored signature is comparable with the ones this code makes (same scheme)."""
    return data == NOT_INDEXED or data.startswith(_SCHEME_PREFIX)


def signature_from_text(data: str) -> MinHash | None:
    """Inverse of :func:`signature_to_text` (for a current signature)."""
    if data == NOT_INDEXED:
        return None
    _, dtype, encoded = data.split(":", 2)
    values = np.frombuffer(base64.b64decode(encoded), dtype=np.dtype(dtype)).copy()
    if SCHEME is None:
        return MinHash(num_perm=NUM_PERMUTATIONS, seed=_SEED, hashvalues=values)
    return MinHash(num_perm=NUM_PERMUTATIONS, seed=_SEED, hashvalues=values, scheme=SCHEME)


def stored_index_of(articles: Iterable[tuple[str, MinHash | None]]) -> NearDuplicateIndex:
    """An index of canonical articles from ``(id, signature or None)`` pairs in ingest order: the
    index that adding their texts in that order builds (``None``: too short, not indexed)."""
    index = NearDuplicateIndex()
    for article_id, minhash in articles:
        index.add_signature(article_id, minhash)
    return index
