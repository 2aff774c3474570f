"""Claims beyond the value: ranges, scope, cue, relative periods, relative clauses, and the notes that explain them."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES_DIR, make_article
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from storyline.extract.claims import extract_claims
from storyline.extract.claims_context import resolve_relative_year, scope_of
from storyline.extract.claims_numbers import RANGE_RE, parse_range
from storyline.ingest import read_paths
from storyline.models import Claim, Published, Timex
from storyline.pipeline import analyze_articles, prepare_article
from storyline.timeline.disagreements import find_disagreements

TRADE = "trade balance:JP-US"


def _claims(nlp: Language, text: str, published: str | None = None, timexes: tuple[Timex, ...] = ()) -> list[Claim]:
    article = make_article(text, published=published)
    return list(extract_claims(article, nlp(article.text), timexes))


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("10-15%", 10, 15, "percent"),
        ("between 3 and 5 million", 3e6, 5e6, "count"),
        ("$3-5 billion", 3e9, 5e9, "USD"),
        ("3 to 5 percent", 3, 5, "percent"),
        ("$3 billion to $5 billion", 3e9, 5e9, "USD"),
    ],
)
def test_parse_range(text: str, low: float, high: float, unit: str) -> None:
    parsed = parse_range(text)
    assert parsed is not None and (parsed.value, parsed.upper, parsed.unit) == (low, high, unit)


@pytest.mark.parametrize("text", ["1950-53", "3-2", "15-10%", "pages 4-7"])
def test_bare_pairs_are_not_ranges(text: str) -> None:
    matches = [m.group(0) for m in RANGE_RE.finditer(text)]
    assert all(parse_range(m) is None for m in matches)


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_percent_ranges_round_trip(low: int, width: int) -> None:
    parsed = parse_range(f"{low}-{low + width}%")
    assert parsed is not None and parsed.value == low and parsed.upper == low + width


def test_range_claims_in_text(nlp: Language) -> None:
    claims = _claims(nlp, "Tariffs on Japanese cars could rise by 10-15% next year, officials said.")
    ranged = [c for c in claims if c.upper is not None]
    assert [(c.text, c.value, c.upper, c.unit) for c in ranged] == [("10-15%", 10.0, 15.0, "percent")]


def test_scope_of_trade_figures() -> None:
    assert scope_of("U.S. goods trade deficit with Japan", TRADE, "") == "goods"
    assert scope_of("gap", TRADE, "a broader measure that also counts trade in services puts the gap at") == (
        "goods and services"
    )
    assert scope_of("U.S. trade deficit with Japan", TRADE, "which is about $69 billion on goods alone") == "goods"
    assert scope_of("U.S. trade deficit with Asia", "trade balance:US", "") == "with Asia"
    assert scope_of("missile bases", "missile base:KP", "goods and services") is None


def test_relative_year_uses_date_or_agreeing_bounds() -> None:
    assert resolve_relative_year("last year", Published("2017-04-18", "day", "header")) == "2016"
    assert resolve_relative_year("next year", Published("2018", "year", "header")) == "2019"
    assert resolve_relative_year("last year", Published(earliest="2017-02", latest="2017-06")) == "2016"
    assert resolve_relative_year("last year", Published(earliest="2016-12", latest="2017-06")) is None
    assert resolve_relative_year("last year", Published()) is None
    assert resolve_relative_year("in June", Published("2017-04-18", "day", "header")) is None


def test_undated_last_year_is_kept_as_written(nlp: Language) -> None:
    text = "The U.S. saw a $68.9 billion trade deficit with Japan last year."
    start = text.index("last year")
    timex = Timex("x", start, start + 9, "last year", "DATE", None, None)
    (claim,) = _claims(nlp, text, timexes=(timex,))
    assert (claim.period, claim.period_text, claim.measure_key) == (None, "last year", TRADE)


def test_cue_and_claimant(nlp: Language) -> None:
    claims = _claims(
        nlp, "Pyongyang has acknowledged abducting 13 Japanese, while Tokyo maintains North Korea abducted 17."
    )
    assert [(c.value, c.claimant, c.cue) for c in claims] == [
        (13, "Pyongyang", "acknowledge"),
        (17, "Tokyo", "maintain"),
    ]


def test_relative_clause_figure_is_the_writers(nlp: Language) -> None:
    text = "Trump has repeatedly criticized Japan's goods trade surplus with the United States, which stands at about $69 billion."
    (claim,) = _claims(nlp, text)
    assert (claim.measure_key, claim.claimant, claim.scope) == (TRADE, None, "goods")
    assert "surplus" in claim.measure


def test_put_it_at_resolves_the_pronoun(nlp: Language) -> None:
    text = "Trump has long complained about the U.S. trade deficit with Japan and has repeatedly put it at around $100 billion a year."
    (claim,) = _claims(nlp, text)
    assert (claim.value, claim.measure_key, claim.claimant, claim.cue) == (1e11, TRADE, "Trump", "put")


def test_according_to_names_the_organisation(nlp: Language) -> None:
    text = (
        "The U.S. goods trade deficit with Japan was $68.9 billion in 2016, according to U.S. Commerce Department data."
    )
    (claim,) = _claims(
        nlp, text, timexes=(Timex("x", text.index("2016"), text.index("2016") + 4, "2016", "DATE", "2016", "year"),)
    )
    assert (claim.claimant, claim.cue, claim.period, claim.scope) == (
        "U.S. Commerce Department",
        "according to",
        "2016",
        "goods",
    )


def test_subscription_price_is_not_a_claim(nlp: Language) -> None:
    assert _claims(nlp, "Get unlimited digital access for $1 a week. Cancel anytime.") == []


def _claim(cid: str, article: str, value: float, **fields: object) -> Claim:
    base: dict[str, object] = {
        "id": cid,
        "article_id": article,
        "start": 0,
        "end": 1,
        "text": "x",
        "value": value,
        "unit": "USD",
        "measure": "U.S. trade deficit with Japan",
        "measure_key": TRADE,
        "period": None,
        "claimant": None,
        "sentence_start": 0,
        "sentence_end": 1,
    }
    base.update(fields)
    return Claim(**base)  # type: ignore[arg-type]


def test_note_explains_scope_claimants_and_cues() -> None:
    claims = [
        _claim("a", "a1", 68.9e9, scope="goods", claimant="Commerce Department", cue="according to"),
        _claim("b", "a2", 68.9e9, scope="goods", claimant="U.S. Commerce Department", cue="according to"),
        _claim("c", "a3", 56.6e9, scope="goods and services", claimant="U.S. government estimates"),
        _claim("d", "a4", 100e9, claimant="Trump", cue="put"),
    ]
    (found,) = find_disagreements(claims, {})
    assert "Different scope: $56.6 billion counts goods and services; $68.9 billion counts goods only." in found.note
    assert "Trump puts it at $100 billion" in found.note
    assert "U.S. Commerce Department gives $68.9 billion" in found.note and " Commerce Department and" not in found.note


def test_note_resolves_last_year_by_bounds() -> None:
    claims = [
        _claim("a", "undated", 68.9e9, period_text="last year"),
        _claim("b", "dated", 56.1e9, period="2017"),
    ]
    published = {"undated": Published(earliest="2017-03", latest="2017-05"), "dated": Published("2018-04-18", "day")}
    (found,) = find_disagreements(claims, published)  # type: ignore[arg-type]
    assert found.note.startswith("$56.1 billion refers to 2017; $68.9 billion refers to 2016.")


@pytest.fixture(scope="module")
def demo_disagreements() -> dict[str, str]:
    folder = EXAMPLES_DIR / "us-japan-trade"
    if not folder.is_dir():
        pytest.skip("demo corpus missing")
    articles = [prepare_article(raw) for raw in read_paths([str(folder)]) if not hasattr(raw, "message")]
    analyzed = list(analyze_articles(articles))
    claims = [c for a in analyzed for c in a.claims]
    published = {a.article.id: a.article.published for a in analyzed}
    return {d.measure_key: d.note for d in find_disagreements(claims, published)}


def test_demo_corpus_trade_disagreement(demo_disagreements: dict[str, str]) -> None:
    note = demo_disagreements[TRADE]
    assert "$56.6 billion counts goods and services" in note
    assert "$69 billion and $68.9 billion are within 0.2%: the same figure rounded." in note
    assert "Trump puts it at $100 billion" in note
