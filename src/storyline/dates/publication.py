"""Publication date of an article: header line, metadata, datelines, file name, then dated captions.

Never guesses: without evidence the result is ``Published()`` (undated). Dates
inside ordinary body sentences ("pulled out of in January 2017") are not
publication evidence; only a full day-month-year date in a dateline, a
"Published ..." line or a photo caption counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from storyline.dates.rules import DAY, MONTH, YEAR, Context, interpret
from storyline.dates.values import normalise_date_string
from storyline.models import Citation, CleanDocument, Published


def _plain(pattern: str) -> str:
    return re.sub(r"\?P<\w+>", "", pattern)


_FULL_DATES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"{_plain(MONTH)}\s+{_plain(DAY)},?\s+{_plain(YEAR)}",
        rf"{_plain(DAY)}\s+(?:of\s+)?{_plain(MONTH)},?\s+{_plain(YEAR)}",
        r"(?<![\d-])\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d-])",
    )
)
_WEEKDAY_BEFORE = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*$")
_PREPOSITION_BEFORE = re.compile(
    r"(?i:\b(?:on|in|at|by|since|until|till|before|after|from|of|to|through|as\s+of|as\s+early\s+as|than|and|or))\s*$"
)
_CAPTION_TAIL = re.compile(r"\.?\s*(?:\([^()\n]{0,100}\)|(?i:photo|image|credit|file)\b[^\n]{0,100})?\s*$")
_DATELINE_HEAD = re.compile(r"^\W*(?:[A-Z][A-Z.'-]*(?:[ ,]+[A-Z][A-Z.'-]*)*\s*(?:\([^()]*\))?[,\s]*)?$")
_DATELINE_TAIL = re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:[-–—|:]|$)")
_META_WORDS = re.compile(
    r"(?i:\s*(?:(?P<word>first\s+published|published|posted|updated|last\s+updated|date|on)\b)?\W*"
    r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?\W*)?)"
)


_FILE_NAME_DATE = re.compile(
    r"(?<![0-9A-Za-z])((?:19|20)\d{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])"
)
CONFIDENCE = {"header": 0.95, "metadata": 0.9, "dateline": 0.8, "updated": 0.6, "filename": 0.6, "caption": 0.5}


@dataclass(frozen=True)
class TextDateEvidence:
    """A full date in the text that can date the article; ``start``/``end`` cover the date.

    ``rank`` orders kinds of line: 0 dateline or "Published", 1 "Updated", 2 photo caption.
    """

    start: int
    end: int
    value: str
    rank: int


def publication_date(doc: CleanDocument, article_id: str) -> Published:
    """The publication date from the first evidence found, with its source and a confidence.

    Order: header line (0.95), metadata such as HTML meta/htmldate or a JSONL
    ``published`` field (0.9), a dateline or "Published ..." line (0.8; "Updated"
    0.6), a date in the file name (``2018-10-07-pompeo.txt``, 0.6), else the
    latest full date ending a photo caption (0.5; an article cannot predate its
    own photos). In-text evidence is cited in ``evidence``. No evidence: ``Published()``.
    """
    header = {key.strip().lower(): value for key, value in doc.header.items()}
    for key in ("date", "published"):
        parsed = normalise_date_string(header[key]) if header.get(key) else None
        if parsed is not None:
            return Published(parsed[0], parsed[1], "header", confidence=CONFIDENCE["header"])
    if doc.metadata_published and (parsed := normalise_date_string(doc.metadata_published)):
        return Published(parsed[0], parsed[1], "metadata", confidence=CONFIDENCE["metadata"])
    evidence = text_publication_evidence(doc.text)
    if evidence is not None and evidence.rank < 2:
        kind = "dateline" if evidence.rank == 0 else "updated"
        return _from_text(evidence, article_id, CONFIDENCE[kind])
    from_name = file_name_date(doc.path)
    if from_name is not None:
        return Published(from_name, "day", "filename", confidence=CONFIDENCE["filename"])
    if evidence is not None:
        return _from_text(evidence, article_id, CONFIDENCE["caption"])
    return Published()


def _from_text(evidence: TextDateEvidence, article_id: str, confidence: float) -> Published:
    citation = Citation(article_id, evidence.start, evidence.end)
    return Published(evidence.value, "day", "text", citation, confidence=confidence)


def file_name_date(path: str) -> str | None:
    """A full date in a file's name (``2018-10-07-pompeo.txt``, ``20181007_x.html``), or ``None``."""
    name = PurePath(re.sub(r":\d+$", "", path.replace("!", "/"))).name
    for match in _FILE_NAME_DATE.finditer(name):
        try:
            return date(int(match[1]), int(match[3]), int(match[4])).isoformat()
        except ValueError:
            continue
    return None


def text_publication_evidence(text: str) -> TextDateEvidence | None:
    """The strongest in-text publication date: datelines and "Published" lines, else the latest caption."""
    found = list(_dated_lines(text))
    stated = [item for item in found if item.rank < 2]
    if stated:
        return min(stated, key=lambda item: (item.rank, item.start))
    captions = [item for item in found if item.rank == 2]
    if not captions:
        return None
    return max(captions, key=lambda item: (item.value, -item.start))


def _dated_lines(text: str) -> Iterator[TextDateEvidence]:
    for line in re.finditer(r"[^\n]+", text):
        for pattern in _FULL_DATES:
            for match in pattern.finditer(text, line.start(), line.end()):
                readings = interpret(match.group(), Context(None, "neutral"))
                if not readings or readings[0].granularity != "day" or readings[0].value is None:
                    continue
                rank = _line_kind(text[line.start() : match.start()], text[match.end() : line.end()])
                if rank is not None:
                    yield TextDateEvidence(match.start(), match.end(), readings[0].value, rank)


def _line_kind(before: str, after: str) -> int | None:
    """0 dateline/"Published", 1 "Updated", 2 caption ending with the date, ``None`` body text."""
    meta = _META_WORDS.fullmatch(before)
    if meta is not None and _META_WORDS.fullmatch(after) is not None:
        return 1 if meta["word"] and "updated" in meta["word"].lower() else 0
    if _DATELINE_HEAD.match(before) and _DATELINE_TAIL.match(after):
        return 0
    if not _CAPTION_TAIL.fullmatch(after):
        return None
    weekday = _WEEKDAY_BEFORE.search(before)
    lead = before[: weekday.start()] if weekday else None
    if lead is not None:
        return 2 if lead.strip() and not _PREPOSITION_BEFORE.search(lead) else None
    return 2 if before.rstrip().endswith(",") and not _PREPOSITION_BEFORE.search(before.rstrip()[:-1]) else None
