"""Direct quotes and their speakers on 2019 web news pages, against a blind hand annotation (a sealed test).

An eighth speaker benchmark, made at stop 17 on text no speaker rule was tuned on: the article
bodies of the Zyte article-extraction benchmark (``ground-truth.json``, ``articleBody``), pages
from November 2019 by many outlets (AP, Reuters, CBS, the Hill, BBC, the LA Times, sports and
science sites). It is the set closest to GenderGapTracker's own data (online news of the same
years). The annotated pages are ``sample_pages``: English bodies of at most 8,000 characters with
at least four double quotation marks (curly or straight). The text is the body exactly as the
ground truth gives it, paragraphs on their own lines; the gold offsets index it and it is parsed
unchanged.

Gold: ``--gold`` (default benchmarks/data/web_quote_speakers.json), made blind by three annotators
from the text only, with the rules of the DUC, ECB+, MEANTIME and Timeline17 sets. Offsets only.
Scoring is ``quote_gold.py``'s. Read once, sealed, at stop 17 after that stop's rules: speaker
accuracy 83.3 on 281 quotes with a speaker (the stop-16 code: 82.2), quote span F1 91.4; opened
since. Prints one JSON object on its last line. Anchor: GenderGapTracker's speaker accuracy, about
87% on its own data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from quote_gold import benchmark_main, score_texts

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "article-extraction"
DEFAULT_GOLD = REPO_ROOT / "benchmarks" / "data" / "web_quote_speakers.json"
MAX_CHARS = 8000
MIN_MARKS = 4
ENGLISH_SHARE = 0.1
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset({"the", "and", "of", "to", "in", "is", "was", "that", "for", "with"})


def english_share(text: str) -> float:
    """Share of the words that are common English function words (about 0.2 in English prose)."""
    words = [word.lower() for word in _WORD.findall(text)]
    return sum(word in _ENGLISH_FUNCTION_WORDS for word in words) / max(len(words), 1)


def read_pages(data: Path) -> dict[str, str]:
    """Every page's article body by page id, as ``ground-truth.json`` gives it."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return {page: str(item.get("articleBody") or "") for page, item in sorted(truth.items())}


def sample_pages(texts: dict[str, str]) -> list[str]:
    """The annotated sample: English bodies of a readable length with quotation marks, by id."""
    return sorted(
        page for page, text in texts.items()
        if 0 < len(text) <= MAX_CHARS and english_share(text) >= ENGLISH_SHARE
        and sum(text.count(mark) for mark in ('"', "\u201c", "\u201d")) >= MIN_MARKS
    )


def run(data: Path, gold_path: Path, show: int = 0) -> dict[str, object]:
    """Parse, extract and score every annotated page; ``show`` speaker errors go to stderr."""
    return score_texts("web_quote_speakers", read_pages(data), gold_path, show)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``python benchmarks/web_quote_speakers.py [--data DIR] [--gold FILE] [--show N]``."""
    benchmark_main(__doc__, run, DEFAULT_DATA, DEFAULT_GOLD, "article-extraction folder (ground-truth.json)", argv)


if __name__ == "__main__":
    main()
