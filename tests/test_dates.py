"""Tests for the dates stage: publication dates, timex finding, normalisation and resolution."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from storyline.dates import (
    date_sort_key,
    extract_timexes,
    normalise_date_string,
    publication_date,
    text_publication_evidence,
    value_bounds,
)
from storyline.models import Article, CleanDocument, Published, Timex
from conftest import make_article

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
HEADER_LINE = re.compile(r"\A\s*date\s+(\S+)\s+")


def clean_seed(raw: str, name: str) -> CleanDocument:
    """A CleanDocument for a seed: the leading ``date YYYY-MM-DD`` header line lifted out."""
    header = HEADER_LINE.match(raw)
    text = raw[header.end():] if header else raw
    return CleanDocument(name, text, None, None, None, {"date": header[1]} if header else {})


def seed_article(seed_raw_texts: dict[str, str], prefix: str) -> Article:
    """The seed whose file name starts with ``prefix``, dated by ``publication_date``."""
    name = next(n for n in seed_raw_texts if n.startswith(prefix))
    doc = clean_seed(seed_raw_texts[name], name)
    return Article(prefix, name, None, None, doc.text, publication_date(doc, prefix))


def timexes_of(nlp: Language, article: Article) -> tuple[Timex, ...]:
    return extract_timexes(article, nlp(article.text))


def find(timexes: tuple[Timex, ...], text: str, nth: int = 0) -> Timex:
    matches = [t for t in timexes if t.text == text]
    assert len(matches) > nth, f"{text!r} not among {[t.text for t in timexes]}"
    return matches[nth]


def only(nlp: Language, text: str, published: str | None = "2018-11-13", granularity: str = "day") -> Timex:
    """The single timex expected in a short sentence."""
    found = timexes_of(nlp, make_article(text, published=published, granularity=granularity))
    assert len(found) == 1, found
    return found[0]


# --- publication dates -------------------------------------------------------------------


def test_seed_publication_dates(seed_raw_texts: dict[str, str]) -> None:
    dated = {prefix: seed_article(seed_raw_texts, prefix).published for prefix in ("000", "001", "002", "003", "004")}
    assert dated["003"] == Published("2018-10-07", "day", "header", confidence=0.95)
    assert dated["004"] == Published("2018-04-19", "day", "header", confidence=0.95)
    assert dated["001"] == Published() and dated["002"] == Published()
    caption = dated["000"]
    assert (caption.date, caption.granularity, caption.source, caption.confidence) == ("2018-11-13", "day", "text", 0.5)
    assert caption.evidence is not None and caption.evidence.article_id == "000"
    text = seed_article(seed_raw_texts, "000").text
    assert text[caption.evidence.start:caption.evidence.end] == "Nov. 13, 2018"


def document(text: str = "Body text.", header: dict[str, str] | None = None, meta: str | None = None) -> CleanDocument:
    return CleanDocument("a.txt", text, None, None, meta, header or {})


@pytest.mark.parametrize(
    ("header", "meta", "expected"),
    [
        ({"date": "2018-10-07"}, "2017-01-01", Published("2018-10-07", "day", "header", confidence=0.95)),
        ({"Published": "2018-10"}, None, Published("2018-10", "month", "header", confidence=0.95)),
        ({"date": "not a date"}, "2018-10-07T09:00:00+08:00", Published("2018-10-07", "day", "metadata", confidence=0.9)),
        ({}, "Sun, 07 Oct 2018 23:30:00 GMT", Published("2018-10-07", "day", "metadata", confidence=0.9)),
        ({}, "October 7, 2018", Published("2018-10-07", "day", "metadata", confidence=0.9)),
        ({}, "07/10/2018", Published("2018", "year", "metadata", confidence=0.9)),
        ({}, "13/10/2018", Published("2018-10-13", "day", "metadata", confidence=0.9)),
        ({}, "2018", Published("2018", "year", "metadata", confidence=0.9)),
    ],
)
def test_header_and_metadata(header: dict[str, str], meta: str | None, expected: Published) -> None:
    assert publication_date(document("Caption in Tokyo, Nov. 13, 2018.", header, meta), "a") == expected


def test_text_evidence_kinds() -> None:
    dateline = "TOKYO, Nov. 14, 2018 (Reuters) - Talks ended.\nPence waves in Tokyo, Nov. 13, 2018."
    assert publication_date(document(dateline), "a").date == "2018-11-14"
    published = "Updated Nov. 15, 2018 10:04 AM EST\nPublished: November 13, 2018\nText."
    assert publication_date(document(published), "a").date == "2018-11-13"
    captions = "Pence in Fussa, Japan, Nov. 12, 2018.\nPence in Tokyo Tuesday, Nov. 13, 2018. (AP Photo/E. H.)"
    result = publication_date(document(captions), "a")
    assert result.date == "2018-11-13" and result.evidence is not None
    assert captions[result.evidence.start:result.evidence.end] == "Nov. 13, 2018"


@pytest.mark.parametrize(
    "body",
    [
        "Trump pulled out of the pact in January 2017.",
        "He wants to end the 1950-53 Korean War.",
        "The talks began on Nov. 12, 2018.",
        "The meeting was held on Tuesday, Nov. 13, 2018.",
        "He spoke in Tokyo, Nov. 13, 2018, about trade with Japan.",
        "Pence said on Tuesday the deficit was $69 billion.",
    ],
)
def test_body_dates_are_not_publication_dates(body: str) -> None:
    assert publication_date(document(body), "a") == Published()
    assert text_publication_evidence(body) is None


# --- seed timexes -------------------------------------------------------------------------


def test_seed_003_relative_days(nlp: Language, seed_raw_texts: dict[str, str]) -> None:
    found = timexes_of(nlp, seed_article(seed_raw_texts, "003"))
    assert find(found, "yesterday").value == "2018-10-06"
    assert find(found, "yesterday", 1).value == "2018-10-06"
    assert (find(found, "last month").value, find(found, "last month").granularity) == ("2018-09", "month")
    assert find(found, "today").value == "2018-10-07"
    assert find(found, "tomorrow").value == "2018-10-08"
    assert (find(found, "June").value, find(found, "June").granularity) == ("2018-06", "month")
    assert find(found, "Recently").value == "PAST_REF"
    assert [(t.text, t.value) for t in found if t.value in ("1950", "1953")] == [("1950", "1950"), ("53", "1953")]


def test_seed_004_weekdays_and_decades(nlp: Language, seed_raw_texts: dict[str, str]) -> None:
    found = timexes_of(nlp, seed_article(seed_raw_texts, "004"))
    assert (find(found, "Wednesday").value, find(found, "Wednesday").granularity) == ("2018-04-18", "day")
    assert find(found, "Wednesday morning").value == "2018-04-18TMO"
    assert (find(found, "last year").value, find(found, "last year").granularity) == ("2017", "year")
    assert (find(found, "the 1970s").value, find(found, "the 1970s").granularity) == ("197", None)
    assert find(found, "’80s").value == "198"
    assert find(found, "two days") == Timex("004", *_span(found, "two days"), "DURATION", "P2D", None)
    assert find(found, "June").value == "2018-06", "'prepares ... by June' looks forward"
    assert find(found, "sometime in the future").value == "FUTURE_REF"
    assert find(found, "2002").value == "2002"


def _span(found: tuple[Timex, ...], text: str) -> tuple[int, int, str]:
    timex = find(found, text)
    return timex.start, timex.end, timex.text


def test_seed_000_caption_anchor(nlp: Language, seed_raw_texts: dict[str, str]) -> None:
    found = timexes_of(nlp, seed_article(seed_raw_texts, "000"))
    assert find(found, "Tuesday").value == "2018-11-13"
    assert find(found, "September").value == "2018-09"
    assert find(found, "January 2017").value == "2017-01"
    assert find(found, "last week").value == "2018-W45"
    assert (find(found, "early next year").value, find(found, "early next year").granularity) == ("2019", "year")
    assert find(found, "June").value == "2018-06"
    assert not [t for t in found if t.text == "annual"], "an adjective, not a time (TimeML leaves it out)"
    assert find(found, "the last ten years").value == "P10Y"


def test_undated_seeds_leave_relative_values_unknown(nlp: Language, seed_raw_texts: dict[str, str]) -> None:
    found_001 = timexes_of(nlp, seed_article(seed_raw_texts, "001"))
    assert find(found_001, "Tuesday").value is None and find(found_001, "Tuesday").granularity is None
    assert find(found_001, "last year").value is None
    assert not [t for t in found_001 if "year-old" in t.text], "ages are not temporal expressions"
    assert find(found_001, "10-day").value == "P10D"
    found_002 = timexes_of(nlp, seed_article(seed_raw_texts, "002"))
    assert find(found_002, "Tuesday").value is None
    assert find(found_002, "February").value is None
    assert find(found_002, "this week").value is None


def test_seed_offsets_exact_and_deterministic(nlp: Language, seed_raw_texts: dict[str, str]) -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        article = seed_article(seed_raw_texts, prefix)
        found = timexes_of(nlp, article)
        assert found, prefix
        assert found == timexes_of(nlp, article)
        for timex in found:
            assert article.text[timex.start:timex.end] == timex.text
            assert timex.text == timex.text.strip() and not timex.text.lower().startswith(("on ", "in "))
        assert [t.start for t in found] == sorted(t.start for t in found)


# --- small cases, one per rule ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "value", "granularity"),
    [
        ("Pence arrived on Tuesday.", "Tuesday", "DATE", "2018-11-13", "day"),
        ("Pence arrived on Monday.", "Monday", "DATE", "2018-11-12", "day"),
        ("Officials will meet on Friday.", "Friday", "DATE", "2018-11-16", "day"),
        ("Tuesday's statement was short.", "Tuesday", "DATE", "2018-11-13", "day"),
        ("They meet next Monday.", "next Monday", "DATE", "2018-11-19", "day"),
        ("They met last Tuesday.", "last Tuesday", "DATE", "2018-11-06", "day"),
        ("Talks resumed Sunday night.", "Sunday night", "TIME", "2018-11-11TNI", "day"),
        ("He left yesterday.", "yesterday", "DATE", "2018-11-12", "day"),
        ("He leaves tomorrow.", "tomorrow", "DATE", "2018-11-14", "day"),
        ("Talks ended last week.", "last week", "DATE", "2018-W45", None),
        ("Talks are under way this week.", "this week", "DATE", "2018-W46", None),
        ("Exports fell last month.", "last month", "DATE", "2018-10", "month"),
        ("Exports fell last year.", "last year", "DATE", "2017", "year"),
        ("Exports rose earlier this year.", "earlier this year", "DATE", "2018", "year"),
        ("Exports will rise next year.", "next year", "DATE", "2019", "year"),
        ("The talks began in September.", "September", "DATE", "2018-09", "month"),
        ("The talks began in December.", "December", "DATE", "2017-12", "month"),
        ("The talks will begin in February.", "February", "DATE", "2019-02", "month"),
        ("The talks began in November.", "November", "DATE", "2018-11", "month"),
        ("The pact was signed in April 2017.", "April 2017", "DATE", "2017-04", "month"),
        ("It was signed on April 18, 2017.", "April 18, 2017", "DATE", "2017-04-18", "day"),
        ("It was signed on 18 April 2017.", "18 April 2017", "DATE", "2017-04-18", "day"),
        ("It was signed on Nov. 2.", "Nov. 2", "DATE", "2018-11-02", "day"),
        ("The file is dated 2018-10-07.", "2018-10-07", "DATE", "2018-10-07", "day"),
        ("The deal dates from 2015.", "2015", "DATE", "2015", "year"),
        ("Prices peaked in the 1970s.", "the 1970s", "DATE", "197", None),
        ("It happened three years ago.", "three years ago", "DATE", "2015", "year"),
        ("Growth stalled over the past ten years.", "the past ten years", "DURATION", "P10Y", None),
        ("It was a 10-day tour.", "10-day", "DURATION", "P10D", None),
        ("They talked for two days.", "two days", "DURATION", "P2D", None),
        ("They meet annually.", "annually", "SET", "P1Y", None),
        ("They meet every year.", "every year", "SET", "P1Y", None),
        ("The pact is now in force.", "now", "DATE", "PRESENT_REF", None),
        ("The pact was recently signed.", "recently", "DATE", "PAST_REF", None),
        ("He may visit sometime in the future.", "sometime in the future", "DATE", "FUTURE_REF", None),
        ("Trump prepares for a summit by June.", "June", "DATE", "2019-06", "month"),
        ("She expects him to visit in March.", "March", "DATE", "2019-03", "month"),
        ("The pact was signed in the spring of 2015.", "the spring of 2015", "DATE", "2015-SP", None),
        ("Profits fell in the third quarter.", "the third quarter", "DATE", "2018-Q3", None),
        ("Profits fell in the third quarter of 2016.", "the third quarter of 2016", "DATE", "2016-Q3", None),
    ],
)
def test_rules(nlp: Language, sentence: str, text: str, kind: str, value: str, granularity: str | None) -> None:
    timex = only(nlp, sentence)
    assert (timex.text, timex.type, timex.value, timex.granularity) == (text, kind, value, granularity)
    assert sentence[timex.start:timex.end] == text


def test_month_anchor_resolves_years_not_days(nlp: Language) -> None:
    assert only(nlp, "Exports fell last year.", "2018-11", "month").value == "2017"
    assert only(nlp, "Exports fell last month.", "2018-11", "month").value == "2018-10"
    assert only(nlp, "Pence arrived on Tuesday.", "2018-11", "month").value is None
    assert only(nlp, "Talks ended last week.", "2018", "year").value is None


def test_past_quarter_after_anchor_month_is_last_years(nlp: Language) -> None:
    assert only(nlp, "Profits fell in the fourth quarter.", "2018-02-10").value == "2017-Q4"
    assert only(nlp, "Profits will rise in the fourth quarter.", "2018-02-10").value == "2018-Q4"


def test_undated_article_keeps_absolute_values(nlp: Language) -> None:
    found = timexes_of(nlp, make_article("On Tuesday he recalled January 2017 and the 1970s, not last year."))
    assert [(t.text, t.value) for t in found] == [
        ("Tuesday", None), ("January 2017", "2017-01"), ("the 1970s", "197"), ("last year", None)
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(["on", "Tuesday", "’s", "Nov.", "13", ",", "2018", "last", "week", "the", "1950-53",
                                       "’80s", "in", "May", "we", "$69", "-", "10-day", "ago", "three", "years", "\n"]),
                      max_size=14))
def test_date_soup_offsets_exact(nlp: Language, words: list[str]) -> None:
    text = " ".join(words)
    for timex in timexes_of(nlp, make_article(text, published="2018-11-13")):
        assert text[timex.start:timex.end] == timex.text and timex.text.strip() == timex.text


@pytest.mark.parametrize(
    "sentence",
    [
        "We may see the deficit reach $69 billion.",
        "He said we would march on.",
        "About 2000 people met 13 officials.",
        "It was a 12-nation pact worth two-thirds of trade.",
    ],
)
def test_no_false_dates(nlp: Language, sentence: str) -> None:
    assert timexes_of(nlp, make_article(sentence, published="2018-11-13")) == ()


def test_odd_text_does_not_crash(nlp: Language) -> None:
    for text in ["", "   ", "{{#rendered}} ___ ?", "Feb 30, 2018 and 2018-02-30 and Nov. 31", "’s 's on in"]:
        article = make_article(text, published="2018-02-28")
        for timex in timexes_of(nlp, article):
            assert text[timex.start:timex.end] == timex.text


# --- value helpers ------------------------------------------------------------------------


def test_date_sort_key_orders_mixed_values() -> None:
    values = ["2018-11-13", "2018-W45", "197", "2018", "2018-11", "2017-SU", "2018-Q3", "1950"]
    ordered = sorted(values, key=lambda v: date_sort_key(v) or "")
    assert ordered == ["1950", "197", "2017-SU", "2018", "2018-Q3", "2018-11", "2018-W45", "2018-11-13"]
    assert date_sort_key("P10Y") is None and date_sort_key("PRESENT_REF") is None


def test_value_bounds() -> None:
    assert value_bounds("2018-W45") == (date(2018, 11, 5), date(2018, 11, 11))
    assert value_bounds("2018-02") == (date(2018, 2, 1), date(2018, 2, 28))
    assert value_bounds("197") == (date(1970, 1, 1), date(1979, 12, 31))
    assert value_bounds("2018-Q4") == (date(2018, 10, 1), date(2018, 12, 31))
    assert value_bounds("P2D") is None


# --- properties ---------------------------------------------------------------------------

anchors = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(anchor=anchors, weekday=st.sampled_from(WEEKDAYS))
def test_past_weekday_within_a_week_before_anchor(nlp: Language, anchor: date, weekday: str) -> None:
    timex = only(nlp, f"Officials met on {weekday}.", anchor.isoformat())
    assert timex.value is not None
    resolved = date.fromisoformat(timex.value)
    assert anchor - timedelta(days=6) <= resolved <= anchor
    assert WEEKDAYS[resolved.weekday()] == weekday


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(anchor=anchors, month=st.sampled_from(MONTHS))
def test_past_month_within_a_year_before_anchor(nlp: Language, anchor: date, month: str) -> None:
    timex = only(nlp, f"The talks began in {month}.", anchor.isoformat())
    assert timex.value is not None and timex.granularity == "month"
    year, number = map(int, timex.value.split("-"))
    months_back = (anchor.year - year) * 12 + anchor.month - number
    assert 0 <= months_back < 12 and number == MONTHS.index(month) + 1


@settings(max_examples=100, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_written_dates_round_trip(day: date) -> None:
    iso = day.isoformat()
    written = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    assert normalise_date_string(written) == (iso, "day")
    assert normalise_date_string(f"{iso}T09:30:00+08:00") == (iso, "day")
    assert normalise_date_string(f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}") == (iso, "day")
    numeric = normalise_date_string(f"{day.day:02d}/{day.month:02d}/{day.year}")
    assert numeric == ((iso, "day") if day.day > 12 or day.day == day.month else (str(day.year), "year"))
