"""Expressions relative to the previous temporal expression: "two days later", "a year earlier".

TimeML resolves these against the last date the text mentioned, not the publication
date ("the company reported a loss in the third quarter; a year earlier it made a
profit" means the third quarter of the year before).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.dates.values import iso_week, value_bounds
from storyline.models import Granularity

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR_PART = re.compile(r"(\d{4})(-(?:Q[1-4]|SP|SU|FA|WI|W\d{2}(?:-WE)?))?")
_QUARTER = re.compile(r"\d{4}-Q[1-4]")
QUARTER_REACH = 300


def is_reference(value: str | None) -> bool:
    """True when a resolved value can anchor a following relative expression (a calendar date)."""
    if not value:
        return False
    day = _DAY.fullmatch(value)
    return day is not None or value_bounds(value) is not None and len(value) >= 4


def is_quarter(value: str | None) -> bool:
    """True for a TIMEX3 quarter value such as ``1989-Q3``."""
    return bool(value and _QUARTER.fullmatch(value))


def shift_value(value: str, count: int, unit: str) -> tuple[str, Granularity | None] | None:
    """``value`` moved by ``count`` units (day, week, month, year), at the unit's precision.

    A year shift keeps a quarter, season or week ("1989-Q3" -> "1988-Q3"); finer shifts
    need a reference at least that precise. ``None`` when the reference is too coarse.
    """
    if unit == "year":
        parts = _YEAR_PART.fullmatch(value) or _YEAR_PART.match(value)
        if parts is None:
            return None
        year = int(parts[1]) + count
        if parts[2] and _YEAR_PART.fullmatch(value):
            return f"{year:04d}{parts[2]}", None
        return f"{year:04d}", "year"
    if unit == "month":
        month = _DAY.fullmatch(value) or _MONTH.fullmatch(value)
        if month is None:
            return None
        index = int(month[1]) * 12 + int(month[2]) - 1 + count
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    day = _DAY.fullmatch(value)
    if day is None:
        return None
    try:
        reference = date(int(day[1]), int(day[2]), int(day[3]))
    except ValueError:
        return None
    if unit == "week":
        return iso_week(reference + timedelta(weeks=count)), None
    if unit == "day":
        return (reference + timedelta(days=count)).isoformat(), "day"
    return None
