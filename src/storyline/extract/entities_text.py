"""Surface-text helpers for entity canonicalisation: keys, titles, trimming, acronyms.

Everything here is a pure function of strings (and offsets into an article's
text); the clustering itself lives in :mod:`storyline.extract.entities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NON_ENTITY_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})

HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Messrs")

ROLE_TITLES = (
    "Deputy Prime Minister", "Prime Minister", "Vice President", "President-elect", "President",
    "Secretary of State", "Secretary-General", "Secretary General", "Attorney General",
    "Chief Cabinet Secretary", "Cabinet Secretary", "Foreign Minister", "Finance Minister",
    "Trade Minister", "Defense Minister", "Defence Minister", "Economy Minister",
    "Foreign Secretary", "Defense Secretary", "Commerce Secretary", "Treasury Secretary",
    "Energy Secretary", "Home Secretary", "Minister", "Secretary", "Chancellor", "Premier",
    "Governor", "Gov.", "Senator", "Sen.", "Representative", "Rep.", "Congressman",
    "Congresswoman", "Ambassador", "Chairman", "Chairwoman", "Chief Executive", "CEO", "Mayor",
    "Speaker", "King", "Queen", "Crown Prince", "Prince", "Princess", "Emperor", "Empress",
    "Pope", "Gen.", "Admiral", "Adm.", "Colonel", "Col.", "Judge", "Supreme Leader",
    "First Lady", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord",
)

_CANONICAL_TITLE = {t.rstrip(".").casefold(): t.rstrip(".") for t in ROLE_TITLES}
_HONORIFIC_KEYS = frozenset(h.casefold() for h in HONORIFICS)


def _literal(title: str) -> str:
    """Regex for one title: flexible whitespace, optional abbreviation dot."""
    body = r"\s+".join(re.escape(word) for word in title.rstrip(".").split())
    return body + r"\.?"


_PLAIN = "|".join(_literal(t) for t in sorted(ROLE_TITLES + HONORIFICS, key=len, reverse=True))
# Capitalised words after "Ambassador to" / "Minister of": "U.S." allowed, a sentence-final dot not.
_PROPER_WORD = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w’'\-]*)(?=\s)"
_PROPER_WORDS = rf"{_PROPER_WORD}(?:[ \t]+(?:and[ \t]+)?{_PROPER_WORD}){{0,3}}"
_TITLE_ALTERNATIVES = (
    rf"(?P<to>Ambassador\s+to\s+(?:the\s+)?{_PROPER_WORDS})"
    rf"|(?P<of>(?:Minister|Secretary)\s+(?:of|for)\s+(?:the\s+)?{_PROPER_WORDS})"
    rf"|(?P<plain>{_PLAIN})"
)
_TITLE_BEFORE = re.compile(rf"(?<![\w\-])(?:{_TITLE_ALTERNATIVES})[ \t\u00a0]+$")
_FORMER_BEFORE = re.compile(r"(?:\bformer|\bex-|\bthen-)\s*(?:[A-Z][\w.]*\s+){0,2}$", re.IGNORECASE)
# Nationality before a title: "U.S.", "UK", "Japanese", "South Korean".
_FORMER_START = re.compile(r"(?:former\s|ex-)", re.IGNORECASE)
_QUALIFIER = r"(?-i:[A-Z][A-Z.]+|(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+(?:an|ese|ish|i|ch|ic))\s+"
_TITLE_START = re.compile(rf"(?:(?:former|ex-)\s*)?(?:{_QUALIFIER})??(?:{_TITLE_ALTERNATIVES})\s+")
_TITLE_START_ANY_CASE = re.compile(
    rf"(?:(?:former|ex-)\s*)?(?:{_QUALIFIER})??(?:{_TITLE_ALTERNATIVES})(?:\s+|$)", re.IGNORECASE
)

_EDGE_PUNCT = " \t\r\n,;:!?\"'“”‘’()[]{}<>«»—–-*•·|/\\"
_KEEP_DOT_WORDS = frozenset({"inc.", "corp.", "co.", "ltd.", "jr.", "sr.", "st.", "bros."})
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_ACRONYM_DEFINITION = re.compile(r"^\s*\(\s*([A-Z][A-Za-z&.\-]*[A-Z]\.?)\s*\)")


@dataclass(frozen=True)
class TitleMatch:
    """A title found before a name: ``title`` is None for bare honorifics (Mr, Ms).

    ``start``/``core_end`` bound the title words proper, so that mentions inside
    them ("State" in "Secretary of State") can be discarded as title fragments.
    """

    title: str | None
    start: int
    core_end: int


@lru_cache(maxsize=1 << 18)
def name_key(surface: str) -> str:
    """Comparison key: case-folded, dots dropped, hyphens and whitespace collapsed."""
    text = surface.replace("’", "'").replace(".", "").casefold()
    return " ".join(re.split(r"[\s\-‐–]+", text)).strip()


def name_tokens(surface: str) -> list[str]:
    """Whitespace tokens of a name (hyphenated given names stay whole)."""
    return surface.split()


def canonical_title(matched: str) -> str | None:
    """Canonical spelling of a matched title; None when it is an honorific."""
    words = " ".join(matched.split()).rstrip(".")
    key = words.casefold()
    if key in _HONORIFIC_KEYS:
        return None
    return _CANONICAL_TITLE.get(key, words)


def _title_of(match: re.Match[str]) -> str | None:
    """The title named by a regex match over ``_TITLE_ALTERNATIVES``."""
    if match.group("plain"):
        return canonical_title(match.group("plain"))
    found = match.group("to") or match.group("of")
    return " ".join(found.split()) if found else None


def title_before(text: str, start: int) -> TitleMatch | None:
    """A capitalised title ending right before ``start`` ("Deputy Prime Minister Taro Aso")."""
    window_start = max(0, start - 120)
    match = _TITLE_BEFORE.search(text[window_start:start])
    if match is None:
        return None
    title = _title_of(match)
    absolute = window_start + match.start()
    core_end = window_start + match.end("plain") if match.group("plain") else window_start + match.end()
    if match.group("to"):
        core_end = absolute + len("Ambassador")
    if title and _FORMER_BEFORE.search(text[max(0, absolute - 40):absolute]):
        title = "former " + title
    return TitleMatch(title, absolute, core_end)


def strip_leading_titles(surface: str, any_case: bool = False) -> tuple[int, tuple[str, ...], bool]:
    """Strip titles at the start of a surface ("Mr Abe", "U.S. President Trump").

    Returns (characters stripped, recorded titles, whether any title or honorific
    was stripped). With ``any_case`` lowercase titles count too ("the prime minister").
    """
    pattern = _TITLE_START_ANY_CASE if any_case else _TITLE_START
    offset, titles, found = 0, [], False
    while True:
        match = pattern.match(surface, offset)
        if match is None or match.end() == offset:
            break
        rest = surface[match.end():]
        if rest and not any_case and not rest[0].isupper():
            break
        found = True
        title = _title_of(match)
        if title and _FORMER_START.match(match.group(0)):
            title = "former " + title
        if title:
            titles.append(title)
        offset = match.end()
    return offset, tuple(titles), found


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim edge punctuation, a leading "the" and possessives off ``text[start:end]``.

    An internal possessive ends the name ("Trump’s Mar" -> "Trump").
    """
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    the = _LEADING_THE.match(text[start:end])
    if the:
        start += the.end()
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive:
        end = possessive.start()
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    if end > start and text[end - 1] == "." and not _keeps_dot(text[start:end]):
        end -= 1
    return start, end


def _keeps_dot(surface: str) -> bool:
    """Whether a trailing dot belongs to the name ("U.S.", "Acme Inc.")."""
    last = surface.split()[-1] if surface.split() else surface
    return last.casefold() in _KEEP_DOT_WORDS or last[:-1].count(".") > 0 or len(last) <= 2


def is_junk(surface: str) -> bool:
    """Single letters, numbers, lowercase phrases and symbol soup are not names."""
    letters = [c for c in surface if c.isalpha()]
    if len(letters) < 2 or not surface[:1].isalnum():
        return True
    return not any(c.isupper() for c in letters)


def is_acronym(surface: str) -> bool:
    """All-capital short forms: "TPP", "APEC", "U.N.", "AT&T"."""
    compact = surface.replace(".", "")
    return 2 <= len(compact) <= 10 and compact.replace("&", "").isalpha() and compact.isupper()


def initials(surface: str) -> str:
    """Initials of the capitalised words (hyphen parts count): "Asia-Pacific Economic Cooperation" -> "APEC"."""
    words = [w for w in re.split(r"[\s\-]+", surface) if w]
    return "".join(w[0] for w in words if w[0].isupper())


def acronym_letters(acronym: str) -> str:
    """The letters an acronym spells, as ``acronym_fit`` compares them: "U.S." -> "US", "AT&T" -> "ATT"."""
    return acronym.replace(".", "").replace("&", "").upper()


def acronym_fit(acronym: str, expansion_initials: str) -> str | None:
    """"exact" when the initials spell the acronym, "loose" when one extra word is skipped."""
    acr = acronym_letters(acronym)
    if not acr or len(expansion_initials) < 2:
        return None
    if acr == expansion_initials:
        return "exact"
    if len(acr) < 3 or len(expansion_initials) != len(acr) + 1:
        return None
    if acr[0] != expansion_initials[0] or acr[-1] != expansion_initials[-1]:
        return None
    return "loose" if _is_subsequence(acr, expansion_initials) else None


def _is_subsequence(short: str, long: str) -> bool:
    """Whether ``short`` is an ordered subsequence of ``long``."""
    remaining = iter(long)
    return all(ch in remaining for ch in short)


def words_subsequence(short_key: str, long_key: str) -> bool:
    """Whether one key's words appear in order inside the other's."""
    return _is_subsequence_list(short_key.split(), long_key.split())


def _is_subsequence_list(short: list[str], long: list[str]) -> bool:
    """Ordered-subsequence test for word lists."""
    remaining = iter(long)
    return all(word in remaining for word in short)


def acronym_defined_after(text: str, end: int) -> str | None:
    """The acronym a name defines in parentheses right after it: "... Nations (ASEAN)"."""
    match = _ACRONYM_DEFINITION.match(text[end:end + 20])
    if match is None or not is_acronym(match.group(1)):
        return None
    return match.group(1)


def split_role_query(name: str) -> tuple[str, tuple[str, ...], bool]:
    """Clean a user-supplied name for lookup: drop "the", possessive and titles (any case).

    Returns (remaining name, titles found, whether the query was only a title).
    """
    surface = name.strip().strip(_EDGE_PUNCT)
    if surface[:4].casefold() == "the ":
        surface = surface[4:].lstrip()
    possessive = _POSSESSIVE.search(surface)
    if possessive:
        surface = surface[: possessive.start()]
    offset, titles, found = strip_leading_titles(surface, any_case=True)
    if found and not surface[offset:].strip():
        return "", titles, True
    strict_offset, strict_titles, _ = strip_leading_titles(surface)
    return surface[strict_offset:].strip(), strict_titles, False
