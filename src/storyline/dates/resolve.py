"""Calendar arithmetic for relative expressions: which day, month or year they mean.

Every function takes the publication anchor and the tense of the sentence the
expression sits in; none of them guesses when the anchor is too coarse.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from storyline.dates.values import Anchor

Tense = Literal["past", "future", "neutral"]
Direction = Literal["before", "after", "on_or_before", "on_or_after", "same", "nearest"]
PAST_BIAS = 2
"""How much nearer a future occurrence must be to win a tenseless reading: news mostly reports the past."""


def direction_for(modifier: str | None, tense: Tense) -> Direction:
    """How a weekday/month name relates to the anchor, from its modifier and the tense.

    "last June" is strictly before, "next June" strictly after, "this June" the
    anchor's own; otherwise a past sentence looks back, a future one forward and
    a neutral one takes whichever occurrence is nearest.
    """
    word = (modifier or "").lower()
    if word in ("last", "previous"):
        return "before"
    if word == "next":
        return "after"
    if word == "this":
        return "same"
    if word in ("later", "coming"):
        return "on_or_after"
    if word == "earlier":
        return "on_or_before"
    by_tense: dict[Tense, Direction] = {"past": "on_or_before", "future": "on_or_after", "neutral": "nearest"}
    return by_tense[tense]


def weekday_date(weekday: int, anchor: Anchor, direction: Direction) -> date | None:
    """The date of a weekday (0 = Monday) relative to a day-precision anchor.

    Neutral sentences read weekdays as past: news reports on days gone by.
    """
    today = anchor.day_date
    if today is None:
        return None
    back = (today.weekday() - weekday) % 7
    forward = (weekday - today.weekday()) % 7
    if direction == "before":
        return today - timedelta(days=back or 7)
    if direction == "after":
        return today + timedelta(days=forward or 7)
    if direction == "on_or_after":
        return today + timedelta(days=forward)
    if direction == "same":
        return today - timedelta(days=back) if back <= forward else today + timedelta(days=forward)
    return today - timedelta(days=back)


def month_year(month: int, anchor: Anchor, direction: Direction) -> int | None:
    """The year of a month named without one ("in September"), or ``None``.

    Needs a month-precision anchor; the anchor's own month always counts as this one.
    """
    if anchor.month is None:
        return None
    if direction == "same" or (month == anchor.month and direction not in ("before", "after")):
        return anchor.year
    if direction == "before":
        return anchor.year if month < anchor.month else anchor.year - 1
    if direction == "after":
        return anchor.year if month > anchor.month else anchor.year + 1
    previous = anchor.year if month < anchor.month else anchor.year - 1
    following = anchor.year if month > anchor.month else anchor.year + 1
    if direction == "on_or_before":
        return previous
    if direction == "on_or_after":
        return following
    back = (anchor.year - previous) * 12 + anchor.month - month
    ahead = (following - anchor.year) * 12 + month - anchor.month
    return previous if back <= PAST_BIAS * ahead else following


def month_day_date(month: int, day: int, anchor: Anchor, direction: Direction) -> date | None:
    """The date of a day named without a year ("Nov. 13"), or ``None``."""
    today = anchor.day_date
    if today is None:
        year = month_year(month, anchor, direction)
        return _safe_date(year, month, day) if year is not None else None
    options = [d for y in (today.year - 1, today.year, today.year + 1) if (d := _safe_date(y, month, day))]
    if not options:
        return None
    if direction == "same":
        return _safe_date(today.year, month, day)
    earlier = [d for d in options if d < today or (d == today and direction != "before")]
    later = [d for d in options if d > today or (d == today and direction != "after")]
    if direction in ("before", "on_or_before"):
        return max(earlier) if earlier else None
    if direction in ("after", "on_or_after"):
        return min(later) if later else None
    return min(options, key=lambda d: ((d - today).days * PAST_BIAS if d > today else (today - d).days, d > today))


def shift_months(anchor: Anchor, months: int) -> tuple[int, int] | None:
    """``(year, month)`` of the anchor's month moved by ``months``; ``None`` below month precision."""
    if anchor.month is None:
        return None
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
