"""Quote extraction: unpaired marks, labelling cues, speaker forms (groups, gender, post-modifiers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from conftest import StoreLocations, make_article
from storyline.cli import main
from storyline.extract.quotes import extract_quotes
from storyline.extract.quotes_marks import DOUBLE_MARKS, find_quoted_spans, unpaired_marks
from storyline.extract.quotes_names import first_name_gender
from storyline.extract.quotes_speakers import is_description
from storyline.models import Quote


def _quotes(nlp: Language, text: str) -> tuple[Quote, ...]:
    article = make_article(text)
    quotes = extract_quotes(article, nlp(text))
    for quote in quotes:
        assert article.text[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None and quote.speaker_end is not None:
            assert article.text[quote.speaker_start : quote.speaker_end] == quote.speaker_text
    return quotes


def _direct(quotes: tuple[Quote, ...], words: str) -> Quote:
    found = [q for q in quotes if q.kind == "direct" and q.text.startswith(words)]
    assert len(found) == 1, (words, quotes)
    return found[0]


def _no_direct(quotes: tuple[Quote, ...], words: str) -> None:
    assert not [q for q in quotes if q.kind == "direct" and q.text.startswith(words)], quotes


# --- unpaired marks ---------------------------------------------------------------------------


def test_unpaired_marks_reports_stray_inch_and_unclosed_marks() -> None:
    text = (
        'The pipe was 5” long.\n\n'
        '"We are ready," Jones said.\n\n'
        'A stray mark " sits here. And “this never closes\n\n'
        "Plain last paragraph."
    )
    assert unpaired_marks(text) == (text.index("”"), text.index('" sits'), text.index("“this"))


def test_unpaired_marks_accepts_multi_paragraph_quote_convention() -> None:
    text = "“The first paragraph of a long quote.\n\n“The second one ends it,” she said."
    assert unpaired_marks(text) == ()
    assert unpaired_marks('“Closed,” he said. "Also closed."') == ()


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab ,.\n"“”:')), max_size=60))
def test_every_mark_is_paired_or_reported(text: str) -> None:
    unpaired = set(unpaired_marks(text))
    assert all(text[i] in DOUBLE_MARKS for i in unpaired)
    used = set()
    for span in find_quoted_spans(text):
        used.add(span.open_mark)
        if span.close_mark is not None:
            used.add(span.close_mark)
    marks = {i for i, char in enumerate(text) if char in DOUBLE_MARKS}
    assert marks <= used | unpaired


def test_reversed_mark_opening_a_paragraph_is_read_as_an_opening() -> None:
    text = "Voters wrote in.\n\n”Fear. I am truly afraid of what comes next for us all.” ― Jane Roe\n"
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Fear. I am truly afraid of what comes next for us all."]


# --- cues ----------------------------------------------------------------------------------------


def test_called_is_a_cue_but_so_called_and_naming_are_not(nlp: Language) -> None:
    text = (
        "Clinton called half of Trump’s supporters “deplorables.”\n\n"
        "The so-called “peace dividend” never came.\n\n"
        "She joined a group called “Women in Power” last year.\n\n"
        "The plan is called “Project Light” by its staff."
    )
    quotes = _quotes(nlp, text)
    called = _direct(quotes, "deplorables")
    assert called.speaker_text == "Clinton" and called.cue == "called"
    for phrase in ("peace dividend", "Women in Power", "Project Light"):
        _no_direct(quotes, phrase)


def test_partial_quote_of_a_denouncing_subject(nlp: Language) -> None:
    text = (
        "Mr Pompeo's last visit to North Korea failed to make progress, with Pyongyang "
        'denouncing him for making "gangster-like demands".'
    )
    quote = _direct(_quotes(nlp, text), "gangster-like demands")
    assert quote.speaker_text == "Pyongyang" and quote.cue == "denouncing"


def test_seed_gangster_like_demands_are_pyongyangs_words(
    nlp: Language, seed_raw_texts: dict[str, str]
) -> None:
    text = next(t for name, t in seed_raw_texts.items() if name.startswith("003"))
    quotes = _quotes(nlp, text)
    assert _direct(quotes, "gangster-like demands").speaker_text == "Pyongyang"
    assert _direct(quotes, "general date and location").speaker_text == "Pompeo"


def test_show_titles_in_marks_are_not_quotes(nlp: Language) -> None:
    text = (
        'Flynn said on "Fox and Friends." that the plan was weak.\n\n'
        'Johnson tells MSNBC’s “Morning Joe” that the vote was fair.'
    )
    quotes = _quotes(nlp, text)
    _no_direct(quotes, "Fox and Friends")
    _no_direct(quotes, "Morning Joe")


def test_dash_signature_and_inverted_said(nlp: Language) -> None:
    text = (
        "Readers sent us their views.\n"
        "“He makes simple blanket statements about people he knows nothing about.” ― Pamela Padilla\n"
        "“Nobody should vote for a man with no credentials at all.” ― Jacklyn Ashley.\n\n"
        "Clinton has largely ignored the issue. Said Ellis: “I don’t get the sense she is interested.”"
    )
    quotes = _quotes(nlp, text)
    assert _direct(quotes, "He makes simple").speaker_text == "Pamela Padilla"
    assert _direct(quotes, "Nobody should vote").speaker_text == "Jacklyn Ashley"
    assert _direct(quotes, "I don’t get the sense").speaker_text == "Ellis"


def test_attribution_after_quote_despite_misparse(nlp: Language) -> None:
    text = (
        "The Department of Justice is investigating the shooting.\n"
        "“I will just make this promise to you: We will achieve justice in this case,” "
        "Tulsa police Chief Chuck Jordan said Monday. “I want to assure our community of that.”"
    )
    quotes = _quotes(nlp, text)
    assert _direct(quotes, "I will just make").speaker_text == "Chuck Jordan"
    assert _direct(quotes, "I want to assure").speaker_text == "Chuck Jordan"


def test_cue_ending_the_previous_paragraph_with_a_colon(nlp: Language) -> None:
    text = 'Caddell continued:\n\n"The health issue overall is very much a partisan issue for voters."'
    quote = _direct(_quotes(nlp, text), "The health issue")
    assert quote.speaker_text == "Caddell" and quote.cue == "continued"


# --- speakers ------------------------------------------------------------------------------------


def test_first_name_gender_hint_picks_the_right_person(nlp: Language) -> None:
    text = (
        "Melanie Smith met Tom Baker on Monday. Baker left early. "
        "“It was a lovely day for all of us here,” she said. "
        "“We will meet again next month in the capital,” he said."
    )
    quotes = _quotes(nlp, text)
    assert _direct(quotes, "It was a lovely day").speaker_text == "Melanie Smith"
    assert _direct(quotes, "We will meet again").speaker_text == "Baker"
    assert first_name_gender("Melanie") == "f" and first_name_gender("TOM") == "m"
    assert first_name_gender("Chris") is None


def test_they_resolves_to_the_group_subject(nlp: Language) -> None:
    text = (
        "Japanese officials met their counterparts on Monday. "
        '"We will not accept this deal in any form," they said.\n\n'
        "Trump and Abe met in Florida. They agreed to begin talks on what they called "
        "“free, fair and reciprocal” trade deals."
    )
    quotes = _quotes(nlp, text)
    assert _direct(quotes, "We will not accept").speaker_text == "Japanese officials"
    assert _direct(quotes, "free, fair and reciprocal").speaker_text == "Trump and Abe"


def test_speaker_keeps_its_post_modifier(nlp: Language) -> None:
    text = 'A spokesman for the Japanese government said the plan was "very good for everyone here".'
    quote = _direct(_quotes(nlp, text), "very good")
    assert quote.speaker_text == "spokesman for the Japanese government"


def test_it_resolves_to_the_institution(nlp: Language) -> None:
    text = (
        "The State Department issued new guidance on Friday. "
        "“Travellers should avoid the border region until further notice,” it said."
    )
    quote = _direct(_quotes(nlp, text), "Travellers should avoid")
    assert quote.speaker_text == "State Department"


@pytest.mark.parametrize("pronoun", ["they", "it", "she"])
def test_pronoun_without_antecedent_gives_no_speaker(nlp: Language, pronoun: str) -> None:
    text = f"“The weather will be much better by the end of the week,” {pronoun} said."
    assert _direct(_quotes(nlp, text), "The weather").speaker_text is None


# --- the demo corpus: every direct quote's speaker ------------------------------------------------

DEMO_CORPUS = Path(__file__).resolve().parents[1] / "examples" / "us-japan-trade"
DEMO_DIRECT_SPEAKERS = {
    "We will keep explaining the importance": "spokesman for Japan's trade ministry",
    "We are watching closely": "spokesman for Japan's trade ministry",
    "Both sides agreed to work through": "Japanese Foreign Ministry spokesman",
    "a thing of the past": "Mike Pence",
    "Today was about building a structure": "Japanese Finance Ministry spokesperson",
    "The details will come later": "Japanese Finance Ministry spokesperson",
    "The door remains open": "spokesperson for Chile's foreign ministry",
    "We will keep talking": "Japanese trade ministry spokesperson",
    "Our position has not changed": "Japanese trade ministry spokesperson",
    "free, fair and reciprocal": "both leaders",
    "The new talks will be held at ministerial level": "Japanese government spokesperson",
    "Preparations for the negotiations will start": "Japanese government spokesman",
    "We will announce the schedule": "Japanese government spokesman",
    "The alliance remains the cornerstone": "U.S. Embassy spokesperson",
    "The prime minister explained Japan's position": "spokesman for the Japanese government",
    "The leaders also discussed North Korea": "spokesman for the Japanese government",
    "This is the start of a process": "U.S. official travelling with Pence",
    "The schedule will be worked out": "Japanese government spokeswoman",
}
DEMO_INDIRECT_SPEAKERS = {  # "He said ..." right after a described speaker's quote, and a plural subject
    "no date had been set for the first meeting": "Japanese Foreign Ministry spokesman",
    "officials in Tokyo and Washington would continue": "Japanese trade ministry spokesperson",
    "both sides expected further rounds": "U.S. official travelling with Pence",
    "several governments had already asked": "spokesperson for Chile's foreign ministry",
    "they were disappointed": "Some U.S. farm groups",
}


@pytest.fixture(scope="module")
def demo_quotes(tmp_path_factory: pytest.TempPathFactory, store_locations: StoreLocations) -> list[dict[str, Any]]:
    if not DEMO_CORPUS.is_dir():
        pytest.skip("demo corpus not present")
    db = store_locations.new(tmp_path_factory.mktemp("demo"), "demo.db")
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(DEMO_CORPUS), "--db", str(db), "-q"])
    assert built.exit_code == 0, built.output
    listed = runner.invoke(main, ["quotes", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    quotes: list[dict[str, Any]] = json.loads(listed.stdout)
    return quotes


def _speaker_of(quotes: list[dict[str, Any]], kind: str, opening: str) -> str | None:
    found = [q for q in quotes if q["kind"] == kind and q["text"].startswith(opening)]
    assert len(found) == 1, (opening, [q["text"][:40] for q in found])
    speaker: str | None = found[0]["speaker"]
    return speaker


def test_every_direct_quote_of_the_demo_corpus_has_its_speaker(demo_quotes: list[dict[str, Any]]) -> None:
    direct = [q for q in demo_quotes if q["kind"] == "direct"]
    assert len(direct) == len(DEMO_DIRECT_SPEAKERS)
    wrong = {
        opening: _speaker_of(demo_quotes, "direct", opening)
        for opening, speaker in DEMO_DIRECT_SPEAKERS.items()
        if _speaker_of(demo_quotes, "direct", opening) != speaker
    }
    assert wrong == {}


def test_follow_up_pronouns_keep_the_described_speaker(demo_quotes: list[dict[str, Any]]) -> None:
    wrong = {
        opening: _speaker_of(demo_quotes, "indirect", opening)
        for opening, speaker in DEMO_INDIRECT_SPEAKERS.items()
        if _speaker_of(demo_quotes, "indirect", opening) != speaker
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japanese trade ministry spokesperson", True),
        ("spokesman for Japan's trade ministry", True),
        ("U.S. official travelling with Pence", True),
        ("Some U.S. farm groups", True),
        ("Shinzo Abe", False),
        ("Foreign Ministry", False),
        ("prime minister", False),
    ],
)
def test_descriptions_are_told_from_names(text: str, expected: bool) -> None:
    assert is_description(text) is expected


def test_pronoun_after_a_described_speaker_is_that_speaker(nlp: Language) -> None:
    text = (
        "Trade minister Hiroshige Seko said the decision was regrettable.\n\n"
        '"We will keep talking," a Japanese trade ministry spokesperson said. '
        '"Our position has not changed," he said.\n\n'
        '"Nothing is final," an aide travelling with Seko said. "We will see," she said.'
    )
    quotes = _quotes(nlp, text)
    assert _direct(quotes, "We will keep talking").speaker_text == "Japanese trade ministry spokesperson"
    assert _direct(quotes, "Our position").speaker_text == "Japanese trade ministry spokesperson"
    assert _direct(quotes, "Nothing is final").speaker_text == "aide travelling with Seko"
    assert _direct(quotes, "We will see").speaker_text == "aide travelling with Seko"


def test_a_spokeswoman_is_not_he(nlp: Language) -> None:
    text = (
        "Senator John Smith spoke on Monday.\n\n"
        '"We disagree," a spokeswoman for the ministry said. "It will pass," he said.'
    )
    quotes = _quotes(nlp, text)
    assert _direct(quotes, "We disagree").speaker_text == "spokeswoman for the ministry"
    assert _direct(quotes, "It will pass").speaker_text == "John Smith"


def test_cue_objects_and_paragraph_breaks_are_not_speakers(nlp: Language) -> None:
    text = (
        "5:45 p.m.\n\n"
        "Jane Doe's doctor is calling the candidate “extremely physically fit.”\n\n"
        "The ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead, you might ask?”\n\n"
        "The spot concludes with footage of Donald Trump saying during the debate, “That makes me smart,” "
        "when Clinton blasted him.\n\n"
        'The main requirement is a "lawful source of investment income," as a Homeland Security memo put it.'
    )
    quotes = _quotes(nlp, text)
    assert _direct(quotes, "extremely physically fit").speaker_text == "Jane Doe's doctor"
    assert _direct(quotes, "Why aren’t I").speaker_text == "Hillary Clinton"
    assert _direct(quotes, "That makes me smart").speaker_text == "Donald Trump"
    assert _direct(quotes, "lawful source").speaker_text == "Homeland Security"  # the issuer, as for "a Kremlin statement"


# --- pronouns after other people's quotes, shared surnames, misattached participles -------------


def test_it_is_never_the_antecedent_of_he(nlp: Language) -> None:
    text = (
        "Donald Trump spoke in Ohio on Monday. Trump has record low support among black voters.\n\n"
        "David Perdue, a Republican senator from Georgia, said he doubted the attacks mattered, arguing "
        "that it was divisions in the Republican Party that hurt Romney.\n\n"
        "“It’s not what worked four years ago,” he said."
    )
    assert _direct(_quotes(nlp, text), "It’s not what worked").speaker_text == "David Perdue"


def test_a_surname_keeps_the_gender_of_its_own_first_name(nlp: Language) -> None:
    text = (
        "Keith Lamont Scott was sitting in his car when officers arrived.\n\n"
        "Rakeyia Scott can be heard yelling to an officer that her husband was unarmed.\n\n"
        "\"Don't shoot him,\" she says. \"He has no weapon.\""
    )
    assert _direct(_quotes(nlp, text), "Don't shoot him").speaker_text == "Rakeyia Scott"


def test_a_pronoun_named_in_its_own_sentence_does_not_continue_the_previous_speaker(nlp: Language) -> None:
    text = (
        "Jean-Marc Ayrault, the foreign minister of France, said the test \"cannot be left without an answer.\"\n\n"
        "Secretary General Ban Ki-moon condemned what he called a \"brazen breach\" of the resolutions.\n\n"
        "\"I count on the council to remain united,\" he told reporters."
    )
    quotes = _quotes(nlp, text)
    assert _direct(quotes, "brazen breach").speaker_text == "Ban Ki-moon"
    assert _direct(quotes, "I count on the council").speaker_text == "Ban Ki-moon"


def test_a_participle_after_a_relative_clause_belongs_to_the_main_clause(nlp: Language) -> None:
    text = (
        "Donald Trump spoke on Monday. Trump was again defensive when pressed to explain not paying a "
        "contractor who said he was cheated after he built a clubhouse at one of Trump’s golf resorts, "
        "saying, “Maybe he didn’t do a good job.”"
    )
    assert _direct(_quotes(nlp, text), "Maybe he didn’t").speaker_text == "Trump"


def test_terry_is_a_name_for_both_sexes() -> None:
    assert first_name_gender("Terry") is None
