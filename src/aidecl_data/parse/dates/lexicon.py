"""Words the date grammar is built from, French and English together.

Both languages' words are always recognized (a French text quotes English titles and the
reverse); the document language only breaks ties (numeric dates). Each table maps a
*folded* key (lower case, no accents, no trailing dot) to its value, and ``alternation``
turns a list of surface forms into a regex alternation, longest first, so that "janv."
is never read as "jan" followed by junk.
"""

from __future__ import annotations

import re
import unicodedata

# Month surface forms (with and without accents) -> month number. Abbreviations are in
# ``MONTH_ABBREVIATIONS`` and only count when a year or a day makes the whole a date.
MONTH_NAMES: dict[str, int] = {
    # French
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
    # English
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}

MONTH_ABBREVIATIONS: dict[str, int] = {
    "janv": 1,
    "jan": 1,
    "févr": 2,
    "fevr": 2,
    "fév": 2,
    "fev": 2,
    "feb": 2,
    "mar": 3,
    "avr": 4,
    "apr": 4,
    "juil": 7,
    "jul": 7,
    "jun": 6,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "déc": 12,
    "dec": 12,
}

# English month names that are also ordinary words: only a capitalized form is a month
# ("in May 2024", never "States may 2 ...").
AMBIGUOUS_LOWERCASE_MONTHS = {"may", "march", "august"}

# English names, for the month-first order ("November 12, 2018"), which French never uses.
ENGLISH_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
]

WEEKDAYS: dict[str, int] = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# Relative direction words -> -1 (past), 0 (current), +1 (future).
DIRECTION: dict[str, int] = {
    "dernier": -1,
    "derniere": -1,
    "derniers": -1,
    "dernieres": -1,
    "passe": -1,
    "passee": -1,
    "passes": -1,
    "passees": -1,
    "prochain": 1,
    "prochaine": 1,
    "prochains": 1,
    "prochaines": 1,
    "last": -1,
    "past": -1,
    "next": 1,
    "coming": 1,
    "this": 0,
    "ce": 0,
    "cet": 0,
    "cette": 0,
    "current": 0,
}

# Single words for a day relative to the reference -> offset in days.
RELATIVE_DAYS: dict[str, int] = {
    "avant-hier": -2,
    "hier": -1,
    "aujourd'hui": 0,
    "demain": 1,
    "après-demain": 2,
    "apres-demain": 2,
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
}

# Words after which a bare four-digit number is a year ("en 2026", "since 2019"). Bare
# years anywhere else are not dates: "Agenda 2030", "Horizon 2020", "2 000 euros".
YEAR_TRIGGERS = [
    # French
    "en",
    "de",
    "depuis",
    "dès",
    "d'ici",
    "d'ici à",
    "d'ici a",
    "avant",
    "après",
    "apres",
    "jusqu'en",
    "jusqu'à",
    "jusqu'a",
    "vers",
    "courant",
    "fin",
    "début",
    "debut",
    "mi-",
    "année",
    "annee",
    "l'an",
    "printemps",
    "été",
    "automne",
    "hiver",
    # English
    "in",
    "since",
    "by",
    "from",
    "until",
    "till",
    "before",
    "after",
    "during",
    "through",
    "of",
    "year",
    "early",
    "late",
    "mid-",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
]

# Words after which a bare month name (no day, no year) is a date ("en juin", "in May").
MONTH_TRIGGERS = [
    "en",
    "début",
    "debut",
    "fin",
    "mi-",
    "courant",
    "depuis",
    "dès",
    "d'ici",
    "jusqu'en",
    "mois de",
    "mois d'",
    "in",
    "since",
    "until",
    "during",
    "early",
    "late",
    "mid-",
]

# A number after these words is an amount, not a year ("plus de 2000", "more than 2000").
QUANTITY_BEFORE = [
    "plus",
    "moins",
    "près",
    "pres",
    "environ",
    "quelque",
    "total",
    "nombre",
    "montant",
    "budget",
    "more than",
    "less than",
    "fewer than",
    "up to",
    "over",
    "about",
    "around",
    "approximately",
    "nearly",
    "almost",
    "some",
    "number",
    "sum",
    "amount",
]

# A number before these words is an amount, not a year ("de 2000 participants").
UNIT_AFTER = {
    "euros",
    "euro",
    "eur",
    "dollars",
    "dollar",
    "usd",
    "millions",
    "million",
    "milliards",
    "milliard",
    "billion",
    "billions",
    "personnes",
    "people",
    "participants",
    "habitants",
    "pays",
    "countries",
    "membres",
    "members",
    "emplois",
    "jobs",
    "km",
    "tonnes",
    "tons",
    "mw",
    "gw",
    "exemplaires",
    "copies",
    "fois",
    "times",
}


def fold(word: str) -> str:
    """Lower case, no accents, one apostrophe style, no trailing dot: the lexicon key."""
    word = word.translate(_APOS).casefold().rstrip(".")
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c))


_APOS = str.maketrans({c: "'" for c in "\u2019\u02bc\u2018`\u00b4"})


def alternation(forms: list[str] | set[str] | dict[str, object]) -> str:
    """Regex alternation of ``forms``, longest first, apostrophes matching both styles."""
    out = []
    for f in sorted(set(forms), key=lambda s: (-len(s), s)):
        pat = re.escape(f).replace("'", "['’]").replace(r"\ ", r"\s+")
        out.append(pat)
    return "|".join(out)


def trie_alternation(forms: list[str] | set[str]) -> str:
    """``alternation(forms)`` written as a trie ("d(?:e(?:puis)?|...)"), apostrophes and
    spaces as there: the engine follows one branch per character instead of entering
    every word in turn. It prefers other words than the flat alternation where two words
    match at one position (a word before a longer one it begins: "d'ici" and "d'ici à"),
    so it is only for a place where at most one of them can lead to a match: the year
    triggers, which white space and a digit follow, and which hold no digit."""
    trie: dict = {}
    for f in sorted(set(forms)):
        node = trie
        for c in f:
            node = node.setdefault(c, {})
        node[""] = {}

    def token(c: str) -> str:
        return "['’]" if c == "'" else r"\s+" if c == " " else re.escape(c)

    def emit(node: dict) -> str:
        alts = [token(c) + emit(node[c]) for c in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body  # greedy: the longer word first

    return emit(trie)


MONTH_LOOKUP: dict[str, int] = {fold(k): v for k, v in MONTH_NAMES.items()}
MONTH_LOOKUP.update({fold(k): v for k, v in MONTH_ABBREVIATIONS.items()})
ABBREVIATION_KEYS = {fold(k) for k in MONTH_ABBREVIATIONS}
WEEKDAY_LOOKUP = {fold(k): v for k, v in WEEKDAYS.items()}
DIRECTION_LOOKUP = {fold(k): v for k, v in DIRECTION.items()}
RELATIVE_DAY_LOOKUP = {fold(k): v for k, v in RELATIVE_DAYS.items()}

# Ordinals of quarters and halves ("premier trimestre", "second half") -> rank.
PERIOD_ORDINALS: dict[str, int] = {
    "premier": 1,
    "1er": 1,
    "deuxième": 2,
    "deuxieme": 2,
    "2e": 2,
    "2ème": 2,
    "second": 2,
    "troisième": 3,
    "troisieme": 3,
    "3e": 3,
    "3ème": 3,
    "quatrième": 4,
    "quatrieme": 4,
    "4e": 4,
    "4ème": 4,
    "first": 1,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
# Period words -> months per period (a quarter is 3 months, a half 6).
PERIOD_UNITS: dict[str, int] = {"trimestre": 3, "quarter": 3, "semestre": 6, "half": 6}
PERIOD_ORDINAL_LOOKUP = {fold(k): v for k, v in PERIOD_ORDINALS.items()}
