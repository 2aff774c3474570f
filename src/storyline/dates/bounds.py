"""Bounds on an undated article's publication date from cross-article evidence.

Nothing is guessed: an undated article gets an ``earliest`` and/or ``latest`` bound only
from evidence, and keeps ``date=None``.

* Its own mentions: the latest explicit calendar date it mentions in a sentence that
  does not speak of the future is a lower bound (a report of a January 2017 event was
  written in January 2017 or later).
* Events other articles date: a sentence of a dated article places an event on a date
  (its timex, with the content words within a few words of it as the event's trigger,
  e.g. "Trump pulled out of in January 2017" -> withdraw). An undated article's sentence
  that shares a trigger word (stemmed; "pull out", "quit", "withdrawal" count as withdraw)
  and at least two entity keys (names, with acronyms: "Trans-Pacific Partnership" = TPP)
  reports the same event. Reported as past, the event's date is a lower bound; reported
  as future ("will withdraw"), the event's date is an upper bound (``latest``).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from sys import intern

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.dates.values import value_bounds
from storyline.models import AnalyzedArticle, Sentence, Timex

TRIGGER_WINDOW = 6
MIN_SHARED_ENTITIES = 2
MAX_TRIGGER_SHARE = 0.04
_ENTITY_LABELS = frozenset({"ORG", "GPE", "PERSON", "NORP", "LAW", "EVENT", "FAC", "LOC", "PRODUCT"})
_CALENDAR = re.compile(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_FUTURE = re.compile(
    r"(?i:\b(?:will|won['’]t|shall|'ll|’ll|(?:is|are|was|were)\s+(?:expected|scheduled|set|due|going)\s+to"
    r"|plans?\s+to|planning\s+to|intends?\s+to|next\s+(?:week|month|year)|upcoming)\b)"
)
_PHRASES = ((re.compile(r"(?i:\bpull(?:s|ed|ing)?\s+out\b)"), "withdraw"),
            (re.compile(r"(?i:\bback(?:s|ed|ing)?\s+out\b)"), "withdraw"))
_IRREGULAR = {"withdrew": "withdraw", "withdrawn": "withdraw", "withdrawal": "withdraw", "quit": "withdraw",
              "exit": "withdraw", "exited": "withdraw", "met": "meet", "meeting": "meet", "signed": "sign",
              "signing": "sign", "won": "win", "held": "hold", "began": "begin", "begun": "begin"}
_NOT_TRIGGERS = frozenset({"said", "say", "says", "told", "tell", "added", "according", "year", "years", "month",
                           "months", "week", "weeks", "day", "days", "percent", "time", "people", "including",
                           "former", "president", "minister", "official", "officials", "also", "new", "issue", "issues",
                           "deal", "deals", "plan", "case", "part", "move", "matter", "thing", "things",
                           "country", "countries", "nation", "nations", "leader", "leaders", "right"})
_MONTH_OR_DAY = re.compile(
    r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)

Bounds = tuple[str | None, str | None]


@dataclass(frozen=True)
class DatedEvent:
    """An event a dated article places on a date: its trigger stems and the entity keys around it."""

    article_id: str
    value: str
    triggers: frozenset[str]
    entities: frozenset[frozenset[str]]


@dataclass(frozen=True)
class EventIndex:
    """Dated events (with triggers) by trigger stem, each with its entities merged once."""

    events: tuple[DatedEvent, ...]
    merged: tuple[tuple[frozenset[str], ...], ...]
    by_trigger: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, events: Sequence[DatedEvent]) -> EventIndex:
        """Index ``events``, keeping their order (it decides ties between equal dates)."""
        kept = tuple(e for e in events if e.triggers)
        postings: dict[str, list[int]] = defaultdict(list)
        for i, event in enumerate(kept):
            for trigger in event.triggers:
                postings[trigger].append(i)
        merged = tuple(tuple(frozenset(g) for g in _merged(e.entities)) for e in kept)
        return cls(kept, merged, {t: tuple(ids) for t, ids in postings.items()})

    def matching(self, triggers: set[str], entities: frozenset[frozenset[str]]) -> list[DatedEvent]:
        """Events, in index order, sharing a trigger and ``MIN_SHARED_ENTITIES`` entities with a sentence."""
        candidates = sorted({i for t in triggers for i in self.by_trigger.get(t, ())})
        if not candidates:
            return []
        keys = set().union(*entities) if entities else set()
        return [
            self.events[i] for i in candidates
            if sum(1 for group in self.merged[i] if group & keys) >= MIN_SHARED_ENTITIES
        ]


# Bump when anything that feeds a BoundsDigest changes (event words, stems, dated events).
BOUNDS_DIGEST_VERSION = 1


@dataclass(frozen=True, slots=True)
class BoundsDigest:
    """What one article adds to the cross-article evidence, computed once per article: how many
    sentences it has, in how many of them each event word occurs, and (when it is dated) the
    events it places on dates, before common words are taken out of their triggers."""

    article_id: str
    sentences: int
    word_counts: Mapping[str, int]
    events: tuple[DatedEvent, ...]


def bounds_digest(item: AnalyzedArticle) -> BoundsDigest:
    """The :class:`BoundsDigest` of one article."""
    counts: Counter[str] = Counter()
    for sentence in item.sentences:
        counts.update(event_words(item.article.text[sentence.start : sentence.end]))
    events = tuple(dated_events(item)) if item.article.published.date else ()
    return BoundsDigest(item.article.id, len(item.sentences), dict(counts), events)


def date_bounds(
    analyzed: Sequence[AnalyzedArticle], digests: Mapping[str, BoundsDigest] | None = None
) -> dict[str, Bounds]:
    """``(earliest, latest)`` publication bounds for every undated article, from all articles.

    Values are ISO at the evidence's own precision (``2017-01``); ``None`` where no evidence
    bounds that side. Dated articles are not in the result. ``digests`` (article id ->
    :func:`bounds_digest`, e.g. kept by the store) saves recomputing them; the result is the same.
    """
    found = [(digests or {}).get(item.article.id) or bounds_digest(item) for item in analyzed]
    common = common_words_of(found)
    events = [replace(event, triggers=event.triggers - common) for digest in found for event in digest.events]
    index = EventIndex.of(events)
    bounds: dict[str, Bounds] = {}
    for item in analyzed:
        if item.article.published.date is None:
            bounds[item.article.id] = _bounds_of(item, index)
    return bounds


def common_words_of(digests: Sequence[BoundsDigest]) -> frozenset[str]:
    """Stems in more than ``MAX_TRIGGER_SHARE`` of all sentences ("trade" in a trade story): no event."""
    counts: Counter[str] = Counter()
    for digest in digests:
        counts.update(digest.word_counts)
    total = sum(digest.sentences for digest in digests)
    return frozenset(word for word, count in counts.items() if count > max(3, MAX_TRIGGER_SHARE * total))


def bounds_digest_to_json(digest: BoundsDigest) -> str:
    """A compact JSON form of a digest (its article id is stored beside it)."""
    events = [[e.value, sorted(e.triggers), [sorted(keys) for keys in e.entities]] for e in digest.events]
    return json.dumps({"sentences": digest.sentences, "words": digest.word_counts, "events": events},
                      ensure_ascii=False, separators=(",", ":"))


def bounds_digest_from_json(article_id: str, data: str) -> BoundsDigest:
    """Inverse of :func:`bounds_digest_to_json`."""
    raw = json.loads(data)  # words recur across articles: one string object each
    events = tuple(
        DatedEvent(article_id, intern(value), frozenset(map(intern, triggers)),
                   frozenset(frozenset(map(intern, keys)) for keys in entities))
        for value, triggers, entities in raw["events"]
    )
    words = {intern(word): count for word, count in raw["words"].items()}
    return BoundsDigest(article_id, raw["sentences"], words, events)


def _bounds_of(item: AnalyzedArticle, index: EventIndex) -> Bounds:
    lower = [value for value, future in _own_dates(item) if not future]
    upper: list[str] = []
    for sentence, entities in zip(item.sentences, sentence_entity_keys(item), strict=True):
        text = item.article.text[sentence.start : sentence.end]
        matched = [event.value for event in index.matching(event_words(text), entities)]
        if matched:
            (upper if _FUTURE.search(text) else lower).extend(matched)
    earliest = max(lower, key=_first_day) if lower else None
    latest = min(upper, key=_last_day) if upper else None
    if earliest and latest and _first_day(earliest) > _last_day(latest):
        latest = None
    return earliest, latest


def _own_dates(item: AnalyzedArticle) -> Iterator[tuple[str, bool]]:
    """Calendar values the article states, each with whether its sentence speaks of the future."""
    first_sentence: dict[int, Sentence] = {}
    for containing, inside in zip(item.sentences, _timexes_by_sentence(item), strict=True):
        for i in inside:
            first_sentence.setdefault(i, containing)
    for i, timex in enumerate(item.timexes):
        value = calendar_value(timex)
        if value is None:
            continue
        sentence = first_sentence.get(i)
        text = item.article.text[sentence.start : sentence.end] if sentence else timex.text
        yield value, bool(_FUTURE.search(text))


def calendar_value(timex: Timex) -> str | None:
    """A timex's value as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` when it is a calendar date."""
    if timex.type not in ("DATE", "TIME") or timex.value is None:
        return None
    match = _CALENDAR.fullmatch(timex.value)
    if match is None or value_bounds(match[1]) is None:
        return None
    return match[1]


def dated_events(item: AnalyzedArticle) -> Iterator[DatedEvent]:
    """Events a dated article places on a calendar date no later than its publication."""
    published = item.article.published.date or ""
    text = item.article.text
    values = [calendar_value(timex) for timex in item.timexes]
    by_sentence = zip(item.sentences, _timexes_by_sentence(item), sentence_entity_keys(item), strict=True)
    for sentence, inside, entities in by_sentence:
        if not inside or _FUTURE.search(text[sentence.start : sentence.end]):
            continue
        for i in inside:
            value = values[i]
            if value is None or value > published[: len(value)]:
                continue
            triggers = event_words(_window(text, sentence, item.timexes[i]))
            if triggers:
                yield DatedEvent(item.article.id, value, frozenset(triggers), entities)


def _timexes_by_sentence(item: AnalyzedArticle) -> list[list[int]]:
    """Per sentence, the indices of the timexes that start in it."""
    return _positions_by_sentence(item.sentences, [timex.start for timex in item.timexes])


def _positions_by_sentence(sentences: Sequence[Sentence], positions: Sequence[int]) -> list[list[int]]:
    """Per sentence, the ascending indices of ``positions`` with ``start <= position < end``."""
    order = sorted(range(len(positions)), key=positions.__getitem__)
    ordered = [positions[i] for i in order]
    return [
        sorted(order[bisect_left(ordered, s.start) : bisect_left(ordered, s.end)]) if s.start < s.end else []
        for s in sentences
    ]


def _window(text: str, sentence: Sentence, timex: Timex) -> str:
    """The words within ``TRIGGER_WINDOW`` words on either side of a timex, inside its sentence."""
    before = _WORD.findall(text[sentence.start : timex.start])[-TRIGGER_WINDOW:]
    after = _WORD.findall(text[timex.end : sentence.end])[:TRIGGER_WINDOW]
    return " ".join(before + after)


def event_words(text: str) -> set[str]:
    """Stems of the content words that can name an event ("pulled out" and "withdrawal" -> withdraw)."""
    stems = {stem for pattern, stem in _PHRASES if pattern.search(text)}
    stems.update(found for word in _WORD.findall(text) if (found := _event_stem(word)))
    return stems


@lru_cache(maxsize=1 << 18)
def _event_stem(word: str) -> str:
    """The stem a written word adds to an event's words, or "" (names, stop words, weekdays)."""
    lower = word.lower().replace("’", "'")
    if word[0].isupper() or lower in STOP_WORDS or lower in _NOT_TRIGGERS or len(lower) < 4:
        return ""
    if _MONTH_OR_DAY.fullmatch(lower[:3]) and _MONTH_OR_DAY.match(lower):
        return ""
    return stem(lower)


def stem(word: str) -> str:
    """A crude stem that folds the inflections event words take (withdrew/withdrawal -> withdraw)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix in ("ation", "ing", "al", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def entity_keys(item: AnalyzedArticle, sentence: Sentence) -> frozenset[frozenset[str]]:
    """The named entities in a sentence, each as its keys: the name, its acronym, a person's surname."""
    return frozenset(
        frozenset(keys)
        for mention in item.mentions
        if mention.label in _ENTITY_LABELS and sentence.start <= mention.start < sentence.end
        and (keys := name_keys(mention.text, mention.label))
    )


def sentence_entity_keys(item: AnalyzedArticle) -> list[frozenset[frozenset[str]]]:
    """``entity_keys`` of every sentence of an article, in one sorted pass over its mentions."""
    mentions = item.mentions
    inside = _positions_by_sentence(item.sentences, [m.start for m in mentions])
    keys: dict[int, frozenset[str]] = {}
    for i in sorted({i for ids in inside for i in ids}):
        if mentions[i].label in _ENTITY_LABELS:
            keys[i] = frozenset(name_keys(mentions[i].text, mentions[i].label))
    return [frozenset(keys[i] for i in ids if keys.get(i)) for ids in inside]


def _merged(entities: frozenset[frozenset[str]]) -> list[set[str]]:
    """Key sets merged wherever they share a key ("U.S." and "US" are one entity)."""
    groups: list[set[str]] = []
    for keys in entities:
        overlapping = [group for group in groups if group & keys]
        merged = set(keys).union(*overlapping)
        groups = [group for group in groups if not group & keys] + [merged]
    return groups


def name_keys(name: str, label: str) -> set[str]:
    """Comparable keys for one name: "the Trans-Pacific Partnership" -> trans-pacific partnership, tpp."""
    clean = re.sub(r"^(?i:the)\s+|['’]s$", "", name.strip()).strip(" .,")
    if not clean:
        return set()
    keys = {clean.lower()}
    parts = [p for p in re.split(r"[\s-]+", clean) if p]
    if len(parts) > 1 and all(p[0].isupper() for p in parts):
        keys.add("".join(p[0] for p in parts).lower())
    if clean.isupper() and len(clean) >= 2:
        keys.add(clean.replace(".", "").lower())
    if label == "PERSON" and len(parts) > 1:
        keys.add(parts[-1].lower())
    return keys


def _first_day(value: str) -> str:
    bounds = value_bounds(value)
    return bounds[0].isoformat() if bounds else value


def _last_day(value: str) -> str:
    bounds = value_bounds(value)
    return bounds[1].isoformat() if bounds else value


def with_bounds(item: AnalyzedArticle, bounds: Bounds | None) -> AnalyzedArticle:
    """The article with ``published.earliest``/``latest`` set from ``bounds`` (``None``: cleared)."""
    earliest, latest = bounds or (None, None)
    published = replace(item.article.published, earliest=earliest, latest=latest)
    if published == item.article.published:
        return item
    return replace(item, article=replace(item.article, published=published))
