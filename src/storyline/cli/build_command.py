"""`storyline build`: read, clean, analyse and store articles, then print the story."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from storyline.cli.common import db_option, main, stderr_console, stdout_console
from storyline.store import Store, StoreError


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write the HTML report here.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the JSON export here.")
@click.option("--quiet", "-q", is_flag=True, help="Do not print the story to stdout.")
@click.option("--text-field", help="JSON/JSONL/CSV field holding the article text (default: text, body, content ...).")
@click.option("--title-field", help="JSON/JSONL/CSV field holding the title (default: title, headline).")
@click.option("--date-field", help="JSON/JSONL/CSV field holding the publication date (default: published, date ...).")
@click.option("--url-field", help="JSON/JSONL/CSV field holding the URL (default: url, link).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Run the per-article stages in this process, or on Ray Data (needs storyline[ray]).")
@click.option("--address", help="Ray cluster address (implies --engine ray); default: a local Ray.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Ray engine: parsing actors (a local Ray gets one CPU more, for reading).")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Inputs per committed batch (a killed build resumes after the last one).")
@click.option("--progress-lines", is_flag=True, help="Print one line to stderr per committed batch.")
def build(
    paths: Sequence[str], db_path: str, html_path: str | None, json_path: str | None, quiet: bool,
    text_field: str | None = None, title_field: str | None = None, date_field: str | None = None,
    url_field: str | None = None, engine: str = "local", address: str | None = None, workers: int = 2,
    batch_size: int = 16, progress_lines: bool = False,
) -> None:
    """Read articles from PATHS (files, directories or - for stdin) into the store.

    Reads .txt, .html/.htm, .jsonl, .json, .csv, any of these gzipped (.gz),
    .warc/.warc.gz, .parquet, and .zip/.tar/.tar.gz archives. Articles already stored (same
    cleaned text) are skipped, so a rerun adds nothing; near-duplicates (syndicated
    copies) are stored but linked to their canonical article; new articles update
    the stories. Inputs that cannot be read are listed (see `storyline errors`).
    Batches are committed as they are done: rerunning a killed build resumes it.
    --engine ray runs the same stages on Ray Data (files and directories, no stdin).

    \b
    Exit status: 0 all inputs read; 2 some inputs failed but articles were read;
    1 nothing could be read.
    """
    from functools import partial

    from storyline.export import export_document
    from storyline.ingest import FieldNames, ReadOptions
    from storyline.pipeline import build as run_build
    from storyline.report import render_terminal

    fields = FieldNames().overridden(text=text_field, title=title_field, published=date_field, url=url_field)
    run_build = partial(run_build, options=ReadOptions(fields=fields), batch_size=batch_size)
    if engine == "ray" or address:
        run_build = _ray_build(paths, ReadOptions(fields=fields), workers, address, batch_size)
    log = stderr_console()
    try:
        store = Store(db_path)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    with store:
        report = _build_with_progress(paths, store, log, run_build, progress_lines)
        for path, message in report.errors:
            log.print(f"error {path}: {message}", highlight=False, markup=False)
        log.print(
            f"read {report.read}, added {report.added}, already stored {report.skipped}, "
            f"near-duplicates {report.duplicates}, "
            f"failed {len(report.errors)}; {store.article_count()} articles in {store.path}",
            highlight=False, markup=False,
        )
        # The whole-store document only when something shows it: a large store builds with -q.
        document = export_document(store) if html_path or json_path or not quiet else None
    if document is not None:
        _write_outputs(document, html_path, json_path, log)
        if not quiet:
            render_terminal(document, stdout_console())
    if report.errors and report.added + report.skipped == 0:
        sys.exit(1)
    if report.errors:
        sys.exit(2)


def _build_with_progress(
    paths: Sequence[str], store: Store, log: Console, run_build: Any, progress_lines: bool = False,
) -> Any:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=log, transient=True, disable=not log.is_terminal) as progress:
        task = progress.add_task("analysing", total=None)
        return run_build(list(paths), store, _with_lines(lambda n: progress.advance(task, n), progress_lines))


def _with_lines(advance: Callable[[int], None], enabled: bool) -> Callable[[int], None]:
    """``advance``, also printing one stderr line per committed batch when ``enabled``."""
    if not enabled:
        return advance
    done = 0

    def advance_and_print(count: int) -> None:
        nonlocal done
        advance(count)
        done += count
        print(f"progress: batch committed, {done} inputs read", file=sys.stderr, flush=True)

    return advance_and_print


def _ray_build(paths: Sequence[str], options: Any, workers: int, address: str | None, batch_size: int) -> Any:
    """The build function of the Ray engine, failing as a usage error when it cannot run."""
    from storyline.ray_engine import RayUnavailable, build_with_ray

    if "-" in paths:
        raise click.UsageError("--engine ray reads files and directories, not stdin ('-')")

    def run(paths: list[str], store: Store, progress: Callable[[int], None]) -> Any:
        try:
            return build_with_ray(
                paths, store, workers=workers, address=address, progress=progress, options=options,
                batch_size=batch_size,
            )
        except RayUnavailable as error:
            raise click.ClickException(str(error)) from error

    return run


def _write_outputs(document: dict[str, Any], html_path: str | None, json_path: str | None, log: Console) -> None:
    from storyline.report import render_html

    if html_path:
        Path(html_path).write_text(render_html(document), encoding="utf-8")
        log.print(f"wrote HTML report to {html_path}", highlight=False, markup=False)
    if json_path:
        Path(json_path).write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        log.print(f"wrote JSON export to {json_path}", highlight=False, markup=False)
