"""Read input documents from files, directories, JSONL and stdin into :class:`RawDocument` records.

Bad input never raises: every problem becomes a :class:`ReadError` naming the path and what went wrong.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from storyline.models import RawDocument

STDIN_PATH = "<stdin>"
TEXT_EXTENSIONS = frozenset({".txt"})
HTML_EXTENSIONS = frozenset({".html", ".htm"})
JSONL_EXTENSIONS = frozenset({".jsonl"})
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSONL_EXTENSIONS

# Share of control / replacement characters above which decoded text is treated as binary.
MAX_NON_TEXT_SHARE = 0.05
_NON_TEXT_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MARKUP_START = re.compile(
    r"\A\s*(?:<\?xml|<!doctype\s+html|<html\b|<head\b|<body\b|<article\b|<!--)", re.IGNORECASE
)
_MARKUP_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|article|section|li|ul|table|img|meta|script)\b", re.I)

DocKind = Literal["text", "html"]


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read, with a message fit to show a user."""

    path: str
    message: str


class _Unreadable(Exception):
    """Internal signal: this input cannot become a document (message is user-facing)."""


def read_paths(paths: Sequence[str], max_bytes: int = 50_000_000) -> Iterator[RawDocument | ReadError]:
    """Yield one RawDocument per readable article (or a ReadError per problem) from files,
    directories (recursed, sorted), JSONL files (one article per line) and ``-`` (stdin)."""
    for given in paths:
        if given == "-":
            yield from _read_stdin(sys.stdin.buffer, max_bytes)
            continue
        try:
            yield from _read_path(Path(given), max_bytes)
        except OSError as problem:
            yield ReadError(given, f"cannot read: {problem.strerror or problem}")


def _read_path(path: Path, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """Read one path given on the command line: a directory (walked) or a single file."""
    given = str(path)
    if path.is_dir():
        for found in _walk_supported(path):
            yield from (found,) if isinstance(found, ReadError) else _read_file(found, max_bytes)
    elif not path.exists():
        yield ReadError(given, "no such file or directory")
    elif path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        yield ReadError(given, f"unsupported file type {path.suffix or '(none)'!r}; expected {supported}")
    else:
        yield from _read_file(path, max_bytes)


def _walk_supported(directory: Path) -> Iterator[Path | ReadError]:
    """Supported files under ``directory`` in a deterministic order, skipping hidden entries;
    a subdirectory that cannot be listed becomes a ReadError."""
    problems: list[OSError] = []
    for root, dir_names, file_names in os.walk(directory, onerror=problems.append):
        yield from (ReadError(str(p.filename), f"cannot list directory: {p.strerror}") for p in problems)
        problems.clear()
        dir_names[:] = sorted(name for name in dir_names if not name.startswith("."))
        for name in sorted(file_names):
            file_path = Path(root) / name
            if not name.startswith(".") and file_path.suffix.lower() in SUPPORTED_EXTENSIONS:
                yield file_path
    yield from (ReadError(str(p.filename), f"cannot list directory: {p.strerror}") for p in problems)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """Read one supported file; JSONL files yield one result per non-empty line."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Unreadable(f"file is {size} bytes, over the {max_bytes}-byte limit")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _Unreadable(f"file is over the {max_bytes}-byte limit")
        suffix = path.suffix.lower()
        text = decode_bytes(data, sniff_html_charset=suffix in HTML_EXTENSIONS)
    except _Unreadable as problem:
        yield ReadError(shown, str(problem))
        return
    except OSError as problem:
        yield ReadError(shown, f"cannot read file: {problem.strerror or problem}")
        return
    if suffix in JSONL_EXTENSIONS:
        yield from parse_jsonl(text, shown)
    else:
        yield RawDocument(path=shown, content=text, kind="html" if suffix in HTML_EXTENSIONS else "text")


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """Read stdin and sniff whether it holds JSONL, HTML or plain text."""
    try:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _Unreadable(f"input is over the {max_bytes}-byte limit")
        text = decode_bytes(data, sniff_html_charset=True)
    except _Unreadable as problem:
        yield ReadError(STDIN_PATH, str(problem))
        return
    except OSError as problem:
        yield ReadError(STDIN_PATH, f"cannot read stdin: {problem}")
        return
    kind = sniff_kind(text)
    if kind == "jsonl":
        yield from parse_jsonl(text, STDIN_PATH)
    else:
        yield RawDocument(path=STDIN_PATH, content=text, kind=kind)


def decode_bytes(data: bytes, sniff_html_charset: bool = False) -> str:
    """Decode input bytes: UTF-16 by BOM, else UTF-8 (BOM stripped), else a declared HTML charset,
    else cp1252. Raises ``_Unreadable`` for binary, undecodable or empty input."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_or_none(data, "utf-16")
    elif b"\x00" in data:
        raise _Unreadable("binary content (NUL bytes); not a text document")
    else:
        text = _decode_or_none(data, "utf-8-sig")
        if text is None and sniff_html_charset:
            text = _decode_declared_charset(data)
        if text is None:
            text = _decode_or_none(data, "cp1252")
    if text is None:
        raise _Unreadable("cannot decode as UTF-8 or cp1252 text")
    if not text.strip():
        raise _Unreadable("empty document (no text)")
    if len(_NON_TEXT_CHARS.findall(text)) > MAX_NON_TEXT_SHARE * len(text):
        raise _Unreadable("binary content (mostly non-text characters); not a text document")
    return text


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


def sniff_kind(text: str) -> Literal["jsonl", "html", "text"]:
    """Guess what stdin holds: JSONL when every non-empty line is a JSON object, HTML when it
    looks like markup, else plain text."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and all(_is_json_object(line) for line in lines):
        return "jsonl"
    if _MARKUP_START.match(text) or len(_MARKUP_TAG.findall(text[:20_000])) >= 3:
        return "html"
    return "text"


def _is_json_object(line: str) -> bool:
    """Whether ``line`` parses as a JSON object."""
    if not line.startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def parse_jsonl(text: str, path: str) -> Iterator[RawDocument | ReadError]:
    """One RawDocument per JSONL line (``path:LINENO``); a broken line yields a ReadError and
    the remaining lines are still read."""
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_path = f"{path}:{line_number}"
        try:
            yield _jsonl_record(line, line_path)
        except _Unreadable as problem:
            yield ReadError(line_path, f"line {line_number}: {problem}")


def _jsonl_record(line: str, line_path: str) -> RawDocument:
    """Turn one JSONL line into a RawDocument or raise ``_Unreadable`` saying why not."""
    try:
        record = json.loads(line)
    except ValueError as problem:
        raise _Unreadable(f"invalid JSON ({problem})") from None
    if not isinstance(record, dict):
        raise _Unreadable(f"expected a JSON object, got {type(record).__name__}")
    content, kind = _jsonl_content(record)
    return RawDocument(
        path=line_path,
        content=content,
        kind=kind,
        title=_optional_string(record.get("title")),
        url=_optional_string(record.get("url")),
        published=_optional_string(record.get("published")),
    )


def _jsonl_content(record: dict[str, object]) -> tuple[str, DocKind]:
    """The article body of a JSONL record: ``text`` if present, else ``html``."""
    for field_name, kind in (("text", "text"), ("html", "html")):
        value = record.get(field_name)
        if isinstance(value, str) and value.strip():
            if len(_NON_TEXT_CHARS.findall(value)) > MAX_NON_TEXT_SHARE * len(value):
                raise _Unreadable(f"field {field_name!r} is mostly non-text characters")
            return value, kind  # type: ignore[return-value]
        if value is not None and not isinstance(value, str):
            raise _Unreadable(f"field {field_name!r} must be a string, got {type(value).__name__}")
    raise _Unreadable("no non-empty 'text' or 'html' field")


def _optional_string(value: object) -> str | None:
    """A stripped non-empty string metadata value, else None (numbers, nulls, blanks are ignored)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
