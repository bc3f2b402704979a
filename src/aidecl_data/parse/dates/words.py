"""Dates written in words, as older treaties print them in their signing statement:
"le quatre septembre mil neuf cent cinquante-huit", "le premier juin mil neuf cent
soixante", "le vingt et un mars deux mille treize".

French only (the English formula, "this fourth day of September, 1958", keeps the year in
figures and is read by the grammar). Only the whole formula counts: a day in words, a
month name, a year in words from "mil"/"mille" or "deux mille"; anything less is prose.

    word_dates(text) -> list[Parts]
"""

from __future__ import annotations

import re

from aidecl_data.parse.dates import lexicon as lx
from aidecl_data.parse.dates.grammar import Parts
from aidecl_data.parse.dates.windows import case_exotic

_UNITS = {
    "un": 1, "une": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
}  # fmt: skip
_TENS = {
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "quatre-vingt": 80, "quatre-vingts": 80,
}  # fmt: skip
_NUMBER_WORDS = sorted(
    {*_UNITS, *_TENS, "et", "cent", "cents", "mille", "mil", "vingts"}, key=len, reverse=True
)
_NUM = "(?:" + "|".join(_NUMBER_WORDS) + r")(?![a-zéè])"
_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre"
)
_FORMULA = re.compile(
    rf"\ble\s+(?P<day>{_NUM}(?:[- ]{_NUM}){{0,3}})\s+(?P<month>{_MONTHS})\s+"
    rf"(?P<year>(?:mil|mille|deux\s+mille)(?![a-zéè])(?:[- ]{_NUM}){{0,6}})",
    re.IGNORECASE,
)


def _below_100(words: list[str]) -> int | None:
    """0-99 from French words ("cinquante", "huit"; "soixante", "dix", "sept")."""
    total = 0
    for w in words:
        if w == "et":
            continue
        if w in _TENS:
            total += _TENS[w]
        elif w in _UNITS:
            total += _UNITS[w]
        elif w == "dix-sept":
            total += 17
        else:
            return None
    return total if total < 100 else None


def _split(text: str) -> list[str]:
    out = []
    for w in re.split(r"[\s-]+", text.lower()):
        if out and out[-1] == "quatre" and w in ("vingt", "vingts"):
            out[-1] = "quatre-vingt"
            continue
        out.append(w)
    return [w for w in out if w]


def _year(text: str) -> int | None:
    words = _split(text)
    if words[:1] in (["mil"], ["mille"]):
        base, rest = 1000, words[1:]
    elif words[:2] == ["deux", "mille"]:
        base, rest = 2000, words[2:]
    else:
        return None
    if rest[:2] == ["neuf", "cent"] or rest[:2] == ["neuf", "cents"]:
        base, rest = base + 900, rest[2:]
    elif rest[:2] in (["huit", "cent"], ["huit", "cents"]):
        base, rest = base + 800, rest[2:]
    if not rest:
        return base
    n = _below_100(rest)
    return base + n if n is not None else None


def _day(text: str) -> int | None:
    n = _below_100(_split(text))
    return n if n is not None and 1 <= n <= 31 else None


# The formula's year word, "mil" or "mille" not followed by a letter, in the lower-cased
# text (a literal start: the engine skips to each "mil"; ``_FORMULA`` is tried at every
# position). Lower-casing gives every letter case-insensitive matching reads, except the
# ``case_exotic`` characters, with which the formula is always tried.
_YEAR_WORD = re.compile(r"mil(?:le)?(?![a-zéè])")


def word_dates(text: str) -> list[Parts]:
    """The dates written in words in ``text`` (calendar parts, day precision)."""
    if "mil" not in text and "MIL" not in text and "Mil" not in text:
        return []  # every such year holds "mil"/"mille"
    if not case_exotic(text) and not _YEAR_WORD.search(text.lower()):
        return []  # "militaire", "similar", "million": no year word ends there
    out = []
    for m in _FORMULA.finditer(text):
        day, year = _day(m.group("day")), _year(m.group("year"))
        month = lx.MONTH_LOOKUP.get(lx.fold(m.group("month")))
        if day is None or year is None or not month:
            continue
        out.append(
            Parts(
                "calendar",
                "day",
                d1=day,
                m1=month,
                y1=year,
                d2=day,
                m2=month,
                y2=year,
                start=m.start("day"),
                end=m.end(),
            )
        )
    return out
