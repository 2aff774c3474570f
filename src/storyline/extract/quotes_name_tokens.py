"""Token-level tests for speaker names: name ranges, titles, roles and relative pronouns.

Pure functions over spaCy tokens, used by :mod:`storyline.extract.quotes_speakers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.extract.quotes_words import (
    FIELD_NOUNS,
    GROUP_NOUNS,
    HOLDING_VERBS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    MAX_PARTICIPLE_TOKENS,
    NAME_LABELS,
    NATIONALITY_WORDS,
    PERSON_NOUNS,
    PLURAL_ROLES,
    RELATIVE_HEADS,
    ROLE_NOUNS,
    SIGN_NOUNS,
    SUBJECT_DEPS,
    TITLE_WORDS,
)
from storyline.nlp import doc_entities, doc_text

AGE_WORD = re.compile(r"^\d+-years?-old$")


@dataclass(frozen=True)
class NameSpan:
    """A speaker as written in the article: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


def is_participle_modifier(noun: Token, modifier: Token) -> bool:
    """``travelling with Pence`` right after "official" (no comma), short, not a relative clause."""
    if modifier.dep_ not in {"acl", "amod"} or modifier.i != noun.i + 1:
        return False
    if modifier.tag_ not in {"VBG", "VBN", "JJ"}:
        return False
    return modifier.right_edge.i - modifier.i <= MAX_PARTICIPLE_TOKENS


def span_of(doc: Doc, first: int, last: int) -> NameSpan:
    """The name span of tokens ``first``..``last`` (inclusive), as written."""
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return NameSpan(start, end, doc_text(doc)[start:end])


def entity_of(token: Token) -> Span | None:
    """The named entity (of a name label) that ``token`` belongs to, if any."""
    if token.ent_iob_ == "O" or token.ent_type_ not in NAME_LABELS:
        return None
    for ent in doc_entities(token.doc):
        if ent.start <= token.i < ent.end:
            return ent
    return None


def name_token_range(token: Token) -> tuple[int, int]:
    """Token range of the proper name headed by ``token`` (compounds, hyphenated parts)."""
    first = token.i
    doc = token.doc
    while first > 0:
        left = doc[first - 1]
        joins = left.dep_ == "compound" or left.tag_ == "HYPH" or left.pos_ == "PROPN"
        if not joins or left.is_space or not governed_by(left, token):
            break
        first -= 1
    entity = entity_of(token)
    if entity is not None and entity.start < first and entity.label_ == "PERSON":
        first = entity.start
    elif entity is not None and first < entity.start <= token.i:
        first = entity.start  # "Ambassador to the United Nations Nikki Haley": the entity is the name
    if entity is not None and entity.label_ == "ORG" and entity.root.i == token.i and entity.start >= first:
        return first, entity.end - 1  # "Reporters Without Borders"
    return first, token.i


def governed_by(token: Token, head: Token) -> bool:
    """Whether ``head`` is among ``token``'s heads (the name it is part of)."""
    current = token
    for _ in range(6):
        if current.i == head.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def strip_titles(doc: Doc, first: int, last: int) -> int:
    """First token index after leading titles, honorifics, determiners and nationalities."""
    while first < last:
        token = doc[first]
        lowered = token.text.lower()
        is_title = lowered in TITLE_WORDS or token.tag_ == "HYPH" or token.is_punct
        if not (is_title or token.pos_ == "DET" or token.ent_type_ in {"GPE", "NORP"}):
            break
        first += 1
    roles = [i for i in range(first, last) if doc[i].lower_ in ROLE_NOUNS and doc[i + 1].pos_ == "PROPN"]
    return roles[-1] + 1 if roles else first  # "island governor Heydar Alishbandi" -> the name


SUBORDINATE_TITLE_WORDS = frozenset({"vice", "deputy", "assistant", "former", "acting", "associate", "under", "ex"})


def same_title(written_with_name: str, key: str) -> bool:
    """ "district attorney" is the title of "Los Angeles County District Attorney Steve Cooley";
    "president" is not that of "Vice President Pence"."""
    if written_with_name == key:
        return True
    if not key or not written_with_name.endswith(" " + key):
        return False
    before = written_with_name[: -len(key) - 1].split()[-1]
    return before not in SUBORDINATE_TITLE_WORDS


def is_title_part(token: Token) -> bool:
    """A word that can belong to a title ("the", "prime", "minister")."""
    return token.text.lower() in TITLE_WORDS or token.pos_ == "DET" or token.ent_type_ in {"GPE", "NORP"}


def title_key(tokens: list[Token]) -> str:
    """Normalised title: the title words in order, without nationalities and determiners."""
    words = [t.text.lower() for t in tokens if t.text.lower() in TITLE_WORDS]
    words = [w for w in words if w not in NATIONALITY_WORDS and w not in HONORIFICS]
    while words and words[-1] == "of":
        words.pop()
    return " ".join(words)


def after_role_title(token: Token) -> bool:
    """A name word in a run that a role noun opens ("governor Heydar Alishbandi")."""
    if token.pos_ != "PROPN" or token.ent_type_ in {"GPE", "NORP", "LOC"}:
        return False
    first = token.i
    while first > 0 and token.doc[first - 1].pos_ == "PROPN" and token.doc[first - 1].lower_ not in ROLE_NOUNS:
        first -= 1
    role = token.doc[first - 1] if first > 0 else None
    if role is None or role.lower_ not in ROLE_NOUNS or role.tag_ not in {"NN", "NNP"}:
        return False
    # spaCy often calls "spokeswoman Violet Szeleczky" an ORG; a capitalised role may open a headline
    return token.ent_type_ != "ORG" or role.is_lower


def is_bare_definite_role(token: Token) -> bool:
    """"the former New Mexico governor", "The GOP candidate": "the", then only adjectives, names
    and title words before the role noun (not "the band leader"), and nothing after it."""
    children = list(token.children)
    if not any(c.lower_ == "the" and c.dep_ == "det" for c in children):
        return False
    if any(c.dep_ in {"poss", "prep", "appos", "relcl", "acl"} for c in children):
        return False
    modifiers = [
        t for t in token.doc[token.left_edge.i : token.i] if t.lower_ != "the" and not (t.is_punct or t.is_space)
    ]
    hyphenated = {t.i for t in modifiers if t.i > 0 and t.doc[t.i - 1].tag_ == "HYPH"}  # "London-based"
    field = {t.i for t in modifiers if t.dep_ == "compound" and t.pos_ == "NOUN" and t.lower_ in FIELD_NOUNS}
    return all(
        t.pos_ in {"ADJ", "PROPN"} or t.lower_ in TITLE_WORDS or t.i in hyphenated or t.i in field for t in modifiers
    )


def is_definite_role_of(token: Token) -> bool:
    """ "the chief of forensic medicine at the coroner's office": "the", the role noun and a
    post-modifier with "of" or "at" (no possessor, name or clause)."""
    children = list(token.children)
    if not any(c.lower_ == "the" and c.dep_ == "det" for c in children):
        return False
    if any(c.dep_ in {"poss", "appos", "relcl", "acl", "compound"} for c in children):
        return False
    return any(c.dep_ == "prep" and c.lower_ in {"of", "at"} for c in children)


def has_person_apposition(token: Token) -> bool:
    """A name set off by a described person ("Bun Tuon Simona, a Cambodian official,")."""
    return any(
        child.dep_ == "appos" and child.pos_ == "NOUN" and child.lemma_.lower() in PERSON_NOUNS
        and any(c.lower_ in {"a", "an", "the"} for c in child.children)
        for child in token.children
    )


def names_a_term(subject: Token) -> bool:
    """ "what scientists call a reassortant": a subject that only names a term is no antecedent of "they"."""
    verb = subject.head
    return verb.lemma_.lower() == "call" and any(c.lower_ == "what" for c in verb.children)


def relative_antecedent(pronoun: Token) -> Token | None:
    """What "who"/"which"/"that" stands for: the noun its clause modifies ("Hillary Clinton — who's
    called for ...", "McConnell, now the Senate majority leader, who said"), else a name right
    before it ("the Chicago Police Department which reported", parsed as an adverbial clause)."""
    heads = RELATIVE_HEADS[pronoun.lower_]
    if pronoun.head.dep_ == "relcl":
        described = pronoun.head.head
    else:
        before = pronoun.doc[pronoun.i - 1] if pronoun.i > 0 else pronoun
        described = pronoun.doc[before.i - 1] if before.text == "," and before.i > 0 else before
    if described.i == pronoun.i or described.pos_ not in heads:
        return None
    if described.dep_ == "appos" and described.head.pos_ == "PROPN":
        described = described.head
    if pronoun.lower_ == "who" and described.pos_ == "NOUN" and described.dep_ == "pobj":
        owner = described.head.head  # "a distraught woman outside the bank, who wept and cried"
        if owner.pos_ == "NOUN" and owner.lemma_.lower() in PERSON_NOUNS and described.lemma_.lower() not in PERSON_NOUNS:
            return owner
    return described


def can_speak_as_group(token: Token) -> bool:
    """People or organisations ("officials", "Trump and Abe", "Democrats"), not things ("NATO's
    military plans")."""
    if token.pos_ == "PROPN" or token.ent_type_ in {"NORP", "ORG", "PERSON", "GPE"}:
        return True
    lemma = token.lemma_.lower()
    return lemma in PERSON_NOUNS | INSTITUTION_NOUNS or token.lower_ in PLURAL_ROLES or lemma in GROUP_NOUNS


def sign_holder(pronoun: Token) -> Token | None:
    """ "One protester held a sign that read “...”": the subject of the verb holding the sign
    that "that"/"which" stands for."""
    if pronoun.lower_ not in {"that", "which"} or pronoun.head.dep_ != "relcl":
        return None
    sign = pronoun.head.head
    if sign.lemma_.lower() not in SIGN_NOUNS or sign.dep_ != "dobj" or sign.head.lemma_.lower() not in HOLDING_VERBS:
        return None
    return next((c for c in sign.head.children if c.dep_ == "nsubj"), None)


def is_age_description(token: Token) -> bool:
    """ "the 42-year-old", "the 10-year old": an age standing for a person (with "the")."""
    doc, index = token.doc, token.i
    if token.lower_ == "old" and index >= 2 and doc[index - 1].text == "-" and doc[index - 2].lower_ in {"year", "years"}:
        token, index = doc[index - 2], index - 2  # "the 42-year-old": from its "year"
    if AGE_WORD.match(token.lower_):
        start = index
    elif token.lower_ in {"year", "years"} and index >= 2 and doc[index - 1].text == "-" and doc[index - 2].like_num:
        if index + 1 >= len(doc) or doc[index + 1].lower_ not in {"old", "-"}:
            return False
        start = index - 2
    else:
        return False
    return start > 0 and doc[start - 1].lower_ == "the"


def is_acronym_name(token: Token) -> bool:
    """An organisation written in capitals that spaCy tagged as a word ("the WHO said", where
    "WHO" is read as the pronoun "who"): capitals only, inside a name entity."""
    return len(token.text) >= 2 and token.text.isalpha() and token.text.isupper() and token.ent_type_ in {
        "ORG", "GPE", "NORP", "PERSON"
    }


def last_word(name: NameSpan) -> str:
    """The lowercased last word of a name, without a possessive."""
    return last_word_of(name.text)


def last_word_of(text: str) -> str:
    """The lowercased last word of a name as written, without a possessive."""
    words = text.lower().replace("’s", "").replace("'s", "").split()
    return words[-1] if words else ""


def parse_depth(token: Token) -> int:
    """How many heads lie between ``token`` and its sentence root."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def has_subject(verb: Token) -> bool:
    """Whether the parse gives ``verb`` a subject of its own."""
    return any(child.dep_ in SUBJECT_DEPS for child in verb.children)


def is_reported_clause_subject(token: Token) -> bool:
    """The subject of a clause reported by a person, also one nested deeper in what is reported
    ("he believes *McConnell* is right", "Pastor said there was no evidence *Jackson* was concerned")."""
    node, depth = token.head, 0
    while node.head.i != node.i and depth < 12:
        if node.dep_ == "ccomp" and has_subject(node.head):
            return True
        node, depth = node.head, depth + 1
    return False
