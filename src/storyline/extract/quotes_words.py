"""Words and word lists that speaker resolution reads: pronouns, titles, role and group nouns.

Kept apart from :mod:`storyline.extract.quotes_speakers` so the lists can grow without the
resolver's logic; every list is lowercase unless it says otherwise.
"""

from __future__ import annotations

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
MALE_PRONOUNS = frozenset({"he", "him", "his"})
FEMALE_PRONOUNS = frozenset({"she", "her"})
PLURAL_PRONOUNS = frozenset({"they", "we", "it"})
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
TITLE_WORDS = frozenset(
    """
    president vice prime minister deputy secretary commerce state foreign defense defence trade
    finance treasury chief executive ambassador governor senator sen. sen rep. rep representative
    chancellor leader spokesman spokeswoman spokesperson chairman chairwoman chair director mayor
    king queen premier envoy adviser advisor general gen. speaker attorney dr dr. mr mr. mrs mrs.
    ms ms. miss sir lady lord cabinet economy economic top senior u.s. us u.s u.n. un of the
    sheriff undersheriff lieutenant sergeant detective captain inspector superintendent commissioner
    colonel admiral commander judge coach
    ceo cfo coo lt. dist. atty. sgt. capt. det. col. maj. insp. supt. cmdr. cpl. pvt. brig. lieut. asst. dep. district
    """.split()
)
NATIONALITY_WORDS = frozenset({"u.s.", "us", "u.s", "u.n.", "un", "american", "the"})
STATEMENT_NOUNS = frozenset(
    {"statement", "release", "interview", "letter", "post", "tweet", "report", "communique", "briefing"}
)
ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those"})
GROUP_PRONOUNS = frozenset({"they", "we"})
INSTITUTION_NOUNS = STATEMENT_NOUNS | frozenset(
    {"campaign", "newspaper", "article", "committee", "government", "ministry", "agency", "company",
     "department", "office", "council", "party", "court", "group", "organization", "paper", "network"}
)
ROLE_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson official adviser advisor aide source analyst expert professor
    director chairman chairwoman president minister secretary ambassador member leader head chief
    representative lawyer attorney researcher economist strategist officer executive manager
    negotiator envoy diplomat commissioner lawmaker senator governor mayor founder
    """.split()
)
POST_MODIFIER_PREPOSITIONS = frozenset({"for", "of", "at", "with", "from", "in"})
PERSON_NOUNS = ROLE_NOUNS | frozenset(
    """
    spokesperson official aide person man woman source candidate nominee voter supporter resident
    activist worker farmer owner businessman businesswoman congressman congresswoman staffer
    operative consultant pollster historian scholar lobbyist organizer volunteer veteran witness
    partner colleague friend neighbor neighbour relative banker investor doctor physician nurse teacher
    student parent mother father son daughter wife husband brother sister judge prosecutor detective
    soldier commander pilot writer author reporter journalist editor columnist commentator
    """.split()
)
ROLE_GENDERS = {
    "spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m", "man": "m",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f", "woman": "f",
    "father": "m", "son": "m", "husband": "m", "brother": "m", "mother": "f", "daughter": "f", "wife": "f",
    "sister": "f",
}
UNKNOWN_GENDER = ""
ANAPHORIC_ROLES = frozenset(
    """
    nominee candidate governor senator president mayor congressman congresswoman lawmaker chairman
    chairwoman secretary minister ambassador leader businessman businesswoman billionaire mogul
    banker lawyer attorney executive director prosecutor judge writer author founder commissioner
    actor actress singer coach manager owner player pitcher star economist analyst professor scientist
    comedian host rapper musician artist filmmaker producer designer entrepreneur investor physicist
    researcher historian sheriff undersheriff detective chief superintendent witness widow widower teen
    teenager pastor priest bishop rabbi cleric king queen prince princess premier chancellor legislator
    councilman councilwoman lieutenant sergeant captain general commander colonel veteran mother
    father wife husband
    """.split()
)
MAX_ANAPHORA_SENTENCES = 4
FIELD_NOUNS = frozenset({"rights", "opposition", "party", "labor", "labour", "union", "campaign", "industry", "business"})
SIGN_NOUNS = frozenset({"sign", "banner", "placard", "poster", "shirt", "t-shirt", "billboard", "board"})
HOLDING_VERBS = frozenset({"hold", "carry", "wave", "raise", "display", "wear", "brandish", "hoist", "unfurl", "put"})
AMOUNT_LABELS = frozenset({"MONEY", "QUANTITY"})  # not PERCENT: "63 percent of voters said"
PAIR_NOUNS = frozenset({"pair", "duo", "co-executors", "executors"})
TEAM_NOUNS = frozenset({"colleague", "team", "co-author", "coauthor", "co-worker", "coworker", "collaborator"})
RELATIVE_HEADS = {"who": frozenset({"PROPN", "NOUN"}), "which": frozenset({"PROPN"}), "that": frozenset({"PROPN"})}
MAX_PARTICIPLE_TOKENS = 6
GROUP_NOUNS = frozenset(
    """
    critic protester demonstrator lawmaker legislator democrat republican conservative liberal player fan
    parent student teacher doctor investigator authority police prosecutor researcher scientist economist
    observer monitor diplomat leader member group people family relative neighbor resident citizen
    """.split()
)
PLURAL_ROLES = frozenset({"spokesmen", "spokeswomen", "people", "men", "women", "chairmen"})


def pronoun_gender(pronoun: str) -> str:
    """ "m" for he/him/his, "f" for she/her (the caller knows the word is one of them)."""
    return "m" if pronoun.lower() in MALE_PRONOUNS else "f"
