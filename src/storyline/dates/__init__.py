"""Dates stage: publication dates and TIMEX3-normalised temporal expressions."""

from storyline.dates.publication import (
    TextDateEvidence,
    publication_date,
    text_publication_evidence,
)
from storyline.dates.timex import extract_timexes, tense_at
from storyline.dates.values import (
    Anchor,
    anchor_of,
    date_sort_key,
    iso_week,
    normalise_date_string,
    parse_explicit_date,
    value_bounds,
)

__all__ = [
    "Anchor",
    "TextDateEvidence",
    "anchor_of",
    "date_sort_key",
    "extract_timexes",
    "iso_week",
    "normalise_date_string",
    "parse_explicit_date",
    "publication_date",
    "tense_at",
    "text_publication_evidence",
    "value_bounds",
]
