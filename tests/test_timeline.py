"""Timeline, summary, title and Story assembly, on the seeds and on small cases."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from spacy.language import Language

from conftest import make_article
from storyline.models import AnalyzedArticle, Article, Mention, Timex, TimelineEntry
from storyline.nlp import mentions_of, sentences_of
from storyline.text_similarity import content_terms, fit_tfidf, sparse_cosine_matrix, sparse_tfidf_matrix
from storyline.timeline import build_story, build_timeline, story_title, summarize
from storyline.timeline.events import event_date, is_caption, is_noun_modifier
from storyline.timeline.summary import words_outside_quotes

SEED_PUBLISHED = {"000": "2018-11-13", "003": "2018-10-07", "004": "2018-04-19"}

# (phrase, occurrence, type, value, granularity): what the dates stage should produce for the seeds.
SEED_TIMEXES: dict[str, list[tuple[str, int, str, str | None, str | None]]] = {
    "000": [
        ("Tuesday, Nov. 13, 2018", 0, "DATE", "2018-11-13", "day"),
        ("Tuesday, Nov. 13, 2018", 1, "DATE", "2018-11-13", "day"),
        ("Tuesday", 2, "DATE", "2018-11-13", "day"),
        ("January 2017", 0, "DATE", "2017-01", "month"),
        ("in September", 0, "DATE", "2018-09", "month"),
        ("Nov. 12, 2018", 0, "DATE", "2018-11-12", "day"),
        ("last week", 0, "DATE", "2018-W45", None),
        ("in June", 0, "DATE", "2018-06", "month"),
        ("the last ten years", 0, "DURATION", "P10Y", None),
    ],
    "003": [
        ("yesterday", 0, "DATE", "2018-10-06", "day"),
        ("yesterday", 1, "DATE", "2018-10-06", "day"),
        ("today", 0, "DATE", "2018-10-07", "day"),
        ("last month", 0, "DATE", "2018-09", "month"),
        ("tomorrow", 0, "DATE", "2018-10-08", "day"),
        ("in June", 0, "DATE", "2018-06", "month"),
        ("Recently", 0, "DATE", "PAST_REF", None),
        ("1950-53", 0, "DATE", "1950", "year"),
    ],
    "004": [
        ("on Wednesday", 0, "DATE", "2018-04-18", "day"),
        ("two days", 0, "DURATION", "P2D", None),
        ("last year", 0, "DATE", "2017", "year"),
        ("Wednesday morning", 0, "TIME", "2018-04-18TMO", "day"),
        ("by June", 0, "DATE", "2018-06", "month"),
        ("Wednesday", 2, "DATE", "2018-04-18", "day"),
        ("the 1970s", 0, "DATE", "197", None),
        ("2002", 0, "DATE", "2002", "year"),
    ],
}


def clean_seed(raw: str) -> str:
    """Minimal stand-in for the ingest stage: drop the date header line and template junk."""
    raw = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s+", "", raw)
    lines = [line for line in raw.splitlines() if "{{" not in line and line.strip() != "___"]
    return "\n".join(lines).strip()


def timex_at(article: Article, phrase: str, occurrence: int, kind: str, value: str | None, gran: str | None) -> Timex:
    """A hand-built Timex for the ``occurrence``-th appearance of ``phrase`` in the article."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(phrase, start + 1)
    return Timex(article.id, start, start + len(phrase), phrase, kind, value, gran)  # type: ignore[arg-type]


def analyze(nlp: Language, article: Article, timexes: tuple[Timex, ...] = ()) -> AnalyzedArticle:
    """Sentences and mentions from spaCy plus the given timexes."""
    doc = nlp(article.text)
    return AnalyzedArticle(article, sentences_of(doc), mentions_of(article.id, doc), timexes, (), ())


def dated(nlp: Language, text: str, published: str | None, article_id: str, *timexes: tuple[str, str]) -> AnalyzedArticle:
    """A small analysed article with DATE timexes given as (phrase, value)."""
    article = make_article(text, published, article_id)
    granularity = {10: "day", 7: "month", 4: "year"}
    built = tuple(timex_at(article, p, 0, "DATE", v, granularity.get(len(v))) for p, v in timexes)
    return analyze(nlp, article, built)


@pytest.fixture(scope="module")
def seeds(nlp: Language, seed_paths: list[Path]) -> list[AnalyzedArticle]:
    """The five seeds, analysed, with hand-built timexes and header publication dates."""
    analyzed = []
    for path in seed_paths:
        key = path.name[:3]
        article = make_article(clean_seed(path.read_text(encoding="utf-8")), SEED_PUBLISHED.get(key), path.stem)
        timexes = tuple(timex_at(article, *spec) for spec in SEED_TIMEXES.get(key, []))
        analyzed.append(analyze(nlp, article, timexes))
    return analyzed


def text_of(analyzed: list[AnalyzedArticle], article_id: str) -> str:
    return next(item.article.text for item in analyzed if item.article.id == article_id)


def assert_citations_match(analyzed: list[AnalyzedArticle], entries: tuple[TimelineEntry, ...]) -> None:
    for entry in entries:
        assert entry.citations
        for citation in entry.citations:
            assert text_of(analyzed, citation.article_id)[citation.start : citation.end] == entry.text


# --- timeline on the seeds -------------------------------------------------------------------------


def test_seed_timeline_is_chronological_and_spans_the_story(seeds: list[AnalyzedArticle]) -> None:
    timeline = build_timeline(seeds)
    dates = [entry.date for entry in timeline]
    assert dates == sorted(dates)
    assert dates[0] == "2017"
    assert dates[-1].startswith("2018-11")
    assert {"2017-01", "2018-04-18", "2018-09", "2018-10-06"} <= set(dates)
    assert_citations_match(seeds, timeline)
    granularity_by_length = {4: "year", 7: "month", 10: "day"}
    assert all(entry.granularity == granularity_by_length[len(entry.date)] for entry in timeline)


def test_seed_timeline_never_repeats_and_respects_limits(seeds: list[AnalyzedArticle]) -> None:
    for max_dates, per_date in [(12, 2), (3, 1), (5, 2), (2, 3)]:
        timeline = build_timeline(seeds, max_dates=max_dates, sentences_per_date=per_date)
        texts = [entry.text for entry in timeline]
        assert len(texts) == len(set(texts))
        per_date_counts = {d: sum(1 for e in timeline if e.date == d) for d in {e.date for e in timeline}}
        assert len(per_date_counts) == min(max_dates, len(per_date_counts)) <= max_dates
        assert max(per_date_counts.values()) <= per_date
    assert len({entry.date for entry in build_timeline(seeds, max_dates=3)}) == 3
    assert build_timeline(seeds, max_dates=0) == ()


def test_seed_timeline_places_events_on_the_right_dates(seeds: list[AnalyzedArticle]) -> None:
    timeline = build_timeline(seeds)
    by_text = {entry.text: entry for entry in timeline}
    september = next(e for e in timeline if e.text == "Abe and Trump began trade talks in September.")
    assert (september.date, september.granularity) == ("2018-09", "month")
    lead_004 = next(text for text in by_text if text.startswith("Prime Minister Shinzo Abe and U.S. President"))
    assert by_text[lead_004].date == "2018-04-18"
    pompeo_lead = next(text for text in by_text if "Pompeo said yesterday" in text)
    assert by_text[pompeo_lead].date == "2018-10-06"
    dates = {entry.date for entry in timeline}
    # noun-modifier years, captions, ISO weeks and PAST_REF never become events
    assert not dates & {"1950", "2002", "2018-11-12", "197"}
    assert not any("W" in value or "REF" in value for value in dates)
    assert not any("second right" in entry.text or "wave before" in entry.text for entry in timeline)


def test_seed_timeline_is_deterministic_under_permutation(seeds: list[AnalyzedArticle]) -> None:
    first = build_timeline(seeds)
    assert build_timeline(seeds) == first
    assert build_timeline(list(reversed(seeds))) == first


# --- timeline on small cases -----------------------------------------------------------------------


def test_event_goes_on_the_event_date_not_the_publication_date(nlp: Language) -> None:
    item = dated(
        nlp,
        "The airline filed for bankruptcy protection on 2 January 2019, its chief executive said. "
        "Flights continued as normal on Monday.",
        "2020-03-10",
        "air",
        ("2 January 2019", "2019-01-02"),
    )
    timeline = build_timeline([item])
    assert [(e.date, e.granularity) for e in timeline] == [("2019-01-02", "day")]
    assert timeline[0].text.startswith("The airline filed for bankruptcy")


def test_near_identical_sentences_from_two_articles_appear_once(nlp: Language) -> None:
    first = dated(nlp, "Storms closed the main port of Valencia on 3 March 2019, officials said.",
                  "2019-03-04", "a1", ("3 March 2019", "2019-03-03"))
    second = dated(nlp, "Storms closed the main port of Valencia on March 3, 2019, port officials said on Monday.",
                   "2019-03-05", "b2", ("March 3, 2019", "2019-03-03"))
    timeline = build_timeline([first, second], sentences_per_date=2)
    assert len(timeline) == 1
    assert timeline[0].citations[0].article_id == "a1"


def test_identical_sentence_in_two_articles_gets_both_citations(nlp: Language) -> None:
    text = "Parliament approved the budget on 12 May 2021 after a long debate."
    first = dated(nlp, text, "2021-05-13", "wire-a", ("12 May 2021", "2021-05-12"))
    second = dated(nlp, "Other news first. " + text, "2021-05-13", "wire-b", ("12 May 2021", "2021-05-12"))
    timeline = build_timeline([second, first])
    assert len(timeline) == 1
    assert [c.article_id for c in timeline[0].citations] == ["wire-a", "wire-b"]
    assert_citations_match([first, second], timeline)


def test_long_sentences_and_captions_are_skipped(nlp: Language) -> None:
    long_sentence = "On 4 June 2020 the council " + " ".join(["met"] * 70) + "."
    caption = "The mayor, second right, visits the flooded square in Alzira, Spain, June 4, 2020."
    item = dated(nlp, long_sentence + "\n" + caption + "\nThe mayor resigned in July 2020 after the vote.",
                 "2020-08-01", "c", ("4 June 2020", "2020-06-04"), ("June 4, 2020", "2020-06-04"),
                 ("July 2020", "2020-07"))
    assert [e.date for e in build_timeline([item])] == ["2020-07"]


def test_top_dates_are_the_best_attested(nlp: Language) -> None:
    item = dated(
        nlp,
        "The strike began on 1 March 2022. Talks broke down in April 2022. "
        "Unions marched again in April 2022 in the capital. Workers returned on 9 May 2022.",
        "2022-05-10",
        "strike",
        ("1 March 2022", "2022-03-01"),
        ("April 2022", "2022-04"),
        ("9 May 2022", "2022-05-09"),
    )
    second_april = item.article.text.rindex("April 2022")
    extra = Timex("strike", second_april, second_april + 10, "April 2022", "DATE", "2022-04", "month")
    item = dataclasses.replace(item, timexes=item.timexes + (extra,))
    timeline = build_timeline([item], max_dates=1, sentences_per_date=2)
    assert {e.date for e in timeline} == {"2022-04"}
    assert len(timeline) == 2


def test_event_date_rules() -> None:
    def timex(kind: str, value: str | None) -> Timex:
        return Timex("a", 0, 1, "x", kind, value, None)  # type: ignore[arg-type]

    assert event_date(timex("DATE", "2018-11-13")) == ("2018-11-13", "day")
    assert event_date(timex("DATE", "2018-09")) == ("2018-09", "month")
    assert event_date(timex("DATE", "2017")) == ("2017", "year")
    assert event_date(timex("TIME", "2018-04-18TMO")) == ("2018-04-18", "day")
    for kind, value in [("DATE", "PAST_REF"), ("DATE", "FUTURE_REF"), ("DATE", "2018-W45"), ("DATE", None),
                        ("DURATION", "P2D"), ("SET", "2018"), ("DATE", "2018-13"), ("DATE", "197"),
                        ("TIME", "T10:00")]:
        assert event_date(timex(kind, value)) is None, value


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("He rejected a deal to end the 1950-53 Korean War.", "1950-53", True),
        ("Under 2002’s Pyongyang Declaration, ties could resume.", "2002", True),
        ("Last year's vote was close.", "Last year", True),
        ("Trump pulled out in January 2017.", "January 2017", False),
        ("They met in the 1970s and again later.", "the 1970s", False),
        ("The talks that began in September stalled.", "September", False),
    ],
)
def test_noun_modifier_rule(sentence: str, phrase: str, expected: bool) -> None:
    start = sentence.index(phrase)
    timex = Timex("a", start, start + len(phrase), phrase, "DATE", "2017", "year")
    assert is_noun_modifier(sentence, timex) is expected


def test_caption_rules() -> None:
    caption = "Mike Pence waves at Yokota Air Base in Fussa, Tuesday, Nov. 13, 2018."
    assert is_caption(caption, caption + "\n" + caption)
    assert is_caption(caption, caption)
    doubled = "Mike Pence, second right, and\nMike Pence, second right, and his wife Karen walk."
    assert is_caption(doubled, doubled)
    assert is_caption("Rescuers search the rubble (AP Photo/Jane Doe).", "x")
    body = "Abe and Trump began trade talks in September."
    assert not is_caption(body, body + " More text.")


# --- summary ---------------------------------------------------------------------------------------


def test_seed_summary_is_central_diverse_and_cited(seeds: list[AnalyzedArticle]) -> None:
    summary = summarize(seeds, max_sentences=5)
    assert len(summary) == 5
    for item in summary:
        (citation,) = item.citations
        assert text_of(seeds, citation.article_id)[citation.start : citation.end] == item.text
        assert 8 <= len(item.text.split()) <= 50
        assert words_outside_quotes(item.text) >= 5
        assert not is_caption(item.text, text_of(seeds, citation.article_id))
    terms = [content_terms(item.text) for item in summary]
    similarity = sparse_cosine_matrix(sparse_tfidf_matrix(fit_tfidf(terms), terms))
    assert all(similarity[i, j] <= 0.5 for i in range(5) for j in range(5) if i != j)
    assert len({item.citations[0].article_id for item in summary}) >= 3
    assert any(re.search(r"trade", item.text) for item in summary)


def test_seed_summary_order_and_determinism(seeds: list[AnalyzedArticle]) -> None:
    summary = summarize(seeds, max_sentences=6)
    published = {item.article.id: item.article.published.date for item in seeds}
    keys = [
        (published[c.article_id] is None, published[c.article_id] or "", c.article_id, c.start)
        for c in (item.citations[0] for item in summary)
    ]
    assert keys == sorted(keys)
    assert summarize(list(reversed(seeds)), max_sentences=6) == summary
    assert len(summarize(seeds, max_sentences=3)) == 3
    assert summarize([], max_sentences=3) == ()


def test_summary_skips_quotes_short_sentences_and_captions(nlp: Language) -> None:
    text = (
        "Flood waters rose across the Valencia region on Tuesday, forcing thousands of residents from their homes. "
        "“We have lost everything we had in the house,” she said. "
        "Rain stopped. "
        "Emergency crews rescued dozens of drivers trapped in cars on flooded roads near Ontinyent overnight. "
        "Residents wade through a flooded street in Alzira, Spain, Oct. 23, 2019. "
        "The regional government suspended classes in forty towns and asked people to avoid travel."
    )
    item = analyze(nlp, make_article(text, "2019-10-23", "flood"))
    texts = [entry.text for entry in summarize([item], max_sentences=6)]
    assert texts
    assert all("lost everything" not in t and t != "Rain stopped." and "wade" not in t for t in texts)
    assert texts[0].startswith("Flood waters rose")
    assert texts == sorted(texts, key=text.index)


def test_summary_drops_near_duplicates_and_verbless_lines(nlp: Language) -> None:
    lead = "Flood waters rose across the Valencia region on Tuesday, forcing thousands of residents from their homes."
    twin = "Flood waters rose across the Valencia region on Tuesday, forcing thousands of people from their homes."
    verbless = "A grey morning in the old town of Alzira near Valencia, with its narrow streets."
    rest = (
        " Emergency crews rescued dozens of drivers trapped in cars on flooded roads near Ontinyent overnight."
        " The regional government suspended classes in forty towns and asked people to avoid travel."
    )
    first = analyze(nlp, make_article(lead + rest, "2019-10-22", "a"))
    second = analyze(nlp, make_article(twin + " " + verbless + rest.replace("forty", "fifty"), "2019-10-23", "b"))
    texts = [entry.text for entry in summarize([first, second], max_sentences=6)]
    assert sum(1 for t in texts if t.startswith("Flood waters rose")) == 1
    assert verbless not in texts
    assert len(texts) == len({t[:30] for t in texts})


# --- title and story -------------------------------------------------------------------------------


def test_title_from_names_when_no_article_has_one(seeds: list[AnalyzedArticle]) -> None:
    title = story_title(seeds)
    people, _, places = title.partition(": ")
    assert {"Pence", "Abe", "Trump"} <= set(re.split(r", | and ", people))
    assert "Japan" in places and "United States" in places


def test_title_of_the_most_central_titled_article(seeds: list[AnalyzedArticle], nlp: Language) -> None:
    titled = [dataclasses.replace(s, article=dataclasses.replace(s.article, title=f"Title {s.article.id[:3]}"))
              for s in seeds]
    off_topic = analyze(nlp, make_article("Real Betis beat Sevilla 2-1 in a tense derby on Sunday night.", None, "zz"))
    off_topic = dataclasses.replace(off_topic, article=dataclasses.replace(off_topic.article, title="Derby win"))
    title = story_title(titled + [off_topic])
    assert title.startswith("Title ") and title != "Derby win"
    assert story_title([off_topic]) == "Derby win"
    people_only = [AnalyzedArticle(make_article("x"), (), (Mention("a", 0, 1, "Ana Pastor's", "PERSON"),), (), (), ())]
    assert story_title(people_only) == "Pastor"
    assert story_title([]) == "Untitled story"


def test_build_story_assembles_all_parts(seeds: list[AnalyzedArticle]) -> None:
    story = build_story("s-test", seeds, max_dates=4, sentences_per_date=1, summary_sentences=3)
    assert story.id == "s-test"
    assert story.article_ids == tuple(sorted(item.article.id for item in seeds))
    assert len(story.summary) == 3
    assert len(story.timeline) == 4
    assert story.title == story_title(seeds)
    assert story == build_story("s-test", list(reversed(seeds)), max_dates=4, sentences_per_date=1,
                                summary_sentences=3)


def test_year_range_modifier_and_future_plans_are_not_events() -> None:
    from storyline.timeline.events import is_after_publication, is_noun_modifier

    text = "He declined to end the 1950-53 Korean War."
    start = text.index("1950")
    timex = Timex("x", start, start + 4, "1950", "DATE", "1950", "year")
    assert is_noun_modifier(text, timex)
    assert is_after_publication("2018-10-08", "2018-10-07")
    assert is_after_publication("2019", "2018-11-13")
    assert not is_after_publication("2018-11", "2018-11-13")
    assert not is_after_publication("2018-10-07", "2018-10-07")
    assert not is_after_publication("2030", None)
    tail_start = text.index("53")
    assert is_noun_modifier(text, Timex("x", tail_start, tail_start + 2, "53", "DATE", "1953", "year"))
