"""Quote speakers: attributions nested in another attribution, and other speaker regressions."""

from __future__ import annotations

from spacy.language import Language

from conftest import make_article
from storyline.extract.quotes import extract_quotes
from storyline.models import Quote


def _speaker_of(nlp: Language, text: str, words: str) -> str | None:
    article = make_article(text)
    quotes = [q for q in extract_quotes(article, nlp(text)) if q.kind == "direct" and q.text.startswith(words)]
    assert len(quotes) == 1, quotes
    quote: Quote = quotes[0]
    if quote.speaker_start is not None:
        assert article.text[quote.speaker_start : quote.speaker_end] == quote.speaker_text
    return quote.speaker_text


def test_a_quote_nested_deep_in_a_reported_clause_keeps_the_outer_speaker(nlp: Language) -> None:
    text = (
        "Interim DNC Chairwoman Donna Brazile said Sunday that she’s glad Clinton appeared to be feeling "
        "better and looks forward to “seeing her back out on the campaign trail and continuing on the "
        "path to victory.”"
    )
    assert _speaker_of(nlp, text, "seeing her back out") == "Donna Brazile"


def test_characterizing_and_attacking_someone_quotes_them(nlp: Language) -> None:
    text = (
        "Chris Matthews praised Pence on Tuesday. However, Matthews characterized Tim Kaine as, “a little "
        "desperate there, jumping in all the time.”\n\n"
        "In an August speech, Trump attacked “the hateful ideology of radical Islam and its oppression of women.”"
    )
    assert _speaker_of(nlp, text, "a little desperate") == "Matthews"
    assert _speaker_of(nlp, text, "the hateful ideology") == "Trump"


def test_a_thing_attacking_someone_does_not_hide_the_describing_cue(nlp: Language) -> None:
    text = "Hillary Clinton is describing as “unhinged” a Donald Trump tweet attacking a former Miss Universe."
    assert _speaker_of(nlp, text, "unhinged") == "Hillary Clinton"


def test_he_is_the_reporter_not_the_subject_of_his_reported_clause(nlp: Language) -> None:
    text = (
        "House Speaker Paul Ryan said the victims deserve their day in court, and he does believe "
        "McConnell is correct about being able to override the president.\n\n"
        "“I do think the votes are there for the override,” he said."
    )
    assert _speaker_of(nlp, text, "I do think the votes") == "Paul Ryan"
