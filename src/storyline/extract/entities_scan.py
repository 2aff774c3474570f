"""The name scan of entity canonicalisation, remembered between builds.

Entity canonicalisation looks in every article for person names spaCy missed (the full names
and surnames the corpus knows, :func:`scan_missed_names`). That scan reads every text, and the
facts of each name it finds (roles stated next to it) read the text again. What it finds in one
article depends only on that article and on the set of names looked for. So a build keeps, for
each article, what the scan found there with its facts, plus the names it looked for
(:class:`NameScans`). The next build rescans only new articles and those that hold a run of
words that starts a name added to, or dropped from, that set; the others keep their
result, which is the same as a rescan would give. A store keeps the memo beside the derived
results, under :data:`SCAN_MEMO_VERSION`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from sys import intern

from storyline.extract.entities_digest import (
    DIGEST_VERSION,
    NO_FACTS,
    SpanFacts,
    dates_roles,
    roles_from_json,
    roles_to_json,
    span_facts,
)
from storyline.extract.entities_roles import RoleDater
from storyline.extract.entities_spans import (
    NAME_START_RUN,
    WORD_RUN,
    NameScanner,
    NameSpan,
    scan_missed_names,
    usable_names,
)
from storyline.models import COMPLETE_BATCH, AnalyzedArticle, Completer

# Bump SCAN_VERSION when the scan, its filters or span facts change; a memo also depends on the
# name digests (the regions a scan may not overlap), so their version is part of the key.
SCAN_VERSION = 1
SCAN_MEMO_VERSION = f"scan-{SCAN_VERSION}/names-{DIGEST_VERSION}"

Region = tuple[int, int]
ScannedName = tuple[NameSpan, SpanFacts]


@dataclass(frozen=True)
class NameScans:
    """The names a scan looked for and what it found in each article (with each name's facts).
    ``rescanned`` are the articles this build scanned; the others kept an earlier build's result."""

    names: frozenset[str]
    found: Mapping[str, tuple[ScannedName, ...]]
    rescanned: frozenset[str] = field(default=frozenset(), compare=False)

    def spans(self) -> list[NameSpan]:
        """Every name found, in article order."""
        return [span for aid in sorted(self.found) for span, _ in self.found[aid]]

    def facts(self) -> dict[tuple[str, int, int], SpanFacts]:
        """The facts of every name found, by ``(article id, start, end)``."""
        return {(span.article_id, span.start, span.end): facts for kept in self.found.values() for span, facts in kept}


def scan_articles(
    articles: Sequence[AnalyzedArticle],
    names: Iterable[str],
    blocked_of: Callable[[str], Sequence[Region]],
    previous: NameScans | None = None,
    complete: Completer | None = None,
) -> NameScans:
    """Scan ``articles`` for ``names`` outside the regions ``blocked_of(article id)``, reusing
    ``previous`` for every article it scanned where no name it did not share could match.
    ``complete`` reads lean articles (texts only) in full where a role is stated by a name found."""
    usable = usable_names(names)
    scanner = NameScanner(usable)
    changed = _changed_first_words(previous.names ^ usable) if previous is not None else None
    found: dict[str, tuple[ScannedName, ...]] = {}
    rescanned: set[str] = set()
    pending: list[tuple[AnalyzedArticle, list[NameSpan]]] = []
    for item in articles:
        aid = item.article.id
        kept = previous.found.get(aid) if previous is not None else None
        if kept is not None and changed is not None and not _may_hold(item.article.text, changed):
            found[aid] = kept
            continue
        spans = scan_missed_names(item, (), blocked_of(aid), scanner)
        rescanned.add(aid)
        if complete is not None and spans and dates_roles(item, ((s.start, s.end) for s in spans)):
            pending.append((item, spans))  # a lean article: its roles need its sentences and dates
            continue
        dater = RoleDater([item] if complete is None else [])
        found[aid] = tuple((span, span_facts(item, dater, span.start, span.end)) for span in spans)
    for start in range(0, len(pending), COMPLETE_BATCH):
        chunk = pending[start : start + COMPLETE_BATCH]
        items = [item for item, _ in chunk]
        for whole, (_, spans) in zip(complete(items) if complete else items, chunk, strict=True):
            dater = RoleDater([whole])
            found[whole.article.id] = tuple((span, span_facts(whole, dater, span.start, span.end)) for span in spans)
    return NameScans(usable, found, frozenset(rescanned))


def _changed_first_words(changed: frozenset[str]) -> frozenset[str] | None:
    """The first word of each changed name; ``None`` (rescan everything) when one has none."""
    words: set[str] = set()
    for name in changed:
        word = WORD_RUN.match(name)
        if word is None:
            return None
        words.add(word.group(0))
    return frozenset(words)


def _may_hold(text: str, first_words: frozenset[str]) -> bool:
    """Whether a name starting with one of ``first_words`` could occur in ``text``: the scanner
    only tries names at a capitalised word run equal to their first word."""
    return bool(first_words) and not first_words.isdisjoint(NAME_START_RUN.findall(text))


def scans_to_rows(scans: NameScans) -> tuple[str, list[tuple[str, str]]]:
    """The memo's JSON state (version and names) and a JSON row for each rescanned article."""
    state = json.dumps({"version": SCAN_MEMO_VERSION, "names": sorted(scans.names)}, ensure_ascii=False)
    rows = [(aid, _found_to_json(scans.found[aid])) for aid in sorted(scans.rescanned)]
    return state, rows


def scans_from_rows(state: str | None, rows: Iterable[tuple[str, str]]) -> NameScans | None:
    """Inverse of :func:`scans_to_rows` over every stored row; ``None`` for no memo or another version."""
    if state is None:
        return None
    raw = json.loads(state)
    if raw.get("version") != SCAN_MEMO_VERSION:
        return None
    found = {aid: _found_from_json(aid, data) for aid, data in rows}
    return NameScans(frozenset(map(intern, raw["names"])), found)


def _found_to_json(found: tuple[ScannedName, ...]) -> str:
    return json.dumps(
        [[span.start, span.end, span.surface, span.key, facts.acronym_after,
          roles_to_json(facts.roles)] for span, facts in found],
        ensure_ascii=False, separators=(",", ":"),
    )


def _found_from_json(article_id: str, data: str) -> tuple[ScannedName, ...]:
    found: list[ScannedName] = []
    for start, end, surface, key, acronym, roles in json.loads(data):
        span = NameSpan(article_id, start, end, intern(surface), intern(key), "PERSON", (), "scan")
        dated = roles_from_json(roles)
        facts = SpanFacts(dated, acronym and intern(acronym)) if dated or acronym else NO_FACTS
        found.append((span, facts))
    return tuple(found)
