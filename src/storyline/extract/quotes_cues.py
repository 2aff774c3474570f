"""Speech cues of quote extraction: which tokens introduce someone's words.

A cue is a speech verb ("said", "told"), a labelling verb used by someone
("called them “deplorables”"), "according to" / "per", or a noun such as
"statement". :func:`is_close_path` tells whether a quote is an argument of its
cue's clause rather than buried in a noun phrase.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

CUE_LEMMAS = frozenset(
    """
    say tell add ask stress note insist declare warn argue maintain write tweet state explain
    announce claim reply respond comment acknowledge admit assert contend emphasize emphasise
    recall remark observe predict promise vow pledge suggest urge complain concede confirm
    conclude quip joke testify reiterate answer caution counter affirm proclaim shout describe
    continue boast chant report read exclaim yell scream recount elaborate wonder lament retort
    interject whisper plead tout demand snap fume muse scoff gush mutter estimate aver opine thunder
    agree concur reveal disclose allege confide reason protest laugh sigh sob murmur mumble
    order command holler bark cry shriek gasp assure reassure
    """.split()
)
NOUN_CUE_LEMMAS = frozenset(
    {"declaration", "statement", "remark", "comment", "word", "pledge", "promise", "message",
     "speech", "tweet", "warning", "assertion", "vow", "announcement", "accusation", "allegation", "smear",
     "complaint", "insistence"}
)
LABEL_CUE_LEMMAS = frozenset(
    """
    call dub brand label term denounce condemn accuse criticize criticise praise hail slam blast
    decry deride mock dismiss liken laud exhort bemoan ridicule lambast castigate attack
    characterize characterise
    """.split()
)
INDIRECT_CUE_LEMMAS = CUE_LEMMAS - {
    "ask", "answer", "shout", "joke", "quip", "describe", "continue", "read", "chant", "yell", "scream",
    "whisper", "wonder", "demand", "snap", "fume", "muse", "scoff", "gush", "mutter", "estimate",
    "laugh", "sigh", "sob", "murmur", "mumble", "order", "command", "holler", "bark", "cry", "shriek", "gasp",
}
FINDING_LEMMAS = frozenset({"find", "show"})  # cues only for documents: "the report found that ..."
DOCUMENT_NOUNS = frozenset(
    {"report", "study", "survey", "poll", "analysis", "audit", "review", "investigation", "inquiry", "memo",
     "research", "assessment", "evaluation", "paper"}
)
INVERTED_CUES = frozenset({"Said", "Says", "Added", "Adds", "Asked", "Asks", "Continued", "Wrote"})
BARE_CUE_LEMMAS = frozenset({"continue", "read"})  # cues only without an object: "Limbaugh continued:"
NOMINAL_DEPS = frozenset(
    {"attr", "dobj", "nsubj", "nsubjpass", "acomp", "oprd", "advmod", "npadvmod", "appos", "dative",
     "ccomp", "xcomp", "conj", "dep", "ROOT", "pobj", "prep", "parataxis", "advcl"}
)
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "acomp", "dep", "pcomp"})


def is_cue(token: Token) -> bool:
    """A speech verb ("said", "adding", "told"), the "according" of "according to", or a
    labelling verb used by someone ("Clinton called them “deplorables”", not "so-called")."""
    if token.lower_ == "according":
        return any(child.lower_ == "to" for child in token.children)
    if token.lower_ == "per":
        return token.dep_ == "prep" and any(child.dep_ == "pobj" for child in token.children)
    if token.text in INVERTED_CUES and token.is_sent_start:
        return True  # "Added Stern, “...”", often tagged as a name
    if not (token.pos_ == "VERB" or token.tag_.startswith("VB")):
        return False
    lemma = token.lemma_.lower()
    if lemma == "put":
        return _is_as_put_it(token)
    if lemma in FINDING_LEMMAS:
        return _is_document_finding(token)
    if lemma in BARE_CUE_LEMMAS:
        return not any(child.dep_ in {"xcomp", "dobj", "prt"} for child in token.children)
    return lemma in CUE_LEMMAS or (lemma in LABEL_CUE_LEMMAS and not _is_naming(token))


def _is_naming(token: Token) -> bool:
    """ "so-called", "a group called ...", "it is called ...": a name, not someone's words."""
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if previous is not None and previous.tag_ == "HYPH" and token.i > 1:
        previous = token.doc[token.i - 2]
    if previous is not None and previous.lower_ in {"so", "so-"}:
        return True
    if token.dep_ in {"acl", "amod", "relcl"} and token.tag_ == "VBN":
        return True
    if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ == "NOUN":
        return True  # "a tweet attacking a former Miss Universe": what the thing does, not words
    return any(child.dep_ in {"nsubjpass", "auxpass"} for child in token.children)


def _is_document_finding(token: Token) -> bool:
    """ "A GAO report released last year found that ...": a study or report finding a clause speaks."""
    if not any(child.dep_ == "ccomp" for child in token.children):
        return False
    return any(child.dep_ == "nsubj" and child.lemma_.lower() in DOCUMENT_NOUNS for child in token.children)


def _is_as_put_it(token: Token) -> bool:
    """ "as a Homeland Security memo put it": "put" with the object "it" in an "as" clause."""
    has_it = any(child.dep_ == "dobj" and child.lower_ == "it" for child in token.children)
    return has_it and any(child.dep_ == "mark" and child.lower_ == "as" for child in token.children)


def is_prepositional_cue(cue: Token) -> bool:
    """ "according to X" and "per X": the source is the preposition's object, not a subject."""
    return cue.lower_ in {"according", "per"}


def cue_text(cue: Token) -> str:
    """The cue as shown to users: the verb form, or "according to"."""
    return "according to" if cue.lower_ == "according" else cue.text


def is_close_path(path: Sequence[Token]) -> bool:
    """Whether the quote is an argument of the cue's clause, not buried in a noun phrase."""
    prepositions = 0
    for child in path[:-1]:
        verb_like = child.pos_ in {"VERB", "AUX"} or child.dep_ == "acomp"
        if verb_like and child is not path[0]:
            allowed = child.dep_ in CLAUSE_DEPS
        else:
            allowed = child.dep_ in NOMINAL_DEPS
        if child.dep_ == "prep":
            prepositions += 1
            allowed = allowed and child.head.pos_ in {"VERB", "AUX", "ADJ"}
        if not allowed or prepositions > 1:
            return False
    return True


def is_noun_cue(token: Token) -> bool:
    """A noun that introduces someone's words: "a declaration by the president that ..."."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in NOUN_CUE_LEMMAS
