"""Story clustering on ECB+: B-cubed P/R/F1 of ``group_stories`` beside a plain TF-IDF baseline.

Data: ``<data>/<topic>/<t>_<n>ecb.xml`` and ``<t>_<n>ecbplus.xml`` (tokens in
XML). The gold story of a document is its topic plus ``ecb``/``ecbplus``: each
topic holds two look-alike stories (e.g. two different earthquakes).

Systems, all run here in the same process:

* ``storyline``: :func:`storyline.stories.group_stories` at its default
  threshold, with spaCy NER for the entity part; no publication dates exist,
  so the time factor is neutral;
* ``storyline_text_only``: the same without entities (token-level only);
* ``baseline_tfidf``: plain TF-IDF (lowercased word tokens, spaCy stop words
  removed, raw tf, smoothed idf, L2) + scipy average-linkage agglomerative
  clustering on cosine distance. Its threshold is TUNED ON THIS SAME DATA (the
  best of a grid), so it is an optimistic baseline; ``storyline_tuned`` is
  group_stories with its threshold tuned the same way, for a like-for-like view.

Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]
from scipy.spatial.distance import squareform  # type: ignore[import-untyped]
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.models import AnalyzedArticle, Article, Published
from storyline.nlp import load_model, mentions_of, sentences_of
from storyline.stories import DEFAULT_THRESHOLD, group_stories

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "ecbplus" / "ECB+"
THRESHOLD_GRID = [round(0.02 * k, 2) for k in range(1, 31)]
_FILE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}'’”]|n't|'s|'re|'ll|'ve|'d|'m)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$“])\s+")


def detokenize(tokens: Sequence[str]) -> str:
    """Join XML tokens into readable text (spaces before punctuation and clitics removed)."""
    text = " ".join(tokens)
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def read_corpus(data: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Document text and gold story (``topic:ecb|ecbplus``) by file name."""
    texts: dict[str, str] = {}
    gold: dict[str, str] = {}
    for path in sorted(data.glob("*/*.xml")):
        match = _FILE.match(path.name)
        if not match:
            continue
        sentences: dict[int, list[str]] = defaultdict(list)
        for token in ET.parse(path).getroot().iter("token"):
            sentences[int(token.get("sentence", "0"))].append(token.text or "")
        texts[path.name] = "\n".join(detokenize(sentences[key]) for key in sorted(sentences))
        gold[path.name] = f"{match.group(1)}:{match.group(3)}"
    return texts, gold


def analyze_corpus(texts: dict[str, str]) -> list[AnalyzedArticle]:
    """Sentences and entity mentions from spaCy; no dates (ECB+ gives none)."""
    nlp = load_model()
    names = sorted(texts)
    analyzed = []
    for name, doc in zip(names, nlp.pipe((texts[n] for n in names), batch_size=32), strict=True):
        article = Article(name, name, None, None, texts[name], Published())
        analyzed.append(AnalyzedArticle(article, sentences_of(doc), mentions_of(name, doc), (), (), ()))
    return analyzed


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 averaged over items."""
    by_cluster: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item, label in predicted.items():
        by_cluster[label].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item, label in predicted.items():
        overlap = len(by_cluster[label] & by_gold[gold[item]])
        precision += overlap / len(by_cluster[label])
        recall += overlap / len(by_gold[gold[item]])
    precision, recall = precision / len(predicted), recall / len(predicted)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def storyline_clusters(analyzed: Sequence[AnalyzedArticle], threshold: float) -> dict[str, str]:
    """Document -> story id from ``group_stories``."""
    return {doc: story for story, docs in group_stories(analyzed, threshold=threshold) for doc in docs}


def baseline_similarity(texts: dict[str, str]) -> tuple[list[str], np.ndarray]:
    """Plain TF-IDF cosine matrix over lowercased word tokens (stop words removed)."""
    names = sorted(texts)
    docs = [[w for w in re.findall(r"[a-z0-9]+", texts[n].lower()) if w not in STOP_WORDS] for n in names]
    df = Counter(term for doc in docs for term in set(doc))
    vocabulary = {term: k for k, term in enumerate(sorted(df))}
    matrix = np.zeros((len(docs), len(vocabulary)))
    for row, doc in enumerate(docs):
        for term, count in Counter(doc).items():
            matrix[row, vocabulary[term]] = count * (math.log((1 + len(docs)) / (1 + df[term])) + 1)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return names, np.clip(matrix @ matrix.T, 0.0, 1.0)


def baseline_clusters(names: list[str], similarity: np.ndarray, threshold: float) -> dict[str, str]:
    """Average-linkage clusters (scipy) cut where the average cosine falls below ``threshold``."""
    distance = 1.0 - similarity
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform((distance + distance.T) / 2.0, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    return {name: str(label) for name, label in zip(names, labels, strict=True)}


def best_on_grid(score: dict[float, dict[str, float]]) -> tuple[float, dict[str, float]]:
    """Threshold with the best F1 (ties: the lower threshold)."""
    threshold = max(sorted(score), key=lambda t: score[t]["f1"])
    return threshold, score[threshold]


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no ECB+ data at {args.data}")
    texts, gold = read_corpus(args.data)
    started = time.perf_counter()
    analyzed = analyze_corpus(texts)
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours = bcubed(storyline_clusters(analyzed, DEFAULT_THRESHOLD), gold)
    ours_seconds = time.perf_counter() - started
    text_only = [replace(item, mentions=()) for item in analyzed]
    text_only_scores = bcubed(storyline_clusters(text_only, DEFAULT_THRESHOLD), gold)
    ours_grid = {t: bcubed(storyline_clusters(analyzed, t), gold) for t in THRESHOLD_GRID}
    started = time.perf_counter()
    names, similarity = baseline_similarity(texts)
    baseline_grid = {t: bcubed(baseline_clusters(names, similarity, t), gold) for t in THRESHOLD_GRID}
    baseline_seconds = (time.perf_counter() - started) / len(THRESHOLD_GRID)
    ours_threshold, ours_tuned = best_on_grid(ours_grid)
    baseline_threshold, baseline_tuned = best_on_grid(baseline_grid)
    for threshold in THRESHOLD_GRID:
        print(f"threshold {threshold:.2f}  storyline {ours_grid[threshold]}  baseline {baseline_grid[threshold]}")
    figures = {
        "benchmark": "ecbplus_stories",
        "documents": len(texts),
        "gold_stories": len(set(gold.values())),
        "storyline": {"threshold": DEFAULT_THRESHOLD, **ours},
        "storyline_text_only": {"threshold": DEFAULT_THRESHOLD, **text_only_scores},
        "storyline_tuned": {"threshold": ours_threshold, **ours_tuned},
        "baseline_tfidf_tuned": {"threshold": baseline_threshold, **baseline_tuned},
        "baseline_threshold_tuned_on_test_data": True,
        "spacy_seconds": round(spacy_seconds, 2),
        "clustering_time_ratio_storyline_over_baseline": round(ours_seconds / max(baseline_seconds, 1e-9), 2),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
