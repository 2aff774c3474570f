"""Speaker rules added at stop 17, before the web-news sealed read (our own sentences, one rule per test)."""

from __future__ import annotations

from conftest import direct_speaker
from spacy.language import Language


def test_a_cue_the_parse_left_without_a_subject_belongs_to_the_name_before_it(nlp: Language) -> None:
    text = (
        "Lawyers for the doctor may suggest the singer killed himself, a prosecutor has claimed. "
        "In a court session to discuss evidence in the case against Dr Paul Murray, "
        "Deputy District Attorney David Ambrose said he believed defense lawyers were looking into the theory. "
        "\u201cThey don't want to say it but that's the direction in which they are going,\u201d he said on Wednesday."
    )
    assert direct_speaker(nlp, text, "They don't want to say it") == "David Ambrose"


def test_a_pronoun_with_no_subject_to_stand_for_takes_a_person_named_just_before(nlp: Language) -> None:
    text = (
        "The logic of Obama's address to Congress went like this: "
        "\u201cOur economy did not fall into decline overnight,\u201d he averred."
    )
    assert direct_speaker(nlp, text, "Our economy did not fall") == "Obama"


def test_a_quote_after_a_colon_belongs_to_the_person_the_sentence_is_about(nlp: Language) -> None:
    text = (
        "Shortly afterwards an ambulance arrived to treat someone who had fainted. "
        "Lesley Cole was outside the court for most of the trial: \u201cIt's crazy here right now but "
        "I'm so glad I didn't miss it. Justice is going to be served now, I hope.\u201d"
    )
    assert direct_speaker(nlp, text, "It's crazy here right now") == "Lesley Cole"


def test_a_colon_after_a_reported_clause_gives_the_quote_to_the_reporter(nlp: Language) -> None:
    text = (
        "Police commissioner Charles Ramsey says she was escorted out of the building and was outside "
        "for nine minutes before coming back: \u201cShe drove her car through a barrier and entered the "
        "premises. She had a .357 magnum.\u201d The third victim was rushed to hospital."
    )
    assert direct_speaker(nlp, text, "She drove her car") == "Charles Ramsey"


def test_a_police_rank_written_with_a_name_is_a_title_the_bare_rank_refers_back_to(nlp: Language) -> None:
    text = (
        "Daniel Moray, 41, said nothing after officers surrounded him, Harlow County Sheriff Robert Pickell said. "
        "Officers found a rifle in the car, and described Moray as \u201cquiet. Very, very quiet,\u201d the sheriff said."
    )
    assert direct_speaker(nlp, text, "quiet. Very") == "Robert Pickell"


def test_a_definite_identity_noun_refers_to_the_person_just_written_about(nlp: Language) -> None:
    text = (
        "Marla Quintero will host the awards for a second time. "
        "\u201cI am so excited to be doing this again,\u201d Quintero said in a statement. "
        "\u201cI'd like to thank the academy and my family for this,\u201d the comedian added on Twitter."
    )
    assert direct_speaker(nlp, text, "I'd like to thank") == "Quintero"


def test_agreeing_and_laughing_are_speech_cues(nlp: Language) -> None:
    text = (
        "The panel met in the hall on Monday. Marcus Hale spoke first, and Dana Whitcombe answered him. "
        "\u201cThat is exactly what the town needs right now,\u201d Hale agreed."
    )
    assert direct_speaker(nlp, text, "That is exactly what") == "Hale"
    text = "Nora Quayle sat down at the piano. \u201cI have not played this one in twenty years,\u201d she laughed."
    assert direct_speaker(nlp, text, "I have not played") == "Nora Quayle"


def test_a_first_name_and_surname_saying_something_is_a_person_whatever_its_label(nlp: Language) -> None:
    text = (
        "Two people were admitted to a Scottish hospital, the Scottish health secretary said today. "
        "Nicola Sturgeon said the pair who flew back to Scotland on April 21 had not been in an affected area. "
        "\u201cThe patients have displayed mild symptoms,\u201d she said."
    )
    assert direct_speaker(nlp, text, "The patients have displayed") == "Nicola Sturgeon"


def test_a_statement_someone_issued_speaks_for_whoever_issued_it(nlp: Language) -> None:
    text = (
        "The carmaker will close four plants by 2012. The union issued a statement saying \u201cThe workers "
        "face uncertain futures because of the management's failure to halt the slide.\u201d"
    )
    assert direct_speaker(nlp, text, "The workers face") == "union"


def test_a_person_named_right_before_the_cue_speaks_after_a_run_of_roles(nlp: Language) -> None:
    text = (
        "Europa has long been a target in the search for life. \u201cWe have not found liquid water yet, "
        "but we found the next best thing,\u201d lead researcher and NASA planetary scientist Lucas Paganini "
        "said in a statement."
    )
    assert direct_speaker(nlp, text, "We have not found") == "Lucas Paganini"


def test_a_participle_after_the_quoted_words_is_not_their_cue(nlp: Language) -> None:
    text = (
        "Trade talks resumed on Monday. \u201cThe president wants the option of a bigger deal. Bigger than "
        "just the little deal\u201d announced in October, said Derek Scissors, a scholar in Washington."
    )
    assert direct_speaker(nlp, text, "The president wants") == "Derek Scissors"


def test_they_speaking_in_a_statement_are_whoever_they_stand_for(nlp: Language) -> None:
    text = (
        "The singer accused her former label of blocking her concert. Harbor Records have twice denied doing "
        "anything wrong. \u201cAt no point did we say she could not perform at the show,\u201d they said in a "
        "statement on their website."
    )
    assert direct_speaker(nlp, text, "At no point did we say") == "Harbor Records"


def test_a_lone_surname_that_is_also_a_mans_first_name_keeps_the_womans_gender(nlp: Language) -> None:
    text = (
        "The man who threatened Rep. Ilhan Omar was sentenced on Tuesday. Rep. Alexandria Ocasio-Cortez "
        "linked the threat to a television host's comments. Omar asked for compassion in a letter, saying "
        "she did not think a severe sentence would help. She added, \u201cWe must teach the defendant love.\u201d"
    )
    assert direct_speaker(nlp, text, "We must teach") == "Omar"


def test_a_name_conjoined_after_several_roles_is_the_speaker(nlp: Language) -> None:
    text = (
        "The retailer earned $2.8 billion in the quarter. \u201cOur results reflected broad-based growth "
        "across our business,\u201d chairman, CEO and president Craig Menear said in the earnings release."
    )
    assert direct_speaker(nlp, text, "Our results reflected") == "Craig Menear"


def test_a_person_inside_a_modifier_of_the_subject_is_not_the_speaker(nlp: Language) -> None:
    text = "\u201cThis is the start of a process,\u201d a U.S. official traveling with Pence said on Tuesday."
    assert direct_speaker(nlp, text, "This is the start") == "U.S. official traveling with Pence"
