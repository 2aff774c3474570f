"""Who is who: full names, surname/given-name resolution and cross-document label repair.

Every span gets a cluster *target*: ``"P:<root>"`` for a person (``root`` is a
full-name key such as ``"mike pence"``) or ``"N:<key>"`` for anything else.
Single-word names ("Pence", "Kim", "Shinzo") join the full name that shares
that word, resolved in their own article first (nearest full name before them
when two people share it), then across articles when only one person fits.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.extract.entities_spans import NameSpan
from storyline.extract.entities_text import name_key, name_tokens

PERSON = "PERSON"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
LABEL_PRIORITY = ("ORG", "GPE", "PERSON", "LOC", "NORP", "LAW", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART")


@dataclass(frozen=True)
class PeopleIndex:
    """Full-name people and the single words that may stand for them."""

    roots: dict[str, str]
    local: dict[str, dict[str, tuple[tuple[int, str], ...]]]
    by_token: dict[str, frozenset[str]]
    token_person_votes: Counter[str]

    def resolve_local(self, article_id: str, token_key: str, position: int) -> str | None:
        """The person a one-word name means in its article: the only fit, else the nearest before it."""
        occurrences = self.local.get(article_id, {}).get(token_key, ())
        if not occurrences:
            return None
        roots = {root for _, root in occurrences}
        if len(roots) == 1:
            return next(iter(roots))
        before = [(start, root) for start, root in occurrences if start < position]
        if before:
            return max(before)[1]
        return min(occurrences)[1]

    def resolve_global(self, token_key: str) -> str | None:
        """The person a one-word name means across all articles, when only one fits."""
        roots = self.by_token.get(token_key, frozenset())
        return next(iter(roots)) if len(roots) == 1 else None


def label_votes(spans: Sequence[NameSpan]) -> dict[str, Counter[str]]:
    """spaCy's labels per surface key, counting only mentions spaCy found whole."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for span in spans:
        if span.origin == "ner":
            votes[span.key][span.label] += 1
    return votes


def vote_winner(votes: Counter[str], fallback: str, known_surname: bool = False) -> str:
    """Majority label; PERSON wins a tie with ORG for a known surname, else fixed priority."""
    if not votes:
        return fallback
    best = max(votes.values())
    tied = {label for label, count in votes.items() if count == best}
    if known_surname and PERSON in tied:
        return PERSON
    ranked = [label for label in LABEL_PRIORITY if label in tied]
    return ranked[0] if ranked else sorted(tied)[0]


@lru_cache(maxsize=1 << 18)
def edge_word_keys(surface: str) -> tuple[str, ...]:
    """Keys of the first and last words of a full name ("Kim", "Un"; "Mike", "Pence")."""
    words = name_tokens(surface)
    return tuple(dict.fromkeys((name_key(words[0]), name_key(words[-1]))))


def _looks_like_full_name(surface: str) -> bool:
    """Two or more words, the last one capitalised, no digits."""
    words = name_tokens(surface)
    return len(words) >= 2 and words[-1][:1].isupper() and not any(c.isdigit() for c in surface)


def build_people(spans: Sequence[NameSpan], votes: dict[str, Counter[str]]) -> PeopleIndex:
    """Index the full names whose label vote is PERSON, merging "Donald J. Trump" into "Donald Trump"."""
    winners: dict[tuple[str, str], str] = {}  # (key, label) -> vote winner: spans repeat both
    full_names: dict[str, bool] = {}
    full = []
    for span in spans:
        looks_full = full_names.get(span.surface)
        if looks_full is None:
            looks_full = full_names[span.surface] = _looks_like_full_name(span.surface)
        if not looks_full:
            continue
        winner = winners.get((span.key, span.label))
        if winner is None:
            winner = winners[span.key, span.label] = vote_winner(votes[span.key], span.label)
        if winner == PERSON:
            full.append(span)
    surfaces: dict[str, str] = {}
    for span in full:
        surfaces.setdefault(span.key, span.surface)
    roots = _merge_initial_variants(surfaces)
    local: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    by_token: dict[str, set[str]] = defaultdict(set)
    token_votes: Counter[str] = Counter()
    for span in full:
        for token in edge_word_keys(span.surface):
            local[span.article_id][token].append((span.start, roots[span.key]))
            by_token[token].add(roots[span.key])
            if span.origin == "ner":
                token_votes[token] += 1
    frozen_local = {a: {t: tuple(sorted(v)) for t, v in d.items()} for a, d in local.items()}
    return PeopleIndex(roots, frozen_local, {t: frozenset(r) for t, r in by_token.items()}, token_votes)


def _merge_initial_variants(surfaces: dict[str, str]) -> dict[str, str]:
    """Map each full-name key to its root; a two-word name joins the single variant with middle initials."""
    roots = {key: key for key in surfaces}
    by_edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for other in sorted(surfaces):
        words = other.split()
        if all(len(w) == 1 for w in words[1:-1]):
            by_edges[words[0], words[-1]].append(other)
    for key in sorted(surfaces):
        words = key.split()
        if len(words) != 2:
            continue
        longer = [other for other in by_edges.get((words[0], words[-1]), ()) if other != key]
        if len(longer) == 1:
            roots[longer[0]] = key
    return roots


def _may_be_person(
    span: NameSpan, people: PeopleIndex, votes: dict[str, Counter[str]], named_here: bool = False
) -> bool:
    """Place labels only yield to a person when the word is mostly a person's name corpus-wide.

    With ``named_here`` (the same article names a person with this word) a tie goes to the person.
    """
    if span.label not in PLACE_LABELS:
        return True
    counts = votes.get(span.key, Counter())
    person = counts[PERSON] + people.token_person_votes[span.key]
    places = sum(counts[label] for label in PLACE_LABELS)
    return person >= places if named_here else person > places


def assign_targets(
    spans: Sequence[NameSpan], people: PeopleIndex, votes: dict[str, Counter[str]], fixed: dict[str, str]
) -> list[str | None]:
    """Cluster target per span (None drops an unresolved scanned name).

    ``fixed`` maps surface keys to hard-wired non-person clusters ("us" -> "united states").
    """
    targets: list[str | None] = [None] * len(spans)
    may_be_person: dict[tuple[str, str, bool], bool] = {}  # depends on key, label and named_here only
    for i, span in enumerate(spans):
        if span.key in fixed:
            targets[i] = "N:" + fixed[span.key]
        elif span.key in people.roots:
            targets[i] = "P:" + people.roots[span.key]
        elif span.single_token:
            named_here = span.key in people.local.get(span.article_id, {})
            memo_key = (span.key, span.label, named_here)
            if memo_key not in may_be_person:
                may_be_person[memo_key] = _may_be_person(span, people, votes, named_here=named_here)
            if may_be_person[memo_key]:
                root = people.resolve_local(span.article_id, span.key, span.start)
                targets[i] = "P:" + root if root else None
    repaired: dict[str, Counter[str]] = defaultdict(Counter)
    for span, target in zip(spans, targets):
        if span.origin == "ner":
            repaired[span.key][PERSON if target and target.startswith("P:") else span.label] += 1
    global_targets: dict[tuple[str, str, bool, str], str | None] = {}  # a pure function of these four
    for i, span in enumerate(spans):
        if targets[i] is None:
            memo = (span.key, span.label, span.single_token, span.origin)
            if memo not in global_targets:
                global_targets[memo] = _global_target(span, people, votes, repaired[span.key])
            targets[i] = global_targets[memo]
    return targets


def _global_target(
    span: NameSpan, people: PeopleIndex, votes: dict[str, Counter[str]], repaired: Counter[str]
) -> str | None:
    """Target of a span its own article could not settle: a unique person, or its majority label."""
    known_surname = span.key in people.by_token
    label = vote_winner(repaired, span.label, known_surname)
    if span.single_token and _may_be_person(span, people, votes):
        root = people.resolve_global(span.key)
        if root and (span.label == PERSON or label == PERSON):
            return "P:" + root
    if span.origin == "scan":
        return None
    return ("P:" if label == PERSON else "N:") + span.key
