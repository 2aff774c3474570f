"""Speaker rules added at stop 18, before the second Timeline17 sealed read (our own sentences, one rule per test)."""

from __future__ import annotations

from conftest import direct_speaker
from spacy.language import Language


def test_an_organisation_in_capitals_is_a_name_not_the_pronoun_who(nlp: Language) -> None:
    text = (
        "Hardest hit are Mexico with 2,059 cases. So far, with the exception of the outbreaks in Mexico, "
        "the virus has tended to cause mild illness in healthy people, it said. But influenza viruses mutate "
        "frequently and unpredictably and \u201cthe emergence of an inherently more virulent virus during the "
        "course of a pandemic can never be ruled out,\u201d the WHO said. CIRCLING THE GLOBE IN WAVES "
        "\u201cThe overall severity of a pandemic is further influenced by the tendency of pandemics to "
        "encircle the globe in waves,\u201d the WHO said."
    )
    assert direct_speaker(nlp, text, "the emergence of an inherently") == "WHO"


def test_a_report_or_website_speaks_for_the_organisation_it_belongs_to(nlp: Language) -> None:
    text = (
        "\u201cThe market is largely pricing in a reasonable recovery in earnings,\u201d said a report from "
        "Mehta Institutional Equities. Dorr Systems' website describes the round as \u201ca launched burning "
        "projectile that dispenses smoke.\u201d"
    )
    assert direct_speaker(nlp, text, "The market is largely") == "Mehta Institutional Equities"
    assert direct_speaker(nlp, text, "a launched burning") == "Dorr Systems"


def test_a_sign_speaks_for_the_person_holding_it(nlp: Language) -> None:
    text = (
        "In Lisbon, about 300 students marched to the embassy. "
        "One student held a sign that read: \u201cWe will not be silent any longer.\u201d"
    )
    assert direct_speaker(nlp, text, "We will not be silent") == "student"


def test_a_named_researcher_and_colleagues_are_quoted_as_the_researcher(nlp: Language) -> None:
    text = (
        "Maria Okafor and colleagues at Leeds University analyzed the published sequences. "
        "\u201cSix segments of the virus are related to swine viruses from Europe,\u201d they wrote in the journal."
    )
    assert direct_speaker(nlp, text, "Six segments") == "Maria Okafor"


def test_a_persons_team_is_quoted_as_that_person(nlp: Language) -> None:
    text = (
        "Maria Okafor studies flu viruses at Leeds University. Okafor's team said on Monday that "
        "\u201cthe new strain looks partly like an older hybrid found in pigs.\u201d"
    )
    assert direct_speaker(nlp, text, "the new strain") == "Okafor"


def test_they_does_not_stand_for_a_group_that_only_names_a_term(nlp: Language) -> None:
    text = (
        "Maria Okafor and colleagues at Leeds University analyzed the sequences. Okafor's team said the "
        "strain looked like another hybrid, or what scientists call a reassortant, virus. "
        "\u201cThe ancestors are related to the multiple reassortants,\u201d they wrote."
    )
    assert direct_speaker(nlp, text, "The ancestors") == "Okafor"  # the team's


def test_a_plural_description_stands_for_the_people_just_named_together(nlp: Language) -> None:
    text = (
        "Lawyers for the estate asked the network to drop the program. Peter Lund and Sarah Greaves said "
        "the show was \u201cin very bad taste\u201d. \u201cYour decision to schedule this program is cruel and "
        "insensitive to the family,\u201d the co-executors wrote."
    )
    assert direct_speaker(nlp, text, "Your decision") == "Peter Lund and Sarah Greaves"


def test_a_plural_description_keeps_its_words_when_another_group_came_since(nlp: Language) -> None:
    text = (
        "Peter Lund and Sarah Greaves said the show was \u201cin very bad taste\u201d. Opposition parties "
        "wrote to the bank on Monday. \u201cWe advise the bank not to lend any more money to the regime,\u201d "
        "the two party leaders said."
    )
    assert direct_speaker(nlp, text, "We advise the bank") == "two party leaders"


def test_they_can_stand_for_a_persons_team(nlp: Language) -> None:
    text = (
        "Maria Okafor studies flu viruses at Leeds University. The Health Protection Agency said last week "
        "that the virus had four parts. Okafor's team said the strain looked like another hybrid. "
        "\u201cThe ancestors are related to the multiple reassortants,\u201d they wrote."
    )
    assert direct_speaker(nlp, text, "The ancestors") == "Okafor"


def test_an_amount_of_money_is_never_a_speaker(nlp: Language) -> None:
    text = (
        "Forget the 8,570 earmarks in the bill. Forget the \u201c2 trillion dollars in savings\u201d that "
        "\u201cwe have already identified,\u201d $1.6 trillion of which President Obama's budget director later "
        "admits is the \u201csavings\u201d of not continuing the surge in Iraq until 2019."
    )
    assert direct_speaker(nlp, text, "savings") != "1.6 trillion"


def test_a_curly_closing_mark_between_spaces_closes_the_quote(nlp: Language) -> None:
    text = (
        "Lenz hinted that the company was pleased with its new service so far.\n"
        "\u201cWe have never had demand like that day, and continue to see it \u201d Lenz said.\n"
        "The service marks a shift in the company's strategy."
    )
    assert direct_speaker(nlp, text, "We have never had demand") == "Lenz"


def test_a_definite_role_of_a_place_refers_to_the_person_of_the_sentence_before(nlp: Language) -> None:
    text = (
        "However Christopher Rogers testified that the singer could not have taken the dose himself. "
        "\u201cThe circumstances, from my point of view, do not support that,\u201d the chief of forensic "
        "medicine at the county coroner's office said."
    )
    assert direct_speaker(nlp, text, "The circumstances") == "Christopher Rogers"


def test_a_definite_role_of_a_place_is_not_a_person_with_another_role(nlp: Language) -> None:
    text = (
        "Economy Minister Rainer Holt said the company would get no aid. \u201cThe company's behaviour shows "
        "the ugly face of capitalism,\u201d the premier of the state of Saxony said."
    )
    assert direct_speaker(nlp, text, "The company's behaviour") != "Rainer Holt"


def test_an_order_shouted_is_a_direct_quote_of_who_gave_it(nlp: Language) -> None:
    text = 'Police used a ram to force open the door. "Hands! Let me see your hands!" an officer ordered.'
    assert direct_speaker(nlp, text, "Hands!") == "officer"


def test_who_after_a_place_phrase_stands_for_the_person_before_it(nlp: Language) -> None:
    text = (
        "Firemen had to restrain a distraught elderly woman outside the bank, who wept and cried "
        '"my child, my child." The prime minister expressed shock.'
    )
    assert direct_speaker(nlp, text, "my child") == "distraught elderly woman"


def test_two_apostrophes_close_a_wire_copy_quote(nlp: Language) -> None:
    text = (
        "Dough mixer Andy Reyes said he was on the third floor when the shots rang out. "
        "\"I heard the gunfire, and I ran,'' he told reporters. \"This is a sad day for our family,'' "
        "the company said in a statement."
    )
    assert direct_speaker(nlp, text, "I heard the gunfire") == "Andy Reyes"


def test_the_civil_rights_leader_refers_back_to_the_person_just_named(nlp: Language) -> None:
    text = (
        "Veteran politician Jesse Jackson, who has been counselling the family, said they had questions of "
        "their own. The civil rights leader claimed the doctor had gone missing, which raised "
        "\u201cquestions of substance that will not go away until they are answered\u201d."
    )
    assert direct_speaker(nlp, text, "questions of substance") == "Jesse Jackson"


def test_a_cue_set_off_by_commas_before_the_quote_wins_over_a_verb_after_it(nlp: Language) -> None:
    text = (
        "Secretary of State Helen Moore urged the government on Friday to let its people protest peacefully. "
        "But, she added, \u201cWe want to partner with the people and their government\u201d and called on "
        "the president to make reforms."
    )
    assert direct_speaker(nlp, text, "We want to partner") == "Helen Moore"


def test_a_quote_after_a_reported_cue_and_a_colon_is_the_inner_speakers(nlp: Language) -> None:
    text = (
        "On Tuesday, the singer's former assistant Mark Willis testified that as the body lay in bed, "
        "manager Frank Dorsey told the children: \u201cDaddy had a heart attack and died.\u201d"
    )
    assert direct_speaker(nlp, text, "Daddy had a heart attack") == "Frank Dorsey"


def test_a_name_set_off_by_a_described_person_is_a_person(nlp: Language) -> None:
    text = (
        "\u201cSome rats are as big as piglets,\u201d Marong said. Bun Tuon Simona, a Cambodian official in "
        "the southern province of Kandal, said the appetite for rat meat has helped a government campaign. "
        "\u201cBefore, we rewarded farmers with rice in exchange for a rat's tail,\u201d he said."
    )
    assert direct_speaker(nlp, text, "Before, we rewarded") == "Bun Tuon Simona"


def test_an_age_standing_for_a_person_refers_to_the_person_just_named(nlp: Language) -> None:
    text = (
        "Maria Lopez drove all night from Texas to see the star. "
        "\u201cI had to be here,\u201d said the 42-year-old. Dennis Ortega visited with his mother. "
        "\u201cHe helped so many people,\u201d said the 10-year old."
    )
    assert direct_speaker(nlp, text, "I had to be here") == "Maria Lopez"
    assert direct_speaker(nlp, text, "He helped so many") == "Dennis Ortega"


def test_the_group_said_refers_to_an_organisation_described_after_a_comma(nlp: Language) -> None:
    text = (
        "As fighting erupted, Save the Children, an international aid group devoted to helping poor boys "
        "and girls, and other agencies watched their work unravel. The group said in a February 3 statement that the "
        "clashes \u201cput thousands at risk of death, injury and psychological trauma.\u201d"
    )
    assert direct_speaker(nlp, text, "put thousands at risk") == "Save the Children"


def test_a_statement_with_no_issuer_speaks_for_the_organisation_that_just_spoke(nlp: Language) -> None:
    text = (
        "Nabisco said on Friday that its plant would stay closed. A company representative confirmed the "
        "suspect was in custody. \u201cThis is a sad time for the Nabisco family,\u201d a statement reads."
    )
    assert direct_speaker(nlp, text, "This is a sad time") == "Nabisco"


def test_a_quote_inside_someones_accusation_is_theirs(nlp: Language) -> None:
    text = (
        "Then consider Walker's characteristic accusation that Cox \u201chas betrayed the public's trust.\u201d "
        "In any case, Walker's smear -- that Cox \u201cbetrayed the public's trust\u201d -- is a harbinger."
    )
    assert direct_speaker(nlp, text, "has betrayed") == "Walker"
    assert direct_speaker(nlp, text, "betrayed the public") == "Walker"


def test_an_organisation_that_spoke_through_its_representative_issues_the_next_statement(nlp: Language) -> None:
    text = (
        "The suspect was taken into custody after a standoff. A Kraft representative confirmed the suspect "
        "is now in police custody. \u201cThis is a sad time for the Kraft Foods family,\u201d a statement reads."
    )
    assert direct_speaker(nlp, text, "This is a sad time") == "Kraft"


def test_a_quote_signed_on_a_line_of_its_own_is_the_signers(nlp: Language) -> None:
    text = (
        "Here are some of the reviews visitors left!\n\n"
        "\u201cThe show was really great. Booking was really easy.\u201d\n\n\u2013 Man**\n\n"
        "\u201cVery talented people! Super fun!\u201d\n\n\u2013 Ali Kaya\n\nThe theatre is open daily."
    )
    assert direct_speaker(nlp, text, "The show was really great") == "Man**"
    assert direct_speaker(nlp, text, "Very talented") == "Ali Kaya"
