"""Tests for the report stage: HTML and terminal renderings of the export document."""

from __future__ import annotations

import copy
import datetime as dt
import html as html_lib
import json
import math
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from spacy.language import Language

from storyline.nlp import sentences_of
from storyline.report import (
    figure_rows,
    format_date,
    format_value,
    print_rows,
    quote_rows,
    render_html,
    render_terminal,
    timeline_rows,
)
from storyline.report.html import mark_citations, safe_url
from storyline.report.terminal import select_quotes

TESTS_DIR = Path(__file__).resolve().parent
SAMPLE_PATH = TESTS_DIR / "data" / "report_document.json"
GOLDEN_DIR = TESTS_DIR / "golden"
UPDATE_GOLDEN = os.environ.get("STORYLINE_UPDATE_GOLDEN") == "1"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"


# --------------------------------------------------------------------------- helpers


class PageParser(HTMLParser):
    """Collects tags, attributes, ids, hrefs and the text inside each element with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if "href" in attributes:
            self.hrefs.append(attributes["href"] or "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def parse_page(page: str) -> PageParser:
    """Parse a rendered page."""
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def source_texts(page: str) -> list[str]:
    """The plain text of each article body in the Sources section (tags stripped, unescaped)."""
    bodies = re.findall(r'<div class="source-text">(.*?)</div>', page, flags=re.S)
    return [html_lib.unescape(re.sub(r"<[^>]+>", "", body)) for body in bodies]


def marked_texts(page: str) -> dict[str, str]:
    """Map each ``<mark id>`` to the plain text inside it."""
    found = re.findall(r'<mark id="([^"]+)">(.*?)</mark>', page, flags=re.S)
    return {ident: html_lib.unescape(re.sub(r"<[^>]+>", "", inner)) for ident, inner in found}


def terminal_text(document: dict[str, Any], story_id: str | None = None) -> str:
    """Render to plain text the way the golden file was made, trailing spaces trimmed."""
    console = Console(record=True, width=100, color_system=None)
    render_terminal(document, console, story_id)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; STORYLINE_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN_DIR / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from the golden file (STORYLINE_UPDATE_GOLDEN=1 to update)"


@pytest.fixture()
def sample() -> dict[str, Any]:
    """The invented sample export document (a fresh copy per test)."""
    return json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))


def article_doc(article_id: str, text: str, **extra: Any) -> dict[str, Any]:
    """A minimal article record."""
    record = {
        "id": article_id,
        "path": f"{article_id}.txt",
        "title": None,
        "url": None,
        "published": {"date": None, "granularity": None, "source": None},
        "text": text,
        "removed": [],
    }
    record.update(extra)
    return record


# --------------------------------------------------------------------------- the sample document


def test_sample_document_offsets_point_at_their_text(sample: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in sample["articles"]}
    for record in sample["quotes"] + sample["claims"]:
        assert texts[record["article_id"]][record["start"] : record["end"]] == record["text"]


def test_html_matches_golden(sample: dict[str, Any]) -> None:
    check_golden("report.html", render_html(sample))


def test_terminal_matches_golden(sample: dict[str, Any]) -> None:
    check_golden("report.txt", terminal_text(sample))


def test_html_is_deterministic(sample: dict[str, Any]) -> None:
    assert render_html(sample) == render_html(copy.deepcopy(sample))


def test_every_citation_link_has_an_anchor_and_ids_are_unique(sample: dict[str, Any]) -> None:
    page = parse_page(render_html(sample))
    ids = set(page.ids)
    assert len(ids) == len(page.ids)
    internal = [href[1:] for href in page.hrefs if href.startswith("#")]
    assert any(target.startswith("cite-") for target in internal)
    assert [target for target in internal if target not in ids] == []
    for article in sample["articles"]:
        assert f"a-{article['id']}" in ids


def test_every_citation_of_the_document_is_linked(sample: dict[str, Any]) -> None:
    page = render_html(sample)
    cited = [c for s in sample["stories"] for item in s["summary"] + s["timeline"] for c in item["citations"]]
    cited += sample["quotes"] + sample["claims"]
    for c in cited:
        ident = f"cite-{c['article_id']}-{c['start']}-{c['end']}"
        assert f'href="#{ident}"' in page
        assert f'id="{ident}"' in page


def test_marks_wrap_exactly_the_cited_spans(sample: dict[str, Any]) -> None:
    page = render_html(sample)
    texts = {a["id"]: a["text"] for a in sample["articles"]}
    marks = marked_texts(page)
    assert marks
    for ident, inner in marks.items():
        article_id, start, end = ident.removeprefix("cite-").rsplit("-", 2)
        assert inner.startswith(texts[article_id][int(start) : int(end)])
    # the quote inside the mayor's sentence merged into the sentence's mark
    assert "<mark" not in page.split('id="cite-a1b2c3d4e5f60718-174-279">')[1].split("</mark>")[0]


def test_article_text_survives_markup_unchanged(sample: dict[str, Any]) -> None:
    assert source_texts(render_html(sample)) == [a["text"] for a in sample["articles"]]


def test_html_story_sections(sample: dict[str, Any]) -> None:
    page = render_html(sample)
    assert "2 articles · Mar 2031" in page
    assert '<time datetime="2031-03-03">3 Mar 2031</time>' in page
    assert '<time datetime="2030-11">Nov 2030</time>' in page
    assert '<time datetime="1974">1974</time>' in page
    assert "about $12 million" in page and "$14.5 million" in page and "66.7%" in page
    assert "€3.50" in page and "13 weeks" in page and "about 18,500" in page
    assert page.index("Renée Okafor-Lind</td>") < page.index("Ida Brannock</td>")  # most mentions first
    assert "Halden &amp; Voss</td>" not in page.split("<h3>Key people</h3>")[1].split("<h3>Quotes")[0]  # an ORG
    assert "<summary>Removed by the cleaner (2)</summary>" in page
    assert "Subscribe to the Gazette for £1 a week!" in page
    assert "The mayor&#39;s $12 million is her early figure" in page
    assert page.count('<tr class="disputed">') == 2


def test_curly_quotes_and_non_ascii_render(sample: dict[str, Any]) -> None:
    page = render_html(sample)
    assert '<meta charset="utf-8">' in page
    assert "“serious but not catastrophic”" in page
    assert "Tomasz Wiśniewski" in page and "LOWMERE — " in page
    text = terminal_text(sample)
    assert "Tomasz Wiśniewski: “serious but not catastrophic”" in text


# --------------------------------------------------------------------------- security and self-containment


def hostile_document() -> dict[str, Any]:
    """A document with script and attribute injection in every free-text field."""
    bad = f"{SCRIPT} {IMG}"
    text = f"Intro. {bad} said the official. End."
    start = text.index(bad)
    return {
        "schema_version": "1",
        "articles": [
            article_doc("evil", text, title=bad, url=JS_URL, path=f"dir/{bad}.txt",
                        removed=[{"text": bad, "reason": bad, "line": 1}]),
            article_doc("data", "Plain.", url="data:text/html,<script>alert(1)</script>"),
            article_doc("ok", "Fine.", url="https://news.example/ok"),
        ],
        "entities": [{"id": "e1", "name": bad, "type": "PERSON", "aliases": [bad], "titles": [bad],
                      "article_ids": ["evil"], "mention_count": 2}],
        "quotes": [{"id": "q1", "text": bad, "kind": "direct", "speaker": bad, "speaker_entity_id": None,
                    "cue": "said", "article_id": "evil", "start": start, "end": start + len(bad), "date": bad}],
        "claims": [{"id": "c1", "text": bad, "measure": bad, "measure_key": "k", "value": 5, "unit": bad,
                    "period": bad, "claimant": bad, "approximate": False, "article_id": "evil",
                    "start": start, "end": start + len(bad)}],
        "disagreements": [{"measure": bad, "measure_key": "k", "claim_ids": ["c1"], "note": bad}],
        "stories": [{"id": bad, "title": bad, "article_ids": ["evil", "data", "ok"],
                     "summary": [{"text": bad, "citations": [{"article_id": "evil", "start": 0, "end": 6}]}],
                     "timeline": [{"date": bad, "granularity": "day", "text": bad,
                                   "citations": [{"article_id": bad, "start": 0, "end": 1}]}]}],
    }  # fmt: skip


def test_hostile_text_is_escaped_everywhere() -> None:
    page = render_html(hostile_document())
    assert SCRIPT not in page
    assert "<img" not in page
    assert IMG not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = parse_page(page)
    assert all(tag not in ("script", "img", "iframe", "object", "embed") for tag, _ in parsed.tags)
    assert all(not name.startswith("on") for _, attrs in parsed.tags for name in attrs)


def test_only_http_urls_become_links() -> None:
    parsed = parse_page(render_html(hostile_document()))
    assert "javascript:alert(1)" not in " ".join(parsed.hrefs).lower()
    external = [href for href in parsed.hrefs if not href.startswith("#")]
    assert external == ["https://news.example/ok"]


def test_page_is_self_contained(sample: dict[str, Any]) -> None:
    for document in (sample, hostile_document()):
        page = render_html(document)
        parsed = parse_page(page)
        article_urls = {a["url"] for a in document["articles"] if a.get("url")}
        assert all("src" not in attrs for _, attrs in parsed.tags)
        assert all(href.startswith("#") or href in article_urls for href in parsed.hrefs)
        assert all(tag != "link" for tag, _ in parsed.tags)
        css = " ".join(parsed.styles)
        assert "@import" not in css and "url(" not in css
        assert "<script" not in page


def test_hostile_terminal_output_is_literal() -> None:
    document = hostile_document()
    document["stories"][0]["title"] = "[bold red]Boom[/] \x1b[31mred\x1b[0m :smile:"
    text = terminal_text(document)
    assert "[bold red]Boom[/]" in text
    assert "\x1b" not in text
    assert ":smile:" in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("  http://example.com  ", "http://example.com"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,hi", None),
        ("//evil.example/x", None),
        ("https:///nohost", None),
        ("https://exa mple.com", None),
        (None, None),
        (42, None),
    ],
)
def test_safe_url(url: Any, expected: str | None) -> None:
    assert safe_url(url) == expected


# --------------------------------------------------------------------------- citation markup


def test_mark_citations_merges_overlaps_and_keeps_every_anchor() -> None:
    text = "A <b> & c. Second one. Third."
    body, ids = mark_citations("x", text, [(0, 10), (2, 5), (5, 17), (23, 29), (23, 29)])
    assert str(body).count("<mark") == 2
    assert ids == {"cite-x-0-10", "cite-x-2-5", "cite-x-5-17", "cite-x-23-29"}
    for ident in ids:
        assert f'id="{ident}"' in str(body)
    assert "&lt;b&gt;" in str(body) and " &amp; c." in str(body) and "<b>" not in str(body)
    assert html_lib.unescape(re.sub(r"<[^>]+>", "", str(body))) == text
    assert '<mark id="cite-x-0-10">' in str(body) and str(body).index("</mark>") > str(body).index("Second")


def test_mark_citations_clamps_bad_offsets_and_anchors_empty_spans() -> None:
    text = "Short text."
    body, ids = mark_citations("x", text, [(-5, 5), (8, 500), (6, 6), (40, 50)])
    assert ids == {"cite-x--5-5", "cite-x-8-500", "cite-x-6-6", "cite-x-40-50"}
    assert '<mark id="cite-x--5-5">Short</mark> <span class="anchor" id="cite-x-6-6"></span>te<mark' in str(body)
    assert '<mark id="cite-x-8-500">xt.</mark>' in str(body)
    assert str(body).endswith('<span class="anchor" id="cite-x-40-50"></span>')
    assert html_lib.unescape(re.sub(r"<[^>]+>", "", str(body))) == text


def test_adjacent_spans_stay_separate() -> None:
    body, _ = mark_citations("x", "abcdef", [(0, 3), (3, 6)])
    assert str(body) == '<mark id="cite-x-0-3">abc</mark><mark id="cite-x-3-6">def</mark>'


def test_citation_to_unknown_article_is_not_a_link() -> None:
    page = render_html(hostile_document())
    assert 'class="cite missing"' in page


# --------------------------------------------------------------------------- empty and malformed input


@pytest.mark.parametrize("document", [{}, {"schema_version": "1"}, {"stories": None, "articles": None}])
def test_empty_document_renders_a_friendly_page(document: dict[str, Any]) -> None:
    page = render_html(document)
    assert "No stories yet" in page and "No articles." in page
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "No story in this document." in terminal_text(document)


def test_articles_without_stories_are_still_listed() -> None:
    page = render_html({"articles": [article_doc("only", "Just text.")], "stories": []})
    assert "its 1 article is listed under Sources below" in page
    assert 'id="a-only"' in page and "Just text." in page


def test_malformed_records_are_skipped_not_fatal() -> None:
    document = {
        "articles": [None, 3, {"id": "a", "text": None, "published": "2018", "removed": "x"}],
        "entities": [{"id": "e", "name": None, "type": "PERSON", "article_ids": ["a"], "mention_count": "many"}],
        "quotes": [{"id": "q", "text": None, "article_id": "a", "start": "0", "end": None}],
        "claims": [{"id": "c", "value": "lots", "unit": None, "article_id": "a", "start": 0, "end": 2}],
        "disagreements": [{"claim_ids": ["c", "missing"], "note": None}],
        "stories": [
            {"id": "s", "title": None, "article_ids": ["a", "zzz"], "summary": [{"text": "x", "citations": None}],
             "timeline": [{"date": "2018-02-30", "granularity": "day", "text": "bad day", "citations": [5]}]},
            "not a story",
        ],
    }  # fmt: skip
    page = render_html(document)
    assert "Untitled story" in page and "2018-02-30" in page
    text = terminal_text(document)
    assert "Untitled story" in text and "2 articles · undated" in text
    json.dumps([timeline_rows(document), quote_rows(document), figure_rows(document)])


def test_story_span_with_mixed_granularity() -> None:
    def dated(article_id: str, date: str, granularity: str | None) -> dict[str, Any]:
        return article_doc(article_id, "x", published={"date": date, "granularity": granularity, "source": None})

    articles = [dated("a", "2018-11-13", "day"), dated("b", "2018-11-13", None), dated("c", "2018-04-19", "day")]
    document = {"articles": articles, "stories": [{"id": "s", "title": "T", "article_ids": ["a", "b", "c"]}]}
    assert "3 articles · 19 Apr 2018 – 13 Nov 2018" in terminal_text(document)
    assert "3 articles · 19 Apr 2018 – 13 Nov 2018" in render_html(document)


# --------------------------------------------------------------------------- terminal


def test_terminal_story_filter(sample: dict[str, Any]) -> None:
    only_ferry = terminal_text(sample, "story-ferry")
    assert "Ashwater ferry runs every 20 minutes" in only_ferry
    assert "Kestrel Bridge closure" not in only_ferry
    assert "1 article · undated" in only_ferry
    assert "No story with id nope in this document." in terminal_text(sample, "nope")


def test_terminal_sections(sample: dict[str, Any]) -> None:
    text = terminal_text(sample, "story-kestrel")
    for heading in ("Summary", "Timeline", "Key people", "Quotes", "Disputed figures"):
        assert f"\n{heading}\n" in text
    assert "3 Mar 2031 The bridge is closed to all traffic. [a1b2c3d4]" in text
    assert "Renée Okafor-Lind  Mayor of Lowmere  3 mentions" in text
    assert "about $12 million (Renée Okafor-Lind, a1b2c3d4) · $14.5 million" in text
    assert "Renée Okafor-Lind (paraphrase): repairs would cost" in text
    assert text.index("We will not reopen") < text.index("serious but not")  # longest first


def quote(ident: str, text: str, speaker: str, kind: str = "direct") -> dict[str, Any]:
    """A quote record for selection tests."""
    return {"id": ident, "text": text, "kind": kind, "speaker": speaker, "speaker_entity_id": None,
            "article_id": "a", "start": 0, "end": 1, "date": None}  # fmt: skip


def test_select_quotes_drops_repeats_and_spreads_speakers() -> None:
    quotes = [
        quote("1", "We seek trade that is free. We seek trade that is fair.", "Pence"),
        quote("2", "we seek trade that is free", "Pence"),  # inside quote 1
        quote("3", "We seek trade that is free, we seek trade that is fair!", "Pence"),  # same words
        *(quote(f"p{i}", f"Distinct statement number {i} about something else entirely {i * 'x'}", "Pence")
          for i in range(8)),
        quote("a", "The economic relations are turning into cooperation now", "Aso"),
        quote("u", "an unattributed remark on tariffs", ""),
        quote("i", "the talks would start soon, with or without a framework agreement in place", "Aso", "indirect"),
    ]  # fmt: skip
    chosen = select_quotes(quotes, {}, limit=6)
    ids = [q["id"] for q in chosen]
    assert len(ids) == 6
    assert "2" not in ids and "3" not in ids
    assert {"a", "u"} <= set(ids)
    assert sum(1 for q in chosen if q["speaker"] == "Pence") == 4  # speaker cap held while others remain
    assert [q["id"] for q in select_quotes(quotes, {}, limit=7)][-1] == "i"  # paraphrase after direct quotes
    assert len(select_quotes(quotes, {}, limit=100)) == 12


def test_rows(sample: dict[str, Any]) -> None:
    timeline = timeline_rows(sample)
    assert [row["when"] for row in timeline] == ["1974", "Nov 2030", "Feb 2031", "3 Mar 2031"]
    assert timeline[0]["sources"] == "a1b2c3d4" and timeline[0]["start"] == 542
    quotes = {row["id"]: row for row in quote_rows(sample)}
    assert quotes["q2"]["speaker"] == "Renée Okafor-Lind"  # "She" resolved through the entity
    assert quotes["q4"]["when"] == "Mar 2031" and quotes["q4"]["story_id"] == "story-kestrel"
    figures = {row["id"]: row for row in figure_rows(sample)}
    assert figures["c1"]["shown"] == "about $12 million" and figures["c1"]["disputed"] is True
    assert figures["c4"]["shown"] == "66.7%" and figures["c4"]["disputed"] is False
    assert figures["c6"]["story_id"] == "story-ferry"
    json.dumps([timeline, list(quotes.values()), list(figures.values())])


def test_print_rows(sample: dict[str, Any]) -> None:
    console = Console(record=True, width=120, color_system=None)
    print_rows(figure_rows(sample), console, "Figures", columns=["measure", "shown", "disputed"])
    print_rows([], console, "Quotes")
    text = console.export_text()
    assert "Figures" in text and "about $12 million" in text and "yes" in text
    assert "claimant" not in text
    assert "Quotes: nothing to show." in text


# --------------------------------------------------------------------------- format_date


@pytest.mark.parametrize(
    ("date", "granularity", "expected"),
    [
        ("2018-11-13", "day", "13 Nov 2018"),
        ("2018-09", "month", "Sep 2018"),
        ("2017", "year", "2017"),
        ("2018-11-13", "month", "Nov 2018"),
        ("2018-11-13", None, "13 Nov 2018"),
        ("2018-11", "day", "Nov 2018"),
        ("2018-03-05T10:00:00Z", "day", "5 Mar 2018"),
        ("2018-02-30", "day", "2018-02-30"),
        ("2018-W11", None, "2018-W11"),
        (None, "day", "undated"),
        ("", None, "undated"),
    ],
)
def test_format_date_examples(date: str | None, granularity: str | None, expected: str) -> None:
    assert format_date(date, granularity) == expected


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["day", "month", "year", None]))
def test_format_date_round_trips(day: dt.date, granularity: str | None) -> None:
    shown = format_date(day.isoformat(), granularity)
    if granularity in ("day", None):
        assert dt.datetime.strptime(shown, "%d %b %Y").date() == day
    elif granularity == "month":
        assert dt.datetime.strptime(shown, "%b %Y").date() == day.replace(day=1)
    else:
        assert shown == f"{day.year:04d}"


@given(st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()))
def test_format_date_never_raises(date: str | None, granularity: str | None) -> None:
    assert isinstance(format_date(date, granularity), str)


# --------------------------------------------------------------------------- format_value


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (69e9, "USD", "$69 billion"),
        (68.9e9, "USD", "$68.9 billion"),
        (56.1e9, "USD", "$56.1 billion"),
        (95e9, "SGD", "S$95 billion"),
        (13, "count", "13"),
        (18500, "count", "18,500"),
        (2_500_000, "count", "2.5 million"),
        (66.6667, "percent", "66.7%"),
        (0.25, "percent", "0.25%"),
        (3.5, "EUR", "€3.50"),
        (5_000_000, "CHF", "CHF 5 million"),
        (-5e9, "USD", "-$5 billion"),
        (999_999_999, "USD", "$1 billion"),
        (1.2e12, "USD", "$1.2 trillion"),
        (13, "weeks", "13 weeks"),
        (float("nan"), "USD", "n/a"),
    ],
)
def test_format_value_examples(value: float, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected


def parse_shown_value(shown: str) -> float:
    """Read a formatted value back into a number (for the round-trip property)."""
    text = shown.replace(",", "").replace("$", "").replace("%", "")
    scales = {"trillion": 1e12, "billion": 1e9, "million": 1e6}
    number, _, word = text.partition(" ")
    return float(number) * scales.get(word, 1.0)


@settings(max_examples=300)
@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e18, max_value=1e18),
    st.sampled_from(["USD", "count", "percent"]),
)
def test_format_value_round_trips(value: float, unit: str) -> None:
    shown = format_value(value, unit)
    assert math.isclose(parse_shown_value(shown), value, rel_tol=0.05, abs_tol=0.006), shown


@given(st.one_of(st.floats(), st.integers(), st.none(), st.text()), st.one_of(st.text(), st.none()))
def test_format_value_never_raises(value: Any, unit: Any) -> None:
    assert isinstance(format_value(value, unit), str)


# --------------------------------------------------------------------------- the real seeds


def seed_document(nlp: Language, seed_paths: list[Path]) -> dict[str, Any]:
    """An export-shaped document over the real seed texts: every sentence and each $-figure cited."""
    articles, summary, claims = [], [], []
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        article_id = path.stem.split("_")[1]
        articles.append(article_doc(article_id, text, path=path.name, title=text.splitlines()[0][:60]))
        for sentence in sentences_of(nlp(text)):
            summary.append({"text": text[sentence.start : sentence.end],
                            "citations": [{"article_id": article_id, "start": sentence.start, "end": sentence.end}]})
        for match in re.finditer(r"(?<![A-Za-z])(?:US)?\$(\d+(?:\.\d+)?) billion", text):
            value = float(match.group(1)) * 1e9
            claims.append({"id": f"c{len(claims)}", "text": match.group(), "measure": "US trade deficit with Japan",
                           "measure_key": "trade balance|JP|US", "value": value, "unit": "USD", "period": None,
                           "claimant": None, "approximate": False, "article_id": article_id,
                           "start": match.start(), "end": match.end()})  # fmt: skip
    story = {"id": "seed", "title": "Seeds", "article_ids": [a["id"] for a in articles],
             "summary": summary, "timeline": []}  # fmt: skip
    dispute = {"measure": "US trade deficit with Japan", "measure_key": "trade balance|JP|US",
               "claim_ids": [c["id"] for c in claims], "note": "Different years."}  # fmt: skip
    return {"schema_version": "1", "articles": articles, "entities": [], "quotes": [], "claims": claims,
            "disagreements": [dispute], "stories": [story]}  # fmt: skip


@pytest.fixture(scope="module")
def seeds_export(nlp: Language, seed_paths: list[Path]) -> dict[str, Any]:
    """The seed document, built once per module."""
    return seed_document(nlp, seed_paths)


def test_seed_texts_survive_markup_and_every_link_lands(seeds_export: dict[str, Any]) -> None:
    document = seeds_export
    page = render_html(document)
    assert source_texts(page) == [a["text"] for a in document["articles"]]
    parsed = parse_page(page)
    ids = set(parsed.ids)
    targets = [href[1:] for href in parsed.hrefs if href.startswith("#cite-")]
    assert len(targets) > 100
    assert [t for t in targets if t not in ids] == []
    texts = {a["id"]: a["text"] for a in document["articles"]}
    for ident, inner in marked_texts(page).items():
        article_id, start, end = ident.removeprefix("cite-").rsplit("-", 2)
        assert inner.startswith(texts[article_id][int(start) : int(end)])


def test_seed_figures_in_terminal(seeds_export: dict[str, Any]) -> None:
    text = terminal_text(seeds_export)
    disputed = " ".join(text.split("Disputed figures")[1].split())
    for figure in ("$69 billion (99cd9080)", "$68.9 billion (78e80403)", "$69 billion (d1d0bc85)", "$56.1 billion"):
        assert figure in disputed
    assert "$95 billion" not in disputed  # S$95 billion is not a US-dollar figure
    assert "Different years." in text
    assert "5 articles · undated" in text
