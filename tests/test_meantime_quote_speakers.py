"""The MEANTIME quote-speaker benchmark's text rebuilding (benchmarks/meantime_quote_speakers.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import load_benchmark


def test_ptb_and_straight_marks_become_curly_marks_on_their_words() -> None:
    meantime = load_benchmark("meantime_quote_speakers")
    sentences = [
        ["``", "We", "are", "proud", ",", "''", "said", "Ann", "Lee", "."],
        ['"', "It", "is", "done", ".", '"', "She", "did", "n't", "stay", "."],
        ['"', "Open", "here", "."],
        ["and", "closed", "there", ".", '"'],
    ]
    assert meantime.meantime_text(sentences).split("\n") == [
        "\u201cWe are proud,\u201d said Ann Lee.",
        "\u201cIt is done.\u201d She didn't stay.",
        "\u201cOpen here.",
        "and closed there.\u201d",
    ]


def test_documents_are_read_by_folder_and_file(tmp_path: Path) -> None:
    meantime = load_benchmark("meantime_quote_speakers")
    folder = tmp_path / "corpus_x"
    folder.mkdir()
    tokens = "".join(
        f'<token sentence="{s}" number="{n}">{w}</token>'
        for s, words in enumerate([["Hello", "."], ["``", "Yes", ",", "''", "he", "said", "."]])
        for n, w in enumerate(words)
    )
    (folder / "1_A.xml").write_text(f"<Document>{tokens}</Document>")
    assert meantime.read_meantime(tmp_path) == {"corpus_x/1_A.xml": "Hello.\n\u201cYes,\u201d he said."}
