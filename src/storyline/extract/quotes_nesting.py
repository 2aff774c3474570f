"""Nested attributions: which attribution a quote is credited to when one source reports another.

PolNeAR-style attribution credits the content of a report to the reporting source:
in "Trump said that Clinton once described the deal as “the gold standard”" the
quote belongs to Trump's attribution, and in "According to Yahoo News, Lehrich
said ..." to Yahoo News's. A coordinated clause with its own cue ("..., and the
mother replied, “...”"), a report without a reporter ("when asked why") and a
statement with its own author ("a declaration by the president") are not credited
to the surrounding report.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.quotes_cues import CUE_LEMMAS, is_cue, is_noun_cue
from storyline.extract.quotes_subjects import QuoteContext, statement_author

MAX_NESTING = 8


def according_child(ctx: QuoteContext, clause: Token) -> Token | None:
    """The "according" of an "according to X" attached to ``clause``, outside quotes."""
    for child in clause.children:
        if child.lower_ == "according" and is_cue(child) and not ctx.in_quote[child.i]:
            return child
    return None


def reporting_cue(ctx: QuoteContext, cue: Token) -> Token | None:
    """The attribution that reports ``cue``'s clause, which PolNeAR-style attribution credits with it.

    "Trump said that Clinton once described the deal as “the gold standard”": "said"
    reports the clause holding "described". "According to Yahoo News, Lehrich said
    ...": the "according to" that governs the cue's clause (or its first conjunct).
    None when nothing reports the cue's clause, and for a statement with its own author ("a
    declaration by the U.S. president"): what another source says about it is not its source.
    """
    if is_noun_cue(cue) and statement_author(cue) is not None:
        return None
    according = _according_over(ctx, cue)
    if according is not None:
        return according
    current = cue
    for _ in range(MAX_NESTING):
        head = current.head
        if head.i == current.i or current.dep_ == "conj" or ctx.in_quote[head.i] or _across_lines(ctx, head, current):
            return None  # a coordinated clause ("..., and the mother replied, “...”") is not reported
        if current.dep_ == "advcl" and current.tag_ == "VBG" and ctx.subject_outside_quotes(current) is not None:
            return None  # "..., governor X describing it as “...”": an absolute clause speaks for itself
        if current.dep_ == "ccomp" and head.lemma_.lower() in CUE_LEMMAS and is_cue(head):
            reporter = ctx.subject_outside_quotes(head) is not None
            return head if reporter else None  # "when asked why, the engineer replied": no reporter
        current = head
    return None


def _across_lines(ctx: QuoteContext, token: Token, other: Token) -> bool:
    low, high = sorted((token.idx, other.idx))
    return "\n" in ctx.text[low:high]


def _according_over(ctx: QuoteContext, cue: Token) -> Token | None:
    """ "According to X, Y said ..." or "Y watched, according to X, and said ...": X's attribution,
    written before the cue."""
    clause = cue
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    according = according_child(ctx, clause)
    if according is None or according.i >= cue.i:
        return None  # "“...,” he said, according to Interfax": he spoke; the agency carried it
    return according


def outermost_cue(ctx: QuoteContext, cue: Token) -> Token:
    """Follow :func:`reporting_cue` out to the attribution no other one reports."""
    seen = {cue.i}
    outer = reporting_cue(ctx, cue)
    while outer is not None and outer.i not in seen:
        seen.add(outer.i)
        cue, outer = outer, reporting_cue(ctx, outer)
    return cue


__all__ = ["according_child", "outermost_cue", "reporting_cue"]
