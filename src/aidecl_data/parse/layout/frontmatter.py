"""Datelines, signatory-list lead-ins, names, and what a title looks like.

Datelines ("Palais de l'Élysée, le mardi 11 février 2025", "Paris, le 12 novembre 2018",
"Paris, 12th of November, 2018", "Fait à Paris, le ...") and publication lines
("Publié le 12 février 2025") are recognised by their shape; the date itself is resolved
by :func:`aidecl_data.parse.dates.find_dates`.
"""

from __future__ import annotations

import re

_MONTHS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|"
    r"d[ée]cembre|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|janv?\.?|f[ée]vr?\.?|sept?\.?|oct\.?|nov\.?|d[ée]c\.?"
)
_WEEKDAYS = (
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:er|e|st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS}),?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})"
)
DATELINE = re.compile(
    rf"^(?:(?:fait|done|sign[ée]d?)\s+(?:à|a|at|in)\s+)?"
    # a note's sender before its place: "Ambassade de France, Londres, le 9 septembre 1993"
    rf"(?:(?P<sender>(?-i:[A-ZÀ-ÝŒ])[^,\n\d]{{1,60}}?),\s*(?=(?-i:[A-ZÀ-ÝŒ])))?"
    rf"(?P<place>[A-ZÀ-ÝŒ][^,\n\d]{{1,60}}?),?\s+(?:le\s+|on\s+|the\s+)?"
    rf"(?:(?:{_WEEKDAYS}),?\s+)?(?P<date>{_DATE})\s*\.?$",
    re.IGNORECASE,
)
PUBLISHED = re.compile(
    rf"^(?:publi[ée]e?|mis en ligne|mis à jour|published|posted|updated)"
    rf"(?:\s+le|\s+on)?\s+(?:(?:{_WEEKDAYS}),?\s+)?(?P<date>{_DATE})\b.*$",
    re.IGNORECASE,
)
_NAMELIST_LEADIN = re.compile(
    r"\b(?:signataires?|signatories|signatory|ont sign[ée]|endorsed by|endorsers|"
    r"have endorsed|ont (?:soutenu|adh[ée]r[ée])|pays (?:adh[ée]rents|participants)|"
    r"liste des (?:pays|[ée]tats|participants)|list of (?:countries|states|participants))\b",
    re.IGNORECASE,
)
_TYPE_WORDS = (
    r"d[ée]claration|declaration|feuille de route|roadmap|road map|communiqu[ée]|"
    r"statement|appel|call|charte|charter|accord|agreement|m[ée]morandum|memorandum|"
    r"plan d'action|action plan|lettre d'intention|letter of intent|pacte?|principes|"
    r"principles|r[ée]solution|resolution|partenariat|partnership|conclusions|protocole|"
    r"protocol|convention|trait[ée]|treaty"
)
DOC_TYPE_WORD = re.compile(rf"\b(?:{_TYPE_WORDS})\b", re.IGNORECASE)
# A title that happens to end with a full stop still starts with the type of the text.
TITLE_START = re.compile(
    rf"^(?:(?:la|le|l'|the)\s*)?(?:joint\s+|common\s+)?(?:{_TYPE_WORDS})\b", re.IGNORECASE
)
_WORD = re.compile(r"\w+")


# Small words a place name may hold in lower case ("Palais de l'Élysée", "Saint-Martin-
# sur-Mer", "Rio de Janeiro"); any other lower-case word makes a sentence, not a place
# ("Le présent traité est entré en vigueur le 1er décembre 1994.").
_PLACE_PARTICLES = frozenset(
    [
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "à",
        "au",
        "aux",
        "en",
        "sur",
        "sous",
        "lès",
        "et",
        "y",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "di",
        "van",
        "von",
        "der",
        "den",
        "ten",
        "ter",
        "of",
        "the",
        "upon",
        "on",
        "am",
        "im",
    ]
)
_PLACE_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _is_place(name: str) -> bool:
    return all(
        w[0].isupper() or w.casefold() in _PLACE_PARTICLES for w in _PLACE_WORD.findall(name)
    )


def match_dateline(text: str) -> re.Match[str] | None:
    """A dateline or publication line (the whole unit, at most ~80 characters), whose
    place, if any, reads as a place name."""
    t = text.strip()
    if len(t) > 90:
        return None
    m = PUBLISHED.match(t)
    if m:
        return m
    m = DATELINE.match(t)
    return m if m and _is_place(m.group("place")) else None


# "At least 9 (11) words" in one match from the start: word runs and the runs between
# them alternate, so the pattern cannot backtrack. Every paragraph is asked whether it is
# a short lead-in; counting all the words of the long ones cost 0.3 ms per document.
_NINE_WORDS = re.compile(r"\W*(?:\w+\W+){8}\w")
_ELEVEN_WORDS = re.compile(r"\W*(?:\w+\W+){10}\w")


def is_namelist_leadin(text: str) -> bool:
    t = text.strip()
    return not _NINE_WORDS.match(t) and bool(_NAMELIST_LEADIN.search(t))


def is_name_line(text: str) -> bool:
    """A short line that can be one name of a list (a state, an organisation)."""
    t = text.strip().rstrip(".;,")
    if len(t) > 90 or t.endswith(":"):
        return False
    return _WORD.search(t) is not None and not _ELEVEN_WORDS.match(t)
