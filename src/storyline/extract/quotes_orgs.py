"""Definite descriptions of organisations as speakers: "the group said" -> the group named before.

An organisation is often named once with a noun that says what it is ("the radical group Islamic
Jihad", "the Commission on Presidential Debates", "the Daily Mirror newspaper") and then referred to
by that noun alone ("the group said"). Such a description names the latest organisation written
with that noun, a few sentences before it at most.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.extract.quotes_words import MAX_ANAPHORA_SENTENCES
from storyline.nlp import doc_entities

ORGANISATION_NOUNS = frozenset(
    """
    group party newspaper paper daily agency union commission ministry company firm organization
    organisation committee movement council network bank court association federation alliance
    coalition militia broadcaster station channel magazine institute foundation board league club
    """.split()
)
NEWSPAPER_WORDS = frozenset(
    """
    newspaper paper daily tabloid weekly herald times post journal tribune gazette telegraph guardian
    chronicle examiner inquirer
    """.split()
)
COMPANY_NOUNS = frozenset({"company", "firm"})
NOT_COMPANY_WORDS = NEWSPAPER_WORDS | frozenset(
    """
    agency news ministry department government court council commission committee police party union
    university institute
    """.split()
)
CANDIDATE_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC"})  # spaCy may mislabel an organisation


@dataclass(frozen=True)
class DescribedOrganisation:
    """One organisation name as written, and the nouns written with it or inside it."""

    start: int
    end: int
    nouns: frozenset[str]
    label: str = "ORG"


def described_organisations(doc: Doc) -> list[DescribedOrganisation]:
    """Every organisation name with its own lowercased words and the nouns right before and after
    it ("group Islamic Jihad", "China Sports Daily newspaper"), in text order: ORG entities, and
    other names written next to an organisation noun."""
    found: list[DescribedOrganisation] = []
    for entity in doc_entities(doc):
        if entity.label_ not in CANDIDATE_LABELS:
            continue
        neighbours = (_next_word(doc, entity.start, -1), _next_word(doc, entity.end - 1, 1))
        described = {
            n.lemma_.lower() for n in neighbours
            if n is not None and (n.pos_ == "NOUN" or n.lemma_.lower() in ORGANISATION_NOUNS)
        }
        if entity.end < len(doc) and doc[entity.end].text == ",":  # "Save the Children, an international aid group"
            described |= {
                c.lemma_.lower() for t in entity for c in t.children
                if c.dep_ in {"appos", "conj"} and c.pos_ == "NOUN" and c.i > entity.end
            }
        if entity.label_ != "ORG" and not described & ORGANISATION_NOUNS:
            continue  # "the group Harbour Watch" is an organisation whatever spaCy labelled it
        nouns = described | {token.lower_ for token in entity}
        if nouns & NEWSPAPER_WORDS:
            nouns |= {"newspaper", "paper"}  # "The Boston Herald reported ... the newspaper said"
        words = [token for token in entity if not (token.is_punct or token.lower_ == "the")]
        if words:
            end = words[-1].idx + len(words[-1].text)
            found.append(DescribedOrganisation(words[0].idx, end, frozenset(nouns), entity.label_))
    return found


def _next_word(doc: Doc, index: int, step: int) -> Token | None:
    """The first non-space token from ``index + step`` on, going in direction ``step``."""
    index += step
    while 0 <= index < len(doc) and doc[index].is_space:
        index += step
    return doc[index] if 0 <= index < len(doc) else None


def anaphora_window_start(sentence_starts: list[int], offset: int) -> int:
    """Start of the sentence ``MAX_ANAPHORA_SENTENCES`` before the one holding ``offset``: how far
    back a description may look for what it names."""
    sentence = bisect_right(sentence_starts, offset) - 1
    return sentence_starts[max(sentence - MAX_ANAPHORA_SENTENCES, 0)]


def is_organisation_description(token: Token) -> bool:
    """ "the group", "the militant group": a singular organisation noun after "the", nothing after it."""
    if token.tag_ != "NN" or token.lemma_.lower() not in ORGANISATION_NOUNS or token.ent_type_:
        return False
    children = list(token.children)
    if not any(c.lower_ == "the" and c.dep_ == "det" for c in children):
        return False
    return not any(c.dep_ in {"poss", "prep", "appos", "relcl", "acl", "compound"} for c in children)


def organisation_described(
    token: Token, organisations: list[DescribedOrganisation], sentence_starts: list[int], definite: bool = True
) -> tuple[int, int] | None:
    """The character span of the latest organisation written with ``token``'s noun before it, at
    most ``MAX_ANAPHORA_SENTENCES`` sentences back; None when there is none. ``definite``: only for
    "the <noun>" standing alone; otherwise any organisation noun ("a ministry statement")."""
    if not is_organisation_description(token) if definite else token.lemma_.lower() not in ORGANISATION_NOUNS:
        return None
    earliest = anaphora_window_start(sentence_starts, token.idx)
    noun = token.lemma_.lower()
    before = [o for o in organisations if o.end <= token.idx and o.start >= earliest]
    for organisation in reversed(before):
        if noun in organisation.nouns:
            return organisation.start, organisation.end
    if noun in COMPANY_NOUNS and definite:
        for organisation in reversed(before):  # "Google executive X was freed, the company said"
            if organisation.label == "ORG" and not organisation.nouns & NOT_COMPANY_WORDS:
                return organisation.start, organisation.end
    return None


ISSUED_NOUNS = frozenset(
    {"statement", "communique", "leaflet", "declaration", "announcement", "release", "letter", "memo", "email",
     "report", "website", "site", "tweet", "blog"}
)
ISSUING_VERBS = frozenset({"sign", "issue", "release", "publish", "send", "distribute", "fax", "circulate"})


def statement_issuer(statement: Token) -> Token | None:
    """Who issued a statement that speaks, when the phrase says so: "the ministry's statement",
    "a Kremlin statement", "a ministry statement", "a statement from FUNCINPEC", "a leaflet signed
    by Islamic Holy War". None for a bare "the statement"."""
    if statement.lemma_.lower() not in ISSUED_NOUNS:
        return None
    for child in statement.children:
        if child.dep_ in {"poss", "compound"} and _can_issue(child):
            return child
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            issuer = next((c for c in child.children if c.dep_ == "pobj"), None)
            if issuer is not None and _can_issue(issuer):
                return issuer
        if child.dep_ == "acl" and child.lemma_.lower() in ISSUING_VERBS:
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            issuer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if issuer is not None and _can_issue(issuer):
                return issuer
    return None


def _can_issue(token: Token) -> bool:
    """A name or an organisation noun, never a date ("Tuesday's joint statement")."""
    if token.ent_type_:
        return token.ent_type_ in CANDIDATE_LABELS
    return token.pos_ == "PROPN" or token.lemma_.lower() in ORGANISATION_NOUNS


def is_bare_statement(token: Token) -> bool:
    """ "the statement", "the faxed statement": a definite statement noun naming no issuer."""
    if token.lemma_.lower() not in ISSUED_NOUNS or statement_issuer(token) is not None:
        return False
    return any(c.lower_ == "the" and c.dep_ == "det" for c in token.children)


def statement_issuing_subject(statement: Token) -> Token | None:
    """The subject that issued or spoke in a statement: "Gordon Advisors issued a statement",
    "The prince's party, in a statement dated Friday, said"."""
    if statement.lemma_.lower() not in ISSUED_NOUNS:
        return None
    if statement.dep_ == "dobj":
        verb = statement.head
    elif statement.dep_ == "pobj" and statement.head.lower_ in {"in", "through"}:
        verb = statement.head.head
    else:
        return None
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < statement.i), None)

