"""Per-article digests: the per-article part of the cross-article stages, done once per article.

Three kinds: the names of entity canonicalisation, the event words of date bounds and the term
counts of story grouping. Each kind is a pure function of one analysed article with a JSON form.
Both engines compute an article's digests with its analyses (the Ray engine in its parsing
actors) and store them in the same transaction; the cross-article pass loads them instead of
redoing that work for every old article, and computes (and stores) only those missing: stores
written before a kind existed, or by another :attr:`DigestCodec.version` of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.dates.bounds import (
    BOUNDS_DIGEST_VERSION,
    BoundsDigest,
    bounds_digest,
    bounds_digest_from_json,
    bounds_digest_to_json,
)
from storyline.extract.entities_digest import (
    DIGEST_VERSION,
    ArticleNames,
    article_names,
    digest_from_json,
    digest_to_json,
)
from storyline.models import AnalyzedArticle
from storyline.store import DigestKind, Store
from storyline.stories.terms import (
    STORY_TERMS_VERSION,
    StoryTerms,
    story_terms,
    story_terms_from_json,
    story_terms_to_json,
)


@dataclass(frozen=True)
class DigestCodec:
    """One kind of digest: how to compute it and its JSON form, and the code version behind it."""

    kind: DigestKind
    version: int
    compute: Callable[[AnalyzedArticle], Any]
    to_json: Callable[[Any], str]
    from_json: Callable[[str, str], Any]


NAMES = DigestCodec("names", DIGEST_VERSION, article_names, digest_to_json, digest_from_json)
BOUNDS = DigestCodec("bounds", BOUNDS_DIGEST_VERSION, bounds_digest, bounds_digest_to_json, bounds_digest_from_json)
TERMS = DigestCodec("terms", STORY_TERMS_VERSION, story_terms, story_terms_to_json, story_terms_from_json)
CODECS = (NAMES, BOUNDS, TERMS)

ArticleDigests = Mapping[DigestKind, str]


@dataclass(frozen=True)
class StoredDigests:
    """Every kind of digest of the articles a cross-article pass works on, by article id."""

    names: Mapping[str, ArticleNames]
    bounds: Mapping[str, BoundsDigest]
    terms: Mapping[str, StoryTerms]


def article_digests(item: AnalyzedArticle) -> dict[DigestKind, str]:
    """Every kind of digest of one article, as JSON."""
    return {codec.kind: codec.to_json(codec.compute(item)) for codec in CODECS}


def digest_rows(
    analyzed: Sequence[AnalyzedArticle], known: Mapping[str, ArticleDigests] | None = None
) -> list[tuple[DigestKind, int, list[tuple[str, str]]]]:
    """``Store.add_batch`` rows for the digests of ``analyzed``: from ``known`` (by article id,
    e.g. made by a Ray actor), else computed here."""
    digests = {
        item.article.id: (known or {}).get(item.article.id) or article_digests(item) for item in analyzed
    }
    return [
        (codec.kind, codec.version, [(article_id, found[codec.kind]) for article_id, found in digests.items()])
        for codec in CODECS
    ]


def stored_digests(
    store: Store, analyzed: Sequence[AnalyzedArticle], lean: bool = False
) -> StoredDigests:
    """The digests of ``analyzed``: those the store keeps, plus the missing ones, computed and kept.
    ``lean``: the articles come from ``load_analyzed(lean=True)``; those missing any digest are
    read in full from the store once, before their digests are computed."""
    codecs = (NAMES, BOUNDS, TERMS)
    found = [_kept(store, analyzed, codec) for codec in codecs]
    absent = [item for item in analyzed if any(item.article.id not in kept for kept in found)]
    if lean and absent:
        absent = store.complete_analyses(absent)
    for codec, kept in zip(codecs, found, strict=True):
        missing = {item.article.id: codec.compute(item) for item in absent if item.article.id not in kept}
        store.save_digests(codec.kind, codec.version, ((i, codec.to_json(d)) for i, d in missing.items()))
        kept.update(missing)
    names, bounds, terms = found
    return StoredDigests(names=names, bounds=bounds, terms=terms)


def _kept(store: Store, analyzed: Sequence[AnalyzedArticle], codec: DigestCodec) -> dict[str, Any]:
    """The digests of one kind the store keeps for ``analyzed``."""
    wanted = {item.article.id for item in analyzed}
    return {
        article_id: codec.from_json(article_id, data)
        for article_id, data in store.load_digests(codec.kind, codec.version) if article_id in wanted
    }
