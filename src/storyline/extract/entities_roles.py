"""Roles and titles as articles state them, with the date the entity held them.

Three shapes are read around a name: a capitalised title before it ("Deputy Prime
Minister Taro Aso"), a lowercase role before it ("trade minister Hiroshige Seko",
"Japan's economy minister, Toshimitsu Motegi", "As Indiana governor, Pence") and
an apposition after it ("Kim Eui-kyeom, a South Korean presidential official,").
A role is dated by a day-precise date in its sentence, else by the article's
publication date (None when the article is undated).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from storyline.dates.sentence_dates import day_stated_within
from storyline.extract.entities_text import title_before
from storyline.models import AnalyzedArticle, Citation, Role

ROLE_NOUNS = (
    "minister", "secretary", "president", "vice president", "official", "spokesman", "spokeswoman",
    "spokesperson", "ambassador", "governor", "leader", "chairman", "chairwoman", "chief", "representative",
    "adviser", "advisor", "author", "director", "envoy", "negotiator", "diplomat", "senator", "lawmaker",
    "economist", "analyst", "professor", "researcher", "premier", "mayor", "commander", "general",
    "officer", "head", "founder", "aide", "correspondent", "editor", "executive", "strategist",
)
_ROLE = "|".join(re.escape(n) for n in sorted(ROLE_NOUNS, key=len, reverse=True))
_NATIONALITY = r"(?:(?:[A-Z][a-z]+[ \t]+)?[A-Z][a-z]+(?:an|ese|ish|ch|i)|U\.S\.|UK|EU)"
_MODIFIER = r"(?:[A-Za-z][a-z\-]+|[A-Za-z][\w.\-]*['’]s)"
_LOWER_BEFORE = re.compile(
    rf"(?<![\w.])(?P<role>(?:{_NATIONALITY}[ \t]+)?(?:{_MODIFIER}[ \t]+){{0,3}}(?:{_ROLE}))[ \t]*(?P<comma>,?)[ \t]+$"
)
_AS_BEFORE = re.compile(
    rf"\b[Aa]s[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?(?P<role>(?:[A-Z][\w.]*[ \t]+)?(?:[a-z][a-z\-]+[ \t]+){{0,2}}"
    rf"(?:{_ROLE}))[ \t]*,[ \t]*$"
)
_APPOSITION_AFTER = re.compile(
    rf"^,[ \t]+(?:who[ \t]+(?:is|was)[ \t]+(?:also[ \t]+)?)?(?:(?:a|an|the)[ \t]+)?"
    rf"(?P<role>(?:[\w.\-’']+[ \t]+){{0,5}}?(?:{_ROLE}))"
    rf"(?=[ \t]*[,.;:)]|[ \t]+(?:of|for|at|to|in|on|who|and|with)\b)"
)
# "Japan's economy minister, Toshimitsu Motegi": a role before a comma needs an owner to be one.
_POSSESSIVE = re.compile(r"^[A-Za-z][\w.\-]*['’]s ")
_STOP_WORDS = frozenset({
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "said", "says", "told", "tells",
    "and", "or", "with", "by", "to", "of", "for", "as", "at", "in", "on", "from", "that", "who", "when",
    "while", "but", "met", "meets", "asked", "added", "according", "including", "between", "before",
    "after", "also", "is", "was", "meet", "visit", "visits", "see", "sees", "call", "calls", "urge", "urges",
    "join", "joins", "thank", "thanks", "praise", "praises", "tell", "ask", "asks", "hosts", "host",
    "were", "are", "be", "been", "has", "had", "have", "this", "these", "those",
})


@dataclass(frozen=True)
class StatedRole:
    """A role found next to a name: its wording and the span citing it (role plus name)."""

    title: str
    start: int
    end: int
    capitalised: bool


def stated_roles(text: str, start: int, end: int) -> tuple[StatedRole, ...]:
    """Every role the text states for the name at ``text[start:end]``."""
    found: list[StatedRole] = []
    title = title_before(text, start)
    if title is not None and title.title:
        found.append(StatedRole(title.title, title.start, end, True))
    window_start = max(0, start - 80)
    before = text[window_start:start]
    for pattern in (_AS_BEFORE, _LOWER_BEFORE):
        match = pattern.search(before)
        if match is None or (title is not None and window_start + match.end("role") > title.start):
            continue
        trimmed = _trim_role(match.group("role"))
        if trimmed is None or (pattern is _LOWER_BEFORE and match.group("comma")
                               and not _POSSESSIVE.search(trimmed[1])):
            continue
        found.append(StatedRole(trimmed[1], window_start + match.start("role") + trimmed[0], end, False))
        break
    after = _APPOSITION_AFTER.match(text[end:end + 90])
    trimmed_after = _trim_role(after.group("role")) if after else None
    if after and trimmed_after:
        found.append(StatedRole(trimmed_after[1], start, end + after.end("role"), False))
    return tuple(found)


def _trim_role(phrase: str) -> tuple[int, str] | None:
    """Drop leading function words and verbs ("told trade minister" -> "trade minister").

    Returns the offset of the kept words inside ``phrase`` and the role, or None.
    """
    words = list(re.finditer(r"\S+", phrase))
    while words and _is_lead_filler(words[0].group(0)):
        words = words[1:]
    if not words or len(words) > 6:
        return None
    kept = [w.group(0) for w in words]
    if any(w.casefold() in _STOP_WORDS for w in kept[:-1]) or any(c in " ".join(kept) for c in "\"“”()"):
        return None
    return words[0].start(), " ".join(kept)


def _is_lead_filler(word: str) -> bool:
    """A word that cannot open a role: function words, numbers, lowercase verb forms ("meeting")."""
    lowered = word.casefold()
    if lowered in _STOP_WORDS or word[0].isdigit():
        return True
    return word.islower() and lowered.endswith(("ing", "ed"))


class RoleDater:
    """Dates for roles: a day-precise date in the sentence, else the article's publication date."""

    def __init__(self, articles: Iterable[AnalyzedArticle]) -> None:
        self._articles: dict[str, AnalyzedArticle] = {}
        self._sentences: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}
        for item in articles:
            aid = item.article.id
            self._articles[aid] = item
            bounds = sorted((s.start, s.end) for s in item.sentences)
            self._sentences[aid] = ([b[0] for b in bounds], bounds)

    def date_at(self, article_id: str, offset: int) -> str | None:
        """When a role stated at ``offset`` was held."""
        item = self._articles.get(article_id)
        if item is None:
            return None
        starts, bounds = self._sentences[article_id]
        position = bisect.bisect_right(starts, offset) - 1
        if position >= 0 and bounds[position][0] <= offset < bounds[position][1]:
            return day_stated_within(item, *bounds[position])
        return item.article.published.date


@dataclass(frozen=True, slots=True)
class DatedRole:
    """A stated role with the date it was held (see :class:`RoleDater`)."""

    title: str
    start: int
    end: int
    capitalised: bool
    date: str | None


def dated_roles(text: str, dater: RoleDater, article_id: str, start: int, end: int) -> tuple[DatedRole, ...]:
    """:func:`stated_roles` of the name at ``text[start:end]``, each dated where it is stated."""
    return tuple(
        DatedRole(r.title, r.start, r.end, r.capitalised, dater.date_at(article_id, r.start))
        for r in stated_roles(text, start, end)
    )


def roles_of(
    mentions: Sequence[Citation], roles_at: Callable[[Citation], Sequence[DatedRole]]
) -> tuple[Role, ...]:
    """The dated roles stated next to an entity's mentions, one per (title, date, article).

    ``roles_at`` gives the roles stated next to one mention (:func:`dated_roles`).
    """
    seen: dict[tuple[str, str | None, str], Role] = {}
    for mention in mentions:
        for stated in roles_at(mention):
            key = (stated.title.casefold(), stated.date, mention.article_id)
            seen.setdefault(key, Role(stated.title, stated.date, Citation(mention.article_id, stated.start, stated.end)))
    return tuple(sorted(seen.values(), key=lambda r: (r.date is None, r.date or "", r.title.casefold(),
                                                       r.citation.article_id, r.citation.start)))
