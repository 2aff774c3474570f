"""Numeric claims against gold files we wrote: the seeds and the demo corpus (examples/us-japan-trade).

Data: ``--data DIR`` holds gold JSON files (default ``benchmarks/claims_gold``), each
``{"corpus": <folder, relative to the repo root>, "claims": [{file, text, value, unit, measure_key,
period, claimant}, ...]}``. Each corpus runs through our ingest and per-article stages.

Matching: a predicted claim matches a gold one in the same file with the same value and unit
(one-to-one). Reported: detection P/R/F1; among matched claims, accuracy of ``measure_key``,
``period`` and ``claimant`` (claimants compare case-insensitively, a name matching the end of the
other counts: "Commerce Department" = "U.S. Commerce Department"); strict P/R/F1 where every field
matches. Quality floor this project holds: detection F1 >= 90 and strict F1 >= 60 on these files.
Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scoring import prf

from storyline.ingest import ReadError, read_paths
from storyline.models import Claim
from storyline.pipeline import analyze_articles, prepare_article

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT / "benchmarks" / "claims_gold"
FIELDS = ("measure_key", "period", "claimant")
FLOOR = {"detection_f1": 90.0, "strict_f1": 60.0}


def predicted_claims(corpus: Path) -> dict[str, list[Claim]]:
    """Our claims per file name (``wire.jsonl:2`` for a JSONL line)."""
    articles = [prepare_article(raw) for raw in read_paths([str(corpus)]) if not isinstance(raw, ReadError)]
    return {Path(item.article.path).name: list(item.claims) for item in analyze_articles(articles)}


def same_claimant(gold: str | None, predicted: str | None) -> bool:
    """Case-insensitive, and a name that ends the other one counts."""
    if gold is None or predicted is None:
        return gold is predicted
    a, b = gold.casefold(), predicted.casefold()
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def field_matches(gold: dict[str, Any], claim: Claim, field: str) -> bool:
    """Whether one field of a matched claim agrees with the gold."""
    if field == "claimant":
        return same_claimant(gold["claimant"], claim.claimant)
    return bool(gold[field] == getattr(claim, field))


def match(gold: Sequence[dict[str, Any]], predicted: dict[str, list[Claim]]) -> list[tuple[dict[str, Any], Claim]]:
    """One-to-one pairs by file, value (0.5% tolerance) and unit, gold in order."""
    used: set[str] = set()
    pairs = []
    for item in gold:
        for claim in predicted.get(item["file"], []):
            close = abs(claim.value - item["value"]) <= 0.005 * max(abs(item["value"]), 1e-9)
            if claim.id not in used and claim.unit == item["unit"] and close:
                used.add(claim.id)
                pairs.append((item, claim))
                break
    return pairs


def evaluate(gold_file: Path) -> dict[str, Any]:
    """Scores for one gold file, plus the disagreements of misses (for reading)."""
    spec = json.loads(gold_file.read_text(encoding="utf-8"))
    corpus = (REPO_ROOT / spec["corpus"]).resolve()
    predicted = predicted_claims(corpus)
    n_predicted = sum(len(v) for v in predicted.values())
    pairs = match(spec["claims"], predicted)
    strict = [p for p in pairs if all(field_matches(p[0], p[1], f) for f in FIELDS)]
    return {
        "corpus": spec["corpus"], "gold": len(spec["claims"]), "predicted": n_predicted, "matched": len(pairs),
        "detection": prf(len(pairs), n_predicted, len(spec["claims"])),
        "strict": prf(len(strict), n_predicted, len(spec["claims"])),
        "field_accuracy": {
            f: round(100 * sum(field_matches(g, c, f) for g, c in pairs) / len(pairs), 1) if pairs else 0.0
            for f in FIELDS
        },
        "field_errors": [
            {"file": g["file"], "text": g["text"], "field": f, "gold": g[f], "ours": getattr(c, f)}
            for g, c in pairs for f in FIELDS if not field_matches(g, c, f)
        ],
        "counts": (len(pairs), n_predicted, len(spec["claims"]), len(strict)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: ``--data DIR`` of gold JSON files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    results = []
    for gold_file in sorted(args.data.glob("*.json")):
        spec_corpus = (REPO_ROOT / json.loads(gold_file.read_text(encoding="utf-8"))["corpus"]).resolve()
        if not spec_corpus.exists():
            print(f"skipping {gold_file.name}: {spec_corpus} not found", file=sys.stderr)
            continue
        results.append(evaluate(gold_file))
    if not results:
        print("no gold files with their corpus present", file=sys.stderr)
        return 2
    for result in results:
        print(json.dumps({k: v for k, v in result.items() if k != "counts"}), file=sys.stderr)
    matched, predicted, gold, strict = (sum(r["counts"][i] for r in results) for i in range(4))
    overall = {"detection": prf(matched, predicted, gold), "strict": prf(strict, predicted, gold)}
    summary = {
        "benchmark": "claims_gold", "overall": overall,
        "per_corpus": {r["corpus"]: {k: r[k] for k in ("detection", "strict", "field_accuracy")} for r in results},
        "floor": FLOOR,
        "meets_floor": overall["detection"]["f1"] >= FLOOR["detection_f1"]
        and overall["strict"]["f1"] >= FLOOR["strict_f1"],
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
