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

Quote span P/R/F1: a gold quote is found when our direct quotes overlapping it cover >= 0.3
(lenient) or >= 0.8 (strict) of its characters, and those predictions are correct. Speaker
accuracy over leniently found gold quotes that have a speaker: right when one of the overlapping
predictions has a speaker whose last word is a word of the gold speaker mention (a name, or a
description's head: "spokesman"), or whose span overlaps it; ``speaker_accuracy_named`` and
``speaker_accuracy_described`` split it by the gold speaker's kind. Figures are given for all
articles, the tuning part and the held-out part (every 3rd article by name; its errors are never
printed; its figure was read four times during stop 14). The whole set's speaker accuracy before
any rule was tuned on it: 79.2 on 341 quotes. Prints one JSON object on its last line. Anchor:
GenderGapTracker's speaker accuracy, about 87% on its own data.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring import MatchCounts, Predicted, prf

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "duc2004"
DEFAULT_GOLD = REPO_ROOT / "benchmarks" / "data" / "duc2004_quote_speakers.json"
ANCHOR_SPEAKER_ACCURACY = 87.0
LENIENT, STRICT = 0.3, 0.8


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


def normalised_text(raw: str) -> str:
    """LaTeX quotation marks as curly marks and line wraps as spaces, every offset unchanged."""
    text = raw.replace("``", " \u201c").replace("''", "\u201d ").replace("\n", " ")
    assert len(text) == len(raw)
    return text


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


def score_article(text: str, golds: Sequence[GoldQuote], preds: Sequence[Predicted], threshold: float,
                  tally: Tally, with_speakers: bool) -> None:
    """Add one article's quote matches (and, if ``with_speakers``, speaker verdicts) to ``tally``."""
    correct: set[int] = set()
    tally.gold += len(golds)
    tally.predicted += len(preds)
    for gold in golds:
        touching = [i for i, p in enumerate(preds) if _overlap((p.start, p.end), (gold.start, gold.end))]
        covered = sum(_overlap((preds[i].start, preds[i].end), (gold.start, gold.end)) for i in touching)
        if covered < threshold * (gold.end - gold.start):
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


def predictions(text: str, doc: Any, name: str) -> list[Predicted]:
    """Our direct quotes of one normalised article."""
    from storyline.extract.quotes import extract_quotes
    from storyline.models import Article, Published

    article = Article(id=name, path=name, title=None, url=None, text=text, published=Published())
    return [Predicted.quoted_words(q) for q in extract_quotes(article, doc) if q.kind == "direct"]


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
        **_figures(*parts["all"]),
        "tuning": {"articles": len(gold) - holdout, **_figures(*parts["tuning"])},
        "holdout": {"articles": holdout, **_figures(*parts["holdout"])},
        "anchor_ggt_speaker_accuracy": ANCHOR_SPEAKER_ACCURACY,
    }


def _figures(lenient: Tally, strict: Tally) -> dict[str, object]:
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
