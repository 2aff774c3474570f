"""Gender hints from common English first names, for resolving "he"/"she" to a speaker.

A small hand-written list: it only has to separate the usual cases ("Melanie
said ... he said" must not resolve "he" to Melanie). Names used for both
sexes (Chris, Pat, Jordan, Alex, Sam, Robin, Terry, ...) are left out on purpose.
"""

from __future__ import annotations

MALE_FIRST_NAMES = frozenset(
    """
    aaron adam alan albert alexander andrew anthony antonin arthur barack ben benjamin bernie bill
    bob bobby brad brandon brett brian bruce carl carlos charles charlie chuck colin craig dan daniel
    darren david dean dennis derek donald doug douglas duncan ed eddie edward eric frank fred gary
    george gerald gordon greg gregory harold harry henry howard ian jack jacob jake james jason jeb
    jeff jeffrey jeremy jerry jim jimmy joe joel john johnny jon jonathan joseph josh joshua juan
    justin keith ken kenneth kevin larry lawrence luis marco marcus mark martin
    matt matthew michael mike mitch mitt nathan neil nick nicholas nigel oscar patrick paul peter
    phil philip ralph randy ray raymond reince rex richard rick rob robert roger ron ronald ross roy
    rudy russell ryan scott sean sergei shinzo simon stephen steve steven stuart ted thomas tim
    timothy todd tom tony vladimir walter wayne wilbur william yoshihide
    """.split()
)

FEMALE_FIRST_NAMES = frozenset(
    """
    abigail alice alicia amanda amy ana angela angelique ann anna anne barbara betsy betty brenda
    carla carly carol caroline catherine cheryl christina christine claire cynthia daisy deborah
    debbie denise diana diane donna dorothy elizabeth ellen emily emma esther eva evelyn gennifer
    grace hannah heather helen hillary holly huma jacklyn jane janet janice jennifer jessica jill
    joan joanna joyce judith judy julia julie karen kate katherine kathleen kathy kelly kellyanne
    kimberly krystal laura lauren linda lisa liz lorraine louise lucy margaret maria marie marilyn
    martha mary megan melania melanie melissa michelle monica nancy natalie nicole nikki pamela
    patricia paula rachel rebecca rosa ruth samantha sandra sara sarah sharon shirley stephanie
    susan suzanne teresa theresa tiffany valerie victoria virginia wendy yuriko
    """.split()
)


def first_name_gender(name: str) -> str | None:
    """``"m"``/``"f"`` when ``name`` (a first name, any case) is in the built-in lists, else None."""
    lowered = name.lower()
    if lowered in MALE_FIRST_NAMES:
        return "m"
    if lowered in FEMALE_FIRST_NAMES:
        return "f"
    return None


__all__ = ["FEMALE_FIRST_NAMES", "MALE_FIRST_NAMES", "first_name_gender"]
