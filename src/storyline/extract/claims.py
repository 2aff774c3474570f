"""Numeric claims: money, counts and shares stated in an article, with what they measure and who says so.

Candidates come from currency/percent/fraction patterns over the text plus spaCy's MONEY, PERCENT,
CARDINAL and QUANTITY entities; the dependency tree decides which are claims (not dates, ages,
durations, labels like "No. 2" or counts of the discourse's participants such as "the two nations"),
what they measure, the period they refer to and who asserts them.

Compound modifiers such as "12-nation TPP" or "10-day tour" are skipped on purpose: they describe a
thing's make-up, not a measured figure.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.extract.claims_context import (
    is_relative_year,
    resolve_relative_year,
    scope_of,
)
from storyline.extract.claims_measure import (
    BALANCE_NOUNS,
    Measure,
    countries_in,
    head_concept,
    is_personish,
    key_of,
    noun_measure,
    partitive_measure,
    share_measure,
    subject_of,
    tokens_text,
    verb_measure,
)
from storyline.extract.claims_numbers import (
    FRACTION_RE,
    MONEY_RE,
    PERCENT_RE,
    RANGE_RE,
    SCALE_WORDS,
    UNITS_WORDS,
    ParsedNumber,
    is_vague_amount,
    leading_qualifier,
    parse_count,
    parse_money,
    parse_percent,
    parse_range,
)
from storyline.models import Article, Claim, Sentence, Timex
from storyline.nlp import doc_entities, doc_text, sentences_of

ASSERTION_VERBS = frozenset({
    "say", "tell", "claim", "maintain", "acknowledge", "admit", "complain", "insist", "assert", "state",
    "estimate", "report", "announce", "argue", "contend", "note", "add", "deny", "confirm", "warn",
    "predict", "forecast", "project", "show", "calculate", "cite", "allege", "believe", "think",
    "disclose", "reveal", "testify", "write", "tweet", "decry", "lament", "boast", "concede", "stress",
    "suggest", "indicate", "accuse", "put", "declare", "explain", "emphasize", "emphasise", "mention",
})
PARTICIPANT_NOUNS = frozenset({
    "nation", "country", "leader", "side", "party", "government", "ally", "president", "minister",
    "official", "man", "woman", "goal", "way", "thing", "option", "issue", "point", "reason", "word",
    "step", "part", "question", "example", "aspect", "member", "partner", "neighbor", "neighbour",
    "sister", "brother", "son", "daughter", "child", "wife", "husband", "parent", "team", "candidate",
})
DURATION_NOUNS = frozenset({
    "second", "minute", "hour", "day", "night", "week", "weekend", "month", "year", "decade",
    "century", "time", "term", "round", "session", "age", "season", "quarter",
})
LEVEL_VERBS = frozenset({
    "be", "reach", "hit", "total", "stand", "top", "exceed", "amount", "come", "cost", "hold", "remain",
    "stay", "sit",
})
CHANGE_VERBS = frozenset({
    "rise", "fall", "grow", "climb", "jump", "drop", "decline", "increase", "decrease", "surge", "shrink",
    "widen", "narrow", "slide", "slip", "soar", "plunge", "gain", "lose", "expand", "contract", "edge",
})
LABEL_WORDS = frozenset({"no.", "no", "#", "number", "nos.", "article", "section", "chapter", "page",
                         "flight", "resolution", "route", "room", "item", "paragraph", "clause"})
ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)\b", re.IGNORECASE)
CONVERSION_GAP_RE = re.compile(r"^\s*(?:\(\s*(?:about|around|approximately|roughly|some|or)?|,?\s*or(?:\s+about)?)\s*$")
HONORIFICS = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof.", "Sen.", "Rep."})
PRONOUN_TARGETS: dict[str, frozenset[str]] = {
    "he": frozenset({"PERSON"}), "she": frozenset({"PERSON"}),
    "it": frozenset({"ORG", "GPE"}), "they": frozenset({"ORG", "GPE", "NORP"}),
}


@dataclass(frozen=True)
class Candidate:
    """A number expression found in the text, before deciding whether it is a claim."""

    start: int
    end: int
    kind: str  # "money", "percent" or "count"


def extract_claims(article: Article, doc: Doc, timexes: Sequence[Timex]) -> tuple[Claim, ...]:
    """Numeric claims of one article; ``doc`` is spaCy's parse of ``article.text``."""
    sentences = sentences_of(doc)
    sentence_starts = [s.start for s in sentences]
    claims: list[Claim] = []
    for candidate in _candidates(article.text, doc, timexes):
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        claim = _claim_from(article, candidate, span, timexes, _sentence_at(sentences, sentence_starts, candidate.start))
        if claim is not None:
            claims.append(claim)
    return tuple(sorted(claims, key=lambda c: c.start))


def _sentence_at(sentences: Sequence[Sentence], starts: list[int], offset: int) -> Sentence:
    """The sentence holding ``offset`` (or a one-character stand-in for text outside any sentence)."""
    position = bisect.bisect_right(starts, offset) - 1
    if position >= 0 and sentences[position].start <= offset < sentences[position].end:
        return sentences[position]
    return Sentence(offset, offset + 1)


def _claim_from(
    article: Article, candidate: Candidate, span: Span, timexes: Sequence[Timex], sentence: Sentence
) -> Claim | None:
    """Build the claim for one candidate, or None when it is not a numeric statement."""
    text = article.text[candidate.start : candidate.end]
    parsed = _parse(candidate.kind, text)
    if parsed is None or not _is_claim(candidate, parsed, span, article.text, timexes):
        return None
    anchor = _anchor(span)
    sentence_text = article.text[sentence.start : sentence.end]
    sentence_countries = countries_in(sentence_text.replace(text, " "))
    measure = _measure(_kind_of(candidate.kind, parsed), anchor, span, sentence_countries)
    if measure is None or not _names_something(measure.wording):
        return None
    claimant, cue = claim_source(anchor)
    period = period_of(anchor, span, sentence, timexes)
    period_text = None if period else relative_period_of(anchor, span, sentence, timexes)
    if period_text:
        period = resolve_relative_year(period_text, article.published)
        period_text = None if period else period_text
    return Claim(
        id=f"c-{article.id}-{candidate.start}", article_id=article.id, start=candidate.start,
        end=candidate.end, text=text, value=parsed.value, unit=parsed.unit, measure=measure.wording,
        measure_key=measure.key, period=period, claimant=claimant, sentence_start=sentence.start,
        sentence_end=sentence.end, approximate=parsed.approximate, cue=cue,
        scope=scope_of(measure.wording, measure.key, sentence_text), upper=parsed.upper, period_text=period_text,
    )


def _kind_of(kind: str, parsed: ParsedNumber) -> str:
    """A range's kind follows its unit; other candidates keep theirs."""
    if kind != "range":
        return kind
    return parsed.unit if parsed.unit in {"percent", "count"} else "money"


def _names_something(wording: str) -> bool:
    """False for a measure that is only the number's own words ("1", "billion"): nothing is measured."""
    words = re.findall(r"[A-Za-z]+", wording)
    return any(w.lower() not in SCALE_WORDS and w.lower() not in UNITS_WORDS for w in words)


def _parse(kind: str, text: str) -> ParsedNumber | None:
    """Value of a candidate according to its kind."""
    if kind == "money":
        return parse_money(text)
    if kind == "percent":
        return parse_percent(text)
    if kind == "range":
        return parse_range(text)
    return parse_count(text)


def _candidates(text: str, doc: Doc, timexes: Sequence[Timex]) -> list[Candidate]:
    """Number expressions, most specific first, without overlaps, each widened over a leading qualifier."""
    raw: list[Candidate] = []
    raw += [Candidate(m.start(), m.end(), "range") for m in RANGE_RE.finditer(text) if parse_range(m.group(0))]
    raw += [Candidate(m.start(), m.end(), "money") for m in MONEY_RE.finditer(text)]
    raw += [Candidate(m.start(), m.end(), "percent") for m in PERCENT_RE.finditer(text)]
    raw += [Candidate(m.start(), m.end(), "percent") for m in FRACTION_RE.finditer(text)]
    by_label = {"MONEY": "money", "PERCENT": "percent", "CARDINAL": "count", "QUANTITY": "count"}
    raw += [Candidate(e.start_char, e.end_char, by_label[e.label_]) for e in doc.ents if e.label_ in by_label]
    covered = {i for e in doc.ents for i in range(e.start, e.end)}
    raw += [Candidate(t.idx, t.idx + len(t.text), "count") for t in doc
            if t.i not in covered and (t.like_num and t.pos_ == "NUM")]
    accepted: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for candidate in raw:
        widened = _widen(text, candidate)
        if any(widened.start < end and start < widened.end for start, end in taken):
            continue
        if candidate.kind == "money" and _is_conversion(text, widened, accepted):
            taken.append((widened.start, widened.end))
            continue
        accepted.append(widened)
        taken.append((widened.start, widened.end))
    return sorted(accepted, key=lambda c: c.start)


def _widen(text: str, candidate: Candidate) -> Candidate:
    """Extend the span left over "at least", "nearly", "an estimated" and trim stray spaces."""
    start, end = candidate.start, candidate.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    qualifier = leading_qualifier(text[max(0, start - 20) : start])
    if qualifier is not None:
        found = text.lower().rfind(qualifier, max(0, start - 20), start)
        if found >= 0:
            start = found
    return Candidate(start, end, candidate.kind)


def _is_conversion(text: str, candidate: Candidate, accepted: Sequence[Candidate]) -> bool:
    """True for "(S$95 billion)" or ", or ¥7.8 trillion" right after another amount: a conversion."""
    for previous in accepted:
        if previous.kind == "money" and 0 <= candidate.start - previous.end <= 12:
            if CONVERSION_GAP_RE.match(text[previous.end : candidate.start]):
                return True
    return False


def _anchor(span: Span) -> Token:
    """The token that carries the number's syntax: the span root, or its last numeral if the root is a qualifier."""
    root = span.root
    if root.pos_ in {"DET", "ADV", "ADJ", "ADP"}:
        numerals = [t for t in span if t.like_num or t.pos_ == "NUM"]
        if numerals:
            return numerals[-1]
    return root


def _is_claim(candidate: Candidate, parsed: ParsedNumber, span: Span, text: str, timexes: Sequence[Timex]) -> bool:
    """Drop vague amounts and, for counts, dates, ages, durations, labels, ordinals and participants."""
    span_text = text[candidate.start : candidate.end]
    if is_vague_amount(span_text):
        return False
    if candidate.kind != "count":
        return candidate.kind != "range" or not _overlaps_date(candidate, span, timexes)
    if _overlaps_date(candidate, span, timexes) or ORDINAL_RE.search(span_text):
        return False
    if re.fullmatch(r"(?:1[89]|20)\d\d", span_text.strip()) or _is_hyphen_compound(text, candidate):
        return False
    if _is_label(span) or re.fullmatch(r"[\d.,]+\s*[-–:/]\s*[\d.,]+", span_text):
        return False
    return _counts_something(span, parsed)


def _overlaps_date(candidate: Candidate, span: Span, timexes: Sequence[Timex]) -> bool:
    """True when the number is part of a date, time or duration expression."""
    if any(t.ent_type_ in {"DATE", "TIME"} for t in span):
        return True
    return any(t.start < candidate.end and candidate.start < t.end for t in timexes)


def _is_hyphen_compound(text: str, candidate: Candidate) -> bool:
    """True for "10-day", "5-year-old", "12-nation", "two-way": a number fused into a modifier."""
    after = text[candidate.end : candidate.end + 2]
    inside = text[candidate.start : candidate.end]
    return bool(re.match(r"-[A-Za-z]", after)) or bool(re.search(r"\w-[A-Za-z]", inside))


def _is_label(span: Span) -> bool:
    """True for "No. 2", "Article 9", "Flight 17" and list markers: a number used as a name."""
    doc = span.doc
    previous = doc[span.start - 1] if span.start > 0 else None
    if previous is not None and previous.lower_ in LABEL_WORDS:
        return True
    following = doc[span.end] if span.end < len(doc) else None
    line_start = span.start_char == 0 or doc_text(doc)[span.start_char - 1] == "\n"
    return line_start and following is not None and following.text in {".", ")"}


def _counts_something(span: Span, parsed: ParsedNumber) -> bool:
    """A count is a claim when it counts something measured, not the story's participants or a duration."""
    anchor = _anchor(span)
    counted = _counted_noun(anchor, span)
    if counted is not None:
        lemma = counted.lemma_.lower()
        if lemma in DURATION_NOUNS:
            return False
        if lemma in PARTICIPANT_NOUNS and parsed.value < 10:
            return False
        return not (parsed.value == 1 and anchor.lower_ in {"one", "a", "an"})
    if parsed.value == 1 or anchor.dep_ in {"pobj", "attr", "npadvmod", "appos", "conj", "ROOT"}:
        return parsed.value >= 1000
    return anchor.head.pos_ in {"VERB", "AUX"} or parsed.value >= 1000


def _counted_noun(anchor: Token, span: Span) -> Token | None:
    """The noun a count quantifies: "13 Japanese" -> Japanese, "13 of 20 bases" -> bases."""
    whole = _partitive_whole(anchor, span)
    if whole is not None:
        return whole
    head = anchor.head
    if anchor.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod"} and head.pos_ in {"NOUN", "PROPN"}:
        if not (span.start <= head.i < span.end):
            return head
    return None


def _partitive_whole(anchor: Token, span: Span) -> Token | None:
    """The noun of "of ..." after a number ("two-thirds of the surplus"); "of it" resolves to the phrase head."""
    for token in (*span, anchor):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                target = next((t for t in child.children if t.dep_ == "pobj"), None)
                if target is None:
                    continue
                if target.pos_ == "PRON":
                    return anchor.head if anchor.dep_ == "appos" and anchor.head.pos_ == "NOUN" else None
                return target
    return None


def _measure(kind: str, anchor: Token, span: Span, sentence_countries: Sequence[str]) -> Measure | None:
    """What the number measures, by its place in the tree."""
    whole = _partitive_whole(anchor, span)
    if kind == "percent" and whole is None and anchor.dep_ == "appos" and anchor.head.pos_ == "NOUN":
        whole = anchor.head
    if kind == "percent" and whole is not None:
        return share_measure(whole, span, sentence_countries)
    if kind == "count" and whole is not None:
        verb = anchor.head if anchor.head.pos_ == "VERB" and anchor.dep_ in {"dobj", "nsubjpass"} else None
        return partitive_measure(whole, verb, span, sentence_countries)
    counted = _counted_noun(anchor, span)
    if counted is not None and kind == "count" and is_personish(counted):
        verb = counted.head if counted.dep_ in {"dobj", "nsubj", "nsubjpass"} else anchor.head
        if verb.pos_ == "VERB" and anchor.dep_ in {"dobj", "nsubjpass", "nsubj", "nummod"}:
            return verb_measure(verb, counted, span, sentence_countries)
    if counted is not None:
        return noun_measure(counted, span, sentence_countries)
    owner = _owning_noun(anchor)
    if owner is not None:
        return noun_measure(owner, span, sentence_countries)
    level = _level_measure(anchor, span, sentence_countries)
    if level is not None:
        return level
    head = anchor.head
    if head.pos_ in {"VERB", "AUX"} and head.i != anchor.i:
        return verb_measure(head, None, span, sentence_countries)
    return Measure(tokens_text([anchor]), key_of(head_concept(anchor), sentence_countries))


def _owning_noun(anchor: Token) -> Token | None:
    """The noun a figure belongs to: "a profit of $5 billion" -> profit, "a deal worth €4.5bn" -> deal."""
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head
    if head.lower_ == "worth" and head.i != anchor.i:
        if head.head.pos_ in {"NOUN", "PROPN"}:
            return head.head
        subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        return subject if subject is not None and subject.pos_ in {"NOUN", "PROPN"} else None
    return None


def _level_measure(anchor: Token, span: Span, sentence_countries: Sequence[str]) -> Measure | None:
    """"The deficit hit $375 billion" / "exports rose 5%": the figure is the level or change of the subject."""
    verb = anchor.head
    if anchor.dep_ == "pobj" and verb.lower_ in {"to", "by", "at", "of"}:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or anchor.dep_ not in {"dobj", "attr", "npadvmod", "pobj", "advmod"}:
        return None
    lemma = verb.lemma_.lower()
    to_a_level = anchor.dep_ == "pobj" and anchor.head.lower_ in {"to", "at"}
    if lemma in {"put", "estimate", "peg", "place", "value"} and to_a_level:
        measured = next((c for c in verb.children if c.dep_ == "dobj"), None)
        measured = _antecedent(measured) if measured is not None and measured.pos_ == "PRON" else measured
        return noun_measure(measured, span, sentence_countries) if measured is not None else None
    if lemma not in LEVEL_VERBS and lemma not in CHANGE_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
        subject = _relative_antecedent(verb.head)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or subject.ent_type_ in {"PERSON", "ORG"}:
        return None
    level = noun_measure(subject, span, sentence_countries)
    if lemma in CHANGE_VERBS and not to_a_level:
        return Measure(f"change in {level.wording}", f"change in {level.key}")
    return level


def _relative_antecedent(head: Token) -> Token:
    """What "which" stands for: "the deficit with Japan, which ..." is the deficit, not Japan."""
    current = head
    while current.pos_ == "PROPN" and current.dep_ == "pobj" and current.head.head.pos_ == "NOUN":
        current = current.head.head
    return current


def _antecedent(pronoun: Token) -> Token | None:
    """The noun "it" stands for: the last balance noun before it in the sentence, else the last object noun."""
    before = [t for t in pronoun.sent if t.i < pronoun.i and t.pos_ == "NOUN"]
    balances = [t for t in before if t.lemma_.lower() in BALANCE_NOUNS]
    objects = [t for t in before if t.dep_ in {"dobj", "pobj", "nsubj"}]
    candidates = balances or objects
    return candidates[-1] if candidates else None


def claimant_of(anchor: Token) -> str | None:
    """Who asserts the figure (see :func:`claim_source`)."""
    return claim_source(anchor)[0]


def claim_source(anchor: Token) -> tuple[str | None, str | None]:
    """Who asserts the figure and how: ("Tokyo", "maintain"), ("U.S. Commerce Department", "according to").

    An "according to" source in the sentence wins; else the subject of the nearest assertion verb
    above the figure. A figure inside a relative clause ("the deficit, which is $69 billion") is the
    writer's, not the governing speaker's.
    """
    for token in anchor.sent:
        if token.lower_ == "according" and token.i + 2 < len(anchor.doc) and anchor.doc[token.i + 1].lower_ == "to":
            source = next((t for t in anchor.doc[token.i + 1].children if t.dep_ == "pobj"), None)
            if source is not None:
                return _name_of(source), "according to"
    for ancestor in anchor.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"} and ancestor.lemma_.lower() in ASSERTION_VERBS:
            subject = _assertion_subject(ancestor)
            if subject is not None and anchor not in list(subject.subtree):
                name = _name_of(subject)
                return (name, ancestor.lemma_.lower()) if name else (None, None)
        if ancestor.dep_ == "relcl":
            break
    return None, None


def _assertion_subject(verb: Token) -> Token | None:
    """Subject of an assertion verb; a conjunct only inherits from another assertion verb.

    The small model often hangs "... says X died and denies Y" off "died"; inheriting "died"'s subject
    would make the dead the claimant, so such a conjunct defers to the next assertion verb up.
    """
    own = next((c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), None)
    if own is not None or verb.dep_ != "conj":
        return own if own is not None else subject_of(verb)
    if verb.head.lemma_.lower() in ASSERTION_VERBS:
        return subject_of(verb.head)
    return None


def _name_of(subject: Token) -> str | None:
    """A readable name for a subject token: its named entity, a resolved pronoun, or its short phrase."""
    if subject.pos_ == "PRON":
        return _resolve_pronoun(subject)
    entity = next((e for e in doc_entities(subject.doc) if e.start <= subject.i < e.end), None)
    if entity is None and subject.pos_ == "NOUN":
        compounds = {t.i for c in subject.lefts if c.dep_ == "compound" for t in c.subtree}
        entity = next((e for e in doc_entities(subject.doc) if e.label_ == "ORG" and e.root.i in compounds), None)
    if entity is not None and entity.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
        words = [w for w in entity.text.split() if w not in HONORIFICS]
        if len(words) > 1 and words[0].lower() == "the":
            words = words[1:]
        return " ".join(words) or entity.text
    tokens = [t for c in subject.lefts if c.dep_ in {"compound", "amod", "poss", "case"} for t in c.subtree]
    tokens.append(subject)
    words = [t.text for t in sorted(tokens, key=lambda t: t.i) if t.text not in HONORIFICS]
    return tokens_text(t for t in tokens if t.text not in HONORIFICS) if words else None


def _resolve_pronoun(pronoun: Token) -> str | None:
    """The nearest preceding named entity a pronoun can stand for ("he" -> the last PERSON)."""
    labels = PRONOUN_TARGETS.get(pronoun.lower_)
    if labels is None:
        return None
    before = [e for e in doc_entities(pronoun.doc) if e.end <= pronoun.i and e.label_ in labels]
    if not before:
        return None
    return " ".join(w for w in before[-1].text.split() if w not in HONORIFICS)


def period_of(anchor: Token, span: Span, sentence: Sentence, timexes: Sequence[Timex]) -> str | None:
    """Resolved value of a DATE timex in the sentence that attaches to the figure's own clause."""
    timex = _attached_timex(anchor, span, sentence, [t for t in timexes if t.value is not None])
    return timex.value if timex else None


def relative_period_of(anchor: Token, span: Span, sentence: Sentence, timexes: Sequence[Timex]) -> str | None:
    """The unresolved relative period ("last year") attached to the figure, as written."""
    unresolved = [t for t in timexes if t.value is None and is_relative_year(t.text)]
    timex = _attached_timex(anchor, span, sentence, unresolved) if unresolved else None
    return " ".join(timex.text.split()) if timex else None


def _attached_timex(anchor: Token, span: Span, sentence: Sentence, timexes: Sequence[Timex]) -> Timex | None:
    """The DATE timex of the sentence nearest the figure among those attached to its own clause."""
    doc = anchor.doc
    clause = _figure_clause(anchor, span)
    best: tuple[int, Timex] | None = None
    for timex in timexes:
        if timex.type != "DATE" or (timex.value or "").startswith("P"):
            continue
        if not (sentence.start <= timex.start and timex.end <= sentence.end + 1):
            continue
        if timex.start < span.end_char and span.start_char < timex.end:
            continue
        timex_span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if timex_span is None or len(timex_span) == 0:
            continue
        root = timex_span.root
        attachment = root.head
        while attachment.pos_ == "ADP" and attachment.head.i != attachment.i:
            attachment = attachment.head
        if attachment.i in clause or root.i in clause:
            distance = abs(root.i - anchor.i)
            if best is None or distance < best[0]:
                best = (distance, timex)
    return best[1] if best else None


def _figure_clause(anchor: Token, span: Span) -> set[int]:
    """Token indices that belong to the figure: the number, its noun phrase, and verbs up to a speech verb."""
    clause = {t.i for t in span}
    counted = _counted_noun(anchor, span)
    if counted is not None:
        clause |= {t.i for t in counted.subtree}
    for ancestor in anchor.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"} and ancestor.lemma_.lower() in ASSERTION_VERBS:
            break
        clause.add(ancestor.i)
    return clause
