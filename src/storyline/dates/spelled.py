"""Years written out in words, as broadcast transcripts do: "nineteen ninety-six", "two thousand".

``SPELLED_YEAR`` is a regex fragment with one named group, ``spelled``; :func:`spelled_year`
turns its text into the number, or ``None`` when the words do not make a year.
"""

from __future__ import annotations

import re

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_UNIT_WORDS = "|".join(_UNITS)
_TWO_DIGITS = rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{_UNIT_WORDS}))?|{'|'.join(_TEENS)})"
SPELLED_YEAR = (rf"(?P<spelled>(?i:(?:fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+(?:hundred|{_TWO_DIGITS})"
                rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_UNIT_WORDS}|{_TWO_DIGITS}))?))(?![\w-])")


def _two_digit_number(words: str) -> int | None:
    parts = re.split(r"[\s-]+", words.strip())
    if len(parts) == 1:
        return _TEENS.get(parts[0], _TENS.get(parts[0], _UNITS.get(parts[0])))
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def spelled_year(text: str) -> int | None:
    """The year that ``text`` spells ("nineteen ninety-six" -> 1996), or ``None``."""
    words = " ".join(text.lower().split())
    if words.startswith("two thousand"):
        rest = words.removeprefix("two thousand").strip().removeprefix("and").strip()
        tail = _two_digit_number(rest) if rest else 0
        return None if tail is None else 2000 + tail
    century, _, rest = words.partition(" ")
    hundreds = _TEENS.get(century, _TENS.get(century))
    tail = 0 if rest == "hundred" else _two_digit_number(rest)
    if hundreds is None or tail is None:
        return None
    return hundreds * 100 + tail
