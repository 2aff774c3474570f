"""Pairing of double quotation marks in news text.

Straight (``"``) and curly (``“ ”``) double marks are paired paragraph by
paragraph. Single marks (``‘ ’ '``) are never paired: inside a double quote they
are nested quotes, elsewhere they are usually apostrophes. The news convention
of a paragraph that opens a quote without closing it, continued by a paragraph
that opens again, yields one span per paragraph. Wire copy's two apostrophes
(``''``) close a double quote. Marks that cannot be paired are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MarkRole = Literal["open", "close", "either", "none"]

OPENING_MARKS = frozenset("“„«")
CLOSING_MARKS = frozenset("”»")
AMBIGUOUS_MARKS = frozenset('"')
DOUBLE_MARKS = OPENING_MARKS | CLOSING_MARKS | AMBIGUOUS_MARKS

_BEFORE_OPEN = frozenset(" \t\n([{—–-/:;")
_AFTER_CLOSE = frozenset(" \t\n)]}.,;:!?—–-/…'’")
_TRAILING_JUNK = " \t\n,;:"
_PARAGRAPH_BREAK = re.compile(r"\n+")


@dataclass(frozen=True)
class QuotedSpan:
    """The words between a pair of quotation marks (marks excluded, trimmed).

    ``open_mark``/``close_mark`` are the offsets of the marks; ``close_mark`` is
    ``None`` when the paragraph ended before the quote was closed.
    ``paragraph`` is the index of the paragraph the quote opens in.
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    paragraph: int

    @property
    def marked(self) -> tuple[int, int]:
        """The quote with its marks: from the opening mark to past the closing one (to ``end``
        when it was never closed)."""
        return self.open_mark, self.close_mark + 1 if self.close_mark is not None else self.end


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Start/end offsets of the non-empty lines (news paragraphs) of ``text``."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[position : match.start()].strip():
            bounds.append((position, match.start()))
        position = match.end()
    if text[position:].strip():
        bounds.append((position, len(text)))
    return bounds


def mark_role(text: str, index: int) -> MarkRole:
    """Whether the double mark at ``index`` opens or closes a quote, judged from its neighbours."""
    char = text[index]
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens_by_context = before in _BEFORE_OPEN or before in DOUBLE_MARKS or before in "‘'"
    closes_by_context = after in _AFTER_CLOSE or after in DOUBLE_MARKS
    if after.isspace() and before.isspace():
        return _spaced_from_single_mark(text, index)
    if char in OPENING_MARKS:
        return "close" if after.isspace() and before in ".,!?" else "open"  # typo: ``51 percent.“``
    if char in CLOSING_MARKS:
        return "open" if before == "\n" and not after.isspace() else "close"  # typo: ``”Fear.`` opening a paragraph
    if opens_by_context and not after.isspace():
        return "open" if not closes_by_context or before.isspace() else "either"
    if closes_by_context and not before.isspace():
        return "close"
    return "either"


def _spaced_from_single_mark(text: str, index: int) -> MarkRole:
    """A double mark set off by a space from a nested single one: ``outreach,' " he said`` closes,
    ``" 'Tis`` opens; any other mark between spaces is a stray (an inch mark, a typo)."""
    if index >= 2 and text[index - 2] in "'’" and text[index] not in OPENING_MARKS:
        return "close"
    if index + 2 < len(text) and text[index + 2] in "'‘" and text[index] not in CLOSING_MARKS:
        return "open"
    return "none"


def _reopens_after_sentence(text: str, open_at: int, reopen: int) -> bool:
    """``"There were cars burning. "Otherwise it was empty. "``: a quote left open at the end of a
    sentence and opened again is the paragraph-reopening convention in text whose paragraph breaks
    were lost; the first quote ends at its last sentence."""
    before = text[open_at + 1 : reopen].rstrip()
    return reopen > open_at + 1 and before[-1:] in {".", "?", "!"} and text[reopen - 1 : reopen].isspace()


def _closes_after_space(text: str, index: int) -> bool:
    """A straight mark spaced off from the punctuation ending the quoted words (``yet, " he said``,
    as detokenised text writes it), or a curly closing mark between spaces, closes the quote that is open."""
    if text[index] in CLOSING_MARKS:
        return True  # ``and continue to see ” Mayer said``: a closing mark, whatever its spacing
    return text[index] in AMBIGUOUS_MARKS and index >= 2 and text[index - 1] == " " and text[index - 2] in ",.!?"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING_JUNK:
        end -= 1
    return start, end


def _is_two_apostrophe_close(text: str, index: int) -> bool:
    """The last two of a run of apostrophes, a closing double mark in wire copy (``I ran,'' he
    told``; after a nested single quote, three apostrophes)."""
    return text.startswith("''", index) and (index + 2 >= len(text) or text[index + 2] != "'")


def _spans_in_paragraph(
    text: str, bounds: list[tuple[int, int]], index: int, carried_open: int | None
) -> tuple[list[tuple[int, int | None, int | None]], int | None]:
    """Pair marks of one paragraph; returns (open, close, end) triples and an open mark left hanging.
    ``close`` is None for a quote never closed, which ends at ``end`` (None: its paragraph's end)."""
    par_start, par_end = bounds[index]
    pairs: list[tuple[int, int | None, int | None]] = []
    open_at = carried_open
    for position in range(par_start, par_end):
        if open_at is not None and _is_two_apostrophe_close(text, position):
            pairs.append((open_at, position, None))  # ``"I ran,'' he told`` (wire copy's closing mark)
            open_at = None
            continue
        if text[position] not in DOUBLE_MARKS:
            continue
        role = mark_role(text, position)
        if role == "none" and open_at is not None and _closes_after_space(text, position):
            role = "close"
        if role == "none":
            continue
        if open_at is None:
            if role != "close":
                open_at = position
        elif role == "open":
            if open_at < par_start:
                pairs.append((open_at, None, None))
            elif _reopens_after_sentence(text, open_at, position):
                pairs.append((open_at, None, position))
            open_at = position  # otherwise the earlier mark in this paragraph cannot be paired: drop it
        else:
            pairs.append((open_at, position, None))
            open_at = None
    return pairs, open_at


def _continues_on_next_line(text: str, bounds: list[tuple[int, int]], index: int) -> bool:
    """A hard-wrapped quote: single newline, and the next line's first mark closes."""
    if index + 1 >= len(bounds):
        return False
    gap = text[bounds[index][1] : bounds[index + 1][0]]
    if gap.count("\n") != 1:
        return False
    next_start, next_end = bounds[index + 1]
    for position in range(next_start, next_end):
        if text[position] in DOUBLE_MARKS:
            return mark_role(text, position) == "close"
    return False


def find_quoted_spans(text: str) -> tuple[QuotedSpan, ...]:
    """All quoted spans of ``text`` in order; unbalanced marks are skipped, never raised on."""
    bounds = paragraph_bounds(text)
    spans: list[QuotedSpan] = []
    open_info: tuple[int, int] | None = None  # (mark offset, paragraph it opened in)
    for index, (_, par_end) in enumerate(bounds):
        carried = open_info[0] if open_info else None
        pairs, hanging = _spans_in_paragraph(text, bounds, index, carried)
        for open_mark, close_mark, unclosed_end in pairs:
            paragraph = open_info[1] if open_info and open_mark == open_info[0] else index
            end = close_mark if close_mark is not None else unclosed_end or bounds[paragraph][1]
            _append_span(spans, text, open_mark, close_mark, end, paragraph)
            if open_info and open_mark == open_info[0]:
                open_info = None
        if hanging is None:
            open_info = None
            continue
        hanging_paragraph = open_info[1] if open_info and hanging == open_info[0] else index
        if _continues_on_next_line(text, bounds, index):
            open_info = (hanging, hanging_paragraph)
            continue
        _append_span(spans, text, hanging, None, par_end, hanging_paragraph)
        open_info = None
    return tuple(spans)


def _append_span(
    spans: list[QuotedSpan],
    text: str,
    open_mark: int,
    close_mark: int | None,
    end: int,
    paragraph: int,
) -> None:
    start, end = _trimmed(text, open_mark + 1, end)
    if not any(char.isalnum() for char in text[start:end]):
        return
    spans.append(QuotedSpan(start, end, open_mark, close_mark, paragraph))


def _opens_next_paragraph(text: str, bounds: list[tuple[int, int]], paragraph: int) -> bool:
    """Whether the paragraph after ``paragraph`` begins with a double mark (quote continued)."""
    if paragraph + 1 >= len(bounds):
        return False
    start, end = bounds[paragraph + 1]
    first = text[start:end].lstrip()
    return bool(first) and first[0] in DOUBLE_MARKS


def unpaired_marks(text: str) -> tuple[int, ...]:
    """Offsets of the double quotation marks that could not be paired, in text order.

    These are the marks :func:`find_quoted_spans` skipped (a stray ``"``, an
    inch mark, a closing mark with no opening one) plus opening marks left
    hanging at the end of a paragraph that is not continued by a paragraph
    opening a new quotation (the news convention for multi-paragraph quotes).
    """
    bounds = paragraph_bounds(text)
    used: set[int] = set()
    hanging: list[int] = []
    for span in find_quoted_spans(text):
        used.add(span.open_mark)
        if span.close_mark is not None:
            used.add(span.close_mark)
        elif not _opens_next_paragraph(text, bounds, _paragraph_at(bounds, span.end)):
            hanging.append(span.open_mark)
    skipped = [i for i, char in enumerate(text) if char in DOUBLE_MARKS and i not in used]
    return tuple(sorted({*skipped, *hanging}))


def _paragraph_at(bounds: list[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(bounds):
        if start <= offset <= end:
            return index
    return len(bounds) - 1
