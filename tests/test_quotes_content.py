"""Quote content spans (the reported material around a quote) and description speakers."""

from __future__ import annotations

from conftest import make_article
from spacy.language import Language

from storyline.extract.quotes import extract_quotes
from storyline.models import Quote


def _direct(nlp: Language, text: str) -> list[Quote]:
    article = make_article(text)
    return [q for q in extract_quotes(article, nlp(text)) if q.kind == "direct"]


def _content(text: str, quote: Quote) -> str:
    assert quote.content_start is not None and quote.content_end is not None
    return text[quote.content_start : quote.content_end]


def test_partial_quote_content_is_the_reported_clause(nlp: Language) -> None:
    text = "PolitiFact said that Trump's statement about crime was “mostly true” in the end."
    (quote,) = _direct(nlp, text)
    assert quote.text == "mostly true"
    assert _content(text, quote) == "that Trump's statement about crime was “mostly true” in the end"


def test_plain_direct_quote_content_is_the_quote_with_marks(nlp: Language) -> None:
    text = "“We will not back down from this fight,” Senator Jane Smith said on Tuesday."
    (quote,) = _direct(nlp, text)
    assert _content(text, quote) == "“We will not back down from this fight,”"
    assert quote.speaker_text == "Jane Smith"


def test_split_quote_parts_each_have_their_own_content(nlp: Language) -> None:
    text = "“We are ready to talk,” Smith said, “but we will not give up our demands.”"
    first, second = _direct(nlp, text)
    assert _content(text, first) == "“We are ready to talk,”"
    assert _content(text, second) == "“but we will not give up our demands.”"


def test_described_speaker_resolves_to_the_named_person(nlp: Language) -> None:
    text = (
        "Republican presidential nominee Donald Trump visited Ohio on Monday. "
        "Hillary Clinton stayed in New York.\n\n"
        "“We have some big plans for the final month of this campaign,” the Republican nominee said."
    )
    (quote,) = _direct(nlp, text)
    assert quote.speaker_text == "Donald Trump"


def test_according_to_over_a_clause_attributes_the_clause(nlp: Language) -> None:
    text = (
        "More than 5,000 nurses joined a statewide “sick-out” at 300 hospitals on Monday, according to "
        "the Nurses Union of Ohio.\n\n"
        "According to a lawsuit filed by the state, the builders ran a \"decade-long kickback scheme\" "
        "in three counties."
    )
    sick_out, scheme = _direct(nlp, text)
    assert sick_out.speaker_text == "Nurses Union" and sick_out.cue == "according to"
    clause = "More than 5,000 nurses joined a statewide “sick-out” at 300 hospitals on Monday"
    assert _content(text, sick_out) == clause
    assert scheme.speaker_text is not None and scheme.speaker_text.startswith("lawsuit")
    assert _content(text, scheme) == 'the builders ran a "decade-long kickback scheme" in three counties'
