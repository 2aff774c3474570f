"""Calendar values: the anchor date, parsing written dates, and TIMEX3 value helpers.

TIMEX3 values used by this package: ``2018-11-13`` (day), ``2018-11`` (month),
``2018`` (year), ``2018-W45`` (ISO week), ``2018-W45-WE`` (weekend), ``197``
(decade), ``19`` (century), ``2018-SU`` (season), ``2018-Q3`` (quarter),
``P10D``/``PXY`` (durations), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from storyline.models import Granularity, Published

_PERIOD_GRANULARITY: dict[str, Granularity] = {"day": "day", "week": "day", "month": "month", "year": "year"}
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*")
_ISO_YEAR = re.compile(r"\s*(\d{4})\s*")
_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[T ,].*)?\s*")
_MONTH_NAME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])", re.IGNORECASE
)
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d{2}(?!\d)")
_SEASON_MONTH = {"WI": "12", "SP": "03", "SU": "06", "FA": "09"}
_QUARTER_MONTH = {"Q1": "01", "Q2": "04", "Q3": "07", "Q4": "10"}


@dataclass(frozen=True)
class Anchor:
    """The publication date that relative expressions resolve against.

    ``month``/``day`` are ``None`` when the publication date is only that precise.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def day_date(self) -> date | None:
        """The anchor as a calendar day, or ``None`` below day precision."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


def anchor_of(published: Published) -> Anchor | None:
    """The resolution anchor for an article's publication date (``None`` when undated)."""
    if published.date is None:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published.date)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        if day is not None:
            date(int(year), int(month), int(day))
    except ValueError:
        return None
    return Anchor(int(year), int(month) if month else None, int(day) if day else None)


def format_value(when: date, granularity: Granularity) -> str:
    """A date written at the given precision (``2018-11-13``, ``2018-11`` or ``2018``)."""
    if granularity == "day":
        return when.isoformat()
    if granularity == "month":
        return f"{when.year:04d}-{when.month:02d}"
    return f"{when.year:04d}"


def iso_week(when: date) -> str:
    """The ISO week containing ``when`` as a TIMEX3 value (``2018-W45``)."""
    year, week, _ = when.isocalendar()
    return f"{year:04d}-W{week:02d}"


@lru_cache(maxsize=1)
def _explicit_parser() -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": datetime(2000, 1, 1),
            "DATE_ORDER": "MDY",
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


def parse_explicit_date(text: str) -> tuple[str, Granularity] | None:
    """Parse a written date that carries its own year ("Nov. 13, 2018", "January 2017").

    Uses dateparser, but only on text that contains a four-digit year, so nothing
    is ever filled in from "today". Returns the ISO value and its precision.
    """
    if not _HAS_YEAR.search(text):
        return None
    try:
        data = _explicit_parser().get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data.date_obj is None or data.period not in _PERIOD_GRANULARITY:
        return None
    granularity = _PERIOD_GRANULARITY[data.period]
    return format_value(data.date_obj.date(), granularity), granularity


def normalise_date_string(text: str) -> tuple[str, Granularity] | None:
    """Normalise a metadata/header date string to ``(ISO value, granularity)``.

    Accepts ISO dates and timestamps (the date is kept as written, no time-zone
    shift), month-name formats and RFC 2822. Numeric ``07/10/2018`` is read only
    as far as it is unambiguous: the year, unless a part above 12 fixes the order.
    """
    iso = _ISO_DATE.fullmatch(text) or _ISO_YEAR.fullmatch(text)
    if iso is not None:
        return _iso_parts(*iso.groups())
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric is not None:
        return _numeric_parts(int(numeric[1]), int(numeric[2]), int(numeric[3]))
    if _MONTH_NAME.search(text):
        return parse_explicit_date(text)
    return None


def _iso_parts(year: str, month: str | None = None, day: str | None = None) -> tuple[str, Granularity] | None:
    try:
        when = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    granularity: Granularity = "day" if day else "month" if month else "year"
    return format_value(when, granularity), granularity


def _numeric_parts(first: int, second: int, year: int) -> tuple[str, Granularity] | None:
    readings: set[date] = set()
    for month, day in ((first, second), (second, first)):
        try:
            readings.add(date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    if len(readings) == 1:
        return format_value(readings.pop(), "day"), "day"
    return f"{year:04d}", "year"


def value_bounds(value: str) -> tuple[date, date] | None:
    """First and last calendar day a TIMEX3 date value covers, or ``None`` for non-dates.

    Handles days, months, years, ISO weeks (and weekends), decades, centuries,
    seasons and quarters.
    """
    try:
        return _bounds(value)
    except ValueError:
        return None


def _bounds(value: str) -> tuple[date, date] | None:
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        first = date(int(m[1]), int(m[2]), 1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return (monday + timedelta(days=5) if m[3] else monday), monday + timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI|Q[1-4])", value):
        start_month = int(_SEASON_MONTH.get(m[2]) or _QUARTER_MONTH[m[2]])
        first = date(int(m[1]), start_month, 1)
        last_month = _bounds(f"{first.year:04d}-{min(start_month + 2, 12):02d}")
        return (first, last_month[1]) if last_month else None
    if m := re.fullmatch(r"\d{2,4}", value):
        width = 10 ** (4 - len(value))
        start_year = int(value) * width
        return date(max(start_year, 1), 1, 1), date(start_year + width - 1, 12, 31)
    return None


def date_sort_key(value: str) -> str | None:
    """A string that sorts TIMEX3 date values chronologically, coarse before fine.

    ``197`` < ``1970`` < ``2018`` < ``2018-11`` < ``2018-11-05`` (a week such as
    ``2018-W45`` keys as its Monday, a season or quarter as its first day); ``None``
    for values that are not calendar dates (durations, sets, ``PAST_REF``...).
    """
    bounds = value_bounds(value)
    if bounds is None:
        return None
    if re.fullmatch(r"\d{2,4}(-\d{2}){0,2}", value):
        return value
    return bounds[0].isoformat()
