"""Direct quotes and their speakers on DUC 2004 news, against a blind hand annotation.

A second speaker benchmark beside ``polnear_quotes.py``, on text no extractor rule was tuned on
(AP, NYT and Xinhua wire copy from 1998). Gold: ``--gold`` (default
benchmarks/data/duc2004_quote_speakers.json), a blind hand annotation, made from the article text
only, of every direct quotation in 25 DUC 2004 documents (per cluster, the document with the most
quotation marks) with the mention that names its speaker: the nearest naming mention before the
quote (else the first after it), the description as written when the article never names the
speaker, null when nobody can be told. Three test annotations, made the same way on documents sharing
under 5% of their 8-word shingles with every earlier set, each sealed until read once: ``--gold
benchmarks/data/duc2004_quote_speakers_test.json`` (25 documents, 216 quotes; read once at 85.9 on
206 quotes with a speaker, then opened and tuned on), ``..._test2.json`` (45 documents, 290 quotes;
read once at 85.5 on 269, quote span F1 96.1, then opened and tuned on) and ``..._test3.json`` (43
documents, 188 quotes; read once, at the end of stop 14: 81.2 on 176, quote span F1 95.1; never
tuned on). Each file holds offsets only: ``{"about": ..., "articles":
{"<cluster>/<doc>.txt": {"complete": true, "quotes": [{"quote": [s, e], "speaker": [s, e] | null,
"kind": "name" | "description" | "none"}]}}}``.

The texts use LaTeX marks (``...'') and hard line wraps. Before parsing, both are rewritten
without moving any character: each ````` becomes " \u201c", each ``''`` "\u201d ", each newline a space.

Scoring (``quote_gold.py``): quote span P/R/F1 at overlap 0.3 and 0.8, speaker accuracy by last word
or overlapping span; ``speaker_accuracy_named`` and
``speaker_accuracy_described`` split it by the gold speaker's kind. Figures are given for all
articles, the tuning part and the held-out part (every 3rd article by name; its errors are never
printed; its figure was read four times during stop 14). The whole set's speaker accuracy before
any rule was tuned on it: 79.2 on 341 quotes. Prints one JSON object on its last line. Anchor:
GenderGapTracker's speaker accuracy, about 87% on its own data.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from quote_gold import (
    LENIENT,
    STRICT,
    GoldQuote,
    Predicted,
    Tally,
    figures,
    load_gold,
    predictions,
    score_article,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "duc2004"
DEFAULT_GOLD = REPO_ROOT / "benchmarks" / "data" / "duc2004_quote_speakers.json"
ANCHOR_SPEAKER_ACCURACY = 87.0
__all__ = ["GoldQuote", "Predicted", "Tally", "load_gold", "normalised_text", "run", "score_article"]


def normalised_text(raw: str) -> str:
    """LaTeX quotation marks as curly marks and line wraps as spaces, every offset unchanged."""
    text = raw.replace("``", " \u201c").replace("''", "\u201d ").replace("\n", " ")
    assert len(text) == len(raw)
    return text


def is_holdout(index: int) -> bool:
    """Every 3rd annotated article (sorted by name, from the 3rd) is held out: never used for tuning."""
    return index % 3 == 2


def run(data: Path, gold_path: Path, show: int = 0) -> dict[str, object]:
    """Parse, extract and score every annotated article; returns the figures (all, tuning part,
    held-out part). ``show`` speaker errors of the tuning part are printed to stderr."""
    from storyline.nlp import load_model

    nlp = load_model()
    gold = load_gold(gold_path)
    parts = {part: (Tally(), Tally()) for part in ("all", "tuning", "holdout")}
    for index, (name, golds) in enumerate(gold.items()):
        text = normalised_text((data / "docs" / name).read_text(encoding="utf-8"))
        preds = predictions(text, nlp(text), name)
        for part in ("all", "holdout" if is_holdout(index) else "tuning"):
            score_article(text, golds, preds, LENIENT, parts[part][0], with_speakers=True)
            score_article(text, golds, preds, STRICT, parts[part][1], with_speakers=False)
    for line in parts["tuning"][0].wrong[:show]:
        print("  " + line, file=sys.stderr)
    holdout = sum(is_holdout(i) for i in range(len(gold)))
    return {
        "benchmark": "duc_quote_speakers",
        "articles": len(gold),
        **figures(*parts["all"]),
        "tuning": {"articles": len(gold) - holdout, **figures(*parts["tuning"])},
        "holdout": {"articles": holdout, **figures(*parts["holdout"])},
        "anchor_ggt_speaker_accuracy": ANCHOR_SPEAKER_ACCURACY,
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``python benchmarks/duc_quote_speakers.py [--data DIR] [--gold FILE] [--show N]``."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="DUC 2004 folder (docs/<cluster>/...)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="hand annotation (default: %(default)s)")
    parser.add_argument("--show", type=int, default=0, help="print up to N speaker errors to stderr")
    args = parser.parse_args(argv)
    if not (args.data / "docs").is_dir():
        sys.exit(f"no DUC 2004 documents at {args.data / 'docs'}")
    if not args.gold.is_file():
        sys.exit(f"no hand annotation at {args.gold}")
    print(json.dumps(run(args.data, args.gold, args.show)))


if __name__ == "__main__":
    main()
