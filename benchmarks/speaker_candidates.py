"""How far choosing among candidate speakers could go: for every gold quote our extractor finds,
whether it names the speaker (the rules, then the learned fallback), and whether any name written near
the quote would (an upper bound).

Runs over every hand-annotated speaker set (DUC x4, ECB+, MEANTIME, Timeline17 x5, TempEval-3, web
news), each read as its own benchmark reads it. A quote's candidates are the extractor's speaker and
every PERSON, ORG, NORP or GPE entity outside quotation marks in the quote's sentence, the three
sentences before it and the one after it (``quotes_ranker.nearby_names``, what the fallback chooses
from). "rules" is the extractor's accuracy (the key keeps its stop-18 name); "oracle" counts a quote as
right when the extractor's speaker or one of the candidates matches the gold speaker under
``quote_gold.speaker_right``. The gap between the two is what choosing better among nearby names
could win; the rest (descriptions, names further away, no name at all) it cannot. ``--data`` is the eval-data root (default ../shared/eval-data).
Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quote_gold import (
    LENIENT,
    GoldQuote,
    covering,
    load_gold,
    predictions,
    speaker_right,
)
from scoring import Predicted

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data"
GOLD = REPO_ROOT / "benchmarks" / "data"
SETS = [
    ("duc_quote_speakers", "duc2004_quote_speakers.json"),
    ("duc_quote_speakers", "duc2004_quote_speakers_test.json"),
    ("duc_quote_speakers", "duc2004_quote_speakers_test2.json"),
    ("duc_quote_speakers", "duc2004_quote_speakers_test3.json"),
    ("ecbplus_quote_speakers", "ecbplus_quote_speakers.json"),
    ("meantime_quote_speakers", "meantime_quote_speakers.json"),
    ("t17_quote_speakers", "t17_quote_speakers.json"),
    ("t17_quote_speakers", "t17_quote_speakers_test.json"),
    ("t17_quote_speakers", "t17_quote_speakers_test2.json"),
    ("t17_quote_speakers", "t17_quote_speakers_test3.json"),
    ("t17_quote_speakers", "t17_quote_speakers_test4.json"),
    ("tempeval3_quote_speakers", "tempeval3_quote_speakers.json"),
    ("web_quote_speakers", "web_quote_speakers.json"),
]


def set_texts(module_name: str, data_root: Path, gold_path: Path) -> dict[str, str]:
    """The parse-ready text of every article of one set, as that set's benchmark reads it."""
    module: Any = importlib.import_module(module_name)
    folder = data_root / Path(module.DEFAULT_DATA).relative_to(DEFAULT_DATA)
    names = load_gold(gold_path)
    if module_name == "duc_quote_speakers":
        return {n: module.normalised_text((folder / "docs" / n).read_text(encoding="utf-8")) for n in names}
    captured: dict[str, str] = {}
    original: Callable[..., dict[str, object]] = module.score_texts
    module.score_texts = lambda _name, texts, *_args: captured.update({n: texts[n] for n in names}) or {}
    try:
        module.run(folder, gold_path)
    finally:
        module.score_texts = original
    return captured


def candidates(doc: Any, quoted: list[tuple[int, int]], at: int) -> list[Predicted]:
    """Names outside quotes in the sentence holding ``at`` and the sentences around it."""
    from storyline.extract.quotes_ranker import nearby_names

    return [Predicted(e.start_char, e.end_char, (e.start_char, e.end_char), e.text) for e in nearby_names(doc, quoted, at)]


@dataclass(frozen=True)
class FoundQuote:
    """A gold quote with a speaker that our direct quotes find (leniently): the article text and
    parse, our quotes touching it, and the names near it."""

    text: str
    doc: Any
    gold: GoldQuote
    touching: list[Predicted]
    near: list[Predicted]


def found_speaker_quotes(nlp: Any, texts: dict[str, str], gold: dict[str, list[GoldQuote]]) -> Iterator[FoundQuote]:
    """Every gold quote with a name or description as speaker that our direct quotes cover by at
    least ``LENIENT`` of its characters, in article and text order."""
    for name, golds in gold.items():
        text = texts[name]
        doc = nlp(text)
        preds = predictions(text, doc, name)
        quoted = [(p.start, p.end) for p in preds]
        for item in golds:
            if item.speaker is None or item.kind not in {"name", "description"}:
                continue
            touching = covering(quoted, item, LENIENT)
            if touching is not None:
                yield FoundQuote(text, doc, item, [preds[i] for i in touching], candidates(doc, quoted, item.start))


def score_set(nlp: Any, texts: dict[str, str], gold: dict[str, list[GoldQuote]]) -> dict[str, float]:
    """Rules' accuracy, oracle accuracy and mean candidate count over the leniently found gold quotes."""
    scored = rules = oracle = offered = 0
    for found in found_speaker_quotes(nlp, texts, gold):
        scored += 1
        offered += len(found.near)
        right = speaker_right(found.text, found.gold, found.touching)
        rules += right
        oracle += right or speaker_right(found.text, found.gold, found.near)
    return {
        "scored": scored,
        "rules": round(100 * rules / (scored or 1), 1),
        "oracle": round(100 * oracle / (scored or 1), 1),
        "mean_candidates": round(offered / (scored or 1), 1),
    }


def pooled(results: dict[str, dict[str, float]], keys: tuple[str, ...]) -> dict[str, float]:
    """Each of ``keys`` averaged over the sets, weighted by the quotes each scored."""
    total = sum(r["scored"] for r in results.values()) or 1
    return {key: round(sum(r[key] * r["scored"] for r in results.values()) / total, 1) for key in keys}


def run(data_root: Path) -> dict[str, object]:
    """Every set's figures, and the pooled ones."""
    from storyline.nlp import load_model

    nlp = load_model()
    results: dict[str, dict[str, float]] = {}
    for module_name, gold_file in SETS:
        gold_path = GOLD / gold_file
        texts = set_texts(module_name, data_root, gold_path)
        results[gold_file.removesuffix(".json")] = score_set(nlp, texts, load_gold(gold_path))
        print(gold_file, results[gold_file.removesuffix(".json")], file=sys.stderr)
    total = sum(int(r["scored"]) for r in results.values())
    return {"benchmark": "speaker_candidates", "sets": results, "scored": total, **pooled(results, ("rules", "oracle"))}


def eval_data_main(doc: str | None, run: Callable[[Path], dict[str, object]]) -> None:
    """The command line these eval-data-wide benchmarks share: ``[--data EVAL_DATA_ROOT]``."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="eval-data root (default: %(default)s)")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no eval data at {args.data}")
    print(json.dumps(run(args.data)))


def main() -> None:
    """Command line: ``python benchmarks/speaker_candidates.py [--data EVAL_DATA_ROOT]``."""
    eval_data_main(__doc__, run)


if __name__ == "__main__":
    main()
