"""Who a pronoun gold Source of a PolNeAR attribution stands for (used by ``polnear_quotes.py``).

PolNeAR has no coreference: its .ann files hold only text-bound spans
(Source/Cue/Content/Attribution/Discard/Discuss) and events (E lines) linking one
attribution's parts, with no entity ids, notes or links between attributions, and
metadata.tsv is per article. Two ways give a pronoun source its referent:

Hand referents (``load_hand_referents``): benchmarks/data/polnear_pronoun_referents.json,
a blind hand annotation (made from article text and gold spans only, without extractor
output or scorer guesses) of the referent span of each pronoun gold Source of a quoted
attribution: ``{"about": ..., "articles": {<article name>: {"complete": true, "referents":
[{"source": [start, end], "referent": [start, end] or null}]}}}``, character offsets into
the article text (null: the referent is not in the text; the scorer then gives the
pronoun no referent, so only a speaker overlapping the pronoun span counts). A pronoun
Source with a hand referent takes it; the others take the heuristic referent.

Heuristic (``heuristic_referent``): a pronoun source stands for the closest preceding
gold Source that can be its antecedent (``pronoun_referent``): "he"/"she"/"I" skip
pronouns, plural heads ("human rights groups", "attorneys for the family"), things
("a Donald Trump tweet", "The party's existing rules") and people of the other sex
(role word such as "widow", honorific, or a listed first name followed by a surname);
other pronouns take the closest non-pronoun source. A relative pronoun ("who", "whom",
"which", "that") instead stands for the noun phrase right before it in the gold text
("Smith, who said": Smith; ``relative_antecedent``), else the rule above. Known to be
wrong when the real referent was never annotated as a Source (it then picks an
earlier, different source).

Either way, the referent of a description ("the Republican nominee") also takes the
person the article names with that role and all its modifiers (``described_name``:
"Republican presidential nominee Donald Trump", "Donald Trump, the Republican
nominee"), and ``referent_words`` gives the words of a referent that name the speaker
(its name, title or apposition; possessors such as "Scott's" in "a scientist in
Scott's district" are dropped).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

PRONOUNS = frozenset(
    {"he", "she", "they", "we", "i", "it", "him", "her", "them", "us", "you", "who", "which", "that", "whom",
     "his", "its", "their", "our", "my"}
)
DETERMINERS = frozenset({"the", "a", "an", "this"})
SINGULAR_PERSONAL = frozenset({"he", "she", "i", "him", "her"})
PRONOUN_GENDERS = {"he": "m", "him": "m", "she": "f", "her": "f"}
HONORIFIC_GENDERS = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f"}
ROLE_GENDERS = {
    "widow": "f", "mother": "f", "wife": "f", "daughter": "f", "woman": "f", "sister": "f",
    "husband": "m", "father": "m", "son": "m", "man": "m", "brother": "m", "widower": "m",
}
POST_MODIFIERS = frozenset({"for", "of", "at", "in", "with", "from", "on"})
PARTY_WORDS = frozenset({"republican", "democrat", "democratic", "libertarian", "gop"})
PLURAL_CAPITALISED = frozenset({"delegates", "officials", "sources", "democrats", "republicans", "critics"})
THING_HEADS = frozenset({
    "tweet", "tweets", "statement", "report", "rules", "study", "poll", "ad", "video", "letter", "survey",
    "memo", "documents", "document", "release", "website", "analysis", "data", "book", "article", "story",
    "standards", "records", "emails", "email", "filing", "lawsuit", "law", "bill", "post", "message", "speech",
})
NAME = r"[A-Z][\w'’-]+(?: (?:de |van |von |al-)?[A-Z][\w'’-]+){0,3}"
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
NP_TOKEN = re.compile(r"[\w’'-]+(?:\.(?:\w+\.)*)?|[^\w\s]")
ABBREVIATION = re.compile(r"[A-Z][a-z]{0,2}\.|(?:\w\.){2,}")
NP_STARTS = DETERMINERS | frozenset({"these", "those", "some", "many", "most", "several", "his", "her", "their", "its"})
NP_STOPS = POST_MODIFIERS | RELATIVE_PRONOUNS | frozenset(
    {"to", "by", "as", "than", "and", "or", "but", "is", "was", "are", "were", "has", "have", "had", "be", "been",
     "will", "would", "said", "says", "told", "about", "including"})
OPENERS = frozenset({"instead", "however", "meanwhile", "still", "now", "then", "also", "but", "and", "so", "yet"})
Span = tuple[int, int]
HandReferents = dict[str, dict[int, Span | None]]


def load_hand_referents(path: Path) -> HandReferents:
    """Hand referents per article name: Source span start -> referent span (None: not in the text)."""
    articles = json.loads(path.read_text(encoding="utf-8"))["articles"]
    return {
        name: {
            int(item["source"][0]): (int(item["referent"][0]), int(item["referent"][1])) if item["referent"] else None
            for item in article["referents"]
        }
        for name, article in articles.items()
    }


def heuristic_referent(text: str, pronoun: str, at: int, sources: Sequence[tuple[int, str]]) -> str | None:
    """The heuristic referent of a pronoun Source at ``at``, given all gold Sources as (start, text).

    A relative pronoun takes the noun phrase right before it (``relative_antecedent``), else (and for
    other pronouns) the closest earlier source that can be its antecedent (``pronoun_referent``).
    """
    antecedent = relative_antecedent(text, at) if pronoun.lower() in RELATIVE_PRONOUNS else None
    return antecedent or pronoun_referent(pronoun, [(start, name) for start, name in sources if start < at], text)


def same_person(hand: str, heuristic: str | None) -> bool:
    """Whether a heuristic referent names the person of a hand referent: the hand referent's last word
    is one of the heuristic referent's ``referent_words``."""
    return last_word(hand) in referent_words(heuristic)


def last_word(name: str | None) -> str | None:
    """The last word of a name, lowercase and without a possessive "'s" (None when there is no word)."""
    words = re.findall(r"[\w’'-]+", name or "")
    return words[-1].lower().removesuffix("’s").removesuffix("'s") if words else None


def possessor_length(source: str) -> int:
    """Length of a leading possessor ("Gary Johnson’s " in "Gary Johnson’s doctor"), else 0.

    Only a possessor that opens the phrase counts: in "A document on the Trump
    campaign's website" the head is "document".
    """
    owner = re.match(r"[^,]*?[’']s\s+(?=[a-z])", source)
    if owner is None or POST_MODIFIERS & set(re.findall(r"\w+", owner.group(0).lower())):
        return 0
    return owner.end()



def pronoun_referent(pronoun: str, earlier_sources: Sequence[tuple[int, str]], text: str) -> str | None:
    """The closest earlier gold Source a pronoun Source can stand for (None when there is none).

    A singular personal pronoun ("he", "she", "I") skips sources that cannot be that
    one person: other pronouns, plural common nouns ("human rights groups"), things
    ("a Donald Trump tweet", "The party's existing rules") and people of the other
    sex by first name or honorific (the person a description names counts). Other
    pronouns take the closest non-pronoun source.
    """
    singular = pronoun.lower() in SINGULAR_PERSONAL
    wanted = PRONOUN_GENDERS.get(pronoun.lower())
    for position, candidate in reversed(earlier_sources):
        if candidate.lower() in PRONOUNS:
            continue
        if singular and not could_be_one_person(candidate):
            continue
        named = f"{candidate} {described_name(text, candidate, position)}"
        if wanted and source_gender(named) not in {None, wanted}:
            continue
        return candidate
    return None


def relative_antecedent(text: str, at: int) -> str | None:
    """The noun phrase right before a relative pronoun at ``at`` ("Bob Roe, who": "Bob Roe"), else None.

    Text rules: skip spaces, a comma and dashes before the pronoun; the phrase is the
    run of at most six words that ends there, stopping after a determiner ("the",
    "a", "some") and before punctuation, a sentence end or a preposition, conjunction
    or common verb (``NP_STOPS``); without a determiner, a phrase ending in a
    capitalised word keeps only its capitalised words ("Cruz endorses Trump": "Trump",
    "former Governor Ann Lee": "Governor Ann Lee"). A phrase after a post-modifier ("Democrats on
    Capitol Hill") takes the phrase before it too; a description after a name and a
    comma ("McConnell, now the Senate majority leader") takes the name too. None when
    no word is found (the pronoun follows a preposition, "most of whom", or opens a sentence).
    """
    stem = re.sub(r"(?:\s|,|—|–|--)+$", "", text[:at])
    tokens = list(NP_TOKEN.finditer(stem))
    words = [token.group() for token in tokens]
    start = _phrase_start(words, len(words))
    if start is None:
        return None
    if start >= 2 and words[start - 1].lower() in POST_MODIFIERS:
        head = _phrase_start(words, start - 1)
        start = start if head is None else head
    comma = start - 1 - (start >= 2 and words[start - 1].lower() in {"now", "then", "also", "formerly"})
    if words[start].lower() in DETERMINERS and comma > 0 and words[comma] == ",":
        name = _phrase_start(words, comma)
        if name is not None and words[name][0].isupper() and words[name].lower() not in OPENERS | NP_STARTS:
            start = name
    return stem[tokens[start].start() :]


def _phrase_start(words: Sequence[str], end: int) -> int | None:
    """Index of the first word of the phrase ending before ``words[end]`` (see ``relative_antecedent``)."""
    start = end
    while start > 0 and end - start < 6:
        word = words[start - 1]
        sentence_end = word.endswith(".") and not ABBREVIATION.fullmatch(word)
        if not word[0].isalnum() or sentence_end or word.lower() in NP_STOPS:
            break
        start -= 1
        if word.lower() in NP_STARTS:
            return start
    name = end
    while name > start and words[name - 1][0].isupper():
        name -= 1
    start = name if name < end else start
    return start if start < end else None


def source_gender(source: str) -> str | None:
    """"m"/"f" from a source's gendered role word ("widow"), honorific or first name, else None.

    Only a word followed by another capitalised word counts as a first name
    (in "Rakeyia Scott", "Scott" is a surname).
    """
    from storyline.extract.quotes_names import first_name_gender

    words = re.findall(r"[\w.’'-]+", source)
    for word in words:
        if word.lower() in ROLE_GENDERS:
            return ROLE_GENDERS[word.lower()]
    for word, following in pairwise(words):
        gender = HONORIFIC_GENDERS.get(word.lower())
        if gender is None and following[:1].isupper():
            gender = first_name_gender(word)
        if gender:
            return gender
    return None


def could_be_one_person(source: str) -> bool:
    """False for a source whose head word is a plural common noun or names a thing.

    The head is the last word before a post-modifier ("attorneys for the family") or
    an apposition ("Aparna Mathur, who studies ...").
    """
    words = re.findall(r"[\w’'-]+", source.split(",")[0])
    modifier = next((i for i, w in enumerate(words) if i and w in POST_MODIFIERS), len(words))
    if modifier == 0:
        return False
    head = words[modifier - 1]
    if head.lower() in THING_HEADS:
        return False
    plural = head.endswith("s") and not head.endswith(("ss", "us", "is", "’s", "'s"))
    return not (plural and (head.islower() or modifier == 1 and head.lower() in PLURAL_CAPITALISED))


def referent_words(referent: str | None) -> set[str]:
    """Words of a referent that name the speaker: possessors ("Gary Johnson’s doctor", "a scientist
    in Scott's district") are dropped."""
    text = referent or ""
    text = re.sub(r"[\w-]+[’']s(?=\s+\S)", " ", text[possessor_length(text) :])
    return _words(text)


def described_name(text: str, description: str, position: int) -> str:
    """The person an article names with a description's role, nearest before ``position``.

    "The Republican nominee" -> "Donald Trump" from "Republican presidential nominee
    Donald Trump" or "Donald Trump, the Republican nominee": every modifier of the
    description must be written with the role. A description starts with a determiner
    and ends in a lowercase noun or a party word ("The Republican"); "" for names
    ("The New York Post") and unmatched descriptions.
    """
    words = re.findall(r"[\w’'-]+", description)
    if len(words) < 2 or words[0].lower() not in DETERMINERS:
        return ""
    if not (words[-1].islower() or words[-1].lower() in PARTY_WORDS):
        return ""
    head, modifiers = words[-1].lower(), {w.lower() for w in words[:-1]} - DETERMINERS
    found: list[tuple[int, str]] = []
    for match in re.finditer(rf"\b(?i:{re.escape(head)})[ \u00a0]+({NAME})", text):
        before = text[max(0, match.start() - 60) : match.start()].split("\n")[-1].lower()
        if all(re.search(rf"\b{re.escape(m)}\b", before) for m in modifiers):
            found.append((match.start(), match.group(1)))
    for match in re.finditer(rf"({NAME}),\s+(?:the|a)\s+([^,.;\n]{{0,60}}?)\b(?i:{re.escape(head)})\b", text):
        if match.group(1).split()[0].lower() in POST_MODIFIERS:
            continue
        place = re.search(r"\b(?i:in|at|from|of|to|near|across)\s+$", text[max(0, match.start() - 8) : match.start()])
        if place is None and all(re.search(rf"\b{re.escape(m)}\b", match.group(2).lower()) for m in modifiers):
            found.append((match.start(), match.group(1)))
    earlier = sorted(item for item in found if item[0] < position)
    return earlier[-1][1] if earlier else (min(found)[1] if found else "")


def _words(text: str | None) -> set[str]:
    return {w.lower().removesuffix("’s").removesuffix("'s") for w in re.findall(r"[\w’'-]+", text or "")}

