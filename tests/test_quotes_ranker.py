"""The learned speaker fallback: names near a quote the rules leave without a speaker (our own sentences)."""

from __future__ import annotations

import math

from conftest import direct_speaker
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from storyline.extract import quotes_ranker
from storyline.extract.quotes import extract_quotes
from storyline.models import Article, Published

MAYOR = (
    "Dana Whitfield, the mayor, said the town would need federal help. \u201cThe river took four bridges,\u201d "
    "she said.\nThe county engineers arrived on Tuesday with new surveys of the damage along the valley.\n"
    "\u201cWe will rebuild every bridge that the river took from us this spring, and we will build them higher "
    "than before, so that the next flood finds them ready.\u201d\n"
)
NOBODY = (
    "Heavy rain fell across Marin County for a third day.\nThe valley has flooded four times since 1990.\n"
    "\u201cEvery household within two hundred metres of the river must keep sandbags ready from October "
    "until April each year.\u201d\n"
)


def _quotes(nlp: Language, text: str) -> list:
    article = Article(id="a", path="a", title=None, url=None, text=text, published=Published())
    return [q for q in extract_quotes(article, nlp(text)) if q.kind == "direct"]


def test_a_long_standalone_quote_goes_to_the_person_quoted_just_before(nlp: Language) -> None:
    assert direct_speaker(nlp, MAYOR, "We will rebuild every bridge") == "Dana Whitfield"
    quote = _quotes(nlp, MAYOR)[-1]
    assert MAYOR[quote.speaker_start : quote.speaker_end] == quote.speaker_text  # the cited span


def test_the_fallback_is_what_gives_that_speaker(nlp: Language, monkeypatch) -> None:
    monkeypatch.setattr(quotes_ranker, "THRESHOLD", 2.0)
    assert direct_speaker(nlp, MAYOR, "We will rebuild every bridge") is None


def test_a_quote_with_only_a_place_nearby_keeps_no_speaker(nlp: Language) -> None:
    assert direct_speaker(nlp, NOBODY, "Every household within") is None


def test_the_fallback_never_replaces_a_speaker_the_rules_gave(nlp: Language) -> None:
    first = _quotes(nlp, MAYOR)[0]
    assert first.speaker_text == "Dana Whitfield" and first.cue == "said"


def test_candidates_are_the_names_outside_quotes_with_one_feature_each(nlp: Language) -> None:
    doc = nlp(MAYOR)
    quotes = _quotes(nlp, MAYOR)
    names = quotes_ranker.candidates(doc, quotes[-1], [(q.start - 1, q.end + 1) for q in quotes], quotes)
    assert [c.text for c in names] == ["Dana Whitfield"]
    assert all(len(c.features) == len(quotes_ranker.FEATURE_NAMES) == len(quotes_ranker.WEIGHTS) for c in names)


ROW = st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=len(quotes_ranker.WEIGHTS), max_size=len(quotes_ranker.WEIGHTS))


@given(st.lists(ROW, max_size=8))
def test_choices_are_probabilities_that_leave_room_for_nobody(rows: list[list[float]]) -> None:
    chances = quotes_ranker.choice_probabilities(rows)
    assert len(chances) == len(rows)
    assert all(0.0 <= c <= 1.0 and not math.isnan(c) for c in chances) and sum(chances) < 1.0 + 1e-9
