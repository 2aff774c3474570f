"""A first learned speaker ranker, scored leave-one-corpus-out: does choosing among the names near a
quote with a small logistic model beat the rules on a set the model never saw?

For every gold quote the extractor finds (each hand-annotated set read as its own benchmark reads it),
the candidates are the rules' speaker and the names ``speaker_candidates.candidates`` offers. Each gets
a dozen features (the rules chose it, the rules chose nobody, distance and direction from the quote,
same sentence, entity label, grammatical subject of a speech verb, mentions in the article, nearest
before or after, agrees with the rules' last word). A logistic model trained on all other sets picks
the highest-scoring candidate of each quote of the held-out set; "ranker" is how often that pick is
right, "fallback" uses the pick only where the rules found no speaker. An experiment for the next stop,
not part of the pipeline. ``--data`` is the eval-data root. Prints one JSON object on its last line.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
from quote_gold import load_gold, speaker_right
from scoring import Predicted
from speaker_candidates import (
    GOLD,
    SETS,
    eval_data_main,
    found_speaker_quotes,
    pooled,
    set_texts,
)

LABELS = ("PERSON", "ORG", "NORP", "GPE")
Quote = tuple[list[list[float]], list[bool], bool, bool]  # features, labels, rules right, rules chose nobody


def features(doc: Any, cand: Predicted, rule: Predicted | None, start: int, before: list[int], after: list[int]) -> list[float]:
    """One candidate's features, ``before``/``after`` being the candidates' offsets on each side of the quote."""
    from storyline.extract.quotes_cues import CUE_LEMMAS

    assert cand.speaker is not None
    span = doc.char_span(cand.speaker[0], cand.speaker[1], alignment_mode="expand")
    root = span.root if span is not None else None
    distance = cand.speaker[0] - start
    last = (cand.speaker_text or "").split()[-1:] or [""]
    rule_last = (rule.speaker_text or "").split()[-1:] if rule is not None and rule.speaker_text else [""]
    same_sentence = root is not None and root.sent.start_char <= start < root.sent.end_char
    subject_of_cue = root is not None and root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in CUE_LEMMAS
    label = span.label_ if span is not None and span.label_ else (root.ent_type_ if root is not None else "")
    return [
        1.0, float(rule is not None and cand is rule), float(rule is None or rule.speaker is None),
        math.log1p(abs(distance)) / 10, float(distance < 0), float(same_sentence), float(subject_of_cue),
        *(float(label == name) for name in LABELS),
        math.log1p(doc.text.count(last[0])) / 3 if last[0] else 0.0,
        float(bool(before) and cand.speaker[0] == max(before)), float(bool(after) and cand.speaker[0] == min(after)),
        float(last[0] != "" and last[0] == rule_last[0]),
    ]


def set_quotes(nlp: Any, texts: dict[str, str], gold_path: Path) -> list[Quote]:
    """Every found gold quote with a speaker: its candidates' features and labels."""
    quotes: list[Quote] = []
    for found in found_speaker_quotes(nlp, texts, load_gold(gold_path)):
        start = found.gold.start
        rule = next((p for p in found.touching if p.speaker is not None), None)
        pool = ([rule] if rule is not None else []) + found.near
        before = [c.speaker[0] for c in found.near if c.speaker and c.speaker[0] < start]
        after = [c.speaker[0] for c in found.near if c.speaker and c.speaker[0] >= start]
        rows = [features(found.doc, c, rule, start, before, after) for c in pool]
        labels = [speaker_right(found.text, found.gold, [c]) for c in pool]
        quotes.append((rows, labels, speaker_right(found.text, found.gold, found.touching), rule is None))
    return quotes


def train(quotes: list[Quote], steps: int = 400, rate: float = 0.5) -> np.ndarray:
    """Logistic regression over all candidates of ``quotes`` (batch gradient descent, L2 0.001)."""
    x = np.array([row for rows, _, _, _ in quotes for row in rows])
    y = np.array([label for _, labels, _, _ in quotes for label in labels], dtype=float)
    weights = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ weights))
        weights -= rate * (x.T @ (p - y) / len(y) + 0.001 * weights)
    return weights


def evaluate(quotes: list[Quote], weights: np.ndarray) -> dict[str, float]:
    """Rules, ranker and fallback accuracy over the quotes of one held-out set."""
    rules = ranker = fallback = 0
    for rows, labels, rule_right, no_rule in quotes:
        pick = labels[int(np.argmax(np.array(rows) @ weights))] if rows else False
        rules += rule_right
        ranker += pick
        fallback += pick if no_rule else rule_right
    n = len(quotes) or 1
    return {"scored": len(quotes), "rules": round(100 * rules / n, 1), "ranker": round(100 * ranker / n, 1),
            "fallback": round(100 * fallback / n, 1)}


def run(data_root: Path) -> dict[str, object]:
    """Leave-one-corpus-out figures per set (DUC sets count as one corpus), and pooled."""
    from storyline.nlp import load_model

    nlp = load_model()
    by_set = {gold: set_quotes(nlp, set_texts(module, data_root, GOLD / gold), GOLD / gold) for module, gold in SETS}
    corpus = {gold: gold.split("_")[0] for gold in by_set}
    results: dict[str, dict[str, float]] = {}
    for gold, quotes in by_set.items():
        training = [q for other, qs in by_set.items() if corpus[other] != corpus[gold] for q in qs]
        results[gold.removesuffix(".json")] = evaluate(quotes, train(training))
        print(gold, results[gold.removesuffix(".json")], file=sys.stderr)
    total = sum(int(r["scored"]) for r in results.values())
    return {"benchmark": "speaker_ranker_loco", "sets": results, "scored": total,
            **pooled(results, ("rules", "ranker", "fallback"))}


def main() -> None:
    """Command line: ``python benchmarks/speaker_ranker_loco.py [--data EVAL_DATA_ROOT]``."""
    eval_data_main(__doc__, run)


if __name__ == "__main__":
    main()
