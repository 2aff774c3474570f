"""Per-article state of quote extraction and the subjects of speech cues.

:class:`QuoteContext` holds the parse, paragraphs, which tokens lie inside
quotation marks and the speaker resolver. :func:`subject_of` finds who a cue's
words belong to: the grammatical subject, climbing from participles ("...,
saying") to the governing verb, or the nearest name when the parse has none.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from storyline.extract.quotes_cues import is_cue, is_noun_cue
from storyline.extract.quotes_marks import QuotedSpan, paragraph_bounds
from storyline.extract.quotes_name_tokens import has_subject
from storyline.extract.quotes_speakers import SpeakerResolver, object_of
from storyline.extract.quotes_words import PERSON_NOUNS, SUBJECT_DEPS
from storyline.models import Article
from storyline.nlp import sentences_of

CLIMB_TO_SUBJECT_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp", "prep"})
QUOTING_LEMMAS = frozenset({"quote", "cite"})
WRITTEN_SOURCE_NOUNS = frozenset(
    """
    report statement letter study message note sign banner placard poster email memo document post tweet
    article editorial advertisement ad leaflet notice headline survey poll book website page
    """.split()
)
PRODUCING_LEMMAS = frozenset(
    {"issue", "release", "make", "give", "deliver", "send", "post", "publish", "put", "read", "offer", "share"}
)


class QuoteContext:
    """Per-article state shared by the direct and indirect passes."""

    def __init__(self, article: Article, doc: Doc, spans: Sequence[QuotedSpan]) -> None:
        self.article = article
        self.doc = doc
        self.text = article.text
        self.spans = spans
        self.paragraphs = paragraph_bounds(article.text)
        self.sentences = sentences_of(doc)
        quoted = bytearray(len(article.text) + 1)
        for span in spans:
            start, end = span.marked
            quoted[start:end] = b"\x01" * (end - start)
        self.in_quote = [bool(quoted[t.idx]) for t in doc]
        self.token_starts = [t.idx for t in doc]
        self.resolver = SpeakerResolver(doc, lambda token: self.in_quote[token.i])

    def tokens_of(self, span: QuotedSpan) -> list[Token]:
        """Tokens that start inside the quoted words."""
        return self.tokens_starting(span.start, span.end)

    def tokens_starting(self, start: int, end: int) -> list[Token]:
        """Non-space tokens that start at offsets ``start <= idx < end``."""
        first, last = bisect_left(self.token_starts, start), bisect_left(self.token_starts, end)
        return [t for t in self.doc[first:last] if not t.is_space]

    def first_token_from(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.token_starts, offset)

    def last_char_before(self, offset: int, spaces: str = " \t\n\r") -> str:
        """The last character before ``offset`` that is not in ``spaces`` ("" at the start)."""
        position = offset - 1
        while position >= 0 and self.text[position] in spaces:
            position -= 1
        return self.text[position] if position >= 0 else ""

    def subject_outside_quotes(self, verb: Token) -> Token | None:
        """``verb``'s first grammatical subject that is not inside a quotation."""
        return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and not self.in_quote[c.i]), None)

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """Union of the sentences overlapping ``[start, end)``."""
        hits = [s for s in self.sentences if s.start < max(end, start + 1) and s.end > start]
        if not hits:
            return start, end
        return min(s.start for s in hits), max(s.end for s in hits)


def subject_of(ctx: QuoteContext, cue: Token) -> Token | None:
    """The cue's subject, climbing from participles ("..., saying") to the governing verb."""
    if cue.lower_ == "according":
        return object_of(cue, "to")
    if cue.lower_ == "per":
        return next((c for c in cue.children if c.dep_ == "pobj"), None)
    if is_noun_cue(cue):
        return _noun_cue_owner(ctx, cue)
    agent = _passive_agent(cue)
    if agent is not None and not ctx.in_quote[agent.i]:
        return agent
    named = name_before_participle(ctx, cue) or quoted_as_saying(cue)
    if named is not None:
        return named
    current = _past_object_participle(cue)
    for _ in range(8):
        if _is_relative_clause_misparse(cue, current):
            current = current.head.head  # skip "who said ..." up to the clause the noun belongs to
            continue
        subjects = [
            c for c in current.children
            if c.dep_ in SUBJECT_DEPS and not ctx.in_quote[c.i] and not _across_paragraph(ctx, c, current)
            and any(char.isalnum() for char in c.text)
        ]
        if subjects:  # two subjects are a misparse of "chief of staff General Duncan McNab stated": the name
            return next((c for c in subjects if c.pos_ == "PROPN"), subjects[0]) if len(subjects) > 1 else subjects[0]
        if current.dep_ not in CLIMB_TO_SUBJECT_DEPS or current.head.i == current.i:
            break
        current = current.head
    return _subject_of_cue_before(ctx, cue) or _subject_by_position(ctx, current)


def _past_object_participle(cue: Token) -> Token:
    """ "An official downplayed the unrest saying that “...”": a participle the parse hung on an
    object that cannot speak (not a person, not a written source) belongs to the object's verb."""
    head = cue.head
    if cue.tag_ != "VBG" or cue.dep_ != "acl" or head.dep_ != "dobj" or head.pos_ != "NOUN":
        return cue
    if head.ent_type_ or head.lemma_.lower() in PERSON_NOUNS | WRITTEN_SOURCE_NOUNS:
        return cue
    return head.head


def _subject_of_cue_before(ctx: QuoteContext, cue: Token) -> Token | None:
    """ "“...,” Sanders said, going on to say that ...": a participle right after "X said," is X's,
    whatever the parse attached it to."""
    participle = cue if cue.tag_ == "VBG" else cue.head if cue.dep_ == "xcomp" and cue.head.tag_ == "VBG" else None
    if participle is None or participle.i < 2 or ctx.doc[participle.i - 1].text != ",":
        return None
    verb = ctx.doc[participle.i - 2]
    if not is_cue(verb):
        return None
    return ctx.subject_outside_quotes(verb)


def quoted_as_saying(cue: Token) -> Token | None:
    """ "Hodler quoted Metaxa as saying": the person quoted, not the one quoting, speaks (the cue
    may be "quoted" or "saying")."""
    verb = cue
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as":
        verb = cue.head.head
    if verb.lemma_.lower() not in QUOTING_LEMMAS or not any(c.lower_ == "as" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def is_passive_quoting(token: Token) -> bool:
    """One of the words between a long subject and "saying" in "... was quoted as saying"."""
    verb = token.head if token.dep_ in {"aux", "auxpass"} or token.lower_ == "as" else token
    return verb.lemma_.lower() in QUOTING_LEMMAS and any(c.lower_ == "as" for c in verb.children)


def _noun_cue_owner(ctx: QuoteContext, cue: Token) -> Token | None:
    """Whose statement it is: its possessor ("Trump's statement"), its "by" agent ("a declaration
    by the president"), or the subject of the verb producing it ("the Council issued a statement",
    "Sanders made the following comment")."""
    author = statement_author(cue)
    if author is not None or cue.dep_ != "dobj" or cue.head.lemma_.lower() not in PRODUCING_LEMMAS:
        return author
    return subject_of(ctx, cue.head)


def statement_author(cue: Token) -> Token | None:
    """The author written with a statement noun: "Trump's statement", "a declaration by the president"."""
    owners = [c for c in cue.children if c.dep_ == "poss"]
    return owners[0] if owners else object_of(cue, "by")


def _passive_agent(cue: Token) -> Token | None:
    """The "by" agent of a passive cue: "was written by Springsteen" -> "Springsteen"."""
    if not any(c.dep_ in {"auxpass", "nsubjpass"} for c in cue.children):
        return None
    for agent in cue.children:
        if agent.dep_ == "agent":
            objects = [c for c in agent.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _is_relative_clause_misparse(cue: Token, verb: Token) -> bool:
    """ "defend not paying an architect who said he was stiffed ..., saying, “...”": a participle
    after a comma hung on a relative clause's verb belongs to the main clause."""
    if verb is cue or verb.dep_ != "relcl" or cue.tag_ != "VBG" or cue.i == 0:
        return False
    noun = verb.head
    return cue.doc[cue.i - 1].text == "," and noun.head.i != noun.i and noun.dep_ in {"dobj", "pobj"}


def _across_paragraph(ctx: QuoteContext, token: Token, other: Token) -> bool:
    """Whether a paragraph break lies between two tokens (a misparse joining two paragraphs)."""
    low, high = sorted((token.idx, other.idx))
    return "\n" in ctx.text[low:high]


def name_before_participle(ctx: QuoteContext, cue: Token) -> Token | None:
    """ "footage of Hillary Clinton asking, “...”": a name right before a participle cue speaks."""
    if cue.tag_ != "VBG" or cue.i == 0 or has_subject(cue):
        return None
    before = ctx.doc[cue.i - 1]
    if before.pos_ != "PROPN" or ctx.in_quote[before.i] or not ctx.resolver.is_person_token(before):
        return None
    return before


def _subject_by_position(ctx: QuoteContext, verb: Token) -> Token | None:
    """When the parse gives the verb no subject: the noun just before it, else the last person named."""
    sentence_start = verb.sent.start
    index = verb.i - 1
    while index >= sentence_start and ctx.doc[index].pos_ in {"ADV", "AUX", "PART"}:
        index -= 1
    left = ctx.doc[index] if index >= sentence_start else None
    if left is not None and left.pos_ in {"NOUN", "PROPN"} and not ctx.in_quote[left.i]:
        if left.ent_type_ not in {"DATE", "TIME"}:
            return left
    for token in reversed(ctx.doc[sentence_start : verb.i]):
        if token.pos_ == "PROPN" and not ctx.in_quote[token.i] and ctx.resolver.is_person_token(token):
            if token.dep_ != "compound":
                return token
    return None
