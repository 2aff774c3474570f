"""The straight line: ingest -> dates -> nlp -> extract -> stories -> timeline -> store.

Per-article stages run once per new article (batched through ``nlp.pipe``) and are committed
batch by batch, each article with its digests (:mod:`storyline.digests`: the per-article part
of entity canonicalisation, date bounds and story grouping); cross-article stages are recomputed
over everything stored, from the stored analyses and digests, reusing what the last build kept
(:class:`PreviousResults`): the name scan of articles the new names cannot touch, and every
story whose members did not change, which is neither rebuilt nor rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

from spacy.tokens import Doc

from storyline.dates import extract_timexes, publication_date
from storyline.dates.bounds import Bounds, date_bounds, with_bounds
from storyline.digests import ArticleDigests, StoredDigests, digest_rows, stored_digests
from storyline.extract.claims import extract_claims
from storyline.extract.entities import EntityIndex, canonicalize_entities
from storyline.extract.entities_scan import NameScans, scans_from_rows, scans_to_rows
from storyline.extract.quotes import extract_quotes
from storyline.extract.quotes_speakers import is_description
from storyline.ingest import (
    ReadError,
    article_id_for,
    build_article,
    clean_document,
    read_paths,
)
from storyline.ingest.near_duplicates import (
    SIGNATURE_VERSION,
    NearDuplicateIndex,
    is_current_signature,
    signature_from_text,
    signature_to_text,
    stored_index_of,
    text_signature,
)
from storyline.ingest.readers import ReadOptions
from storyline.models import (
    COMPLETE_BATCH,
    AnalyzedArticle,
    Article,
    Completer,
    Quote,
    RawDocument,
)
from storyline.nlp import mentions_of, parse_articles, sentences_of
from storyline.store import NAME_SCANS_STATE, DerivedResults, SpeakerLink, Store
from storyline.stories import StoryAssignments, group_stories, story_events
from storyline.timeline import build_story
from storyline.timeline.disagreements import find_disagreements

BATCH_SIZE = 16


@dataclass
class BuildReport:
    """What one build did: counts and per-file errors."""

    read: int = 0
    added: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    duplicates: int = 0


ProgressCallback = Callable[[int], None]


def prepare_article(raw: RawDocument) -> Article:
    """Clean one raw document and date it (ingest + publication date)."""
    cleaned = clean_document(raw)
    published = publication_date(cleaned, article_id_for(cleaned.text))
    return build_article(cleaned, published)


def analyze_parsed(article: Article, doc: Doc) -> AnalyzedArticle:
    """Run the per-article extraction stages over one parsed article."""
    timexes = extract_timexes(article, doc)
    return AnalyzedArticle(
        article=article,
        sentences=sentences_of(doc),
        mentions=mentions_of(article.id, doc),
        timexes=timexes,
        quotes=extract_quotes(article, doc),
        claims=extract_claims(article, doc, timexes),
    )


def analyze_articles(articles: Iterable[Article]) -> Iterator[AnalyzedArticle]:
    """Parse articles with spaCy in one ``nlp.pipe`` pass and analyse each."""
    for article, doc in parse_articles(articles):
        yield analyze_parsed(article, doc)


def _batches(items: Iterable[RawDocument | ReadError], size: int) -> Iterator[list[RawDocument | ReadError]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


Analyzer = Callable[[list[Article]], Iterable[AnalyzedArticle]]


class BatchCommitter:
    """The per-batch step both engines share, once a batch's prepared Articles are known: skip
    ids already stored or seen, link near-duplicates (first seen in input order is canonical),
    analyse the rest, store the batch in one transaction, count it and report progress."""

    def __init__(self, store: Store, progress: ProgressCallback | None = None) -> None:
        self.store = store
        self.progress = progress
        self.report = BuildReport()
        self._near_duplicates: NearDuplicateIndex | None = None

    def commit(
        self, items: Sequence[Article | ReadError], analyze: Analyzer = analyze_articles,
        digests: Mapping[str, ArticleDigests] | None = None,
    ) -> None:
        """Store one batch of prepared items (an Article, or a ReadError for an input that could
        not be read or cleaned). ``analyze`` runs the per-article stages over the new canonical
        articles; near-duplicates are stored with their link but without analyses. Each analysed
        article is stored with its digests (:mod:`storyline.digests`), from ``digests`` (by
        article id) or computed here."""
        fresh, errors = self._split(items)
        if fresh and self._near_duplicates is None:
            self._near_duplicates = _canonical_index(self.store)
        index = self._near_duplicates
        links = [link for a in fresh.values() if index is not None and (link := index.link_or_add(a.id, a.text))]
        linked = {link.article_id for link in links}
        parsed = {a.article.id: a for a in analyze([a for a in fresh.values() if a.id not in linked])}
        analyzed = [parsed.get(a.id) or AnalyzedArticle(a, (), (), (), (), ()) for a in fresh.values()]
        signatures = [(i, signature_to_text(index.signature_of(i))) for i in fresh if index and i not in linked]
        rows = [*digest_rows(list(parsed.values()), digests), ("signatures", SIGNATURE_VERSION, signatures)]
        self.store.add_batch(analyzed, errors, links, rows)
        self.report.added += len(analyzed)
        self.report.duplicates += len(links)
        self.report.errors.extend(errors)
        if self.progress:
            self.progress(len(items))

    def _split(self, items: Sequence[Article | ReadError]) -> tuple[dict[str, Article], list[tuple[str, str]]]:
        """New articles by id (in input order) and the batch's errors; counts reads and skips."""
        fresh: dict[str, Article] = {}
        errors: list[tuple[str, str]] = []
        for item in items:
            self.report.read += 1
            if isinstance(item, ReadError):
                errors.append((item.path, item.message))
            elif self.store.has_article(item.id) or item.id in fresh:
                self.report.skipped += 1
            else:
                fresh[item.id] = item
        return fresh, errors


def ingest(
    paths: Sequence[str], store: Store, progress: ProgressCallback | None = None,
    options: ReadOptions | None = None, *, batch_size: int = BATCH_SIZE,
) -> BuildReport:
    """Read, clean and analyse new articles from ``paths``, committing batch by batch.
    Near-duplicates of a canonical article are stored with their link but not analysed."""
    committer = BatchCommitter(store, progress)
    for batch in _batches(read_paths(paths, options=options), batch_size):
        committer.commit([prepare_item(item) for item in batch])
    return committer.report


def prepare_item(item: RawDocument | ReadError) -> Article | ReadError:
    """A read item cleaned and dated, or a ReadError (read errors pass through; a document
    that cannot be cleaned or has no text becomes one)."""
    if isinstance(item, ReadError):
        return item
    article, error = _prepare_safely(item)
    return article if article is not None else ReadError(item.path, error)


def _canonical_index(store: Store) -> NearDuplicateIndex:
    """A near-duplicate index over the stored canonical (not duplicate) articles, from their
    stored signatures; those missing (stores written before signatures were kept, or by a
    datasketch with another permutation scheme) are computed from the text once and kept."""
    linked = store.duplicate_links()
    stored = {
        i: data for i, data in store.load_digests("signatures", SIGNATURE_VERSION)
        if i not in linked and is_current_signature(data)
    }
    missing = {}
    if len(stored) < store.article_count() - len(linked):
        missing = {
            i: text_signature(text) for i, text in store.iter_texts() if i not in linked and i not in stored
        }
        store.save_digests("signatures", SIGNATURE_VERSION, ((i, signature_to_text(m)) for i, m in missing.items()))
    return stored_index_of(
        (i, missing[i] if i in missing else signature_from_text(stored[i]))
        for i in store.article_ids_in_order() if i not in linked
    )


def _prepare_safely(raw: RawDocument) -> tuple[Article | None, str]:
    try:
        article = prepare_article(raw)
    except Exception as error:  # one bad document must not stop the build
        return None, f"could not clean: {type(error).__name__}: {error}"
    if not article.text.strip():
        return None, "no article text found after cleaning"
    return article, ""


@dataclass(frozen=True)
class PreviousResults:
    """What the last build stored, so the next one redoes only what changed: each story's members
    (story id -> sorted article ids), each undated article's date bounds, and the name scan."""

    members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    bounds: Mapping[str, Bounds] = field(default_factory=dict)
    name_scans: NameScans | None = None


def derive(
    analyzed: Sequence[AnalyzedArticle], skip_ids: Collection[str] = frozenset(),
    previous_stories: StoryAssignments | None = None, previous: PreviousResults | None = None,
    digests: StoredDigests | None = None, complete: Completer | None = None,
) -> DerivedResults:
    """Cross-article stages: entities, quote speakers, disagreements, stories. Articles in
    ``skip_ids`` (near-duplicates) are left out so they do not count twice.
    ``previous_stories`` (article id -> story id from the last build) keeps story ids stable;
    a story of ``previous`` whose members and their date bounds are unchanged is not rebuilt: its
    id is in ``kept_stories`` of the result, and the store keeps it as stored (a daily batch
    rebuilds and rewrites only the stories it touches). ``digests`` are per-article digests kept
    from earlier builds (see :mod:`storyline.digests`); they change nothing but the time taken.
    ``complete`` (with every digest given) says the articles are lean (quotes and claims only, as
    ``Store.load_analyzed(lean=True)``) and fills in the rest of those a stage reads in full:
    undated articles, articles where a found name has a role to date, members of rebuilt stories."""
    analyzed = [a for a in analyzed if a.article.id not in skip_ids]
    if complete is not None:
        analyzed = _with_undated_complete(analyzed, complete)
    bounds = date_bounds(analyzed, digests.bounds if digests else None)
    analyzed = [with_bounds(a, bounds.get(a.article.id)) for a in analyzed]
    index = canonicalize_entities(
        analyzed, digests.names if digests else None, previous.name_scans if previous else None, complete
    )
    speakers = tuple(link_speaker(index, q) for a in analyzed for q in a.quotes)
    published = {a.article.id: a.article.published for a in analyzed}
    disagreements = find_disagreements([c for a in analyzed for c in a.claims], published)
    by_id = {a.article.id: a for a in analyzed}
    kept: set[str] = set()
    changed: list[tuple[str, list[AnalyzedArticle]]] = []
    terms = digests.terms if digests else None
    for story_id, article_ids in group_stories(analyzed, previous=previous_stories, terms=terms):
        if _unchanged_story(previous, story_id, article_ids, bounds):
            kept.add(story_id)
        else:
            changed.append((story_id, [by_id[i] for i in article_ids]))
    rebuilt = [
        replace(build_story(story_id, members), events=story_events(story_id, members))
        for story_id, members in _completed_stories(changed, complete)
    ]
    bound_rows = tuple((article_id, low, high) for article_id, (low, high) in sorted(bounds.items()) if low or high)
    scans = scans_to_rows(index.name_scans) if index.name_scans else None
    return DerivedResults(
        index.entities, speakers, disagreements, tuple(rebuilt), bound_rows, frozenset(kept), name_scans=scans
    )


def _completed_stories(
    stories: Sequence[tuple[str, list[AnalyzedArticle]]], complete: Completer | None
) -> Iterator[tuple[str, list[AnalyzedArticle]]]:
    """Each story with its members read in full, a few hundred articles at a time (as given
    when the articles are not lean)."""
    batch: list[tuple[str, list[AnalyzedArticle]]] = []
    size = 0
    for index, story in enumerate(stories):
        batch.append(story)
        size += len(story[1])
        if complete is None or size >= COMPLETE_BATCH or index == len(stories) - 1:
            whole = iter(complete([m for _, members in batch for m in members]) if complete else [])
            for story_id, members in batch:
                yield story_id, [next(whole) for _ in members] if complete else members
            batch, size = [], 0


def _with_undated_complete(analyzed: Sequence[AnalyzedArticle], complete: Completer) -> list[AnalyzedArticle]:
    """Lean articles with the undated ones completed (their date bounds read their sentences)."""
    undated = [item for item in analyzed if item.article.published.date is None]
    completed = {item.article.id: item for item in complete(undated)} if undated else {}
    return [completed.get(item.article.id, item) for item in analyzed]


def _unchanged_story(
    previous: PreviousResults | None, story_id: str, article_ids: Sequence[str], bounds: Mapping[str, Bounds],
) -> bool:
    """Whether the previous build stored this story with exactly these members, each with the same bounds."""
    if previous is None or previous.members.get(story_id) != tuple(sorted(article_ids)):
        return False
    no_bounds: Bounds = (None, None)
    return all(bounds.get(i, no_bounds) == previous.bounds.get(i, no_bounds) for i in article_ids)


def link_speaker(index: EntityIndex, quote: Quote) -> SpeakerLink:
    """Attach a quote's in-article speaker to its canonical entity."""
    entity = None
    if quote.speaker_text and is_description(quote.speaker_text):
        return SpeakerLink(quote.id, None, quote.speaker_text)  # "a ministry spokesperson" is no entity
    if quote.speaker_start is not None and quote.speaker_end is not None:
        entity = index.resolve_span(quote.article_id, quote.speaker_start, quote.speaker_end)
    if entity is None and quote.speaker_text:
        entity = index.resolve_name(quote.article_id, quote.speaker_text)
    if entity is not None:
        return SpeakerLink(quote.id, entity.id, entity.name)
    return SpeakerLink(quote.id, None, quote.speaker_text)


def build(
    paths: Sequence[str], store: Store, progress: ProgressCallback | None = None,
    options: ReadOptions | None = None, *, batch_size: int = BATCH_SIZE,
) -> BuildReport:
    """Ingest new articles, then recompute the cross-article results over the whole store."""
    report = ingest(paths, store, progress, options, batch_size=batch_size)
    derive_stored(store)
    return report


def derive_stored(store: Store) -> None:
    """Recompute the cross-article results over everything stored (always run after ingest,
    so a build killed before this step is completed by the next one)."""
    skip_ids = store.duplicate_links()
    analyzed = [item for item in store.load_analyzed(lean=True) if item.article.id not in skip_ids]
    digests = stored_digests(store, analyzed, lean=True)
    previous = previous_results(store)
    store.replace_derived(
        derive(analyzed, skip_ids, store.load_story_assignments(), previous, digests, store.complete_analyses)
    )


def previous_results(store: Store) -> PreviousResults:
    """The story members, date bounds and name scan the last build stored (not the stories
    themselves: those a build keeps stay in the store untouched)."""
    members: dict[str, list[str]] = {}
    for article_id, story_id in store.load_story_assignments().items():
        members.setdefault(story_id, []).append(article_id)
    return PreviousResults(
        members={story_id: tuple(sorted(ids)) for story_id, ids in members.items()},
        bounds={article_id: (low, high) for article_id, low, high in store.load_bounds()},
        name_scans=scans_from_rows(store.load_state(NAME_SCANS_STATE), store.load_name_scans()),
    )
