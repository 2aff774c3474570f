"""Quote extraction: direct quotations between marks and reported (indirect) speech.

Direct quotes come from paired quotation marks (:mod:`quotes_marks`). Each is
tied to a speech cue ("said", "told", "according to"; :mod:`quotes_cues`) found
through the dependency tree or right next to the marks; a cue inside another
source's report yields to that report (:mod:`quotes_nesting`); the cue's subject
(:mod:`quotes_subjects`) is resolved to a name (:mod:`quotes_speakers`). Short quoted phrases with no cue governing them
closely are scare quotes or titles and are dropped. Indirect quotes are cue
verbs with a clausal complement and no marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.extract.quotes_content import content_bounds
from storyline.extract.quotes_cueless import (
    dash_speaker,
    in_the_words_of,
    introducing_person,
    named_before_colon,
    paragraph_of,
    previous_sentence_person,
    signed_by_name,
)
from storyline.extract.quotes_cues import (
    CUE_LEMMAS,
    INDIRECT_CUE_LEMMAS,
    INVERTED_CUES,
    cue_text,
    is_close_path,
    is_cue,
    is_noun_cue,
    is_prepositional_cue,
)
from storyline.extract.quotes_marks import (
    DOUBLE_MARKS,
    QuotedSpan,
    find_quoted_spans,
    unpaired_marks,
)
from storyline.extract.quotes_name_tokens import has_subject
from storyline.extract.quotes_names import first_name_gender
from storyline.extract.quotes_nesting import according_child, outermost_cue
from storyline.extract.quotes_ranker import quoted_ranges, with_ranked_speakers
from storyline.extract.quotes_speaker_words import (
    in_subject_of,
    name_after_roles,
    noun_run_head,
    outside_brackets,
)
from storyline.extract.quotes_speakers import NameSpan
from storyline.extract.quotes_subjects import (
    QuoteContext,
    is_passive_quoting,
    name_before_participle,
    quoted_as_saying,
    subject_of,
)
from storyline.extract.quotes_words import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    PLURAL_PRONOUNS,
    SUBJECT_DEPS,
    pronoun_gender,
)
from storyline.models import Article, Quote

MAX_SCARE_WORDS = 4
MAX_TITLE_WORDS = 6
TITLE_PREPOSITIONS = frozenset({"on", "in", "at", "from", "of", "to", "'s", "’s"})
SENTENCE_END = frozenset(".!?")
ADJACENT_TOKENS = 6
MAX_SPEAKER_WORDS = 12
NOUN_PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "ADP", "NUM", "PUNCT", "PART", "CCONJ"})


@dataclass(frozen=True)
class _Attribution:
    """The cue found for a quote; ``close`` when it governs the quote directly or adjoins it."""

    cue: Token | None
    close: bool


def _governing_cue(ctx: QuoteContext, tokens: Sequence[Token]) -> _Attribution | None:
    """The nearest cue above the quote in the dependency tree (a verb, or a noun like "declaration")."""
    inside = {t.i for t in tokens}
    best: tuple[int, Token, bool] | None = None
    for root in tokens:
        if root.is_punct or (root.head.i in inside and root.head.i != root.i):
            continue
        path = [root]
        current = root
        root_paragraph = paragraph_of(ctx, root.idx)
        while current.head.i != current.i and len(path) < 10:
            current = current.head
            path.append(current)
            if current.i in inside or ctx.in_quote[current.i]:
                continue
            if paragraph_of(ctx, current.idx) > root_paragraph:
                break  # a parse joined two paragraphs: a cue in the next one is not this quote's
            if is_cue(current) or is_noun_cue(current):
                close = is_cue(current) and is_close_path(path)
                if best is None or len(path) < best[0]:
                    best = (len(path), current, close)
                break
            according = according_child(ctx, current)
            if according is not None:  # "According to the complaint, the developers engaged in “...”"
                if best is None or len(path) < best[0]:
                    best = (len(path), according, is_close_path(path))
                break
    return _Attribution(best[1], best[2]) if best else None


def _is_boundary(token: Token) -> bool:
    return ("\n" in token.text) or (token.is_punct and token.text in SENTENCE_END)


def _is_inline_space(token: Token) -> bool:
    return token.is_space and "\n" not in token.text


def _adjacent_cue(ctx: QuoteContext, span: QuotedSpan) -> tuple[Token | None, bool]:
    """A cue right after the closing mark (``," he said``) or right before the opening one; one
    before a colon comes first ("Peabody said: “...,” adding that ...")."""
    after_colon = ctx.last_char_before(span.open_mark) == ":"
    before = _cue_before(ctx, span, after_colon)
    if after_colon and before is not None:
        return before, False
    after = _cue_after(ctx, span)
    if after is not None:
        return after, True
    return before, False


def _cue_after(ctx: QuoteContext, span: QuotedSpan) -> Token | None:
    after_from = span.close_mark if span.close_mark is not None else span.end
    following: Iterable[Token] = (
        ctx.doc[ctx.first_token_from(after_from + 1) :] if not _ends_own_sentence(ctx, span) else ()
    )
    words = 0
    for token in following:
        if _is_inline_space(token):
            continue
        if ctx.in_quote[token.i] or _is_boundary(token) or words >= MAX_SPEAKER_WORDS:
            break
        if words >= ADJACENT_TOKENS and not is_cue(token) and token.pos_ not in NOUN_PHRASE_POS and not is_passive_quoting(token):
            break  # a long subject ("a narrator in the Clinton ad asks") but nothing else
        if is_cue(token) and not _is_reduced_participle(token):
            return token
        words += 0 if token.is_punct else 1
    return None


def _is_reduced_participle(token: Token) -> bool:
    """ "“... the little deal” announced in October, said Derek Scissors": a past participle with
    no auxiliary and no subject modifies the quoted words; the cue comes later."""
    if token.tag_ != "VBN":
        return False
    return not has_subject(token) and not any(child.dep_ in {"aux", "auxpass"} for child in token.children)


def _cue_before(ctx: QuoteContext, span: QuotedSpan, after_colon: bool) -> Token | None:
    words = 0
    for index in range(ctx.first_token_from(span.open_mark) - 1, -1, -1):
        token = ctx.doc[index]
        if token.idx + len(token.text) > span.open_mark:
            continue
        if (after_colon and token.is_space) or _is_inline_space(token):
            continue  # "Caddell continued:" closing the paragraph before the quote
        if ctx.in_quote[token.i] or _is_boundary(token) or words >= 3:
            break
        if is_cue(token) or (after_colon and is_noun_cue(token)):
            return token  # "Sanders made the following comment:" too
        words += 0 if token.is_punct else 1
    return None


def _ends_own_sentence(ctx: QuoteContext, span: QuotedSpan) -> bool:
    """ "“... fragmented.” Analysts say ...": a quote closed by a full stop, with a new sentence
    after it, takes no attribution from that sentence."""
    if span.close_mark is None or not ctx.text[span.start : span.close_mark].rstrip().endswith("."):
        return False
    after = ctx.text[span.close_mark + 1 :].lstrip(" \t")
    return after[:1].isupper()


def _participle_between(ctx: QuoteContext, cue: Token, first_quoted: Token) -> Token | None:
    """ "The spot concludes with footage of Trump saying, “...”": a participle cue with its own
    speaker between the governing cue and the quote is the real attribution."""
    if cue.i >= first_quoted.i:
        return None
    for token in ctx.doc[cue.i + 1 : first_quoted.i]:
        if ctx.in_quote[token.i] or _is_boundary(token):
            return None
        if token.tag_ == "VBG" and is_cue(token):
            if has_subject(token) or name_before_participle(ctx, token) is not None:
                return token
    return None


def _starts_sentence(ctx: QuoteContext, span: QuotedSpan) -> bool:
    """Whether the quote opens its sentence or paragraph (a standalone quotation)."""
    before = ctx.last_char_before(span.open_mark, " \t")
    return not before or before in "\n.!?:" or before in DOUBLE_MARKS


def _attribution(ctx: QuoteContext, span: QuotedSpan, tokens: Sequence[Token]) -> _Attribution:
    """The quote's cue: attribution right after a standalone quote, else the governing cue.

    ``close`` is False when only a distant cue (or none) was found: short quotes
    need a close cue to count as quotes; long ones keep a None speaker.
    """
    lead = _set_off_cue_before(ctx, span)
    if lead is not None:
        return _Attribution(lead, True)
    adjacent, after = _adjacent_cue(ctx, span)
    standalone = _starts_sentence(ctx, span)
    if adjacent is not None and after and standalone:
        return _Attribution(adjacent, True)
    governing = _governing_cue(ctx, tokens)
    if governing is not None and governing.cue is not None:
        if governing.close or is_noun_cue(governing.cue):
            nearer = _participle_between(ctx, governing.cue, tokens[0])
            return _Attribution(nearer, True) if nearer is not None else governing
    if adjacent is not None:
        return _Attribution(adjacent, not after)
    if governing is not None:
        return _Attribution(governing.cue, False)  # nested: "said she looks forward to “...”"
    parenthetical = _parenthetical_cue(ctx, tokens[0])
    return _Attribution(parenthetical, parenthetical is not None)


def _introduced_by_colon(ctx: QuoteContext, span: QuotedSpan, cue: Token) -> bool:
    """ "Williams testified that Dileo told his children: “...”": a quote the cue's own clause
    introduces with a colon is that speaker's words, not the reporter's."""
    if ctx.last_char_before(span.open_mark) != ":" or cue.idx > span.open_mark:
        return False
    return has_subject(cue) and cue.sent.start <= ctx.tokens_of(span)[0].i


def _set_off_cue_before(ctx: QuoteContext, span: QuotedSpan) -> Token | None:
    """ "But, she added, “We want to ...” and called on": a cue set off by commas right before the
    quote is its attribution, whatever verb follows it."""
    if ctx.last_char_before(span.open_mark) != ",":
        return None
    cue = _cue_before(ctx, span, after_colon=False)
    if cue is None or cue.i + 1 >= len(ctx.doc) or ctx.doc[cue.i + 1].text != ",":
        return None
    return cue if any(child.dep_ in SUBJECT_DEPS and child.i < cue.i for child in cue.children) else None


def _parenthetical_cue(ctx: QuoteContext, first_quoted: Token) -> Token | None:
    """ "During his years in office, Mr. Obama said, Americans have come to believe “...”": a cue
    set off by commas earlier in the quote's sentence."""
    sentence = first_quoted.sent
    for token in ctx.doc[sentence.start : first_quoted.i]:
        if ctx.in_quote[token.i] or not is_cue(token) or token.i + 1 >= len(ctx.doc):
            continue
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
        before = ctx.doc[subject.left_edge.i - 1] if subject is not None and subject.left_edge.i > 0 else None
        if ctx.doc[token.i + 1].text == "," and before is not None and before.text == ",":
            return token
    return None


def _speaker(ctx: QuoteContext, cue: Token | None) -> NameSpan | None:
    if cue is None:
        return None
    return _speaker_from_subject(ctx, cue, subject_of(ctx, cue))


def _speaker_from_subject(ctx: QuoteContext, cue: Token, subject: Token | None) -> NameSpan | None:
    if subject is None:
        return None
    if subject.lower_ == "it":  # "Reporters Without Borders ... it said in a statement"
        return ctx.resolver.resolve(subject) or ctx.resolver.statement_source(cue)
    if subject.lower_ in PLURAL_PRONOUNS:  # "they said in a joint statement": the statement, else who "they" are
        source = ctx.resolver.statement_source(cue)
        if source is not None and "joint" in source.text.lower().split():
            return source
        return ctx.resolver.resolve(subject) or source
    speaker = ctx.resolver.resolve(subject)
    if speaker is not None and subject.dep_ not in SUBJECT_DEPS and ctx.resolver.is_person(subject, speaker):
        ctx.resolver.remember_speaker(subject, speaker)
    return speaker


def _direct_speaker(ctx: QuoteContext, span: QuotedSpan, cue: Token | None) -> NameSpan | None:
    """The speaker of a direct quote: the words around a cue that follows the quote, else the parse."""
    if cue is None:
        return dash_speaker(ctx, span)
    after_quote = _subject_after_quote(ctx, span, cue)
    subject = after_quote if after_quote is not None else subject_of(ctx, cue)
    speaker = _speaker_from_subject(ctx, cue, subject)
    if speaker is not None and subject is not None:
        return ctx.resolver.speaker_avoiding(subject, speaker, ctx.text[span.start : span.end])
    is_speech = cue.lemma_.lower() in CUE_LEMMAS or cue.text in INVERTED_CUES
    if after_quote is None and is_speech and is_cue(cue) and not is_prepositional_cue(cue):
        after = _words_after(ctx, cue)
        inverted = noun_run_head(after) if after and after[0].dep_ != "mark" else None  # "said Ellis:"
        is_object = inverted is not None and inverted.dep_ in {"dobj", "dative"} and inverted.head.i == cue.i
        if is_object and inverted is not None and inverted.pos_ == "PROPN" and cue.lower_ in {"said", "says"}:
            is_object = False  # "Said Hunter, “...”" is parsed as an object
        if inverted is not None and not is_object:
            return _speaker_from_subject(ctx, cue, inverted)  # but not "described all farmers as"
    return speaker


CLAUSE_GOES_ON_POS = frozenset({"PART", "ADP", "SCONJ", "CCONJ", "VERB"})


def _goes_on(token: Token) -> bool:
    """A word right after a closing mark that continues the sentence rather than naming the
    speaker ("to drive up", "for"), not "as" ("as a memo put it") or a capitalised name."""
    return token.pos_ in CLAUSE_GOES_ON_POS and token.text[:1].islower() and token.lower_ != "as"


def _subject_after_quote(ctx: QuoteContext, span: QuotedSpan, cue: Token) -> Token | None:
    """In ``,” Tulsa police Chief Chuck Jordan said`` or ``,” said Ellis`` the words by the cue are
    the speaker, whatever the parse says (spaCy often misparses these attributions)."""
    close = span.close_mark if span.close_mark is not None else span.end
    if cue.idx < close or is_prepositional_cue(cue) or ctx.in_quote[cue.i]:
        return None
    quoted = quoted_as_saying(cue)
    if quoted is not None:
        return quoted
    tokens = outside_brackets(ctx.tokens_starting(close + 1, cue.idx))
    between = [t for t in tokens if not t.is_punct]
    if between and between[0].pos_ == "AUX":
        return None  # "“...” was written by Waller, Brown told fans": the quote is a clause's subject
    if between and between[-1].i == cue.i - 1 and in_subject_of(between[-1], cue):
        name = between[-1]
        first_named = name.i > 0 and first_name_gender(ctx.doc[name.i - 1].text) is not None
        if name.pos_ == "PROPN" and (ctx.resolver.is_person_token(name) or first_named):
            return name  # "“...,” lead researcher and NASA planetary scientist Lucas Paganini said"
    commas = [t.i for t in tokens if t.text == ","]
    if between and commas and _goes_on(between[0]):  # "“...” to drive up the price, she said"
        between = [t for t in between if t.i > commas[-1]]
    elif commas:  # "“...,” John Warden, Microsoft's lead lawyer, told the judge": the name, not the role
        first = [t for t in between if t.i < commas[0]]
        named = [t for t in between if commas[0] < t.i < (commas[1] if len(commas) > 1 else cue.i)]
        head = noun_run_head(first) if first else None
        if head is not None and head.pos_ == "NOUN" and named and all(t.pos_ == "PROPN" for t in named):
            return named[-1]  # "the first secretary of the committee, Alexander Kuvayev, said"
        between = first or between
    head = noun_run_head(between) if between else None
    if head is not None and head.pos_ == "NOUN" and commas and commas[-1] == cue.i - 1:
        inverted = noun_run_head(_words_after(ctx, cue))
        if inverted is not None and ctx.resolver.is_person_token(inverted):
            return inverted  # "“... we need to set aside” the plan, said Secretary Ken Salazar"
    if between:
        return head
    after = _words_after(ctx, cue)
    if not after or after[0].dep_ == "mark":  # not "adding that its"
        return None
    apposed = _name_in_apposition(ctx, after[-1]) if after[-1].pos_ == "NOUN" else None
    return apposed or name_after_roles(after) or noun_run_head(after)  # "said her nephew, Ravi Singh, 32"


def _name_in_apposition(ctx: QuoteContext, last: Token) -> Token | None:
    """The name set off by a comma right after a role ("her nephew, Ravi Singh,"): its last word."""
    following = ctx.doc[last.i + 1 : last.i + 6]
    if len(following) < 2 or following[0].text != "," or following[1].pos_ != "PROPN":
        return None
    name = following[1]
    for token in following[2:]:
        if token.pos_ != "PROPN" or ctx.in_quote[token.i]:
            break
        name = token
    return name


def _words_after(ctx: QuoteContext, cue: Token) -> list[Token]:
    """Tokens right after the cue up to punctuation: the speaker of "said Ellis:"."""
    after: list[Token] = []
    for token in ctx.doc[cue.i + 1 : cue.i + 13]:
        if _is_inline_space(token):
            continue  # "said  Ellis": a doubled space
        if token.is_space or _is_boundary(token) or token.text in {",", ":", ";", "("} or ctx.in_quote[token.i]:
            break  # "said Sen. Max Baucus (D-Mont.)": a bracket ends the speaker's words
        after.append(token)
    return after


def _is_title(ctx: QuoteContext, span: QuotedSpan, tokens: Sequence[Token]) -> bool:
    """A short Title Case name after "on"/"in"/a possessive: a show, book or song, not a quote."""
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    if not all(t.text[0].isupper() or t.is_stop for t in words) or not words[0].text[0].isupper():
        return False
    before = [t for t in ctx.doc[: tokens[0].i] if not t.is_punct and not t.is_space]
    if not before or ctx.in_quote[before[-1].i]:
        return False
    previous = before[-1]
    return previous.lower_ in TITLE_PREPOSITIONS or previous.tag_ == "POS"


def _word_count(tokens: Iterable[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def _continues(ctx: QuoteContext, previous: Quote, previous_span: QuotedSpan, span: QuotedSpan) -> bool:
    """A cue-less quote right after ``previous`` (same or next paragraph) continues it, also after
    a sentence-opening conjunction ("But “it ...”")."""
    if not (_starts_sentence(ctx, span) or _after_opening_conjunction(ctx, span)):
        return False
    if span.paragraph - paragraph_of(ctx, previous.end) > 1:
        return False
    gap_start = previous_span.close_mark if previous_span.close_mark is not None else previous.end
    between = list(ctx.doc[ctx.first_token_from(gap_start + 1) : ctx.first_token_from(span.open_mark)])
    if previous.sentence_end > gap_start:
        between = [t for t in between if t.idx >= previous.sentence_end]  # the attribution itself
    verbs = [t for t in between if t.pos_ in {"VERB", "AUX"} and t.text != previous.cue]
    return not verbs and len(between) <= 12


def _after_opening_conjunction(ctx: QuoteContext, span: QuotedSpan) -> bool:
    """ "But “it translates into ...”": only a conjunction or adverb between sentence start and quote."""
    tokens = ctx.tokens_of(span)
    if not tokens:
        return False
    sentence = tokens[0].sent
    before = [t for t in ctx.doc[sentence.start : tokens[0].i] if not (t.is_space or t.text in DOUBLE_MARKS)]
    return 0 < len(before) <= 2 and all(t.pos_ in {"CCONJ", "ADV"} for t in before)


def _make_quote(
    ctx: QuoteContext,
    start: int,
    end: int,
    kind: str,
    speaker: NameSpan | None,
    cue: Token | None,
    content: tuple[int, int] | None = None,
) -> Quote:
    low, high = start, end
    content_start, content_end = content if content is not None else (start, end)
    if cue is not None:
        low, high = min(start, cue.idx), max(end, cue.idx + len(cue.text))
    sentence_start, sentence_end = ctx.sentence_bounds(low, high)
    return Quote(
        id=f"q-{ctx.article.id}-{start}",
        article_id=ctx.article.id,
        start=start,
        end=end,
        text=ctx.text[start:end],
        kind=kind,  # type: ignore[arg-type]
        speaker_text=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        cue=cue_text(cue) if cue is not None else None,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        content_start=content_start,
        content_end=content_end,
    )


def _direct_quotes(ctx: QuoteContext) -> tuple[list[Quote], set[int]]:
    """Direct quotes in text order, and the token indices of the cues they used."""
    quotes: list[Quote] = []
    used_cues: set[int] = set()
    previous: tuple[Quote, QuotedSpan, Token | None] | None = None
    for span in ctx.spans:
        tokens = ctx.tokens_of(span)
        if not tokens:
            continue
        found = _attribution(ctx, span, tokens)
        if found.cue is not None and not _introduced_by_colon(ctx, span, found.cue):
            found = _Attribution(outermost_cue(ctx, found.cue), found.close)
        cue, speaker = found.cue, _direct_speaker(ctx, span, found.cue)
        if previous is not None and _pronoun_continues(ctx, previous[0], span, cue):
            speaker = _name_of(previous[0])
        if cue is None and speaker is not None:
            found = _Attribution(None, True)
        if speaker is None and previous is not None and _continues(ctx, previous[0], previous[1], span):
            cue, found = previous[2], _Attribution(previous[2], True)
            speaker = _name_of(previous[0])
        if speaker is None and cue is None and _starts_sentence(ctx, span):
            speaker = named_before_colon(ctx, span) or introducing_person(ctx, span)
            speaker = speaker or previous_sentence_person(ctx, span)
            speaker = speaker or signed_by_name(ctx, span)
        elif speaker is None and cue is None:
            speaker = introducing_person(ctx, span) or in_the_words_of(ctx, span)
        if (_word_count(tokens) <= MAX_SCARE_WORDS and not found.close) or _is_title(ctx, span, tokens):
            continue
        content = content_bounds(ctx.doc, span.marked, cue, tokens)
        quote = _make_quote(ctx, span.start, span.end, "direct", speaker, cue, content)
        quotes.append(quote)
        if cue is not None:
            used_cues.add(cue.i)
        previous = (quote, span, cue)
    return quotes, used_cues


def _pronoun_continues(ctx: QuoteContext, previous: Quote, span: QuotedSpan, cue: Token | None) -> bool:
    """ "“...,” a trade ministry spokesperson said. “...,” he said": a he/she speaker in the
    sentence right after a quote with a known speaker is that speaker unless the genders conflict."""
    if cue is None or previous.speaker_text is None or is_prepositional_cue(cue):
        return False
    subject = _subject_after_quote(ctx, span, cue) or subject_of(ctx, cue)
    if subject is None or subject.lower_ not in MALE_PRONOUNS | FEMALE_PRONOUNS:
        return False
    if ctx.text[previous.sentence_end : cue.sent.start_char].strip():
        return False  # another sentence lies between
    resolved = ctx.resolver.resolve(subject)
    if resolved is not None and resolved.start >= previous.sentence_end:
        return False  # "Ban Ki-moon condemned what he called ...": named in this very sentence
    previous_name = _name_of(previous)
    assert previous_name is not None
    last = previous_name.text.split()[-1] if previous_name.text.split() else ""
    if last.islower() and last.endswith("s"):
        return False  # "they added, “...” ... he said": a group is not "he"
    gender = ctx.resolver.gender_of(previous_name)
    return gender in {pronoun_gender(subject.lower_), ""}


def _name_of(quote: Quote) -> NameSpan | None:
    if quote.speaker_text is None or quote.speaker_start is None or quote.speaker_end is None:
        return None
    return NameSpan(quote.speaker_start, quote.speaker_end, quote.speaker_text)


def _reported_clause(
    ctx: QuoteContext, cue: Token, clause: Token, direct: Sequence[Quote]
) -> tuple[int, int] | None:
    """Character span of a ``ccomp`` clause that reports speech, or None if it is not one."""
    first, last = clause.left_edge.i, clause.right_edge.i
    if first <= cue.i <= last:
        return None
    markers = [c for c in clause.children if c.dep_ == "mark"]
    if markers and markers[0].lower_ in {"if", "whether"}:
        return None
    if not any(c.dep_ in SUBJECT_DEPS | {"expl"} for c in clause.children):
        return None
    if ctx.doc[first].dep_ == "mark" and ctx.doc[first].lower_ == "that":
        first += 1
    while last > first and (ctx.doc[last].is_punct or ctx.doc[last].is_space):
        last -= 1
    if last < cue.i and not ctx.doc[last + 1].text in {",", "”", '"'}:
        return None  # "..., he said" only; a clause before a semicolon is not reported speech
    start, end = ctx.doc[first].idx, ctx.doc[last].idx + len(ctx.doc[last].text)
    if "\n" in ctx.text[start:end] or any(q.start < end and start < q.end for q in direct):
        return None
    if _word_count(ctx.doc[first : last + 1]) < 3:
        return None
    return start, end


def _inside_any(token: Token, quotes: Sequence[Quote]) -> bool:
    return any(q.start <= token.idx < q.end for q in quotes)


def _indirect_quotes(ctx: QuoteContext, used_cues: set[int], direct: Sequence[Quote]) -> list[Quote]:
    """Reported speech: a cue verb with a clausal complement and no quotation marks."""
    quotes: list[Quote] = []
    for cue in ctx.doc:
        if cue.i in used_cues or _inside_any(cue, direct) or cue.pos_ != "VERB":
            continue
        if cue.lemma_.lower() not in INDIRECT_CUE_LEMMAS or any(c.dep_ == "neg" for c in cue.children):
            continue
        for clause in cue.children:
            if clause.dep_ != "ccomp":
                continue
            bounds = _reported_clause(ctx, cue, clause, direct)
            if bounds is not None:
                quotes.append(_make_quote(ctx, bounds[0], bounds[1], "indirect", _speaker(ctx, cue), cue))
    return quotes


def extract_quotes(article: Article, doc: Doc) -> tuple[Quote, ...]:
    """Direct and indirect quotes of one article, in text order, each with its resolved speaker.

    ``doc`` is spaCy's parse of ``article.text``. Ids are ``q-{article.id}-{start}``.
    """
    spans = find_quoted_spans(article.text)
    ctx = QuoteContext(article, doc, spans)
    direct, used_cues = _direct_quotes(ctx)
    direct = with_ranked_speakers(doc, direct, quoted_ranges(spans))
    indirect = _indirect_quotes(ctx, used_cues, direct)
    by_id: dict[str, Quote] = {}
    for quote in [*direct, *indirect]:
        by_id.setdefault(quote.id, quote)
    return tuple(sorted(by_id.values(), key=lambda q: (q.start, q.end)))


__all__ = ["cue_text", "extract_quotes", "is_cue", "is_noun_cue", "unpaired_marks"]
