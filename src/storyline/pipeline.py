"""The straight line: ingest -> dates -> nlp -> extract -> stories -> timeline -> store.

Per-article stages run once per new article (batched through ``nlp.pipe``) and are committed
batch by batch; cross-article stages are recomputed over everything stored.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

from spacy.tokens import Doc

from storyline.dates import extract_timexes, publication_date
from storyline.dates.bounds import date_bounds, with_bounds
from storyline.extract.claims import extract_claims
from storyline.extract.entities import EntityIndex, canonicalize_entities
from storyline.extract.quotes import extract_quotes
from storyline.extract.quotes_speakers import is_description
from storyline.ingest import ReadError, article_id_for, build_article, clean_document, read_paths
from storyline.ingest.near_duplicates import NearDuplicateIndex, index_of
from storyline.ingest.readers import ReadOptions
from storyline.models import AnalyzedArticle, Article, Quote, RawDocument
from storyline.nlp import mentions_of, parse_articles, sentences_of
from storyline.stories import StoryAssignments, group_stories, story_events
from storyline.store import DerivedResults, SpeakerLink, Store
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


def ingest(
    paths: Sequence[str], store: Store, progress: ProgressCallback | None = None,
    options: ReadOptions | None = None,
) -> BuildReport:
    """Read, clean and analyse new articles from ``paths``, committing batch by batch.
    Near-duplicates of a canonical article are stored with their link but not analysed."""
    report = BuildReport()
    near_duplicates: NearDuplicateIndex | None = None
    for batch in _batches(read_paths(paths, options=options), BATCH_SIZE):
        fresh: dict[str, Article] = {}
        errors: list[tuple[str, str]] = []
        for item in batch:
            report.read += 1
            if isinstance(item, ReadError):
                errors.append((item.path, item.message))
                continue
            article, error = _prepare_safely(item)
            if article is None:
                errors.append((item.path, error))
            elif store.has_article(article.id) or article.id in fresh:
                report.skipped += 1
            else:
                fresh[article.id] = article
        if fresh and near_duplicates is None:
            near_duplicates = _canonical_index(store)
        links = [
            link for a in fresh.values()
            if near_duplicates is not None and (link := near_duplicates.link_or_add(a.id, a.text))
        ]
        linked = {link.article_id for link in links}
        parsed = {a.article.id: a for a in analyze_articles(a for a in fresh.values() if a.id not in linked)}
        analyzed = [parsed.get(a.id) or AnalyzedArticle(a, (), (), (), (), ()) for a in fresh.values()]
        store.add_batch(analyzed, errors, links)
        report.added += len(analyzed)
        report.duplicates += len(links)
        report.errors.extend(errors)
        if progress:
            progress(len(batch))
    return report


def _canonical_index(store: Store) -> NearDuplicateIndex:
    """A near-duplicate index over the stored canonical (not duplicate) articles."""
    linked = store.duplicate_links()
    return index_of((a.id, a.text) for a in store.load_articles() if a.id not in linked)


def _prepare_safely(raw: RawDocument) -> tuple[Article | None, str]:
    try:
        article = prepare_article(raw)
    except Exception as error:  # one bad document must not stop the build
        return None, f"could not clean: {type(error).__name__}: {error}"
    if not article.text.strip():
        return None, "no article text found after cleaning"
    return article, ""


def derive(
    analyzed: Sequence[AnalyzedArticle], skip_ids: Collection[str] = frozenset(),
    previous_stories: StoryAssignments | None = None,
) -> DerivedResults:
    """Cross-article stages: entities, quote speakers, disagreements, stories. Articles in
    ``skip_ids`` (near-duplicates) are left out so they do not count twice.
    ``previous_stories`` (article id -> story id from the last build) keeps story ids stable."""
    analyzed = [a for a in analyzed if a.article.id not in skip_ids]
    bounds = date_bounds(analyzed)
    analyzed = [with_bounds(a, bounds.get(a.article.id)) for a in analyzed]
    index = canonicalize_entities(analyzed)
    speakers = tuple(link_speaker(index, q) for a in analyzed for q in a.quotes)
    published = {a.article.id: a.article.published for a in analyzed}
    disagreements = find_disagreements([c for a in analyzed for c in a.claims], published)
    by_id = {a.article.id: a for a in analyzed}
    stories = tuple(
        replace(build_story(story_id, members), events=story_events(story_id, members))
        for story_id, article_ids in group_stories(analyzed, previous=previous_stories)
        for members in [[by_id[i] for i in article_ids]]
    )
    bound_rows = tuple((article_id, low, high) for article_id, (low, high) in sorted(bounds.items()) if low or high)
    return DerivedResults(index.entities, speakers, disagreements, stories, bound_rows)


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
    options: ReadOptions | None = None,
) -> BuildReport:
    """Ingest new articles, then recompute the cross-article results over the whole store."""
    report = ingest(paths, store, progress, options)
    store.replace_derived(derive(store.load_analyzed(), store.duplicate_links(), store.load_story_assignments()))
    return report
