"""Ingest stage: read input files into raw documents and clean them into article text."""

from storyline.ingest.clean import (
    article_id_for,
    build_article,
    clean_document,
    clean_text,
    extract_html,
)
from storyline.ingest.formats import FieldNames
from storyline.ingest.readers import ReadError, ReadOptions, read_paths
from storyline.ingest.time_limit import TimeLimitExceeded

__all__ = [
    "FieldNames",
    "ReadError",
    "ReadOptions",
    "TimeLimitExceeded",
    "article_id_for",
    "build_article",
    "clean_document",
    "clean_text",
    "extract_html",
    "read_paths",
]
