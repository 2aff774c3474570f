"""Dated events: a DATEWISE-style timeline built from sentences that carry a date.

Rules, in order:

* A candidate event is a sentence of at most 60 words that is not a photo
  caption (see :func:`is_caption`) and contains a usable date timex: type
  ``DATE`` (or ``TIME`` whose value starts with a full date, placed on that
  day) whose value is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. Durations, sets,
  unresolved values and ``PAST_REF``-style values are ignored. ISO week values
  (``2018-W45``, from "last week") are skipped: placing them on the week's
  Monday would claim a day the text never gives.
* The event goes on the date of the sentence's *first* usable timex that is
  not a noun modifier (:func:`is_noun_modifier`: "the 1950-53 Korean War",
  "2002's Pyongyang Declaration"), never on the publication date.
* Each date is scored by the sentences placed on it plus a quarter point per
  further mention of it; the top ``max_dates`` dates are kept (ties: more
  articles, then earlier date).
* Per date the sentences closest to the date's TF-IDF centroid are chosen,
  skipping any sentence whose cosine to a sentence already on the timeline is
  above 0.5. An identical sentence in another article adds a citation instead.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.models import AnalyzedArticle, Citation, Granularity, Timex, TimelineEntry
from storyline.text_similarity import (
    FloatMatrix,
    centroid,
    content_terms,
    cosine,
    fit_tfidf,
    tfidf_matrix,
)

MAX_EVENT_WORDS = 60
DUPLICATE_COSINE = 0.5
MENTION_WEIGHT = 0.25

_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_TIME_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T")
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your)\s+$", re.IGNORECASE
)
_RANGE_TAIL_BEFORE = re.compile(r"\d[-–]$")
_POSSESSIVE_AFTER = re.compile(r"^['’]s?\b")
_WORD_AFTER = re.compile(r"^(?:[-–]\d{2,4})?[\s\-]+([A-Za-z][A-Za-z\-]*)")
_MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_POSITIONAL = re.compile(
    r",\s*(?:(?:second|third|fourth|far|top|bottom|front|back|centre|center)\s+)?"
    r"(?:left|right|center|centre|top|bottom)\s*[,.)]"
    r"|\((?:L|R|C|left|right|center|centre|front|back|top|bottom)\)"
    r"|\b(?:AP|AFP|EPA|Reuters|REUTERS|Getty|Xinhua)\s*(?:Photo|Images|/)"
    r"|^(?:Photo|Image|Picture)s?\s*:",
)
_TRAILING_FULL_DATE = re.compile(
    r",\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s*)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\.?\s*$"
)


@dataclass(frozen=True)
class SentenceSpan:
    """One sentence of one article, with what ranking and ordering need."""

    article_id: str
    start: int
    end: int
    text: str
    position: int
    published: str | None


def article_sentences(item: AnalyzedArticle) -> list[SentenceSpan]:
    """The article's sentences as :class:`SentenceSpan` records, in text order."""
    text = item.article.text
    return [
        SentenceSpan(item.article.id, s.start, s.end, text[s.start : s.end], index, item.article.published.date)
        for index, s in enumerate(item.sentences)
    ]


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def normalized_text(text: str) -> str:
    """Text with runs of whitespace collapsed and typographic quotes folded, for equality tests."""
    folded = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", folded).strip()


def is_caption(sentence_text: str, article_text: str) -> bool:
    """True for photo captions: repeated text, a line repeated as the next line's prefix,
    positional cues ("second right,"), photo credits, or a trailing full date ("..., Nov. 13, 2018.").
    """
    stripped = sentence_text.strip()
    if not stripped:
        return True
    if article_text.count(stripped) >= 2:
        return True
    lines = [line.strip() for line in stripped.splitlines() if line.strip()]
    if any(following.startswith(line) for line, following in zip(lines, lines[1:])):
        return True
    if _POSITIONAL.search(stripped):
        return True
    return bool(_TRAILING_FULL_DATE.search(stripped))


def event_date(timex: Timex) -> tuple[str, Granularity] | None:
    """The calendar date a timex places an event on, with its granularity, or ``None``."""
    if timex.value is None or timex.type in ("DURATION", "SET"):
        return None
    value = timex.value
    if timex.type == "TIME":
        time_match = _TIME_VALUE.match(value)
        value = "-".join(time_match.groups()) if time_match else ""
    match = _VALUE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if day:
        return value, "day"
    if month:
        return value, "month"
    return value, "year"


def is_noun_modifier(text: str, timex: Timex) -> bool:
    """True when the timex modifies a noun instead of dating the sentence's event.

    Two cues: a possessive right after it ("2002's Declaration", "last year's
    vote"), or a determiner right before it and a content word right after it
    ("the 1950-53 Korean War", "a 2015 law"); the "53" of "1950-53" is a range tail.
    """
    after = text[timex.end :]
    if _RANGE_TAIL_BEFORE.search(text[: timex.start]):
        return True
    if _POSSESSIVE_AFTER.match(after):
        return True
    if not _DETERMINER_BEFORE.search(text[: timex.start]):
        return False
    word = _WORD_AFTER.match(after)
    if word is None:
        return False
    following = word.group(1).lower()
    return following not in STOP_WORDS and following not in _MONTH_WORDS


def is_after_publication(value: str, published: str | None) -> bool:
    """True when an event date lies after its article's publication: a plan, not an event."""
    if not published:
        return False
    return value > published[: len(value)]


def sentence_event_date(
    item: AnalyzedArticle, sentence: SentenceSpan
) -> tuple[tuple[str, Granularity] | None, list[str]]:
    """The date a sentence's event goes on (first non-modifier usable timex) and all dates it mentions."""
    inside = sorted(
        (t for t in item.timexes if t.start >= sentence.start and t.end <= sentence.end),
        key=lambda t: (t.start, t.end),
    )
    chosen: tuple[str, Granularity] | None = None
    mentioned: list[str] = []
    for timex in inside:
        placed = event_date(timex)
        if placed is None:
            continue
        mentioned.append(placed[0])
        if chosen is None and not is_noun_modifier(item.article.text, timex):
            chosen = placed
    return chosen, mentioned


@dataclass(frozen=True)
class _Candidate:
    sentence: SentenceSpan
    date: str
    granularity: Granularity


def _candidates(analyzed: Sequence[AnalyzedArticle]) -> tuple[list[_Candidate], Counter[str]]:
    """Dated candidate sentences and, per date, how many further times it is mentioned."""
    candidates: list[_Candidate] = []
    extra_mentions: Counter[str] = Counter()
    for item in analyzed:
        for sentence in article_sentences(item):
            if word_count(sentence.text) > MAX_EVENT_WORDS or is_caption(sentence.text, item.article.text):
                continue
            chosen, mentioned = sentence_event_date(item, sentence)
            if chosen is None or is_after_publication(chosen[0], item.article.published.date):
                continue
            candidates.append(_Candidate(sentence, chosen[0], chosen[1]))
            extra_mentions.update(mentioned)
            extra_mentions[chosen[0]] -= 1
    return candidates, extra_mentions


def _top_dates(candidates: Sequence[_Candidate], extra_mentions: Counter[str]) -> list[str]:
    """All candidate dates, best first: sentences + 0.25 x other mentions, then article spread, then date."""
    sentences_per_date: Counter[str] = Counter(c.date for c in candidates)
    articles_per_date: dict[str, set[str]] = defaultdict(set)
    for candidate in candidates:
        articles_per_date[candidate.date].add(candidate.sentence.article_id)

    def score(value: str) -> tuple[float, int, str]:
        weight = sentences_per_date[value] + MENTION_WEIGHT * max(0, extra_mentions[value])
        return (-weight, -len(articles_per_date[value]), value)

    return sorted(sentences_per_date, key=score)


def _rank_by_centrality(members: list[int], vectors: FloatMatrix, candidates: Sequence[_Candidate]) -> list[int]:
    """Candidate indexes of one date, closest to the date's centroid first."""
    middle = centroid(vectors[members])

    def key(index: int) -> tuple[float, str, str, int]:
        sentence = candidates[index].sentence
        closeness = round(cosine(vectors[index], middle), 9)
        return (-closeness, sentence.published or "9999", sentence.article_id, sentence.start)

    return sorted(members, key=key)


def build_timeline(
    analyzed: Sequence[AnalyzedArticle], max_dates: int = 12, sentences_per_date: int = 2
) -> tuple[TimelineEntry, ...]:
    """A chronological timeline of the best-attested dates, each with its most central sentences."""
    ordered = sorted(analyzed, key=lambda item: item.article.id)
    candidates, extra_mentions = _candidates(ordered)
    if not candidates or max_dates <= 0 or sentences_per_date <= 0:
        return ()
    term_lists = [content_terms(c.sentence.text) for c in candidates]
    vectors = tfidf_matrix(fit_tfidf(term_lists), term_lists)
    by_date: dict[str, list[int]] = defaultdict(list)
    for index, candidate in enumerate(candidates):
        by_date[candidate.date].append(index)
    chosen: list[int] = []
    citations: dict[int, list[Citation]] = {}
    dates_used = 0
    for value in _top_dates(candidates, extra_mentions):
        if dates_used >= max_dates:
            break
        picked = _pick_for_date(_rank_by_centrality(by_date[value], vectors, candidates), candidates,
                                vectors, chosen, citations, sentences_per_date)
        dates_used += 1 if picked else 0
    return _entries(chosen, candidates, citations)


def _pick_for_date(
    ranked: list[int],
    candidates: Sequence[_Candidate],
    vectors: FloatMatrix,
    chosen: list[int],
    citations: dict[int, list[Citation]],
    limit: int,
) -> int:
    """Append up to ``limit`` non-repeating sentences of one date to ``chosen``; return how many."""
    picked = 0
    for index in ranked:
        if picked >= limit:
            break
        sentence = candidates[index].sentence
        citation = Citation(sentence.article_id, sentence.start, sentence.end)
        twin = next((c for c in chosen if candidates[c].sentence.text == sentence.text), None)
        if twin is not None:
            if all(existing.article_id != citation.article_id for existing in citations[twin]):
                citations[twin].append(citation)
            continue
        if any(float(np.dot(vectors[index], vectors[c])) > DUPLICATE_COSINE for c in chosen):
            continue
        chosen.append(index)
        citations[index] = [citation]
        picked += 1
    return picked


def _entries(
    chosen: list[int], candidates: Sequence[_Candidate], citations: dict[int, list[Citation]]
) -> tuple[TimelineEntry, ...]:
    """Timeline entries in chronological order; within a date by publication, article and position."""

    def order(index: int) -> tuple[str, str, str, int]:
        sentence = candidates[index].sentence
        return (candidates[index].date, sentence.published or "9999", sentence.article_id, sentence.start)

    entries: list[TimelineEntry] = []
    for index in sorted(chosen, key=order):
        candidate = candidates[index]
        sorted_citations = tuple(sorted(citations[index], key=lambda c: (c.article_id, c.start)))
        entries.append(TimelineEntry(candidate.date, candidate.granularity, candidate.sentence.text, sorted_citations))
    return tuple(entries)
