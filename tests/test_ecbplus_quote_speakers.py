"""The ECB+ quote-speaker benchmark (benchmarks/ecbplus_quote_speakers.py) on a made-up ECB+ folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import load_benchmark

SENTENCES = [
    "Mayor Ann Lee opened the new bridge on Friday .",
    '"It took ten years , " she said .',
    "A city spokesman added : \"We are proud . \"",
]


def _write_document(folder: Path) -> None:
    tokens = "".join(
        f'<token t_id="{i}{j}" sentence="{i}" number="{j}">{word.replace(chr(34), "&quot;")}</token>'
        for i, sentence in enumerate(SENTENCES) for j, word in enumerate(sentence.split())
    )
    (folder / "1").mkdir(parents=True)
    (folder / "1" / "1_1ecb.xml").write_text(f'<Document doc_name="1_1ecb.xml">{tokens}</Document>')


def _span(text: str, phrase: str) -> list[int]:
    start = text.index(phrase)
    return [start, start + len(phrase)]


def test_quotes_of_a_made_up_document_are_scored(tmp_path: Path) -> None:
    ecb = load_benchmark("ecbplus_quote_speakers")
    _write_document(tmp_path / "ECB+")
    texts, _ = ecb.read_corpus(tmp_path / "ECB+")
    text = texts["1_1ecb.xml"]
    assert ecb.parse_ready(text) == text.replace("\n", " ") and len(ecb.parse_ready(text)) == len(text)
    gold = {"about": "made up", "articles": {"1_1ecb.xml": {"complete": True, "quotes": [
        {"quote": _span(text, "It took ten years,"), "speaker": _span(text, "Ann Lee"), "kind": "name"},
        {"quote": _span(text, "We are proud."), "speaker": _span(text, "A city spokesman"), "kind": "description"},
    ]}}}
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    figures = ecb.run(tmp_path / "ECB+", tmp_path / "gold.json")
    assert figures["gold_quotes"] == 2 and figures["lenient"]["recall"] == 100.0
    assert figures["speaker_accuracy"] == 100.0 and figures["speaker_scored"] == 2


def test_an_annotated_document_missing_from_the_data_stops_the_run(tmp_path: Path) -> None:
    ecb = load_benchmark("ecbplus_quote_speakers")
    _write_document(tmp_path / "ECB+")
    (tmp_path / "gold.json").write_text(json.dumps({"about": "", "articles": {"2_1ecb.xml": {"quotes": []}}}))
    with pytest.raises(SystemExit, match="not in the data"):
        ecb.run(tmp_path / "ECB+", tmp_path / "gold.json")
