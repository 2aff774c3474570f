"""Ingest+clean throughput (articles/s) and peak memory over many HTML pages, beside raw trafilatura.

Pages: the ``html/<id>.html.gz`` files of the article-extraction benchmark folder, repeated until
``--pages`` (default 10,000) inputs are reached. Each system runs in its own fresh worker process,
one after the other, so that peak memory (the process's resident high-water mark, ``VmHWM``, or
``ru_maxrss`` where /proc is missing) belongs to that system alone:

* ``storyline``: :func:`storyline.ingest.read_paths` over the list of files (size check, gunzip
  with limits, charset decoding) and :func:`storyline.ingest.clean_document` on each document
  (trafilatura in precision mode with metadata, then our cleaning);
* ``trafilatura``: ``gzip`` + UTF-8 decode + ``trafilatura.extract(html, include_comments=False)``.

Figures are reported as measured and as the ratio storyline/trafilatura from the same run.
Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import resource
import sys
import time
from itertools import cycle, islice
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "article-extraction"


def peak_memory_mb() -> float:
    """This process's peak resident memory in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_storyline(paths: list[str]) -> dict[str, float]:
    """Read and clean every path with Storyline's ingest; count articles with text."""
    from storyline.ingest import clean_document, read_paths
    from storyline.models import RawDocument

    started = time.perf_counter()
    articles = errors = 0
    for item in read_paths(paths):
        if isinstance(item, RawDocument) and clean_document(item).text:
            articles += 1
        else:
            errors += 1
    return _figures(len(paths), articles, errors, time.perf_counter() - started)


def run_trafilatura(paths: list[str]) -> dict[str, float]:
    """Decompress, decode and extract every path with plain trafilatura."""
    import trafilatura

    started = time.perf_counter()
    articles = errors = 0
    for path in paths:
        html = gzip.decompress(Path(path).read_bytes()).decode("utf-8")
        if trafilatura.extract(html, include_comments=False):
            articles += 1
        else:
            errors += 1
    return _figures(len(paths), articles, errors, time.perf_counter() - started)


def _figures(pages: int, articles: int, errors: int, seconds: float) -> dict[str, float]:
    return {
        "pages": pages, "articles": articles, "empty_or_failed": errors, "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 2), "pages_per_s": round(pages / seconds, 2),
        "peak_memory_mb": peak_memory_mb(),
    }


def _in_fresh_process(system: str, paths: list[str]) -> dict[str, float]:
    """Run one system in a new spawned process and return its figures."""
    runner = run_storyline if system == "storyline" else run_trafilatura
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(runner, (paths,))


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, run both systems, print the figures as JSON on the last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with html/*.html.gz")
    parser.add_argument("--pages", type=int, default=10_000, help="inputs to process (the pages repeated)")
    args = parser.parse_args(argv)
    files = sorted(str(p) for p in (args.data / "html").glob("*.html.gz"))
    if not files:
        sys.exit(f"no html/*.html.gz under {args.data}")
    paths = list(islice(cycle(files), args.pages))
    results = {system: _in_fresh_process(system, paths) for system in ("storyline", "trafilatura")}
    for system, figures in results.items():
        print(f"{system:<12} {figures}", file=sys.stderr)
    ours, theirs = results["storyline"], results["trafilatura"]
    print(json.dumps({
        "benchmark": "ingest_throughput", "distinct_pages": len(files), "pages": len(paths), "systems": results,
        "ratios_storyline_over_trafilatura": {
            "pages_per_s": round(ours["pages_per_s"] / theirs["pages_per_s"], 3),
            "peak_memory": round(ours["peak_memory_mb"] / theirs["peak_memory_mb"], 3),
        },
    }))


if __name__ == "__main__":
    main()
