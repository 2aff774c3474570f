"""Direct quotes and their speakers on TempEval-3 news (TimeBank and AQUAINT), against a blind hand
annotation (a sealed test).

A sixth speaker benchmark, made at stop 16 after the Timeline17 one was opened: 1990s wire and
newspaper text (AP, NYT, WSJ, VOA, CNN transcripts and others) that no speaker rule was tuned on
(the TempEval-3 benchmark reads only its time expressions). The text is each document's TEXT, as
``tempeval3.read_document`` reads it; LaTeX marks and line breaks are rewritten for parsing by
``duc_quote_speakers.normalised_text``, moving no offset.

The annotated documents are ``sample_documents``: those with at least four double quotation marks
and at most 8,000 characters that share under 5% of their 8-word shingles with every DUC 2004
document (the DUC sets come from the same wires and years), at most ``LIMIT`` of them in hashed name
order. Gold: ``--gold`` (default benchmarks/data/tempeval3_quote_speakers.json), made blind by three
annotators from the text only, with the rules of the other sets. Offsets only. Scoring is
``quote_gold.py``'s. Prints one JSON object on its last line. Anchor: GenderGapTracker's speaker
accuracy, about 87% on its own data.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from duc_quote_speakers import normalised_text
from quote_gold import benchmark_main, score_texts
from tempeval3 import DEFAULT_DATA, read_corpus

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO_ROOT / "benchmarks" / "data" / "tempeval3_quote_speakers.json"
DUC_DOCS = REPO_ROOT.parent / "shared" / "eval-data" / "duc2004" / "docs"
LIMIT = 60
MAX_CHARS = 8000
MAX_SHARED_SHINGLES = 0.05
_WORD = re.compile(r"[a-z0-9]+")


def read_texts(data: Path) -> dict[str, str]:
    """Each TempEval-3 document's TEXT by file name (without ``.tml``)."""
    return {document.name: document.text for document in read_corpus(data)}


def quote_marks(text: str) -> int:
    """Double quotation marks of any style: straight, curly, or LaTeX pairs."""
    return text.count('"') + text.count("``") + text.count("''") + text.count("\u201c") + text.count("\u201d")


def shingles(text: str, size: int = 8) -> set[str]:
    """The text's lowercased ``size``-word windows."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 0))}


def sample_documents(texts: dict[str, str], others: Iterable[str] = (), limit: int = LIMIT) -> list[str]:
    """The annotated sample: quoted documents of a readable length unlike every text of ``others``."""
    seen: set[str] = set()
    for other in others:
        seen |= shingles(other)
    chosen: list[str] = []
    for name in sorted(texts, key=lambda n: hashlib.sha1(n.encode()).hexdigest()):
        text = texts[name]
        if quote_marks(text) < 4 or len(text) > MAX_CHARS:
            continue
        own = shingles(text)
        if own and len(own & seen) / len(own) >= MAX_SHARED_SHINGLES:
            continue
        chosen.append(name)
        if len(chosen) == limit:
            break
    return sorted(chosen)


def duc_texts(folder: Path = DUC_DOCS) -> list[str]:
    """Every DUC 2004 document's text (for the overlap test); none when the folder is missing."""
    return [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.glob("*/*"))]


def run(data: Path, gold_path: Path, show: int = 0) -> dict[str, object]:
    """Parse, extract and score every annotated document; ``show`` speaker errors go to stderr."""
    texts = {name: normalised_text(text) for name, text in read_texts(data).items()}
    return score_texts("tempeval3_quote_speakers", texts, gold_path, show)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``python benchmarks/tempeval3_quote_speakers.py [--data DIR] [--gold FILE] [--show N]``."""
    benchmark_main(__doc__, run, DEFAULT_DATA, DEFAULT_GOLD, "TempEval-3 folder (any depth of .tml)", argv)


if __name__ == "__main__":
    main()
