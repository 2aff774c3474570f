"""Disagreements: claims about one measure whose figures differ, with a plain explanation.

Claims are grouped by ``measure_key`` and unit; values within 0.5% of each other count as one figure
(rounding). A group with two or more figures is a disagreement, unless every claim comes from one
article and one claimant: an article cannot disagree with itself, so that is a change it reports
("rose from 5% to 7%"), not a conflict.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import groupby

from storyline.extract.claims_context import resolve_relative_year
from storyline.models import Claim, Disagreement, Published

SAME_FIGURE_TOLERANCE = 0.005
CURRENCY_SYMBOLS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "KRW": "₩", "INR": "₹"}
SCALES: tuple[tuple[float, str], ...] = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def find_disagreements(claims: Sequence[Claim], published: Mapping[str, Published]) -> tuple[Disagreement, ...]:
    """Disagreements among ``claims``; ``published`` maps article id to its publication date.

    Claims disagree only within one measure and one unit. When one measure disagrees in several
    units (a count and a percentage of the same thing), each disagreement's key gets its unit
    appended (``"deficit [%]"``) so that keys stay unique.
    """
    ordered = sorted(claims, key=lambda c: (c.measure_key, c.unit, c.value, c.id))
    found: list[tuple[str, Disagreement]] = []
    for (key, unit), group in groupby(ordered, key=lambda c: (c.measure_key, c.unit)):
        members = list(group)
        figures = same_figure_clusters(members)
        if len(figures) < 2 or _is_one_voice(members):
            continue
        found.append((unit, Disagreement(
            measure=_common_wording(members), measure_key=key,
            claim_ids=tuple(sorted(c.id for c in members)), note=explain(figures, published),
        )))
    keys = Counter(d.measure_key for _, d in found)
    return tuple(
        replace(d, measure_key=f"{d.measure_key} [{unit}]") if keys[d.measure_key] > 1 else d for unit, d in found
    )


def same_figure_clusters(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Claims split into figures: sorted by value, a new figure starts beyond 0.5% of the last one's first value."""
    clusters: list[list[Claim]] = []
    for claim in sorted(claims, key=lambda c: (c.value, c.id)):
        if clusters and _same_figure(clusters[-1][0].value, claim.value):
            clusters[-1].append(claim)
        else:
            clusters.append([claim])
    return clusters


def _same_figure(first: float, second: float) -> bool:
    """True when two values differ by at most 0.5% of the larger."""
    largest = max(abs(first), abs(second))
    return largest == 0 or abs(first - second) <= SAME_FIGURE_TOLERANCE * largest


def _is_one_voice(claims: Sequence[Claim]) -> bool:
    """True when every claim comes from the same article and the same claimant."""
    return len({(c.article_id, c.claimant) for c in claims}) == 1


def _common_wording(claims: Sequence[Claim]) -> str:
    """The most common measure wording; ties go to the longest, then alphabetical."""
    counts = Counter(c.measure for c in claims)
    return min(counts, key=lambda wording: (-counts[wording], -len(wording), wording))


def explain(figures: Sequence[Sequence[Claim]], published: Mapping[str, Published]) -> str:
    """Up to three sentences, most specific first: scope, periods, rounding, claimants, reporting dates."""
    figures = [[_with_period(c, published) for c in figure] for figure in figures]
    candidates = (
        _scope_sentence(figures),
        _period_sentence(figures),
        _rounding_sentence(figures),
        _claimant_sentence(figures),
        _dates_sentence(figures, published),
    )
    sentences = [s for s in candidates if s][:3]
    if not sentences:
        labels = " vs ".join(_label(f) for f in figures)
        sentences = [f"Reports give different figures: {labels}."]
    return " ".join(sentences)


_PLURAL_NOUNS = frozenset({
    "people", "police", "others", "officials", "authorities", "experts", "analysts", "researchers", "sources",
    "reports", "estimates", "figures", "data",
})  # plural claimant heads, also when capitalised at a sentence start ("Officials said")


def format_value(value: float, unit: str) -> str:
    """Readable figure: "$69 billion", "¥500 million", "13", "66.67%", "SGD 95 billion"."""
    number = _scaled(value)
    if unit in {"percent", "percentage point"}:
        return f"{number}%" if unit == "percent" else f"{number} percentage points"
    if unit == "count":
        return number
    symbol = CURRENCY_SYMBOLS.get(unit)
    return f"{symbol}{number}" if symbol else f"{unit} {number}"


def _scaled(value: float) -> str:
    """A number with its scale word and no trailing zeros: 68900000000 -> "68.9 billion"."""
    for size, word in SCALES:
        if abs(value) >= size:
            return f"{_trim(value / size)} {word}"
    return _trim(value)


def _trim(number: float) -> str:
    """Up to two decimals, without trailing zeros, with thousands separators."""
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _label(figure: Sequence[Claim]) -> str:
    """How a figure is named in a note: its most common formatted value."""
    counts = Counter(format_value(c.value, c.unit) for c in figure)
    return min(counts, key=lambda label: (-counts[label], label))


def _period_sentence(figures: Sequence[Sequence[Claim]]) -> str | None:
    """"$68.9 billion refers to 2017; $56.1 billion refers to 2016." when the figures name different periods."""
    periods = [sorted({c.period for c in f if c.period}) for f in figures]
    if len({p for ps in periods for p in ps}) < 2:
        return None
    parts = [f"{_label(f)} refers to {' and '.join(ps)}" for f, ps in zip(figures, periods, strict=True) if ps]
    return "; ".join(parts) + "."


def _rounding_sentence(figures: Sequence[Sequence[Claim]]) -> str | None:
    """"$69 billion and $68.9 billion are within 0.2%: the same figure rounded." for near-equal values."""
    for figure in figures:
        values = sorted({c.value for c in figure}, reverse=True)
        if len(values) < 2:
            continue
        spread = math.ceil(1000 * (values[0] - values[-1]) / values[0]) / 10
        labels = " and ".join(format_value(v, figure[0].unit) for v in values)
        return f"{labels} are within {spread:g}%: the same figure rounded."
    return None


def _with_period(claim: Claim, published: Mapping[str, Published]) -> Claim:
    """The claim with a relative period ("last year") resolved by its article's date or date bounds."""
    if claim.period or not claim.period_text:
        return claim
    period = resolve_relative_year(claim.period_text, published.get(claim.article_id))
    return replace(claim, period=period) if period else claim


def _scope_sentence(figures: Sequence[Sequence[Claim]]) -> str | None:
    """ "$56.6 billion counts goods and services; $68.9 billion and $69 billion count goods only." """
    by_scope: dict[str, list[str]] = {}
    for figure in figures:
        for scope in sorted({c.scope for c in figure if c.scope}):
            by_scope.setdefault(scope, []).append(_label(figure))
    if len(by_scope) < 2:
        return None
    parts = [
        f"{_and_list(labels)} {'counts' if len(labels) == 1 else 'count'} {scope}{' only' if scope == 'goods' else ''}"
        for scope, labels in sorted(by_scope.items(), key=lambda item: -len(item[0]))
    ]
    return "Different scope: " + "; ".join(parts) + "."


def _claimant_sentence(figures: Sequence[Sequence[Claim]]) -> str | None:
    """ "Pyongyang acknowledges 13; Tokyo maintains 17." when figures have their own claimants."""
    claimants = [_merged_names(c.claimant for c in f if c.claimant) for f in figures]
    attributed = [(f, names) for f, names in zip(figures, claimants, strict=True) if names]
    flat = [name for _, names in attributed for name in names]
    if len(attributed) < 2 or len(flat) != len(set(flat)):
        return None
    parts = [f"{_and_list(names)} {_cue_phrase(f, _speakers(names))} {_label(f)}" for f, names in attributed]
    unattributed = [_label(f) for f, names in zip(figures, claimants, strict=True) if not names]
    tail = f"; other reports give {_and_list(unattributed)}" if unattributed else ""
    return "Sources conflict: " + "; ".join(parts) + tail + "."


def _merged_names(names: Iterable[str]) -> list[str]:
    """Distinct claimant names, a name dropped when a longer one ends with it ("U.S. Commerce Department")."""
    unique = sorted(set(names))
    return [n for n in unique if not any(o != n and o.endswith(" " + n) for o in unique)]


def _speakers(names: Sequence[str]) -> int:
    """How many claimants the verb agrees with: one name, unless it is a plural noun phrase
    ("U.S. government estimates", "Officials", "many people")."""
    words = names[0].split() if len(names) == 1 else []
    if not words:
        return len(names)
    last = words[-1]
    lowered = last.lower()
    regular = last.islower() and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is"))
    return 2 if regular or lowered in _PLURAL_NOUNS else 1


def _cue_phrase(figure: Sequence[Claim], speakers: int) -> str:
    """How the claimants put it: "acknowledges", "maintains", "puts it at", "gives"."""
    cues = Counter(c.cue for c in figure if c.cue)
    cue = min(cues, key=lambda k: (-cues[k], k)) if cues else None
    if cue in {None, "according to", "show", "say"}:
        return "gives" if speakers == 1 else "give"
    if cue in {"put", "estimate", "peg", "place"}:
        return f"{cue}s it at" if speakers == 1 else f"{cue} it at"
    return _third_person(cue) if speakers == 1 else cue


def _third_person(verb: str) -> str:
    """ "maintain" -> "maintains", "deny" -> "denies", "stress" -> "stresses"."""
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")


def _dates_sentence(figures: Sequence[Sequence[Claim]], published: Mapping[str, Published]) -> str | None:
    """"$56.1 billion was cited in April 2018, $69 billion in October and November 2018." by publication date."""
    dated: list[tuple[str, str, str]] = []
    for figure in figures:
        dates = sorted({d for c in figure if (d := _date_of(published.get(c.article_id)))})
        if dates:
            dated.append((dates[0], _label(figure), _months_text(dates)))
    if len(dated) < 2 or len({when for _, _, when in dated}) < 2:
        return None
    dated.sort()
    first, *rest = dated
    tail = "".join(f", {label} in {when}" for _, label, when in rest)
    return f"{first[1]} was cited in {first[2]}{tail}."


def _date_of(publication: Published | None) -> str | None:
    """The ISO publication date, if known."""
    return publication.date if publication is not None and publication.date else None


def _months_text(dates: Sequence[str]) -> str:
    """"October and November 2018" from ISO dates; years alone when months are unknown."""
    by_year: dict[str, list[str]] = {}
    for date in dates:
        year, _, rest = date.partition("-")
        months = by_year.setdefault(year, [])
        month = MONTHS[int(rest[:2]) - 1] if rest[:2].isdigit() and 1 <= int(rest[:2]) <= 12 else ""
        if month and month not in months:
            months.append(month)
    parts = []
    for year in sorted(by_year):
        months = by_year[year]
        parts.append(f"{_and_list(months)} {year}" if months else year)
    return _and_list(parts)


def _and_list(items: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
