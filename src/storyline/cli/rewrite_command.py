"""`storyline rewrite`: abstractive rewriting of the stored extractive summaries, citations kept."""

from __future__ import annotations

import json
from typing import Any

import click

from storyline.cli.common import db_option, main, open_document


@main.command()
@db_option
@click.option("--story", "story_id", help="Only this story id.")
@click.option("--rewrite-endpoint", "endpoint", help="OpenAI-compatible base URL (key from STORYLINE_API_KEY).")
@click.option("--rewrite-model", "model", help="Model name to ask the endpoint for.")
@click.option("--rewrite-gguf", "gguf", type=click.Path(exists=True, dir_okay=False),
              help="Local GGUF model file (needs the llm extra: llama-cpp-python).")
@click.option("--json", "as_json", is_flag=True, help="Output JSON (rewritten and extractive summaries).")
def rewrite(db_path: str, story_id: str | None, endpoint: str | None, model: str | None, gguf: str | None,
            as_json: bool) -> None:
    """Rewrite each story's extractive summary with a language model.

    Every rewritten sentence keeps the citations of the extractive sentences it was made
    from; the extractive summary is printed beside it. The store is not changed.
    """
    from storyline.timeline.rewrite import RewriteError, rewrite_summary

    client = _client(endpoint, model, gguf)
    stories = [s for s in open_document(db_path)["stories"] if not story_id or s["id"] == story_id]
    if story_id and not stories:
        raise click.ClickException(f"no story with id {story_id!r}")
    results = []
    for story in stories:
        try:
            rewritten = rewrite_summary(_cited_texts(story["summary"]), client)
        except RewriteError as error:
            raise click.ClickException(str(error)) from error
        results.append({"id": story["id"], "title": story["title"], "model": rewritten.model,
                        "rewritten": _as_dicts(rewritten.sentences), "extractive": story["summary"]})
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for result in results:
        _echo_story(result)


def _client(endpoint: str | None, model: str | None, gguf: str | None) -> Any:
    from storyline.timeline.rewrite import EndpointClient, LlamaCppClient

    if gguf and endpoint:
        raise click.UsageError("give either --rewrite-endpoint or --rewrite-gguf, not both")
    if gguf:
        return LlamaCppClient(gguf)
    if not endpoint or not model:
        raise click.UsageError("give --rewrite-endpoint and --rewrite-model, or --rewrite-gguf")
    return EndpointClient.from_environment(endpoint, model)


def _cited_texts(summary: list[dict[str, Any]]) -> list[Any]:
    from storyline.models import Citation, CitedText

    return [CitedText(item["text"], tuple(Citation(c["article_id"], c["start"], c["end"]) for c in item["citations"]))
            for item in summary]


def _as_dicts(sentences: Any) -> list[dict[str, Any]]:
    return [{"text": s.text, "citations": [{"article_id": c.article_id, "start": c.start, "end": c.end}
                                           for c in s.citations]} for s in sentences]


def _echo_story(result: dict[str, Any]) -> None:
    click.echo(f"{result['title']}  ({result['id']}, rewritten by {result['model']})")
    for sentence in result["rewritten"]:
        sources = ", ".join(f"{c['article_id'][:8]}:{c['start']}-{c['end']}" for c in sentence["citations"])
        click.echo(f"  {sentence['text']}  [{sources}]")
    click.echo("  extractive:")
    for sentence in result["extractive"]:
        click.echo(f"    {sentence['text']}")
