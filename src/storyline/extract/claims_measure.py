"""What a number measures: the noun phrase it quantifies, its wording and its normalised grouping key.

``measure_of`` reads the dependency tree around a number and returns the human wording ("U.S. trade
deficit with Japan") and a key that groups equivalent measures across articles ("trade balance:JP-US").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

COUNTRY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("KP", r"\bNorth Korean?s?\b|\bPyongyang\b|\bDPRK\b"),
    ("KR", r"\bSouth Korean?s?\b|\bSeoul\b|\bROK\b"),
    ("US", r"\bU\.S\.(?:A\.)?|\bUS(?:A)?\b(?!\$)|\bUnited States\b|(?<!North )(?<!South )(?<!Latin )"
           r"(?<!Central )\bAmericans?\b|(?<!North )(?<!South )(?<!Latin )(?<!Central )\bAmerica\b"
           r"|\bWashington\b"),
    ("JP", r"\bJapan(?:ese)?\b|\bTokyo\b"),
    ("CN", r"\bChin(?:a|ese)\b|\bBeijing\b"),
    ("RU", r"\bRussian?s?\b|\bMoscow\b|\bKremlin\b"),
    ("GB", r"\bBritain\b|\bBritish\b|\bUnited Kingdom\b|\bU\.K\.|\bUK\b|\bLondon\b"),
    ("EU", r"\bEuropean Union\b|\bEU\b|\bE\.U\.|\bBrussels\b"),
    ("DE", r"\bGerman(?:y|s)?\b|\bBerlin\b"),
    ("FR", r"\bFran(?:ce|ch)\b|\bParis\b"),
    ("IN", r"\bIndian?s?\b|\bNew Delhi\b"),
    ("CA", r"\bCanad(?:a|ians?)\b|\bOttawa\b"),
    ("MX", r"\bMexic(?:o|ans?)\b"),
    ("TW", r"\bTaiwan(?:ese)?\b|\bTaipei\b"),
    ("IR", r"\bIran(?:ian)?s?\b|\bTehran\b"),
    ("UA", r"\bUkrain(?:e|ians?)\b|\bKyiv\b|\bKiev\b"),
)
COUNTRY_RES = tuple((code, re.compile(pattern)) for code, pattern in COUNTRY_PATTERNS)
DEMONYMS: dict[str, str] = {
    "US": "Americans", "JP": "Japanese", "CN": "Chinese", "KP": "North Koreans", "KR": "South Koreans",
    "RU": "Russians", "GB": "Britons", "DE": "Germans", "FR": "French", "IN": "Indians",
    "CA": "Canadians", "MX": "Mexicans", "TW": "Taiwanese", "IR": "Iranians", "UA": "Ukrainians",
}
BALANCE_NOUNS = frozenset({"surplus", "deficit", "imbalance", "balance", "gap"})
LEMMA_FIXES: dict[str, str] = {"basis": "base", "Japanese": "japanese"}
PHRASE_DEPS_DROPPED = frozenset(
    {"det", "predet", "nummod", "quantmod", "punct", "relcl", "acl", "appos", "cc", "conj", "advmod",
     "prep_skip", "case_skip", "parataxis", "dep"}
)
SUBJECT_PREFIX_VERBS = frozenset({"see", "have", "run", "post", "record", "report", "face", "log", "book"})
EXAMPLE_PREPOSITIONS = frozenset({"including", "excluding", "like", "such", "besides", "except"})
QUALIFYING_ADJECTIVES = frozenset({"estimated", "approximately", "roughly", "about", "some", "worth"})
PERSONISH_NOUNS = frozenset({"people", "person", "other", "citizen", "national", "resident", "civilian"})


@dataclass(frozen=True)
class Measure:
    """The wording and grouping key of what a number measures."""

    wording: str
    key: str


def countries_in(text: str) -> tuple[str, ...]:
    """Normalised country codes named in ``text`` (U.S./America/Washington -> US, Tokyo -> JP ...), in order."""
    found: list[tuple[int, str]] = []
    for code, pattern in COUNTRY_RES:
        match = pattern.search(text)
        if match:
            found.append((match.start(), code))
    return tuple(code for _, code in sorted(found))


def tokens_text(tokens: Iterable[Token]) -> str:
    """Join tokens in document order, keeping the original spacing between neighbours."""
    ordered = sorted(set(tokens), key=lambda t: t.i)
    parts: list[str] = []
    for position, token in enumerate(ordered):
        parts.append(token.text)
        following = ordered[position + 1] if position + 1 < len(ordered) else None
        if following is not None and (token.whitespace_ or following.i != token.i + 1):
            parts.append(" ")
    return "".join(parts).strip(" ,-–—")


def phrase_tokens(head: Token, excluded: Span) -> list[Token]:
    """The noun phrase of ``head`` without determiners, clauses, appositions and the number itself."""
    kept: list[Token] = [head]
    for child in head.children:
        if child.i in range(excluded.start, excluded.end) or child.dep_ in PHRASE_DEPS_DROPPED:
            continue
        if child.dep_ == "amod" and child.lower_ in QUALIFYING_ADJECTIVES:
            continue
        if child.dep_ == "prep" and (child.i < head.i or child.lower_ in EXAMPLE_PREPOSITIONS):
            continue
        if child.dep_ == "prep":
            kept.extend(t for t in child.subtree if t.dep_ not in {"relcl", "acl", "appos"}
                        and not t.is_punct and t.i not in range(excluded.start, excluded.end))
            continue
        kept.extend(t for t in child.subtree if not t.is_punct and t.i not in range(excluded.start, excluded.end))
    return [t for t in kept if not _inside_clause(t, head)]


def _inside_clause(token: Token, head: Token) -> bool:
    """True when ``token`` hangs below a relative clause, apposition or conjunct of ``head``'s phrase."""
    current = token
    while current.i != head.i and current.head.i != current.i:
        if current.dep_ in {"relcl", "acl", "appos", "conj", "cc"} and current.head.i != head.i:
            return True
        current = current.head
    return False


def head_concept(head: Token) -> str:
    """Lemmatised compounds + head noun ("missile base"); surplus/deficit of trade -> "trade balance"."""
    compounds = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ in {"NOUN", "ADJ"}]
    words = [_lemma(c) for c in compounds] + [_lemma(head)]
    if words[-1] in BALANCE_NOUNS:
        qualifier = [w for w in words[:-1] if w in {"trade", "budget", "fiscal", "account", "current"}]
        if not qualifier and head.lower_ in {"gap", "imbalance"} and _mentions_trade(head):
            qualifier = ["trade"]
        return " ".join(qualifier + ["balance"]) if qualifier else "balance"
    return " ".join(words)


def _mentions_trade(head: Token) -> bool:
    """Whether the sentence around a bare "gap"/"imbalance" is about trade (and not budgets)."""
    lemmas = {t.lemma_.lower() for t in head.sent}
    return "trade" in lemmas and not lemmas & {"budget", "fiscal"}


def _lemma(token: Token) -> str:
    """Lower-case lemma with the small model's known slips corrected ("bases" is not "basis")."""
    lemma = token.lemma_
    return LEMMA_FIXES.get(lemma, lemma).lower()


def participle(verb: Token) -> str:
    """Past-participle form for a measure's wording: "abducting" -> "abducted"."""
    if verb.tag_ in {"VBN", "VBD"}:
        return verb.text.lower()
    lemma = verb.lemma_.lower()
    return lemma + "d" if lemma.endswith("e") else lemma + "ed"


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, inherited from governing verbs for participles, infinitives and conjuncts."""
    current: Token | None = verb
    for _ in range(6):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return child
        if current.dep_ not in {"acl", "xcomp", "advcl", "conj", "dobj", "pcomp"} or current.head.i == current.i:
            return None
        current = current.head
    return None


def key_of(concept: str, countries: Sequence[str]) -> str:
    """``concept:CC-DD`` with the country codes sorted, or just the concept when none apply."""
    codes = sorted(set(countries))
    return f"{concept}:{'-'.join(codes)}" if codes else concept


def noun_measure(noun: Token, number: Span, sentence_countries: Sequence[str]) -> Measure:
    """Measure of a noun the number quantifies, e.g. "$69 billion trade surplus with the United States"."""
    tokens = phrase_tokens(noun, number)
    wording = tokens_text(tokens)
    countries = list(countries_in(wording))
    verb = noun.head
    has_owner = any(c.dep_ == "poss" for c in noun.children) or countries_in(
        tokens_text(c for c in noun.lefts if c.dep_ == "compound"))
    if noun.dep_ == "dobj" and verb.lemma_ in SUBJECT_PREFIX_VERBS and not has_owner:
        subject = subject_of(verb)
        if subject is not None and countries_in(subject.text):
            wording = f"{subject.text} {wording}"
            countries = list(countries_in(wording))
    concept = head_concept(noun)
    if concept.endswith("balance") and len(set(countries)) < 2:
        countries.extend(sentence_countries)
    elif not countries:
        countries = list(sentence_countries)
    return Measure(wording, key_of(concept, countries))


def partitive_measure(whole: Token, verb: Token | None, number: Span, sentence_countries: Sequence[str]) -> Measure:
    """Measure of "13 of 20 bases" as the verb sees it: "missile bases ... identified"."""
    inner = noun_measure(whole, number, sentence_countries)
    if verb is None:
        return inner
    verb_words = participle(verb)
    return Measure(f"{inner.wording} {verb_words}", f"{verb_words} {inner.key}")


def share_measure(whole: Token, number: Span, sentence_countries: Sequence[str]) -> Measure:
    """Measure of a fraction or percent of a whole: "share of Japan's trade surplus with the US"."""
    inner = noun_measure(whole, number, sentence_countries)
    return Measure(f"share of {inner.wording}", f"share of {inner.key}")


def verb_measure(verb: Token, counted: Token | None, number: Span, sentence_countries: Sequence[str]) -> Measure:
    """Measure of a count that is a verb's object or subject: "Japanese abducted by North Korea"."""
    noun_text = tokens_text(phrase_tokens(counted, number)) if counted is not None else ""
    passive_subject = counted is None and number.root.dep_ == "nsubjpass"
    is_object = (counted is not None and counted.dep_ in {"dobj", "nsubjpass"}) or (
        counted is None and number.root.dep_ in {"dobj", "nsubjpass"})
    if not is_object and not passive_subject:
        tail = tokens_text(t for c in verb.rights if c.dep_ in {"dobj", "prep"} for t in c.subtree)
        wording = " ".join(w for w in (noun_text, verb.text, tail) if w)
        return Measure(wording, key_of(_lemma(verb), sentence_countries))
    agent = _agent_of(verb)
    agent_countries = countries_in(_agent_text(agent))
    victims = [c for c in countries_in(noun_text) if c not in agent_countries] or [
        c for c in sentence_countries if c not in agent_countries]
    verb_words = participle(verb)
    destination = tokens_text(t for c in verb.rights if c.dep_ == "prep" and c.lower_ in {"to", "from"}
                              for t in c.subtree)
    if agent_countries:
        if not noun_text and victims:
            noun_text = " ".join(DEMONYMS.get(code, code) for code in sorted(set(victims)))
        wording = " ".join(w for w in (noun_text, verb_words, "by", _agent_text(agent)) if w)
        key = f"{verb_words}:{'-'.join(sorted(set(victims)))}-by-{'-'.join(sorted(set(agent_countries)))}"
        return Measure(wording, key)
    wording = " ".join(w for w in (noun_text, verb_words, destination) if w)
    return Measure(wording, key_of(verb_words, sentence_countries))


def _agent_of(verb: Token) -> Token | None:
    """Who did it: the active subject, or the ``by`` phrase of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((t for t in child.children if t.dep_ == "pobj"), None)
    if any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children):
        return None
    return subject_of(verb)


def _agent_text(agent: Token | None) -> str:
    """Compact text of an agent phrase ("North Korea")."""
    if agent is None:
        return ""
    return tokens_text(t for t in agent.subtree if t.dep_ in {"compound", "amod"} or t.i == agent.i)


def is_personish(noun: Token) -> bool:
    """True for nouns naming people by nationality or generically ("Japanese", "others", "citizens")."""
    return noun.ent_type_ == "NORP" or _lemma(noun) in PERSONISH_NOUNS
