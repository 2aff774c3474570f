"""The web-news quote-speaker benchmark's page reading and sample (benchmarks/web_quote_speakers.py)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import load_benchmark

ENGLISH = "The mayor said the plan was ready and that the city would vote on it in the spring."


def test_english_share_tells_english_prose_from_other_languages() -> None:
    web = load_benchmark("web_quote_speakers")
    assert web.english_share(ENGLISH) > 0.2
    assert web.english_share("Il sindaco ha detto che il piano era pronto per la città.") < 0.1
    assert web.english_share("") == 0


def test_pages_are_read_by_id_and_sampled_when_english_quoted_and_short(tmp_path: Path) -> None:
    web = load_benchmark("web_quote_speakers")
    quoted = f"\u201cWe are ready,\u201d she said. {ENGLISH} \"Now,\" he said."
    truth = {
        "b-quoted": {"articleBody": quoted, "url": "https://example.org/b"},
        "a-unquoted": {"articleBody": ENGLISH},
        "c-italian": {"articleBody": "\u201cPronto,\u201d disse. \u201cOra,\u201d disse lui. Il piano era pronto."},
        "d-long": {"articleBody": quoted + " x" * web.MAX_CHARS},
        "e-empty": {"articleBody": None},
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    pages = web.read_pages(tmp_path)
    assert pages["b-quoted"] == quoted and pages["e-empty"] == ""
    assert web.sample_pages(pages) == ["b-quoted"]
