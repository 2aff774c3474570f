"""Page records: pydantic models that the HTML templates render and the ``.json`` twins return as they are.

Builders are pure functions over a :class:`~storyline.web.data.Snapshot`. Every link is built here
from ids (percent-encoded) or checked with :func:`safe_url`, so templates never build URLs from text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal
from urllib.parse import quote as percent_encode

from pydantic import BaseModel

from storyline.models import AnalyzedArticle, Citation, Entity, Story
from storyline.report.html import safe_url
from storyline.report.terminal import (
    claim_value,
    date_span,
    format_date,
    key_people,
    select_quotes,
    speaker_of,
)
from storyline.web.data import Snapshot

MAX_STORY_QUOTES = 30
MAX_KEY_PEOPLE = 12
MAX_QUOTED_BARS = 12
SpanKind = Literal["cited", "quote", "claim", "date", "entity"]


def article_href(article_id: str) -> str:
    """The article page of an article id."""
    return f"/articles/{percent_encode(article_id, safe='')}"


def cite_href(article_id: str, start: int, end: int) -> str:
    """The article page scrolled to a cited span."""
    return f"{article_href(article_id)}#{cite_anchor(start, end)}"


def cite_anchor(start: int, end: int) -> str:
    """The HTML id of the anchor at a cited span on its article page."""
    return f"cite-{int(start)}-{int(end)}"


def entity_href(entity_id: str) -> str:
    """The entity page of an entity id."""
    return f"/entities/{percent_encode(entity_id, safe='')}"


def story_href(story_id: str) -> str:
    """The story page of a story id."""
    return f"/stories/{percent_encode(story_id, safe='')}"


class CitationOut(BaseModel):
    """A cited span and the link that lands on it."""

    article_id: str
    start: int
    end: int
    href: str


class CitedTextOut(BaseModel):
    """A summary sentence with its sources."""

    text: str
    citations: list[CitationOut]


class TimelineEntryOut(BaseModel):
    """A dated timeline event with its sources."""

    date: str
    granularity: str
    when: str
    text: str
    citations: list[CitationOut]


class StorySummary(BaseModel):
    """One row of the stories list."""

    id: str
    title: str
    href: str
    article_count: int
    first_date: str | None
    last_date: str | None
    date_span: str


class StoryList(BaseModel):
    """The stories list page."""

    stories: list[StorySummary]
    article_count: int
    ingest_errors: int


class PersonOut(BaseModel):
    """A key person of a story."""

    id: str
    name: str
    titles: list[str]
    mention_count: int
    href: str


class QuoteOut(BaseModel):
    """A quote with its speaker and source sentence."""

    id: str
    text: str
    kind: str
    speaker: str
    speaker_href: str | None
    date: str | None
    citation: CitationOut


class ClaimOut(BaseModel):
    """A numeric claim with its source."""

    id: str
    text: str
    measure: str
    value: float
    unit: str
    shown: str
    period: str | None
    claimant: str | None
    disputed: bool
    citation: CitationOut


class DisagreementOut(BaseModel):
    """Claims about one measure that disagree."""

    measure: str
    note: str
    claims: list[ClaimOut]


class ArticleRef(BaseModel):
    """A link to an article."""

    id: str
    title: str
    date: str | None
    href: str


class Bar(BaseModel):
    """One bar of a chart."""

    label: str
    count: int
    href: str | None = None


class StoryPage(BaseModel):
    """Everything on a story page."""

    id: str
    title: str
    date_span: str
    summary: list[CitedTextOut]
    timeline: list[TimelineEntryOut]
    people: list[PersonOut]
    quotes: list[QuoteOut]
    figures: list[ClaimOut]
    disagreements: list[DisagreementOut]
    articles: list[ArticleRef]
    articles_per_day: list[Bar]
    undated_articles: int
    quoted: list[Bar]


class SpanOut(BaseModel):
    """A highlighted span of an article's text."""

    kind: SpanKind
    start: int
    end: int
    label: str
    href: str | None


class RemovalOut(BaseModel):
    """Something the cleaner removed from the input, and why."""

    text: str
    reason: str
    line: int


class ArticlePage(BaseModel):
    """An article's cleaned text with every extraction at its offsets."""

    id: str
    title: str
    path: str
    url: str | None
    published: str | None
    granularity: str | None
    date_source: str | None
    text: str
    spans: list[SpanOut]
    removed: list[RemovalOut]
    stories: list[StorySummary]


class MentionOut(BaseModel):
    """One mention of an entity, with a little context."""

    before: str
    text: str
    after: str
    citation: CitationOut


class EntityPage(BaseModel):
    """An entity: names, articles, quotes and mentions."""

    id: str
    name: str
    type: str
    aliases: list[str]
    titles: list[str]
    mention_count: int
    articles: list[ArticleRef]
    quotes: list[QuoteOut]
    mentions: list[MentionOut]


def citation_out(citation: Citation) -> CitationOut:
    """A citation with its link."""
    return CitationOut(
        article_id=citation.article_id, start=citation.start, end=citation.end,
        href=cite_href(citation.article_id, citation.start, citation.end),
    )


def article_title(analyzed: AnalyzedArticle | None) -> str:
    """An article's title, else its file name, else its id."""
    if analyzed is None:
        return "unknown article"
    article = analyzed.article
    return article.title or article.path.replace("\\", "/").rsplit("/", 1)[-1] or article.id


def article_ref(analyzed: AnalyzedArticle) -> ArticleRef:
    """A link to an article with its title and date."""
    a = analyzed.article
    return ArticleRef(
        id=a.id, title=article_title(analyzed), date=a.published.date, href=article_href(a.id)
    )


def story_summary(snapshot: Snapshot, story: Story) -> StorySummary:
    """A stories-list row: title, article count and date span."""
    articles = [snapshot.articles[i] for i in story.article_ids if i in snapshot.articles]
    dates = sorted(a.article.published.date for a in articles if a.article.published.date)
    records = [_published_record(a) for a in articles]
    return StorySummary(
        id=story.id, title=story.title, href=story_href(story.id), article_count=len(story.article_ids),
        first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
        date_span=date_span(records),
    )


def _published_record(analyzed: AnalyzedArticle) -> dict[str, Any]:
    published = analyzed.article.published
    return {"published": {"date": published.date, "granularity": published.granularity}}


def story_list(snapshot: Snapshot, ingest_errors: int = 0) -> StoryList:
    """The stories list, most articles first."""
    rows = [story_summary(snapshot, s) for s in snapshot.derived.stories]
    rows.sort(key=lambda row: (-row.article_count, row.title, row.id))
    return StoryList(stories=rows, article_count=len(snapshot.analyzed), ingest_errors=ingest_errors)


def quote_out(quote: Mapping[str, Any], entities: Mapping[str, Mapping[str, Any]]) -> QuoteOut:
    """A quote record of the export document as a page record."""
    entity_id = quote.get("speaker_entity_id")
    return QuoteOut(
        id=quote["id"], text=quote["text"], kind=quote["kind"], speaker=speaker_of(quote, entities),
        speaker_href=entity_href(entity_id) if isinstance(entity_id, str) and entity_id in entities else None,
        date=quote.get("date"),
        citation=citation_out(Citation(quote["article_id"], quote["start"], quote["end"])),
    )


def claim_out(claim: Mapping[str, Any], disputed: set[str]) -> ClaimOut:
    """A claim record of the export document as a page record."""
    return ClaimOut(
        id=claim["id"], text=claim["text"], measure=claim["measure"], value=claim["value"],
        unit=claim["unit"], shown=claim_value(claim), period=claim.get("period"),
        claimant=claim.get("claimant"), disputed=claim["id"] in disputed,
        citation=citation_out(Citation(claim["article_id"], claim["start"], claim["end"])),
    )


def _entities_by_id(snapshot: Snapshot) -> dict[str, Mapping[str, Any]]:
    return {e["id"]: e for e in snapshot.document["entities"]}


def story_page(snapshot: Snapshot, story: Story) -> StoryPage:
    """The story page: summary, timeline, people, quotes, figures, disagreements, charts."""
    ids = set(story.article_ids)
    document = snapshot.document
    entities = _entities_by_id(snapshot)
    story_quotes = [q for q in document["quotes"] if q["article_id"] in ids]
    chosen = select_quotes(story_quotes, entities, MAX_STORY_QUOTES)
    figures, disagreements = _figures_and_disagreements(document, ids)
    articles = [snapshot.articles[i] for i in story.article_ids if i in snapshot.articles]
    per_day = Counter(a.article.published.date for a in articles if a.article.published.date)
    return StoryPage(
        id=story.id, title=story.title, date_span=story_summary(snapshot, story).date_span,
        summary=[CitedTextOut(text=c.text, citations=[citation_out(x) for x in c.citations]) for c in story.summary],
        timeline=[
            TimelineEntryOut(date=e.date, granularity=e.granularity, when=format_date(e.date, e.granularity),
                             text=e.text, citations=[citation_out(x) for x in e.citations])
            for e in story.timeline
        ],
        people=[_person(p) for p in key_people(document, story.article_ids, MAX_KEY_PEOPLE)],
        quotes=[quote_out(q, entities) for q in chosen],
        figures=figures,
        disagreements=disagreements,
        articles=[article_ref(a) for a in sorted(articles, key=lambda a: a.article.published.date or "~")],
        articles_per_day=[Bar(label=day, count=n) for day, n in sorted(per_day.items())],
        undated_articles=sum(1 for a in articles if not a.article.published.date),
        quoted=_quoted_bars(story_quotes, entities),
    )


def _person(entity: Mapping[str, Any]) -> PersonOut:
    return PersonOut(
        id=entity["id"], name=entity["name"], titles=list(entity.get("titles") or []),
        mention_count=int(entity.get("mention_count") or 0), href=entity_href(entity["id"]),
    )


def _figures_and_disagreements(
    document: Mapping[str, Any], article_ids: set[str]
) -> tuple[list[ClaimOut], list[DisagreementOut]]:
    claims = {c["id"]: c for c in document["claims"] if c["article_id"] in article_ids}
    relevant = [d for d in document["disagreements"] if claims.keys() & set(d["claim_ids"])]
    disputed = {i for d in relevant for i in d["claim_ids"]}
    figures = [claim_out(c, disputed) for c in claims.values()]
    disagreements = [
        DisagreementOut(
            measure=d["measure"], note=d["note"],
            claims=[claim_out(claims[i], disputed) for i in d["claim_ids"] if i in claims],
        )
        for d in relevant
    ]
    return figures, disagreements


def _quoted_bars(quotes: Iterable[Mapping[str, Any]], entities: Mapping[str, Mapping[str, Any]]) -> list[Bar]:
    counts: Counter[tuple[str, str | None]] = Counter()
    for quote in quotes:
        entity_id = quote.get("speaker_entity_id")
        href = entity_href(entity_id) if isinstance(entity_id, str) and entity_id in entities else None
        counts[(speaker_of(quote, entities), href)] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))[:MAX_QUOTED_BARS]
    return [Bar(label=name, count=n, href=href) for (name, href), n in ranked]


def stories_of_article(snapshot: Snapshot, article_id: str) -> list[StorySummary]:
    """The stories an article belongs to."""
    return [story_summary(snapshot, s) for s in snapshot.derived.stories if article_id in s.article_ids]


def article_page(snapshot: Snapshot, analyzed: AnalyzedArticle) -> ArticlePage:
    """The article page: cleaned text, every extraction as a span, and what the cleaner removed."""
    a = analyzed.article
    return ArticlePage(
        id=a.id, title=article_title(analyzed), path=a.path, url=safe_url(a.url),
        published=a.published.date, granularity=a.published.granularity, date_source=a.published.source,
        text=a.text, spans=article_spans(snapshot, analyzed),
        removed=[RemovalOut(text=r.text, reason=r.reason, line=r.line) for r in a.removals],
        stories=stories_of_article(snapshot, a.id),
    )


def article_spans(snapshot: Snapshot, analyzed: AnalyzedArticle) -> list[SpanOut]:
    """Quotes, figures, dates, entity mentions and story citations of one article, by offset."""
    aid = analyzed.article.id
    entities = _entities_by_id(snapshot)
    spans = [_cited_span(aid, label, c) for label, c in _story_citations(snapshot.derived.stories)
             if c.article_id == aid]
    for q in (q for q in snapshot.document["quotes"] if q["article_id"] == aid):
        spans.append(SpanOut(kind="quote", start=q["start"], end=q["end"], label=f"Quote: {speaker_of(q, entities)}",
                             href=None))
    for c in analyzed.claims:
        spans.append(SpanOut(kind="claim", start=c.start, end=c.end, label=f"Figure: {c.measure}", href=None))
    for t in analyzed.timexes:
        spans.append(SpanOut(kind="date", start=t.start, end=t.end, label=f"Date: {t.value or 'unresolved'}",
                             href=None))
    for entity in snapshot.derived.entities:
        spans += [
            SpanOut(kind="entity", start=m.start, end=m.end, label=f"{entity.type}: {entity.name}",
                    href=entity_href(entity.id))
            for m in entity.mentions if m.article_id == aid
        ]
    length = len(analyzed.article.text)
    valid = [s for s in spans if 0 <= s.start < s.end <= length]
    return sorted(valid, key=lambda s: (s.start, -s.end, s.kind))


def _story_citations(stories: Sequence[Story]) -> Iterable[tuple[str, Citation]]:
    for story in stories:
        for cited in story.summary:
            for citation in cited.citations[:1]:
                yield "Summary sentence", citation
        for entry in story.timeline:
            for citation in entry.citations:
                yield f"Timeline: {format_date(entry.date, entry.granularity)}", citation


def _cited_span(article_id: str, label: str, citation: Citation) -> SpanOut:
    return SpanOut(kind="cited", start=citation.start, end=citation.end, label=label,
                   href=cite_href(article_id, citation.start, citation.end))


MENTION_CONTEXT = 60
MAX_ENTITY_MENTIONS = 50


def entity_page(snapshot: Snapshot, entity: Entity) -> EntityPage:
    """The entity page: names, titles, articles, quotes by this entity and mentions in context."""
    entities = _entities_by_id(snapshot)
    record = entities.get(entity.id, {})
    quotes = [q for q in snapshot.document["quotes"] if q.get("speaker_entity_id") == entity.id]
    return EntityPage(
        id=entity.id, name=entity.name, type=entity.type, aliases=list(entity.aliases),
        titles=list(entity.titles), mention_count=int(record.get("mention_count") or len(entity.mentions)),
        articles=[article_ref(snapshot.articles[i]) for i in entity.article_ids if i in snapshot.articles],
        quotes=[quote_out(q, entities) for q in quotes],
        mentions=[_mention(snapshot, m) for m in entity.mentions[:MAX_ENTITY_MENTIONS]
                  if m.article_id in snapshot.articles],
    )


def _mention(snapshot: Snapshot, citation: Citation) -> MentionOut:
    text = snapshot.articles[citation.article_id].article.text
    before = text[max(0, citation.start - MENTION_CONTEXT):citation.start]
    after = text[citation.end:citation.end + MENTION_CONTEXT]
    return MentionOut(
        before=" ".join(before.split()), text=text[citation.start:citation.end],
        after=" ".join(after.split()), citation=citation_out(citation),
    )
