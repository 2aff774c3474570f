"""Export streaming benchmark: memory and time of the streaming exports against the JSON document.

Builds a synthetic store (no NLP: each article gets one sentence, quote, claim and timex, and
one story per topic) from the Timeline17 article texts, copied ``--copies`` times to make it
large, then exports it as the JSON document (built in memory) and as JSONL, CSV and Parquet
(streamed), side by side in the same run. Peak memory is Python-heap memory from tracemalloc
(pyarrow's own buffers are not counted), measured after an untraced timed run of each export.
Figures are one JSON object on the last line of stdout.

Usage: ``.venv/bin/python benchmarks/export_streaming.py [--data DIR] [--copies N]``
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from storyline.export import export_document
from storyline.exports.csv_tables import export_csv_directory
from storyline.exports.jsonl import export_jsonl
from storyline.exports.parquet_tables import export_parquet_directory
from storyline.models import (
    AnalyzedArticle,
    Article,
    Citation,
    Claim,
    Published,
    Quote,
    Sentence,
    Story,
    TimelineEntry,
    Timex,
)
from storyline.store import DerivedResults, Store

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "t17"
# The project's floor: a streamed JSONL export peaks below this share of the in-memory document's peak.
JSONL_MEMORY_RATIO_FLOOR = 0.10


def read_articles(data: Path) -> Iterator[tuple[str, str, str]]:
    """(topic, date, text) for every article of every topic folder."""
    csv.field_size_limit(sys.maxsize)
    for path in sorted(data.glob("*/articles.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield path.parent.name, row["date"], row["text"]


def synthetic(topic: str, date: str, text: str, copy: int) -> AnalyzedArticle:
    """One stored article with a sentence, quote, claim and timex over its first characters."""
    body = f"{text}\n(copy {copy})"
    aid = hashlib.sha256(body.encode()).hexdigest()[:16]
    end = min(len(body), 80)
    article = Article(aid, f"{topic}/{aid}.txt", f"{topic} {date}", None, body, Published(date, "day", "metadata"))
    quote = Quote(f"q-{aid}", aid, 0, end, body[:end], "direct", None, None, None, "said", 0, end)
    claim = Claim(f"c-{aid}", aid, 0, end, body[:end], 1.0, "count", "items", "items", None, None, 0, end)
    timex = Timex(aid, 0, min(10, end), body[: min(10, end)], "DATE", date, "day")
    return AnalyzedArticle(article, (Sentence(0, end),), (), (timex,), (quote,), (claim,))


def build_store(path: Path, data: Path, copies: int) -> tuple[int, int]:
    """Fill a store; returns (articles, characters of text)."""
    by_topic: dict[str, list[AnalyzedArticle]] = {}
    chars = 0
    with Store(path) as store:
        for copy in range(copies):
            unique = {a.article.id: a for a in (synthetic(t, d, x, copy) for t, d, x in read_articles(data))}
            batch = list(unique.values())
            store.add_batch(batch)
            for analyzed in batch:
                by_topic.setdefault(analyzed.article.path.split("/")[0], []).append(analyzed)
                chars += len(analyzed.article.text)
        stories = tuple(
            Story(
                f"s-{topic}", topic, tuple(a.article.id for a in items), (),
                tuple(TimelineEntry(a.article.published.date or "2000", "day", a.article.title or "",
                                    (Citation(a.article.id, 0, 10),)) for a in items[:200]),
            )
            for topic, items in by_topic.items()
        )
        store.replace_derived(DerivedResults((), (), (), stories))
        return sum(len(v) for v in by_topic.values()), chars


def measure(run: Callable[[], Any], traced: bool) -> float:
    """Peak traced bytes (traced) or seconds (untraced) of one run."""
    if traced:
        tracemalloc.start()
        run()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return float(peak)
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    """Build the store, run every export twice (traced, timed) and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--copies", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        articles, chars = build_store(folder / "store.db", args.data, args.copies)
        with Store(folder / "store.db", read_only=True) as store:
            runs: dict[str, Callable[[], Any]] = {
                "json_document": lambda: json.dump(export_document(store), io.StringIO(), ensure_ascii=False),
                "jsonl": lambda: export_jsonl(store, (folder / "out.jsonl").open("w", encoding="utf-8")),
                "csv": lambda: export_csv_directory(store, folder / "csv"),
                "parquet": lambda: export_parquet_directory(store, folder / "parquet"),
            }
            # Timed runs first: they also warm up lazy imports (pyarrow loads pandas on first use).
            seconds = {name: measure(run, traced=False) for name, run in runs.items()}
            peaks = {name: measure(run, traced=True) for name, run in runs.items()}
    base_peak, base_time = peaks["json_document"], seconds["json_document"]
    figures: dict[str, Any] = {"articles": articles, "text_mb": round(chars / 1e6, 1)}
    for name in ("jsonl", "csv", "parquet"):
        figures[f"{name}_peak_memory_ratio"] = round(peaks[name] / base_peak, 4)
        figures[f"{name}_time_ratio"] = round(seconds[name] / base_time, 2)
    figures["json_document_peak_mb"] = round(base_peak / 1e6, 1)
    figures["jsonl_peak_mb"] = round(peaks["jsonl"] / 1e6, 2)
    figures["jsonl_memory_ratio_floor"] = JSONL_MEMORY_RATIO_FLOOR
    figures["jsonl_meets_floor"] = figures["jsonl_peak_memory_ratio"] < JSONL_MEMORY_RATIO_FLOOR
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
