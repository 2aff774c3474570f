"""Extractive summary (LexRank centrality + MMR) and a story title.

Candidate sentences are 8-50 words long, not photo captions (repeated text or
no verb: ``Sentence.has_verb``, tagged when the article was parsed, so no stage
here runs spaCy again), and not direct-quote-only (fewer than five words outside
quotation marks). Large stories keep their :data:`MAX_LEXRANK_SENTENCES`
candidates closest to the story's TF-IDF centroid, so the dense LexRank graph
stays bounded whatever the story's size. Centrality is continuous LexRank: power
iteration over the row-normalised cosine graph of TF-IDF sentence vectors with
damping 0.85. A small lead bonus favours each article's opening sentences,
where news writing puts the news. Sentences are then chosen by maximal
marginal relevance (0.7 centrality, 0.3 novelty) and never when their cosine
to a chosen sentence exceeds 0.5. The summary is ordered by publication date
(undated last), then article id, then position.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from storyline.models import AnalyzedArticle, Citation, CitedText, Mention
from storyline.text_similarity import (
    FloatMatrix,
    FloatVector,
    closeness_to_centroid,
    content_terms,
    fit_tfidf,
    sparse_cosine_matrix,
    sparse_tfidf_matrix,
)
from storyline.timeline.events import (
    SentenceSpan,
    article_sentences,
    is_caption,
    word_count,
)

MIN_WORDS = 8
MAX_WORDS = 50
MIN_WORDS_OUTSIDE_QUOTES = 5
DAMPING = 0.85
MMR_LAMBDA = 0.7
DUPLICATE_COSINE = 0.5
LEAD_BONUS = 0.5
MAX_LEXRANK_SENTENCES = 1500

_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|‘[^’]*’(?=\W|$)", re.DOTALL)
_SURNAME_PARTICLES = frozenset({"jr", "sr", "ii", "iii"})
_COUNTRY_ALIASES = {
    "us": "United States",
    "usa": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
}


def words_outside_quotes(text: str) -> int:
    """Words left after removing quoted passages (an unclosed opening quote runs to the end)."""
    return word_count(_QUOTED.sub(" ", text))


def summary_candidates(analyzed: Sequence[AnalyzedArticle]) -> list[SentenceSpan]:
    """Sentences fit for a summary, in (article id, position) order."""
    spans: list[SentenceSpan] = []
    for item in sorted(analyzed, key=lambda entry: entry.article.id):
        for sentence in article_sentences(item):
            words = word_count(sentence.text)
            if not MIN_WORDS <= words <= MAX_WORDS:
                continue
            if words_outside_quotes(sentence.text) < MIN_WORDS_OUTSIDE_QUOTES:
                continue
            if not sentence.has_verb or is_caption(sentence.text, item.article.text):
                continue
            spans.append(sentence)
    return spans


def central_subset(term_lists: Sequence[list[str]], limit: int) -> list[int]:
    """Indexes of the ``limit`` term lists closest to their TF-IDF centroid (all when fewer), in order."""
    if len(term_lists) <= limit:
        return list(range(len(term_lists)))
    closeness = closeness_to_centroid(sparse_tfidf_matrix(fit_tfidf(term_lists), term_lists))
    best = np.argsort(-closeness, kind="stable")[:limit]
    return sorted(int(index) for index in best)


def lexrank(similarity: FloatMatrix, damping: float = DAMPING, iterations: int = 200) -> FloatVector:
    """Continuous LexRank scores (summing to 1) of a symmetric similarity matrix."""
    size = similarity.shape[0]
    if size == 0:
        return np.zeros(0, dtype=np.float64)
    graph = similarity.copy()
    np.fill_diagonal(graph, 0.0)
    row_sums = graph.sum(axis=1)
    transition = np.where(row_sums[:, None] > 0, graph / np.where(row_sums == 0, 1.0, row_sums)[:, None], 1.0 / size)
    scores = np.full(size, 1.0 / size)
    for _ in range(iterations):
        updated = (1.0 - damping) / size + damping * (transition.T @ scores)
        if float(np.abs(updated - scores).sum()) < 1e-10:
            return updated
        scores = updated
    return scores


def _select_mmr(relevance: FloatVector, similarity: FloatMatrix, count: int) -> list[int]:
    """Greedy maximal-marginal-relevance selection of ``count`` indexes."""
    chosen: list[int] = []
    remaining = list(range(len(relevance)))
    while remaining and len(chosen) < count:
        def gain(index: int) -> tuple[float, int]:
            redundancy = max((float(similarity[index, c]) for c in chosen), default=0.0)
            return (MMR_LAMBDA * float(relevance[index]) - (1 - MMR_LAMBDA) * redundancy, -index)

        best = max(remaining, key=gain)
        remaining.remove(best)
        if all(similarity[best, c] <= DUPLICATE_COSINE for c in chosen):
            chosen.append(best)
    return chosen


def select_summary_sentences(analyzed: Sequence[AnalyzedArticle], max_sentences: int = 5) -> list[SentenceSpan]:
    """Up to ``max_sentences`` central, non-redundant sentences, in the order MMR chose them."""
    spans = summary_candidates(analyzed)
    if not spans or max_sentences <= 0:
        return []
    term_lists = [content_terms(span.text) for span in spans]
    kept = central_subset(term_lists, MAX_LEXRANK_SENTENCES)
    spans, term_lists = [spans[i] for i in kept], [term_lists[i] for i in kept]
    similarity = sparse_cosine_matrix(sparse_tfidf_matrix(fit_tfidf(term_lists), term_lists))
    centrality = lexrank(similarity)
    lead = np.array([1.0 + LEAD_BONUS / (1 + span.position) for span in spans])
    relevance = centrality * lead
    relevance = relevance / float(relevance.max()) if float(relevance.max()) > 0 else relevance
    return [spans[index] for index in _select_mmr(relevance, similarity, max_sentences)]


def summarize(analyzed: Sequence[AnalyzedArticle], max_sentences: int = 5) -> tuple[CitedText, ...]:
    """Up to ``max_sentences`` central, non-redundant sentences with their citations, in story order."""
    chosen = select_summary_sentences(analyzed, max_sentences)
    chosen.sort(key=lambda span: (span.published is None, span.published or "", span.article_id, span.start))
    return tuple(CitedText(span.text, (Citation(span.article_id, span.start, span.end),)) for span in chosen)


def _surname(mention: Mention) -> str | None:
    """Last name of a PERSON mention ("Mike Pence's" -> "Pence"), or ``None``."""
    parts = [part for part in re.sub(r"['’]s?$", "", mention.text.strip()).split() if part]
    while parts and parts[-1].strip(".,").lower() in _SURNAME_PARTICLES:
        parts.pop()
    if not parts or not parts[-1][:1].isupper():
        return None
    return parts[-1].strip(".,")


def _place(mention: Mention) -> str:
    """Display name of a GPE mention, folding "U.S."/"America" onto "United States"."""
    name = re.sub(r"^the\s+", "", re.sub(r"['’]s?$", "", mention.text.strip()), flags=re.IGNORECASE)
    return _COUNTRY_ALIASES.get(name.replace(".", "").lower(), name)


def _most_frequent(names: Iterable[str], limit: int) -> list[str]:
    """The ``limit`` most frequent names (ties alphabetical)."""
    counts = Counter(names)
    return [name for name, _ in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]]


def _join_names(names: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def story_title(analyzed: Sequence[AnalyzedArticle]) -> str:
    """The title of the most central titled article; otherwise top surnames and places."""
    ordered = sorted(analyzed, key=lambda item: item.article.id)
    titled = [item for item in ordered if item.article.title and item.article.title.strip()]
    if titled:
        term_lists = [content_terms(item.article.text) for item in ordered]
        scores = closeness_to_centroid(sparse_tfidf_matrix(fit_tfidf(term_lists), term_lists))
        closeness = {item.article.id: round(float(scores[i]), 9) for i, item in enumerate(ordered)}
        best = min(titled, key=lambda item: (-closeness[item.article.id], item.article.id))
        return re.sub(r"\s+", " ", best.article.title or "").strip()
    mentions = [mention for item in ordered for mention in item.mentions]
    people = _most_frequent((s for m in mentions if m.label == "PERSON" if (s := _surname(m))), 3)
    places = _most_frequent((_place(m) for m in mentions if m.label == "GPE"), 2)
    if people and places:
        return f"{_join_names(people)}: {', '.join(places)}"
    if people or places:
        return _join_names(people) or ", ".join(places)
    return "Untitled story"
