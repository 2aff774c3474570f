"""Decode bytes into text and turn the record formats (JSONL, JSON, CSV, Parquet) into raw documents.

Nothing here raises on bad input: decoding problems raise :class:`Unreadable` (caught by the
readers), and record-level problems become :class:`ReadError` items naming the line or item.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import BinaryIO, Literal

from charset_normalizer import from_bytes

from storyline.models import RawDocument

# Share of control / replacement characters above which decoded text is treated as binary.
MAX_NON_TEXT_SHARE = 0.05
# Damaged UTF-8 (a few bad bytes in otherwise valid UTF-8) is kept when bad bytes are this rare.
MAX_INVALID_UTF8_SHARE = 0.01
MIN_INVALID_UTF8_ALLOWED = 8
# Below this size charset detection guesses too wildly to be trusted.
MIN_DETECTION_BYTES = 100
MAX_DETECTION_CHAOS = 0.2
MAX_CSV_FIELD_CHARS = 50_000_000

_NON_TEXT_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MARKUP_START = re.compile(
    r"\A\s*(?:<\?xml|<!doctype\s+html|<html\b|<head\b|<body\b|<article\b|<!--)", re.IGNORECASE
)
_MARKUP_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|article|section|li|ul|table|img|meta|script)\b", re.IGNORECASE)
MIN_MARKUP_TAGS = 3

DocKind = Literal["text", "html"]


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read, with a message fit to show a user."""

    path: str
    message: str


class Unreadable(Exception):
    """This input cannot become a document (the message is shown to the user)."""


@dataclass(frozen=True)
class FieldNames:
    """Which fields of a JSON/JSONL/CSV record hold the article; the first non-empty one wins."""

    text: tuple[str, ...] = ("text", "body", "content", "article", "articleBody")
    html: tuple[str, ...] = ("html", "raw_html")
    title: tuple[str, ...] = ("title", "headline")
    published: tuple[str, ...] = ("published", "date", "pubDate", "publishedAt", "datePublished")
    url: tuple[str, ...] = ("url", "link")

    def overridden(
        self,
        text: str | None = None,
        title: str | None = None,
        published: str | None = None,
        url: str | None = None,
    ) -> FieldNames:
        """These field names with the given ones used instead of the defaults."""
        chosen = {"text": text, "title": title, "published": published, "url": url}
        return replace(self, **{key: (value,) for key, value in chosen.items() if value})


# --- decoding ------------------------------------------------------------------------------------
def decode_bytes(data: bytes, sniff_html_charset: bool = False) -> str:
    """Decode input bytes: UTF-16 by BOM, UTF-8, a declared HTML charset, lightly damaged UTF-8
    (bad bytes become U+FFFD, removed later by cleaning), a detected charset (charset-normalizer),
    else cp1252. Raises :class:`Unreadable` for binary, undecodable or empty input."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_or_none(data, "utf-16")
    elif b"\x00" in data:
        raise Unreadable("binary content (NUL bytes); not a text document")
    else:
        text = _decode_or_none(data, "utf-8-sig")
        if text is None and sniff_html_charset:
            text = _decode_declared_charset(data)
        text = text or _decode_damaged_utf8(data) or _decode_detected(data) or _decode_or_none(data, "cp1252")
    if text is None:
        raise Unreadable("cannot decode as UTF-8 or any detected encoding")
    if not text.strip():
        raise Unreadable("empty document (no text)")
    if has_mostly_non_text(text):
        raise Unreadable("binary content (mostly non-text characters); not a text document")
    return text


def has_mostly_non_text(text: str) -> bool:
    """Whether control or replacement characters make up more than a small share of ``text``."""
    return len(_NON_TEXT_CHARS.findall(text)) > MAX_NON_TEXT_SHARE * len(text)


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    """``data`` decoded strictly with ``encoding``, or None when it does not decode."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_declared_charset(data: bytes) -> str | None:
    """Decode with the charset an HTML page declares in a ``<meta>`` tag, if any."""
    match = _HTML_CHARSET.search(data[:4096])
    if match is None:
        return None
    return _decode_or_none(data, match.group(1).decode("ascii", "replace"))


def _decode_damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few invalid bytes: real multi-byte characters decode and the bad bytes are
    rare. Legacy 8-bit text (no valid multi-byte sequence) is left to charset detection."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    has_multibyte = any(ord(char) > 0x7F and char != "\ufffd" for char in text)
    if has_multibyte and bad <= max(MIN_INVALID_UTF8_ALLOWED, MAX_INVALID_UTF8_SHARE * len(text)):
        return text
    return None


def _decode_detected(data: bytes) -> str | None:
    """Decode with the encoding charset-normalizer finds, when the input is long enough to
    trust the guess and the result is not chaotic."""
    if len(data) < MIN_DETECTION_BYTES:
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > MAX_DETECTION_CHAOS:
        return None
    return _decode_or_none(data, best.encoding)


# --- sniffing ------------------------------------------------------------------------------------
def looks_like_html(text: str) -> bool:
    """Whether text is markup rather than prose."""
    return bool(_MARKUP_START.match(text)) or len(_MARKUP_TAG.findall(text[:20_000])) >= MIN_MARKUP_TAGS


def sniff_kind(text: str) -> Literal["jsonl", "json", "html", "text"]:
    """Guess what an unnamed input (stdin) holds: JSONL when every non-empty line is a JSON
    object, JSON for a JSON array or object, HTML when it looks like markup, else plain text."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and all(_is_json_object(line) for line in lines):
        return "jsonl"
    stripped = text.strip()
    if stripped[:1] in "[{" and _parses_as_json(stripped):
        return "json"
    if looks_like_html(text):
        return "html"
    return "text"


def _is_json_object(line: str) -> bool:
    """Whether ``line`` parses as a JSON object."""
    return line.startswith("{") and _parses_as_json(line) and isinstance(json.loads(line), dict)


def _parses_as_json(text: str) -> bool:
    """Whether ``text`` is valid JSON."""
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


# --- records -------------------------------------------------------------------------------------
def parse_jsonl(text: str, path: str, fields: FieldNames) -> Iterator[RawDocument | ReadError]:
    """One RawDocument per JSONL line (``path:LINENO``); a broken line yields a ReadError naming
    its number and the remaining lines are still read."""
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_path = f"{path}:{line_number}"
        try:
            yield record_document(_json_object(line), line_path, fields)
        except Unreadable as problem:
            yield ReadError(line_path, f"line {line_number}: {problem}")


def _json_object(line: str) -> Mapping[str, object]:
    """Parse one JSON object or raise :class:`Unreadable` saying why not."""
    try:
        record = json.loads(line)
    except ValueError as problem:
        raise Unreadable(f"invalid JSON ({problem})") from None
    if not isinstance(record, dict):
        raise Unreadable(f"expected a JSON object, got {type(record).__name__}")
    return record


def parse_json(text: str, path: str, fields: FieldNames) -> Iterator[RawDocument | ReadError]:
    """Articles in a JSON file: an array of records (``path:ITEM``), an object holding such an
    array (``{"articles": [...]}``), or one record."""
    try:
        value = json.loads(text)
    except ValueError as problem:
        yield ReadError(path, f"invalid JSON ({problem})")
        return
    if isinstance(value, dict) and not _has_body_field(value, fields):
        value = next((v for v in value.values() if isinstance(v, list)), value)
    if isinstance(value, dict):
        yield _record_or_error(value, path, fields, "")
    elif isinstance(value, list):
        for number, item in enumerate(value, start=1):
            yield _record_or_error(item, f"{path}:{number}", fields, f"item {number}: ")
    else:
        yield ReadError(path, f"expected a JSON object or array, got {type(value).__name__}")


def _has_body_field(record: Mapping[str, object], fields: FieldNames) -> bool:
    """Whether a JSON object has any of the text or HTML fields (so it is one article)."""
    return any(name in record for name in fields.text + fields.html)


def _record_or_error(item: object, path: str, fields: FieldNames, prefix: str) -> RawDocument | ReadError:
    """A record as a RawDocument, or a ReadError prefixed with where it is."""
    if not isinstance(item, dict):
        return ReadError(path, f"{prefix}expected a JSON object, got {type(item).__name__}")
    try:
        return record_document(item, path, fields)
    except Unreadable as problem:
        return ReadError(path, f"{prefix}{problem}")


def parse_parquet(stream: BinaryIO, path: str, fields: FieldNames) -> Iterator[RawDocument | ReadError]:
    """One RawDocument per Parquet row (``path:ROW``, from 1), fields named as in JSONL; dates
    and timestamps become ISO strings. A file pyarrow cannot read becomes one ReadError."""
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError:
        yield ReadError(path, "reading Parquet needs pyarrow (pip install 'storyline[data]')")
        return
    try:
        rows = pq.read_table(stream).to_pylist()
    except Exception as problem:  # pyarrow raises several unrelated types for damaged files
        yield ReadError(path, f"invalid Parquet ({type(problem).__name__}: {problem})")
        return
    for number, row in enumerate(rows, start=1):
        record = {key: value.isoformat() if isinstance(value, date) else value for key, value in row.items()}
        yield _record_or_error(record, f"{path}:{number}", fields, f"row {number}: ")


def parse_csv(text: str, path: str, fields: FieldNames) -> Iterator[RawDocument | ReadError]:
    """One RawDocument per CSV row with a header line (``path:LINENO`` of the row's first line);
    a malformed row becomes a ReadError and reading goes on."""
    csv.field_size_limit(MAX_CSV_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as problem:
        yield ReadError(path, f"no CSV header line ({problem or 'empty'})")
        return
    row_start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as problem:
            yield ReadError(f"{path}:{row_start}", f"line {row_start}: malformed CSV ({problem})")
        else:
            if any(cell.strip() for cell in row):
                yield _record_or_error(dict(zip(header, row)), f"{path}:{row_start}", fields, f"line {row_start}: ")
        row_start = reader.line_num + 1


def record_document(record: Mapping[str, object], path: str, fields: FieldNames) -> RawDocument:
    """Turn one record (JSON object or CSV row) into a RawDocument or raise :class:`Unreadable`."""
    content, kind = _record_body(record, fields)
    return RawDocument(
        path=path,
        content=content,
        kind=kind,
        title=_first_string(record, fields.title),
        url=_first_string(record, fields.url),
        published=_first_string(record, fields.published),
    )


def _record_body(record: Mapping[str, object], fields: FieldNames) -> tuple[str, DocKind]:
    """The article body of a record: the first non-empty text field (HTML when it is markup),
    else the first non-empty HTML field."""
    candidates = [(name, "text") for name in fields.text] + [(name, "html") for name in fields.html]
    for name, kind in candidates:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise Unreadable(f"field {name!r} must be a string, got {type(value).__name__}")
        if value and value.strip():
            if has_mostly_non_text(value):
                raise Unreadable(f"field {name!r} is mostly non-text characters")
            return value, "html" if kind == "html" or looks_like_html(value) else "text"
    tried = ", ".join(repr(name) for name, _ in candidates)
    raise Unreadable(f"no non-empty article field (tried {tried})")


def _first_string(record: Mapping[str, object], names: tuple[str, ...]) -> str | None:
    """The first stripped non-empty string among ``names`` (numbers, nulls, blanks are ignored)."""
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
