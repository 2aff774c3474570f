"""Quote extraction: seed gold list, scare quotes, offsets, and small hand-made cases."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from conftest import make_article
from storyline.extract.quotes import extract_quotes
from storyline.extract.quotes_marks import find_quoted_spans
from storyline.models import Article, Quote

# (seed file prefix, first words of the direct quote, expected speaker_text ending)
SEED_GOLD: list[tuple[str, str, str]] = [
    ("000", "American products and services", "Pence"),
    ("000", "best opportunity for free", "Pence"),
    ("000", "forward to discussions", "Pence"),
    ("000", "We are grateful Mr. Prime Minister", "Pence"),
    ("000", "there is no longer a Nuclear Threat", "Trump"),
    ("000", "remains very significant", "Bermudez"),
    ("000", "What we found were", "Bermudez"),
    ("000", "make sure that the public", "Bermudez"),
    ("000", "nothing new in the report", "Kim Eui-kyeom"),
    ("000", "the final, fully verified", "Pence"),
    ("000", "The United States, Japan, and the world", "Pence"),
    ("001", "Under President Trump’s leadership", "Pence"),
    ("001", "We seek trade that is free", "Pence"),
    ("001", "a thing in the past", "Pence"),
    ("001", "a bilateral framework for setting", "joint statement"),
    ("001", "new page", "Aso"),
    ("001", "The economic relations", "Aso"),
    ("001", "should generate concrete results", "joint statement"),
    ("001", "It’s a little bit too early", "Ross"),
    ("001", "We made good progress", "Ross"),
    ("002", "We're reviewing all of our trade agreements", "Pence"),
    ("003", "We will have a fully coordinated", "Pompeo"),
    ("003", "We will bring up the issue", "Pompeo"),
    ("003", "to make sure we understand", "Pompeo"),
    ("004", "have agreed to intensify", "Trump"),
    ("004", "The U.S. is committed", "Trump"),
    ("004", "is the best for both countries", "Abe"),
    ("004", "Based on that position", "Abe"),
    ("004", "I don’t want to go back into TPP", "Trump"),
    ("004", "But I like bilateral better", "Trump"),
    ("004", "massive trade deficit with Japan", "Trump"),
    ("004", "That would certainly be", "Trump"),
    ("004", "And I would be looking", "Trump"),
    ("004", "one of the truly most important", "Trump"),
    ("004", "families reunited", "Trump"),
    ("004", "will work very hard", "Trump"),
    ("004", "The situation surrounding North Korea", "Abe"),
    ("004", "past mistakes should never", "Abe"),
    ("004", "On this point, President Trump and I", "Abe"),
    ("004", "Just because North Korea", "Abe"),
    ("004", "‘Maximum pressure’ should", "Abe"),
    ("004", "there could be a possible path", "Abe"),
]

SeedQuotes = dict[str, tuple[Article, tuple[Quote, ...]]]

SCARE_QUOTES: list[tuple[str, str]] = [
    ("000", "model"),
    ("001", "America First"),
    ("002", "America First"),
    ("003", "dire threat"),
    ("004", "golf diplomacy"),
]


def _quotes_for(nlp: Language, text: str) -> tuple[Article, tuple[Quote, ...]]:
    article = make_article(text)
    return article, extract_quotes(article, nlp(text))


@pytest.fixture(scope="module")
def seed_quotes(nlp: Language, seed_raw_texts: dict[str, str]) -> SeedQuotes:
    """Quotes of every seed, keyed by the three-digit file prefix."""
    return {name[:3]: _quotes_for(nlp, text) for name, text in seed_raw_texts.items()}


def _direct_starting(quotes: tuple[Quote, ...], words: str) -> Quote | None:
    found = [q for q in quotes if q.kind == "direct" and q.text.startswith(words)]
    return found[0] if found else None


def test_seed_gold_quotes_are_found_with_their_speakers(seed_quotes: SeedQuotes) -> None:
    missing, wrong = [], []
    for prefix, words, speaker in SEED_GOLD:
        quote = _direct_starting(seed_quotes[prefix][1], words)
        if quote is None:
            missing.append((prefix, words))
        elif quote.speaker_text is None or not quote.speaker_text.endswith(speaker):
            wrong.append((prefix, words, quote.speaker_text))
    assert not missing, missing
    assert not wrong, wrong
    assert len(SEED_GOLD) >= 20


def test_seed_full_name_speaker_kept(seed_quotes: SeedQuotes) -> None:
    quote = _direct_starting(seed_quotes["000"][1], "nothing new in the report")
    assert quote is not None and quote.speaker_text == "Kim Eui-kyeom" and quote.cue == "saying"
    pence = _direct_starting(seed_quotes["000"][1], "American products")
    assert pence is not None and pence.speaker_text == "Pence" and pence.cue == "said"


@pytest.mark.parametrize(("prefix", "phrase"), SCARE_QUOTES)
def test_scare_quotes_are_not_quotes(seed_quotes: dict, prefix: str, phrase: str) -> None:
    article, quotes = seed_quotes[prefix]
    assert phrase in article.text
    assert not [q for q in quotes if q.kind == "direct" and q.text.rstrip(",.") == phrase]


def test_seed_paragraph_split_quote_gives_two_records_same_speaker(seed_quotes: SeedQuotes) -> None:
    quotes = seed_quotes["001"][1]
    first = _direct_starting(quotes, "Under President")
    second = _direct_starting(quotes, "We seek trade")
    assert first is not None and second is not None
    assert first.text.endswith("including Japan.") and "\n" not in first.text
    assert second.text == "We seek trade that is free. We seek trade that is fair"
    assert first.speaker_text == second.speaker_text == "Pence"


def test_seed_indirect_quotes(seed_quotes: SeedQuotes) -> None:
    indirect = {
        (prefix, q.text[:25], q.speaker_text)
        for prefix, (_, quotes) in seed_quotes.items()
        for q in quotes
        if q.kind == "indirect"
    }
    assert ("000", "its markets are open", "Tokyo") in indirect
    assert ("000", "Japan is shipping million", "Trump") in indirect
    assert ("001", "there was a chance that t", "Pence") in indirect
    assert ("003", "he would coordinate close", "Mike Pompeo") in indirect
    assert not any(text.startswith("forward to") for _, text, _ in indirect)
    assert not any(text.startswith("Staff writer") for _, text, _ in indirect)


def test_no_indirect_quote_for_a_cue_used_by_a_direct_one(seed_quotes: SeedQuotes) -> None:
    for _, quotes in seed_quotes.values():
        direct_sentences = {(q.sentence_start, q.cue) for q in quotes if q.kind == "direct"}
        for quote in quotes:
            if quote.kind == "indirect":
                assert (quote.sentence_start, quote.cue) not in direct_sentences, quote


def _assert_offsets(article: Article, quotes: tuple[Quote, ...]) -> None:
    ids = [q.id for q in quotes]
    assert len(ids) == len(set(ids))
    for quote in quotes:
        assert article.text[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip() and quote.text
        assert quote.id == f"q-{article.id}-{quote.start}"
        assert quote.sentence_start <= quote.start < quote.end <= quote.sentence_end
        if quote.speaker_text is not None:
            assert quote.speaker_start is not None and quote.speaker_end is not None
            assert article.text[quote.speaker_start : quote.speaker_end] == quote.speaker_text
        else:
            assert quote.speaker_start is None and quote.speaker_end is None


def test_seed_offsets_and_ids(seed_quotes: SeedQuotes) -> None:
    total = 0
    for article, quotes in seed_quotes.values():
        _assert_offsets(article, quotes)
        for quote in quotes:
            assert not re.search(r"^[\"“”]|[\"“”]$", quote.text), quote.text
        total += len(quotes)
    assert total > 60


def _one(quotes: tuple[Quote, ...], words: str) -> Quote:
    found = [q for q in quotes if q.text.startswith(words)]
    assert len(found) == 1, (words, quotes)
    return found[0]


def test_split_quote_around_attribution(nlp: Language) -> None:
    text = '"We will win this election," Maria Lopez said on Monday, "and we will win it by a wide margin."'
    article, quotes = _quotes_for(nlp, text)
    _assert_offsets(article, quotes)
    first, second = _one(quotes, "We will win"), _one(quotes, "and we will")
    assert first.text == "We will win this election"
    assert second.text == "and we will win it by a wide margin."
    assert first.speaker_text == second.speaker_text == "Maria Lopez"


def test_curly_and_straight_marks_agree(nlp: Language) -> None:
    straight = 'Farmers are angry. "Prices have fallen for three years in a row," said Jones.'
    curly = straight.replace(' "', " “").replace(',"', ",”")
    for text in (straight, curly):
        article, quotes = _quotes_for(nlp, text)
        _assert_offsets(article, quotes)
        quote = _one(quotes, "Prices")
        assert quote.text == "Prices have fallen for three years in a row"
        assert quote.kind == "direct" and quote.speaker_text == "Jones" and quote.cue == "said"


def test_unbalanced_marks_do_not_hide_other_quotes(nlp: Language) -> None:
    text = (
        'The pipe was 5” long and the plan was "bad.\n\n'
        '"We are ready to start the work tomorrow morning," Jones said.\n\n'
        'A stray mark " sits here.'
    )
    article, quotes = _quotes_for(nlp, text)
    _assert_offsets(article, quotes)
    quote = _one(quotes, "We are ready")
    assert quote.speaker_text == "Jones"
    assert not [q for q in quotes if q.kind == "direct" and "sits here" in q.text]


def test_paragraph_continuation(nlp: Language) -> None:
    text = (
        "After the vote, Senator Ana Ruiz said: “We have waited for this moment for a very long time.\n\n"
        "“Now the hard work of governing begins for all of us,” she said.\n\n"
        "“Nobody should expect miracles in the first year of the new government.”\n\n"
        "Opposition leaders were not impressed by the speech.\n\n"
        "“It is a sad day for the whole country and its people.”"
    )
    article, quotes = _quotes_for(nlp, text)
    _assert_offsets(article, quotes)
    opening = _one(quotes, "We have waited")
    assert opening.text.endswith("a very long time.")
    assert opening.speaker_text == "Ana Ruiz"
    assert _one(quotes, "Now the hard work").speaker_text == "Ana Ruiz"
    assert _one(quotes, "Nobody should expect").speaker_text == "Ana Ruiz"
    assert _one(quotes, "It is a sad day").speaker_text is None


def test_pronoun_resolves_to_latest_subject(nlp: Language) -> None:
    text = (
        "Tom Baker met Peter Smith in Paris on Monday. Smith praised the agreement. "
        '"It is a good day for the workers of both countries," he said.'
    )
    article, quotes = _quotes_for(nlp, text)
    _assert_offsets(article, quotes)
    quote = _one(quotes, "It is a good day")
    assert quote.speaker_text == "Smith"
    assert quote.speaker_start == text.index("Smith praised")


def test_pronoun_respects_honorific_gender(nlp: Language) -> None:
    text = (
        "Mr Baker met Mrs Jones in Paris on Monday. Mrs Jones thanked Mr Baker for the visit. "
        '"We are ready to sign the deal this week," he said.'
    )
    _, quotes = _quotes_for(nlp, text)
    assert _one(quotes, "We are ready").speaker_text == "Baker"


def test_title_resolves_to_the_name_that_carried_it(nlp: Language) -> None:
    text = (
        "Prime Minister Shinzo Abe met President Donald Trump in Florida. "
        '"We agree on almost everything that matters to our people," the prime minister said.'
    )
    _, quotes = _quotes_for(nlp, text)
    assert _one(quotes, "We agree").speaker_text == "Shinzo Abe"


def test_according_to_and_inverted_attribution(nlp: Language) -> None:
    text = (
        'The new plan is "a complete disaster for the whole region," according to Jones.\n\n'
        '"We found nothing unusual at the site," said Maria Lopez.'
    )
    _, quotes = _quotes_for(nlp, text)
    according = _one(quotes, "a complete disaster")
    assert according.speaker_text == "Jones" and according.cue == "according to"
    assert _one(quotes, "We found nothing").speaker_text == "Maria Lopez"


def test_short_quote_with_cue_is_kept_without_cue_is_dropped(nlp: Language) -> None:
    text = (
        'The so-called "peace dividend" never came.\n\n'
        'Asked about the talks, Smith said they were "going well."\n\n'
        '"Absolutely," Jones said.\n\n'
        'Smith described the old treaty as "a relic."'
    )
    _, quotes = _quotes_for(nlp, text)
    texts = {q.text: q.speaker_text for q in quotes if q.kind == "direct"}
    assert "peace dividend" not in texts
    assert texts.get("going well.") == "Smith"
    assert texts.get("Absolutely") == "Jones"
    assert texts.get("a relic.") == "Smith"


def test_institution_speaker_keeps_noun_phrase(nlp: Language) -> None:
    text = 'The State Department said the visit was "a useful exchange of views on trade."'
    _, quotes = _quotes_for(nlp, text)
    assert _one(quotes, "a useful exchange").speaker_text == "State Department"


def test_indirect_quote_span_is_reported_clause(nlp: Language) -> None:
    text = "Smith said that the company would cut 300 jobs next year."
    article, quotes = _quotes_for(nlp, text)
    _assert_offsets(article, quotes)
    assert [(q.kind, q.text, q.speaker_text, q.cue) for q in quotes] == [
        ("indirect", "the company would cut 300 jobs next year", "Smith", "said")
    ]


def test_pairing_marks_directly() -> None:
    text = '“Open and closed,” he said. "Straight" and ‘single’ and “never closed\n\nnext'
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Open and closed", "Straight", "never closed"]
    assert spans[-1].close_mark is None


def test_a_straight_mark_spaced_off_after_punctuation_closes_the_open_quote() -> None:
    text = '"You can\'t call it arson yet, " Owen said. "There was no lightning. " A mark 5 " from the edge.'
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["You can't call it arson yet", "There was no lightning."]


def test_a_quote_left_open_at_a_sentence_end_and_opened_again_is_two_quotes() -> None:
    text = 'He rode in. "There were burning cars. "Otherwise, it was an empty city. " Later he left.'
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["There were burning cars.", "Otherwise, it was an empty city."]
    assert spans[0].close_mark is None


_WORDS = st.sampled_from(
    ["Smith", "said", "he", "the", "plan", "is", "good", "according", "to", "told", "us", "Ali***", "WHO"]
)
_MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "'", "''", "–", ",", ".", ":", "\n", "\n\n"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_WORDS, _MARKS), max_size=40))
def test_never_raises_on_random_marks(nlp: Language, pieces: list[str]) -> None:
    text = " ".join(pieces)
    article, quotes = _quotes_for(nlp, text)
    _assert_offsets(article, quotes)
    for span in find_quoted_spans(text):
        assert 0 <= span.start < span.end <= len(text)
