"""The learned speaker fallback (``storyline.extract.quotes_ranker``), fitted and scored
leave-one-corpus-out: does choosing among the names near a quote the rules leave without a speaker
beat leaving it without one, on a corpus the model never saw?

Every hand-annotated set is read as its own benchmark reads it, with the fallback switched off. Each of
our direct quotes is one of: a gold quote with a speaker ("gold"), a gold quote nobody can be told to
have said ("none"), or not a gold quote at all ("extra": a scare quote, a title, a quote the
annotators left out). Its candidates are the names ``quotes_ranker.candidates`` offers with their
features, labelled by ``quote_gold.speaker_right`` (never right for "none" and "extra"). A
conditional logit (each candidate against the others and "nobody") is fitted on every quote of the
other corpora (DUC sets count as one), those the rules attribute included, and scored on the quotes
the rules leave without a speaker in the held-out one, at several thresholds:
- ``accuracy``: speaker accuracy as the set's benchmark counts it, with the fallback's picks;
- ``given``: speakers the fallback gives (to all three kinds), and ``precision``: how many are right.
``--fit`` also fits on every set and prints the weights for ``quotes_ranker.WEIGHTS``. ``--data`` is
the eval-data root. Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from quote_gold import LENIENT, covering, direct_quotes, load_gold, speaker_right
from scoring import Predicted
from speaker_candidates import DEFAULT_DATA, GOLD, SETS, set_texts

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


@dataclass(frozen=True)
class OurQuote:
    """One of our direct quotes (read with the rules only): its candidates' features and labels."""

    status: str  # gold, none or extra
    rows: list[list[float]]
    labels: list[bool]
    attributed: bool  # the rules gave it a speaker: used for fitting only


@dataclass
class SetQuotes:
    """One set's found gold speaker quotes (how many, how many the rules get right) and all our
    direct quotes with their candidates."""

    scored: int
    rules_right: int
    quotes: list[OurQuote]


@contextmanager
def rules_only() -> Iterator[None]:
    """Switch the fallback off (no score reaches a threshold above 1)."""
    from storyline.extract import quotes_ranker

    saved = quotes_ranker.THRESHOLD
    quotes_ranker.THRESHOLD = 2.0
    try:
        yield
    finally:
        quotes_ranker.THRESHOLD = saved


def _article_quotes(nlp: Any, name: str, text: str) -> tuple[Any, list[Any], list[tuple[int, int]]]:
    from storyline.extract.quotes_marks import find_quoted_spans
    from storyline.extract.quotes_ranker import quoted_ranges

    doc = nlp(text)
    with rules_only():
        direct = direct_quotes(text, doc, name)
    return doc, direct, quoted_ranges(find_quoted_spans(text))


def set_quotes(nlp: Any, texts: dict[str, str], gold_path: Path) -> SetQuotes:
    """Read one set with the rules only, as its benchmark scores it."""
    from storyline.extract.quotes_ranker import candidates

    found = SetQuotes(0, 0, [])
    for name, golds in load_gold(gold_path).items():
        text = texts[name]
        doc, direct, quoted = _article_quotes(nlp, name, text)
        matched: dict[str, Any] = {}
        for item in golds:
            indices = covering([(q.start, q.end) for q in direct], item, LENIENT)
            if indices is None:
                continue
            touching = [direct[i] for i in indices]
            for q in touching:
                matched.setdefault(q.id, item)
            if item.speaker is not None and item.kind in {"name", "description"}:
                found.scored += 1
                found.rules_right += speaker_right(text, item, [Predicted.quoted_words(q) for q in touching])
        for quote in direct:
            gold = matched.get(quote.id)
            status = "extra" if gold is None else "none" if gold.speaker is None or gold.kind not in {"name", "description"} else "gold"
            pool = candidates(doc, quote, quoted, direct)
            labels = [status == "gold" and speaker_right(text, gold, [Predicted(c.start, c.end, (c.start, c.end), c.text)]) for c in pool]
            found.quotes.append(OurQuote(status, [list(c.features) for c in pool], labels, quote.speaker_text is not None))
    return found


def fit(quotes: list[OurQuote], steps: int = 1500, rate: float = 0.5) -> np.ndarray:
    """A conditional logit over each quote's candidates and "nobody" (gradient descent, L2 0.001):
    the target is the first right candidate, or nobody when none is right."""
    groups = [q for q in quotes if q.rows]
    x = np.array([row for q in groups for row in q.rows])
    first_right = [np.array(q.labels, dtype=float) for q in groups]
    y = np.concatenate([(labels.cumsum() == 1) * labels for labels in first_right])
    group = np.repeat(np.arange(len(groups)), [len(q.rows) for q in groups])
    weights = np.zeros(x.shape[1])
    for _ in range(steps):
        scores = np.exp(np.clip(x @ weights, -50, 50))
        p = scores / (1 + np.bincount(group, scores, len(groups)))[group]
        weights -= rate * (x.T @ (p - y) / len(groups) + 0.001 * weights)
    return weights


def evaluate(found: SetQuotes, weights: np.ndarray) -> dict[str, float]:
    """Accuracy, speakers given and their precision at each threshold, with the rules' accuracy."""
    from storyline.extract.quotes_ranker import choice_probabilities

    result: dict[str, float] = {"scored": found.scored, "rules": round(100 * found.rules_right / (found.scored or 1), 1),
                                "unattributed": sum(not q.attributed for q in found.quotes),
                                "unattributed_gold": sum(q.status == "gold" and not q.attributed for q in found.quotes)}
    for threshold in THRESHOLDS:
        given = right = 0
        for quote in found.quotes:
            if not quote.rows or quote.attributed:
                continue
            scores = choice_probabilities(quote.rows, [float(w) for w in weights])
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                given += 1
                right += quote.labels[best]
        result[f"accuracy@{threshold}"] = round(100 * (found.rules_right + right) / (found.scored or 1), 1)
        result[f"given@{threshold}"] = given
        result[f"precision@{threshold}"] = round(100 * right / (given or 1), 1)
    return result


def pooled(results: dict[str, dict[str, float]]) -> dict[str, float]:
    """Accuracy pooled over the sets (weighted by quotes scored); speakers given and precision summed."""
    total = sum(r["scored"] for r in results.values()) or 1
    out = {"rules": round(sum(r["rules"] * r["scored"] for r in results.values()) / total, 1)}
    for t in THRESHOLDS:
        given = sum(r[f"given@{t}"] for r in results.values())
        right = sum(r[f"precision@{t}"] * r[f"given@{t}"] / 100 for r in results.values())
        out[f"accuracy@{t}"] = round(sum(r[f"accuracy@{t}"] * r["scored"] for r in results.values()) / total, 1)
        out[f"given@{t}"], out[f"precision@{t}"] = given, round(100 * right / (given or 1), 1)
    return out


def run(data_root: Path, write_fit: bool) -> dict[str, object]:
    """Leave-one-corpus-out figures per set and pooled; with ``write_fit``, the weights fitted on all."""
    from storyline.extract.quotes_ranker import FEATURE_NAMES
    from storyline.nlp import load_model

    nlp = load_model()
    by_set = {gold: set_quotes(nlp, set_texts(module, data_root, GOLD / gold), GOLD / gold) for module, gold in SETS}
    corpus = {gold: gold.split("_")[0] for gold in by_set}
    results: dict[str, dict[str, float]] = {}
    for gold, found in by_set.items():
        training = [q for other, f in by_set.items() if corpus[other] != corpus[gold] for q in f.quotes]
        results[gold.removesuffix(".json")] = evaluate(found, fit(training))
        print(gold, results[gold.removesuffix(".json")], file=sys.stderr)
    out: dict[str, object] = {"benchmark": "speaker_ranker_loco", "sets": results,
                              "scored": sum(int(r["scored"]) for r in results.values()), **pooled(results)}
    if write_fit:
        weights = fit([q for f in by_set.values() for q in f.quotes])
        print("WEIGHTS = (" + ", ".join(f"{w:.4f}" for w in weights) + ")", file=sys.stderr)
        out["weights"] = dict(zip(FEATURE_NAMES, (round(float(w), 4) for w in weights), strict=True))
    return out


def main() -> None:
    """Command line: ``python benchmarks/speaker_ranker_loco.py [--data EVAL_DATA_ROOT] [--fit]``."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="eval-data root (default: %(default)s)")
    parser.add_argument("--fit", action="store_true", help="also fit on every set and print the weights")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no eval data at {args.data}")
    print(json.dumps(run(args.data, args.fit)))


if __name__ == "__main__":
    main()
