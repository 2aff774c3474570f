"""Scoring against a blind hand annotation of direct quotes and their speakers.

Shared by ``duc_quote_speakers.py`` and ``ecbplus_quote_speakers.py``. A gold file holds offsets only:
``{"about": ..., "articles": {"<article>": {"complete": true, "quotes": [{"quote": [s, e], "speaker":
[s, e] | null, "kind": "name" | "description" | "none"}]}}}``.

Quote span P/R/F1: a gold quote is found when our direct quotes overlapping it cover >= 0.3
(lenient) or >= 0.8 (strict) of its characters, and those predictions are correct. Speaker
accuracy over leniently found gold quotes that have a speaker: right when one of the overlapping
predictions has a speaker whose last word is a word of the gold speaker mention (a name, or a
description's head: "spokesman"), or whose span overlaps it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring import MatchCounts, Predicted, prf

LENIENT, STRICT = 0.3, 0.8
ANCHOR_SPEAKER_ACCURACY = 87.0  # GenderGapTracker's speaker accuracy, on its own data


@dataclass(frozen=True)
class GoldQuote:
    """One hand-annotated quotation: quoted words and the mention naming its speaker."""

    start: int
    end: int
    speaker: tuple[int, int] | None
    kind: str


@dataclass
class Tally(MatchCounts):
    """Counts for one threshold; speaker counts are kept for the lenient one only."""

    speaker_right: dict[str, int] = field(default_factory=lambda: {"name": 0, "description": 0})
    speaker_total: dict[str, int] = field(default_factory=lambda: {"name": 0, "description": 0})
    wrong: list[str] = field(default_factory=list)


def load_gold(path: Path) -> dict[str, list[GoldQuote]]:
    """Gold quotes per article (``<cluster>/<doc>.txt``), in text order."""
    articles = json.loads(path.read_text(encoding="utf-8"))["articles"]
    return {
        name: [
            GoldQuote(int(item["quote"][0]), int(item["quote"][1]),
                      (int(item["speaker"][0]), int(item["speaker"][1])) if item["speaker"] else None,
                      item["kind"])
            for item in article["quotes"]
        ]
        for name, article in sorted(articles.items())
    }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _words(text: str) -> set[str]:
    """Lowercased words without possessive 's; hyphenated names give their parts ("Katona-Apte")."""
    return {w.lower().removesuffix("'s").removesuffix("\u2019s") for w in re.findall(r"[\w'\u2019.]+", text)}


def speaker_right(text: str, gold: GoldQuote, predictions: Sequence[Predicted]) -> bool:
    """Whether one of ``predictions`` names the gold speaker (last word, or overlapping span)."""
    assert gold.speaker is not None
    gold_words = _words(text[gold.speaker[0] : gold.speaker[1]])
    for pred in predictions:
        if pred.speaker is not None and _overlap(pred.speaker, gold.speaker):
            return True
        words = (pred.speaker_text or "").replace("-", " ").split()
        if words and _words(words[-1]) & gold_words:
            return True
    return False


def covering(spans: Sequence[tuple[int, int]], gold: GoldQuote, threshold: float) -> list[int] | None:
    """Indices of the ``spans`` overlapping ``gold`` when together they cover at least ``threshold``
    of its characters (the gold quote is found), else None."""
    touching = [i for i, span in enumerate(spans) if _overlap(span, (gold.start, gold.end))]
    covered = sum(_overlap(spans[i], (gold.start, gold.end)) for i in touching)
    return touching if covered >= threshold * (gold.end - gold.start) else None


def score_article(text: str, golds: Sequence[GoldQuote], preds: Sequence[Predicted], threshold: float,
                  tally: Tally, with_speakers: bool) -> None:
    """Add one article's quote matches (and, if ``with_speakers``, speaker verdicts) to ``tally``."""
    correct: set[int] = set()
    tally.gold += len(golds)
    tally.predicted += len(preds)
    for gold in golds:
        touching = covering([(p.start, p.end) for p in preds], gold, threshold)
        if touching is None:
            continue
        tally.found += 1
        correct.update(touching)
        if with_speakers and gold.speaker is not None and gold.kind in tally.speaker_total:
            tally.speaker_total[gold.kind] += 1
            if speaker_right(text, gold, [preds[i] for i in touching]):
                tally.speaker_right[gold.kind] += 1
            else:
                ours = ", ".join(str(preds[i].speaker_text) for i in touching)
                tally.wrong.append(f"{text[gold.start:gold.end][:70]!r} gold={text[slice(*gold.speaker)]!r} ours={ours!r}")
    tally.correct += len(correct)


def direct_quotes(text: str, doc: Any, name: str) -> list[Any]:
    """Our direct quotes (``storyline.models.Quote``) of one normalised article."""
    from storyline.extract.quotes import extract_quotes
    from storyline.models import Article, Published

    article = Article(id=name, path=name, title=None, url=None, text=text, published=Published())
    return [q for q in extract_quotes(article, doc) if q.kind == "direct"]


def predictions(text: str, doc: Any, name: str) -> list[Predicted]:
    """Our direct quotes of one normalised article, as spans."""
    return [Predicted.quoted_words(q) for q in direct_quotes(text, doc, name)]


def figures(lenient: Tally, strict: Tally) -> dict[str, object]:
    """Quote span P/R/F1 at both thresholds and speaker accuracy (all, named, described)."""
    right, total = lenient.speaker_right, lenient.speaker_total
    return {
        "gold_quotes": lenient.gold,
        "predicted_direct": lenient.predicted,
        "lenient": prf(lenient.correct, lenient.predicted, lenient.gold, found=lenient.found),
        "strict": prf(strict.correct, strict.predicted, strict.gold, found=strict.found),
        "speaker_accuracy": round(100 * sum(right.values()) / (sum(total.values()) or 1), 1),
        "speaker_scored": sum(total.values()),
        "speaker_accuracy_named": round(100 * right["name"] / (total["name"] or 1), 1),
        "speaker_named_scored": total["name"],
        "speaker_accuracy_described": round(100 * right["description"] / (total["description"] or 1), 1),
        "speaker_described_scored": total["description"],
    }


def score_texts(benchmark: str, texts: dict[str, str], gold_path: Path, show: int = 0) -> dict[str, object]:
    """Parse, extract and score every annotated article of ``texts`` (name -> parse-ready text,
    the text the gold offsets index); ``show`` speaker errors go to stderr."""
    from storyline.nlp import load_model

    nlp = load_model()
    gold = load_gold(gold_path)
    missing = sorted(set(gold) - set(texts))
    if missing:
        sys.exit(f"{len(missing)} annotated documents are not in the data: {missing[:3]}")
    lenient, strict = Tally(), Tally()
    for name, golds in gold.items():
        text = texts[name]
        preds = predictions(text, nlp(text), name)
        score_article(text, golds, preds, LENIENT, lenient, with_speakers=True)
        score_article(text, golds, preds, STRICT, strict, with_speakers=False)
    for line in lenient.wrong[:show]:
        print("  " + line, file=sys.stderr)
    return {
        "benchmark": benchmark, "articles": len(gold), **figures(lenient, strict),
        "anchor_ggt_speaker_accuracy": ANCHOR_SPEAKER_ACCURACY,
    }


def benchmark_main(
    doc: str | None, run: Callable[[Path, Path, int], dict[str, object]], default_data: Path,
    default_gold: Path, data_help: str, argv: Sequence[str] | None = None,
) -> None:
    """The command line every quote-speaker benchmark shares: ``[--data DIR] [--gold FILE] [--show N]``."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data, help=data_help)
    parser.add_argument("--gold", type=Path, default=default_gold, help="hand annotation (default: %(default)s)")
    parser.add_argument("--show", type=int, default=0, help="print up to N speaker errors to stderr")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        sys.exit(f"no documents at {args.data}")
    if not args.gold.is_file():
        sys.exit(f"no hand annotation at {args.gold}")
    print(json.dumps(run(args.data, args.gold, args.show)))

