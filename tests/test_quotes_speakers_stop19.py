"""Speaker rules added at stop 19, after the fourth Timeline17 set's sealed read (our own sentences, one rule per test)."""

from __future__ import annotations

from conftest import direct_speaker
from spacy.language import Language


def test_a_plural_description_stands_for_the_people_named_beside_it_before(nlp: Language) -> None:
    text = (
        "In a statement, the singer's sisters Ana and Rosa Delgado said the timing of the show was wrong.\n"
        "The sisters said: \u201cWhile we support the idea of a tribute, we cannot support an event held "
        "during the trial.\u201d\n"
    )
    assert direct_speaker(nlp, text, "While we support") == "Ana and Rosa Delgado"


def test_a_quote_paragraph_after_reported_speech_belongs_to_the_reporting_organisation(nlp: Language) -> None:
    text = (
        "Three pupils fell ill on Monday.\n"
        "In a statement Northfield District Council said the school would be shut for a week as a precaution.\n"
        "\u201cThe pupil concerned came back from a trip abroad last week and her symptoms are mild.\u201d\n"
    )
    assert direct_speaker(nlp, text, "The pupil concerned") == "Northfield District Council"


def test_a_quote_paragraph_after_a_paragraph_without_speech_keeps_no_speaker(nlp: Language) -> None:
    text = (
        "Three pupils fell ill on Monday.\n"
        "Northfield District Council closed the school for a week as a precaution.\n"
        "\u201cThe pupil concerned came back from a trip abroad last week and her symptoms are mild.\u201d\n"
    )
    assert direct_speaker(nlp, text, "The pupil concerned") is None


def test_a_long_subject_quoted_as_saying_speaks(nlp: Language) -> None:
    text = (
        "The lawyers met on Friday.\n\u201cIt seems ridiculous to us that this has taken so long\u201d, the "
        "defense team spokeswoman Maria Ortiz was quoted as saying by Reuters.\n"
    )
    assert direct_speaker(nlp, text, "It seems ridiculous") == "Maria Ortiz"


def test_assuring_someone_is_a_speech_cue(nlp: Language) -> None:
    text = "Prime Minister Ana Ruiz assured the king \u201cthat the situation is under control in every province.\u201d\n"
    assert direct_speaker(nlp, text, "that the situation") == "Ana Ruiz"


def test_a_bracketed_party_and_state_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "\u201cOur faith in the trading system is badly shaken by these events,\u201d Sen. Max Bowman (D-Mont.) "
        "said at the hearing.\n\u201cWe want to see people prosecuted for this,\u201d said Senator Pat Leland (D-Vt.)\n"
    )
    assert direct_speaker(nlp, text, "Our faith") == "Max Bowman"
    assert direct_speaker(nlp, text, "We want to see") == "Pat Leland"
