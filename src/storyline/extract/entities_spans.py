"""Name spans: spaCy mentions cleaned into citable names, plus names spaCy missed.

A :class:`NameSpan` is one mention after trimming ("the", possessives, edge
punctuation, titles), so ``article.text[start:end] == surface`` always holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from typing import Literal

from storyline.extract.entities_text import (
    NON_ENTITY_LABELS,
    is_junk,
    name_key,
    name_tokens,
    strip_leading_titles,
    title_before,
    trim_span,
)
from storyline.models import AnalyzedArticle, Mention

SpanOrigin = Literal["ner", "part", "scan"]

_BYLINE_AFTER = re.compile(r"^\s+contributed\b")
_COMPOUND_PART = re.compile(r"[^\-‐]+")
_CAPITALISED_NEXT = re.compile(r"^[ \t]+[A-Z]")
_CAPITALISED_PREVIOUS = re.compile(r"[A-Z][\w’'\-]*[ \t]+$")
WORD_RUN = re.compile(r"\w+")
# A word run that may open a name (every scanned name starts with an uppercase letter): runs that
# start with a digit, "_" or a lowercase ASCII letter are skipped; the name index decides the rest.
NAME_START_RUN = re.compile(r"\b[^\W\d_a-z]\w*")
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A cleaned name occurrence; ``origin`` says whether spaCy found it whole.

    ``part`` spans come from splitting compounds ("Aso-Pence"), ``scan`` spans
    from looking for known names spaCy missed; neither takes part in label votes.
    """

    article_id: str
    start: int
    end: int
    surface: str
    key: str
    label: str
    titles: tuple[str, ...] = ()
    origin: SpanOrigin = "ner"

    @property
    def single_token(self) -> bool:
        """Whether the name is one word ("Pence", "Eui-kyeom")."""
        return _is_one_word(self.surface)


@lru_cache(maxsize=1 << 16)
def _is_one_word(surface: str) -> bool:
    return len(name_tokens(surface)) == 1


def unique_articles(analyzed: Iterable[AnalyzedArticle]) -> list[AnalyzedArticle]:
    """Articles sorted by id, first occurrence of a duplicated id kept."""
    seen: dict[str, AnalyzedArticle] = {}
    for item in analyzed:
        seen.setdefault(item.article.id, item)
    return [seen[key] for key in sorted(seen)]


def clean_article_spans(item: AnalyzedArticle) -> tuple[tuple[NameSpan, ...], tuple[tuple[int, int], ...]]:
    """One article's mentions as clean name spans (deduplicated, by offset) and its occupied regions
    (mentions and title words, which no later-found name may overlap)."""
    text, aid = item.article.text, item.article.id
    cleaned: list[NameSpan] = []
    title_cores: list[tuple[int, int]] = []
    regions: list[tuple[int, int]] = []
    for mention in sorted(item.mentions, key=lambda m: (m.start, m.end, m.label)):
        if 0 <= mention.start < mention.end <= len(text):
            regions.append((mention.start, mention.end))
        span = _clean_mention(text, mention, title_cores)
        if span is not None:
            cleaned.append(replace(span, article_id=aid))
    kept = [s for s in cleaned if not any(a <= s.start and s.end <= b for a, b in title_cores)]
    return tuple(_dedupe(kept)), tuple(sorted(set(regions + title_cores)))


def split_compounds(spans: Sequence[NameSpan], known_keys: frozenset[str]) -> tuple[NameSpan, ...]:
    """Every span, with compounds of names known anywhere ("Aso-Pence") split into their parts."""
    edge_words = {name_key(w) for s in spans if len(ws := name_tokens(s.surface)) > 1 for w in (ws[0], ws[-1])}
    all_keys = known_keys | {s.key for s in spans} | edge_words
    return tuple(piece for span in spans for piece in _split_compound(span, all_keys))


def _clean_mention(text: str, mention: Mention, title_cores: list[tuple[int, int]]) -> NameSpan | None:
    """One spaCy mention as a clean name span, or None for junk and non-names."""
    if mention.label in NON_ENTITY_LABELS or not 0 <= mention.start < mention.end <= len(text):
        return None
    start, end = trim_span(text, mention.start, mention.end)
    if start >= end:
        return None
    label = mention.label
    offset, titles, had_title = strip_leading_titles(text[start:end])
    if had_title and (label == "PERSON" or not titles):
        start += offset
    else:
        titles, had_title = (), False
    surface = text[start:end]
    if not surface or is_junk(surface) or _is_bare_title(surface):
        return None
    before = title_before(text, start)
    if before is not None:
        title_cores.append((before.start, before.core_end))
        titles = titles + ((before.title,) if before.title else ())
    if had_title or before is not None or _is_byline_name(text, end, surface, label):
        label = "PERSON"
    return NameSpan("", start, end, surface, name_key(surface), label, titles)


def _is_bare_title(surface: str) -> bool:
    """A mention that is nothing but a title ("President", "Secretary of State")."""
    offset, _, found = strip_leading_titles(surface + " ")
    return found and offset >= len(surface)


def _is_byline_name(text: str, end: int, surface: str, label: str) -> bool:
    """ "Nike Ching contributed to this report": a two/three-word name before "contributed"."""
    words = surface.split()
    if label != "ORG" or not 2 <= len(words) <= 3:
        return False
    return all(w[0].isupper() and w.isalpha() for w in words) and bool(_BYLINE_AFTER.match(text[end:end + 20]))


def _dedupe(spans: list[NameSpan]) -> list[NameSpan]:
    """One span per (start, end); the first label in sorted order wins."""
    seen: dict[tuple[int, int], NameSpan] = {}
    for span in spans:
        seen.setdefault((span.start, span.end), span)
    return [seen[k] for k in sorted(seen)]


def _split_compound(span: NameSpan, known_keys: frozenset[str]) -> list[NameSpan]:
    """ "Aso-Pence", "U.S.-Japan": split a hyphenated span when every part is a known name."""
    parts = [(m.start(), m.end()) for m in _COMPOUND_PART.finditer(span.surface)]
    if len(parts) < 2:
        return [span]
    pieces: list[NameSpan] = []
    for a, b in parts:
        surface = span.surface[a:b]
        if surface != surface.strip() or is_junk(surface) or name_key(surface) not in known_keys:
            return [span]
        start = span.start + a
        pieces.append(NameSpan(span.article_id, start, start + len(surface), surface, name_key(surface),
                               span.label, (), "part"))
    return pieces


def usable_names(names: Iterable[str]) -> frozenset[str]:
    """The names a :class:`NameScanner` looks for: those that start in capitals."""
    return frozenset(name for name in names if name and name[0].isupper())


class NameScanner:
    """Known names indexed by their first ``\\w+`` run, built once per corpus.

    Finds exactly what one regex alternation of all names (longest first, then
    alphabetical, between ``(?<!\\w)`` and ``(?!\\w)``) finds, leftmost and
    non-overlapping, without compiling that alternation for every article.
    """

    def __init__(self, names: Iterable[str]) -> None:
        usable = sorted(usable_names(names), key=lambda n: (-len(n), n))
        self._by_word: dict[str, list[str]] = {}
        self._fallback: re.Pattern[str] | None = None
        for name in usable:
            word = WORD_RUN.match(name)
            if word is None:
                self._fallback = _alternation(usable)
                self._by_word = {}
                return
            self._by_word.setdefault(word.group(0), []).append(name)

    def __bool__(self) -> bool:
        return bool(self._by_word) or self._fallback is not None

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of every leftmost, non-overlapping name occurrence in ``text``."""
        if self._fallback is not None:
            yield from (m.span() for m in self._fallback.finditer(text))
            return
        resume = 0
        for run in NAME_START_RUN.finditer(text):
            start = run.start()
            candidates = self._by_word.get(run.group(0)) if start >= resume else None
            for name in candidates or ():
                end = start + len(name)
                if text.startswith(name, start) and not _WORD_CHAR.match(text, end):
                    yield start, end
                    resume = end
                    break


def _alternation(names: Sequence[str]) -> re.Pattern[str]:
    """One regex matching any of ``names`` as a whole word sequence, in the given order."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def scan_missed_names(
    item: AnalyzedArticle,
    names: Sequence[str],
    occupied: Sequence[tuple[int, int]],
    scanner: NameScanner | None = None,
) -> list[NameSpan]:
    """Occurrences of known person names (full names, surnames) that no mention covers.

    ``scanner`` is ``NameScanner(names)`` built once for many articles (``names`` is then unused).
    A candidate next to another capitalised word that is not a title ("Abe
    Lincoln", "Pence Industries") is skipped: it is probably a different name.
    """
    text, aid = item.article.text, item.article.id
    scanner = scanner if scanner is not None else NameScanner(names)
    if not scanner:
        return []
    blocked = sorted(occupied)
    starts = [a for a, _ in blocked]
    reach = list(accumulate((b for _, b in blocked), max))  # furthest end among the first i regions
    found: list[NameSpan] = []
    for start, end in scanner.finditer(text):
        before_end = bisect_left(starts, end)
        if before_end and reach[before_end - 1] > start:
            continue  # some occupied region overlaps [start, end)
        if _CAPITALISED_NEXT.match(text[end:end + 3]):
            continue
        if _CAPITALISED_PREVIOUS.search(text[max(0, start - 40):start]) and title_before(text, start) is None:
            continue
        surface = text[start:end]
        found.append(NameSpan(aid, start, end, surface, name_key(surface), "PERSON", (), "scan"))
    return found
