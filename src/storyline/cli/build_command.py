"""`storyline build`: read, clean, analyse and store articles, then print the story."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.cli.common import db_option, main, stderr_console, stdout_console
from storyline.store import Store, StoreError


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write the HTML report here.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the JSON export here.")
@click.option("--quiet", "-q", is_flag=True, help="Do not print the story to stdout.")
def build(paths: Sequence[str], db_path: str, html_path: str | None, json_path: str | None, quiet: bool) -> None:
    """Read articles from PATHS (files, directories or - for stdin) into the store.

    Reads .txt, .html/.htm and .jsonl. Articles already stored (same cleaned text)
    are skipped, so a rerun adds nothing; new articles update the stories.
    """
    from storyline.export import export_document
    from storyline.pipeline import build as run_build
    from storyline.report import render_terminal

    log = stderr_console()
    try:
        store = Store(db_path)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    with store:
        report = _build_with_progress(paths, store, log, run_build)
        for path, message in report.errors:
            log.print(f"error {path}: {message}", highlight=False, markup=False)
        log.print(
            f"read {report.read}, added {report.added}, already stored {report.skipped}, "
            f"failed {len(report.errors)}; {store.article_count()} articles in {db_path}",
            highlight=False, markup=False,
        )
        document = export_document(store)
    _write_outputs(document, html_path, json_path, log)
    if not quiet:
        render_terminal(document, stdout_console())
    if report.errors and report.added + report.skipped == 0:
        sys.exit(1)


def _build_with_progress(paths: Sequence[str], store: Store, log: Console, run_build: Any) -> Any:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=log, transient=True, disable=not log.is_terminal) as progress:
        task = progress.add_task("analysing", total=None)
        return run_build(list(paths), store, lambda n: progress.advance(task, n))


def _write_outputs(document: dict[str, Any], html_path: str | None, json_path: str | None, log: Console) -> None:
    from storyline.report import render_html

    if html_path:
        Path(html_path).write_text(render_html(document), encoding="utf-8")
        log.print(f"wrote HTML report to {html_path}", highlight=False, markup=False)
    if json_path:
        Path(json_path).write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        log.print(f"wrote JSON export to {json_path}", highlight=False, markup=False)
