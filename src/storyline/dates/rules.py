"""The grammar of temporal expressions: one pattern per kind, each with its resolver.

``interpret(text, context)`` reads an already-found, trimmed expression (it must
match a rule completely); rules with a ``finder`` are also searched for in raw
text, to catch what spaCy misses. Bare month names and years are found only
after a preposition (see ``CONTEXT_FINDER``) so the modal "may" and counts such
as "2000 people" stay out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from storyline.dates.resolve import (
    Tense,
    direction_for,
    month_day_date,
    month_year,
    shift_months,
    weekday_date,
)
from storyline.dates.spelled import SPELLED_YEAR, spelled_year
from storyline.dates.values import Anchor, format_value, iso_week
from storyline.models import Granularity, TimexType

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}
_UNIT_CODES = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
               "hour": "H", "minute": "M", "second": "S"}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
}
_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "last night": -1,
                  "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
                  "later today": 0, "day before yesterday": -2, "day after tomorrow": 2}

_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_MONTH_NAMES = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
                r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])")
MONTH = rf"(?P<month>{_MONTH_NAMES})"
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?<![\d$£€])(?P<year>(?:1[5-9]|20)\d{2})(?![\d,.]\d)"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
_WEEKDAY_PREFIX = r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_NUM = r"(?P<num>\d{1,3}|(?i:a|an|" + "|".join(w for w in _NUMBER_WORDS if len(w) > 2) + r"))"
_UNIT = r"(?P<unit>(?i:day|week|month|year|decade|centur(?:y|ie)|hour|minute))s?"
_MOD = r"(?:(?P<mod>(?i:early|late|mid|(?:the\s+)?(?:end|start|beginning|middle)\s+of))(?:\s+|-))?"
_REL = r"(?:(?P<rel>(?i:last|next|this|early|late|mid|(?:the\s+)?(?:end|start|beginning|middle)\s+of))(?:\s+|-))?"
CONTEXT_FINDER = re.compile(
    r"\b(?i:in|since|by|until|till|before|after|during|from|through|early|late|mid|last|next|this)[\s-]+"
    rf"(?:{_MONTH_NAMES}|(?:1[5-9]|20)\d{{2}}(?![\d,.]?\d)"
    r"|(?i:spring|summer|fall|autumn|winter)\b)"
)


@dataclass(frozen=True)
class Context:
    """What an expression resolves against: the anchor (``None`` if undated) and the tense."""

    anchor: Anchor | None
    tense: Tense


@dataclass(frozen=True)
class Reading:
    """One interpretation; ``start``/``end`` are offsets inside the expression text."""

    type: TimexType
    value: str | None
    granularity: Granularity | None
    start: int = 0
    end: int | None = None
    shift: int | None = None
    shift_unit: str | None = None
    shift_quarters_only: bool = False


Resolver = Callable[[re.Match[str], Context], tuple[Reading, ...]]


@dataclass(frozen=True)
class Rule:
    """A kind of temporal expression: its full pattern, resolver and optional raw-text finder."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    finder: re.Pattern[str] | None = None


def _date(when: date | None, granularity: Granularity, kind: TimexType = "DATE") -> tuple[Reading, ...]:
    return (Reading(kind, format_value(when, granularity) if when else None, granularity if when else None),)


def _unresolved(kind: TimexType = "DATE") -> tuple[Reading, ...]:
    return (Reading(kind, None, None),)


def _month_number(name: str) -> int:
    return _MONTHS.index(name[:3].lower()) + 1


def _number(text: str) -> int | None:
    word = text.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _unit(text: str) -> str:
    word = text.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def _explicit(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    month, year = _month_number(match["month"]), int(match["year"])
    day = match["day"] if "day" in match.re.groupindex else None
    try:
        when = date(year, month, int(day) if day else 1)
    except ValueError:
        return ()
    if day and match["weekday"] and _WEEKDAYS.index(match["weekday"].lower()) != when.weekday():
        return ()
    return _date(when, "day" if day else "month")


def _iso(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    try:
        when = date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return ()
    return _date(when, "day")


def _month_day(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    if context.anchor is None:
        return _unresolved()
    month, day = _month_number(match["month"]), int(match["day"])
    if match["weekday"] is not None:
        weekday = _WEEKDAYS.index(match["weekday"].lower())
        fitting = [when for year in (context.anchor.year, context.anchor.year - 1, context.anchor.year + 1)
                   if (when := _safe_day(year, month, day)) is not None and when.weekday() == weekday]
        if fitting:
            return _date(fitting[0], "day")
    direction = direction_for(None, context.tense)
    return _date(month_day_date(month, day, context.anchor, direction), "day")


def _safe_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    if context.anchor is None:
        return _unresolved()
    month = _month_number(match["month"])
    year = month_year(month, context.anchor, direction_for(match["rel"], context.tense))
    return _date(date(year, month, 1) if year is not None else None, "month")


def _year(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    return (Reading("DATE", match["year"], "year"),)


def _year_list(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    """"between 1994 and 1997", "in 1952, 1955 and 1982": every year of the list, each its own timex."""
    return tuple(Reading("DATE", year.group(), "year", year.start(), year.end())
                 for year in re.finditer(r"(?:1[5-9]|20)\d{2}", match.group()))


def _spelled(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    year = spelled_year(match["spelled"])
    if year is None:
        return ()
    if match["season"]:
        return (Reading("DATE", f"{year:04d}-{_SEASONS[match['season'].lower()][0]}", None),)
    return (Reading("DATE", f"{year:04d}", "year"),)


def _year_of_anchor(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    """"the year", "the full year", "year-end": the publication year."""
    return _unresolved() if context.anchor is None else (Reading("DATE", f"{context.anchor.year:04d}", "year"),)


def _period_ended(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    """"the year ended Aug. 31": a one-year period (the end date is its own timex)."""
    return (Reading("DURATION", "P1Y", None, match.start("period"), match.end("period")),)


def _year_range(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    first, tail = match["y1"], match["y2"]
    second = first[: 4 - len(tail)] + tail
    if int(second) <= int(first) or int(second) - int(first) > 100:
        return ()
    return (Reading("DATE", first, "year", match.start("y1"), match.end("y1")),
            Reading("DATE", second, "year", match.start("y2"), match.end("y2")))


def _decade(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    if match["decade"]:
        return (Reading("DATE", match["decade"], None),)
    short = int(match["short"])
    century = 19
    if context.anchor is not None and 2000 + short * 10 <= context.anchor.year:
        century = 20
    return (Reading("DATE", f"{century}{short}", None),)


def _century(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    ordinal = int(match["ord"])
    return (Reading("DATE", f"{ordinal - 1:02d}", None),) if 1 <= ordinal <= 21 else ()


def _weekday(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    kind: TimexType = "TIME" if match["part"] else "DATE"
    if context.anchor is None:
        return _unresolved(kind)
    direction = direction_for(match["mod"], context.tense)
    when = weekday_date(_WEEKDAYS.index(match["weekday"].lower()), context.anchor, direction)
    return _with_part(_date(when, "day", kind), match["part"])


def _with_part(readings: tuple[Reading, ...], part: str | None) -> tuple[Reading, ...]:
    """Append a part of day (``TMO``, ``TAF``, ``TEV``, ``TNI``) to a day value, as TIMEX3 writes times."""
    code = _PART_CODES.get((part or "").lower())
    if code is None:
        return readings
    return tuple(replace(r, value=f"{r.value}T{code}" if r.value else None) for r in readings)


def _relative_day(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    phrase = re.sub(r"\s+", " ", match["word"].lower()).removeprefix("the ")
    part = re.search(r"night|morning|afternoon|evening", phrase)
    kind: TimexType = "TIME" if part else "DATE"
    today = context.anchor.day_date if context.anchor else None
    readings = _date(today + timedelta(days=_RELATIVE_DAYS[phrase]) if today else None, "day", kind)
    return _with_part(readings, part.group() if part else None)


def _clock(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    """"9 a.m.", "10:35 p.m. EST Tuesday", "noon Thursday": a time on the named or the anchor day."""
    if match["noon"]:
        hour, minute = (12 if match["noon"].lower() in ("noon", "midday") else 0), 0
    else:
        hour, minute = int(match["hour"]) % 12, int(match["minute"] or 0)
        hour += 12 if match["ampm"].lower().startswith("p") else 0
    if minute > 59:
        return ()
    if match["weekday"]:
        day = _weekday(match, context)[0].value if context.anchor else None
    else:
        today = context.anchor.day_date if context.anchor else None
        day = today.isoformat() if today else None
    return (Reading("TIME", f"{day}T{hour:02d}:{minute:02d}" if day else None, "day" if day else None),)


def _shifted(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    """"two days later", "a year earlier", "the following year": relative to the previous timex."""
    unit = _unit(match["unit"])
    if match["num"]:
        count = _number(match["num"])
        if count is None:
            return ()
        sign = -1 if match["dir"].lower() in ("earlier", "before") else 1
    else:
        return ()
    return (Reading("DATE", None, None, shift=sign * count, shift_unit=unit),)


def _year_earlier(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    """"the year-earlier quarter", "year-ago": the previous timex's period one year back."""
    return (Reading("DATE", None, None, shift=-1, shift_unit="year"),)


def _relative_unit(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    rel = " ".join(match["rel"].lower().split()).replace("this past", "last").replace("previous", "last")
    step = {"last": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[rel]
    unit = match["unit"].lower()
    anchor = context.anchor
    if anchor is None:
        return _unresolved()
    if unit == "year":
        return (Reading("DATE", f"{anchor.year + step:04d}", "year"),)
    if unit in ("decade", "century"):
        span = 10 if unit == "decade" else 100
        return (Reading("DATE", f"{anchor.year // span + step:0{4 - len(str(span)) + 1}d}", None),)
    if unit == "month" or unit in _SEASONS or unit == "quarter":
        return _relative_month_unit(unit, step, anchor)
    today = anchor.day_date
    if today is None:
        return _unresolved()
    suffix = "-WE" if unit == "weekend" else ""
    return (Reading("DATE", iso_week(today + timedelta(weeks=step)) + suffix, None),)


def _relative_month_unit(unit: str, step: int, anchor: Anchor) -> tuple[Reading, ...]:
    if unit == "month":
        shifted = shift_months(anchor, step)
        return _date(date(shifted[0], shifted[1], 1) if shifted else None, "month")
    if anchor.month is None:
        return _unresolved()
    if unit == "quarter":
        shifted = shift_months(anchor, 3 * step)
        assert shifted is not None
        return (Reading("DATE", f"{shifted[0]:04d}-Q{(shifted[1] - 1) // 3 + 1}", None),)
    code, start = _SEASONS[unit]
    direction = {-1: "before", 0: "same", 1: "after"}[step]
    year = month_year(start, anchor, direction)  # type: ignore[arg-type]
    return (Reading("DATE", f"{year:04d}-{code}" if year is not None else None, None),)


def _season(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    code, start = _SEASONS[match["season"].lower()]
    if match["year"]:
        return (Reading("DATE", f"{match['year']}-{code}", None),)
    if context.anchor is None:
        return _unresolved()
    year = month_year(start, context.anchor, direction_for(match["rel"], context.tense))
    return (Reading("DATE", f"{year:04d}-{code}" if year is not None else None, None),)


def _quarter(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    number = {"fir": 1, "1st": 1, "sec": 2, "2nd": 2, "thi": 3, "3rd": 3, "fou": 4, "4th": 4, "fin": 4}
    quarter = number[match["ord"][:3].lower()]
    if match["year"] and not match["offset"]:
        return (Reading("DATE", f"{match['year']}-Q{quarter}", None),)
    anchor = context.anchor
    if anchor is None or anchor.month is None:
        return _unresolved()
    year = anchor.year - (context.tense == "past" and 3 * quarter - 2 > anchor.month)
    offset = (match["offset"] or "").lower()
    if offset:
        year = anchor.year + 1 if offset.startswith("next") else year - 1
    return (Reading("DATE", f"{year:04d}-Q{quarter}", None),)


def _shifted_any(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    if match["few"]:
        return ()
    if match["which"]:
        return _shifted_which(match["which"], match["unit2"])
    return _shifted(match, context)


def _shifted_which(which: str, unit: str) -> tuple[Reading, ...]:
    sign = -1 if which.lower() in ("previous", "prior", "preceding") else 1
    part = unit.lower() in ("morning", "night", "evening", "afternoon")
    return (Reading("DATE", None, None, shift=sign, shift_unit="day" if part else unit.lower()),)


def _latest_quarter(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    anchor = context.anchor
    if anchor is None or anchor.month is None:
        return _unresolved()
    shifted = shift_months(anchor, -3)
    assert shifted is not None
    value = f"{shifted[0]:04d}-Q{(shifted[1] - 1) // 3 + 1}"
    if match["latest"]:
        return (Reading("DATE", value, None),)
    return (Reading("DATE", value, None, shift=0, shift_unit="year", shift_quarters_only=True),)


def _duration(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    count = _number(match["num"]) if match["num"] else 1
    if count is None or count == 0 or match.group().lower().endswith("old"):
        return ()
    unit = _unit(match["unit"])
    if unit in ("decade", "century"):
        return (Reading("DURATION", f"P{count * (10 if unit == 'decade' else 100)}Y", None),)
    time_part = "T" if unit in ("hour", "minute", "second") else ""
    return (Reading("DURATION", f"P{time_part}{count}{_UNIT_CODES[unit]}", None),)


def _vague_duration(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    return (Reading("DURATION", f"PX{_UNIT_CODES[_unit(match['unit'])]}", None),)


def _ago(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    count, unit = _number(match["num"]), _unit(match["unit"])
    anchor = context.anchor
    if count is None or unit not in ("day", "week", "month", "year", "decade"):
        return ()
    if unit == "year" and count == 1:
        value = str(anchor.year - 1) if anchor else None
        return (Reading("DATE", value, "year" if value else None, shift=-1, shift_unit="year",
                        shift_quarters_only=True),)
    if anchor is None:
        return _unresolved()
    if unit in ("year", "decade"):
        return (Reading("DATE", str(anchor.year - count * (10 if unit == "decade" else 1)), "year"),)
    if unit == "month":
        shifted = shift_months(anchor, -count)
        return _date(date(shifted[0], shifted[1], 1) if shifted else None, "month")
    today = anchor.day_date
    if unit == "week":
        return (Reading("DATE", iso_week(today - timedelta(weeks=count)) if today else None, None),)
    return _date(today - timedelta(days=count) if today else None, "day")


def _set(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
    if match["weekday"]:
        return (Reading("SET", f"XXXX-WXX-{_WEEKDAYS.index(match['weekday'].lower()) + 1}", None),)
    word = match.group().lower()
    for key, code in (("year", "P1Y"), ("annual", "P1Y"), ("week", "P1W"), ("month", "P1M"), ("da", "P1D")):
        if key in word:
            return (Reading("SET", code, None),)
    return ()


def _reference(value: str) -> Resolver:
    def resolve(match: re.Match[str], context: Context) -> tuple[Reading, ...]:
        return (Reading("DATE", value, None),)

    return resolve


def _rule(name: str, pattern: str, resolve: Resolver, finder: str | None | bool = True) -> Rule:
    compiled = re.compile(pattern)
    if finder is True:
        return Rule(name, compiled, resolve, re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])"))
    return Rule(name, compiled, resolve, re.compile(finder) if isinstance(finder, str) else None)


_PRESENT = r"(?i:now|right\s+now|currently|current|at\s+present|nowadays|these\s+days|at\s+the\s+moment|the\s+present)"
_PAST = r"(?i:recently|lately|recent\s+(?:days|weeks|months|years|times)|the\s+past)"
_FUTURE = (r"(?i:(?:some\s*time\s+in\s+)?the\s+(?:(?:near|distant|foreseeable)\s+)?future"
           r"|the\s+(?:near|short|medium|long)\s+term|the\s+coming\s+(?:days|weeks|months|years))")

_SPELLED_PREFIX = r"(?:(?i:the\s+)?(?i:spring|summer|fall|autumn|winter)\s+(?i:of)\s+|(?i:the\s+year)\s+)"
_ANY_SPELLED = SPELLED_YEAR.replace("?P<spelled>", "?:")

RULES: tuple[Rule, ...] = (
    _rule("iso", r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", _iso),
    _rule("explicit_mdy", rf"{_WEEKDAY_PREFIX}{MONTH}\s+{DAY},?\s+{YEAR}", _explicit),
    _rule("explicit_dmy", rf"{_WEEKDAY_PREFIX}(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}", _explicit),
    _rule("month_year", rf"{_MOD}{MONTH},?\s+(?:of\s+)?{YEAR}", _explicit),
    _rule("month_day", rf"{_WEEKDAY_PREFIX}{MONTH}\s+{DAY}", _month_day),
    _rule("day_month", rf"{_WEEKDAY_PREFIX}(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}", _month_day),
    _rule("year_range",
          r"(?:(?i:the)\s+)?(?P<y1>(?:1[5-9]|20)\d{2})\s*[-–/]\s*(?P<y2>\d{2}|(?:1[5-9]|20)\d{2})(?!\d)",
          _year_range),
    _rule("decade", r"(?:(?i:the)\s+)?" + _MOD + r"(?:(?P<decade>\d{3})0s|['’‘](?P<short>\d)0s)", _decade),
    _rule("short_decade", r"(?:(?i:the)\s+)?" + _MOD + r"(?P<decade>)(?P<short>\d)0s", _decade, None),
    _rule("century", r"(?:(?i:the)\s+)?" + _MOD + r"(?P<ord>\d{1,2})(?:st|nd|rd|th)[\s-]+(?i:century)", _century),
    _rule("weekday", rf"(?:(?P<mod>(?i:last|next|this|earlier|later|early|late))\s+)?{WEEKDAY}"
          r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?", _weekday),
    _rule("relative_day", r"(?P<word>(?i:yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon"
          r"|evening)|(?:earlier|later)\s+today|(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)))",
          _relative_day),
    _rule("duration_the", rf"(?i:the\s+(?:past|last|coming|next|first|final)\s+)(?:{_NUM}[\s-]+)?{_UNIT}", _duration),
    _rule("ago", rf"{_NUM}[\s-]+{_UNIT}\s+(?i:ago)", _ago),
    _rule("relative_unit", r"(?:(?i:earlier|later|early|late|(?:the\s+)?(?:end|start|beginning|middle|rest)\s+of|mid)"
          r"(?:\s+|-))?(?P<rel>(?i:this\s+past|last|this|next|previous|current))\s+(?P<unit>(?i:week|weekend|month"
          r"|year|decade|century|quarter|spring|summer|fall|autumn|winter))", _relative_unit),
    _rule("season", rf"(?:(?i:the)\s+)?{_REL}(?P<season>(?i:spring|summer|fall|autumn|winter))(?:(?:\s+of)?\s+{YEAR})?",
          _season,
          rf"(?<![\w-])(?:(?i:the)\s+)?{_REL}(?P<season>(?i:spring|summer|fall|autumn|winter))(?:\s+of)?\s+{YEAR}"),
    _rule("quarter", rf"(?:(?i:the)\s+)?(?:(?P<offset>(?i:year[\s-](?:ago|earlier)|(?:next|last)\s+year['’]s))\s+)?"
          rf"(?:(?i:fiscal)\s+)?(?P<ord>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))"
          rf"[\s-]+(?i:quarter|period)(?:\s+of\s+{YEAR})?", _quarter),
    _rule("latest_quarter", r"(?i:the\s+(?:(?P<latest>latest|most\s+recent|just[\s-]+(?:ended|completed)|recent)\s+"
          r"(?:quarter|period)|quarter))", _latest_quarter),
    _rule("year_earlier", r"(?i:(?:the\s+)?(?:year[\s-]+earlier|year[\s-]+ago)(?:\s+(?:quarter|period|level|results))?)",
          _year_earlier),
    _rule("shifted", rf"(?i:(?:{_NUM}|(?P<few>a\s+few|several))\s+{_UNIT}\s+(?P<dir>later|earlier|before|after)"
          r"|(?:the\s+)?(?P<which>following|next|previous|prior|preceding)\s+(?P<unit2>day|week|month|year"
          r"|morning|night|evening|afternoon))", _shifted_any,
          r"(?<![\w-])(?i:(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)\s+"
          r"(?:day|week|month|year)s?\s+(?:later|earlier)|the\s+(?:following|previous|preceding|next)\s+"
          r"(?:day|week|month|year|morning|night|evening|afternoon))(?![\w-])"),
    _rule("clock", r"(?:(?i:at|around|about|shortly\s+(?:before|after))\s+)?(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>\d{2}))?"
          r"\s*(?P<ampm>[aApP]\.?\s?[mM]\.?)|(?P<noon>(?i:noon|midday|midnight)))"
          r"(?:\s+(?:[A-Z]{3,4}|local\s+time))?(?:,?\s+(?:on\s+)?(?P<mod>)(?P<part>)" + WEEKDAY + ")?", _clock,
          r"(?<![\w-])(?:\d{1,2}(?::\d{2})?\s*[aApP]\.?\s?[mM]\b\.?|(?i:noon|midday|midnight))"
          r"(?:\s+(?:[A-Z]{3,4}|local\s+time))?(?:,?\s+(?:on\s+)?" + WEEKDAY + ")?"),
    _rule("month", rf"{_REL}{MONTH}", _month, None),
    _rule("year", rf"(?:(?i:fiscal)\s+)?{_MOD}{YEAR}", _year, rf"(?<![\w-])(?i:fiscal)\s+{YEAR}"),
    _rule("duration", rf"{_NUM}(?:\s+|-){_UNIT}(?:(?:\s+|-)(?i:old|long))?",
          _duration, rf"(?<![\w-])(?:\d{{1,3}}|(?i:{'|'.join(w for w in _NUMBER_WORDS if len(w) > 2)}))"
          rf"(?:\s+|-){_UNIT}(?:(?:\s+|-)(?i:old|long))?(?![\w-])"),
    _rule("vague_duration", r"(?i:(?:several|many|a\s+few|few|some|the\s+past\s+few|the\s+last\s+few)\s+)?"
          r"(?P<unit>(?i:days|weeks|months|years|decades|centuries))", _vague_duration, None),
    _rule("set", r"(?i:annually|yearly|(?:every|each|per)\s+(?:year|week|month|day))|weekly|monthly|daily"
          rf"|(?i:every)\s+{WEEKDAY}", _set),
    _rule("present_ref", _PRESENT, _reference("PRESENT_REF")),
    _rule("past_ref", _PAST, _reference("PAST_REF"),
          r"(?<![\w-])(?i:recently|lately|in\s+recent\s+(?:days|weeks|months|years|times)|in\s+the\s+past)"
          r"(?![\w-])"),
    _rule("future_ref", _FUTURE, _reference("FUTURE_REF"),
          r"(?<![\w-])(?i:(?:some\s*time\s+)?in\s+)?" + _FUTURE + r"(?![\w-])"),
    _rule("year_list", r"(?:1[5-9]|20)\d{2}(?:,\s*(?:1[5-9]|20)\d{2})*,?\s+(?i:and|or|to|through)\s+(?:1[5-9]|20)\d{2}",
          _year_list, r"(?<=[a-z] )(?:1[5-9]|20)\d{2}(?:,\s*(?:1[5-9]|20)\d{2})*,?\s+(?i:and|or|to|through)\s+"
          r"(?:1[5-9]|20)\d{2}(?![\d,.]?\d)(?!\s+(?i:people|of|[a-z]+s\b))"),
    _rule("spelled_year", r"(?:(?i:the\s+)?(?P<season>(?i:spring|summer|fall|autumn|winter))\s+(?i:of)\s+"
          rf"|(?i:the\s+year)\s+)?{SPELLED_YEAR}", _spelled,
          rf"(?<![\w-])(?:{_SPELLED_PREFIX}{_ANY_SPELLED}|(?=(?i:fifteen|sixteen|seventeen|eighteen|nineteen)\s)"
          rf"{_ANY_SPELLED})"),
    _rule("period_ended", r"(?P<period>(?i:the\s+(?:fiscal\s+)?year))\s+(?i:ended|ending)", _period_ended),
    _rule("anchor_year", r"(?i:(?:the\s+(?:full\s+|fiscal\s+|current\s+)?year|year[\s-]end|year's\s+end))",
          _year_of_anchor),
)


def interpret(text: str, context: Context) -> tuple[Reading, ...] | None:
    """Readings of a trimmed expression by the first rule that matches all of it, else ``None``."""
    for rule in RULES:
        match = rule.pattern.fullmatch(text)
        if match is not None:
            readings = rule.resolve(match, context)
            if readings:
                return readings
    return None
