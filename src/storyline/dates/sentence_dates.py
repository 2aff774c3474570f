"""When something stated in a passage happened: the passage's own day-precise date, else publication."""

from __future__ import annotations

from storyline.models import AnalyzedArticle


def day_stated_within(analyzed: AnalyzedArticle, start: int, end: int) -> str | None:
    """The latest day-precise DATE value among timexes starting in ``[start, end)``, else the
    article's publication date (which may be ``None``)."""
    values = [
        str(t.value) for t in analyzed.timexes
        if t.type == "DATE" and t.granularity == "day" and t.value and start <= t.start < end
    ]
    return max(values) if values else analyzed.article.published.date
