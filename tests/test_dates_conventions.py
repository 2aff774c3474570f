"""TIMEX3 conventions added for TempEval-3, and the report's labels for undated articles' bounds."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import make_article
from spacy.language import Language

from storyline.dates import extract_timexes
from storyline.dates.spelled import spelled_year
from storyline.models import Timex
from storyline.report.terminal import date_span, published_label, undated_label


def timexes(nlp: Language, text: str, published: str = "1989-10-30") -> dict[str, Timex]:
    """Timexes of a one-sentence article, keyed by their text."""
    article = make_article(text, published=published, granularity="day")
    return {t.text: t for t in extract_timexes(article, nlp(article.text))}


@pytest.mark.parametrize(("words", "year"), [
    ("nineteen ninety-six", 1996), ("nineteen seventy-nine", 1979), ("two thousand", 2000),
    ("two thousand and one", 2001), ("nineteen hundred", 1900), ("nineteen apples", None),
])
def test_spelled_years(words: str, year: int | None) -> None:
    assert spelled_year(words) == year


def test_spelled_year_is_found_in_transcripts(nlp: Language) -> None:
    found = timexes(nlp, "Keating was convicted in nineteen ninety-one, in the winter of nineteen ninety-four.")
    assert found["nineteen ninety-one"].value == "1991"
    assert found["the winter of nineteen ninety-four"].value == "1994-WI"


def test_two_thousand_people_is_not_a_year(nlp: Language) -> None:
    assert "two thousand" not in timexes(nlp, "Police said two thousand people marched.")


def test_every_year_of_a_range_or_list_is_a_timex(nlp: Language) -> None:
    found = timexes(nlp, "Doctors declined between 1982 and 1992, and Greece joined in 1952, 1955 and 1982.")
    assert {text: t.value for text, t in found.items() if text.isdigit()} == {
        "1982": "1982", "1992": "1992", "1952": "1952", "1955": "1955"}
    assert sum(t.text == "1982" for t in found.values()) >= 1
    assert "1500" not in timexes(nlp, "Between 1500 and 2000 people attended.")


def test_year_ended_is_a_one_year_period(nlp: Language) -> None:
    found = timexes(nlp, "Net income for the year ended Aug. 31 rose, and the full year looks good.")
    assert (found["the year"].type, found["the year"].value) == ("DURATION", "P1Y")
    assert found["the full year"].value == "1989"


def test_current_and_the_future_are_references(nlp: Language) -> None:
    found = timexes(nlp, "The current chairman said prices may rise in the future.")
    assert found["current"].value == "PRESENT_REF"
    assert found["the future"].value == "FUTURE_REF"


def test_year_ago_quarter_is_last_years_quarter(nlp: Language) -> None:
    found = timexes(nlp, "Profit rose from the year-ago third quarter and may rise in next year's first quarter.")
    assert found["the year-ago third quarter"].value == "1988-Q3"
    assert found["next year's first quarter"].value == "1990-Q1"


def test_year_earlier_after_year_ago_means_the_same_year(nlp: Language) -> None:
    found = timexes(nlp, "It earned $5 million in 1989, against a loss a year ago. Sales were $3 million a year earlier.")
    assert found["a year ago"].value == "1988"
    assert found["a year earlier"].value == "1988"


def test_infinitive_under_past_verb_is_not_forced_into_the_past(nlp: Language) -> None:
    found = timexes(nlp, "NATO has decided to admit Poland in early March.", published="1999-02-10")
    assert found["early March"].value == "1999-03"


def test_extended_deadline_is_ahead(nlp: Language) -> None:
    found = timexes(nlp, "The offer was extended to Nov. 16.", published="1989-10-30")
    assert found["Nov. 16"].value == "1989-11-16"


def _article(published: dict[str, Any]) -> dict[str, Any]:
    return {"id": "a", "published": {"date": None, "granularity": None, "source": None} | published}


def test_undated_labels_show_bounds() -> None:
    assert undated_label("2017-01", None) == "undated (after Jan 2017)"
    assert undated_label(None, "2018-03-05") == "undated (before 5 Mar 2018)"
    assert undated_label("2017", "2018-03") == "undated (2017 – Mar 2018)"
    assert undated_label(None, None) == "undated"
    assert published_label(_article({"earliest": "2017-01"})) == "undated (after Jan 2017)"
    assert published_label(_article({"date": "2018-11-13", "granularity": "day", "earliest": "2017"})) == "13 Nov 2018"


def test_story_span_of_undated_articles_uses_shared_bounds() -> None:
    both = [_article({"earliest": "2017-01"}), _article({"earliest": "2016-05", "latest": "2018"})]
    assert date_span(both) == "undated (after May 2016)"
    assert date_span([_article({}), _article({"earliest": "2017"})]) == "undated"
