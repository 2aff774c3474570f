"""Who in an article is a person: the words of people's names, and the gender of each surname.

Read once per article by :class:`storyline.extract.quotes_speakers.SpeakerResolver`; spaCy's
labels are a start, corrected by what the text says around a name (an honorific, a role, an age,
"a Cambodian official" set off after it, a known first name).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.extract.quotes_cues import CUE_LEMMAS
from storyline.extract.quotes_name_tokens import (
    after_role_title,
    has_person_apposition,
    name_token_range,
)
from storyline.extract.quotes_names import first_name_gender
from storyline.extract.quotes_words import HONORIFICS, SUBJECT_DEPS, TITLE_WORDS
from storyline.nlp import doc_entities


def is_first_named_speaker(token: Token) -> bool:
    """ "Nicola Sturgeon said ...": the surname of a known first name and a surname, subject of a
    speech cue, names a person, whatever spaCy labelled it (ORG here)."""
    if token.pos_ != "PROPN" or token.dep_ not in SUBJECT_DEPS or token.head.lemma_.lower() not in CUE_LEMMAS:
        return False
    name = [left for left in token.lefts if left.dep_ == "compound" and left.pos_ == "PROPN"]
    if len(name) != 1 or name[0].i != token.i - 1 or token.ent_type_ in {"GPE", "LOC", "NORP"}:
        return False
    return first_name_gender(name[0].text) is not None and name[0].i == token.left_edge.i


def person_words(doc: Doc) -> set[str]:
    """The words of every name that stands for a person in ``doc``: PERSON entities, names after
    an honorific or a role ("governor Heydar Alishbandi"), with an age or a described person set off
    after them, or a first name and surname speaking, whatever spaCy labelled them."""
    words: set[str] = set()
    for ent in doc_entities(doc):
        if ent.label_ == "PERSON":
            words.update(t.text for t in ent if t.pos_ == "PROPN" and t.text.lower() not in TITLE_WORDS)
    for token in doc[1:]:
        if token.doc[token.i - 1].text.lower() in HONORIFICS and token.pos_ == "PROPN":
            words.add(token.text)
        elif token.dep_ == "appos" and token.text.isdigit() and 0 < int(token.text) < 120:
            if token.head.pos_ == "PROPN" and doc[token.i - 1].text == ",":
                words.add(token.head.text)  # "Jean-Marc Routiers, 26, was": an age names a person
        elif after_role_title(token) or is_first_named_speaker(token):
            words.add(token.text)  # "island governor Heydar Alishbandi", whatever spaCy labelled it
        elif token.pos_ == "PROPN" and has_person_apposition(token):
            first, last = name_token_range(token)  # "Bun Tuon Simona, a Cambodian official, said"
            words.update(t.text for t in doc[first : last + 1] if t.pos_ == "PROPN")
    return words


def surname_genders(doc: Doc) -> dict[str, str]:
    """Surname -> gender from first names and honorifics; a surname shared by a man and a
    woman keeps the gender of its first full name (the article's "Hillary Clinton" before a
    later "Bill Clinton")."""
    genders: dict[str, str] = {}
    names = [
        [t for t in ent if t.pos_ == "PROPN" and t.text.lower() not in TITLE_WORDS] for ent in doc_entities(doc)
    ]
    surnames = {words[-1].text for words in names if len(words) > 1}
    for words in names:
        if not words or (len(words) == 1 and words[0].text in surnames):
            continue  # a lone "Omar" after "Ilhan Omar" is her surname, not the man's first name
        hint = first_name_gender(words[0].text)
        if hint is not None:
            genders.setdefault(words[-1].text, hint)
    for token in doc[1:]:
        honorific = HONORIFICS.get(token.doc[token.i - 1].text.lower())
        if honorific and token.pos_ == "PROPN":
            genders[token.text] = honorific
    return genders
