"""Numeric claims (extract/claims.py) and disagreements (timeline/disagreements.py), on the seeds and small cases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from conftest import make_article
from storyline.extract.claims import extract_claims
from storyline.extract.claims_measure import countries_in
from storyline.extract.claims_numbers import parse_count, parse_fraction, parse_money, parse_percent, words_to_number
from storyline.models import Article, Claim, Published, Timex
from storyline.timeline.disagreements import find_disagreements, format_value

SEED_PUBLISHED: dict[str, str | None] = {
    "000": "2018-11-13", "001": None, "002": None, "003": "2018-10-07", "004": "2018-04-19",
}
TRADE = "trade balance:JP-US"
ABDUCTED = "abducted:JP-by-KP"
# (seed prefix, value, unit, measure_key) for every numeric claim a careful reader would list.
GOLD: tuple[tuple[str, float, str, str], ...] = (
    ("000", 69e9, "USD", TRADE),
    ("000", 66.67, "percent", "share of " + TRADE),
    ("000", 13, "count", "identified missile base:KP"),
    ("000", 20, "count", "missile base:KP"),
    ("001", 68.9e9, "USD", TRADE),
    ("003", 69e9, "USD", TRADE),
    ("003", 66.67, "percent", "share of " + TRADE),
    ("004", 56.1e9, "USD", TRADE),
    ("004", 13, "count", ABDUCTED),
    ("004", 17, "count", ABDUCTED),
    ("004", 5, "count", "returned:JP"),
    ("004", 8, "count", "die:KP"),
    ("004", 4, "count", "enter:KP"),
    ("004", 3, "count", "americans:US"),
)


def _claims_for(nlp: Language, article: Article, timexes: tuple[Timex, ...] = ()) -> tuple[Claim, ...]:
    return extract_claims(article, nlp(article.text), timexes)


def _one_claim(nlp: Language, text: str) -> Claim:
    claims = _claims_for(nlp, make_article(text))
    assert len(claims) == 1, [(c.text, c.value) for c in claims]
    return claims[0]


def _last_year_timex(article: Article) -> tuple[Timex, ...]:
    start = article.text.index("last year")
    return (Timex(article.id, start, start + len("last year"), "last year", "DATE", "2017", "year"),)


@pytest.fixture(scope="module")
def seed_articles(seed_raw_texts: dict[str, str]) -> dict[str, Article]:
    return {name[:3]: make_article(text, published=SEED_PUBLISHED[name[:3]]) for name, text in seed_raw_texts.items()}


@pytest.fixture(scope="module")
def seed_claims(nlp: Language, seed_articles: dict[str, Article]) -> dict[str, tuple[Claim, ...]]:
    found = {}
    for prefix, article in seed_articles.items():
        timexes = _last_year_timex(article) if prefix == "001" else ()
        found[prefix] = _claims_for(nlp, article, timexes)
    return found


def test_seed_claims_match_gold(seed_claims: dict[str, tuple[Claim, ...]]) -> None:
    found = {(p, round(c.value, 2), c.unit, c.measure_key) for p, cs in seed_claims.items() for c in cs}
    gold = {(p, round(v, 2), u, k) for p, v, u, k in GOLD}
    misses, extras = gold - found, found - gold
    print("missed:", sorted(misses), "\nspurious:", sorted(extras))
    assert len(gold & found) / len(found) >= 0.8
    assert len(gold & found) / len(gold) >= 0.8


def test_seed_claims_cite_their_text(seed_articles: dict[str, Article], seed_claims: dict[str, tuple[Claim, ...]]) -> None:
    for prefix, claims in seed_claims.items():
        text = seed_articles[prefix].text
        for claim in claims:
            assert text[claim.start : claim.end] == claim.text
            assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
            assert claim.id == f"c-{claim.article_id}-{claim.start}"


def test_no_claims_for_participants_ages_durations_dates_labels(seed_claims: dict[str, tuple[Claim, ...]]) -> None:
    texts = [c.text for cs in seed_claims.values() for c in cs]
    for rejected in ("two", "5", "10", "1950", "53", "2", "12", "2018", "one", "millions", "billions of dollars"):
        assert rejected not in texts
    assert all("S$95" not in t for t in texts)


def test_seed_measures_periods_claimants(seed_claims: dict[str, tuple[Claim, ...]]) -> None:
    by_text = {(p, c.text): c for p, cs in seed_claims.items() for c in cs}
    assert by_text[("000", "$69 billion")].measure == "Japan's trade surplus with the United States"
    assert by_text[("000", "$69 billion")].claimant == "Trump"
    assert by_text[("004", "$56.1 billion")].measure == "U.S. trade deficit with Japan"
    assert by_text[("004", "$56.1 billion")].claimant == "Trump"
    assert by_text[("001", "$68.9 billion")].period == "2017"
    assert by_text[("001", "$68.9 billion")].measure == "U.S. trade deficit with Japan"
    assert by_text[("003", "US$69 billion")].period is None
    assert by_text[("004", "13")].claimant == "Pyongyang"
    assert by_text[("004", "17")].claimant == "Tokyo"
    assert by_text[("004", "17")].measure == "Japanese abducted by North Korea"
    bases = by_text[("000", "at least 13")]
    assert bases.approximate and "missile bases inside North Korea" in bases.measure
    assert by_text[("000", "an estimated 20")].approximate
    assert by_text[("000", "nearly two-thirds")].value == pytest.approx(66.67)


def test_seed_disagreements(seed_articles: dict[str, Article], seed_claims: dict[str, tuple[Claim, ...]]) -> None:
    published = {a.id: a.published for a in seed_articles.values()}
    found = find_disagreements([c for cs in seed_claims.values() for c in cs], published)
    by_key = {d.measure_key: d for d in found}
    trade = by_key[TRADE]
    assert len({cid.split("-")[1] for cid in trade.claim_ids}) == 4
    assert list(trade.claim_ids) == sorted(trade.claim_ids)
    assert "rounded" in trade.note and "0.2%" in trade.note
    assert "April 2018" in trade.note and "October and November 2018" in trade.note
    abducted = by_key[ABDUCTED]
    assert "Pyongyang" in abducted.note and "Tokyo" in abducted.note
    assert "share of " + TRADE not in by_key  # both articles say two-thirds
    assert found == find_disagreements(list(reversed([c for cs in seed_claims.values() for c in cs])), published)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Exports reached $1.2 trillion in the period.", 1.2e12, "USD"),
        ("The ministry set aside ¥500 million for the program.", 5e8, "JPY"),
        ("The company paid €20 million in fines.", 2e7, "EUR"),
        ("The club spent £3bn on wages.", 3e9, "GBP"),
        ("Tokyo pledged 500 million yen in aid.", 5e8, "JPY"),
        ("The economy grew 3.5% in the quarter.", 3.5, "percent"),
        ("Unemployment fell by 5 percent among young workers.", 5, "percent"),
        ("Floods displaced 2 million people in the region.", 2e6, "count"),
        ("Police arrested 1,250 protesters overnight.", 1250, "count"),
    ],
)
def test_small_cases_values_and_units(nlp: Language, text: str, value: float, unit: str) -> None:
    claim = _one_claim(nlp, text)
    assert claim.value == pytest.approx(value)
    assert claim.unit == unit


def test_parenthetical_and_or_conversions_are_not_claims(nlp: Language) -> None:
    claim = _one_claim(nlp, "Japan's US$69 billion (S$95 billion) trade surplus with the US angers Washington.")
    assert (claim.value, claim.unit, claim.measure_key) == (69e9, "USD", TRADE)
    claim = _one_claim(nlp, "The fund holds $10 billion, or about ¥1.1 trillion, in bonds.")
    assert claim.unit == "USD"


def test_trade_balance_keys_agree_across_wordings(nlp: Language) -> None:
    surplus = _one_claim(nlp, "China's $375 billion trade surplus with the United States grew.")
    deficit = _one_claim(nlp, "The U.S. trade deficit with China hit $375 billion, officials said.")
    assert surplus.measure_key == "trade balance:CN-US"
    assert deficit.measure_key == "trade balance:CN-US"
    assert deficit.claimant == "officials"


def test_skips_vague_and_structural_numbers(nlp: Language) -> None:
    text = ("The two leaders met for a 10-day visit. The No. 2 official said one of the plants, built in "
            "1998, employs thousands of people and could bring billions of dollars.")
    assert _claims_for(nlp, make_article(text)) == ()


def test_claimant_and_period_from_the_tree(nlp: Language) -> None:
    article = make_article("Seoul said Pyongyang fired 12 missiles in 2017.")
    start = article.text.index("2017")
    timex = Timex(article.id, start, start + 4, "2017", "DATE", "2017", "year")
    (claim,) = _claims_for(nlp, article, (timex,))
    assert claim.claimant == "Seoul"
    assert claim.period == "2017"
    assert claim.value == 12


def test_said_on_a_date_is_not_the_period(nlp: Language) -> None:
    article = make_article("On Tuesday, officials said the deficit was $20 billion.")
    start = article.text.index("Tuesday")
    timex = Timex(article.id, start, start + 7, "Tuesday", "DATE", "2018-11-13", "day")
    (claim,) = _claims_for(nlp, article, (timex,))
    assert claim.period is None


def test_number_parsers() -> None:
    assert parse_money("US$69 billion") is not None and parse_money("US$69 billion").value == 69e9  # type: ignore[union-attr]
    assert parse_money("at least $3.5bn").approximate  # type: ignore[union-attr]
    assert parse_percent("nearly two-thirds").value == pytest.approx(66.67)  # type: ignore[union-attr]
    assert parse_fraction("one in five") == 20.0
    assert parse_count("an estimated 20").approximate  # type: ignore[union-attr]
    assert parse_count("thousands") is None
    assert words_to_number("twenty-five thousand") == 25000
    assert countries_in("the U.S. and Pyongyang, not North America") == ("US", "KP")


def test_format_value() -> None:
    assert format_value(68.9e9, "USD") == "$68.9 billion"
    assert format_value(5e8, "JPY") == "¥500 million"
    assert format_value(13, "count") == "13"
    assert format_value(95e9, "SGD") == "SGD 95 billion"


def _claim(cid: str, article: str, value: float, claimant: str | None = None, period: str | None = None) -> Claim:
    return Claim(cid, article, 0, 1, "x", value, "USD", "deficit", "k", period, claimant, 0, 1)


def test_disagreement_rules_on_small_cases() -> None:
    published = {"a": Published("2018-01-05", "day"), "b": Published("2019-03-02", "day")}
    same = find_disagreements([_claim("c1", "a", 100.0), _claim("c2", "b", 100.4)], published)
    assert same == ()
    periods = find_disagreements([_claim("c1", "a", 10e9, period="2016"), _claim("c2", "b", 12e9, period="2017")], published)
    assert periods[0].note.startswith("$10 billion refers to 2016; $12 billion refers to 2017.")
    one_voice = find_disagreements([_claim("c1", "a", 5.0), _claim("c2", "a", 7.0)], published)
    assert one_voice == ()
    dated = find_disagreements([_claim("c2", "b", 7.0), _claim("c1", "a", 5.0)], published)
    assert dated[0].claim_ids == ("c1", "c2")
    assert "5 was cited in January 2018, 7 in March 2019" in dated[0].note.replace("$", "")


def test_claimant_verbs_agree_with_plural_claimants() -> None:
    published = {"a": Published("2018-01-05", "day"), "b": Published("2018-01-06", "day")}
    claims = [_claim("c1", "a", 56.1e9, claimant="U.S. government estimates"), _claim("c2", "b", 69e9, "Tokyo")]
    note = find_disagreements(claims, published)[0].note
    assert "U.S. government estimates give $56.1 billion; Tokyo gives $69 billion" in note
    assert "estimates gives" not in note
    cases = (("Officials", "give"), ("many people", "give"), ("Reuters", "gives"), ("the ministry", "gives"))
    for claimant, verb in cases:
        claims = [_claim("c1", "a", 5.0, claimant=claimant), _claim("c2", "b", 7.0, "Tokyo")]
        assert f"{claimant} {verb} $5;" in find_disagreements(claims, published)[0].note


NEWSY_WORDS = st.sampled_from(
    ["the", "deficit", "rose", "$", "US$", "¥", "%", "percent", "billion", "million", "Japan", "said",
     "at least", "nearly", "two-thirds", "of", "(", ")", "-", "No.", "5-year-old", ",", ".", "\n", "one"]
)
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(str),
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda f: f"{f:.1f}"),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(NEWSY_WORDS, NUMBERS, st.text(max_size=6)), min_size=1, max_size=25))
def test_claims_cite_exact_text_on_random_input(nlp: Language, words: list[str]) -> None:
    article = make_article(" ".join(words))
    for claim in _claims_for(nlp, article):
        assert article.text[claim.start : claim.end] == claim.text
        assert claim.value == claim.value  # not NaN
