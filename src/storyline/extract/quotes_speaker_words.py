"""Reading a speaker off the words next to a cue: the head of a noun run ("Tulsa police Chief Chuck
Jordan" -> "Jordan"), a name after joined roles, the cue's subject phrase, and bracketed asides left
out ("Rep. Deborah Pryce (R-Ohio)")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from storyline.extract.quotes_name_tokens import is_acronym_name
from storyline.extract.quotes_names import first_name_gender
from storyline.extract.quotes_words import HONORIFICS, SUBJECT_DEPS

SPEAKER_RUN_POS = frozenset({"PROPN", "NOUN"})


def in_subject_of(token: Token, cue: Token) -> bool:
    """Whether ``token`` belongs to the cue's subject phrase, also as a conjunct or apposition
    ("chairman, CEO and president Craig Menear said"), not inside a modifier ("an official
    travelling with Pence said")."""
    current = token
    while current.head.i != cue.i and current.dep_ in {"conj", "appos"} and current.head.i != current.i:
        current = current.head
    return current.head.i == cue.i and current.dep_ in SUBJECT_DEPS


def name_after_roles(words: Sequence[Token]) -> Token | None:
    """ "said Anchorage businessman and blogger Andrew Halcro": roles joined by "and", then a name."""
    last_name = next((t for t in reversed(words) if t.pos_ == "PROPN"), None)
    if last_name is None or not any(t.pos_ == "NOUN" and t.i < last_name.i for t in words):
        return None
    before = words[0].doc[last_name.i - 1]
    if last_name.ent_type_ == "PERSON" or (before.pos_ == "PROPN" and first_name_gender(before.text)):
        return last_name  # "said the vice president and chairman of Chrysler LLC Jim Press"
    run = [t for t in words if t.i < last_name.i]
    return last_name if all(t.pos_ in {"NOUN", "PROPN", "ADJ", "CCONJ", "DET"} for t in run) else None


def outside_brackets(tokens: Sequence[Token]) -> list[Token]:
    """``tokens`` without bracketed asides ("Rep. Deborah Pryce (R-Ohio)")."""
    kept: list[Token] = []
    depth = 0
    for token in tokens:
        depth += token.text == "("
        if depth == 0:
            kept.append(token)
        depth -= token.text == ")" and depth > 0
    return kept


def noun_run_head(tokens: Sequence[Token]) -> Token | None:
    """Last word of the first run of nouns/names ("Tulsa police Chief Chuck Jordan" -> "Jordan").

    A possessor is not the head: "Obama's former campaign strategist" -> "strategist".
    """
    head: Token | None = None
    owner: Token | None = None
    for token in tokens:
        if head is None:
            if owner is None and token.pos_ == "PRON" and token.lower_ not in {"who", "which", "that"}:
                return token
            if token.pos_ in SPEAKER_RUN_POS or is_acronym_name(token):
                head = token
            elif owner is not None and token.pos_ not in {"ADJ", "NUM"}:
                return owner
            continue
        if token.tag_ == "POS":
            head, owner = None, head
            continue
        surname = head.lower_ in HONORIFICS and token.text[:1].isupper()  # "Ms. He"
        if token.pos_ in SPEAKER_RUN_POS or token.tag_ == "HYPH" or surname:
            if token.tag_ != "HYPH":
                head = token
            continue
        if token.pos_ == "ADJ" and token.doc[token.i - 1].tag_ == "HYPH":
            head = None  # "the 42-year-old Bohnen": the run was a hyphenated modifier
            continue
        break
    return head or owner
