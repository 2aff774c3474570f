"""Speakers of quotes that no cue attributes: a signature ("― Pamela Padilla", "Jesse Toprak, an
analyst"), a name and a colon ("Dr Ann Ellis: “...”"), the person whose sentence introduces the quote
or whose sentence comes right before it, and "in the words of" someone."""

from __future__ import annotations

import re

from spacy.tokens import Token

from storyline.extract.quotes_cues import CUE_LEMMAS
from storyline.extract.quotes_marks import DOUBLE_MARKS, QuotedSpan
from storyline.extract.quotes_name_tokens import NameSpan, parse_depth
from storyline.extract.quotes_subjects import QuoteContext

DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*[―—–-][ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4})")
SIGNATURE_LINE = re.compile(r"[ \t]*\n{1,2}[ \t]*[―—–-][ \t]*([A-Z][\w.'’*-]*(?: [A-Z][\w.'’*-]*){0,3})[ \t]*(?=\n|$)")


def paragraph_of(ctx: QuoteContext, offset: int) -> int:
    """Index of the paragraph holding ``offset`` (-1 when none does)."""
    for index, (start, end) in enumerate(ctx.paragraphs):
        if start <= offset <= end:
            return index
    return -1


def dash_speaker(ctx: QuoteContext, span: QuotedSpan) -> NameSpan | None:
    """A quote signed with a dash after its closing mark: ``“...” ― Pamela Padilla``, or on a line
    of its own (a review signed ``– Ali***``, the name masked)."""
    if span.close_mark is None:
        return None
    match = DASH_SIGNATURE.match(ctx.text, span.close_mark + 1) or SIGNATURE_LINE.match(ctx.text, span.close_mark + 1)
    if match is None:
        return None
    start, end = match.span(1)
    while end > start and ctx.text[end - 1] in ".,":
        end -= 1
    return NameSpan(start, end, ctx.text[start:end])


def previous_sentence_person(ctx: QuoteContext, span: QuotedSpan) -> NameSpan | None:
    """ "Patrick Ewing did not want to sound like a striker. “I'm not going to ...”": a standalone
    quote without a cue after a sentence whose main subject is a person is that person's. After a
    sentence of reported speech ("In a statement the council said the school would close."), it is
    the reporting subject's, an organisation too."""
    first = ctx.tokens_of(span)[0]
    if first.sent.start == 0:
        return None
    before = ctx.doc[first.sent.start - 1].sent
    if ctx.in_quote[before.root.i]:
        return None
    reported = before.root.lemma_.lower() in CUE_LEMMAS and before.root.pos_ == "VERB"
    paragraph = paragraph_of(ctx, before.root.idx)
    if paragraph != span.paragraph and not (reported and paragraph == span.paragraph - 1):
        return None  # a reported-speech paragraph may introduce the quote paragraph after it
    named = _named_subject(ctx, before.root)
    if named is None:
        return None
    subject, name = named
    return name if ctx.resolver.is_person(subject, name) or (reported and subject.pos_ == "PROPN") else None


def _named_subject(ctx: QuoteContext, verb: Token) -> tuple[Token, NameSpan] | None:
    """``verb``'s first subject outside quotes and the name it stands for, when it has one."""
    subject = ctx.subject_outside_quotes(verb)
    name = ctx.resolver.resolve(subject) if subject is not None else None
    return (subject, name) if subject is not None and name is not None else None


def person_subject(ctx: QuoteContext, verb: Token) -> NameSpan | None:
    """The name of ``verb``'s first subject outside quotes, when that is a person."""
    named = _named_subject(ctx, verb)
    return named[1] if named is not None and ctx.resolver.is_person(*named) else None


def signed_by_name(ctx: QuoteContext, span: QuotedSpan) -> NameSpan | None:
    """ "“...,” Jesse Toprak, an analyst for Edmunds.": a quote followed by a person's name and no
    verb is signed by that person."""
    if span.close_mark is None:
        return None
    first = ctx.first_token_from(span.close_mark + 1)
    after = [t for t in ctx.doc[first : first + 12] if t.idx < span.close_mark + 60 and not t.is_space]
    names = []
    for token in after:
        if token.pos_ != "PROPN" or token.ent_type_ != "PERSON":
            break
        names.append(token)
    follows = after[len(names)] if len(names) < len(after) else None
    if not names or (follows is not None and follows.text not in {",", "."}):
        return None
    return ctx.resolver.resolve(names[-1])


def introducing_person(ctx: QuoteContext, span: QuotedSpan) -> NameSpan | None:
    """ "Jobs extended an invitation to the label, “we have always loved the Beatles”": a cue-less
    quote introduced by a comma or colon in a sentence whose subject is a person is theirs."""
    tokens = ctx.tokens_of(span)
    if ctx.last_char_before(span.open_mark) not in {",", ":"} or not tokens:
        return None
    mark = ctx.doc[ctx.first_token_from(span.open_mark) - 1]
    while mark.i > 0 and (mark.is_space or mark.text in DOUBLE_MARKS):
        mark = ctx.doc[mark.i - 1]
    sentence = mark.sent  # the sentence the comma or colon ends, even when spaCy starts a new one at the quote
    verbs = [t for t in sentence if t.idx < span.open_mark and t.pos_ == "VERB" and not ctx.in_quote[t.i]]
    outermost = min(verbs, key=parse_depth) if verbs else None  # ties keep reading order
    root = sentence.root if not ctx.in_quote[sentence.root.i] else outermost
    return person_subject(ctx, root) if root is not None else None


def named_before_colon(ctx: QuoteContext, span: QuotedSpan) -> NameSpan | None:
    """ "Dr Ann Ellis: “I believe ...”": a person's name and a colon, no verb, introduce the quote."""
    if ctx.last_char_before(span.open_mark) != ":":
        return None
    colon = ctx.doc[ctx.first_token_from(span.open_mark) - 1]
    while colon.i > 0 and colon.is_space:
        colon = ctx.doc[colon.i - 1]
    name = ctx.doc[colon.i - 1] if colon.text == ":" and colon.i > 0 else None
    if name is None or name.pos_ != "PROPN" or not ctx.resolver.is_person_token(name) or ctx.in_quote[name.i]:
        return None
    if name.dep_ in {"dobj", "pobj", "dative", "attr", "appos"}:
        return None  # "he told Smith:" names who was told
    if any(t.pos_ in {"VERB", "AUX"} for t in ctx.doc[name.sent.start : name.i]):
        return None
    return ctx.resolver.resolve(name)


def in_the_words_of(ctx: QuoteContext, span: QuotedSpan) -> NameSpan | None:
    """ "In the words of committee chairman Ed Towns, “...”": the person whose words they are."""
    if ctx.last_char_before(span.open_mark) != ",":
        return None
    tokens = ctx.tokens_of(span)
    sentence = tokens[0].sent if tokens else None
    for token in sentence or ():
        if token.idx >= span.open_mark:
            break
        if token.lower_ == "words" and token.head.lower_ == "in":
            of = next((c for c in token.children if c.lower_ == "of" and c.dep_ == "prep"), None)
            owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if owner is not None and owner.pos_ == "PROPN":
                return ctx.resolver.resolve(owner)
    return None
