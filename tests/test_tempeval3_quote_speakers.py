"""The TempEval-3 quote-speaker benchmark's sample (benchmarks/tempeval3_quote_speakers.py)."""

from __future__ import annotations

from conftest import load_benchmark


def test_marks_of_every_style_are_counted() -> None:
    te3 = load_benchmark("tempeval3_quote_speakers")
    assert te3.quote_marks("``Yes,'' he said. \"No,\" she said. \u201cMaybe.\u201d") == 6


def test_the_sample_keeps_quoted_documents_unlike_the_other_corpus() -> None:
    te3 = load_benchmark("tempeval3_quote_speakers")
    shared = "the harbour board voted on tuesday to close the old pier for good"
    texts = {
        "quoted": "``We will rebuild the pier,'' the mayor said. ``It is ours,'' she added.",
        "copied": f"``{shared},'' he said. ``Sad,'' she said.",
        "unquoted": "The pier closed on Tuesday after a long vote by the harbour board.",
    }
    assert te3.sample_documents(texts, others=[shared]) == ["quoted"]
    assert te3.sample_documents(texts) == ["copied", "quoted"]
