"""Direct quotes and their speakers on ECB+ news, against a blind hand annotation (a sealed test).

A third speaker benchmark beside ``polnear_quotes.py`` and ``duc_quote_speakers.py``, on text from
many outlets (2000s-2010s, ECB+ topics 1-22) that no extractor rule was tuned on. The article text
is the ECB+ tokens joined as ``ecbplus_stories.detokenize`` joins them, one sentence per line, so the
gold offsets index that text; before parsing each newline becomes a space, moving no offset.

Gold: ``--gold`` (default benchmarks/data/ecbplus_quote_speakers.json), made blind at stop 15 by two
annotators, each from the article text only, over every ECB+ document with at least four quotation
marks (108 documents, split between them by alternate file names): every direct quotation and the
mention naming its speaker, with the rules of the DUC sets (bare name nearest before the quote, else
the first after it; the description as written when never named; null when nobody can be told).
Offsets only. Scoring is ``quote_gold.py``'s. Prints one JSON object on its last line. Anchor:
GenderGapTracker's speaker accuracy, about 87% on its own data.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ecbplus_stories import DEFAULT_DATA, read_corpus
from quote_gold import benchmark_main, score_texts

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO_ROOT / "benchmarks" / "data" / "ecbplus_quote_speakers.json"


def parse_ready(text: str) -> str:
    """The detokenised text with its sentence breaks as spaces, every offset unchanged."""
    return text.replace("\n", " ")


def run(data: Path, gold_path: Path, show: int = 0) -> dict[str, object]:
    """Parse, extract and score every annotated document; ``show`` speaker errors go to stderr."""
    texts, _stories = read_corpus(data)
    parse_ready_texts = {name: parse_ready(text) for name, text in texts.items()}
    return score_texts("ecbplus_quote_speakers", parse_ready_texts, gold_path, show)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``python benchmarks/ecbplus_quote_speakers.py [--data DIR] [--gold FILE] [--show N]``."""
    benchmark_main(__doc__, run, DEFAULT_DATA, DEFAULT_GOLD, "ECB+ folder (<topic>/<doc>.xml)", argv)


if __name__ == "__main__":
    main()
