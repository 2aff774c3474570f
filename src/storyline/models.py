"""Records that move between pipeline stages.

Every derived fact carries its evidence as an ``article_id`` plus character
offsets ``start``/``end`` into :attr:`Article.text` (the stored cleaned text),
so that ``article.text[start:end]`` is exactly the cited span.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Granularity = Literal["day", "month", "year"]
DateSource = Literal["header", "metadata", "text", "inferred", "filename"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class Citation:
    """A span of an article's cleaned text that supports a derived fact."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as read from disk, before cleaning.

    ``content`` is decoded text; ``kind`` says whether it is plain text or HTML.
    ``title``/``url``/``published`` come from structured metadata (JSONL fields,
    HTML meta) when the input has them.
    """

    path: str
    content: str
    kind: Literal["text", "html"]
    title: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of input the cleaner dropped, and why (shown to users)."""

    text: str
    reason: str
    line: int


@dataclass(frozen=True, slots=True)
class DuplicateLink:
    """A near-duplicate article (syndicated copy, light rewrite) and the canonical article it
    repeats, with their estimated Jaccard similarity over word shingles."""

    article_id: str
    canonical_id: str
    similarity: float


@dataclass(frozen=True, slots=True)
class CleanDocument:
    """Cleaned text of one document plus the metadata found while cleaning.

    ``header`` holds metadata lines lifted out of the text (``date 2018-10-07``
    becomes ``{"date": "2018-10-07"}``).
    """

    path: str
    text: str
    title: str | None
    url: str | None
    metadata_published: str | None
    header: dict[str, str] = field(default_factory=dict)
    removals: tuple[Removal, ...] = ()


@dataclass(frozen=True, slots=True)
class Published:
    """Publication date of an article, as precise as the evidence allows.

    ``date`` is ISO (``2018-11-13``, ``2018-11`` or ``2018``) or ``None`` when
    there is no evidence. ``evidence`` cites in-text evidence (a dated caption).
    ``confidence`` (0-1) says how far the source is trusted. ``earliest``/``latest``
    bound an undated article's date from cross-article evidence (ISO, any precision).
    """

    date: str | None = None
    granularity: Granularity | None = None
    source: DateSource | None = None
    evidence: Citation | None = None
    confidence: float = 0.0
    earliest: str | None = None
    latest: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article; ``id`` is a content hash of ``text``."""

    id: str
    path: str
    title: str | None
    url: str | None
    text: str
    published: Published
    removals: tuple[Removal, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence boundary in an article's text; ``has_verb`` is False for verbless text such as
    captions and headlines (a verb or auxiliary by the tagger, read when the article was parsed)."""

    start: int
    end: int
    has_verb: bool = True


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention as spaCy labelled it."""

    article_id: str
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalised to a TIMEX3-style value.

    ``value`` is ``2018-11-13``, ``2018-09``, ``2017``, ``2018-W11``, a duration
    like ``P10Y`` or ``None`` when it cannot be resolved (no anchor date).
    """

    article_id: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str | None
    granularity: Granularity | None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation with its speaker as written in this article.

    ``start``/``end`` cover the quoted words (without the quotation marks).
    ``speaker_text`` is the name the speaker resolves to inside the article
    (pronouns such as "he" already resolved to the nearest fitting name) with
    its offsets in ``speaker_start``/``speaker_end``; the cross-article
    canonical entity is attached later.
    ``content_start``/``content_end`` cover the whole reported material: the
    clause around a partial quote (``that X was "true."``), else the quote with
    its marks (None when unknown, e.g. rows stored before this field existed).
    """

    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    sentence_start: int
    sentence_end: int
    content_start: int | None = None
    content_end: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric statement: what is counted, its value, period and claimant.

    ``value`` is in base units (69000000000.0 for "$69 billion"); ``unit`` is an
    ISO currency code, ``"percent"`` or ``"count"``. ``start``/``end`` cover the
    number expression; the sentence is ``sentence_start``/``sentence_end``.
    ``measure_key`` is the normalised measure used to group claims ("trade
    balance|JP|US"); ``measure`` is the human wording.
    """

    id: str
    article_id: str
    start: int
    end: int
    text: str
    value: float
    unit: str
    measure: str
    measure_key: str
    period: str | None
    claimant: str | None
    sentence_start: int
    sentence_end: int
    approximate: bool = False
    # How the claimant asserts it ("acknowledge", "maintain"), the stated scope ("goods",
    # "goods and services"), and the top of a range ("10-15%": value 10, upper 15).
    cue: str | None = None
    scope: str | None = None
    upper: float | None = None
    period_text: str | None = None  # a relative period left unresolved ("last year" in an undated article)


@dataclass(frozen=True, slots=True)
class AnalyzedArticle:
    """Everything the per-article stages derived from one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    timexes: tuple[Timex, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]


Completer = Callable[[Sequence[AnalyzedArticle]], list[AnalyzedArticle]]
"""Reads lean articles (quotes and claims only, as ``Store.load_analyzed(lean=True)``) in full, in order."""
COMPLETE_BATCH = 500  # lean articles a stage asks to read in full at a time


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity across articles."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    article_ids: tuple[str, ...]
    mentions: tuple[Citation, ...]
    titles: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class Role:
    """A title or role an article gives an entity, with when it held it (ISO date, may be None)."""

    title: str
    date: str | None
    citation: Citation


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Claims about one measure whose values differ, with an explanation."""

    measure: str
    measure_key: str
    claim_ids: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class CitedText:
    """A sentence (or a few) of text with the spans it comes from."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated event on a story's timeline."""

    date: str
    granularity: Granularity
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """One happening inside a story: the articles that tell it and their publication-date span."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about one unfolding story."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    summary: tuple[CitedText, ...]
    timeline: tuple[TimelineEntry, ...]
    events: tuple[StoryEvent, ...] = ()
