"""Ingest stage: read input files into raw documents and clean them into article text."""

from storyline.ingest.clean import article_id_for, build_article, clean_document, clean_text, extract_html
from storyline.ingest.readers import ReadError, read_paths

__all__ = [
    "ReadError",
    "article_id_for",
    "build_article",
    "clean_document",
    "clean_text",
    "extract_html",
    "read_paths",
]
