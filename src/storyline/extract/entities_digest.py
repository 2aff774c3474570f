"""Per-article name digests: the text work of entity canonicalisation, done once per article.

A digest holds an article's clean name spans, the regions later-found names may not overlap,
and for each span the roles stated next to it (dated) and the acronym defined right after it.
It is a pure function of the article, so a store keeps it (:data:`DIGEST_VERSION` says which
code wrote it) and later builds merge digests instead of re-reading every old article: a daily
batch computes digests only for its new articles. The cross-article pass still reads old texts
for what depends on all articles together (names spaCy missed, compounds of names known elsewhere).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from sys import intern
from typing import Any, cast

from storyline.extract.entities_roles import (
    DatedRole,
    RoleDater,
    dated_roles,
    stated_roles,
)
from storyline.extract.entities_spans import NameSpan, SpanOrigin, clean_article_spans
from storyline.extract.entities_text import acronym_defined_after
from storyline.models import AnalyzedArticle

# Bump when anything that feeds a digest changes (span cleaning, stated roles, role dates, acronyms):
# stored digests of another version are ignored and recomputed.
DIGEST_VERSION = 1

Region = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SpanFacts:
    """What an article's text says next to one name span."""

    roles: tuple[DatedRole, ...]
    acronym_after: str | None

    @property
    def lowercase_titles(self) -> tuple[str, ...]:
        """Roles spelled outside the capitalised-title pattern ("trade minister")."""
        return tuple(role.title for role in self.roles if not role.capitalised)


NO_FACTS = SpanFacts((), None)


@dataclass(frozen=True, slots=True)
class ArticleNames:
    """One article's digest: clean spans, occupied regions, and facts by span ``(start, end)``
    (only for spans with any: most names have no stated role and no acronym after them)."""

    article_id: str
    spans: tuple[NameSpan, ...]
    occupied: tuple[Region, ...]
    facts: Mapping[Region, SpanFacts]


def span_facts(item: AnalyzedArticle, dater: RoleDater, start: int, end: int) -> SpanFacts:
    """The facts of the name at ``item.article.text[start:end]``."""
    text = item.article.text
    return SpanFacts(dated_roles(text, dater, item.article.id, start, end), acronym_defined_after(text, end))


def dates_roles(item: AnalyzedArticle, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether the facts of these spans need the article's sentences and dates: a role is stated
    next to one of them. Otherwise :func:`span_facts` reads the text only, and any dater will do."""
    text = item.article.text
    return any(stated_roles(text, start, end) for start, end in spans)


def article_names(item: AnalyzedArticle) -> ArticleNames:
    """The digest of one article."""
    spans, occupied = clean_article_spans(item)
    dater = RoleDater([item])
    facts = {(s.start, s.end): found for s in spans if (found := span_facts(item, dater, s.start, s.end)) != NO_FACTS}
    return ArticleNames(item.article.id, spans, occupied, facts)


def digest_to_json(names: ArticleNames) -> str:
    """A compact JSON form of a digest (its article id is stored beside it)."""
    return json.dumps({
        "spans": [[s.start, s.end, s.surface, s.key, s.label, list(s.titles), s.origin] for s in names.spans],
        "occupied": [list(region) for region in names.occupied],
        "facts": [
            [start, end, facts.acronym_after,
             roles_to_json(facts.roles)]
            for (start, end), facts in names.facts.items()
        ],
    }, ensure_ascii=False, separators=(",", ":"))


def digest_from_json(article_id: str, data: str) -> ArticleNames:
    """Inverse of :func:`digest_to_json`."""
    raw = json.loads(data)  # names, labels and titles recur across articles: one string object each
    spans = tuple(
        NameSpan(article_id, start, end, intern(surface), intern(key), intern(label),
                 tuple(intern(title) for title in titles), cast(SpanOrigin, intern(origin)))
        for start, end, surface, key, label, titles, origin in raw["spans"]
    )
    facts = {
        (start, end): SpanFacts(roles_from_json(roles), acronym and intern(acronym))
        for start, end, acronym, roles in raw["facts"]
    }
    return ArticleNames(article_id, spans, tuple((a, b) for a, b in raw["occupied"]), facts)


def roles_to_json(roles: tuple[DatedRole, ...]) -> list[list[Any]]:
    """Dated roles in the JSON form digests and the name scan memo store."""
    return [[r.title, r.start, r.end, r.capitalised, r.date] for r in roles]


def roles_from_json(raw: list[list[Any]]) -> tuple[DatedRole, ...]:
    """Inverse of :func:`roles_to_json`; titles and dates recur across articles, so each is interned."""
    return tuple(
        DatedRole(intern(title), a, b, capitalised, date and intern(date))
        for title, a, b, capitalised, date in raw
    )
