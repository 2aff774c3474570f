"""DUC 2004 task 2 benchmark: our multi-document summary at 665 bytes, ROUGE-1/2 recall.

For each cluster (``docs/<cluster>/D*.txt``) the documents go through our own ingest (cleaning)
and per-article analysis, then :func:`storyline.timeline.summary.select_summary_sentences`
picks sentences in rank order; they are joined with spaces and cut at 665 bytes, as DUC 2004
task 2 requires. Scores are ROUGE-N recall against the four references
(``reference/Task<cluster>_reference{1-4}.txt``) pooled as ROUGE-1.5.5 does with several
models (matched n-grams summed over references / reference n-grams summed over references),
averaged over clusters, with the Porter stemmer off and on. Tokens: lowercased ``[a-z0-9]+``
(the ``rouge-score`` tokenizer); no stop-word removal. A LEAD baseline (first 665 bytes of the
cluster's first document) is scored in the same run.

Anchor: LexRank about 0.36 ROUGE-1 / 0.075 ROUGE-2 recall (DUC 2004, 665 bytes, stemmed).
Needs ``nltk`` for the stemmer (part of the ``bench`` extra through ``rouge-score``).
Usage: ``python benchmarks/duc2004_summary.py [--data DIR] [--limit N] [--sentences K]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from storyline.models import RawDocument
from storyline.pipeline import analyze_articles, prepare_article
from storyline.timeline.summary import select_summary_sentences

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "duc2004"
LIMIT_BYTES = 665
ANCHORS = {"lexrank_rouge_1_recall": 0.36, "lexrank_rouge_2_recall": 0.075}
_TOKEN = re.compile(r"[a-z0-9]+")

Tokenizer = Callable[[str], list[str]]


def truncate_bytes(text: str, limit: int = LIMIT_BYTES) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes (never inside a character)."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def tokenizer(stem: bool) -> Tokenizer:
    """Lowercased alphanumeric tokens, Porter-stemmed when ``stem`` (tokens over 3 letters, as rouge-score)."""
    if not stem:
        return lambda text: _TOKEN.findall(text.lower())
    from nltk.stem import porter  # type: ignore[import-not-found]

    stemmer = porter.PorterStemmer()
    return lambda text: [stemmer.stem(t) if len(t) > 3 else t for t in _TOKEN.findall(text.lower())]


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Counts of the ``n``-grams of ``tokens``."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_recall(summary: str, references: Sequence[str], n: int, tokens: Tokenizer) -> float:
    """ROUGE-N recall pooled over references (ROUGE-1.5.5 with several models)."""
    system = ngrams(tokens(summary), n)
    matched = total = 0
    for reference in references:
        gold = ngrams(tokens(reference), n)
        matched += sum(min(count, system[gram]) for gram, count in gold.items())
        total += sum(gold.values())
    return matched / total if total else 0.0


def read_cluster(folder: Path) -> list[RawDocument]:
    """The cluster's documents in file-name order (D1, D2, ... D10)."""
    paths = sorted(folder.glob("D*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    return [RawDocument(str(p), p.read_text(encoding="utf-8", errors="replace"), "text") for p in paths]


def our_summary(raw: Sequence[RawDocument], sentences: int) -> str:
    """Our ranked summary sentences, joined and cut at 665 bytes."""
    analyzed = list(analyze_articles(prepare_article(document) for document in raw))
    chosen = select_summary_sentences(analyzed, max_sentences=sentences)
    return truncate_bytes(" ".join(span.text for span in chosen))


def lead_summary(raw: Sequence[RawDocument]) -> str:
    """The first 665 bytes of the first document, whitespace collapsed."""
    return truncate_bytes(" ".join(prepare_article(raw[0]).text.split()))


def score_all(summaries: dict[str, str], references: dict[str, list[str]]) -> dict[str, float]:
    """Mean ROUGE-1/2 recall over clusters, stemming off and on."""
    figures: dict[str, float] = {}
    for stem in (False, True):
        tokens = tokenizer(stem)
        for n in (1, 2):
            values = [rouge_recall(summaries[c], references[c], n, tokens) for c in summaries]
            figures[f"rouge_{n}_recall{'_stemmed' if stem else ''}"] = round(sum(values) / len(values), 4)
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print one JSON object on the last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N clusters")
    parser.add_argument("--sentences", type=int, default=8, help="sentences to rank before truncation")
    args = parser.parse_args(argv)
    clusters = sorted((p.name for p in (args.data / "docs").iterdir() if p.is_dir()), key=int)
    clusters = clusters[: args.limit] if args.limit else clusters
    ours: dict[str, str] = {}
    lead: dict[str, str] = {}
    references: dict[str, list[str]] = {}
    began = time.perf_counter()
    for cluster in clusters:
        raw = read_cluster(args.data / "docs" / cluster)
        references[cluster] = [(args.data / "reference" / f"Task{cluster}_reference{k}.txt").read_text(
            encoding="utf-8", errors="replace") for k in range(1, 5)]
        ours[cluster] = our_summary(raw, args.sentences)
        lead[cluster] = lead_summary(raw)
        print(cluster, ours[cluster][:100].replace("\n", " "), file=sys.stderr)
    seconds = time.perf_counter() - began
    print(json.dumps({
        "benchmark": "duc2004_summary", "clusters": len(clusters), "bytes": LIMIT_BYTES,
        "storyline": score_all(ours, references), "lead_baseline": score_all(lead, references),
        "seconds_per_cluster": round(seconds / len(clusters), 2), "anchors": ANCHORS,
    }))


if __name__ == "__main__":
    main()
