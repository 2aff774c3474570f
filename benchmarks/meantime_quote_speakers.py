"""Direct quotes and their speakers on MEANTIME (Wikinews), against a blind hand annotation.

A fourth speaker benchmark, made as a sealed test after the ECB+ one was opened: Wikinews
articles (2005-2011) on Airbus, Apple, General Motors and the stock market. The text is the
MEANTIME tokens joined into prose, one sentence per line (``meantime_text``): the PTB marks
``\\`\\``` and ``''`` become \u201c and \u201d, which attach to the words they enclose, as straight
marks do by turns. The gold offsets index that text; before parsing each newline becomes a space.

Gold: ``--gold`` (default benchmarks/data/meantime_quote_speakers.json), made blind at stop 15 by
two annotators from the article text only, over every MEANTIME document with at least four
quotation marks, with the rules of the DUC and ECB+ sets. Offsets only. Scoring is
``quote_gold.py``'s. Prints one JSON object on its last line. Anchor: GenderGapTracker's speaker
accuracy, about 87% on its own data.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from quote_gold import benchmark_main, score_texts

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "meantime"
DEFAULT_GOLD = REPO_ROOT / "benchmarks" / "data" / "meantime_quote_speakers.json"
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}\u201d]|n't|'s|'re|'ll|'ve|'d|'m)(?= |$)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$\u201c]) ")


def _marked(tokens: Sequence[str], open_quote: bool) -> tuple[list[str], bool]:
    """PTB and straight double marks as curly ones; ``open_quote`` carries over sentences."""
    out: list[str] = []
    for token in tokens:
        if token == "``" or (token == '"' and not open_quote):
            out.append("\u201c")
            open_quote = True
        elif token == "''" or token == '"':
            out.append("\u201d")
            open_quote = False
        else:
            out.append(token)
    return out, open_quote


def meantime_text(sentences: Sequence[Sequence[str]]) -> str:
    """Readable text of one document: sentences on their own lines, spaces only between words."""
    lines: list[str] = []
    open_quote = False
    for tokens in sentences:
        marked, open_quote = _marked(tokens, open_quote)
        lines.append(_NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", " ".join(marked))))
    return "\n".join(lines)


def read_meantime(data: Path) -> dict[str, str]:
    """Text of every MEANTIME document under ``data``, by ``<corpus folder>/<file name>``."""
    texts: dict[str, str] = {}
    for path in sorted(data.glob("**/*.xml")):
        sentences: dict[int, list[str]] = defaultdict(list)
        for token in ET.parse(path).getroot().iter("token"):
            sentences[int(token.get("sentence", "0"))].append(token.text or "")
        if sentences:
            texts[f"{path.parent.name}/{path.name}"] = meantime_text([sentences[k] for k in sorted(sentences)])
    return texts


def run(data: Path, gold_path: Path, show: int = 0) -> dict[str, object]:
    """Parse, extract and score every annotated document; ``show`` speaker errors go to stderr."""
    texts = {name: text.replace("\n", " ") for name, text in read_meantime(data).items()}
    return score_texts("meantime_quote_speakers", texts, gold_path, show)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``python benchmarks/meantime_quote_speakers.py [--data DIR] [--gold FILE] [--show N]``."""
    benchmark_main(__doc__, run, DEFAULT_DATA, DEFAULT_GOLD, "MEANTIME folder (any depth of .xml)", argv)


if __name__ == "__main__":
    main()
