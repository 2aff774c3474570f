"""Scaling curve of the whole build, and the cost of a daily batch on a large store.

Three measurements, each in a fresh worker process whose peak memory is the resident high-water mark
of its whole process tree (Ray's workers included), sampled every 0.2 s from /proc:

* ``full``: for each of ``--sizes`` (default 1,000 and 10,000), a perturbed T17 corpus of that many
  articles (``t17_volume.py``) built from scratch into SQLite (``--db-url`` for PostgreSQL): the
  per-article stages (``--engine local`` or ``ray`` with ``--workers``), then the cross-article stage
  (derive: entities, speakers, bounds, disagreements, stories, timelines) and its store write.
* ``volume``: the cross-article stage alone on ``--volumes`` stored articles (default 10,000 and
  100,000), made by copying the analyses of the largest ``full`` store (ids renamed, dates shifted by
  whole corpus spans, so copies never fall in one story's time window). Per-article work is linear by
  construction (one parse per new article); this is the part whose growth decides the curve, measured
  at a volume the 2 cores here cannot parse in a session (100k T17-sized articles = 109M words, about
  3.4 h of spaCy on both cores). Copies carry no digests (``storyline.digests``), which a real
  build computes with the analyses: this pass computes and stores them, reported apart as
  ``digest_seconds``.
* ``add``: ``--add`` (default 1,000) new perturbed articles built into a copy of the largest ``volume``
  store (the largest ``full`` store when ``--volumes ''``): per-article stages for the new ones only,
  then the cross-article stage (stories whose members did not change are kept, not rebuilt).

Prints one JSON object on its last line: seconds per phase, articles/s, peak MiB, and
``growth`` (time ratio / size ratio between consecutive points; 1.0 is linear).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import queue as queue_module
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from t17_volume import DEFAULT_DATA, load_t17, perturbed, write_corpus


def _tree_rss_kb(root: int) -> int:
    """Resident memory (KiB) of ``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_measured(target: Any, *args: Any) -> dict[str, Any]:
    """Run ``target(*args)`` in a spawned process; add the peak tree memory in MiB to its figures."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, target, args))
    process.start()
    peak = 0
    while process.is_alive():
        peak = max(peak, _tree_rss_kb(process.pid))
        time.sleep(0.2)
        if not queue.empty():
            break
    try:
        result = queue.get(timeout=60)
    except queue_module.Empty as error:  # the worker died without a result (killed for memory, say)
        raise RuntimeError(f"worker exited with {process.exitcode} and no figures") from error
    process.join()
    if "error" in result:
        raise RuntimeError(result["error"])
    result["peak_tree_memory_mb"] = round(peak / 1024, 1)
    return result


def _child(queue: Any, target: Any, args: tuple[Any, ...]) -> None:
    try:
        queue.put(target(*args))
    except Exception as error:  # noqa: BLE001 - reported by the parent
        queue.put({"error": f"{type(error).__name__}: {error}"})


def build_full(corpus: Path, location: str, engine: str, workers: int) -> dict[str, Any]:
    """Per-article stages then the cross-article stage into a new store; seconds per phase."""
    from storyline.nlp import load_model
    from storyline.pipeline import ingest
    from storyline.store import Store

    started = time.perf_counter()
    with Store(location) as store:
        if engine == "ray":
            from storyline.ray_engine import ingest_with_ray

            report = ingest_with_ray([str(corpus)], store, workers=workers)
        else:
            load_model()
            report = ingest([str(corpus)], store)
        per_article = time.perf_counter() - started
        figures = _derive_timed(store)
    figures.update(added=report.added, duplicates=report.duplicates, per_article_seconds=round(per_article, 2))
    figures["seconds"] = round(per_article + figures["derive_seconds"], 2)
    figures["articles_per_s"] = round(report.added / figures["seconds"], 2)
    return figures


def _derive_timed(store: Any) -> dict[str, Any]:
    """``pipeline.derive_stored``, step by step with times (digests: stored ones loaded,
    missing ones computed and stored)."""
    from storyline import pipeline
    from storyline.digests import stored_digests

    started = time.perf_counter()
    skip_ids = store.duplicate_links()
    analyzed = [item for item in store.load_analyzed() if item.article.id not in skip_ids]
    previous = pipeline.previous_results(store)
    loaded = time.perf_counter()
    digests = stored_digests(store, analyzed)
    digested = time.perf_counter()
    derived = pipeline.derive(analyzed, skip_ids, store.load_story_assignments(), previous, digests)
    derived_at = time.perf_counter()
    store.replace_derived(derived)
    done = time.perf_counter()
    return {
        "articles": store.article_count(), "stories": len(derived.stories) + len(derived.kept_stories), "entities": len(derived.entities),
        "load_seconds": round(loaded - started, 2), "digest_seconds": round(digested - loaded, 2),
        "derive_only_seconds": round(derived_at - digested, 2), "write_seconds": round(done - derived_at, 2),
        "derive_seconds": round(done - started, 2),
    }


def replicate(source: str, target: str, volume: int) -> dict[str, Any]:
    """Copy the source store's analyses into ``target`` until it holds ``volume`` articles."""
    from storyline.store import Store

    with Store(source, read_only=True) as store:
        analyzed = [a for a in store.load_analyzed() if a.article.id not in store.duplicate_links()]
    span = _span_days(analyzed) + 400
    with Store(target) as out:
        copies = 0
        while out.article_count() < volume:
            batch = [_copied(item, copies, span) for item in analyzed[: volume - out.article_count()]]
            for start in range(0, len(batch), 500):
                out.add_batch(batch[start:start + 500])
            copies += 1
    return {"copies": copies, "shift_days": span}


def _span_days(analyzed: list[Any]) -> int:
    from storyline.stories.similarity import parse_date

    days = [d.toordinal() for a in analyzed if (d := parse_date(a.article.published.date))]
    return (max(days) - min(days)) if days else 0


def _copied(item: Any, copy: int, shift_days: int) -> Any:
    """One analysed article as copy ``copy``: new id everywhere, publication shifted by whole spans."""
    from datetime import date, timedelta

    if copy == 0:
        return item
    new_id = f"{item.article.id}-c{copy}"
    published = item.article.published
    if published.date and len(published.date) == 10:
        shifted = date.fromisoformat(published.date) + timedelta(days=copy * shift_days)
        published = replace(published, date=shifted.isoformat(), evidence=None)
    article = replace(item.article, id=new_id, path=f"{item.article.path}#c{copy}", published=published)
    return replace(
        item, article=article,
        mentions=tuple(replace(m, article_id=new_id) for m in item.mentions),
        timexes=tuple(replace(t, article_id=new_id) for t in item.timexes),
        quotes=tuple(replace(q, id=f"{q.id}-c{copy}", article_id=new_id) for q in item.quotes),
        claims=tuple(replace(c, id=f"{c.id}-c{copy}", article_id=new_id) for c in item.claims),
    )


def _count(location: str) -> dict[str, Any]:
    from storyline.store import Store

    with Store(location, read_only=True) as store:
        return {"articles": store.article_count()}


def derive_only(location: str) -> dict[str, Any]:
    """The cross-article stage over everything stored."""
    from storyline.store import Store

    with Store(location) as store:
        return _derive_timed(store)


def _growth(points: list[dict[str, Any]], size_key: str) -> list[float]:
    return [
        round((b["seconds"] / a["seconds"]) / (b[size_key] / a[size_key]), 3)
        for a, b in pairwise(points)
    ]


def main() -> None:
    """Run the three measurements and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="T17 folder (<topic>/articles.csv)")
    parser.add_argument("--sizes", default="1000,10000", help="full-build sizes, comma-separated")
    parser.add_argument("--volumes", default="10000,100000", help="cross-article volumes ('' to skip)")
    parser.add_argument("--add", type=int, default=1000, help="articles added to the largest volume (0 skips)")
    parser.add_argument("--engine", choices=("local", "ray"), default="ray")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None, help="keep stores and corpora here")
    parser.add_argument("--source", type=Path, default=None,
                        help="store the volumes copy (default: this run's largest full build)")
    parser.add_argument("--source-size", type=int, default=None,
                        help="perturbed records behind --source (the added articles come after them)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="storyline-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    sources = load_t17(args.data)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    volumes = [int(v) for v in args.volumes.split(",") if v]
    results: dict[str, Any] = {"engine": args.engine, "workers": args.workers, "full": [], "volume": []}
    for size in sizes:
        corpus = work / f"corpus-{size}"
        if not corpus.exists():
            write_corpus(perturbed(sources, size), corpus)
        db = work / f"full-{size}.db"
        db.unlink(missing_ok=True)
        point = {"size": size, **run_measured(build_full, corpus, str(db), args.engine, args.workers)}
        results["full"].append(point)
        print(json.dumps(point), file=sys.stderr, flush=True)
    results["full_growth"] = _growth(results["full"], "size")
    if (args.source is None and not sizes) or (args.source is not None and args.source_size is None):
        parser.error("--sizes '' needs --source, and --source needs --source-size")
    source = str(args.source or work / f"full-{max(sizes)}.db")
    used = args.source_size if args.source else max(sizes)
    for volume in volumes:
        db = work / f"volume-{volume}.db"
        db.unlink(missing_ok=True)
        run_measured(replicate, source, str(db), volume)
        point = {"volume": volume, **run_measured(derive_only, str(db))}
        point["seconds"] = point["derive_seconds"]
        results["volume"].append(point)
        print(json.dumps(point), file=sys.stderr, flush=True)
    results["volume_growth"] = _growth(results["volume"], "volume")
    if args.add:
        base = work / f"volume-{max(volumes)}.db" if volumes else Path(source)
        results["add"] = _add_batch(work, sources, base, used, args)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results))


def _add_batch(work: Path, sources: Any, base: Path, used: int, args: Any) -> dict[str, Any]:
    """Add ``args.add`` articles never seen before to a copy of the ``base`` store (the largest)."""
    records = list(perturbed(sources, used + args.add))[used:]
    corpus = work / f"add-{args.add}"
    if not corpus.exists():
        write_corpus(iter(records), corpus)
    db = work / f"add-to-{base.name}"
    shutil.copy(base, db)
    point = {"store_before": run_measured(_count, str(db))["articles"], "added_articles": args.add,
             **run_measured(build_full, corpus, str(db), args.engine, args.workers)}
    print(json.dumps(point), file=sys.stderr, flush=True)
    return point


if __name__ == "__main__":
    main()
