"""The PolNeAR benchmark's speaker scoring: fair to pronoun and description sources, never to wrong speakers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest
from conftest import load_benchmark

TEXT = (
    "Republican presidential nominee Donald Trump spoke in Ohio. "
    "Hillary Clinton answered him. "
    "The Republican nominee said “taxes are too high.” "
    "A Donald Trump tweet called it “a disaster.” "
    "“We will win,” she said. "
    "Gary Johnson’s doctor said he is “in good health.”"
)


@pytest.fixture(scope="module")
def referents() -> ModuleType:
    """The referent logic (benchmarks/polnear_referents.py)."""
    return load_benchmark("polnear_referents")


@pytest.fixture(scope="module")
def polnear(referents: ModuleType) -> ModuleType:
    """The scorer; it imports ``polnear_referents``, loaded first."""
    return load_benchmark("polnear_quotes")


def span(phrase: str, text: str = TEXT) -> tuple[int, int]:
    """Offsets of the first occurrence of ``phrase``."""
    start = text.index(phrase)
    return start, start + len(phrase)


def write_ann(tmp_path: Path, attributions: list[tuple[str | None, str]], text: str = TEXT) -> Path:
    """A brat file with one (Source, Content) attribution per pair; Source None for no-source ones."""
    lines, next_id = [], 1
    for number, (source, content) in enumerate(attributions, start=1):
        roles = []
        for role, phrase in (("Source", source), ("Content", content)):
            if phrase is None:
                continue
            start, end = span(phrase, text)
            lines.append(f"T{next_id}\t{role} {start} {end}\t{phrase}")
            roles.append(f"{role}:T{next_id}")
            next_id += 1
        lines.append(f"E{number}\tAttribution:T{next_id} " + " ".join(roles))
        next_id += 1
    path = tmp_path / "article_abcd.ann"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ATTRIBUTIONS: list[tuple[str | None, str]] = [
    ("Hillary Clinton", "answered him"),
    ("The Republican nominee", "“taxes are too high.”"),
    ("A Donald Trump tweet", "“a disaster.”"),
    ("she", "“We will win,”"),
    ("Gary Johnson’s doctor", "he is “in good health.”"),
]


def speaker_verdicts(polnear: ModuleType, tmp_path: Path, speakers: dict[str, str]) -> dict[str, bool]:
    """Score one prediction per gold quote, with the given speaker name; gold content -> name match."""
    golds = polnear.gold_quotes(TEXT, write_ann(tmp_path, ATTRIBUTIONS))
    verdicts = {}
    for gold in golds:
        content = TEXT[gold.content[0][0] : gold.content[-1][1]]
        name = speakers[content]
        name_at = TEXT.index(name)
        pred = polnear.Predicted(gold.content[0][0], gold.content[-1][1], (name_at, name_at + len(name)), name)
        verdicts[content] = polnear._speaker_right(TEXT, gold, [pred])[1]
    return verdicts


RIGHT = {
    "“taxes are too high.”": "Donald Trump",
    "“a disaster.”": "Donald Trump",
    "“We will win,”": "Hillary Clinton",
    "he is “in good health.”": "doctor",
}
WRONG = {
    "“taxes are too high.”": "Hillary Clinton",
    "“a disaster.”": "Hillary Clinton",
    "“We will win,”": "Donald Trump",
    "he is “in good health.”": "Gary Johnson",
}


def test_described_and_pronoun_sources_accept_the_right_person(polnear: ModuleType, tmp_path: Path) -> None:
    verdicts = speaker_verdicts(polnear, tmp_path, RIGHT)
    assert verdicts == dict.fromkeys(RIGHT, True)


def test_wrong_speakers_are_still_counted_wrong(polnear: ModuleType, tmp_path: Path) -> None:
    verdicts = speaker_verdicts(polnear, tmp_path, WRONG)
    assert verdicts == dict.fromkeys(WRONG, False)


def test_pronoun_skips_things_and_plurals(referents: ModuleType) -> None:
    earlier = [(0, "Hillary Clinton"), (20, "human rights groups"), (40, "a Donald Trump tweet")]
    assert referents.pronoun_referent("she", earlier, "") == "Hillary Clinton"
    assert referents.pronoun_referent("they", earlier, "") == "a Donald Trump tweet"
    assert referents.pronoun_referent("he", [(0, "The party's existing rules")], "") is None
    assert referents.referent_words("Quentin Kidd, a scientist in Scott's district") == {
        "quentin", "kidd", "a", "scientist", "in", "district"}
    assert referents.pronoun_referent("he", earlier[:1], "") is None  # Hillary is a woman's name
    assert referents.pronoun_referent("she", [(0, "9/11 widow Terry Strada")], "") == "9/11 widow Terry Strada"


def test_described_name_ignores_names_and_place_appositions(referents: ModuleType) -> None:
    text = "Mayor Bill de Blasio spoke. In Chelsea, the mayor said more."
    assert referents.described_name(text, "the mayor", len(text)) == "Bill de Blasio"
    assert referents.described_name(TEXT, "The New York Post", len(TEXT)) == ""
    assert referents.described_name("Republican Donald Trump won.", "The Republican", 30) == "Donald Trump"


def test_score_article_tallies_a_wrong_speaker(polnear: ModuleType, tmp_path: Path) -> None:
    golds = polnear.gold_quotes(TEXT, write_ann(tmp_path, ATTRIBUTIONS))
    quote = span("“We will win,”")
    clinton, trump = span("Hillary Clinton"), span("Donald Trump")
    tally = polnear.Tally()
    polnear.score_article(TEXT, golds, [polnear.Predicted(*quote, clinton, "Hillary Clinton")], 0.3, tally)
    assert (tally.found, tally.speaker_total, tally.speaker_name) == (1, 1, 1)
    tally = polnear.Tally()
    polnear.score_article(TEXT, golds, [polnear.Predicted(*quote, trump, "Donald Trump")], 0.3, tally)
    assert (tally.found, tally.speaker_total, tally.speaker_name) == (1, 1, 0)
    assert len(tally.wrong_speaker) == 1


def test_second_content_fragment_joins_the_first(polnear: ModuleType, tmp_path: Path) -> None:
    first, second = span("“taxes are too high.”"), span("“a disaster.”")
    source = span("The Republican nominee")
    ann = tmp_path / "two_abcd.ann"
    ann.write_text(
        f"T1\tSource {source[0]} {source[1]}\tx\nT2\tContent {first[0]} {first[1]}\tx\n"
        f"T3\tContent {second[0]} {second[1]}\tx\nE1\tAttribution:T4 Source:T1 Content:T2 Content2:T3\n",
        encoding="utf-8",
    )
    (gold,) = polnear.gold_quotes(TEXT, ann)
    assert gold.content == (first, second)


RELATIVE_TEXT = (
    "Jane Doe praised the budget. Voters also heard from Bob Roe, now the county treasurer, who called it "
    "“a fair deal.” The Acme Corporation, which funds the park, said it was “glad to help.”"
)
RELATIVE_ATTRIBUTIONS: list[tuple[str | None, str]] = [
    ("Jane Doe", "praised the budget"),
    ("who", "“a fair deal.”"),
    ("which", "“glad to help.”"),
]


def relative_verdicts(polnear: ModuleType, tmp_path: Path, speakers: dict[str, str]) -> dict[str, bool]:
    """Name-match verdicts for the relative-pronoun quotes of RELATIVE_TEXT, one speaker each."""
    golds = polnear.gold_quotes(RELATIVE_TEXT, write_ann(tmp_path, RELATIVE_ATTRIBUTIONS, RELATIVE_TEXT))
    verdicts = {}
    for gold in golds:
        content = RELATIVE_TEXT[gold.content[0][0] : gold.content[-1][1]]
        name = speakers[content]
        at = span(name, RELATIVE_TEXT)
        verdicts[content] = polnear._speaker_right(RELATIVE_TEXT, gold, [polnear.Predicted(*gold.content[0], at, name)])[1]
    return verdicts


def test_relative_pronoun_source_is_the_noun_phrase_before_it(polnear: ModuleType, tmp_path: Path) -> None:
    right = {"“a fair deal.”": "Bob Roe", "“glad to help.”": "Acme Corporation"}
    assert relative_verdicts(polnear, tmp_path, right) == dict.fromkeys(right, True)
    described = {"“a fair deal.”": "county treasurer", "“glad to help.”": "The Acme Corporation"}
    assert relative_verdicts(polnear, tmp_path, described) == dict.fromkeys(described, True)


def test_relative_pronoun_source_still_counts_a_wrong_speaker_wrong(polnear: ModuleType, tmp_path: Path) -> None:
    wrong = {"“a fair deal.”": "Jane Doe", "“glad to help.”": "Bob Roe"}
    assert relative_verdicts(polnear, tmp_path, wrong) == dict.fromkeys(wrong, False)


@pytest.mark.parametrize(
    ("before", "antecedent"),
    [
        ("Nervous Democrats on Capitol Hill, ", "Nervous Democrats on Capitol Hill"),
        ("the 12th clause in the town charter ", "the 12th clause in the town charter"),
        ("Instead, the survey -- ", "the survey"),
        ("a talk by former Governor Ann Lee, ", "Governor Ann Lee"),
        ("Ann Lee endorses Tom Fry, ", "Tom Fry"),
        ("Ann Lee endorses the Acme Corporation ", "the Acme Corporation"),
        ("Funding came from Grow4, a local charity ", "Grow4, a local charity"),
        ("It was said by Dr. Ann B. Lee ", "Dr. Ann B. Lee"),
        ("most of ", None),
        ("The vote ended. ", None),
    ],
)
def test_relative_antecedent_rules(referents: ModuleType, before: str, antecedent: str | None) -> None:
    text = before + "who spoke."
    assert referents.relative_antecedent(text, len(before)) == antecedent


HAND_TEXT = (
    "The council chair said the budget was tight. Mayor Ann Lee arrived later. "
    "She said “we will build the park.”"
)
HAND_ATTRIBUTIONS: list[tuple[str | None, str]] = [
    ("The council chair", "the budget was tight"),
    ("She", "“we will build the park.”"),
]


def hand_verdicts(
    polnear: ModuleType, tmp_path: Path, speaker: str, hand: Mapping[int, tuple[int, int] | None] | None
) -> bool:
    """Name-match verdict for the "She" quote of HAND_TEXT, with ``speaker`` and hand referents ``hand``."""
    ann = write_ann(tmp_path, HAND_ATTRIBUTIONS, HAND_TEXT)
    (gold,) = polnear.gold_quotes(HAND_TEXT, ann, hand)
    pred = polnear.Predicted(*gold.content[0], span(speaker, HAND_TEXT), speaker)
    return bool(polnear._speaker_right(HAND_TEXT, gold, [pred])[1])


def test_hand_referent_overrides_the_heuristic(polnear: ModuleType, tmp_path: Path) -> None:
    she = span("She", HAND_TEXT)[0]
    hand = {she: span("Ann Lee", HAND_TEXT)}
    # The heuristic takes the closest earlier gold Source: the council chair (Ann Lee is no Source).
    assert hand_verdicts(polnear, tmp_path, "council chair", None)
    assert not hand_verdicts(polnear, tmp_path, "Ann Lee", None)
    assert hand_verdicts(polnear, tmp_path, "Ann Lee", hand)
    assert hand_verdicts(polnear, tmp_path, "Mayor Ann Lee", hand)
    # Hand referents of other sources leave the heuristic in place.
    assert hand_verdicts(polnear, tmp_path, "council chair", {she + 1: span("Ann Lee", HAND_TEXT)})


def test_wrong_speaker_still_counts_wrong_with_a_hand_referent(polnear: ModuleType, tmp_path: Path) -> None:
    she = span("She", HAND_TEXT)[0]
    assert not hand_verdicts(polnear, tmp_path, "council chair", {she: span("Ann Lee", HAND_TEXT)})
    assert not hand_verdicts(polnear, tmp_path, "budget", {she: span("Ann Lee", HAND_TEXT)})
    # A hand referent of null (not in the text): only span overlap with the pronoun counts.
    assert not hand_verdicts(polnear, tmp_path, "council chair", {she: None})
    assert not hand_verdicts(polnear, tmp_path, "Ann Lee", {she: None})
    assert hand_verdicts(polnear, tmp_path, "She", {she: None})


DESCRIPTION_SOURCE_TEXT = (
    "Mayor Ann Lee opened the park. Tom Ray watched. "
    "The city's first mayor said \u201cit took ten years.\u201d"
)


def test_a_description_source_also_takes_its_hand_referent(polnear: ModuleType, tmp_path: Path) -> None:
    ann = write_ann(tmp_path, [("The city's first mayor", "\u201cit took ten years.\u201d")], DESCRIPTION_SOURCE_TEXT)
    source = span("The city's first mayor", DESCRIPTION_SOURCE_TEXT)[0]

    def right(speaker: str, hand: Mapping[int, tuple[int, int] | None] | None) -> bool:
        (gold,) = polnear.gold_quotes(DESCRIPTION_SOURCE_TEXT, ann, hand)
        pred = polnear.Predicted(*gold.content[0], span(speaker, DESCRIPTION_SOURCE_TEXT), speaker)
        return bool(polnear._speaker_right(DESCRIPTION_SOURCE_TEXT, gold, [pred])[1])

    assert not right("Ann Lee", None)  # the article never writes "first mayor Ann Lee"
    assert right("Ann Lee", {source: span("Ann Lee", DESCRIPTION_SOURCE_TEXT)})
    assert right("first mayor", {source: span("Ann Lee", DESCRIPTION_SOURCE_TEXT)})  # the description itself
    assert not right("Tom Ray", {source: span("Ann Lee", DESCRIPTION_SOURCE_TEXT)})
    assert not right("Ann Lee", {source: None})  # null: the description names nobody


def test_referent_agreement_compares_heuristic_and_hand(polnear: ModuleType, tmp_path: Path) -> None:
    heuristic = polnear.gold_quotes(HAND_TEXT, write_ann(tmp_path, HAND_ATTRIBUTIONS, HAND_TEXT))
    she = span("She", HAND_TEXT)[0]
    assert polnear.referent_agreement(HAND_TEXT, heuristic, {she: span("Ann Lee", HAND_TEXT)}) == [False]
    assert polnear.referent_agreement(HAND_TEXT, heuristic, {she: span("The council chair", HAND_TEXT)}) == [True]
    assert polnear.referent_agreement(HAND_TEXT, heuristic, {she: None}) == []
    assert polnear.referent_agreement(HAND_TEXT, heuristic, {}) == []


def test_load_hand_referents_reads_the_json_format(referents: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "referents.json"
    path.write_text(json.dumps({
        "about": "made-up test data",
        "articles": {
            "site_2016-01-01_story": {"complete": True, "referents": [
                {"source": [120, 123], "referent": [45, 52]},
                {"source": [200, 202], "referent": None},
            ]},
            "other_2016-01-02_story": {"complete": True, "referents": []},
        },
    }), encoding="utf-8")
    assert referents.load_hand_referents(path) == {
        "site_2016-01-01_story": {120: (45, 52), 200: None},
        "other_2016-01-02_story": {},
    }


def test_shipped_hand_referents_are_well_formed(polnear: ModuleType, referents: ModuleType) -> None:
    if not polnear.DEFAULT_REFERENTS.is_file():
        pytest.skip("no hand referents file")
    loaded = referents.load_hand_referents(polnear.DEFAULT_REFERENTS)
    assert loaded
    for article in loaded.values():
        for source, referent in article.items():
            assert source >= 0
            assert referent is None or 0 <= referent[0] < referent[1]


def test_referents_none_uses_the_heuristic_only(polnear: ModuleType, tmp_path: Path) -> None:
    assert polnear.parse_args(["--referents", "none"]).referents is None
    assert polnear.parse_args(["--referents", "None"]).referents is None
    assert polnear.parse_args([]).referents == polnear.DEFAULT_REFERENTS
    assert polnear.parse_args(["--referents", "x.json"]).referents == Path("x.json")
    ann = write_ann(tmp_path, HAND_ATTRIBUTIONS, HAND_TEXT)
    heuristic = polnear.gold_quotes(HAND_TEXT, ann)
    assert polnear.gold_quotes(HAND_TEXT, ann, None) == heuristic == polnear.gold_quotes(HAND_TEXT, ann, {})
    assert heuristic[0].referent_text == "The council chair"


DESCRIBED_TEXT = (
    "Republican presidential nominee Tom Fry toured Ohio. Mayor Ann Lee met him. "
    "He said “the plant will stay open.”"
)


@pytest.mark.parametrize(
    ("speaker", "right"),
    [("Republican presidential nominee", True), ("Democratic presidential nominee", False), ("Mayor", False)],
)
def test_a_predicted_description_names_the_person_the_article_gives_that_role(
    polnear: ModuleType, tmp_path: Path, speaker: str, right: bool,
) -> None:
    ann = write_ann(tmp_path, [("He", "“the plant will stay open.”")], DESCRIBED_TEXT)
    he = span("He", DESCRIBED_TEXT)[0]
    (gold,) = polnear.gold_quotes(DESCRIBED_TEXT, ann, {he: span("Tom Fry", DESCRIBED_TEXT)})
    pred = polnear.Predicted(*gold.content[0], None, speaker)
    assert polnear._speaker_right(DESCRIBED_TEXT, gold, [pred])[1] is right
