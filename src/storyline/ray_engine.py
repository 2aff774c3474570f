"""`storyline build --engine ray`: the same build on Ray Data, locally or on a cluster.

Shards (the files ``read_paths`` would read) are read by Ray tasks with the project's own
readers; each read item becomes a row carrying a pickled record. Stage 1 prepares articles
(clean + date), stage 2 marks those already stored when the build started so they are never
parsed, stage 3 parses and analyses (digests included) in actors that load the spaCy
model once. Order is preserved, and the driver feeds each batch to the local engine's
:class:`BatchCommitter`, so skipping, near-duplicate linking, storing and counting are exactly
the local engine's; then the cross-article results are derived over the store as
``pipeline.build`` does.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from storyline.digests import ArticleDigests, article_digests
from storyline.ingest import ReadError, read_paths
from storyline.ingest.readers import ReadOptions, expand_paths
from storyline.models import AnalyzedArticle, Article, RawDocument
from storyline.pipeline import (
    BATCH_SIZE,
    BatchCommitter,
    BuildReport,
    ProgressCallback,
    analyze_articles,
    analyze_parsed,
    derive_stored,
    prepare_item,
)
from storyline.store import Store

if TYPE_CHECKING:
    import pyarrow  # type: ignore[import-untyped]

LOCAL_OBJECT_STORE_BYTES = 384 * 1024 * 1024
RAY_MISSING = "the Ray engine needs Ray Data: pip install 'storyline[ray]'"
_ITEM, _ID, _PARSE, _ANALYSIS = "item", "article_id", "parse", "analysis"


class RayUnavailable(RuntimeError):
    """Ray (with Ray Data) is not installed."""


def build_with_ray(
    paths: Sequence[str], store: Store, *, workers: int = 2, address: str | None = None,
    progress: ProgressCallback | None = None, options: ReadOptions | None = None, batch_size: int = BATCH_SIZE,
) -> BuildReport:
    """Ingest ``paths`` on Ray Data (a local Ray with ``workers`` CPUs, or the cluster at
    ``address``) with ``workers`` parsing actors, committing batch by batch like the local
    engine, then derive the cross-article results over the whole store."""
    report = ingest_with_ray(
        paths, store, workers=workers, address=address, progress=progress, options=options, batch_size=batch_size,
    )
    derive_stored(store)
    return report


def ingest_with_ray(
    paths: Sequence[str], store: Store, *, workers: int = 2, address: str | None = None,
    progress: ProgressCallback | None = None, options: ReadOptions | None = None, batch_size: int = BATCH_SIZE,
) -> BuildReport:
    """The per-article stages of :func:`build_with_ray` alone (no cross-article results)."""
    if "-" in paths:
        raise ValueError("the Ray engine reads files and directories, not stdin ('-'); use --engine local")
    ray = _import_ray()
    started = not ray.is_initialized()
    if started:
        _init_ray(ray, workers, address)
    try:
        committer = BatchCommitter(store, progress)
        batches = _analysed_batches(ray, paths, store, workers, options or ReadOptions(), batch_size)
        for items, analyses, digests in batches:
            committer.commit(items, partial(_known_or_analysed, analyses=analyses), digests)
    finally:
        if started:
            ray.shutdown()
    return committer.report


def _import_ray() -> Any:
    """The ``ray`` module with Ray Data, or a RayUnavailable naming the extra to install."""
    try:
        import ray
        import ray.data  # Ray without the data extra fails here
    except ImportError as error:
        raise RayUnavailable(RAY_MISSING) from error
    return ray


def _init_ray(ray: Any, workers: int, address: str | None) -> None:
    """Connect to the cluster at ``address``, or start a small, quiet local Ray: one CPU per
    parsing actor plus one for the reading and preparing tasks (without it they never run)."""
    quiet: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address:
        ray.init(address=address, **quiet)
        return
    ray.init(
        num_cpus=workers + 1, object_store_memory=LOCAL_OBJECT_STORE_BYTES, include_dashboard=False, **quiet,
    )


def _known_or_analysed(articles: list[Article], analyses: dict[str, AnalyzedArticle]) -> list[AnalyzedArticle]:
    """Analyses from Ray for ``articles``; any Ray skipped (stored when the build started but
    gone since) is analysed here, so no new article is stored without its analyses."""
    missing = [a for a in articles if a.id not in analyses]
    extra = {a.article.id: a for a in analyze_articles(missing)}
    return [analyses.get(a.id) or extra[a.id] for a in articles]


def _analysed_batches(
    ray: Any, paths: Sequence[str], store: Store, workers: int, options: ReadOptions, batch_size: int,
) -> Iterator[tuple[list[Article | ReadError], dict[str, AnalyzedArticle], dict[str, ArticleDigests]]]:
    """Batches of prepared items in input order, with the analyses and digests Ray made for them."""
    from ray.data import DataContext

    context = DataContext.get_current()
    saved = (context.execution_options.preserve_order, context.enable_progress_bars, context.print_on_execution_start)
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    data_logger = logging.getLogger("ray.data")
    saved_level = data_logger.level
    data_logger.setLevel(logging.ERROR)
    try:
        dataset = _dataset(ray, paths, store, workers, options, batch_size)
        for batch in dataset.iter_batches(batch_size=batch_size, batch_format="pyarrow"):
            items = [pickle.loads(blob) for blob in batch.column(_ITEM).to_pylist()]
            found = [pickle.loads(blob) for blob in batch.column(_ANALYSIS).to_pylist() if blob]
            yield items, {a.article.id: a for a, _ in found}, {a.article.id: digest for a, digest in found}
    finally:
        (context.execution_options.preserve_order, context.enable_progress_bars,
         context.print_on_execution_start) = saved
        data_logger.setLevel(saved_level)


def _dataset(ray: Any, paths: Sequence[str], store: Store, workers: int, options: ReadOptions, batch_size: int) -> Any:
    """The Ray Data plan: shards -> read items -> prepared -> marked -> analysed."""
    shards = [{_ITEM: pickle.dumps(entry)} for entry in expand_paths(paths)]
    stored = ray.put(frozenset(store.article_ids()))
    return (
        ray.data.from_items(shards, override_num_blocks=max(1, len(shards)))
        .flat_map(read_shard, fn_kwargs={"options": options})
        .repartition(target_num_rows_per_block=batch_size)  # a large shard still feeds every actor
        .map_batches(prepare_batch, batch_size=batch_size, batch_format="pyarrow")
        .map_batches(mark_stored, batch_size=batch_size, batch_format="pyarrow", fn_kwargs={"stored": stored})
        .map_batches(
            ParseActor, batch_size=batch_size, batch_format="pyarrow", num_cpus=1,
            compute=ray.data.ActorPoolStrategy(size=workers),
        )
    )


def read_shard(row: dict[str, Any], options: ReadOptions) -> list[dict[str, Any]]:
    """Read one shard (a file or an entry that is already a ReadError) into pickled items."""
    entry: str | ReadError = pickle.loads(row[_ITEM])
    found: list[RawDocument | ReadError] = [entry] if isinstance(entry, ReadError) else list(read_paths([entry], options=options))
    return [{_ITEM: pickle.dumps(item)} for item in found]


def prepare_batch(batch: pyarrow.Table) -> pyarrow.Table:
    """Stage 1: clean and date each read item (``pipeline.prepare_item``), adding its article id."""
    import pyarrow as pa  # type: ignore[import-untyped]

    prepared = [prepare_item(pickle.loads(blob)) for blob in batch.column(_ITEM).to_pylist()]
    return pa.table({
        _ITEM: pa.array([pickle.dumps(item) for item in prepared], pa.binary()),
        _ID: pa.array([item.id if isinstance(item, Article) else None for item in prepared], pa.string()),
    })


def mark_stored(batch: pyarrow.Table, stored: Any) -> pyarrow.Table:
    """Stage 2: mark the articles to parse, leaving out those stored when the build started.
    Their rows still travel on so the driver counts them as already stored."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import ray

    known: frozenset[str] = ray.get(stored) if isinstance(stored, ray.ObjectRef) else stored
    wanted = [article_id is not None and article_id not in known for article_id in batch.column(_ID).to_pylist()]
    return batch.append_column(_PARSE, pa.array(wanted, pa.bool_()))


class ParseActor:
    """Stage 3: parse and analyse the marked articles; the spaCy model loads once per actor."""

    def __init__(self) -> None:
        from storyline.nlp import load_model

        load_model()

    def __call__(self, batch: pyarrow.Table) -> pyarrow.Table:
        """Add a pickled (AnalyzedArticle, its digests) to each marked row (empty bytes for the others)."""
        import pyarrow as pa  # type: ignore[import-untyped]

        from storyline.nlp import parse_articles

        items = batch.column(_ITEM).to_pylist()
        marked = [pickle.loads(blob) for blob, wanted in zip(items, batch.column(_PARSE).to_pylist()) if wanted]
        analyses = {
            article.id: pickle.dumps((analysis, article_digests(analysis)))
            for article, doc in parse_articles(marked, batch_size=max(1, len(marked)))
            for analysis in [analyze_parsed(article, doc)]
        }
        blobs = [analyses.get(article_id, b"") if article_id else b"" for article_id in batch.column(_ID).to_pylist()]
        return batch.append_column(_ANALYSIS, pa.array(blobs, pa.binary()))
