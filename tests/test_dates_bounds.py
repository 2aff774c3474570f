"""Tests for issue 4: publication-date sources and confidence, new timex rules, cross-article bounds."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import pytest
from conftest import make_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from storyline.dates import extract_timexes, publication_date
from storyline.dates.anaphora import shift_value
from storyline.dates.bounds import (
    bounds_digest,
    bounds_digest_from_json,
    bounds_digest_to_json,
    date_bounds,
    name_keys,
    stem,
    with_bounds,
)
from storyline.export import build_document, load_schema
from storyline.ingest import read_paths
from storyline.models import AnalyzedArticle, Article, CleanDocument, Published, Timex
from storyline.pipeline import analyze_parsed, derive, prepare_article
from storyline.store import Store
from storyline.timeline.events import build_timeline

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def timexes(nlp: Language, text: str, published: str | None = "2018-11-13") -> tuple[Timex, ...]:
    return extract_timexes(make_article(text, published=published), nlp(text))


def values(nlp: Language, text: str, published: str | None = "2018-11-13") -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in timexes(nlp, text, published)]


def analyze(nlp: Language, article: Article) -> AnalyzedArticle:
    return analyze_parsed(article, nlp(article.text))


# --- publication date sources ---------------------------------------------------------------


def document(path: str, text: str = "Body.", header: dict[str, str] | None = None,
             meta: str | None = None) -> CleanDocument:
    return CleanDocument(path, text, None, None, meta, header or {})


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("in/2018-10-07-pompeo.txt", "Body.", ("2018-10-07", "filename", 0.6)),
        ("20181007_x.html", "Body.", ("2018-10-07", "filename", 0.6)),
        ("feed.zip!2018_10_07.txt", "Body.", ("2018-10-07", "filename", 0.6)),
        ("2018-10-07-x.txt", "TOKYO, Nov. 14, 2018 (Reuters) - Talks.", ("2018-11-14", "text", 0.8)),
        ("2018-10-07-x.txt", "Pence in Tokyo, Nov. 13, 2018.", ("2018-10-07", "filename", 0.6)),
        ("notes.txt", "Pence in Tokyo, Nov. 13, 2018.", ("2018-11-13", "text", 0.5)),
        ("000_99cd908009cf3662.txt", "Body.", (None, None, 0.0)),
        ("2018-02-30-bad.txt", "Body.", (None, None, 0.0)),
    ],
)
def test_source_order_and_confidence(path: str, text: str, expected: tuple[str | None, str | None, float]) -> None:
    published = publication_date(document(path, text), "a")
    assert (published.date, published.source, published.confidence) == expected


def test_header_and_metadata_beat_file_name() -> None:
    assert publication_date(document("2018-10-07-x.txt", header={"date": "2018-01-02"}), "a").source == "header"
    from_meta = publication_date(document("2018-10-07-x.txt", meta="2018-03-04T10:00:00Z"), "a")
    assert (from_meta.date, from_meta.source, from_meta.confidence) == ("2018-03-04", "metadata", 0.9)


def test_jsonl_published_is_the_document_creation_date(nlp: Language, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "Officials met on Tuesday. Exports fell last month.",
                                "published": "2018-11-15T08:00:00Z"}) + "\n", encoding="utf-8")
    raw = next(item for item in read_paths([str(feed)]))
    article = prepare_article(raw)  # type: ignore[arg-type]
    assert (article.published.date, article.published.source) == ("2018-11-15", "metadata")
    found = {t.text: t.value for t in analyze(nlp, article).timexes}
    assert found == {"Tuesday": "2018-11-13", "last month": "2018-10"}


# --- new timex rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The vote closed at 9 a.m.", [("9 a.m.", "2018-11-13T09:00")]),
        ("Polls closed at 10:35 p.m. EST Monday.", [("10:35 p.m. EST Monday", "2018-11-12T22:35")]),
        ("They met at noon Friday.", [("noon Friday", "2018-11-09T12:00")]),
        ("He arrived this morning.", [("this morning", "2018-11-13TMO")]),
        ("Fighting resumed last night.", [("last night", "2018-11-12TNI")]),
        ("The pact was signed on May 3, 2015, and two days later it was void.",
         [("May 3, 2015", "2015-05-03"), ("two days later", "2015-05-05")]),
        ("The pact was signed in 2015. The following year it collapsed.",
         [("2015", "2015"), ("The following year", "2016")]),
        ("Profit rose in the third quarter. A year earlier it fell.",
         [("the third quarter", "2018-Q3"), ("A year earlier", "2017-Q3")]),
        ("Third-quarter profit rose 5%.", [("Third-quarter", "2018-Q3")]),
        ("Profit rose in the third quarter, up from a year ago.",
         [("the third quarter", "2018-Q3"), ("a year ago", "2017-Q3")]),
        ("Exports fell a year ago.", [("a year ago", "2017")]),
        ("Sales rose in fiscal 2017.", [("fiscal 2017", "2017")]),
        ("It was signed on Sept. 27, 1989.", [("Sept. 27, 1989", "1989-09-27")]),
        ("The paper said in an editorial on Monday, Nov. 12:", [("Monday, Nov. 12", "2018-11-12")]),
        ("Talks ended six weeks ago.", [("six weeks ago", "2018-W40")]),
        ("The feud lasted two decades.", [("two decades", "P20Y")]),
        ("The 6-year-old boy and his 52 years old father left.", []),
    ],
)
def test_new_rules(nlp: Language, sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert values(nlp, sentence) == expected


def test_relative_to_previous_timex_needs_a_reference(nlp: Language) -> None:
    assert values(nlp, "Two days later the pact was void.") == [("Two days later", None)]
    assert values(nlp, "He left in 2015 and came back two days later.") == [("2015", "2015"), ("two days later", None)]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The team planned to leave Nairobi on Thursday.", "2018-11-15"),
        ("The group could come as soon as Friday.", "2018-11-16"),
        ("The dividend is payable Dec. 7.", "2018-12-07"),
        ("Officials met on Thursday.", "2018-11-08"),
    ],
)
def test_tense_cues(nlp: Language, sentence: str, value: str) -> None:
    (timex,) = timexes(nlp, sentence)
    assert timex.value == value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(anchor=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
       weekday=st.sampled_from(WEEKDAYS), part=st.sampled_from(["morning", "night", "evening"]))
def test_past_weekday_part_never_after_publication(nlp: Language, anchor: date, weekday: str, part: str) -> None:
    (timex,) = timexes(nlp, f"Officials met on {weekday} {part}.", anchor.isoformat())
    assert timex.value is not None and timex.type == "TIME"
    resolved = date.fromisoformat(timex.value[:10])
    assert anchor - timedelta(days=6) <= resolved <= anchor


@given(value=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       count=st.integers(min_value=-400, max_value=400))
def test_shift_value_days_round_trip(value: date, count: int) -> None:
    shifted = shift_value(value.isoformat(), count, "day")
    assert shifted is not None
    assert shift_value(shifted[0], -count, "day") == (value.isoformat(), "day")


def test_shift_value_precision() -> None:
    assert shift_value("1989-Q3", -1, "year") == ("1988-Q3", None)
    assert shift_value("2018-11-13", 1, "year") == ("2019", "year")
    assert shift_value("2018-11", 2, "month") == ("2019-01", "month")
    assert shift_value("2018", 2, "day") is None


# --- cross-article bounds -------------------------------------------------------------------


def test_name_keys_and_stems() -> None:
    assert {"trans-pacific partnership", "tpp"} <= name_keys("the Trans-Pacific Partnership", "LAW")
    assert "trump" in name_keys("Donald Trump", "PERSON")
    assert {stem("withdrawal"), stem("withdrew"), stem("withdrawing")} == {"withdraw"}


IDS = {"dated": "d" * 16, "past": "a" * 16, "future": "b" * 16, "own": "c" * 16, "unrelated": "e" * 16}


def _story(nlp: Language) -> list[AnalyzedArticle]:
    dated = make_article(
        "Japan had hoped Washington would return to the Trans-Pacific Partnership, which Trump pulled out of "
        "in January 2017. Abe met Trump in Tokyo.", published="2018-11-13", article_id=IDS["dated"])
    past = make_article("Following Trump's decision to withdraw from the TPP, Tokyo and Washington may talk.",
                        article_id=IDS["past"])
    future = make_article("Trump will withdraw from the TPP, Tokyo and Washington officials fear.",
                          article_id=IDS["future"])
    own = make_article("The company was founded in March 2016. It will open a plant in 2030.", article_id=IDS["own"])
    unrelated = make_article("Trump said the weather in Washington was fine.", article_id=IDS["unrelated"])
    return [analyze(nlp, a) for a in (dated, past, future, own, unrelated)]


def test_date_bounds_from_events_and_own_dates(nlp: Language) -> None:
    bounds = date_bounds(_story(nlp))
    assert bounds == {
        IDS["past"]: ("2017-01", None),
        IDS["future"]: (None, "2017-01"),
        IDS["own"]: ("2016-03", None),
        IDS["unrelated"]: (None, None),
    }


def test_bounds_digests_round_trip_and_change_nothing(nlp: Language) -> None:
    analyzed = _story(nlp)
    digests = {}
    for item in analyzed:
        digest = bounds_digest(item)
        digests[item.article.id] = back = bounds_digest_from_json(item.article.id, bounds_digest_to_json(digest))
        assert back == digest
        assert bool(digest.events) == (item.article.id == IDS["dated"])
    assert date_bounds(analyzed, digests) == date_bounds(analyzed)


def test_seed_undated_articles_get_bounds(nlp: Language, seed_paths: list[Path]) -> None:
    analyzed = [analyze(nlp, prepare_article(raw)) for raw in read_paths([str(p) for p in seed_paths])]  # type: ignore[arg-type]
    by_name = {Path(a.article.path).name[:3]: a.article.id for a in analyzed}
    bounds = date_bounds(analyzed)
    assert set(bounds) == {by_name["001"], by_name["002"]}
    assert bounds[by_name["001"]] == ("2017-01", None)
    assert bounds[by_name["002"]] == ("2017-01", None)
    undated = next(a for a in analyzed if a.article.id == by_name["001"])
    assert all(t.value is None for t in undated.timexes if t.text in ("Tuesday", "last year"))
    timeline = build_timeline(analyzed)
    tpp = [e for e in timeline if "pulled out of in January 2017" in e.text]
    assert tpp and all(e.date == "2017-01" for e in tpp), "anchored to the event, not the publication date"


def test_bounds_stored_exported_and_used(nlp: Language, db_location: str | Path) -> None:
    analyzed = _story(nlp)
    dated = analyzed[0].article
    analyzed[0] = replace(analyzed[0], article=replace(dated, published=replace(dated.published, confidence=0.95)))
    with Store(db_location) as store:
        store.add_batch(analyzed)
        store.replace_derived(derive(store.load_analyzed()))
        loaded = {name: a.published for a in store.load_articles() for name, i in IDS.items() if a.id == i}
        document_ = build_document(store.load_analyzed(), store.load_derived())
    assert (loaded["past"].earliest, loaded["past"].latest) == ("2017-01", None)
    assert (loaded["future"].earliest, loaded["future"].latest) == (None, "2017-01")
    assert loaded["dated"].confidence == 0.95 and loaded["dated"].earliest is None
    jsonschema.validate(document_, load_schema())
    published = {a["id"]: a["published"] for a in document_["articles"]}
    assert published[IDS["own"]]["earliest"] == "2016-03" and published[IDS["own"]]["date"] is None


def test_events_after_latest_bound_are_plans_not_events(nlp: Language) -> None:
    item = analyze(nlp, make_article("Trump met Abe in January 2017. They meet again in March 2019.",
                                     article_id="u"))
    dates = {e.date for e in build_timeline([item])}
    assert {"2017-01", "2019-03"} <= dates
    bounded = with_bounds(item, (None, "2018-06"))
    assert bounded.article.published == Published(latest="2018-06")
    assert {e.date for e in build_timeline([bounded])} == {"2017-01"}
