"""Issue 8: the indexed cross-article helpers give exactly what the quadratic originals gave."""

from __future__ import annotations

import re

from conftest import make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.dates.bounds import (
    _positions_by_sentence,
    entity_keys,
    sentence_entity_keys,
)
from storyline.extract.entities import _initials_index
from storyline.extract.entities_people import _merge_initial_variants
from storyline.extract.entities_spans import NameScanner, scan_missed_names
from storyline.extract.entities_text import acronym_fit, acronym_letters
from storyline.models import AnalyzedArticle, Mention, Sentence

WORDS = ["Kim", "Jong", "Jong-un", "Un", "Moon", "Jae", "Abe", "O'Neil", "Ann", "An", "É", "Lee"]


def regex_spans(names: list[str], text: str) -> list[tuple[int, int]]:
    """The original per-article alternation: longest first, then alphabetical."""
    usable = sorted({n for n in names if n and n[0].isupper()}, key=lambda n: (-len(n), n))
    if not usable:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in usable) + r")(?!\w)")
    return [m.span() for m in pattern.finditer(text)]


name_strategy = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
text_strategy = st.lists(
    st.one_of(st.sampled_from(WORDS),
              st.sampled_from([" ", "  ", "-", ".", "x", "'s", "9", "\n", "Kimchi", "_", "kim", "é", "Ä"])),
    max_size=30,
).map("".join)


@st.composite
def names_and_text(draw: st.DrawFn) -> tuple[list[str], str]:
    """Names, and a text made of those names, other words and separators (so matches overlap)."""
    names = draw(st.lists(name_strategy, min_size=1, max_size=8))
    pieces = st.one_of(st.sampled_from(names), text_strategy)
    return names, draw(st.lists(pieces, max_size=8).map("".join))


@settings(max_examples=500, deadline=None)
@given(names_and_text())
def test_name_scanner_matches_the_regex_alternation(case: tuple[list[str], str]) -> None:
    names, text = case
    assert list(NameScanner(names).finditer(text)) == regex_spans(names, text)


def test_name_scanner_prefers_longest_then_alphabetical_and_does_not_overlap() -> None:
    names = ["Kim", "Kim Jong", "Kim Jong-un", "Jong-un", "Un"]
    text = "Kim Jong-un met Kim Jongs and Un, not Kimchi."
    assert list(NameScanner(names).finditer(text)) == [(0, 11), (16, 19), (30, 32)]
    assert regex_spans(names, text) == [(0, 11), (16, 19), (30, 32)]


def test_name_scanner_falls_back_for_names_not_starting_with_a_word_character() -> None:
    names = ["Ⓐbe", "Abe"]  # circled capital: upper case, yet no \w
    text = "Ⓐbe and Abe"
    assert list(NameScanner(names).finditer(text)) == regex_spans(names, text) == [(0, 3), (8, 11)]


def test_scan_missed_names_same_with_and_without_a_prebuilt_scanner() -> None:
    text = "Pence spoke. Then, Mike Pence left; Pence Industries did not."
    item = AnalyzedArticle(make_article(text, article_id="a1"), (), (), (), (), ())
    names = ["Mike Pence", "Pence"]
    plain = scan_missed_names(item, names, [(0, 5)])
    assert plain == scan_missed_names(item, (), [(0, 5)], NameScanner(names))
    assert [(s.start, s.surface) for s in plain] == [(19, "Mike Pence")]


@settings(max_examples=300, deadline=None)
@given(st.lists(name_strategy, min_size=1, max_size=6), text_strategy,
       st.lists(st.tuples(st.integers(-2, 60), st.integers(0, 15)).map(lambda p: (p[0], p[0] + p[1])), max_size=6))
def test_scan_missed_names_skips_exactly_the_occupied_overlaps(
    names: list[str], text: str, occupied: list[tuple[int, int]]
) -> None:
    item = AnalyzedArticle(make_article(text, article_id="a1"), (), (), (), (), ())
    free = scan_missed_names(item, names, [])
    expected = [s for s in free if not any(s.start < b and a < s.end for a, b in occupied)]
    assert scan_missed_names(item, names, occupied) == expected


def naive_merge(surfaces: dict[str, str]) -> dict[str, str]:
    """The original O(n^2) scan over all full-name keys."""
    roots = {key: key for key in surfaces}
    for key in sorted(surfaces):
        words = key.split()
        if len(words) != 2:
            continue
        longer = [
            other for other in sorted(surfaces)
            if other != key and other.split()[0] == words[0] and other.split()[-1] == words[-1]
            and all(len(w) == 1 for w in other.split()[1:-1])
        ]
        if len(longer) == 1:
            roots[longer[0]] = key
    return roots


key_strategy = st.lists(st.sampled_from(["donald", "j", "trump", "d", "kim", "k", "un"]), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(key_strategy.map(" ".join), max_size=10))
def test_merge_initial_variants_matches_the_pairwise_scan(keys: list[str]) -> None:
    surfaces = {key: key.title() for key in keys}
    assert _merge_initial_variants(surfaces) == naive_merge(surfaces)


def test_merge_initial_variants_joins_the_single_initial_variant() -> None:
    roots = _merge_initial_variants({"donald trump": "", "donald j trump": "", "kim un": "", "kim j un": "",
                                     "kim k un": ""})
    assert roots["donald j trump"] == "donald trump"
    assert roots["kim j un"] == "kim j un" and roots["kim k un"] == "kim k un"  # two variants: ambiguous


span_strategy = st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(span_strategy, max_size=8), st.lists(st.integers(-2, 55), max_size=12))
def test_positions_by_sentence_matches_the_nested_loop(spans: list[tuple[int, int]], positions: list[int]) -> None:
    sentences = [Sentence(a, b) for a, b in spans]  # unsorted and overlapping on purpose
    expected = [[i for i, p in enumerate(positions) if s.start <= p < s.end] for s in sentences]
    assert _positions_by_sentence(sentences, positions) == expected


def test_sentence_entity_keys_equal_entity_keys_per_sentence() -> None:
    text = "Mike Pence met Taro Aso in Tokyo. The Trans-Pacific Partnership died. Abe spoke on Monday."
    marks = [("Mike Pence", "PERSON"), ("Taro Aso", "PERSON"), ("Tokyo", "GPE"),
             ("The Trans-Pacific Partnership", "LAW"), ("Abe", "PERSON"), ("Monday", "DATE")]
    mentions = tuple(Mention("a1", text.index(s), text.index(s) + len(s), s, label) for s, label in marks)
    sentences = (Sentence(0, 33), Sentence(34, 69), Sentence(70, len(text)), Sentence(0, len(text)))
    item = AnalyzedArticle(make_article(text, article_id="a1"), sentences, mentions, (), (), ())
    per_sentence = sentence_entity_keys(item)
    assert per_sentence == [entity_keys(item, s) for s in sentences]
    assert frozenset({"tpp", "trans-pacific partnership"}) in per_sentence[1]
    assert len(per_sentence[3]) == 5  # the DATE mention is no entity


letters = st.text(alphabet="ABCT", min_size=0, max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(alphabet="xyz", min_size=1, max_size=4), letters, max_size=12),
       st.text(alphabet="ABCT.&abc", min_size=1, max_size=6))
def test_initials_index_files_every_fitting_expansion(expansions: dict[str, str], form: str) -> None:
    fitting = {k for k, ini in expansions.items() if acronym_fit(form, ini)}
    filed = _initials_index(expansions).get(acronym_letters(form), set())
    assert fitting <= filed


def test_initials_index_keeps_only_exact_and_one_extra_letter() -> None:
    expansions = {"trans-pacific partnership": "TPP", "trans-pacific trade partnership": "TPTP",
                  "total pacific trade pact partners": "TPTPP", "japan": "J"}
    index = _initials_index(expansions)
    assert index["TPP"] == {"trans-pacific partnership", "trans-pacific trade partnership"}
    assert acronym_letters("T.P.P.") == "TPP" and acronym_letters("AT&T") == "ATT"
