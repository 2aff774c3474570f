"""Reading the value of a number expression: digits, number words, scales, currencies, percents, fractions.

Pure string functions; the spaCy-aware part of claim extraction lives in ``claims.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12,
}
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
    "tenth": 10, "tenths": 10,
}
VAGUE_PLURALS = frozenset(
    {"hundreds", "thousands", "millions", "billions", "trillions", "dozens", "scores", "tens"}
)
APPROXIMATE_QUALIFIERS = (
    "at least", "more than", "less than", "fewer than", "as many as", "as much as", "as few as",
    "up to", "upwards of", "close to", "nearly", "almost", "about", "around", "roughly",
    "approximately", "some", "over", "under", "an estimated", "estimated", "just over",
    "just under", "well over", "approx.", "circa", "an approximate",
)
# Currency marks are matched longest-first so "US$" wins over "$".
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "S$": "SGD", "SG$": "SGD", "HK$": "HKD", "NZ$": "NZD", "NT$": "TWD",
    "R$": "BRL", "$": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "¥": "JPY",
    "JPY": "JPY", "₩": "KRW", "KRW": "KRW", "₹": "INR", "Rs": "INR", "RMB": "CNY", "CNY": "CNY",
    "CHF": "CHF",
}
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "yen": "JPY", "euro": "EUR", "euros": "EUR",
    "sterling": "GBP", "won": "KRW", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "rubles": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rouble": "RUB", "francs": "CHF", "pesos": "MXN",
}
_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE = r"(?:\s?(?:hundred|thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn)\b|(?:[mbk])\b)"
_PREFIX = "|".join(re.escape(p) for p in sorted(CURRENCY_PREFIXES, key=len, reverse=True))
_WORD_CURRENCY = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
MONEY_RE = re.compile(
    rf"(?<![\w$€£¥₩₹])(?:{_PREFIX})\s?(?:{_NUMERAL})(?:{_SCALE})?"
    rf"|(?<![\w.,])(?:{_NUMERAL})(?:{_SCALE})?\s(?:U\.S\.\s|US\s|American\s|Japanese\s)?(?:{_WORD_CURRENCY})\b",
)
PERCENT_RE = re.compile(
    rf"(?<![\w.,])(?:{_NUMERAL})(?:\s?%|\s(?:percent|per cent|pct)\b|\s(?:percentage points?)\b)",
    re.IGNORECASE,
)
_NUMBER_WORD = "|".join(w for w in UNITS_WORDS if w not in {"a", "an", "dozen"})
FRACTION_RE = re.compile(
    rf"\b(?:(?:{_NUMBER_WORD}|a)[- ](?:{'|'.join(FRACTION_DENOMINATORS)})|one in (?:{_NUMBER_WORD}|\d+))\b",
    re.IGNORECASE,
)


_RANGE_END = rf"(?:{_PREFIX})?\s?(?:{_NUMERAL})(?:{_SCALE})?"
_RANGE_UNIT = rf"(?:\s?%|\s(?:percent|per cent)\b|\s(?:{_WORD_CURRENCY})\b)?"
RANGE_RE = re.compile(
    rf"\bbetween\s+{_RANGE_END}\s+and\s+{_RANGE_END}{_RANGE_UNIT}"
    rf"|(?<![\w.,$€£¥₩₹]){_RANGE_END}\s?(?:-|–|\bto\b)\s?{_RANGE_END}{_RANGE_UNIT}",
    re.IGNORECASE,
)
_RANGE_SPLIT = re.compile(r"^(?:between\s+)?(?P<low>.+?)\s*(?:\band\b|\bto\b|-|–)\s*(?P<high>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedNumber:
    """The value a number expression states, in base units."""

    value: float
    unit: str
    approximate: bool
    upper: float | None = None


def leading_qualifier(text_before: str) -> str | None:
    """The approximating qualifier ("at least", "nearly") that ends ``text_before``, if any."""
    lowered = text_before.lower()
    for qualifier in sorted(APPROXIMATE_QUALIFIERS, key=len, reverse=True):
        if re.search(rf"(?:^|\W){re.escape(qualifier)}\s*$", lowered):
            return qualifier
    return None


def words_to_number(words: str) -> float | None:
    """Value of a spelled-out number ("twenty-five", "two hundred", "1.5 million"); None if not one."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().replace(",", "")) if t and t != "and"]
    if not tokens:
        return None
    total, current, seen = 0.0, 0.0, False
    for token in tokens:
        if re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", token):
            current += float(token)
        elif token in UNITS_WORDS:
            current += UNITS_WORDS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in SCALE_WORDS and token not in {"m", "b", "k"}:
            total += (current or 1) * SCALE_WORDS[token]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_fraction(text: str) -> float | None:
    """A fraction as a percentage: "two-thirds" -> 66.67, "one in five" -> 20.0; None if not one."""
    lowered = text.lower().strip()
    match = re.fullmatch(rf"(?:{_NUMBER_WORD}|\d+) in ({_NUMBER_WORD}|\d+)", lowered)
    if match:
        numerator = words_to_number(lowered.split(" in ")[0])
        denominator = words_to_number(match.group(1))
        if numerator is None or not denominator:
            return None
        return round(100.0 * numerator / denominator, 2)
    parts = re.split(r"[\s-]+", lowered)
    if len(parts) != 2 or parts[1] not in FRACTION_DENOMINATORS:
        return None
    numerator = 1.0 if parts[0] == "a" else words_to_number(parts[0])
    if numerator is None:
        return None
    return round(100.0 * numerator / FRACTION_DENOMINATORS[parts[1]], 2)


def _numeral_with_scale(text: str) -> float | None:
    """Value of "69", "68.9 billion", "1,200", "3bn", "five million" (no currency, no qualifier)."""
    match = re.fullmatch(rf"({_NUMERAL})\s?([a-z]+)?", text.strip().lower())
    if match:
        number = float(match.group(1).replace(",", ""))
        scale = match.group(2)
        if scale is None:
            return number
        return number * SCALE_WORDS[scale] if scale in SCALE_WORDS else None
    return words_to_number(text)


def strip_qualifier(text: str) -> tuple[str, bool]:
    """Remove a leading approximating qualifier; returns the rest and whether one was there."""
    lowered = text.lower()
    for qualifier in sorted(APPROXIMATE_QUALIFIERS, key=len, reverse=True):
        if lowered.startswith(qualifier + " "):
            return text[len(qualifier) + 1 :].strip(), True
    return text.strip(), False


def parse_money(text: str) -> ParsedNumber | None:
    """Parse "$69 billion", "US$69bn", "¥500 million", "500 million yen"; None when not money."""
    body, approximate = strip_qualifier(text)
    for prefix in sorted(CURRENCY_PREFIXES, key=len, reverse=True):
        if body.startswith(prefix):
            value = _numeral_with_scale(body[len(prefix) :])
            return None if value is None else ParsedNumber(value, CURRENCY_PREFIXES[prefix], approximate)
    words = body.split()
    if len(words) >= 2 and words[-1].lower() in CURRENCY_WORDS:
        amount = " ".join(w for w in words[:-1] if w not in {"U.S.", "US", "American", "Japanese"})
        value = _numeral_with_scale(amount)
        if value is not None:
            return ParsedNumber(value, CURRENCY_WORDS[words[-1].lower()], approximate)
    return None


def parse_percent(text: str) -> ParsedNumber | None:
    """Parse "5%", "3.5 percent", "five per cent", "nearly two-thirds"; None when not a share."""
    body, approximate = strip_qualifier(text)
    fraction = parse_fraction(body)
    if fraction is not None:
        return ParsedNumber(fraction, "percent", True)
    match = re.fullmatch(r"(.+?)\s?(%|percent|per cent|pct|percentage points?)", body, re.IGNORECASE)
    if not match:
        return None
    value = _numeral_with_scale(match.group(1))
    if value is None:
        return None
    unit = "percentage point" if match.group(2).lower().startswith("percentage") else "percent"
    return ParsedNumber(value, unit, approximate)


def parse_count(text: str) -> ParsedNumber | None:
    """Parse a bare count: "13", "at least 13", "an estimated 20", "Five", "2 million"; None otherwise."""
    body, approximate = strip_qualifier(text)
    if body.lower() in VAGUE_PLURALS:
        return None
    value = _numeral_with_scale(body)
    return None if value is None else ParsedNumber(value, "count", approximate)


def is_vague_amount(text: str) -> bool:
    """True for "billions of dollars", "thousands", "tens of thousands": no figure is stated."""
    first = text.strip().lower().split()
    return bool(first) and first[0] in VAGUE_PLURALS and not re.search(r"\d", text)


def parse_range(text: str) -> ParsedNumber | None:
    """Parse "10-15%", "between 3 and 5 million", "$3-5 billion", "3 to 5 percent": low value plus ``upper``.

    A bare pair of numbers ("1950-53", "3-2") is not a range claim: a unit, scale or "between" is needed.
    """
    body, approximate = strip_qualifier(text)
    match = _RANGE_SPLIT.match(body.strip())
    if match is None:
        return None
    low_text, high_text = match.group("low"), match.group("high")
    currency = _currency_of(low_text) or _currency_of(high_text)
    percent = bool(re.search(r"%|percent|per cent", high_text, re.IGNORECASE))
    low, low_scale = _bare_amount(low_text)
    high, high_scale = _bare_amount(high_text)
    if low is None or high is None:
        return None
    if low_scale is None and high_scale is not None:
        low *= SCALE_WORDS[high_scale]
    if not (currency or percent or high_scale or body.lower().startswith("between")) or low >= high:
        return None
    unit = currency or ("percent" if percent else "count")
    return ParsedNumber(low, unit, approximate, high)


def _currency_of(text: str) -> str | None:
    """The currency a range end names by prefix or word, if any."""
    stripped = text.strip()
    for prefix in sorted(CURRENCY_PREFIXES, key=len, reverse=True):
        if stripped.startswith(prefix):
            return CURRENCY_PREFIXES[prefix]
    last = stripped.split()[-1].lower() if stripped.split() else ""
    return CURRENCY_WORDS.get(last)


def _bare_amount(text: str) -> tuple[float | None, str | None]:
    """Value and scale word of one range end, without currency or percent marks."""
    cleaned = text.strip()
    for prefix in sorted(CURRENCY_PREFIXES, key=len, reverse=True):
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix):]
            break
    cleaned = re.sub(rf"\s?(?:%|percent|per cent|{_WORD_CURRENCY})$", "", cleaned.strip(), flags=re.IGNORECASE)
    match = re.fullmatch(rf"({_NUMERAL})\s?([a-z]+)?", cleaned.strip().lower())
    if match is None or (match.group(2) and match.group(2) not in SCALE_WORDS):
        return None, None
    return _numeral_with_scale(cleaned), match.group(2)
