"""Compressed inputs and archives (gzip, zip, tar, WARC) read with hard limits.

Every decompression is bounded: a document may not grow past ``max_document_bytes``, an
archive past ``max_archive_bytes``, and output that grows more than ``max_ratio`` times its
compressed size (past a small grace size) is refused as a decompression bomb. Nothing is ever
written to disk; members are read into memory one at a time.
"""

from __future__ import annotations

import gzip
import io
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.ingest.formats import ReadError, Unreadable, decode_bytes
from storyline.models import RawDocument

CHUNK_BYTES = 1 << 20
_CONTENT_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HTML_CONTENT_TYPES = ("text/html", "application/xhtml")


@dataclass(frozen=True)
class ReadLimits:
    """Hard limits on what one input may cost to read."""

    max_document_bytes: int = 50_000_000
    max_archive_bytes: int = 1_000_000_000
    max_ratio: float = 100.0
    ratio_grace_bytes: int = 1 << 20
    max_members: int = 100_000
    max_depth: int = 3


@dataclass(frozen=True)
class Member:
    """One file inside an archive: its name and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class BadMember:
    """A file inside an archive that cannot be read, and why."""

    name: str
    message: str


class _Budget:
    """Counts decompressed bytes against a cap and, when the compressed size is known, against a
    ratio to it."""

    def __init__(self, cap: int, what: str, compressed_size: int | None = None, limits: ReadLimits | None = None) -> None:
        self.cap, self.what, self.compressed_size, self.limits = cap, what, compressed_size, limits
        self.used = 0

    def spend(self, count: int) -> None:
        """Count ``count`` more decompressed bytes; raise :class:`Unreadable` past a limit."""
        self.used += count
        if self.used > self.cap:
            raise Unreadable(f"{self.what} decompresses to over {self.cap} bytes (limit); refused")
        if self.compressed_size is None or self.limits is None:
            return
        ratio = self.used / max(self.compressed_size, 1)
        if self.used > self.limits.ratio_grace_bytes and ratio > self.limits.max_ratio:
            raise Unreadable(
                f"{self.what} expands over {self.limits.max_ratio:g}x its compressed size "
                "(decompression bomb?); refused"
            )


class _BoundedStream(io.RawIOBase):
    """A read-only stream that spends every byte read from ``inner`` against a budget."""

    def __init__(self, inner: BinaryIO, budget: _Budget) -> None:
        super().__init__()
        self.inner, self.budget = inner, budget

    def readable(self) -> bool:
        """Always readable."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` from the inner stream, counting the bytes."""
        data = self.inner.read(len(buffer))
        self.budget.spend(len(data))
        buffer[: len(data)] = data
        return len(data)


def read_bounded(stream: BinaryIO, budget: _Budget) -> bytes:
    """Read a stream to the end in chunks, stopping as soon as the budget is exceeded."""
    chunks: list[bytes] = []
    while chunk := stream.read(CHUNK_BYTES):
        budget.spend(len(chunk))
        chunks.append(chunk)
    return b"".join(chunks)


def gunzip(stream: BinaryIO, compressed_size: int, limits: ReadLimits) -> bytes:
    """Decompress a gzip stream within the document limits."""
    budget = _Budget(limits.max_document_bytes, "gzip data", compressed_size, limits)
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
            return read_bounded(unzipped, budget)  # type: ignore[arg-type]
    except (OSError, EOFError, zlib.error) as problem:
        raise Unreadable(f"corrupt gzip data ({problem})") from None


def zip_members(stream: BinaryIO, limits: ReadLimits, wanted: Callable[[str], bool]) -> Iterator[Member | BadMember]:
    """The ``wanted`` files of a zip archive, each within the limits; a bad member becomes a
    BadMember item and the rest are still read. Raises Unreadable when the archive itself is bad."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as problem:
        raise Unreadable(f"not a readable zip archive ({problem})") from None
    total = _Budget(limits.max_archive_bytes, "zip archive")
    with archive:
        for count, info in enumerate(archive.infolist(), start=1):
            if count > limits.max_members:
                raise Unreadable(f"zip archive has over {limits.max_members} members; refused")
            if not info.is_dir() and wanted(info.filename):
                yield _zip_member(archive, info, limits, total)


def _zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ReadLimits, total: _Budget) -> Member | BadMember:
    """Read one zip member within the document limit, the ratio limit and the archive total.
    Running over the archive total raises Unreadable (the rest of the archive is not read)."""
    what = f"member {info.filename!r}"
    if info.flag_bits & 0x1:
        return BadMember(info.filename, f"{what} is encrypted")
    budget = _Budget(limits.max_document_bytes, what, info.compress_size, limits)
    try:
        with archive.open(info) as member:
            data = read_bounded(member, budget)  # type: ignore[arg-type]
    except Unreadable as problem:
        return BadMember(info.filename, str(problem))
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as problem:
        return BadMember(info.filename, f"{what} cannot be read ({problem})")
    total.spend(len(data))
    return Member(info.filename, data)


def tar_members(
    stream: BinaryIO, compressed_size: int, gzipped: bool, limits: ReadLimits, wanted: Callable[[str], bool]
) -> Iterator[Member | BadMember]:
    """The ``wanted`` regular files of a (gzipped) tar archive, read as a stream within the
    limits; links, devices and directories are skipped. Raises Unreadable when the archive
    itself is bad."""
    budget = _Budget(limits.max_archive_bytes, "tar archive", compressed_size, limits)
    source: BinaryIO = gzip.GzipFile(fileobj=stream, mode="rb") if gzipped else stream  # type: ignore[assignment]
    bounded = io.BufferedReader(_BoundedStream(source, budget), CHUNK_BYTES)
    try:
        with tarfile.open(fileobj=bounded, mode="r|") as archive:
            for count, info in enumerate(archive, start=1):
                if count > limits.max_members:
                    raise Unreadable(f"tar archive has over {limits.max_members} members; refused")
                if info.isfile() and wanted(info.name):
                    yield _tar_member(archive, info, limits)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as problem:
        raise Unreadable(f"not a readable tar archive ({problem})") from None


def _tar_member(archive: tarfile.TarFile, info: tarfile.TarInfo, limits: ReadLimits) -> Member | BadMember:
    """Read one regular tar member, refusing it (unread) when its size is over the limit."""
    if info.size > limits.max_document_bytes:
        return BadMember(info.name, f"member is {info.size} bytes, over the {limits.max_document_bytes}-byte limit")
    extracted = archive.extractfile(info)
    if extracted is None:
        return BadMember(info.name, "member cannot be read")
    return Member(info.name, extracted.read())


def warc_documents(stream: BinaryIO, shown: str, limits: ReadLimits) -> Iterator[RawDocument | ReadError]:
    """One HTML document per WARC response (or resource) record, named ``path!RECORD``; the URL
    comes from ``WARC-Target-URI``. Records that are not HTML are skipped."""
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            if number > limits.max_members:
                yield ReadError(shown, f"WARC file has over {limits.max_members} records; stopped")
                return
            content_type = _record_content_type(record)
            if record.rec_type in ("response", "resource") and content_type.startswith(_HTML_CONTENT_TYPES):
                yield _warc_document(record, f"{shown}!{number}", content_type, limits)
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as problem:
        yield ReadError(shown, f"not a readable WARC file ({problem})")


def _record_content_type(record: object) -> str:
    """The payload content type of a WARC record (HTTP header for responses)."""
    http_headers = getattr(record, "http_headers", None)
    header = http_headers.get_header("Content-Type") if http_headers else None
    header = header or record.rec_headers.get_header("Content-Type")  # type: ignore[attr-defined]
    return (header or "").strip().lower()


def _warc_document(record: object, path: str, content_type: str, limits: ReadLimits) -> RawDocument | ReadError:
    """Decode one WARC record's payload into an HTML RawDocument."""
    budget = _Budget(limits.max_document_bytes, "WARC record")
    try:
        data = read_bounded(record.content_stream(), budget)  # type: ignore[attr-defined]
        declared = _CONTENT_CHARSET.search(content_type)
        text = _decode_declared(data, declared.group(1)) if declared else None
        text = text or decode_bytes(data, sniff_html_charset=True)
    except Unreadable as problem:
        return ReadError(path, str(problem))
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    return RawDocument(path=path, content=text, kind="html", url=url or None)


def _decode_declared(data: bytes, charset: str) -> str | None:
    """Decode with a charset named by an HTTP header, or None when it does not fit."""
    try:
        text = data.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if text.strip() else None
