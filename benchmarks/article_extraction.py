"""Article body extraction on the Zyte article-extraction-benchmark pages.

Data: ``<data>/html/<id>.html.gz`` and ``<data>/ground-truth.json`` (``{id: {"articleBody": ...}}``).
Metric: exactly the benchmark's ``evaluate.py``: ``\\w+`` tokens, 4-token shingles counted as a
multiset, per-page TP/FP/FN normalised to sum to 1, precision averaged over pages with TP+FP > 0,
recall over pages with TP+FN > 0, F1 from the two averages (no bootstrap intervals here).

Systems, all run side by side in this process:

* ``trafilatura_default``: ``trafilatura.extract(html, include_comments=False)`` as the
  benchmark's own runner calls it;
* ``trafilatura_precision``: the same with ``favor_precision=True``;
* ``storyline``: our ingest path, read from the ``.html.gz`` file through
  :func:`storyline.ingest.read_paths` (gunzip with limits, charset decoding) and
  :func:`storyline.ingest.clean_document` (trafilatura + our cleaning), cleaned text as output.

Anchors (benchmark README, full set of 181 pages; this folder holds 90): trafilatura 2.0.0
F1 0.958, readability-lxml 0.922. Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from storyline.ingest import clean_document, read_paths
from storyline.models import RawDocument

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "article-extraction"
ANCHORS = {"trafilatura_2.0.0_f1_full_set": 0.958, "readability_lxml_f1_full_set": 0.922}
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
SHINGLE_N = 4

Counts = tuple[float, float, float]


def shingle_counts(true: str, pred: str, n: int = SHINGLE_N) -> Counts:
    """Normalised (TP, FP, FN) over multisets of ``n``-token shingles, as the benchmark does."""
    true_shingles, pred_shingles = _shingles(true, n), _shingles(pred, n)
    tp = fp = fn = 0.0
    for key in set(true_shingles) | set(pred_shingles):
        true_count, pred_count = true_shingles.get(key, 0), pred_shingles.get(key, 0)
        tp += min(true_count, pred_count)
        fp += max(0, pred_count - true_count)
        fn += max(0, true_count - pred_count)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(counts: list[Counts]) -> dict[str, float]:
    """Precision, recall and F1 averaged per page, as the benchmark's ``metrics_from_tp_fp_fns``."""
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall)
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4)}


def storyline_extract(path: Path) -> str:
    """Our ingest path on one ``.html.gz`` file: read (gunzip, decode) and clean."""
    texts = [clean_document(item).text for item in read_paths([str(path)]) if isinstance(item, RawDocument)]
    return "\n\n".join(texts)


def _systems() -> dict[str, Callable[[Path, str], str]]:
    return {
        "trafilatura_default": lambda path, html: trafilatura.extract(html, include_comments=False) or "",
        "trafilatura_precision": lambda path, html: (
            trafilatura.extract(html, include_comments=False, favor_precision=True) or ""
        ),
        "storyline": lambda path, html: storyline_extract(path),
    }


def run(data: Path, limit: int | None) -> dict[str, object]:
    """Score every system on the pages under ``data``."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    pages = {i: gzip.decompress((data / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8") for i in ids}
    results: dict[str, object] = {}
    for name, extract in _systems().items():
        started = time.perf_counter()
        counts = [shingle_counts(truth[i].get("articleBody", ""), extract(data / "html" / f"{i}.html.gz", pages[i])) for i in ids]
        results[name] = {**metrics(counts), "seconds": round(time.perf_counter() - started, 2)}
    return {"benchmark": "article_extraction", "pages": len(ids), "systems": results, "anchors": ANCHORS}


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, run, print the figures as JSON on the last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with html/ and ground-truth.json")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by id)")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        sys.exit(f"no ground-truth.json under {args.data}")
    result = run(args.data, args.limit)
    for name, figures in result["systems"].items():  # type: ignore[attr-defined]
        print(f"{name:<24} {figures}", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
