"""Tests for the ingest stage: readers (files, directories, JSONL, stdin) and cleaning."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest import (
    ReadError,
    article_id_for,
    build_article,
    clean_document,
    read_paths,
    readers,
)
from storyline.models import CleanDocument, Published, RawDocument

DATA_DIR = Path(__file__).parent / "data" / "ingest"


def _text_doc(content: str, title: str | None = None) -> RawDocument:
    return RawDocument(path="t.txt", content=content, kind="text", title=title)


def _html_doc(content: str) -> RawDocument:
    return RawDocument(path="t.html", content=content, kind="html")


def _read_all(paths: list[str], max_bytes: int = 50_000_000) -> list[RawDocument | ReadError]:
    return list(read_paths(paths, max_bytes=max_bytes))


@pytest.fixture(scope="module")
def cleaned_seeds(seed_paths: list[Path]) -> dict[str, CleanDocument]:
    """Each seed read and cleaned, keyed by file name."""
    results = _read_all([str(p) for p in seed_paths])
    assert all(isinstance(r, RawDocument) for r in results)
    return {Path(r.path).name: clean_document(r) for r in results if isinstance(r, RawDocument)}


# --- seeds ------------------------------------------------------------------------------------
JUNK_MARKERS = ("{{", "}}", "By subscribing", "contributed", "?North", "quality journalism", "date 2018")


def test_seeds_have_no_junk(cleaned_seeds: dict[str, CleanDocument]) -> None:
    assert len(cleaned_seeds) == 5
    for name, doc in cleaned_seeds.items():
        for marker in JUNK_MARKERS:
            assert marker not in doc.text, (name, marker)
        paragraphs = doc.text.split("\n\n")
        assert all(p == p.strip() and p for p in paragraphs), name
        assert "\n\n\n" not in doc.text
        assert len(paragraphs) == len(set(paragraphs)), f"duplicate paragraph in {name}"
        assert not {p for p in paragraphs if p in {"REUTERS", "AP", "AFP", "___", "***"}}, name
        assert doc.removals, name


def test_seed_truncated_caption_dropped_full_caption_kept(cleaned_seeds: dict[str, CleanDocument]) -> None:
    doc = cleaned_seeds["000_99cd908009cf3662.txt"]
    paragraphs = doc.text.split("\n\n")
    assert "U.S. Vice President Mike Pence, second right, and" not in paragraphs
    full = "U.S. Vice President Mike Pence, second right, and his wife Karen are escorted"
    assert sum(p.startswith(full) for p in paragraphs) == 1
    dated_caption = "Fussa, on the outskirts of Tokyo Tuesday, Nov. 13, 2018."
    assert doc.text.count(dated_caption) == 1
    assert paragraphs[0].endswith(dated_caption)
    reasons = {r.reason for r in doc.removals}
    assert {"duplicate", "truncated", "stray character", "contributor"} <= reasons
    assert "North Korea" in paragraphs


@pytest.mark.parametrize(
    ("name", "sentences"),
    [
        ("000_99cd908009cf3662.txt", [
            "SEOUL - U.S. Vice President Mike Pence says a bilateral trade agreement with Japan",
            "Trump has complained about Japan's $69 billion trade surplus with the United States",
            '"The United States, Japan, and the world will accept nothing less," Pence said.',
        ]),
        ("001_78e804032ec4dd24.txt", [
            "The U.S. saw a $68.9 billion trade deficit with Japan last year.",
            "shrink the country’s trade deficit with countries like Japan.",
        ]),
        ("002_8e86a603c9110df6.txt", [
            "U.S. Vice President Mike Pence is traveling to Japan for talks",
            "whose factories employ thousands of people in his home state.",
        ]),
        ("003_d1d0bc85015c7f40.txt", [
            "TOKYO • US Secretary of State Mike Pompeo said yesterday",
            "an inventory of Pyongyang's nuclear arms to break the stalemate.",
        ]),
        ("004_e0f72f8ea7d01352.txt", [
            "Prime Minister Shinzo Abe and U.S. President Donald Trump remained at loggerheads",
            "if the “massive trade deficit with Japan” could be slashed",
            "there could be a possible path to settle the unfortunate past",
        ]),
    ],
)
def test_seed_body_sentences_survive(
    cleaned_seeds: dict[str, CleanDocument], name: str, sentences: list[str]
) -> None:
    for sentence in sentences:
        assert sentence in cleaned_seeds[name].text


def test_seed_headers_lifted_with_body_kept(cleaned_seeds: dict[str, CleanDocument]) -> None:
    doc_003 = cleaned_seeds["003_d1d0bc85015c7f40.txt"]
    doc_004 = cleaned_seeds["004_e0f72f8ea7d01352.txt"]
    assert doc_003.header == {"date": "2018-10-07"}
    assert doc_004.header == {"date": "2018-04-19"}
    assert doc_003.text.startswith("TOKYO • US Secretary of State")
    assert doc_004.text.startswith("Prime Minister Shinzo Abe")
    assert any(r.reason == "header" and r.text == "date 2018-10-07" and r.line == 1 for r in doc_003.removals)
    assert doc_003.text.rstrip().endswith("stalemate.")
    assert any(r.reason == "agency sign-off" and r.text == "REUTERS" for r in doc_003.removals)


def test_seed_002_title_templates_and_paragraphs(cleaned_seeds: dict[str, CleanDocument]) -> None:
    doc = cleaned_seeds["002_8e86a603c9110df6.txt"]
    assert doc.title == "Pence, headed to Japan, turns focus to trade with key ally"
    assert not doc.text.startswith("Pence, headed")
    assert len(doc.text.split("\n\n")) == 11
    reasons = [r.reason for r in doc.removals]
    assert reasons.count("template") == 5
    assert {"title", "separator", "contributor"} <= set(reasons)


def test_seed_001_boilerplate_removed(cleaned_seeds: dict[str, CleanDocument]) -> None:
    doc = cleaned_seeds["001_78e804032ec4dd24.txt"]
    assert [r.reason for r in doc.removals] == ["contributor", "boilerplate", "boilerplate"]
    assert doc.title is None


def test_seed_removal_lines_point_at_raw_lines(
    cleaned_seeds: dict[str, CleanDocument], seed_raw_texts: dict[str, str]
) -> None:
    for name, doc in cleaned_seeds.items():
        raw_lines = seed_raw_texts[name].splitlines()
        for removal in doc.removals:
            assert removal.text in raw_lines[removal.line - 1], (name, removal)


def test_build_article_uses_content_hash(cleaned_seeds: dict[str, CleanDocument]) -> None:
    doc = cleaned_seeds["003_d1d0bc85015c7f40.txt"]
    published = Published("2018-10-07", "day", "header")
    article = build_article(doc, published)
    assert article.id == article_id_for(doc.text)
    assert len(article.id) == 16 and int(article.id, 16) >= 0
    assert article.text == doc.text and article.published == published
    assert article.removals == doc.removals
    assert article_id_for("a") != article_id_for("b")


# --- readers ----------------------------------------------------------------------------------
def test_read_txt_html_jsonl_and_directory_walk(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second article body.", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.html").write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article body.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    records = [{"text": "One.", "title": "T1", "url": "https://x.example/1", "published": "2020-01-02"}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    results = _read_all([str(tmp_path)])
    assert all(isinstance(r, RawDocument) for r in results)
    docs = [r for r in results if isinstance(r, RawDocument)]
    assert [Path(d.path.split(":")[0]).name for d in docs] == ["a.txt", "b.txt", "c.jsonl", "a.html"]
    assert [d.kind for d in docs] == ["text", "text", "text", "html"]
    assert docs[2].path == f"{tmp_path / 'c.jsonl'}:1"
    assert (docs[2].title, docs[2].url, docs[2].published) == ("T1", "https://x.example/1", "2020-01-02")
    assert results == _read_all([str(tmp_path)])


def test_jsonl_broken_line_in_middle(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "Alpha body."}),
        "",
        '{"text": "broken',
        json.dumps({"html": "<html><body><p>Beta</p></body></html>", "title": 7}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": "Gamma body."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    results = _read_all([str(path)])
    docs = [r for r in results if isinstance(r, RawDocument)]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [d.path for d in docs] == [f"{path}:1", f"{path}:4", f"{path}:7"]
    assert [d.kind for d in docs] == ["text", "html", "text"]
    assert docs[1].title is None
    assert [e.path for e in errors] == [f"{path}:3", f"{path}:5", f"{path}:6"]
    assert "line 3" in errors[0].message and "invalid JSON" in errors[0].message
    assert "JSON object" in errors[1].message
    assert "no non-empty article field (tried 'text'" in errors[2].message


def test_unlistable_subdirectory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("Readable.", encoding="utf-8")
    locked = tmp_path / "locked"
    real_walk = os.walk

    def walk_with_locked_dir(top: str, onerror: Callable[[OSError], None]) -> Iterator[Any]:
        onerror(PermissionError(13, "Permission denied", str(locked)))
        yield from real_walk(top, onerror=onerror)

    monkeypatch.setattr(readers.os, "walk", walk_with_locked_dir)
    results = _read_all([str(tmp_path)])
    assert isinstance(results[1], RawDocument) and results[1].content == "Readable."
    assert results[0] == ReadError(str(locked), "cannot list directory: Permission denied")


def test_explicit_unsupported_and_missing_files(tmp_path: Path) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.4")
    results = _read_all([str(notes), str(tmp_path / "missing.txt")])
    assert all(isinstance(r, ReadError) for r in results)
    assert "unsupported file type '.pdf'" in results[0].message  # type: ignore[union-attr]
    assert "no such file" in results[1].message  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (b"", "empty"),
        (b"  \n\t\r\n  ", "empty"),
        (b"Caf\x81 au lait", "cannot decode"),
    ],
)
def test_bad_files_become_read_errors(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (tmp_path / "good.txt").write_text("Fine text.", encoding="utf-8")
    results = _read_all([str(path), str(tmp_path / "good.txt")])
    assert isinstance(results[0], ReadError) and expected in results[0].message
    assert results[0].path == str(path)
    assert isinstance(results[1], RawDocument)


def test_too_large_file_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 100, encoding="utf-8")
    [result] = _read_all([str(path)], max_bytes=10)
    assert isinstance(result, ReadError) and "over the 10-byte limit" in result.message
    [ok] = _read_all([str(path)], max_bytes=100)
    assert isinstance(ok, RawDocument)


def test_decoding_utf8_bom_cp1252_and_utf16(tmp_path: Path) -> None:
    (tmp_path / "a_bom.txt").write_bytes("\ufeffTokyo’s talks".encode())
    (tmp_path / "b_cp1252.txt").write_bytes("Tokyo’s “talks” – café".encode("cp1252"))
    (tmp_path / "c_utf16.txt").write_bytes("Tokyo talks".encode("utf-16"))
    (tmp_path / "d_latin.html").write_bytes(
        '<html><head><meta charset="shift_jis"></head><body><p>東京</p></body></html>'.encode("shift_jis")
    )
    docs = _read_all([str(tmp_path)])
    contents = [d.content for d in docs if isinstance(d, RawDocument)]
    assert contents[:3] == ["Tokyo’s talks", "Tokyo’s “talks” – café", "Tokyo talks"]
    assert "東京" in contents[3]


def _read_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> list[RawDocument | ReadError]:
    fake = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    return _read_all(["-"])


def test_stdin_sniffing(monkeypatch: pytest.MonkeyPatch) -> None:
    jsonl = b'{"text": "One."}\n\n{"text": "Two.", "title": "T"}\n'
    assert [(d.path, d.kind) for d in _read_stdin(monkeypatch, jsonl)] == [  # type: ignore[union-attr]
        ("<stdin>:1", "text"), ("<stdin>:3", "text")
    ]
    [page] = _read_stdin(monkeypatch, b"<!doctype html><html><body><p>Hi</p></body></html>")
    assert isinstance(page, RawDocument) and page.kind == "html" and page.path == "<stdin>"
    [text] = _read_stdin(monkeypatch, b'Plain text that mentions {"a": 1} once.\n{"b": 2}\n')
    assert isinstance(text, RawDocument) and text.kind == "text"
    [empty] = _read_stdin(monkeypatch, b"   \n")
    assert isinstance(empty, ReadError) and empty.path == "<stdin>"


# --- cleaning small cases -----------------------------------------------------------------------
def test_header_lines_lifted_into_header() -> None:
    content = (
        "title: Harbor bridge reopens\nurl: https://news.example.org/a\npublished: 2021-03-04T09:30:00Z\n"
        "source Example Gazette\n\nThe bridge reopened on Thursday.\n\nDate: not a header down here."
    )
    doc = clean_document(_text_doc(content))
    assert doc.header == {
        "title": "Harbor bridge reopens",
        "url": "https://news.example.org/a",
        "published": "2021-03-04T09:30:00Z",
        "source": "Example Gazette",
    }
    assert doc.title == "Harbor bridge reopens" and doc.url == "https://news.example.org/a"
    assert doc.text == "The bridge reopened on Thursday.\n\nDate: not a header down here."
    assert [r.reason for r in doc.removals] == ["header"] * 4


@pytest.mark.parametrize(
    ("line", "header", "body"),
    [
        ("published: Tuesday, Nov. 13, 2018 10:00 AM", {"published": "Tuesday, Nov. 13, 2018 10:00 AM"}, ""),
        ("Date: 13 November 2018 TOKYO - Talks began today.", {"date": "13 November 2018"}, "TOKYO - Talks began today."),
        ("url https://x.example/a?b=1 Officials met in Seoul on Monday.", {"url": "https://x.example/a?b=1"},
         "Officials met in Seoul on Monday."),
        ("updated 11/13/2018", {"updated": "11/13/2018"}, ""),
    ],
)
def test_header_value_forms(line: str, header: dict[str, str], body: str) -> None:
    doc = clean_document(_text_doc(f"{line}\n\nThe rest of the story follows here."))
    assert doc.header == header
    assert doc.text == "\n\n".join(p for p in (body, "The rest of the story follows here.") if p)


def test_headline_then_header_then_body() -> None:
    doc = clean_document(_text_doc("Bridge reopens after repairs\ndate 2021-03-04\nThe bridge reopened."))
    assert doc.title == "Bridge reopens after repairs"
    assert doc.header == {"date": "2021-03-04"}
    assert doc.text == "The bridge reopened."


def test_body_line_starting_with_date_word_is_kept() -> None:
    content = "Date palms grow well in the region, farmers said.\n\nThey plan to expand."
    assert clean_document(_text_doc(content)).text == content


def test_inline_junk_removed_and_recorded() -> None:
    content = (
        "Officials met <b>on Tuesday</b> in Tokyo {{ad_slot}} to talk.\n"
        "AT&amp;T and Ben &amp; Jerry&#8217;s were named &bogus; too.\n"
        "<script>alert('x')</script>\n"
        "* * *\n"
        "?Trade talks\n"
        "AFP"
    )
    doc = clean_document(_text_doc(content))
    assert doc.text.split("\n\n") == [
        "Officials met on Tuesday in Tokyo to talk.",
        "AT&T and Ben & Jerry’s were named too.",
        "Trade talks",
    ]
    reasons = {(r.reason, r.line) for r in doc.removals}
    assert {("html markup", 1), ("template", 1), ("html entity", 2), ("html markup", 3)} <= reasons
    assert {("separator", 4), ("stray character", 5), ("agency sign-off", 6)} <= reasons
    assert any(r.text == "&bogus;" for r in doc.removals)


@pytest.mark.parametrize(
    "junk",
    [
        "Sign up for our morning newsletter.",
        "Subscribe to The Example Gazette today",
        "Copyright 2021 Example Media. All rights reserved.",
        "Click here to read more stories like this.",
        "Reporting by Jane Doe in Tokyo; Editing by John Roe",
        "Associated Press writer Mari Example in Tokyo contributed to this report.",
        "Additional reporting by Kim Example in Seoul.",
        "Information from Reuters and Kyodo was added.",
        "Advertisement",
    ],
)
def test_boilerplate_and_contributor_lines_dropped(junk: str) -> None:
    body = "The talks ended without a deal, officials said."
    doc = clean_document(_text_doc(f"{body}\n\n{junk}\n\nBoth sides will meet again in May."))
    assert doc.text == f"{body}\n\nBoth sides will meet again in May."
    assert [r.text for r in doc.removals] == [junk]


@pytest.mark.parametrize(
    "sentence",
    [
        "Japan contributed $2 billion to the fund from its reserve budget.",
        "Readers who subscribe to the paper get early access, the editor said.",
        "Sign language interpreters were at the news conference.",
        "Reuters reported the talks had stalled, citing two officials.",
    ],
)
def test_body_sentences_resembling_junk_are_kept(sentence: str) -> None:
    content = f"Talks began on Monday.\n\n{sentence}"
    assert clean_document(_text_doc(content)).text == content


def test_lower_case_continuation_lines_are_joined() -> None:
    content = "The delegation arrived in Tokyo on\nthe evening of Tuesday for talks.\nA second line stands alone.\nAnd a third."
    doc = clean_document(_text_doc(content))
    assert doc.text.split("\n\n") == [
        "The delegation arrived in Tokyo on the evening of Tuesday for talks.",
        "A second line stands alone.",
        "And a third.",
    ]


def test_hard_wrapped_text_is_rejoined() -> None:
    content = (
        "The delegation arrived in Tokyo on Tuesday evening for talks with\n"
        "Japanese officials about trade, autos and farm products, which have\n"
        "long divided the two allies.\n\n"
        "Officials said the first round would focus on a framework for\n"
        "future talks rather than on sector-by-sector tariffs, and that\n"
        "Both sides hoped to report progress by May."
    )
    doc = clean_document(_text_doc(content))
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("The delegation arrived in Tokyo on Tuesday evening for talks with Japanese")
    assert paragraphs[1].endswith("tariffs, and that Both sides hoped to report progress by May.")


def test_short_heading_prefix_is_not_a_truncated_caption() -> None:
    content = "Opening line of the story, which is long enough.\n\nNorth Korea\n\nNorth Korea said it would reply."
    assert clean_document(_text_doc(content)).text == content


def test_known_title_repeated_as_first_line_is_dropped() -> None:
    doc = clean_document(_text_doc("Bridge reopens\n\nThe bridge reopened.", title="Bridge reopens"))
    assert doc.text == "The bridge reopened." and doc.title == "Bridge reopens"


# --- HTML ---------------------------------------------------------------------------------------
def test_html_page_extraction() -> None:
    [raw] = _read_all([str(DATA_DIR / "news_page.html")])
    assert isinstance(raw, RawDocument)
    doc = clean_document(raw)
    assert doc.title == "Harbor bridge reopens after repairs"
    assert doc.url == "https://news.example.org/2021/03/04/harbor-bridge"
    assert doc.metadata_published == "2021-03-04"
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("The Harbor Bridge reopened to traffic on Thursday morning")
    assert paragraphs[1].startswith("“We are glad to have our bridge back,” Mayor Lena Ortiz")
    for junk in ("TRACKING", "console.log", "Home", "Sport", "All rights reserved", "newsletter", "{"):
        assert junk not in doc.text


def test_hostile_html_entities_never_resolved() -> None:
    markup = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY big "&xxe;&xxe;">]>\n'
        "<html><head><title>Hostile</title><script>steal()</script></head><body><article>"
        "<p>First paragraph of the article mentions &xxe; and &big; and goes on for a while.</p>"
        "<p>Second paragraph continues the story with more words about the talks.</p>"
        "<script>document.write('injected')</script><iframe src='file:///etc/passwd'></iframe>"
        "</article></body></html>"
    )
    doc = clean_document(_html_doc(markup))
    assert "root:" not in doc.text and "/bin/" not in doc.text
    assert "steal" not in doc.text and "injected" not in doc.text
    assert "&xxe;" not in doc.text and "ENTITY" not in doc.text
    assert "First paragraph of the article mentions" in doc.text
    assert "Second paragraph continues the story" in doc.text


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><div><p>Unclosed <b>bold <i>text</p></div><table><tr><td>cell</body>",
        "<<<>>>",
        "</p></div></html>",
        "<html><body></body></html>",
        '<?xml version="1.0" encoding="latin-1"?><html><body><p>Declared</p></body></html>',
        "<html>" + "<div>" * 5000 + "deep" + "</div>" * 5000 + "</html>",
        "\x00\x01<p>nul</p>",
    ],
)
def test_malformed_html_does_not_crash(markup: str) -> None:
    doc = clean_document(_html_doc(markup))
    assert isinstance(doc.text, str)
    assert "<p>" not in doc.text and "<td" not in doc.text and "\x00" not in doc.text


def test_html_metadata_prefers_structured_fields() -> None:
    raw = RawDocument(
        path="feed.jsonl:1",
        content=(DATA_DIR / "news_page.html").read_text(encoding="utf-8"),
        kind="html",
        title="Feed title",
        url="https://feed.example/1",
        published="2021-03-05",
    )
    doc = clean_document(raw)
    assert (doc.title, doc.url, doc.metadata_published) == ("Feed title", "https://feed.example/1", "2021-03-05")


# --- properties ---------------------------------------------------------------------------------
_NEWSY_TEXT = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from([
            "", "REUTERS", "___", "{{#rendered}} {{/rendered}}", "date 2018-10-07 TOKYO - talks.",
            "?North Korea", "By subscribing, you can help us get the story right.", "&amp;amp;",
            "Pence said, and", "Pence said, and then left.", "title: x", "<p>tag</p>", "lower case start",
        ]),
    ),
    max_size=12,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(_NEWSY_TEXT)
def test_clean_never_raises_and_is_idempotent(content: str) -> None:
    first = clean_document(_text_doc(content))
    assert "\n\n\n" not in first.text and first.text == first.text.strip()
    second = clean_document(_text_doc(first.text, title=first.title))
    assert second.text == first.text
    assert second.title == first.title
    assert second.removals == ()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_html_cleaning_never_raises(markup: str) -> None:
    assert isinstance(clean_document(_html_doc(markup)).text, str)
