"""Input formats, archives, decoding and hostile input for the ingest readers."""

from __future__ import annotations

import csv
import gzip
import io
import json
import tarfile
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import (
    FieldNames,
    ReadError,
    ReadOptions,
    TimeLimitExceeded,
    clean_document,
    read_paths,
)
from storyline.ingest import clean as clean_module
from storyline.ingest.archives import ReadLimits
from storyline.ingest.formats import decode_bytes
from storyline.ingest.readers import input_format, read_stream
from storyline.ingest.time_limit import time_limit
from storyline.models import RawDocument

PAGE = (
    "<html><head><title>Harbor bridge reopens</title>"
    '<meta property="article:published_time" content="2021-03-04"></head><body>'
    "<nav>Home | Sport</nav><article><h1>Harbor bridge reopens</h1>"
    "<p>The Harbor Bridge reopened to traffic on Thursday morning after two years of repairs, city officials said.</p>"
    "<p>Mayor Lena Ortiz said the work finished on budget and ahead of the schedule agreed with contractors.</p>"
    "</article><script>track()</script></body></html>"
)


def _read(paths: list[Path | str], **options: object) -> list[RawDocument | ReadError]:
    return list(read_paths([str(p) for p in paths], options=ReadOptions(**options) if options else None))  # type: ignore[arg-type]


def _docs(results: list[RawDocument | ReadError]) -> list[RawDocument]:
    return [r for r in results if isinstance(r, RawDocument)]


def _errors(results: list[RawDocument | ReadError]) -> list[ReadError]:
    return [r for r in results if isinstance(r, ReadError)]


# --- format names --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"), ("A.HTM", "html"), ("feed.jsonl", "jsonl"), ("dump.json", "json"), ("rows.csv", "csv"),
        ("a.html.gz", "gzip"), ("feed.jsonl.gz", "gzip"), ("crawl.warc.gz", "warc"), ("crawl.warc", "warc"),
        ("x.tar.gz", "tar.gz"), ("x.tgz", "tar.gz"), ("x.tar", "tar"), ("x.zip", "zip"),
        ("x.pdf", None), ("x.gz", None), ("x.pdf.gz", None), ("notes", None),
    ],
)
def test_input_format_by_name(name: str, fmt: str | None) -> None:
    assert input_format(name) == fmt


# --- text records --------------------------------------------------------------------------------
def test_json_array_object_and_single_record(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"body": "One."}, 5, {"headline": "no body"}]), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"status": "ok", "articles": [{"content": "Two."}]}), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"text": "Three.", "link": "https://x.example/3"}), encoding="utf-8")
    (tmp_path / "d.json").write_text("[1, 2", encoding="utf-8")
    results = _read([tmp_path])
    assert [(d.path.split("/")[-1], d.content) for d in _docs(results)] == [
        ("a.json:1", "One."), ("b.json:1", "Two."), ("c.json", "Three.")
    ]
    assert _docs(results)[2].url == "https://x.example/3"
    errors = {e.path.split("/")[-1]: e.message for e in _errors(results)}
    assert errors["a.json:2"].startswith("item 2: expected a JSON object")
    assert errors["a.json:3"].startswith("item 3: no non-empty article field")
    assert "invalid JSON" in errors["d.json"]


def test_configurable_field_names(tmp_path: Path) -> None:
    record = {"body": "Story text.", "headline": "Head", "issued": "2021-05-06", "link": "https://x.example/a",
              "text": "Teaser only."}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    fields = FieldNames().overridden(text="body", title="headline", published="issued", url="link")
    [doc] = _read([tmp_path / "feed.jsonl"], fields=fields)
    assert isinstance(doc, RawDocument)
    assert (doc.content, doc.title, doc.published, doc.url) == ("Story text.", "Head", "2021-05-06", "https://x.example/a")
    [default] = _read([tmp_path / "feed.jsonl"])
    assert isinstance(default, RawDocument) and default.content == "Teaser only." and default.published is None


def test_csv_rows_with_multiline_fields_and_html(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "text", "date"])
        writer.writerow(["First", "Line one.\nLine two.", "2020-01-01"])
        writer.writerow(["", "", ""])
        writer.writerow(["Second", PAGE, "2020-01-02"])
        writer.writerow(["Third", "", ""])
    results = _read([path])
    docs = _docs(results)
    assert [d.path for d in docs] == [f"{path}:2", f"{path}:5"]
    assert docs[0].content == "Line one.\nLine two." and docs[0].published == "2020-01-01"
    assert docs[1].kind == "html" and docs[1].title == "Second"
    [error] = _errors(results)
    assert error.path == f"{path}:6" and error.message.startswith("line 6: no non-empty article field")


# --- compressed and archives -----------------------------------------------------------------------
def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar_gz_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    return buffer.getvalue()


def _warc_gz_bytes() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, content_type, body in (
        ("https://news.example/a", "text/html; charset=utf-8", PAGE.encode()),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n"),
    ):
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def test_gzip_zip_tar_and_warc_inputs(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(b'{"text": "From gzip JSONL."}\n'))
    members = {"a.txt": b"Zip text.", "dir/b.html": PAGE.encode(), "notes.pdf": b"%PDF", ".hidden.txt": b"x",
               "inner.txt.gz": gzip.compress(b"Nested gzip in zip.")}
    (tmp_path / "bundle.zip").write_bytes(_zip_bytes(members))
    (tmp_path / "bundle.tar.gz").write_bytes(_tar_gz_bytes({"t.txt": b"Tar text.", "../evil.txt": b"no"}))
    (tmp_path / "crawl.warc.gz").write_bytes(_warc_gz_bytes())
    results = _read([tmp_path])
    assert not _errors(results)
    by_path = {d.path.replace(str(tmp_path) + "/", ""): d for d in _docs(results)}
    assert set(by_path) == {
        "bundle.tar.gz!t.txt", "bundle.zip!a.txt", "bundle.zip!dir/b.html", "bundle.zip!inner.txt.gz",
        "crawl.warc.gz!1", "feed.jsonl.gz:1", "page.html.gz",
    }
    assert by_path["page.html.gz"].kind == "html" and by_path["bundle.zip!dir/b.html"].kind == "html"
    assert by_path["bundle.zip!inner.txt.gz"].content == "Nested gzip in zip."
    warc = by_path["crawl.warc.gz!1"]
    assert warc.kind == "html" and warc.url == "https://news.example/a" and "Harbor Bridge" in warc.content


def test_stdin_formats_are_sniffed() -> None:
    options = ReadOptions()
    [doc] = list(read_stream(io.BytesIO(gzip.compress(b'[{"text": "Gzipped JSON."}]')), "<stdin>", options))
    assert isinstance(doc, RawDocument) and doc.content == "Gzipped JSON." and doc.path == "<stdin>:1"
    zipped = list(read_stream(io.BytesIO(_zip_bytes({"a.txt": b"Zipped."})), "<stdin>", options))
    assert [(d.path, d.content) for d in _docs(zipped)] == [("<stdin>!a.txt", "Zipped.")]
    warc = list(read_stream(io.BytesIO(gzip.decompress(_warc_gz_bytes())), "<stdin>", options))
    assert [d.url for d in _docs(warc)] == ["https://news.example/a"]


# --- hostile input ---------------------------------------------------------------------------------
def test_200_mb_file_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(200_000_000)
    started = time.perf_counter()
    [error] = _read([big])
    assert time.perf_counter() - started < 1.0
    assert isinstance(error, ReadError) and "200000000 bytes, over the 50000000-byte limit" in error.message


def test_gzip_bomb_refused(tmp_path: Path) -> None:
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"\0" * 8_000_000))
    (tmp_path / "ok.txt").write_text("Still read.", encoding="utf-8")
    results = _read([tmp_path])
    [error] = _errors(results)
    assert error.path.endswith("bomb.txt.gz") and "decompression bomb" in error.message
    assert [d.content for d in _docs(results)] == ["Still read."]


def test_zip_bomb_and_oversized_members_refused(tmp_path: Path) -> None:
    members = {"bomb.txt": b"a" * 8_000_000, "big.txt": bytes(range(32, 127)) * 3000, "ok.txt": b"Fine."}
    (tmp_path / "b.zip").write_bytes(_zip_bytes(members))
    limits = ReadLimits(max_document_bytes=100_000)
    results = _read([tmp_path / "b.zip"], limits=limits)
    errors = {e.path.split("!")[-1]: e.message for e in _errors(results)}
    assert "decompression bomb" in errors["bomb.txt"] or "over 100000 bytes" in errors["bomb.txt"]
    assert "over 100000 bytes" in errors["big.txt"]
    assert [d.content for d in _docs(results)] == ["Fine."]
    [total] = _read([tmp_path / "b.zip"], limits=ReadLimits(max_archive_bytes=20_000, max_ratio=1e9))
    assert isinstance(total, ReadError) and "zip archive decompresses to over 20000 bytes" in total.message


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04 not really a zip", b"\x1f\x8b\x08\x00 truncated gzip", b""],
)
def test_corrupt_archives_become_errors(tmp_path: Path, data: bytes) -> None:
    for name in ("x.zip", "x.tar.gz", "x.txt.gz", "x.warc.gz"):
        (tmp_path / name).write_bytes(data)
    results = _read([tmp_path])
    assert all(isinstance(r, ReadError) for r in results)
    assert len(results) >= 3


def test_invalid_utf8_is_decoded_and_bad_bytes_recorded(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes("Officials in Zürich met on Tuesday.\n\nThe caf".encode() + b"\xff\xfe" + b" reopened.")
    [raw] = _read([path])
    assert isinstance(raw, RawDocument)
    doc = clean_document(raw)
    assert doc.text == "Officials in Zürich met on Tuesday.\n\nThe caf reopened."
    assert any(r.reason == "invalid character" and r.line == 3 for r in doc.removals)


def test_legacy_encodings_detected_and_mojibake_repaired(tmp_path: Path) -> None:
    russian = "Правительство объявило о новых мерах поддержки экономики в понедельник утром. " * 3
    (tmp_path / "koi8.txt").write_bytes(russian.encode("koi8_r"))
    (tmp_path / "mojibake.txt").write_text("The Mayorâ€™s office said cafÃ© owners agreed.", encoding="utf-8")
    koi8, mojibake = _docs(_read([tmp_path]))
    assert koi8.content == russian
    doc = clean_document(mojibake)
    assert doc.text == "The Mayor’s office said café owners agreed."
    assert [r.reason for r in doc.removals] == ["mojibake repaired"]
    assert doc.removals[0].text == "The Mayorâ€™s office said cafÃ© owners agreed."


def test_hostile_html_file_scripts_and_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    markup = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<html><body><article><p>The council met on Monday &xxe; to approve the harbor budget for next year.</p>"
        "<script>alert('x')</script><p>Members voted seven to two after a long debate about ferry costs.</p>"
        "</article></body></html>"
    )
    (tmp_path / "hostile.html").write_text(markup, encoding="utf-8")
    [raw] = _read([tmp_path / "hostile.html"])
    assert isinstance(raw, RawDocument)
    doc = clean_document(raw)
    assert "TOP-SECRET" not in doc.text and "alert" not in doc.text and "xxe" not in doc.text
    assert "Members voted seven to two" in doc.text


def test_extraction_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_extraction(*args: object, **kwargs: object) -> None:
        time.sleep(5)

    monkeypatch.setattr(clean_module.trafilatura, "bare_extraction", slow_extraction)
    started = time.perf_counter()
    with pytest.raises(TimeLimitExceeded, match="took longer than the 0.2-second limit"):
        clean_document(RawDocument("slow.html", PAGE, "html"), time_limit_s=0.2)
    assert time.perf_counter() - started < 2


def test_time_limit_restores_an_outer_limit() -> None:
    with pytest.raises(TimeLimitExceeded, match="outer"), time_limit(0.3, "outer"):
        with time_limit(5, "inner"):
            pass
        time.sleep(2)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decoding_arbitrary_bytes_never_crashes(data: bytes) -> None:
    try:
        text = decode_bytes(data, sniff_html_charset=True)
    except Exception as problem:  # noqa: BLE001 - the only allowed failure is a clear Unreadable
        assert type(problem).__name__ == "Unreadable" and str(problem)
    else:
        assert text.strip()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["x.zip", "x.tar.gz", "x.txt.gz", "x.warc.gz", "x.json", "x.csv"]))
def test_arbitrary_bytes_in_any_format_never_crash(tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    for result in _read([path]):
        assert isinstance(result, (RawDocument, ReadError))
