"""Speaker rules added after the Timeline17 sealed read (our own sentences, one rule per test)."""

from __future__ import annotations

from conftest import direct_speaker, make_article
from spacy.language import Language

from storyline.extract.quotes import extract_quotes


def test_a_name_deep_inside_what_someone_reported_does_not_take_the_next_pronoun(nlp: Language) -> None:
    text = (
        "Judge Carter said there was no proof Wallace was aware of the debt. "
        "\u201cThis is a fraud trial,\u201d he said on Monday."
    )
    assert direct_speaker(nlp, text, "This is a fraud trial") == "Carter"


def test_a_name_after_a_lowercase_role_is_a_person_even_when_labelled_an_organisation(nlp: Language) -> None:
    text = (
        "The doctor was at the house when the officers came. "
        "The agency spokeswoman Violet Karpinsky confirmed the visit but said no arrests were made. "
        "Speaking to reporters, she said: \u201cWe were asked to help and we did, nothing more than that.\u201d"
    )
    assert direct_speaker(nlp, text, "We were asked to help") == "Violet Karpinsky"


def test_a_quote_after_an_opening_conjunction_continues_the_previous_speaker(nlp: Language) -> None:
    text = (
        "\u201cShoplifting looks harmless to most people,\u201d Delgado said. "
        "But \u201cin the end every customer pays for it at the till.\u201d"
    )
    assert direct_speaker(nlp, text, "in the end every customer") == "Delgado"


def test_an_age_written_before_a_name_is_not_the_speaker(nlp: Language) -> None:
    text = "\u201cI never thought we would lose the farm,\u201d the 57-year-old Lindqvist says."
    assert direct_speaker(nlp, text, "I never thought") == "Lindqvist"


def test_a_name_and_a_colon_without_a_verb_introduce_the_quote(nlp: Language) -> None:
    text = (
        "The inquiry into the clinic heard from its doctors on Monday. Dr Helen Marsh: "
        "\u201cI believe the rota made mistakes almost certain.\u201d The inquiry continues."
    )
    assert direct_speaker(nlp, text, "I believe the rota") == "Helen Marsh"


def test_a_name_after_a_colon_that_was_told_is_not_the_speaker(nlp: Language) -> None:
    text = "The nurse told Judge Mary Ellis: \u201cI did nothing wrong in that ward.\u201d"
    assert direct_speaker(nlp, text, "I did nothing wrong") != "Mary Ellis"


def test_in_the_words_of_names_the_speaker(nlp: Language) -> None:
    text = (
        "The hearing lasted four hours. In the words of committee chairman Ed Towns, "
        "\u201cThe question is, who was holding the gun?\u201d"
    )
    assert direct_speaker(nlp, text, "The question is") == "Ed Towns"


def test_the_company_names_the_latest_organisation_before_it(nlp: Language) -> None:
    text = (
        "Regulators questioned a plant run by a unit of the dairy group Nordmilk Holdings. "
        "\u201cWe see no link between our plants and the outbreak,\u201d the company said."
    )
    assert direct_speaker(nlp, text, "We see no link") == "Nordmilk Holdings"


def test_the_company_is_never_a_news_agency(nlp: Language) -> None:
    text = (
        "The Reuters news agency reported the recall first. "
        "\u201cWe are recalling every jar made in March,\u201d the company said."
    )
    assert direct_speaker(nlp, text, "We are recalling") != "Reuters"


def test_an_absolute_participle_clause_with_its_own_subject_speaks_for_itself(nlp: Language) -> None:
    text = (
        "Health officials said a woman died on Friday, state governor Ann Holloway describing her death "
        "as \u201ca painful reminder that this virus is serious.\u201d"
    )
    assert direct_speaker(nlp, text, "a painful reminder") == "Ann Holloway"


def test_averred_is_a_speech_cue(nlp: Language) -> None:
    text = "Tom Berger spoke last. \u201cNothing about this fell apart overnight,\u201d he averred."
    assert direct_speaker(nlp, text, "Nothing about this") == "Tom Berger"
    assert [q.cue for q in extract_quotes(make_article(text), nlp(text)) if q.kind == "direct"] == ["averred"]


def test_a_participle_hung_on_an_object_belongs_to_the_subject(nlp: Language) -> None:
    text = (
        "A ministry official played down the protests saying that \u201cfor decades there have been "
        "marches here without much effect.\u201d"
    )
    assert direct_speaker(nlp, text, "for decades there have been") == "ministry official"


def test_a_participle_on_a_person_object_stays_with_that_person(nlp: Language) -> None:
    text = "Police quoted a neighbour saying \u201cthe van never stopped at the crossing.\u201d"
    assert direct_speaker(nlp, text, "the van never stopped") == "neighbour"


def test_a_name_after_an_inverted_cue_beats_the_object_before_it(nlp: Language) -> None:
    text = (
        "\u201cTo decide this well, we need to put on hold\u201d the drilling plan, said new Energy "
        "Secretary Dana Whitlock, who extended the comment period."
    )
    assert direct_speaker(nlp, text, "To decide this well") == "Dana Whitlock"
