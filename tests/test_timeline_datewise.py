"""DATEWISE options of the timeline (bounds, day-only, lead sentences, story focus), summary size,
and the scoring helpers of the timeline and summary benchmarks."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_benchmark, make_article
from spacy.language import Language

from storyline.models import AnalyzedArticle, Timex
from storyline.nlp import sentences_of
from storyline.timeline import build_story
from storyline.timeline.events import (
    TimelineOptions,
    build_timeline,
    in_bounds,
    is_event_like,
)

GRANULARITY = {10: "day", 7: "month", 4: "year"}


def analyzed(nlp: Language, text: str, published: str, article_id: str, *timexes: tuple[str, str]) -> AnalyzedArticle:
    """spaCy sentences plus DATE timexes given as (phrase, value), each at its first occurrence."""
    article = make_article(text, published, article_id)
    built = []
    for phrase, value in timexes:
        start = text.index(phrase)
        built.append(Timex(article_id, start, start + len(phrase), phrase, "DATE", value,
                           GRANULARITY[len(value)]))  # type: ignore[arg-type]
    return AnalyzedArticle(article, sentences_of(nlp(text)), (), tuple(built), (), ())


@pytest.fixture(scope="module")
def strike(nlp: Language) -> AnalyzedArticle:
    text = (
        "Dock workers walked out at the port of Valencia on 3 March 2022 over pay and hours. "
        "The dock strike spread to the port of Bilbao in April 2022 as talks failed. "
        "Port owners and the dock union signed a pay deal for port workers on 9 May 2022 in Madrid. "
        "A local choir gave a concert in the old church on 9 May 2022 for charity."
    )
    return analyzed(nlp, text, "2022-05-10", "strike", ("3 March 2022", "2022-03-03"),
                    ("April 2022", "2022-04"), ("9 May 2022", "2022-05-09"),
                    ("9 May 2022 for", "2022-05-09"))


def test_date_bounds_and_day_only(strike: AnalyzedArticle) -> None:
    assert [e.date for e in build_timeline([strike], sentences_per_date=1)] == ["2022-03-03", "2022-04", "2022-05-09"]
    bounded = build_timeline([strike], options=TimelineOptions(start="2022-04-01", end="2022-05-31"))
    assert [e.date for e in bounded] == ["2022-04", "2022-05-09", "2022-05-09"]
    day_only = build_timeline([strike], sentences_per_date=1, options=TimelineOptions(day_only=True))
    assert [e.date for e in day_only] == ["2022-03-03", "2022-05-09"]
    assert in_bounds("2022-04", TimelineOptions(start="2022-04-30", end="2022-04-30"))
    assert not in_bounds("2022-03-31", TimelineOptions(start="2022-04-01"))
    assert not in_bounds("2023", TimelineOptions(end="2022-12-31"))


def test_on_story_sentence_beats_an_aside_on_the_same_date(strike: AnalyzedArticle) -> None:
    (entry,) = [e for e in build_timeline([strike], sentences_per_date=1) if e.date == "2022-05-09"]
    assert entry.text.startswith("Port owners and the dock union signed")


def test_lead_sentences_go_on_the_publication_day_only_when_asked(nlp: Language) -> None:
    text = (
        "Rescue teams pulled twelve miners alive from the flooded shaft near Oviedo. "
        "The shaft had flooded on 2 June 2023 after heavy rain. "
        "Mining unions called for an inquiry into safety at the Oviedo shaft."
    )
    item = analyzed(nlp, text, "2023-06-05", "mine", ("2 June 2023", "2023-06-02"))
    assert [e.date for e in build_timeline([item])] == ["2023-06-02"]
    with_leads = build_timeline([item], options=TimelineOptions(lead_sentences=1))
    assert [(e.date, e.text[:20]) for e in with_leads] == [("2023-06-02", "The shaft had floode"),
                                                           ("2023-06-05", "Rescue teams pulled ")]
    bounded = build_timeline([item], options=TimelineOptions(lead_sentences=1, end="2023-06-04"))
    assert [e.date for e in bounded] == ["2023-06-02"]


def test_event_like_sentences() -> None:
    assert is_event_like("Police used water cannons against thousands of protesters on Friday.")
    assert not is_event_like("Is it clear how big a role the online world played on Tuesday ?")
    assert not is_event_like("ANDERSON : You are both making very good points tonight , thank you .")
    assert not is_event_like("CARL AZUZ , CNN ANCHOR : Protests in Egypt and a music megastar tonight .")
    assert not is_event_like("It rained Monday.")
    assert not is_event_like("word " * 61)


def test_story_summary_stays_within_three_to_eight(nlp: Language) -> None:
    sentences = [f"The regional council number {n} approved a new flood defence plan for the river town of "
                 f"Alzira{n} after a long debate." for n in range(12)]
    sentences = [s.replace("flood defence plan", topic) for s, topic in zip(sentences, [
        "flood defence plan", "school budget", "tram line", "housing scheme", "water tariff", "bus route",
        "park renovation", "library closure", "tax rebate", "port expansion", "bridge repair", "museum grant"],
        strict=True)]
    item = analyzed(nlp, " ".join(sentences), "2020-01-02", "council")
    assert len(build_story("s", [item], summary_sentences=20).summary) == 8
    assert len(build_story("s", [item], summary_sentences=1).summary) == 3
    assert len(build_story("s", [item], summary_sentences=5).summary) == 5


def test_t17_gold_reader_splits_concatenated_timelines(tmp_path: Path) -> None:
    t17 = load_benchmark("t17_timelines")
    gold = tmp_path / "gold.txt"
    gold.write_text(
        '2009-04-27\n"[\'First case confirmed .\']"\n' + "-" * 32 + "\n"
        '2009-04-28\n"[\'Second .\', ""It \'s spreading ."" ]"\n' + "-" * 32 + "\n"
        '2009-03-18\n"[\'Another timeline starts .\']"\n' + "-" * 32 + "\n",
        encoding="utf-8",
    )
    first, second = t17.read_gold(gold)
    assert [d.isoformat() for d in first] == ["2009-04-27", "2009-04-28"]
    assert list(first.values())[1] == ["Second .", "It 's spreading ."]
    assert [d.isoformat() for d in second] == ["2009-03-18"]
    lines = t17.lines_of("  One line .\n\nTwo  \n")
    assert [(x.text, x.start, x.end) for x in lines] == [("One line .", 2, 12), ("Two", 14, 17)]


def test_duc_rouge_recall_and_byte_truncation() -> None:
    duc = load_benchmark("duc2004_summary")
    plain = duc.tokenizer(stem=False)
    references = ["the cat sat on the mat", "a cat was sitting"]
    assert duc.rouge_recall("the cat sat", references, 1, plain) == pytest.approx(4 / 10)
    assert duc.rouge_recall("the cat sat", references, 2, plain) == pytest.approx(2 / 8)
    assert duc.rouge_recall("", references, 1, plain) == 0.0
    assert duc.truncate_bytes("é" * 400) == "é" * 332
    assert len(duc.truncate_bytes("x" * 1000).encode()) == 665
