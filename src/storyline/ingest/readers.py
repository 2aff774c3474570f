"""Read input documents from files, directories, archives and stdin into :class:`RawDocument`s.

Formats: ``.txt``, ``.html``/``.htm``, ``.jsonl``, ``.json``, ``.csv``, any of these gzipped
(``.gz``), ``.warc``/``.warc.gz``, ``.parquet`` (needs pyarrow), ``.zip`` and ``.tar``/``.tar.gz``/``.tgz`` (members chosen by
extension), and ``-`` for stdin (format sniffed). Bad input never raises: every problem becomes
a :class:`ReadError` naming the path (``archive.zip!member``, ``feed.jsonl:LINE``) and the cause.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from storyline.ingest.archives import (
    Member,
    ReadLimits,
    gunzip,
    tar_members,
    warc_documents,
    zip_members,
)
from storyline.ingest.formats import (
    FieldNames,
    ReadError,
    Unreadable,
    decode_bytes,
    parse_csv,
    parse_json,
    parse_jsonl,
    parse_parquet,
    sniff_kind,
)
from storyline.models import RawDocument

__all__ = ["ReadError", "ReadOptions", "expand_paths", "input_format", "read_paths", "read_stream"]

STDIN_PATH = "<stdin>"
# Longest suffix first: ".tar.gz" must win over ".gz".
_SUFFIX_FORMATS: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"), (".tar.gz", "tar.gz"), (".tgz", "tar.gz"), (".warc", "warc"), (".tar", "tar"),
    (".zip", "zip"), (".txt", "text"), (".html", "html"), (".htm", "html"), (".jsonl", "jsonl"),
    (".json", "json"), (".csv", "csv"), (".gz", "gzip"), (".parquet", "parquet"),
)
TEXT_FORMATS = frozenset({"text", "html", "jsonl", "json", "csv"})
# Parquet counts as a container: many records per file, the archive size limit, read from a stream.
CONTAINER_FORMATS = frozenset({"warc", "tar.gz", "tar", "zip", "parquet"})
SUPPORTED_SUFFIXES = ", ".join(suffix for suffix, _ in _SUFFIX_FORMATS)


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: record field names and hard limits."""

    fields: FieldNames = field(default_factory=FieldNames)
    limits: ReadLimits = field(default_factory=ReadLimits)


def input_format(name: str) -> str | None:
    """The input format a file name stands for (``"html"``, ``"gzip"``, ``"zip"`` ...), or None
    when it is not supported. A ``.gz`` name is supported when what it wraps is a text format."""
    lower = name.lower()
    for suffix, fmt in _SUFFIX_FORMATS:
        if lower.endswith(suffix):
            if fmt == "gzip" and input_format(lower[: -len(suffix)]) not in TEXT_FORMATS:
                return None
            return fmt
    return None


def read_paths(
    paths: Sequence[str], max_bytes: int | None = None, options: ReadOptions | None = None
) -> Iterator[RawDocument | ReadError]:
    """Yield one RawDocument per readable article (or a ReadError per problem) from files,
    directories (recursed, sorted, hidden entries skipped), archives and ``-`` (stdin).
    ``max_bytes`` overrides the per-document size limit."""
    options = options or ReadOptions()
    if max_bytes is not None:
        options = replace(options, limits=replace(options.limits, max_document_bytes=max_bytes))
    for given in paths:
        if given == "-":
            yield from read_stream(sys.stdin.buffer, STDIN_PATH, options)
            continue
        try:
            yield from _read_path(Path(given), options)
        except OSError as problem:
            yield ReadError(given, f"cannot read: {problem.strerror or problem}")


def expand_paths(paths: Sequence[str]) -> Iterator[str | ReadError]:
    """The inputs ``read_paths`` reads, one entry per file in its order: directories walked
    (sorted, hidden entries and unsupported files skipped), other paths as given; a directory
    that cannot be listed becomes a ReadError. ``read_paths([entry])`` reads each entry."""
    for given in paths:
        if given != "-" and Path(given).is_dir():
            yield from (f if isinstance(f, ReadError) else str(f) for f in _walk_supported(Path(given)))
        else:
            yield given


def _read_path(path: Path, options: ReadOptions) -> Iterator[RawDocument | ReadError]:
    """Read one path given on the command line: a directory (walked) or a single file."""
    if path.is_dir():
        for found in _walk_supported(path):
            yield from (found,) if isinstance(found, ReadError) else _read_file(found, options)
    elif not path.exists():
        yield ReadError(str(path), "no such file or directory")
    elif input_format(path.name) is None:
        yield ReadError(
            str(path), f"unsupported file type {''.join(path.suffixes[-2:]) or '(none)'!r}; expected {SUPPORTED_SUFFIXES}"
        )
    else:
        yield from _read_file(path, options)


def _walk_supported(directory: Path) -> Iterator[Path | ReadError]:
    """Supported files under ``directory`` in a deterministic order, skipping hidden entries;
    a subdirectory that cannot be listed becomes a ReadError."""
    problems: list[OSError] = []
    for root, dir_names, file_names in os.walk(directory, onerror=problems.append):
        yield from (ReadError(str(p.filename), f"cannot list directory: {p.strerror}") for p in problems)
        problems.clear()
        dir_names[:] = sorted(name for name in dir_names if not name.startswith("."))
        for name in sorted(file_names):
            if not name.startswith(".") and input_format(name) is not None:
                yield Path(root) / name
    yield from (ReadError(str(p.filename), f"cannot list directory: {p.strerror}") for p in problems)


def _read_file(path: Path, options: ReadOptions) -> Iterator[RawDocument | ReadError]:
    """Read one supported file. The size limit is checked before anything is read; archives
    are streamed, other files read whole."""
    shown, fmt, limits = str(path), input_format(path.name), options.limits
    try:
        size = path.stat().st_size
        limit = limits.max_archive_bytes if fmt in CONTAINER_FORMATS else limits.max_document_bytes
        if size > limit:
            raise Unreadable(f"file is {size} bytes, over the {limit}-byte limit; not read")
        with path.open("rb") as handle:
            if fmt in CONTAINER_FORMATS:
                yield from _container_items(fmt, handle, shown, size, options, depth=0)
                return
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise Unreadable(f"file is over the {limit}-byte limit")
    except Unreadable as problem:
        yield ReadError(shown, str(problem))
        return
    except OSError as problem:
        yield ReadError(shown, f"cannot read file: {problem.strerror or problem}")
        return
    yield from parse_payload(shown, fmt, data, options, depth=0)


def read_stream(stream: BinaryIO, shown: str, options: ReadOptions) -> Iterator[RawDocument | ReadError]:
    """Read an unnamed input (stdin) whose format is sniffed from its bytes."""
    limit = options.limits.max_document_bytes
    try:
        data = stream.read(limit + 1)
    except OSError as problem:
        yield ReadError(shown, f"cannot read: {problem}")
        return
    if len(data) > limit:
        yield ReadError(shown, f"input is over the {limit}-byte limit")
        return
    yield from parse_payload(shown, None, data, options, depth=0)


def sniff_bytes(data: bytes) -> str | None:
    """The container format that ``data`` starts like (gzip, zip, tar, WARC), else None."""
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"WARC/"):
        return "warc"
    if data.startswith(b"PAR1"):
        return "parquet"
    if data[257:262] == b"ustar":
        return "tar"
    return None


def parse_payload(
    shown: str, fmt: str | None, data: bytes, options: ReadOptions, depth: int
) -> Iterator[RawDocument | ReadError]:
    """Documents in ``data`` of format ``fmt`` (None: sniffed). Gzip is unwrapped within the
    limits, containers are opened, text formats decoded and parsed."""
    fmt = fmt or sniff_bytes(data)
    try:
        if depth > options.limits.max_depth:
            raise Unreadable(f"archives nested over {options.limits.max_depth} deep; refused")
        if fmt in CONTAINER_FORMATS:
            yield from _container_items(fmt, io.BytesIO(data), shown, len(data), options, depth)
            return
        if fmt == "gzip":
            inner = gunzip(io.BytesIO(data), len(data), options.limits)
            inner_fmt = input_format(shown[:-3]) if shown.lower().endswith(".gz") else None
            yield from parse_payload(shown, inner_fmt, inner, options, depth + 1)
            return
        text = decode_bytes(data, sniff_html_charset=fmt in (None, "html"))
    except Unreadable as problem:
        yield ReadError(shown, str(problem))
        return
    yield from parse_text(shown, fmt or sniff_kind(text), text, options.fields)


def parse_text(shown: str, fmt: str, text: str, fields: FieldNames) -> Iterator[RawDocument | ReadError]:
    """Documents in decoded text of a text format."""
    if fmt == "jsonl":
        yield from parse_jsonl(text, shown, fields)
    elif fmt == "json":
        yield from parse_json(text, shown, fields)
    elif fmt == "csv":
        yield from parse_csv(text, shown, fields)
    else:
        yield RawDocument(path=shown, content=text, kind="html" if fmt == "html" else "text")


def _container_items(
    fmt: str, stream: BinaryIO, shown: str, size: int, options: ReadOptions, depth: int
) -> Iterator[RawDocument | ReadError]:
    """Documents in a WARC file or in the supported members of a zip or tar archive."""
    if fmt == "warc":
        yield from warc_documents(stream, shown, options.limits)
        return
    if fmt == "parquet":
        yield from parse_parquet(stream, shown, options.fields)
        return
    limits = options.limits
    members = (
        zip_members(stream, limits, _wanted_member)
        if fmt == "zip"
        else tar_members(stream, size, fmt == "tar.gz", limits, _wanted_member)
    )
    try:
        for member in members:
            if isinstance(member, Member):
                member_path = f"{shown}!{member.name}"
                yield from parse_payload(member_path, input_format(member.name), member.data, options, depth + 1)
            else:
                yield ReadError(f"{shown}!{member.name}", member.message)
    except Unreadable as problem:
        yield ReadError(shown, str(problem))


def _wanted_member(name: str) -> bool:
    """Whether an archive member is read: a supported type, not hidden, no absolute or parent path."""
    parts = Path(name).parts
    hidden = any(part.startswith(".") for part in parts)
    return not hidden and input_format(name) is not None and not name.startswith("/") and ".." not in parts
