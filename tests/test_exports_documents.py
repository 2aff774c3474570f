"""Document exports rendered from a fixed document: the Markdown briefing (golden file), TimelineJS
dates, and escaping of hostile text in both."""

from __future__ import annotations

import copy
import html
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from storyline.exports.markdown import md_text, md_url, render_markdown
from storyline.exports.timelinejs import (
    render_timelinejs,
    timeline_date,
    timelinejs_document,
)
from storyline.report.terminal import clean_line

TESTS_DIR = Path(__file__).resolve().parent
DOCUMENT_PATH = TESTS_DIR / "data" / "exports_document.json"
GOLDEN_PATH = TESTS_DIR / "golden" / "briefing.md"
UPDATE_GOLDEN = os.environ.get("STORYLINE_UPDATE_GOLDEN") == "1"
HOSTILE = '<script>alert(1)</script> [click](javascript:alert(1)) ![img](x) **bold** | # & &amp; `code`'


@pytest.fixture()
def document() -> dict[str, Any]:
    return dict(json.loads(DOCUMENT_PATH.read_text(encoding="utf-8")))


@pytest.fixture()
def hostile(document: dict[str, Any]) -> dict[str, Any]:
    """The fixed document with markup and script in every user-controlled text field."""
    bad = copy.deepcopy(document)
    bad["stories"][0]["title"] = HOSTILE
    bad["stories"][0]["timeline"][0]["text"] = HOSTILE
    bad["stories"][0]["summary"][0]["text"] = HOSTILE
    for article in bad["articles"]:
        article["title"] = HOSTILE
        article["url"] = "javascript:alert(1)"
        article["path"] = "<img src=x onerror=alert(1)>.txt"
    bad["entities"][0]["name"] = HOSTILE
    bad["quotes"][0]["text"] = HOSTILE
    bad["claims"][0]["measure"] = HOSTILE
    bad["disagreements"][0]["note"] = HOSTILE
    return bad


def render_html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_markdown_briefing_matches_golden(document: dict[str, Any]) -> None:
    actual = render_markdown(document)
    if UPDATE_GOLDEN:
        GOLDEN_PATH.write_text(actual, encoding="utf-8")
    expected = GOLDEN_PATH.read_text(encoding="utf-8")
    assert actual == expected, "briefing.md differs from the golden file (STORYLINE_UPDATE_GOLDEN=1 to update)"


def test_markdown_footnotes_quote_their_cited_spans(document: dict[str, Any]) -> None:
    markdown = render_markdown(document)
    page = render_html(markdown)
    for heading in ("Summary", "Timeline", "Key people", "Quotes", "Figures", "Disagreements", "Sources"):
        assert f"<h2>{heading}</h2>" in page
    texts = {a["id"]: a["text"] for a in document["articles"]}
    for quote in document["quotes"]:
        span = texts[quote["article_id"]][quote["start"] : quote["end"]]
        assert f"characters {quote['start']}–{quote['end']}: “{md_text(span)}”" in markdown
    assert '<a href="https://example.org/ferry-line">' in page
    assert "<td>yes</td>" in page


def test_markdown_escapes_hostile_text(hostile: dict[str, Any]) -> None:
    page = render_html(render_markdown(hostile))
    assert "<script" not in page and "<img" not in page and "<strong>bold" not in page
    assert "javascript:" not in page.replace("(javascript:alert(1))", "")
    assert 'href="javascript' not in page and "<code>" not in page
    assert html.escape("<script>alert(1)</script>", quote=False) in page


@given(st.text(max_size=60))
def test_md_text_renders_as_the_literal_text(text: str) -> None:
    rendered = MarkdownIt("commonmark").renderInline(md_text(text))
    assert html.unescape(rendered) == clean_line(text)


def test_md_url_links_only_http() -> None:
    assert md_url("https://example.org/a b<c>") == "<https://example.org/a%20b%3Cc%3E>"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "/relative", None, 5):
        assert md_url(bad) is None


def test_timelinejs_keeps_month_and_year_only_dates(document: dict[str, Any]) -> None:
    timeline = timelinejs_document(document)
    dates = [event["start_date"] for event in timeline["events"]]
    assert dates == [{"year": "1974"}, {"year": "2021", "month": "2"}, {"year": "2021", "month": "3", "day": "10"}]
    assert timeline["title"]["text"]["headline"] == "Harbor Council approves ferry line"
    first = timeline["events"][0]
    assert first["text"]["headline"] == "The north pier was built in 1974."
    assert first["unique_id"] == "s-ferry-0" and first["autolink"] is False
    last = timeline["events"][2]["text"]["text"]
    assert '<a href="https://example.org/ferry-line"' in last and "Ferry plan faces budget questions" in last
    assert json.loads(render_timelinejs(document)) == timeline


@pytest.mark.parametrize(
    ("date", "granularity", "expected"),
    [
        ("2021-03-10", "month", {"year": "2021", "month": "3"}),
        ("2021-03-10", "year", {"year": "2021"}),
        ("2021-03", "day", {"year": "2021", "month": "3"}),
        ("2021-02-30", "day", None),
        ("2021-13", "month", None),
        ("P10Y", "year", None),
        (None, None, None),
    ],
)
def test_timeline_date_precision(date: Any, granularity: Any, expected: Any) -> None:
    assert timeline_date(date, granularity) == expected


def test_timelinejs_escapes_hostile_text(hostile: dict[str, Any]) -> None:
    timeline = timelinejs_document(hostile)
    texts = [timeline["title"]["text"]] + [event["text"] for event in timeline["events"]]
    for text in texts:
        for value in text.values():
            assert "<script" not in value and "<img" not in value and "javascript:alert" not in value.replace(
                "(javascript:alert(1))", ""
            )
            assert "href" not in value
    assert "&lt;script&gt;" in timeline["events"][0]["text"]["text"]


def test_markdown_of_an_empty_document() -> None:
    assert render_markdown({"stories": []}).startswith("# Storyline briefing")
