"""The attribution content of a direct quote: the whole reported material, not only the quoted words.

In ``X said that Trump's statement was "true."`` the quoted word is "true." but
what X is reported to have said is the clause ``that Trump's statement was
"true."``. The content span is that clause (the cue's complement that holds the
quote, with its "that"), widened to take in the quotation marks; a plain direct
quote (``"...," she said``) or each part of a split quote is its own content,
marks included, which is how PolNeAR annotates attribution content.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from storyline.nlp import doc_text

COMPLEMENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "oprd", "prep", "advcl", "attr", "acomp", "parataxis", "dative"}
)
OBJECT_DEPS = frozenset({"dobj", "dative"})
PREDICATIVE_DEPS = frozenset({"oprd", "xcomp", "ccomp", "prep", "acomp"})
LEADING_SKIP = frozenset({",", ":", ";", "—", "–", "-"})


def _complement_under(cue: Token, tokens: Sequence[Token]) -> Token | None:
    """The cue's child whose subtree holds the quoted words (None when the cue does not govern them)."""
    for token in tokens:
        current = token
        for _ in range(12):
            if current.head.i == current.i:
                break
            if current.head.i == cue.i:
                return current
            current = current.head
    return None


def _first_token(cue: Token, complement: Token) -> int:
    """Where the content starts: the complement's left edge, or the object before a predicate
    ("described *the Affordable Care Act* as a "crazy system"", "called *Machado* "disgusting"")."""
    first = complement.left_edge.i
    if complement.dep_ in PREDICATIVE_DEPS and complement.i > cue.i:
        objects = [c for c in cue.children if c.dep_ in OBJECT_DEPS and cue.i < c.i < complement.i]
        if objects:
            first = min(first, objects[0].left_edge.i)
    return first


def content_bounds(
    doc: Doc, quote_bounds: tuple[int, int], cue: Token | None, tokens: Sequence[Token]
) -> tuple[int, int]:
    """Character span of the reported material around a quote.

    ``quote_bounds`` covers the quote with its marks; ``tokens`` are the quoted
    words. Falls back to ``quote_bounds`` when the cue does not govern the quote
    through a complement, or the complement would cross the cue or a paragraph.
    """
    if cue is not None and cue.lower_ == "according" and tokens:
        return _according_clause(doc, quote_bounds, cue)
    if cue is None or cue.lower_ in {"according", "per"} or not tokens:
        return quote_bounds
    complement = _complement_under(cue, tokens)
    if complement is None or complement.dep_ not in COMPLEMENT_DEPS:
        return quote_bounds
    first, last = _first_token(cue, complement), complement.right_edge.i
    if first <= cue.i <= last:
        return quote_bounds
    while first < last and (doc[first].is_space or doc[first].text in LEADING_SKIP):
        first += 1
    while last > first and (doc[last].is_space or (doc[last].is_punct and doc[last].idx >= quote_bounds[1])):
        last -= 1
    start = min(doc[first].idx, quote_bounds[0])
    end = max(doc[last].idx + len(doc[last].text), quote_bounds[1])
    if "\n" in doc_text(doc)[start:end] and "\n" not in doc_text(doc)[quote_bounds[0] : quote_bounds[1]]:
        return quote_bounds
    if start < cue.idx < end:
        return quote_bounds
    return start, end


def _according_clause(doc: Doc, quote_bounds: tuple[int, int], according: Token) -> tuple[int, int]:
    """ "More than 100,000 people took part in a “walk-in”, according to the organizers": the clause
    that "according to" attributes, without the "according to" phrase itself."""
    clause = according.head
    if clause.i == according.i or clause.pos_ not in {"VERB", "AUX"}:
        return quote_bounds
    skip = {t.i for t in according.subtree}
    kept = [t for t in clause.subtree if t.i not in skip and not t.is_space]
    while kept and (kept[0].text in LEADING_SKIP or kept[0].is_punct and kept[0].idx < quote_bounds[0]):
        kept.pop(0)
    while kept and kept[-1].is_punct and kept[-1].idx >= quote_bounds[1]:
        kept.pop()
    if not kept:
        return quote_bounds
    start = min(kept[0].idx, quote_bounds[0])
    end = max(kept[-1].idx + len(kept[-1].text), quote_bounds[1])
    if "\n" in doc_text(doc)[start:end] or start <= according.idx < end:
        return quote_bounds  # a paragraph break, or "according to" in the middle of the clause
    return start, end


__all__ = ["content_bounds"]
