"""Temporal expressions in an article, normalised to TIMEX3 values against its publication date.

Candidates come from spaCy's DATE/TIME entities and from the raw-text finders of
``storyline.dates.rules``; each is trimmed ("on Tuesday" -> "Tuesday",
"Tuesday's" -> "Tuesday") and kept only if a rule reads all of it. Overlaps go
to the longest expression. Relative expressions resolve against the article's
publication date and the tense of the verb governing the expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from storyline.dates.anaphora import (
    QUARTER_REACH,
    is_quarter,
    is_reference,
    shift_value,
)
from storyline.dates.resolve import Tense
from storyline.dates.rules import CONTEXT_FINDER, RULES, Context, Reading, interpret
from storyline.dates.values import Anchor, anchor_of
from storyline.models import Article, Timex
from storyline.nlp import doc_text

_LEADING_WORDS = re.compile(
    r"(?:(?i:on|in|at|by|since|until|till|from|during|for|of|about|around|through|throughout|over|under|within"
    r"|after|before|between|as\s+of|as\s+early\s+as|nearly|almost|roughly|approximately|some|more\s+than|less\s+than"
    r"|at\s+least|just|only|to|and|or))\s+"
)
_TRAILING_JUNK = re.compile(r"(?:['’]s?|[,;:!?)\]\"”])+$")
_NON_DATE_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
_FUTURE_MODALS = frozenset({"will", "'ll", "’ll", "shall", "wo", "would", "should"})
_FUTURE_HEADS = frozenset({"expect", "plan", "schedule", "intend", "aim", "prepare", "hope", "go", "due", "vow",
                           "promise"})
_PLAN_HEADS = frozenset({"expect", "plan", "schedule", "intend", "aim", "prepare", "set", "due", "agree", "vow",
                         "promise", "postpone", "delay", "threaten"})
_FUTURE_CUES = re.compile(r"(?i:\b(?:as\s+(?:soon|early)\s+as|(?:postponed|extended|delayed)\s+(?:until|till|to|through)"
                          r"|no\s+later\s+than))\s*$")
_TERM_CUES = re.compile(r"(?i:\b(?:payable|effective|expires?|expiring|due|record|deadline\s+of|until|through))\s*$")
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_DEADLINE_WORDS = frozenset({"by", "until", "till", "before"})


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    readings: tuple[Reading, ...]


def extract_timexes(article: Article, doc: Doc) -> tuple[Timex, ...]:
    """Temporal expressions of ``article`` (parsed as ``doc``), in text order, with TIMEX3 values.

    Relative expressions of an undated article get ``value=None``; absolute ones
    still resolve. ``article.text[t.start:t.end] == t.text`` for every result.
    """
    text = article.text
    usable_doc = doc if doc_text(doc) == text else None
    anchor = anchor_of(article.published)
    found = [
        interpreted
        for start, end in sorted(set(_candidate_spans(text, usable_doc)))
        if (interpreted := _interpret_span(text, start, end, usable_doc, anchor)) is not None
    ]
    pairs = [(item, reading) for item in _longest_first(found) for reading in item.readings]
    pairs.sort(key=lambda pair: (pair[0].start + pair[1].start, pair[0].end))
    timexes: list[Timex] = []
    previous: Timex | None = None
    for item, reading in pairs:
        timex = _timex(article, item, _resolve_shift(reading, previous, item.start))
        timexes.append(timex)
        # "a year earlier" after "a year ago" means the same year: shifted values never anchor the next shift.
        if timex.type in ("DATE", "TIME") and is_reference(timex.value) and not reading.shift:
            previous = timex
    return tuple(sorted(timexes, key=lambda t: (t.start, t.end)))


def _resolve_shift(reading: Reading, previous: Timex | None, position: int) -> Reading:
    """Resolve "two days later"-style readings against the previous timex's value.

    A reading marked ``shift_quarters_only`` ("a year ago") keeps its own value unless the
    previous timex, close by, is a quarter (financial news: "a year ago" = that quarter last year).
    """
    if reading.shift is None or reading.shift_unit is None:
        return reading
    reference = previous.value if previous is not None else None
    if reading.shift_quarters_only:
        near = previous is not None and position - previous.end <= QUARTER_REACH
        if not (near and is_quarter(reference)):
            return reading
    shifted = shift_value(reference, reading.shift, reading.shift_unit) if reference else None
    if shifted is None:
        return replace(reading, value=None, granularity=None)
    return replace(reading, value=shifted[0], granularity=shifted[1])


def _timex(article: Article, found: _Found, reading: Reading) -> Timex:
    start = found.start + reading.start
    end = found.end if reading.end is None else found.start + reading.end
    return Timex(article.id, start, end, article.text[start:end], reading.type, reading.value, reading.granularity)


def _candidate_spans(text: str, doc: Doc | None) -> Iterator[tuple[int, int]]:
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                yield ent.start_char, ent.end_char
    for rule in RULES:
        if rule.finder is not None:
            for match in rule.finder.finditer(text):
                yield match.span()
    non_dates = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NON_DATE_LABELS] if doc else []
    for match in CONTEXT_FINDER.finditer(text):
        if not any(start < match.end() and match.end() - 4 < end for start, end in non_dates):
            yield match.span()


def _trimmed_variants(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span as found, then without possessives/punctuation, then without leading prepositions."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    yield start, end
    junk = _TRAILING_JUNK.search(text, start, end)
    trimmed_end = junk.start() if junk else end
    if trimmed_end != end:
        yield start, trimmed_end
    lead = start
    while (word := _LEADING_WORDS.match(text, lead, trimmed_end)) is not None and word.end() < trimmed_end:
        lead = word.end()
        yield lead, end
        if trimmed_end != end:
            yield lead, trimmed_end


def _interpret_span(text: str, start: int, end: int, doc: Doc | None, anchor: Anchor | None) -> _Found | None:
    for variant_start, variant_end in _trimmed_variants(text, start, end):
        if variant_end <= variant_start:
            continue
        tense = tense_at(doc, variant_start, variant_end) if doc is not None else "neutral"
        readings = interpret(text[variant_start:variant_end], Context(anchor, tense))
        if readings:
            return _Found(variant_start, variant_end, readings)
    return None


def _longest_first(found: list[_Found]) -> list[_Found]:
    chosen: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if all(item.end <= other.start or other.end <= item.start for other in chosen):
            chosen.append(item)
    return chosen


def tense_at(doc: Doc, start: int, end: int) -> Tense:
    """Tense of the clause an expression at ``start:end`` belongs to: past, future or neutral.

    Reads the verb governing the expression: a "will"/"would" auxiliary, "going
    to", or a present-tense "expects/plans/prepares" above it means future; a
    past-tense verb or a perfect means past. A "by"/"until" deadline in a
    present-tense clause also means future.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "neutral"
    before = doc_text(doc)[max(0, start - 40) : start]
    if _FUTURE_CUES.search(before):
        return "future"
    if _TERM_CUES.search(before):
        return "neutral"
    verb = _governing_verb(span.root)
    tense = _verb_tense(verb) if verb is not None else "neutral"
    if tense == "neutral" and _before(span) in _DEADLINE_WORDS:
        return "future"
    return tense


def _before(span: Span) -> str:
    return span.doc[span.start - 1].lower_ if span.start > 0 else ""


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(16):
        if current.pos_ in ("VERB", "AUX") and current is not token:
            return current
        if current.head.i == current.i:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
    return None


def _verb_tense(verb: Token, depth: int = 0) -> Tense:
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxiliaries}
    if words & _FUTURE_MODALS:
        return "past" if "have" in words else "future"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "’ve"}:
        return "past"
    present = verb.tag_ in _PRESENT_TAGS or any(aux.tag_ in _PRESENT_TAGS for aux in auxiliaries)
    if verb.lemma_.lower() in _FUTURE_HEADS and present:
        return "future"
    if "to" in words and verb.dep_ in ("xcomp", "ccomp", "advcl", "acl") and depth < 3:
        if verb.head.lemma_.lower() in _PLAN_HEADS:
            return "future"
        return "neutral"
    return "neutral"
