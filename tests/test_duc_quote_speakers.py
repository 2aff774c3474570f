"""The DUC 2004 quote-speaker benchmark's scorer (benchmarks/duc_quote_speakers.py), on our own text."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from conftest import load_benchmark
from hypothesis import given
from hypothesis import strategies as st

TEXT = (
    "Mayor Ann Lee opened the bridge on Friday. ``It took ten years,'' she said. "
    "A city spokesman added: ``We are proud.''"
)


@pytest.fixture(scope="module")
def duc() -> ModuleType:
    """The benchmark script as a module."""
    return load_benchmark("duc_quote_speakers")


def _span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


@given(st.text(alphabet="ab`'\n \u201c", max_size=60))
def test_normalised_text_keeps_every_offset(raw: str) -> None:
    duc = load_benchmark("duc_quote_speakers")
    text = duc.normalised_text(raw)
    assert len(text) == len(raw)
    assert "``" not in text and "''" not in text and "\n" not in text


def test_quotes_and_speakers_are_scored(duc: ModuleType, tmp_path: Path) -> None:
    text = duc.normalised_text(TEXT)
    first, second = _span("It took ten years,"), _span("We are proud.")
    gold = [duc.GoldQuote(*first, _span("Ann Lee"), "name"),
            duc.GoldQuote(*second, _span("A city spokesman"), "description")]
    right = [duc.Predicted(*first, _span("Ann Lee"), "Ann Lee"), duc.Predicted(*second, None, "spokesman")]
    tally = duc.Tally()
    duc.score_article(text, gold, right, duc.LENIENT, tally, with_speakers=True)
    assert (tally.found, tally.correct, tally.speaker_right) == (2, 2, {"name": 1, "description": 1})

    wrong = [duc.Predicted(*first, None, "Tom Ray"), duc.Predicted(*second, _span("Mayor"), "Mayor")]
    tally = duc.Tally()
    duc.score_article(text, gold, wrong, duc.LENIENT, tally, with_speakers=True)
    assert tally.speaker_right == {"name": 0, "description": 0} and len(tally.wrong) == 2


def test_a_short_overlap_is_not_found(duc: ModuleType) -> None:
    start, end = _span("It took ten years,")
    gold = [duc.GoldQuote(start, end, None, "none")]
    tally = duc.Tally()
    duc.score_article(TEXT, gold, [duc.Predicted(start, start + 3, None, None)], duc.LENIENT, tally, True)
    assert (tally.found, tally.correct, tally.predicted) == (0, 0, 1)


def test_load_gold_reads_the_file_format(duc: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"about": "made up", "articles": {"1/D1.txt": {"complete": True, "quotes": [
        {"quote": [5, 9], "speaker": [0, 3], "kind": "name"}, {"quote": [20, 25], "speaker": None, "kind": "none"}]}}}))
    assert duc.load_gold(path) == {"1/D1.txt": [duc.GoldQuote(5, 9, (0, 3), "name"), duc.GoldQuote(20, 25, None, "none")]}
