"""Per-article throughput: Storyline single process and on Ray, beside bare spaCy, in one run.

Texts: the first ``--articles`` records of the perturbed T17 volume corpus (``t17_volume.py``;
up to 963 they are the T17 articles themselves), written as JSONL shards to a temporary folder.
Each system runs in its own fresh worker process, one after the other, with the spaCy model
loaded before the clock starts (Ray loads it in its actors, so Ray's figure includes that and
Ray's own start-up). Peak memory is that of the worker's whole process tree (spaCy's second
process and Ray's workers included):

* ``spacy_1``: bare ``nlp.pipe`` over the cleaned article texts, one process, all components;
* ``spacy_2``: the same with ``n_process=2`` (the physical limit of two workers here);
* ``storyline_local``: :func:`storyline.pipeline.ingest` (read, clean, date, parse, extract, store
  into SQLite, batch by batch), one process;
* ``storyline_ray``: :func:`storyline.ray_engine.build_with_ray` with ``--workers`` actors, the
  per-article stages only (ingest), Ray in local mode.

``overhead_local`` = storyline_local seconds / spacy_1 seconds - 1 (the issue asks under 0.25);
``overhead_ray`` = storyline_ray / spacy_2 - 1. Also the cross-article stage (derive) time of the
local store. Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from ingest_throughput import peak_memory_mb
from scale_build import run_measured
from t17_volume import DEFAULT_DATA, load_t17, perturbed, write_corpus


def cleaned_texts(shards: list[Path]) -> list[str]:
    """The article texts as the pipeline stores them (read + clean), for the bare spaCy runs."""
    from storyline.ingest import read_paths
    from storyline.models import RawDocument
    from storyline.pipeline import prepare_article

    return [prepare_article(item).text for item in read_paths([str(p) for p in shards])
            if isinstance(item, RawDocument)]


def run_spacy(shards: list[Path], processes: int) -> dict[str, Any]:
    """Bare spaCy over the cleaned texts."""
    from storyline.nlp import load_model

    texts = cleaned_texts(shards)
    nlp = load_model()
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16, n_process=processes))
    return _figures(len(texts), words, time.perf_counter() - started)


def run_local(shards: list[Path], folder: Path) -> dict[str, Any]:
    """Storyline's per-article stages in one process, then derive, into a fresh SQLite store."""
    from storyline.nlp import load_model
    from storyline.pipeline import derive, ingest
    from storyline.store import Store

    load_model()
    with Store(folder / "local.db") as store:
        started = time.perf_counter()
        report = ingest([str(p) for p in shards], store)
        seconds = time.perf_counter() - started
        words = _stored_words(store)
        started = time.perf_counter()
        store.replace_derived(derive(store.load_analyzed(), store.duplicate_links(), store.load_story_assignments()))
        derive_seconds = time.perf_counter() - started
    figures = _figures(report.added, words, seconds)
    figures["derive_seconds"] = round(derive_seconds, 2)
    return figures


def run_ray(shards: list[Path], folder: Path, workers: int) -> dict[str, Any]:
    """Storyline's per-article stages on Ray (local mode started by the engine, ``workers`` actors)."""
    from storyline.ray_engine import ingest_with_ray
    from storyline.store import Store

    with Store(folder / "ray.db") as store:
        started = time.perf_counter()
        report = ingest_with_ray([str(p) for p in shards], store, workers=workers)
        seconds = time.perf_counter() - started
        words = _stored_words(store)
    return _figures(report.added, words, seconds)


def _stored_words(store: Any) -> int:
    from storyline.nlp import load_model

    tokenizer = load_model().tokenizer
    return sum(len(tokenizer(article.text)) for article in store.iter_articles())


def _figures(articles: int, words: int, seconds: float) -> dict[str, Any]:
    return {
        "articles": articles, "words": words, "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 2), "words_per_s": round(words / seconds, 1),
        "peak_memory_mb": peak_memory_mb(),
    }


def _in_worker(name: str, *args: Any) -> dict[str, Any]:
    target = {"spacy": run_spacy, "local": run_local, "ray": run_ray}[name]
    figures = run_measured(target, *args)
    figures["peak_process_memory_mb"] = figures.pop("peak_memory_mb")
    figures["peak_memory_mb"] = figures.pop("peak_tree_memory_mb")
    return figures


def main() -> None:
    """Write the corpus, run the four systems one after the other, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="T17 folder (<topic>/articles.csv)")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyline-throughput-") as tmp:
        folder = Path(tmp)
        shards = write_corpus(perturbed(load_t17(args.data), args.articles), folder / "corpus")
        results: dict[str, Any] = {}
        for name, run in (("spacy_1", ("spacy", shards, 1)), ("spacy_2", ("spacy", shards, 2)),
                          ("storyline_local", ("local", shards, folder)),
                          ("storyline_ray", ("ray", shards, folder, args.workers))):
            print(f"running {name} ...", file=sys.stderr, flush=True)
            results[name] = _in_worker(*run)
            print(json.dumps(results[name]), file=sys.stderr, flush=True)
    results["overhead_local"] = round(results["storyline_local"]["seconds"] / results["spacy_1"]["seconds"] - 1, 3)
    results["overhead_ray"] = round(results["storyline_ray"]["seconds"] / results["spacy_2"]["seconds"] - 1, 3)
    results["ray_speedup"] = round(results["storyline_local"]["seconds"] / results["storyline_ray"]["seconds"], 3)
    results["workers"] = args.workers
    print(json.dumps(results))


if __name__ == "__main__":
    main()
