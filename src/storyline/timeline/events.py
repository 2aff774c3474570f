"""Dated events: a DATEWISE-style timeline built from sentences that carry a date.

Rules, in order:

* A candidate event is a sentence of 6-60 words that is not a question, a
  transcript speaker turn (:func:`is_event_like`) or a photo caption
  (see :func:`is_caption`) and contains a usable date timex: type
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
* Per date the sentences are ranked by closeness to the date's TF-IDF centroid
  plus closeness to the whole story's centroid (so asides lose to the story),
  skipping any sentence whose cosine to a sentence already on the timeline is
  above 0.5. An identical sentence in another article adds a citation instead.
* :class:`TimelineOptions` bounds the dates (inclusive ISO start/end), can keep
  day-precise dates only, and can let each article's first undated sentences
  stand for its publication day (DATEWISE's publication-date candidates; these
  never rank a date, they only compete for the dates the text states or fill
  dates nothing else reports). Off by default.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.models import (
    AnalyzedArticle,
    Citation,
    Granularity,
    TimelineEntry,
    Timex,
)
from storyline.text_similarity import (
    FloatVector,
    SparseMatrix,
    closeness_to_centroid,
    content_terms,
    fit_tfidf,
    sparse_tfidf_matrix,
)

MAX_EVENT_WORDS = 60
MIN_EVENT_WORDS = 6
STORY_WEIGHT = 2.5
STATED_FIRST = False
DUPLICATE_COSINE = 0.5
MENTION_WEIGHT = 0.25

_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_SPEAKER_TURN = re.compile(r"^[A-Z][A-Z.'’\- ]+(?:\s*,[A-Z.'’\- ,]+)?\s*:\s")
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
    has_verb: bool = True


def article_sentences(item: AnalyzedArticle) -> list[SentenceSpan]:
    """The article's sentences as :class:`SentenceSpan` records, in text order."""
    text = item.article.text
    return [
        SentenceSpan(
            item.article.id, s.start, s.end, text[s.start : s.end], index, item.article.published.date, s.has_verb
        )
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


def is_event_like(text: str, max_words: int = MAX_EVENT_WORDS) -> bool:
    """True for sentences that can report an event: 6 to ``max_words`` words, not a question, not
    a transcript speaker turn ("ANDERSON : ...")."""
    words = word_count(text)
    if words > max_words or words < MIN_EVENT_WORDS:
        return False
    return not text.rstrip(" \"'”’").endswith("?") and not _SPEAKER_TURN.match(text)


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
    after = text[timex.end : timex.end + 40]
    before = text[max(0, timex.start - 40) : timex.start]
    if _RANGE_TAIL_BEFORE.search(before):
        return True
    if _POSSESSIVE_AFTER.match(after):
        return True
    if not _DETERMINER_BEFORE.search(before):
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


def _sorted_timexes(item: AnalyzedArticle) -> tuple[Timex, ...]:
    timexes = item.timexes
    if all(a.start <= b.start for a, b in zip(timexes, timexes[1:], strict=False)):
        return timexes
    return tuple(sorted(timexes, key=lambda t: (t.start, t.end)))


def sentence_event_date(
    item: AnalyzedArticle, sentence: SentenceSpan
) -> tuple[tuple[str, Granularity] | None, list[str]]:
    """The date a sentence's event goes on (first non-modifier usable timex) and all dates it mentions."""
    ordered = _sorted_timexes(item)
    first = bisect_left([t.start for t in ordered], sentence.start)
    inside = [t for t in ordered[first:] if t.start < sentence.end and t.end <= sentence.end]
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
class TimelineOptions:
    """What a timeline may use: date bounds (ISO, inclusive), day-precise dates only, how many
    undated lead sentences of each article count as reports of its publication day (DATEWISE's
    publication-date candidates; 0 keeps every event on a date its text states), and the longest
    sentence (in words) that may be an entry."""

    start: str | None = None
    end: str | None = None
    day_only: bool = False
    lead_sentences: int = 0
    max_words: int = MAX_EVENT_WORDS


@dataclass(frozen=True)
class _Candidate:
    sentence: SentenceSpan
    date: str
    granularity: Granularity
    stated: bool = True


def in_bounds(value: str, options: TimelineOptions) -> bool:
    """True when ``value`` lies inside the options' date bounds (compared at ``value``'s precision)."""
    if options.start and value < options.start[: len(value)]:
        return False
    return not (options.end and value > options.end[: len(value)])


def _usable(placed: tuple[str, Granularity], published: str | None, options: TimelineOptions) -> bool:
    if options.day_only and placed[1] != "day":
        return False
    return in_bounds(placed[0], options) and not is_after_publication(placed[0], published)


def _candidates(
    analyzed: Sequence[AnalyzedArticle], options: TimelineOptions
) -> tuple[list[_Candidate], Counter[str]]:
    """Dated candidate sentences and, per date, how many further times it is mentioned."""
    candidates: list[_Candidate] = []
    extra_mentions: Counter[str] = Counter()
    for item in analyzed:
        published = item.article.published.date
        for sentence in article_sentences(item):
            if not is_event_like(sentence.text, options.max_words) or is_caption(sentence.text, item.article.text):
                continue
            chosen, mentioned = sentence_event_date(item, sentence)
            if chosen is not None and _usable(chosen, published or item.article.published.latest, options):
                candidates.append(_Candidate(sentence, chosen[0], chosen[1]))
                extra_mentions.update(mentioned)
                extra_mentions[chosen[0]] -= 1
            elif chosen is None and not mentioned and sentence.position < options.lead_sentences:
                lead = _publication_day(published, options)
                if lead is not None:
                    candidates.append(_Candidate(sentence, lead, "day", stated=False))
    return candidates, extra_mentions


def _publication_day(published: str | None, options: TimelineOptions) -> str | None:
    if published is None or len(published) != 10 or not in_bounds(published, options):
        return None
    return published


def _top_dates(candidates: Sequence[_Candidate], extra_mentions: Counter[str]) -> list[str]:
    """Dates stated by a sentence, best first: sentences + 0.25 x other mentions, then article spread,
    then date; dates only reached through lead sentences follow, by how many leads report them."""
    sentences_per_date: Counter[str] = Counter(c.date for c in candidates if c.stated)
    leads_per_date: Counter[str] = Counter(c.date for c in candidates if not c.stated)
    articles_per_date: dict[str, set[str]] = defaultdict(set)
    for candidate in candidates:
        if candidate.stated:
            articles_per_date[candidate.date].add(candidate.sentence.article_id)

    def score(value: str) -> tuple[float, int, int, str]:
        weight = sentences_per_date[value] + MENTION_WEIGHT * max(0, extra_mentions[value])
        return (-weight, -len(articles_per_date[value]), -leads_per_date[value], value)

    return sorted(set(sentences_per_date) | set(leads_per_date), key=score)


def _rank_by_centrality(
    members: list[int], vectors: SparseMatrix, candidates: Sequence[_Candidate], story_closeness: FloatVector
) -> list[int]:
    """Candidate indexes of one date, most central first: closeness to the date's centroid plus
    ``STORY_WEIGHT`` x closeness to the whole story's centroid (keeps asides off the timeline)."""
    closeness = closeness_to_centroid(vectors[np.asarray(members)])
    rounded = {
        index: round(float(value) + STORY_WEIGHT * float(story_closeness[index]), 9)
        for index, value in zip(members, closeness, strict=True)
    }

    def key(index: int) -> tuple[bool, float, str, str, int]:
        sentence = candidates[index].sentence
        return (STATED_FIRST and not candidates[index].stated, -rounded[index], sentence.published or "9999",
                sentence.article_id, sentence.start)

    return sorted(members, key=key)


def build_timeline(
    analyzed: Sequence[AnalyzedArticle],
    max_dates: int = 12,
    sentences_per_date: int = 2,
    options: TimelineOptions | None = None,
) -> tuple[TimelineEntry, ...]:
    """A chronological timeline of the best-attested dates, each with its most central sentences."""
    options = options or TimelineOptions()
    ordered = sorted(analyzed, key=lambda item: item.article.id)
    candidates, extra_mentions = _candidates(ordered, options)
    if not candidates or max_dates <= 0 or sentences_per_date <= 0:
        return ()
    term_lists = [content_terms(c.sentence.text) for c in candidates]
    vectors = sparse_tfidf_matrix(fit_tfidf(term_lists), term_lists)
    story_closeness = closeness_to_centroid(vectors)
    by_date: dict[str, list[int]] = defaultdict(list)
    for index, candidate in enumerate(candidates):
        by_date[candidate.date].append(index)
    chosen: list[int] = []
    citations: dict[int, list[Citation]] = {}
    dates_used = 0
    for value in _top_dates(candidates, extra_mentions):
        if dates_used >= max_dates:
            break
        picked = _pick_for_date(_rank_by_centrality(by_date[value], vectors, candidates, story_closeness), candidates,
                                vectors, chosen, citations, sentences_per_date)
        dates_used += 1 if picked else 0
    return _entries(chosen, candidates, citations)


def _pick_for_date(
    ranked: list[int],
    candidates: Sequence[_Candidate],
    vectors: SparseMatrix,
    chosen: list[int],
    citations: dict[int, list[Citation]],
    limit: int,
) -> int:
    """Append up to ``limit`` non-repeating sentences of one date to ``chosen``; return how many."""
    picked = 0
    texts = {normalized_text(candidates[c].sentence.text): c for c in chosen}
    for index in ranked:
        if picked >= limit:
            break
        sentence = candidates[index].sentence
        citation = Citation(sentence.article_id, sentence.start, sentence.end)
        twin = texts.get(normalized_text(sentence.text))
        if twin is not None:
            if all(existing.article_id != citation.article_id for existing in citations[twin]):
                citations[twin].append(citation)
            continue
        if chosen and float((vectors[chosen] @ vectors[index].T).max()) > DUPLICATE_COSINE:
            continue
        chosen.append(index)
        texts[normalized_text(sentence.text)] = index
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
