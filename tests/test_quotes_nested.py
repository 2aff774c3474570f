"""Quote speakers: attributions nested in another attribution, definite roles ("The Republican nominee"),
relative pronouns, and other speaker regressions."""

from __future__ import annotations

from spacy.language import Language

from conftest import direct_speaker
from storyline.extract.quotes_marks import find_quoted_spans
from storyline.extract.quotes_names import first_name_gender

_speaker_of = direct_speaker


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


# --- who is credited with a quote inside someone else's report ------------------------------------


def test_a_labelling_cue_inside_a_reported_clause_takes_the_reporter(nlp: Language) -> None:
    text = (
        "Senator Maria Lopez said on Monday that the governor once described the new toll road as "
        "“the best deal in a generation.”"
    )
    assert _speaker_of(nlp, text, "the best deal") == "Maria Lopez"


def test_a_statement_with_its_own_author_keeps_it_inside_a_report(nlp: Language) -> None:
    text = (
        "The institute said the new wells belied a declaration by Governor Paul Harding that "
        "“there is no more drilling in the valley.”"
    )
    assert _speaker_of(nlp, text, "there is no more drilling") == "Paul Harding"


def test_according_to_over_the_sentence_is_the_source(nlp: Language) -> None:
    text = (
        "According to the Daily Ledger, city spokesman Tom Reyes said Friday that the mayor "
        "“will sign the budget if it reaches her desk.”"
    )
    assert _speaker_of(nlp, text, "will sign the budget") == "Daily Ledger"


def test_a_coordinated_reply_is_not_part_of_the_report(nlp: Language) -> None:
    text = (
        "She said fathers would not qualify, and when asked why, the 40-year-old engineer replied, "
        "\"The plan is meant for the mother who gave birth to the child.\"\n\n"
        "Brown said the fund would not cover repairs, and the retired engineer replied, "
        "\"It is meant to benefit the owners who have paid their dues.\""
    )
    assert _speaker_of(nlp, text, "The plan is meant") == "40-year-old engineer"
    assert _speaker_of(nlp, text, "It is meant to benefit") == "retired engineer"


def test_a_possessor_before_the_cue_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "Mark Tillman attacked the plan on Tuesday.\n\n"
        "“That was an outrageous thing to say,” Tillman's former campaign manager said on Wednesday."
    )
    assert _speaker_of(nlp, text, "That was an outrageous") == "Tillman's former campaign manager"


def test_the_agent_of_a_passive_cue_is_the_speaker(nlp: Language) -> None:
    text = "Alice Brown's best-known song, “Rivers of Gold,” was written by Tom Waller after the flood of 1993."
    assert _speaker_of(nlp, text, "Rivers of Gold") == "Tom Waller"


def test_a_clause_between_quote_and_cue_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "The band played on.\n\n"
        "“Rivers of Gold (Live at the Fillmore)” was written by Tom Waller after the flood of 1993, "
        "Alice Brown told fans."
    )
    assert _speaker_of(nlp, text, "Rivers of Gold") == "Alice Brown"


def test_who_issued_or_made_a_statement_speaks_it(nlp: Language) -> None:
    text = (
        "After a short meeting, the city council issued a statement calling the closure "
        "\"a clear breach of the lease agreement.\"\n\n"
        "On Monday, Jordan Wells made the following comment:\n\n"
        "“For families who have lived in the valley for three generations, this is the end of an era.”"
    )
    assert _speaker_of(nlp, text, "a clear breach") == "city council"
    assert _speaker_of(nlp, text, "For families who") == "Jordan Wells"


def test_the_object_of_a_cue_is_not_its_speaker(nlp: Language) -> None:
    text = (
        "The bill prompted the governor to make a remark that described all local farmers as "
        "“lazy people who want handouts.”"
    )
    assert _speaker_of(nlp, text, "lazy people") != "all local farmers"


def test_a_long_subject_after_the_quote_is_the_speaker(nlp: Language) -> None:
    text = (
        "The new advertisement runs for thirty seconds.\n\n"
        "“You work every day. You pay your rent. Why can’t you afford a home?” a voice in the "
        "union advertisement asks. The spot ends with a phone number."
    )
    assert _speaker_of(nlp, text, "You work every day") == "voice"


def test_a_double_mark_spaced_from_a_nested_single_mark_closes(nlp: Language) -> None:
    text = (
        "\"I have never liked the phrase 'urban renewal,' \" he told the group, adding that the words "
        "scare residents away.\n\nThen someone asked about the budget."
    )
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["I have never liked the phrase 'urban renewal,'"]
    assert spans[0].close_mark == text.index('" he')


def test_they_below_an_institution_subject_is_that_institution(nlp: Language) -> None:
    text = (
        "Local officials met in Dayton on Monday.\n\n"
        "The Smith campaign is trying to contrast his plan with what they call the governor's "
        "“reckless spending spree.”"
    )
    assert _speaker_of(nlp, text, "reckless spending") == "Smith campaign"


def test_a_report_that_found_something_is_the_source(nlp: Language) -> None:
    text = (
        "Several lawmakers raised concerns.\n\n"
        "A state audit released last year found that the agency could not show that the money "
        "was not coming from \"shell companies or other unknown sources.\""
    )
    assert _speaker_of(nlp, text, "shell companies") == "state audit"


def test_more_first_names_tell_he_from_she(nlp: Language) -> None:
    text = (
        "Ivanka Moreno, the director of the clinic, met Robby Fields on Tuesday.\n\n"
        "Fields spoke first about the budget.\n\n"
        "“We cannot keep the doors open on this money,” she said."
    )
    assert _speaker_of(nlp, text, "We cannot keep the doors") == "Ivanka Moreno"
    assert first_name_gender("Corey") == "m" and first_name_gender("Megyn") == "f"
    assert first_name_gender("Clinton") is None and first_name_gender("Hope") is None


def test_a_definite_role_names_the_person_of_the_sentence_before(nlp: Language) -> None:
    text = (
        "Maria Lopez says her campaign will open ten new offices in the state.\n\n"
        "The Democratic nominee told supporters on Friday that the race is close.\n\n"
        "She said, \u201cWe have a lot of ground to cover before November.\u201d\n"
    )
    assert _speaker_of(nlp, text, "We have a lot") == "Maria Lopez"


def test_a_definite_role_prefers_the_subject_over_a_name_in_the_object(nlp: Language) -> None:
    text = (
        "John Pearce says too much is made of Karen Holt's speeches.\n\n"
        "The former Ohio governor said critics focus on \u201cevery little word she utters.\u201d\n"
    )
    assert _speaker_of(nlp, text, "every little word") == "John Pearce"


def test_a_role_with_a_common_noun_modifier_is_someone_else(nlp: Language) -> None:
    text = (
        "Senator Tom Weaver hosted a cookout for volunteers on Saturday.\n\n"
        "At the party, the band leader called the crowd to the stage, singing \u201cThis Is Our Night.\u201d\n"
    )
    assert _speaker_of(nlp, text, "This Is Our Night") != "Tom Weaver"


def test_a_definite_role_does_not_reach_back_past_a_few_sentences(nlp: Language) -> None:
    text = (
        "Paul Grant opened his campaign in March. The weather was cold. Few people came. "
        "Volunteers handed out leaflets. Buses arrived late. The streets were closed.\n\n"
        "The senator said the city needs \u201cmore buses and fewer promises.\u201d\n"
    )
    assert _speaker_of(nlp, text, "more buses") == "senator"


def test_who_after_an_apposition_is_the_named_person(nlp: Language) -> None:
    text = (
        "Obama has had a cool relationship with Dan Reyes, now the Senate majority leader, who in 2015 "
        "said the party's main goal was to make the mayor a \u201cone-term mayor.\u201d\n"
    )
    assert _speaker_of(nlp, text, "one-term mayor") == "Dan Reyes"


def test_which_right_after_an_organisation_is_that_organisation(nlp: Language) -> None:
    text = (
        "To settle the question, the reporters turned to the Springfield Police Department which "
        "reported \u201c1,204 burglaries\u201d in the city between January and June.\n"
    )
    assert _speaker_of(nlp, text, "1,204 burglaries") == "Springfield Police Department"


def test_a_clause_after_announcing_that_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "On Tuesday the fact-checkers published their verdict by announcing that the senator's claim "
        "was \u201cmostly true.\u201d\n"
    )
    assert _speaker_of(nlp, text, "mostly true") != "senator's claim"


def test_they_can_be_the_organisation_that_spoke_last(nlp: Language) -> None:
    text = (
        "After a short meeting, the Security Council issued a statement calling the test "
        "\u201ca clear violation.\u201d\n\n"
        "\u201cThe members of the council will begin work on measures at once,\u201d they said.\n"
    )
    assert _speaker_of(nlp, text, "The members of the council") == "Security Council"


def test_a_quote_ending_its_sentence_takes_no_cue_from_the_next(nlp: Language) -> None:
    text = (
        "\u201cSales will double,\u201d said Lena Ortiz, an analyst at Data Corp. "
        "\u201cThe market is growing very fast, but it is split.\u201d Analysts say the leader is Acme.\n"
    )
    assert _speaker_of(nlp, text, "The market is growing") == "Lena Ortiz"


def test_the_person_quoted_as_saying_is_the_speaker(nlp: Language) -> None:
    text = (
        "Karl Berger said he overheard Tomas Vidal mocking the rules. \u201cFor me there is only one "
        "purpose: winning the games,\u201d Berger quoted Vidal as saying.\n"
    )
    assert _speaker_of(nlp, text, "For me there is") == "Vidal"


def test_a_doubled_space_does_not_hide_an_inverted_speaker(nlp: Language) -> None:
    text = (
        "On the day when camps were to begin,  players held news conferences in 14 cities.  \u201cWe  want "
        "to show the public that we, as players, want to play,\u201d  said  Ewing, who was flanked by five teammates.\n"
    )
    assert _speaker_of(nlp, text, "We  want to show") == "Ewing"


def test_a_title_can_name_someone_written_just_after(nlp: Language) -> None:
    text = (
        "Meanwhile, Freedonia's prime minister told parliament on Monday that the country "
        "\u201cfaces the danger of war.\u201d The threats are serious, Prime Minister Rufus Teasdale said.\n"
    )
    assert _speaker_of(nlp, text, "faces the danger") == "Rufus Teasdale"


def test_he_is_not_the_man_his_quote_names(nlp: Language) -> None:
    text = (
        "Tim Kane spoke first. Then Mark Doyle took the stage. "
        "\u201cMark Doyle is wrong about taxes,\u201d he said.\n"
    )
    assert _speaker_of(nlp, text, "Mark Doyle is wrong") == "Tim Kane"


def test_a_cueless_quote_after_a_persons_sentence_is_theirs(nlp: Language) -> None:
    text = (
        "Patrick Ewing did not want to sound like a striking dock worker. \u201cI am not going to put it in "
        "dollars and cents.\u201d But Ewing played the public-relations game on Tuesday.\n\n"
        "The season was postponed.\n\n\u201cNobody knows when it will start.\u201d\n"
    )
    assert _speaker_of(nlp, text, "I am not going") == "Patrick Ewing"
    assert _speaker_of(nlp, text, "Nobody knows") is None  # another paragraph: no guess
