"""Context of a figure that is not its value: scope ("goods" vs "goods and services"), relative periods.

Pure functions of strings and :class:`Published` records.
"""

from __future__ import annotations

import re

from storyline.models import Published

_RELATIVE_YEAR = re.compile(r"^(?:(?P<last>last|previous|past)|(?P<this>this|current)|(?P<next>next|coming))\s+year$",
                            re.IGNORECASE)
_GOODS_AND_SERVICES = re.compile(
    r"\bgoods\s+and\s+services\b|\b(?:also\s+)?(?:counts?|includ\w*|add\w*)\s+(?:trade\s+in\s+)?services\b"
    r"|\btrade\s+in\s+services\b",
    re.IGNORECASE,
)
_GOODS = re.compile(r"\bgoods\b|\bmerchandise\b", re.IGNORECASE)
_SERVICES_ONLY = re.compile(r"\bservices\s+(?:trade|deficit|surplus|exports|imports)\b", re.IGNORECASE)
_REGION_PARTNER = re.compile(
    r"\bwith\s+(?:the\s+)?(Asia|Europe|Latin America|Africa|the Middle East|the world|the rest of the world"
    r"|its trading partners|all (?:its )?trading partners)\b",
    re.IGNORECASE,
)
TRADE_WORDS = ("trade", "balance", "deficit", "surplus", "export", "import", "gap", "imbalance")


def scope_of(measure_wording: str, measure_key: str, sentence: str) -> str | None:
    """The stated scope of a trade figure ("goods", "goods and services", "services", "with Asia"), else None."""
    concept = (measure_key + " " + measure_wording).casefold()
    if not any(word in concept for word in TRADE_WORDS):
        return None
    parts: list[str] = []
    if _GOODS_AND_SERVICES.search(sentence):
        parts.append("goods and services")
    elif _SERVICES_ONLY.search(measure_wording):
        parts.append("services")
    elif _GOODS.search(measure_wording) or re.search(r"\bon\s+goods\s+alone\b", sentence, re.IGNORECASE):
        parts.append("goods")
    region = _REGION_PARTNER.search(measure_wording)
    if region:
        parts.append("with " + region.group(1))
    return "; ".join(parts) or None


def is_relative_year(text: str) -> bool:
    """True for "last year", "this year", "next year" (periods that need a reference date)."""
    return _RELATIVE_YEAR.match(" ".join(text.split())) is not None


def resolve_relative_year(text: str | None, published: Published | None) -> str | None:
    """ "last year" resolved against the article's date, or against its bounds when both fall in one year."""
    if not text or published is None:
        return None
    match = _RELATIVE_YEAR.match(" ".join(text.split()))
    if match is None:
        return None
    year = _reference_year(published)
    if year is None:
        return None
    offset = -1 if match.group("last") else (1 if match.group("next") else 0)
    return str(year + offset)


def _reference_year(published: Published) -> int | None:
    """The publication year: from the date, else from ``earliest``/``latest`` bounds that agree on it."""
    if published.date:
        return int(published.date[:4])
    earliest = getattr(published, "earliest", None)
    latest = getattr(published, "latest", None)
    if earliest and latest and str(earliest)[:4] == str(latest)[:4]:
        return int(str(earliest)[:4])
    return None
