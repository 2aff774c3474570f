"""Command-line interface (placeholder until the pipeline lands)."""

import click


@click.group()
def main() -> None:
    """Storyline: a sourced, dated account of a news story."""
