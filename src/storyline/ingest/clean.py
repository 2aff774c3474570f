"""Clean raw documents into article text: extract HTML, lift header lines, drop junk.

Every dropped piece is recorded as a :class:`Removal`. Kept lines are never reworded: later
stages cite character offsets into the cleaned text, so cleaning only removes whole lines,
junk pieces inside lines (template tags, stray markup) and surrounding whitespace.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from dataclasses import dataclass
from itertools import pairwise

import ftfy
import lxml.html
import trafilatura
from lxml import etree

from storyline.ingest.time_limit import TimeLimitExceeded, time_limit
from storyline.models import Article, CleanDocument, Published, RawDocument, Removal

LOGGER = logging.getLogger(__name__)

MAX_TITLE_CHARS = 150
MAX_TITLE_WORDS = 20
MIN_TRUNCATED_CHARS = 20
MIN_TRUNCATED_WORDS = 3
MAX_HEADER_LINE_CHARS = 300
MAX_JUNK_LINE_WORDS = 60
MIN_WRAPPED_BREAKS = 4
MIN_RUN_ON_BODY_WORDS = 4
# Wall-clock seconds one document may spend in extraction and cleaning.
EXTRACTION_TIME_LIMIT_S = 20.0
MAX_REPAIR_ROUNDS = 4

# Only encoding repairs: quotes, widths, ligatures and normalisation are left as written.
_MOJIBAKE_FIXES = ftfy.TextFixerConfig(
    unescape_html=False, restore_byte_a0=False, replace_lossy_sequences=False, fix_latin_ligatures=False,
    fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False, normalization=None, explain=False,
)

# --- inline junk -------------------------------------------------------------------------
_HTML_TAG_NAMES = (
    "a|abbr|article|aside|b|blockquote|body|br|button|caption|center|cite|code|dd|div|dl|dt|em|"
    "embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|"
    "label|li|link|main|meta|nav|noscript|object|ol|option|p|picture|pre|q|s|section|select|"
    "small|source|span|strong|style|sub|sup|svg|table|tbody|td|textarea|tfoot|th|thead|time|"
    "title|tr|u|ul|video"
)
# Quantifiers are bounded so that pathological lines ("{{{{...") cannot make matching quadratic.
_SCRIPT_ELEMENT = re.compile(r"<(script|style)\b[^<>]{0,500}>.{0,10000}?</\1\s*>", re.IGNORECASE)
_HTML_TAG = re.compile(rf"</?(?:{_HTML_TAG_NAMES})(?:\s[^<>]{{0,1000}})?/?>|<!--.{{0,2000}}?-->", re.IGNORECASE)
_TEMPLATE_TAG = re.compile(r"\{\{.{0,300}?\}\}|\{%.{0,300}?%\}|\{#.{0,300}?#\}")
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_STRAY_LEADING_CHAR = re.compile(r"^[?\ufffd¿■▪►]+(?=\w)")
_INVALID_CHARS = re.compile(r"[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")

# --- header lines --------------------------------------------------------------------------
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_DATE_VALUE = (
    rf"{_WEEKDAY}(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?"
    rf"(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|\d{{4}}/\d{{1,2}}/\d{{1,2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
)
_DATE_HEADER = re.compile(
    rf"^(?P<key>date|published|updated|posted)(?:\s*[:=]\s*|\s+)(?P<value>{_DATE_VALUE})(?=\s|$)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_URL_HEADER = re.compile(r"^(?P<key>url|link)(?:\s*[:=]\s*|\s+)(?P<value>https?://\S+)\s*(?P<rest>.*)$", re.IGNORECASE)
_FIELD_KEYS = "title|headline|source|author|byline|section|category|tags|language|date|published|updated"
_COLON_HEADER = re.compile(rf"^(?P<key>{_FIELD_KEYS})\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)
_BARE_HEADER = re.compile(r"^(?P<key>title|headline|source|author|byline|section)\s+(?P<value>\S.*)$")

# --- whole junk lines ------------------------------------------------------------------------
_AGENCIES = (
    r"REUTERS|Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|Kyodo(?: News)?|"
    r"Yonhap|Xinhua|dpa|DPA|UPI|ANI|PTI|Jiji Press"
)
_JUNK_LINE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("separator", re.compile(r"^(?:[_*=~#•·+.\-–—]\s*){3,}$")),
    ("agency sign-off", re.compile(rf"^(?:[-–—]\s*)?[(\[]?(?:{_AGENCIES})[)\]]?\.?$")),
    ("template", re.compile(r"^\{[{%#][^{}]{0,80}$")),
    ("boilerplate", re.compile(
        r"^(?:by subscribing,? you can help us get the story right"
        r"|in a time of both misinformation and too much information,? quality journalism is more crucial"
        r"|sign up (?:for|to|now|today|here)\b|subscribe (?:to|now|today|here|for)\b"
        r"|click here\b|(?:read|see) more\s*:|follow us on\b|advertisement$|story continues below"
        r"|(?:copyright|©|\(c\))\s.{0,120}$|share this (?:article|story)\b"
        r"|(?:photo|file photo|image|credit)s?\s*(?:by\b|:).{0,100}$)",
        re.IGNORECASE,
    )),
    ("boilerplate", re.compile(r"\ball rights reserved\.?$", re.IGNORECASE)),
    ("contributor", re.compile(
        r"\bcontributed (?:reporting )?to this (?:report|story|article)\b"
        r"|\bcontributed (?:reporting )?from [A-Z]"
        r"|\b(?i:information from) [A-Z][\w .&-]{0,60} (?:was )?added\b"
        r"|^(?i:(?:additional )?(?:reporting|writing) by)\b"
        r"|^(?i:editing by)\b|;\s*(?i:editing by)\b"
        r"|^(?i:compiled|written) by [A-Z][\w .'-]{0,60}$"
    )),
)

_SENTENCE_END = ".!?;:…"
_FINAL_PUNCTUATION = _SENTENCE_END + ","
_QUOTE_CLOSERS = "\"'”’)]"
_WHITESPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class ExtractedPage:
    """Main text and page metadata that trafilatura found in an HTML page."""

    text: str
    title: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True)
class _Line:
    """A working line (or joined paragraph) with its 1-based line number in the source text."""

    number: int
    text: str


@dataclass(frozen=True)
class CleanedText:
    """Result of cleaning a body of text."""

    text: str
    title: str | None
    header: dict[str, str]
    removals: tuple[Removal, ...]


def article_id_for(text: str) -> str:
    """Content id of an article: the first 16 hex chars of the sha256 of its cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_article(doc: CleanDocument, published: Published) -> Article:
    """Make the Article record for a cleaned document and its resolved publication date."""
    return Article(
        id=article_id_for(doc.text),
        path=doc.path,
        title=doc.title,
        url=doc.url,
        text=doc.text,
        published=published,
        removals=doc.removals,
    )


def clean_document(raw: RawDocument, time_limit_s: float | None = EXTRACTION_TIME_LIMIT_S) -> CleanDocument:
    """Clean one raw document: extract HTML main text and metadata, then clean the text.
    Raises :class:`TimeLimitExceeded` when that takes longer than ``time_limit_s`` seconds."""
    with time_limit(time_limit_s, f"extracting {raw.path}"):
        return _clean_document(raw)


def _clean_document(raw: RawDocument) -> CleanDocument:
    """Clean one raw document without a time limit."""
    title, url, published = raw.title, raw.url, raw.published
    body = raw.content
    if raw.kind == "html":
        page = extract_html(raw.content)
        body = page.text
        title, url, published = title or page.title, url or page.url, published or page.published
    is_text = raw.kind == "text"
    cleaned = clean_text(body, title=title, title_from_first_line=is_text, drop_repeats=is_text)
    header_url = cleaned.header.get("url") or cleaned.header.get("link")
    return CleanDocument(
        path=raw.path,
        text=cleaned.text,
        title=cleaned.title,
        url=url or header_url,
        metadata_published=published,
        header=cleaned.header,
        removals=cleaned.removals,
    )


# --- HTML ----------------------------------------------------------------------------------
_DOCTYPE = re.compile(r"<!DOCTYPE[^>\[]{0,1000}(?:\[[^\]]{0,100000}\]\s*)?>", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"<\?xml[^>]*\?>", re.IGNORECASE)
_SAFE_HTML_PARSER = lxml.html.HTMLParser(
    no_network=True, remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
)


def extract_html(markup: str) -> ExtractedPage:
    """Main text, title, canonical URL and publication date of an HTML page (empty text when
    nothing can be extracted). DTDs are stripped before parsing, so entities never resolve."""
    markup = _XML_DECLARATION.sub("", _DOCTYPE.sub("", markup))
    empty = ExtractedPage("", None, None, None)
    try:
        tree = lxml.html.document_fromstring(markup, parser=_SAFE_HTML_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return empty
    try:
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except TimeLimitExceeded:
        raise
    except Exception:
        LOGGER.warning("trafilatura failed on a page; treating it as empty", exc_info=True)
        return empty
    if document is None or isinstance(document, dict):
        return empty
    return ExtractedPage(
        text=document.text or "",
        title=_non_empty(document.title),
        url=_non_empty(document.url),
        published=_non_empty(document.date),
    )


def _non_empty(value: object) -> str | None:
    """A stripped non-empty string, else None."""
    if isinstance(value, str):
        return value.strip() or None
    return None


# --- text ----------------------------------------------------------------------------------
def clean_text(
    body: str, title: str | None = None, title_from_first_line: bool = True, drop_repeats: bool = True
) -> CleanedText:
    """Clean a body of text: drop junk (recording each removal), lift header lines at the top,
    take a headline-like first line as the title when there is none, and join paragraphs with
    blank lines. With ``drop_repeats`` (plain-text input) repeated lines and cut-off copies of
    lines (duplicated photo captions) are dropped too; HTML extraction already deduplicates, and
    there repeated lines are usually content (recipes, tables)."""
    removals: list[Removal] = []
    lines = [_strip_inline_junk(number, line, removals) for number, line in enumerate(body.splitlines(), 1)]
    header: dict[str, str] = {}
    lines = _lift_header(lines, header, removals)
    lines = [_drop_junk_line(line, removals) for line in lines]
    joined = [_drop_junk_line(_repair_mojibake(p, removals), removals) for p in _join_paragraphs(lines)]
    paragraphs = [paragraph for paragraph in joined if paragraph.text]
    if drop_repeats:
        paragraphs = _drop_truncated(_drop_duplicates(paragraphs, removals), removals)
    title, paragraphs = _settle_top(paragraphs, title, title_from_first_line, header, removals)
    ordered = tuple(sorted(removals, key=lambda removal: removal.line))
    return CleanedText("\n\n".join(p.text for p in paragraphs), title, header, ordered)


def _strip_inline_junk(number: int, line: str, removals: list[Removal]) -> _Line:
    """Strip a line and remove template tags, stray markup and entities until none is left."""
    original = line.strip()
    pieces: list[tuple[str, str]] = []
    text = original
    while True:
        previous = text
        text = _INVALID_CHARS.sub(lambda m: _note(pieces, "invalid character", m.group()), text)
        text = _SCRIPT_ELEMENT.sub(lambda m: _note(pieces, "html markup", m.group()), text)
        text = _TEMPLATE_TAG.sub(lambda m: _note(pieces, "template", m.group()), text)
        text = _HTML_TAG.sub(lambda m: _note(pieces, "html markup", m.group(), " "), text)
        text = _HTML_ENTITY.sub(lambda m: _decode_entity(pieces, m.group()), text)
        text = _STRAY_LEADING_CHAR.sub(lambda m: _note(pieces, "stray character", m.group()), text.strip())
        text = _WHITESPACE_RUN.sub(" ", text) if pieces else text
        if text == previous:
            break
    if not text and pieces:
        reason = "template" if any(kind == "template" for kind, _ in pieces) else "html markup"
        removals.append(Removal(original, reason, number))
    else:
        removals.extend(Removal(piece, kind, number) for kind, piece in pieces)
    return _Line(number, text)


def _repair_mojibake(paragraph: _Line, removals: list[Removal]) -> _Line:
    """Repair text decoded with the wrong encoding (``cafÃ©`` -> ``café``), recording the
    original. Done on whole paragraphs and repeated (with inline junk stripped again) until
    nothing changes, so that cleaning the cleaned text changes nothing."""
    current = paragraph
    for _ in range(MAX_REPAIR_ROUNDS):
        if current.text.isascii():
            break
        fixed = ftfy.fix_text(current.text, _MOJIBAKE_FIXES)
        if fixed == current.text:
            break
        removals.append(Removal(current.text, "mojibake repaired", current.number))
        current = _strip_inline_junk(current.number, _WHITESPACE_RUN.sub(" ", fixed), removals)
    return current


def _note(pieces: list[tuple[str, str]], kind: str, piece: str, replacement: str = "") -> str:
    """Record a removed inline piece and return its replacement."""
    pieces.append((kind, piece))
    return replacement


def _decode_entity(pieces: list[tuple[str, str]], entity: str) -> str:
    """Decode a known HTML entity left in text; drop an unknown one (never resolved)."""
    decoded = html.unescape(entity)
    if decoded == entity:
        return _note(pieces, "html entity", entity)
    pieces.append(("html entity", entity))
    return decoded


def _match_header(text: str) -> tuple[str, str, str] | None:
    """``(key, value, rest of line)`` when ``text`` is a metadata header line, else None. A date
    or URL header may run on into body text (the rest); ``key: value`` lines are whole."""
    whole = _COLON_HEADER.match(text) or _BARE_HEADER.match(text)
    if len(text) > MAX_HEADER_LINE_CHARS:
        whole = None
    for pattern in (_DATE_HEADER, _URL_HEADER):
        match = pattern.match(text)
        runs_on = match is not None and len(match.group("rest").split()) >= MIN_RUN_ON_BODY_WORDS
        if match and (runs_on or whole is None):
            return match.group("key").lower(), match.group("value"), match.group("rest")
    if whole:
        return whole.group("key").lower(), whole.group("value").strip(), ""
    return None


def _lift_header(lines: list[_Line], header: dict[str, str], removals: list[Removal]) -> list[_Line]:
    """Move metadata header lines at the top into ``header``; a header that continues with body
    text on the same line (`` date 2018-10-07 TOKYO - ...``) keeps the body text."""
    kept = list(lines)
    index = 0
    while index < len(kept):
        line = kept[index]
        if not line.text:
            index += 1
            continue
        found = _match_header(line.text)
        if found is None:
            break
        key, value, rest = found
        header.setdefault(key, value)
        lifted = line.text[: len(line.text) - len(rest)].strip() if rest else line.text
        removals.append(Removal(lifted, "header", line.number))
        kept[index] = _Line(line.number, rest)
        if rest:
            break
        index += 1
    return kept


def _drop_junk_line(line: _Line, removals: list[Removal]) -> _Line:
    """Blank out a whole junk line (separator, sign-off, boilerplate, contributor line)."""
    if not line.text or len(line.text.split()) > MAX_JUNK_LINE_WORDS:
        return line
    for reason, pattern in _JUNK_LINE_PATTERNS:
        if pattern.search(line.text):
            removals.append(Removal(line.text, reason, line.number))
            return _Line(line.number, "")
    return line


def _join_paragraphs(lines: list[_Line]) -> list[_Line]:
    """Group lines into paragraphs. Every line is a paragraph (single-newline paragraphs are
    common), except that an unfinished line continues onto the next when the next starts in
    lower case or when the whole text is hard-wrapped inside blank-line separated blocks."""
    hard_wrapped = _is_hard_wrapped(lines)
    paragraphs: list[_Line] = []
    previous_text = ""
    for line in lines:
        continues = bool(previous_text and line.text) and not _ends_sentence(previous_text)
        if continues and (hard_wrapped or line.text[0].islower()) and _match_header(line.text) is None:
            last = paragraphs[-1]
            paragraphs[-1] = _Line(last.number, f"{last.text} {line.text}")
        elif line.text:
            paragraphs.append(line)
        previous_text = line.text
    return paragraphs


def _is_hard_wrapped(lines: list[_Line]) -> bool:
    """Whether the text is wrapped at a fixed width: blank lines separate blocks, and most line
    breaks inside blocks fall after a line that does not end a sentence."""
    inner_breaks = unfinished = 0
    for current, following in pairwise(lines):
        if current.text and following.text:
            inner_breaks += 1
            unfinished += not _ends_sentence(current.text)
    has_blank_lines = any(not line.text for line in lines)
    return has_blank_lines and inner_breaks >= MIN_WRAPPED_BREAKS and unfinished >= 0.75 * inner_breaks


def _ends_sentence(text: str) -> bool:
    """Whether text ends with sentence punctuation (possibly inside closing quotes/brackets)."""
    trimmed = text.rstrip(_QUOTE_CLOSERS)
    return bool(trimmed) and trimmed[-1] in _SENTENCE_END


def _comparison_key(text: str) -> str:
    """Whitespace-insensitive key for comparing lines."""
    return _WHITESPACE_RUN.sub(" ", text).strip()


def _drop_duplicates(paragraphs: list[_Line], removals: list[Removal]) -> list[_Line]:
    """Keep the first copy of each repeated paragraph."""
    seen: set[str] = set()
    kept: list[_Line] = []
    for paragraph in paragraphs:
        key = _comparison_key(paragraph.text)
        if key in seen:
            removals.append(Removal(paragraph.text, "duplicate", paragraph.number))
        else:
            seen.add(key)
            kept.append(paragraph)
    return kept


def _drop_truncated(paragraphs: list[_Line], removals: list[Removal]) -> list[_Line]:
    """Drop cut-off lines (a caption truncated mid-sentence) that are a strict prefix of another line."""
    keys = sorted({_comparison_key(p.text) for p in paragraphs})
    following = {key: keys[i + 1] for i, key in enumerate(keys[:-1])}
    kept: list[_Line] = []
    for paragraph in paragraphs:
        key = _comparison_key(paragraph.text)
        longer = following.get(key, "")
        if longer.startswith(key) and _could_be_truncated(key):
            removals.append(Removal(paragraph.text, "truncated", paragraph.number))
        else:
            kept.append(paragraph)
    return kept


def _could_be_truncated(text: str) -> bool:
    """Long enough to be a cut-off caption rather than a heading, and not a finished sentence."""
    return (
        len(text) >= MIN_TRUNCATED_CHARS
        and len(text.split()) >= MIN_TRUNCATED_WORDS
        and not _ends_sentence(text)
    )


def _settle_top(
    paragraphs: list[_Line],
    title: str | None,
    title_from_first_line: bool,
    header: dict[str, str],
    removals: list[Removal],
) -> tuple[str | None, list[_Line]]:
    """Settle the top of the text: header lines (also those under a headline), a header title,
    and the headline itself (taken as title, or dropped when it repeats the known title)."""
    while True:
        before = (title, len(paragraphs), paragraphs[0] if paragraphs else None)
        paragraphs = _lift_header(paragraphs, header, removals)
        paragraphs = [p for p in paragraphs if p.text]
        title = title or header.get("title") or header.get("headline")
        if paragraphs and title and _comparison_key(paragraphs[0].text) == _comparison_key(title):
            removals.append(Removal(paragraphs[0].text, "title", paragraphs[0].number))
            paragraphs = paragraphs[1:]
        elif title is None and title_from_first_line and len(paragraphs) > 1 and _is_headline(paragraphs[0].text):
            title = paragraphs[0].text
            removals.append(Removal(title, "title", paragraphs[0].number))
            paragraphs = paragraphs[1:]
        if (title, len(paragraphs), paragraphs[0] if paragraphs else None) == before:
            return title, paragraphs


def _is_headline(text: str) -> bool:
    """A short line with no final punctuation that starts like a headline."""
    first = text[0]
    return (
        len(text) <= MAX_TITLE_CHARS
        and len(text.split()) <= MAX_TITLE_WORDS
        and (first.isupper() or first.isdigit() or first in "\"'“‘")
        and text[-1] not in _FINAL_PUNCTUATION + _QUOTE_CLOSERS
    )

