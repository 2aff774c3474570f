"""Who is speaking: names, titles, pronouns and institutions as subjects of speech cues.

A :class:`SpeakerResolver` walks the article once in reading order and records
which name every grammatical subject stands for, so that "he said" resolves to
the most recent person who was a subject or a speaker, and "the prime minister"
to the most recent name that carried that title.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Doc, Token

from storyline.extract.quotes_cues import CUE_LEMMAS, INVERTED_CUES
from storyline.extract.quotes_name_tokens import (
    NameSpan,
    can_speak_as_group,
    entity_of,
    has_subject,
    is_acronym_name,
    is_age_description,
    is_bare_definite_role,
    is_definite_role_of,
    is_participle_modifier,
    is_reported_clause_subject,
    is_title_part,
    last_word,
    name_token_range,
    names_a_term,
    parse_depth,
    relative_antecedent,
    same_title,
    sign_holder,
    span_of,
    strip_titles,
    title_key,
)
from storyline.extract.quotes_names import first_name_gender
from storyline.extract.quotes_orgs import (
    ISSUED_NOUNS,
    ISSUING_VERBS,
    anaphora_window_start,
    described_organisations,
    is_bare_statement,
    organisation_described,
    statement_issuer,
    statement_issuing_subject,
)
from storyline.extract.quotes_people import person_words, surname_genders
from storyline.extract.quotes_words import (
    AMOUNT_LABELS,
    ANAPHORIC_ROLES,
    ARTICLES,
    FEMALE_PRONOUNS,
    GROUP_PRONOUNS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    MALE_PRONOUNS,
    MAX_ANAPHORA_SENTENCES,
    PAIR_NOUNS,
    PERSON_NOUNS,
    PLURAL_PRONOUNS,
    PLURAL_ROLES,
    POST_MODIFIER_PREPOSITIONS,
    RELATIVE_HEADS,
    ROLE_GENDERS,
    STATEMENT_NOUNS,
    SUBJECT_DEPS,
    TEAM_NOUNS,
    TITLE_WORDS,
    UNKNOWN_GENDER,
    pronoun_gender,
)
from storyline.nlp import doc_entities, doc_text

FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})
UNNAMED_STATEMENT_NOUNS = ISSUED_NOUNS | {"message"}  # called by the issuer's name when it names none


def object_of(head: Token, preposition: str) -> Token | None:
    """The object of ``head``'s preposition ``preposition`` ("according *to Smith*")."""
    for prep in head.children:
        if prep.lower_ == preposition and prep.dep_ == "prep":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def is_described_person(token: Token) -> bool:
    """A singular common noun naming one person by role: "spokesperson", "official", "aide"."""
    return token.pos_ == "NOUN" and token.tag_ == "NN" and token.lemma_.lower() in PERSON_NOUNS


def is_description(speaker_text: str) -> bool:
    """Whether a speaker as written describes someone without naming them ("Japanese trade
    ministry spokesperson", "U.S. official travelling with Pence"), as opposed to a name
    ("Shinzo Abe", "Foreign Ministry") or a bare title ("prime minister"). A description must
    not be linked to a name, nationality or place written inside it."""
    words = re.findall(r"[\w.'’-]+", speaker_text)
    lowered = [w.lower().removesuffix("’s").removesuffix("'s") for w in words]
    if not words or all(w in TITLE_WORDS for w in lowered):
        return False
    if words[-1][:1].islower():
        return True  # head-final common noun: "Some U.S. farm groups", "trade ministry"
    return any(
        word[:1].islower() and (low in PERSON_NOUNS or low.removesuffix("s") in PERSON_NOUNS or low in PLURAL_ROLES)
        for word, low in zip(words, lowered)
    )


class SpeakerResolver:
    """Resolves subjects of speech cues to the name spans they stand for."""

    def __init__(self, doc: Doc, inside_quote: Callable[[Token], bool]) -> None:
        """Walk ``doc`` once, recording every subject and titled name outside quotes."""
        self.doc = doc
        self._inside_quote = inside_quote
        self._person_words = person_words(doc)
        self._genders = surname_genders(doc)
        self._history: list[tuple[int, NameSpan]] = []
        self._history_genders: dict[NameSpan, str] = {}
        self._learned_genders: dict[str, str] = {}  # name as written -> gender its pronouns showed
        self._titles: list[tuple[int, str, NameSpan]] = []
        self._role_heads: list[tuple[int, str, frozenset[str], NameSpan]] = []
        self._groups: list[tuple[int, NameSpan]] = []
        self._institutions: list[tuple[int, NameSpan]] = []
        self._collectives: list[tuple[int, NameSpan]] = []  # named organisations, also "they"
        self._resolved: dict[int, NameSpan | None] = {}
        self._embedded: dict[int, int] = {}  # subject offset -> sentence start, for reported clauses
        self._sentence_starts = [sentence.start_char for sentence in doc.sents] + [len(doc_text(doc)) + 1]
        self._subject_depths: dict[int, int] = {}
        self._person_mentions: list[tuple[int, NameSpan]] = []
        self._organisations = described_organisations(doc)
        self._statements: list[tuple[int, NameSpan]] = []  # (statement offset, who issued it)
        self._named_groups: list[tuple[int, NameSpan]] = []  # "John Branca and John McClain"
        self._walk()

    def _collect_person_mentions(self) -> list[tuple[int, NameSpan]]:
        """(offset, name) of every person named outside quotes, in reading order."""
        mentions = []
        for ent in doc_entities(self.doc):
            words = [t for t in ent if t.pos_ == "PROPN" and t.text in self._person_words]
            if words and not self._inside_quote(words[-1]):
                name = self._name(words[-1])
                if name is not None:
                    mentions.append((ent.start_char, name))
        return mentions

    def _walk(self) -> None:
        outside = [token for token in self.doc if not self._inside_quote(token)]
        for token in outside:
            if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
                self._record_title(token)  # all titles first: a title may name someone written later
        self._person_mentions = self._collect_person_mentions()  # names as written, once titles are known
        for token in outside:
            issuing = statement_issuing_subject(token)
            if issuing is not None and not self._inside_quote(issuing):
                named = self.resolve(issuing)
                if named is not None and not is_bare_statement(issuing):
                    self._statements.append((token.idx, named))  # "the statement said" stands for it
            if token.dep_ in SUBJECT_DEPS:
                resolved = self._resolve_subject(token)
                self._resolved[token.i] = resolved
                if resolved is not None and self.is_person(token, resolved):
                    self._learn_gender(token, resolved)
                    self._history.append((token.idx, resolved))
                    self._subject_depths[token.idx] = parse_depth(token)
                    if is_reported_clause_subject(token):
                        self._embedded[token.idx] = token.sent.start_char
                    self._note_description_gender(token, resolved)
                self._record_group_or_institution(token, resolved)
            elif token.lemma_.lower() in CUE_LEMMAS and token.tag_ in FINITE_VERB_TAGS:
                self._record_subjectless_speaker(token)

    def _record_subjectless_speaker(self, verb: Token) -> None:
        """ "..., Deputy District Attorney David Walgren said he believed": a cue the parse left
        without a subject, written right after a person's name that it hung on an earlier noun,
        is that person's, so a later "he said" can stand for them."""
        if verb.i == 0 or has_subject(verb):
            return
        left = self.doc[verb.i - 1]
        if left.pos_ != "PROPN" or left.dep_ in SUBJECT_DEPS or left.sent.start != verb.sent.start:
            return
        if not self.is_person_token(left) or self._inside_quote(left):
            return
        name = self._name(left)
        if name is not None:
            self.remember_speaker(left, name)
            self._subject_depths[left.idx] = parse_depth(left)

    def _record_group_or_institution(self, token: Token, resolved: NameSpan | None) -> None:
        """Remember plural subjects (antecedents of "they") and institutions (of "it")."""
        if token.pos_ == "PRON" and not is_acronym_name(token):
            return
        if token.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in token.children):
            group = self.group_phrase(token)
            if group is not None and can_speak_as_group(token) and not names_a_term(token):
                self._groups.append((token.idx, group))
                if self._conjoins_people(token):
                    self._named_groups.append((token.idx, group))
                else:
                    self._record_named_apposition(token)
            if resolved is not None and token.ent_type_ == "ORG":
                self._institutions.append((token.idx, resolved))  # "Reporters Without Borders ... it"
        elif resolved is not None and self._team_leader(token) == resolved:
            self._groups.append((token.idx, resolved))  # "Rabadan's team said ...“...,” they wrote"
        elif resolved is not None and (token.ent_type_ == "ORG" or token.lemma_.lower() in INSTITUTION_NOUNS):
            self._institutions.append((token.idx, resolved))
            if token.ent_type_ == "ORG" and token.lemma_.lower() not in STATEMENT_NOUNS:
                self._collectives.append((token.idx, resolved))
        elif token.lemma_.lower() in PERSON_NOUNS:
            for owner in token.children:  # "A Kraft representative confirmed": Kraft spoke through them
                if owner.dep_ in {"compound", "poss"} and owner.ent_type_ == "ORG" and owner.pos_ == "PROPN":
                    named = self._name(owner)
                    if named is not None:
                        self._collectives.append((owner.idx, named))

    def _record_title(self, token: Token) -> None:
        if token.head.i != token.i and token.head.pos_ == "PROPN" and token.dep_ == "compound":
            return  # only the head of a name carries the title
        first, last = name_token_range(token)
        name_first = strip_titles(self.doc, first, last)
        left_edge = min(token.left_edge.i, first)
        title_tokens = [t for t in self.doc[left_edge:name_first] if not t.is_punct]
        key = title_key(title_tokens)
        if name_first > last or not self.is_person_token(token):
            return
        if key:
            self._titles.append((token.idx, key, span_of(self.doc, name_first, last)))
        nouns = [t for t in title_tokens if t.pos_ == "NOUN" and t.is_alpha]
        if nouns and nouns[-1].i == name_first - 1:
            words = frozenset(t.lower_ for t in title_tokens)
            self._role_heads.append((token.idx, nouns[-1].lemma_.lower(), words, span_of(self.doc, name_first, last)))

    def is_person(self, token: Token, name: NameSpan) -> bool:
        """Whether a subject is a person (an antecedent for "he"/"she"), not an institution:
        a pronoun, a person's name, or one person described ("a ministry spokesperson").
        "it", "they" and "we" never are, whatever they resolve to."""
        if token.lower_ in PLURAL_PRONOUNS:
            return False
        if token.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS or is_described_person(token):
            return True
        words = name.text.replace("-", " ").split()
        return bool(words) and words[-1] in self._person_words

    def resolve(self, subject: Token) -> NameSpan | None:
        """The name a subject token stands for (recorded during the walk, else computed now)."""
        if subject.i in self._resolved:
            return self._resolved[subject.i]
        return self._resolve_subject(subject)

    def remember_speaker(self, subject: Token, name: NameSpan) -> None:
        """Record a speaker that was not a grammatical subject (``according to X``)."""
        self._history.append((subject.idx, name))
        self._history.sort(key=lambda item: item[0])
        self._note_description_gender(subject, name)

    def _note_description_gender(self, token: Token, name: NameSpan) -> None:
        """A described person's gender comes from the role noun ("spokeswoman"), never from a
        name inside a modifier ("an official travelling with Pence")."""
        if is_described_person(token):
            self._history_genders[name] = ROLE_GENDERS.get(token.lower_, UNKNOWN_GENDER)

    def _learn_gender(self, pronoun: Token, name: NameSpan) -> None:
        """ "McLenney said ... she added": a name of unknown gender that "she" stood for, named in
        the same or the previous sentence, is a woman's for the rest of the article (so a later
        "he" is someone else)."""
        lowered = pronoun.lower_
        if lowered not in MALE_PRONOUNS | FEMALE_PRONOUNS or self.gender_of(name) != UNKNOWN_GENDER:
            return
        sentence = bisect_right(self._sentence_starts, pronoun.idx) - 1
        if name.start >= self._sentence_starts[max(sentence - 1, 0)]:  # named in this sentence or the last
            gender = pronoun_gender(lowered)
            self._learned_genders[name.text] = gender
            words = name.text.split()
            if len(words) > 1 and words[0][:1].isupper() and self._only_full_name(words[-1]):
                self._learned_genders.setdefault(words[-1], gender)  # "Stan Perlo ... he": later "Perlo" too

    def _only_full_name(self, surname: str) -> bool:
        """Whether at most one full name in the article ends in ``surname`` (not two Scotts)."""
        full = {n.text for _, n in self._person_mentions if len(n.text.split()) > 1 and n.text.split()[-1] == surname}
        return len(full) <= 1

    def gender_of(self, name: NameSpan) -> str:
        """"m", "f", or "" (unknown) for a speaker found in this article.

        A full name is judged by its own first name: "Rakeyia Scott" does not take the
        gender of "Keith Lamont Scott" through the shared surname.
        """
        if name in self._history_genders:
            return self._history_genders[name]
        if name.text in self._learned_genders:
            return self._learned_genders[name.text]
        words = name.text.replace("-", " ").split()
        if len(words) > 1 and words[0][:1].isupper():
            return first_name_gender(words[0]) or UNKNOWN_GENDER
        return self._genders.get(words[-1], UNKNOWN_GENDER) if words else UNKNOWN_GENDER

    def _resolve_subject(self, token: Token) -> NameSpan | None:
        lowered = token.lower_
        if is_acronym_name(token):
            return self._name(token)  # "the WHO said": a name, not the pronoun "who"
        if token.ent_type_ in AMOUNT_LABELS:
            return None  # "$1.6 trillion of which ... admits": no speaker
        if token.i > 0 and token.doc[token.i - 1].lower_ in HONORIFICS and token.text[:1].isupper():
            return span_of(self.doc, token.i, token.i)  # "Ms. He said": a surname, not a pronoun
        if lowered in MALE_PRONOUNS or lowered in FEMALE_PRONOUNS:
            return self._antecedent(token.idx, pronoun_gender(lowered))
        if lowered in GROUP_PRONOUNS:
            return self._governing_group(token) or self._latest(self._groups + self._collectives, token.idx)
        if lowered == "it":
            return self._latest(self._institutions, token.idx)
        if lowered in RELATIVE_HEADS:
            holder = sign_holder(token)
            if holder is not None:
                return self._resolve_subject(holder)
            described = relative_antecedent(token)
            if described is not None:
                return self._resolve_subject(described)
        if token.pos_ == "PRON":
            return None
        if token.lower_ in TITLE_WORDS and entity_of(token) is None:
            named = self._person_in_apposition(token)  # "The German Chancellor, Angela Merkel, said"
            if named is not None:
                return named
        if token.pos_ == "PROPN" or entity_of(token) is not None:
            return self._name(token)
        leader = self._team_leader(token)
        if leader is not None:
            return leader
        issuer = statement_issuer(token)
        if issuer is not None:
            return self._issuer(issuer)
        issuing = statement_issuing_subject(token) if token.dep_ == "dobj" else None
        if issuing is not None and token.head.lemma_.lower() in ISSUING_VERBS and not self._inside_quote(issuing):
            return self._resolve_subject(issuing)  # "The UAW issued a statement saying “...”"
        source = self._unnamed_statement_source(token)
        if source is not None:
            return source
        if is_age_description(token):  # "“...,” said the 10-year-old"
            return self._salient_person(token, UNKNOWN_GENDER, 2, None) or self.noun_phrase(token)
        return self._person_in_apposition(token) or self._named_pair(token) or self._titled_or_phrase(token)

    def _unnamed_statement_source(self, token: Token) -> NameSpan | None:
        """For a statement or message naming no issuer: the issuer of the statement it refers
        back to ("the statement"), else the organisation last named as a subject ("“...,” a
        statement reads" after "Kraft said"), a few sentences back at most."""
        if token.lemma_.lower() not in UNNAMED_STATEMENT_NOUNS:
            return None
        earlier = self._latest(self._statements, token.idx) if is_bare_statement(token) else None
        earlier = earlier or self._latest(self._collectives, token.idx)
        return earlier if earlier is not None and self._in_window(earlier, token.idx) else None

    def _record_named_apposition(self, token: Token) -> None:
        """ "Michael's brothers Jermaine and Randy Jackson": people named together beside a plural
        description are the group a later "the brothers" stands for."""
        named = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        conjuncts = [c for c in named.children if c.dep_ == "conj"] if named is not None else []
        if named is None or not conjuncts or not any(self.is_person_token(t) for t in [named, *conjuncts]):
            return
        group = self.group_phrase(named)
        if group is not None:
            self._groups.append((named.idx, group))
            self._named_groups.append((named.idx, group))

    def _conjoins_people(self, token: Token) -> bool:
        """ "John Branca and John McClain": a person's name joined to other persons' names."""
        conjuncts = [c for c in token.children if c.dep_ == "conj"]
        return self.is_person_token(token) and bool(conjuncts) and all(self.is_person_token(c) for c in conjuncts)

    def _named_pair(self, token: Token) -> NameSpan | None:
        """ "the co-executors wrote", "the two party leaders said", "the pair": the people named
        together in the few sentences before, when no other group was written since."""
        if token.lower_ not in PAIR_NOUNS and (token.tag_ != "NNS" or token.lemma_.lower() not in PERSON_NOUNS):
            return None
        first = token.i - 1
        while first >= 0 and (self.doc[first].tag_ == "HYPH" or self.doc[first].pos_ in {"NOUN", "ADJ", "PROPN"}):
            first -= 1  # "the co-executors", "the two party leaders"
        if first < 0 or self.doc[first].lower_ not in {"the", "two", "both"}:
            return None
        latest = self._latest(self._named_groups, token.idx)
        if latest is None or not self._in_window(latest, token.idx):
            return None
        return latest if self._latest(self._groups, token.idx) == latest else None

    def _team_leader(self, token: Token) -> NameSpan | None:
        """ "Rabadan's team said": the person whose team or colleagues they are."""
        if token.lemma_.lower() not in TEAM_NOUNS:
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None or owner.pos_ != "PROPN" or not self.is_person_token(owner):
            return None
        return self._name(owner)

    def _person_in_apposition(self, token: Token) -> NameSpan | None:
        for child in token.children:
            if child.dep_ == "appos" and (child.pos_ == "PROPN" or child.ent_type_ == "PERSON"):
                return self._name(child)
        return None

    def _issuer(self, issuer: Token) -> NameSpan | None:
        """The organisation or person behind a statement (its noun may name one written before)."""
        named = organisation_described(issuer, self._organisations, self._sentence_starts, definite=False)
        if named is not None and issuer.pos_ != "PROPN":
            return NameSpan(*named, doc_text(self.doc)[named[0] : named[1]])
        return self._resolve_subject(issuer)

    def _name(self, token: Token) -> NameSpan | None:
        first, last = name_token_range(token)
        if all(t.text.lower() in TITLE_WORDS or t.is_punct for t in self.doc[first : last + 1]):
            return self._titled_or_phrase(token)
        if self.is_person_token(token):
            first = strip_titles(self.doc, first, last)
        while first < last and (
            self.doc[first].pos_ in {"DET", "VERB"} or self.doc[first].is_punct or self.doc[first].text in INVERTED_CUES
        ):
            first += 1  # not "Added" of "Added Stern, “...”"
        if self.doc[last].is_punct:
            return None
        return span_of(self.doc, first, last)

    def is_person_token(self, token: Token) -> bool:
        """A proper-name token that names a person in this article (spaCy may call it ORG)."""
        return token.ent_type_ == "PERSON" or token.text in self._person_words

    def _in_window(self, name: NameSpan, position: int) -> bool:
        """Whether ``name`` is written within the few sentences an anaphor at ``position`` reaches back."""
        return name.start >= anaphora_window_start(self._sentence_starts, position)

    @staticmethod
    def _latest(seen: list[tuple[int, NameSpan]], position: int) -> NameSpan | None:
        earlier = [(at, name) for at, name in seen if at < position]
        return max(earlier, key=lambda item: item[0])[1] if earlier else None

    def group_phrase(self, token: Token) -> NameSpan | None:
        """A plural subject as written: "Trump and Abe", "Japanese officials", "the two leaders"."""
        conjuncts = [c for c in token.children if c.dep_ == "conj"]
        if not conjuncts:
            return self.noun_phrase(token)
        head = self.noun_phrase(token)
        last = conjuncts[-1]
        if head is None or last.is_punct:
            return head
        if last.lemma_.lower() in TEAM_NOUNS and len(conjuncts) == 1 and self.is_person_token(token):
            return self._name(token)  # "Raul Rabadan and colleagues": the researcher who leads them
        end = last.idx + len(last.text)
        return NameSpan(head.start, end, doc_text(self.doc)[head.start : end])

    def _governing_group(self, pronoun: Token) -> NameSpan | None:
        """ "Clinton's campaign is seeking to contrast her approach with what they call ...": "they"
        in a clause below a group or institution subject stands for that subject."""
        current = pronoun.head
        for _ in range(8):
            subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS and c.i < pronoun.i]
            for subject in subjects:
                if subject.pos_ == "PRON" or self._inside_quote(subject):
                    continue
                plural = subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children)
                if plural:
                    return self.group_phrase(subject)
                if subject.ent_type_ == "ORG" or subject.lemma_.lower() in INSTITUTION_NOUNS:
                    return self.resolve(subject)
            if current.head.i == current.i:
                return None
            current = current.head
        return None

    def speaker_avoiding(self, subject: Token, resolved: NameSpan, quoted: str) -> NameSpan:
        """For "he"/"she" resolved to someone the quote names ("“Trump is right,” he said"):
        the latest fitting person it does not name, as people seldom name themselves."""
        named = {word.strip(".,;:!?'’\"“”").lower() for word in quoted.split()}
        if subject.lower_ not in MALE_PRONOUNS | FEMALE_PRONOUNS or last_word(resolved) not in named:
            return resolved
        gender = pronoun_gender(subject.lower_)
        return self._antecedent(subject.idx, gender, frozenset(named)) or resolved

    def _antecedent(self, position: int, gender: str, avoid: frozenset[str] = frozenset()) -> NameSpan | None:
        """The latest person of that gender (whose last word is not in ``avoid``); a subject inside
        someone's reported clause ("he believes McConnell is right") yields to the reporter when
        that is written before it."""
        candidates = [
            (seen_at, name) for seen_at, name in self._history if seen_at < position and self._fits(name, gender, avoid)
        ]
        if not candidates:
            return self._mentioned_antecedent(position, gender, avoid)
        latest_at, latest = candidates[-1]
        sentence_start = self._embedded.get(latest_at)
        if sentence_start is None:
            return latest
        for seen_at, name in reversed(candidates[:-1]):
            if seen_at < sentence_start:
                break
            if seen_at not in self._embedded:
                return name
        return latest

    def _mentioned_antecedent(self, position: int, gender: str, avoid: frozenset[str]) -> NameSpan | None:
        """ "The logic of Obama's address went like this: “...,” he averred": with no person of that
        gender a subject before it, the latest person of that gender named a few sentences back."""
        window_start = anaphora_window_start(self._sentence_starts, position)
        fitting = [
            name for at, name in self._person_mentions if window_start <= at < position and self._fits(name, gender, avoid)
        ]
        return fitting[-1] if fitting else None

    def _fits(self, name: NameSpan, gender: str, avoid: frozenset[str]) -> bool:
        """Whether ``name`` can stand for a pronoun of ``gender`` (its last word not in ``avoid``)."""
        return self.gender_of(name) in {gender, UNKNOWN_GENDER} and last_word(name) not in avoid

    def _titled_or_phrase(self, token: Token) -> NameSpan | None:
        """A title resolves to the last name that carried it; other noun phrases stay as written."""
        phrase = [t for t in token.lefts if t.dep_ in {"compound", "amod", "det", "poss", "nmod"}]
        tokens = [*phrase, token]
        if all(is_title_part(t) for t in tokens):
            key = title_key(tokens)
            for seen_at, title, name in reversed(self._titles):
                if seen_at < token.idx and same_title(title, key):
                    return name
            later = self._later_title_holder(token, key)
            if later is not None:
                return later
            for preposition in ("to", "of", "for", "at") if token.lemma_.lower() not in PERSON_NOUNS else ():
                holder = object_of(token, preposition)  # never "a spokesman for X" -> X
                if holder is not None and holder.pos_ == "PROPN" and holder.ent_type_ not in {"GPE", "NORP"}:
                    return self._name(holder)
        named = organisation_described(token, self._organisations, self._sentence_starts)
        if named is not None:  # "the group said" after "the radical group Islamic Jihad"
            return NameSpan(*named, doc_text(self.doc)[named[0] : named[1]])
        return self._described_person(token) or self._anaphoric_person(token) or self.noun_phrase(token)

    def _later_title_holder(self, token: Token, key: str) -> NameSpan | None:
        """ "Yugoslavia's prime minister told parliament ... Prime Minister Momir Bulatovic said": a
        title never written with a name before is the first name written with it a few sentences on."""
        sentence = bisect_right(self._sentence_starts, token.idx) - 1
        limit = self._sentence_starts[min(sentence + MAX_ANAPHORA_SENTENCES, len(self._sentence_starts) - 1)]
        for seen_at, title, name in self._titles:
            if token.idx < seen_at < limit and title == key:
                return name
        return None

    def _described_person(self, token: Token) -> NameSpan | None:
        """"the Republican nominee" -> the last name written with that role and those modifiers
        ("Republican presidential nominee Donald Trump")."""
        if token.tag_ != "NN" or not any(c.lower_ == "the" and c.dep_ == "det" for c in token.children):
            return None
        role = token.lemma_.lower()
        modifiers = {c.lower_ for c in token.lefts if c.dep_ in {"amod", "compound", "nmod"}}
        for seen_at, head, title_words, name in reversed(self._role_heads):
            if seen_at < token.idx and head == role and modifiers <= title_words:
                return name
        return None

    def _anaphoric_person(self, token: Token) -> NameSpan | None:
        """"The Republican presidential nominee noted ...": a definite role description names the
        most salient person of the nearest sentence before it that names one: its highest named
        subject, else the first person it names."""
        role = token.lemma_.lower()
        if token.tag_ != "NN" or role not in ANAPHORIC_ROLES:
            return None
        bare = is_bare_definite_role(token)
        if not bare and not is_definite_role_of(token):
            return None
        gender = ROLE_GENDERS.get(role, UNKNOWN_GENDER)
        reach = MAX_ANAPHORA_SENTENCES if bare else 1  # "the chief of forensic medicine at ...": the last sentence only
        return self._salient_person(token, gender, reach, None if bare else role)

    def _salient_person(self, token: Token, gender: str, reach: int, office: str | None) -> NameSpan | None:
        """The most salient person of the nearest of the ``reach`` sentences before ``token`` that
        names one: its highest named subject, else the first person it names; with ``office``, not
        a person who holds another office."""
        sentence = bisect_right(self._sentence_starts, token.idx) - 1
        for earlier in range(sentence - 1, max(sentence - reach, 0) - 1, -1):
            start, end = self._sentence_starts[earlier], self._sentence_starts[earlier + 1]
            subjects = sorted(
                ((at, name) for at, name in self._history
                 if start <= at < end and at in self._subject_depths and self._names_person(name)),
                key=lambda item: self._subject_depths[item[0]],  # ties keep reading order
            )
            mentions = [name for at, name in self._person_mentions if start <= at < end]
            fitting = [name for _, name in subjects] + mentions
            fitting = [name for name in fitting if gender in {UNKNOWN_GENDER, self.gender_of(name)}]
            if office is not None:  # "Economy Minister Rainer Bruederle ... the premier of the state": someone else
                fitting = [name for name in fitting if self._role_of(name) in {None, office}]
            if fitting:
                return fitting[0]
        return None

    def _role_of(self, name: NameSpan) -> str | None:
        """The role last written before this name when it is an office ("Economy Minister Rainer
        Bruederle" -> minister), else None ("doctor Christopher Rogers")."""
        roles = [key.split()[-1] for _, key, titled in self._titles if titled.text == name.text and key]
        roles += [head for _, head, _, titled in self._role_heads if titled.text == name.text]
        return roles[-1] if roles and roles[-1] in ANAPHORIC_ROLES else None

    def _names_person(self, name: NameSpan) -> bool:
        """A person's name, not a description ending in one ("lawyers for Donald and Ivana Trump")."""
        words = name.text.replace("-", " ").split()
        return bool(words) and words[0][:1].isupper() and words[-1] in self._person_words

    def noun_phrase(self, token: Token) -> NameSpan | None:
        """``token`` with its left modifiers, without a leading determiner (``State Department``)."""
        first = token.i
        for left in token.lefts:
            if left.dep_ in {"compound", "amod", "poss", "nmod", "det", "case"}:
                first = min(first, left.left_edge.i)
        while first < token.i and (
            self.doc[first].lower_ in ARTICLES or self.doc[first].is_punct or self.doc[first].is_space
        ):
            first += 1
        if token.is_punct:
            return None
        return span_of(self.doc, first, self._post_modifier_end(token))

    def _post_modifier_end(self, token: Token) -> int:
        """Last token of a role noun's "for/of/at ..." modifier ("a spokesman for the government") or
        participle ("an official travelling with Pence", "a person familiar with the talks")."""
        if token.lemma_.lower() not in PERSON_NOUNS:
            return token.i
        last = token.i
        for modifier in token.rights:
            has_object = any(c.dep_ == "pobj" for c in modifier.children)
            if modifier.dep_ == "prep" and modifier.lower_ in POST_MODIFIER_PREPOSITIONS and has_object:
                last = modifier.right_edge.i
            elif is_participle_modifier(token, modifier):
                last = modifier.right_edge.i
            break
        while last > token.i and (self.doc[last].is_punct or self.doc[last].is_space):
            last -= 1
        if any(self._inside_quote(t) or "\n" in t.text for t in self.doc[token.i : last + 1]):
            return token.i
        return last

    def statement_source(self, cue: Token) -> NameSpan | None:
        """For "they said in a joint statement": the statement noun phrase."""
        for prep in cue.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"in", "through", "via"}:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in STATEMENT_NOUNS:
                    return self.noun_phrase(obj)
        return None
