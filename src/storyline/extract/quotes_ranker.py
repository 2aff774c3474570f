"""Speakers for direct quotes the rules leave without one: a small learned ranker over the names
written near the quote.

The candidates are the PERSON, ORG, NORP and GPE names outside quotation marks in the quote's
sentence, the three sentences before it and the one after it. Each gets the features of
``FEATURE_NAMES`` (distance and side, same sentence, subject of a speech verb, label, mentions in the
article, nearest on its side, whether the rules made it the speaker of another quote, the quote's
length). A conditional logit weighs each candidate against the others and against "nobody" (score
0); its weights were fitted on the project's hand-annotated speaker sets by
``benchmarks/speaker_ranker_loco.py --fit``. The likeliest candidate becomes the speaker only when its
probability reaches ``THRESHOLD``, so quotes with no one nearby who plausibly said them keep no
speaker.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from storyline.extract.quotes_cues import CUE_LEMMAS
from storyline.extract.quotes_marks import QuotedSpan
from storyline.extract.quotes_name_tokens import last_word_of
from storyline.extract.quotes_words import SUBJECT_DEPS
from storyline.models import Quote

CANDIDATE_LABELS = ("PERSON", "ORG", "NORP", "GPE")
SENTENCES_BEFORE, SENTENCES_AFTER = 3, 1
FEATURE_NAMES = (
    "bias", "log_distance", "before", "same_sentence", "subject_of_cue", *CANDIDATE_LABELS,
    "log_mentions", "nearest_before", "nearest_after", "speaks_elsewhere", "speaker_of_previous",
    "sentence_starts_apart", "subject", "nearest_person_before", "quote_words", "quote_ends_clause",
)
# Fitted by ``benchmarks/speaker_ranker_loco.py --fit`` on all thirteen hand-annotated speaker sets.
WEIGHTS: tuple[float, ...] = (
    -3.0342, -0.4656, 1.3051, -0.9324, 0.7964, 0.5221, -0.7689, -1.0629, -1.7245, -0.4806,
    -0.2093, 0.2287, 1.2304, 0.1562, -2.0160, 0.6284, -0.0669, 4.4367, 0.0079,
)
THRESHOLD = 0.6


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name near a quote: ``text == doc.text[start:end]``, its entity label and features."""

    start: int
    end: int
    text: str
    label: str
    features: tuple[float, ...]


def quoted_ranges(spans: Sequence[QuotedSpan]) -> list[tuple[int, int]]:
    """Each quoted span's characters, marks included (to its end when it has no closing mark)."""
    return [span.marked for span in spans]


def _window(doc: Doc, at: int) -> tuple[int, int]:
    """Character bounds of the sentences around the one holding ``at``."""
    sentences = list(doc.sents)
    index = next((i for i, s in enumerate(sentences) if s.start_char <= at < s.end_char), 0)
    low = sentences[max(index - SENTENCES_BEFORE, 0)].start_char
    return low, sentences[min(index + SENTENCES_AFTER, len(sentences) - 1)].end_char


def nearby_names(doc: Doc, quoted: Sequence[tuple[int, int]], at: int) -> list[Span]:
    """Names outside ``quoted`` ranges in the sentence holding ``at`` and the sentences around it."""
    low, high = _window(doc, at)
    return [
        ent for ent in doc.ents
        if ent.label_ in CANDIDATE_LABELS and low <= ent.start_char < high
        and not any(s <= ent.start_char < e for s, e in quoted)
    ]


@dataclass(frozen=True, slots=True)
class _Setting:
    """What every candidate of one quote is compared with: the nearest candidate starts before and
    after the quote and the nearest person's before it, the token where the quote's sentence
    starts, and the rules' speakers (last words) in the article and of the quote before."""

    nearest_before: int
    nearest_after: int
    nearest_person_before: int
    sentence_start: int
    article_speakers: frozenset[str]
    previous_speaker: str


def _setting(doc: Doc, quote: Quote, names: Sequence[Span], others: Sequence[Quote]) -> _Setting:
    before = [n.start_char for n in names if n.start_char < quote.start]
    people = [n.start_char for n in names if n.start_char < quote.start and n.label_ == "PERSON"]
    first = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    others = [q for q in others if q.id != quote.id and q.speaker_text]
    previous = [q for q in others if q.end <= quote.start]
    return _Setting(
        max(before, default=-1),
        min((n.start_char for n in names if n.start_char >= quote.start), default=-1),
        max(people, default=-1),
        first.sent.start if first is not None else -1,
        frozenset(last_word_of(q.speaker_text or "") for q in others) - {""},
        last_word_of(previous[-1].speaker_text or "") if previous else "",
    )


def _features(doc: Doc, name: Span, quote: Quote, setting: _Setting) -> tuple[float, ...]:
    """One candidate's features, in the order of ``FEATURE_NAMES``."""
    root = name.root
    # Tokens between the two sentences' starts, capped at 4: 0 in the same sentence, near 1 otherwise.
    starts_apart = abs(root.sent.start - setting.sentence_start) if setting.sentence_start >= 0 else 0
    distance = name.start_char - quote.start
    last = last_word_of(name.text)
    return (
        1.0,
        math.log1p(abs(distance)) / 10,
        float(distance < 0),
        float(root.sent.start_char <= quote.start < root.sent.end_char),
        float(root.dep_ in SUBJECT_DEPS and root.head.lemma_.lower() in CUE_LEMMAS),
        *(float(name.label_ == label) for label in CANDIDATE_LABELS),
        math.log1p(doc.text.count(last)) / 3 if last else 0.0,
        float(name.start_char == setting.nearest_before),
        float(name.start_char == setting.nearest_after),
        float(last in setting.article_speakers),
        float(last != "" and last == setting.previous_speaker),
        min(starts_apart, 4) / 4,
        float(root.dep_ in SUBJECT_DEPS),
        float(name.start_char == setting.nearest_person_before),
        math.log1p(len(quote.text.split())) / 4,
        float(quote.text.rstrip()[-1:] in {".", ",", "?", "!"}),
    )


def candidates(doc: Doc, quote: Quote, quoted: Sequence[tuple[int, int]], others: Sequence[Quote]) -> list[Candidate]:
    """The names near ``quote`` with their features; ``others`` are the article's direct quotes."""
    names = nearby_names(doc, quoted, quote.start)
    setting = _setting(doc, quote, names, others)
    return [Candidate(n.start_char, n.end_char, n.text, n.label_, _features(doc, n, quote, setting)) for n in names]


def choice_probabilities(features: Sequence[Sequence[float]], weights: Sequence[float] = WEIGHTS) -> list[float]:
    """Each candidate's probability of being the speaker, against the others and "nobody" (whose
    score is 0), given the candidates' ``features``."""
    odds = [math.exp(max(min(sum(f * w for f, w in zip(row, weights, strict=True)), 50.0), -50.0)) for row in features]
    return [value / (1 + sum(odds)) for value in odds]


def _speaker_text(doc: Doc, candidate: Candidate) -> tuple[int, int, str]:
    end = candidate.end
    for suffix in ("\u2019s", "'s"):
        if doc.text.endswith(suffix, candidate.start, end):
            end -= len(suffix)
    return candidate.start, end, doc.text[candidate.start:end]


def with_ranked_speakers(doc: Doc, quotes: Sequence[Quote], quoted: Sequence[tuple[int, int]]) -> list[Quote]:
    """``quotes`` with a speaker given to each direct quote that has none, where the likeliest name
    near it has a probability of at least ``THRESHOLD``."""
    result: list[Quote] = []
    for quote in quotes:
        if quote.kind == "direct" and quote.speaker_text is None:
            names = candidates(doc, quote, quoted, quotes)
            chances = choice_probabilities([c.features for c in names])
            best = max(range(len(names)), key=chances.__getitem__, default=None)
            if best is not None and chances[best] >= THRESHOLD:
                start, end, text = _speaker_text(doc, names[best])
                quote = replace(quote, speaker_text=text, speaker_start=start, speaker_end=end)
        result.append(quote)
    return result


__all__ = [
    "Candidate", "FEATURE_NAMES", "THRESHOLD", "WEIGHTS", "candidates", "choice_probabilities", "nearby_names",
    "quoted_ranges", "with_ranked_speakers",
]
