"""Cross-article entity canonicalisation: one :class:`Entity` per real-world person, place, body.

``canonicalize_entities`` turns spaCy's per-article mentions into canonical
entities ("U.S. Vice President Mike Pence", "Pence" and a mislabelled ORG
"Pence" become one PERSON "Mike Pence"), and :class:`EntityIndex` answers
"which entity is this span / this name in that article?".
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from storyline.extract.entities_digest import (
    NO_FACTS,
    ArticleNames,
    SpanFacts,
    article_names,
    dates_roles,
    span_facts,
)
from storyline.extract.entities_people import (
    PERSON,
    assign_targets,
    build_people,
    edge_word_keys,
    label_votes,
    vote_winner,
)
from storyline.extract.entities_roles import DatedRole, RoleDater, roles_of
from storyline.extract.entities_scan import NameScans, scan_articles
from storyline.extract.entities_spans import NameSpan, split_compounds, unique_articles
from storyline.extract.entities_text import (
    acronym_fit,
    acronym_letters,
    initials,
    is_acronym,
    name_key,
    name_tokens,
    split_role_query,
    words_subsequence,
)
from storyline.models import AnalyzedArticle, Citation, Completer, Entity

# Hard-wired aliases: key -> (canonical name, type).
_FIXED_NAMES: dict[str, tuple[str, str]] = {
    "united states": ("United States", "GPE"),
    "united kingdom": ("United Kingdom", "GPE"),
    "united nations": ("United Nations", "ORG"),
    "european union": ("European Union", "ORG"),
}
_FIXED_ALIASES: dict[str, str] = {
    "us": "united states", "usa": "united states", "united states of america": "united states",
    "america": "united states", "uk": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "un": "united nations", "eu": "european union",
    **{key: key for key in _FIXED_NAMES},
}
_LAW_WORDS = frozenset({"partnership", "agreement", "treaty", "accord", "act", "pact", "convention", "protocol"})
_ORG_WORDS = frozenset({
    "cooperation", "association", "organization", "organisation", "department", "ministry", "council",
    "commission", "bank", "fund", "union", "party", "center", "centre", "institute", "agency", "forum",
    "committee", "corporation", "company", "group", "university", "office", "studies",
})
_HINT_OVERRIDABLE = frozenset({"GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"})


@dataclass(frozen=True)
class EntityIndex:
    """Canonical entities plus lookup tables for spans and names (tables are private)."""

    entities: tuple[Entity, ...]
    _spans: dict[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict, compare=False, repr=False)
    _article_names: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, compare=False, repr=False)
    _global_names: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _article_words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, compare=False, repr=False)
    _global_words: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _article_roles: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, compare=False, repr=False)
    _global_roles: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _by_id: dict[str, Entity] = field(default_factory=dict, compare=False, repr=False)
    _span_starts: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    _longest_span: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    name_scans: NameScans | None = field(default=None, compare=False, repr=False)

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, if any."""
        return self._by_id.get(entity_id)

    def resolve_span(self, article_id: str, start: int, end: int) -> Entity | None:
        """The entity whose mention overlaps ``[start, end)`` most in that article (a point if empty)."""
        best: tuple[int, int, int] | None = None
        chosen: str | None = None
        spans = self._spans.get(article_id, ())
        starts = self._span_starts.get(article_id, ())
        first = bisect_right(starts, start - self._longest_span.get(article_id, 0))
        for m_start, m_end, entity_id in spans[first:bisect_right(starts, end)]:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap <= 0 and not (start == end and m_start <= start < m_end):
                continue
            rank = (overlap, -(m_end - m_start), -m_start)
            if best is None or rank > best:
                best, chosen = rank, entity_id
        return self._by_id[chosen] if chosen else None

    def resolve_name(self, article_id: str, name: str) -> Entity | None:
        """The entity a surface name means in that article ("Pence", "Mr Abe", "the prime minister").

        Tries, in order: that surface in the article, a first/last word of a full
        name in the article, then the same across all articles when unambiguous,
        then a role title ("the prime minister") held by one entity.
        """
        surface, titles, role_only = split_role_query(name)
        if role_only:
            by_role = self._resolve_role(article_id, titles)
            if by_role is not None:
                return by_role
        for candidate in dict.fromkeys((surface, name.strip())):
            found = self._resolve_surface(article_id, candidate)
            if found is not None:
                return found
        return None

    def _resolve_surface(self, article_id: str, surface: str) -> Entity | None:
        """Name lookup proper: article surface, article words, global surface, global words."""
        key = name_key(surface)
        if not key:
            return None
        article_names = self._article_names.get(article_id, {})
        if key in article_names:
            return self._by_id[article_names[key][0]]
        found = self._resolve_words(self._article_words.get(article_id, {}), surface)
        found = found or _only(self._global_names.get(key, ()))
        found = found or self._resolve_words(self._global_words, surface)
        return self._by_id[found] if found else None

    def _resolve_words(self, words: dict[str, tuple[str, ...]], surface: str) -> str | None:
        """One-word names by first/last word; longer names by matching first and last words."""
        tokens = [name_key(t) for t in name_tokens(surface)]
        if len(tokens) == 1:
            return _only(words.get(tokens[0], ()))
        first = set(words.get(tokens[0], ()))
        return _only(tuple(e for e in words.get(tokens[-1], ()) if e in first))

    def _resolve_role(self, article_id: str, titles: tuple[str, ...]) -> Entity | None:
        """The one entity holding this title in the article, else across articles."""
        if not titles:
            return None
        role = titles[-1].casefold()
        found = _only(self._article_roles.get(article_id, {}).get(role, ()))
        found = found or _only(self._global_roles.get(role, ()))
        return self._by_id[found] if found else None


def _only(ids: tuple[str, ...]) -> str | None:
    """The single id in a tuple, else None (ambiguous or empty)."""
    return ids[0] if len(ids) == 1 else None


def entity_id(entity_type: str, name: str) -> str:
    """Stable id: ``"e-" + sha1(type|name)[:12]``."""
    return "e-" + hashlib.sha1(f"{entity_type}|{name}".encode()).hexdigest()[:12]


def canonicalize_entities(
    analyzed: Sequence[AnalyzedArticle], digests: Mapping[str, ArticleNames] | None = None,
    scans: NameScans | None = None,
    complete: Completer | None = None,
) -> EntityIndex:
    """Merge spaCy mentions across articles into canonical entities (pure; input order does not matter).

    ``digests`` (article id -> :func:`article_names`, e.g. kept by the store) saves recomputing
    an article's digest; those missing are computed here. ``scans`` (the last build's
    :class:`NameScans`) saves rescanning articles the changed names cannot touch. The entities
    are the same either way; the index carries this build's scans in ``name_scans``. ``complete``
    says the articles are lean (texts, quotes and claims) and reads in full the few whose
    compound-name parts need their sentences; every digest must then be given.
    """
    articles = unique_articles(analyzed)
    names = [(digests or {}).get(item.article.id) or article_names(item) for item in articles]
    spans = list(split_compounds([span for found in names for span in found.spans], frozenset(_FIXED_ALIASES)))
    votes = label_votes(spans)
    people = build_people(spans, votes)
    targets = assign_targets(spans, people, votes, _FIXED_ALIASES)
    occupied = {found.article_id: found.occupied for found in names}
    scanned = _scan_for_people(articles, spans, targets, occupied, scans, complete)
    if found := scanned.spans():
        spans = sorted(spans + found, key=lambda s: (s.article_id, s.start, s.end))
        people = build_people(spans, votes)
        targets = assign_targets(spans, people, votes, _FIXED_ALIASES)
    facts = _FactsLookup(
        articles, names, [span for span in spans if span.origin == "part"], scanned.facts(), complete
    )
    spans = [_with_stated_titles(span, facts.of(span.article_id, span.start, span.end)) for span in spans]
    groups = _group_spans(spans, targets, facts)
    entities = _with_roles(_make_entities(groups, votes), facts)
    return replace(_build_index(entities, groups), name_scans=scanned)


class _FactsLookup:
    """Span facts: from the digests for the spans spaCy found, from the scan for the names it
    found, from the text for the others (parts of compound names)."""

    def __init__(
        self, articles: Sequence[AnalyzedArticle], names: Sequence[ArticleNames], others: Sequence[NameSpan],
        scanned: dict[tuple[str, int, int], SpanFacts],
        complete: Completer | None = None,
    ) -> None:
        self._facts = {found.article_id: found.facts for found in names}
        regions: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for span in others:
            regions[span.article_id].append((span.start, span.end))
        by_id = {item.article.id: item for item in articles if item.article.id in regions}
        if complete is not None:  # lean articles: read in full those whose roles need dating
            dated = [item for aid, item in by_id.items() if dates_roles(item, regions[aid])]
            by_id |= {item.article.id: item for item in complete(dated)} if dated else {}
        dater = RoleDater(by_id[article_id] for article_id in regions)
        self._computed = scanned | {
            (span.article_id, span.start, span.end): span_facts(by_id[span.article_id], dater, span.start, span.end)
            for span in others
        }

    def of(self, article_id: str, start: int, end: int) -> SpanFacts:
        """The facts of the span ``[start, end)`` of an article."""
        found = self._facts.get(article_id, {}).get((start, end))
        return found or self._computed.get((article_id, start, end), NO_FACTS)

    def roles_at(self, mention: Citation) -> tuple[DatedRole, ...]:
        """The dated roles stated next to one mention."""
        return self.of(mention.article_id, mention.start, mention.end).roles


def _with_stated_titles(span: NameSpan, facts: SpanFacts) -> NameSpan:
    """Add lowercase and appositive roles ("trade minister", "a presidential official") to a span's titles."""
    extra = tuple(t for t in facts.lowercase_titles if t not in span.titles)
    return replace(span, titles=span.titles + extra) if extra else span


def _with_roles(entities: dict[str, Entity], facts: _FactsLookup) -> dict[str, Entity]:
    """Attach dated roles to every person entity (entities shared by several roots stay shared)."""
    updated: dict[str, Entity] = {}
    for entity in entities.values():
        if entity.id not in updated:
            roles = roles_of(entity.mentions, facts.roles_at) if entity.type == PERSON else ()
            updated[entity.id] = replace(entity, roles=roles) if roles else entity
    return {root: updated[entity.id] for root, entity in entities.items()}


def _scan_for_people(
    articles: Sequence[AnalyzedArticle],
    spans: Sequence[NameSpan],
    targets: Sequence[str | None],
    occupied: dict[str, tuple[tuple[int, int], ...]],
    previous: NameScans | None,
    complete: Completer | None = None,
) -> NameScans:
    """Person names spaCy missed: full names, their surnames and the short forms seen elsewhere."""
    names: set[str] = set()
    for span, target in zip(spans, targets):
        if not target or not target.startswith("P:") or (target == "P:" + span.key and span.single_token):
            continue
        names.add(span.surface)
        words = name_tokens(span.surface)
        if len(words) > 1 and len(words[-1]) >= 3:
            names.add(words[-1])
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for span in spans:
        taken[span.article_id].append((span.start, span.end))
    return scan_articles(articles, names, lambda aid: [*occupied.get(aid, ()), *taken[aid]], previous, complete)


def _group_spans(
    spans: Sequence[NameSpan], targets: Sequence[str | None], facts: _FactsLookup
) -> dict[str, list[NameSpan]]:
    """Spans grouped by final cluster; non-person clusters merged through acronyms."""
    non_person = sorted({t[2:] for t in targets if t and t.startswith("N:")})
    parent = {key: key for key in non_person}
    _link_acronyms(spans, targets, facts, parent)
    groups: dict[str, list[NameSpan]] = defaultdict(list)
    for span, target in zip(spans, targets):
        if target is None:
            continue
        root = target if target.startswith("P:") else "N:" + _find(parent, target[2:])
        groups[root].append(span)
    return groups


def _find(parent: dict[str, str], key: str) -> str:
    """Union-find root, with path halving."""
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key


def _union(parent: dict[str, str], a: str, b: str) -> None:
    """Join two keys; the alphabetically smaller root wins so the result is order-free."""
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)


def _link_acronyms(
    spans: Sequence[NameSpan], targets: Sequence[str | None], facts: _FactsLookup, parent: dict[str, str]
) -> None:
    """Join acronyms to expansions: "Nations (ASEAN)" definitions first, then matching initials."""
    surfaces: dict[str, set[str]] = defaultdict(set)
    defined: set[str] = set()
    for span, target in zip(spans, targets):
        if not target or not target.startswith("N:"):
            continue
        surfaces[target[2:]].add(span.surface)
        acronym = facts.of(span.article_id, span.start, span.end).acronym_after
        if acronym and len(name_tokens(span.surface)) > 1 and name_key(acronym) in parent:
            _union(parent, target[2:], name_key(acronym))
            defined.add(name_key(acronym))
    acronyms = sorted(k for k, forms in surfaces.items() if all(is_acronym(f) for f in forms) and k not in defined)
    expansions = {k: initials(min(forms)) for k, forms in surfaces.items()
                  if len(k.split()) > 1 and not any(is_acronym(f) for f in forms)}
    by_initials = _initials_index(expansions)
    for acronym in acronyms:
        form = min(surfaces[acronym])
        fits = {k: acronym_fit(form, expansions[k]) for k in sorted(by_initials.get(acronym_letters(form), ()))}
        exact = [k for k, fit in fits.items() if fit == "exact"]
        candidates = sorted(k for k, fit in fits.items() if fit)
        if len(exact) > 1 or not candidates or not _compatible(candidates):
            continue
        for expansion in candidates:
            _union(parent, acronym, expansion)


def _initials_index(expansions: dict[str, str]) -> dict[str, set[str]]:
    """Expansion keys by their initials, and by their initials less any one letter.

    Every expansion ``acronym_fit`` accepts for an acronym ("exact", or "loose": one extra
    initial) is filed under that acronym's letters, so an acronym is compared only with those.
    """
    index: dict[str, set[str]] = defaultdict(set)
    for key, letters in expansions.items():
        index[letters].add(key)
        for i in range(len(letters)):
            index[letters[:i] + letters[i + 1:]].add(key)
    return index


def _compatible(keys: Sequence[str]) -> bool:
    """Whether every pair of expansions is one name with words added ("Trans-Pacific (Trade) Partnership")."""
    return all(
        words_subsequence(a, b) or words_subsequence(b, a) for i, a in enumerate(keys) for b in keys[i + 1:]
    )


def _make_entities(groups: dict[str, list[NameSpan]], votes: dict[str, Counter[str]]) -> dict[str, Entity]:
    """One Entity per cluster root; clusters that end up with the same type and name are merged."""
    by_identity: dict[tuple[str, str], list[str]] = defaultdict(list)
    for root in sorted(groups):
        by_identity[_type_and_name(root, groups[root], votes)].append(root)
    entities: dict[str, Entity] = {}
    for (entity_type, name), roots in sorted(by_identity.items()):
        spans = [span for root in roots for span in groups[root]]
        entity = _entity_from(entity_type, name, spans)
        for root in roots:
            entities[root] = entity
    return entities


def _type_and_name(root: str, spans: Sequence[NameSpan], votes: dict[str, Counter[str]]) -> tuple[str, str]:
    """Type and canonical name of one cluster."""
    if root.startswith("N:") and root[2:] in _FIXED_NAMES:
        name, fixed_type = _FIXED_NAMES[root[2:]]
        return fixed_type, name
    name = _canonical_name(Counter(span.surface for span in spans))
    if root.startswith("P:"):
        return PERSON, name
    full = [s for s in spans if not is_acronym(s.surface)] or list(spans)
    labels: Counter[str] = Counter(s.label for s in full if s.origin == "ner" and s.label != PERSON)
    entity_type = vote_winner(labels, full[0].label if full[0].label != PERSON else "ORG")
    head = name.split()[-1].casefold() if name.split() else ""
    if entity_type in _HINT_OVERRIDABLE | {"ORG"} and head in _LAW_WORDS and len(name.split()) > 1:
        return "LAW", name
    if entity_type in _HINT_OVERRIDABLE and head in _ORG_WORDS and len(name.split()) > 1:
        return "ORG", name
    return entity_type, name


def _canonical_name(forms: Counter[str]) -> str:
    """Most frequent multi-word, non-acronym form (then longer, then mixed case); else best short form."""
    candidates = [f for f in forms if len(f.split()) > 1 and not is_acronym(f)]
    candidates = candidates or [f for f in forms if not is_acronym(f)] or list(forms)
    return min(candidates, key=lambda f: (f.isupper(), -forms[f], -len(f.split()), -len(f), f))


def _entity_from(entity_type: str, name: str, spans: Sequence[NameSpan]) -> Entity:
    """Assemble the frozen Entity record from its spans."""
    titles = Counter(title for span in spans for title in span.titles)
    return Entity(
        id=entity_id(entity_type, name),
        name=name,
        type=entity_type,
        aliases=tuple(sorted({span.surface for span in spans})),
        article_ids=tuple(sorted({span.article_id for span in spans})),
        mentions=tuple(Citation(*place) for place in sorted({(s.article_id, s.start, s.end) for s in spans})),
        titles=tuple(sorted(titles, key=lambda t: (-titles[t], t))),
    )


def _ranked(counter: Counter[str]) -> tuple[str, ...]:
    """Ids by descending count, then id."""
    return tuple(sorted(counter, key=lambda k: (-counter[k], k)))


def _build_index(entities: dict[str, Entity], groups: dict[str, list[NameSpan]]) -> EntityIndex:
    """Lookup tables from each entity's spans."""
    spans_by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    article_names: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    article_words: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    article_roles: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for root, spans in groups.items():
        entity = entities[root]
        for span in spans:
            aid = span.article_id
            spans_by_article[aid].append((span.start, span.end, entity.id))
            article_names[aid][span.key][entity.id] += 1
            for title in span.titles:
                article_roles[aid][title.removeprefix("former ").casefold()][entity.id] += 1
            if entity.type == PERSON and len(name_tokens(span.surface)) > 1:
                for word in edge_word_keys(span.surface):
                    article_words[aid][word][entity.id] += 1
    unique = {e.id: e for e in entities.values()}
    return EntityIndex(
        entities=tuple(sorted(unique.values(), key=lambda e: (-len(e.mentions), e.name, e.id))),
        _spans={a: tuple(sorted(v)) for a, v in spans_by_article.items()},
        _span_starts={a: sorted(start for start, _, _ in v) for a, v in spans_by_article.items()},
        _longest_span={a: max(end - start for start, end, _ in v) for a, v in spans_by_article.items()},
        _article_names=_rank_nested(article_names),
        _global_names=_rank_flat(article_names),
        _article_words=_rank_nested(article_words),
        _global_words=_rank_flat(article_words),
        _article_roles=_rank_nested(article_roles),
        _global_roles=_rank_flat(article_roles),
        _by_id=unique,
    )


def _rank_nested(table: dict[str, dict[str, Counter[str]]]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per-article tables with ranked ids."""
    return {aid: {key: _ranked(ids) for key, ids in inner.items()} for aid, inner in table.items()}


def _rank_flat(table: dict[str, dict[str, Counter[str]]]) -> dict[str, tuple[str, ...]]:
    """Per-article tables summed across articles, with ranked ids."""
    total: dict[str, Counter[str]] = defaultdict(Counter)
    for inner in table.values():
        for key, ids in inner.items():
            total[key].update(ids)
    return {key: _ranked(ids) for key, ids in total.items()}

