"""Document metadata read from the text: language, document type, publisher, date, title.

Everything here is a general rule over the cleaned front matter and opening text; nothing
is keyed to one document.

Document types: ``joint_declaration`` ("déclaration conjointe/commune", "joint declaration",
and a "déclaration franco-<x>" which names two parties), ``joint_statement``,
``declaration`` (also an "appel"/"call": a declaration open to endorsement; keeping the
vocabulary small keeps queries simple), ``statement``, ``roadmap``, ``press_release``,
``charter``, ``agreement``, ``action_plan``, else ``other``. An untitled text is typed by
how it speaks: two parties acting together ("les deux Chefs d'État") make a joint
declaration, a group saying "nous"/"we" a declaration.

The document date comes first from a publication line or a dateline
(``date_source = "text"``), else it is inferred from the opening paragraph: the end of the
first dated event it reports (a state visit "du 6 au 7 mai 2024" gives 2024-05-07), with
``date_source = "inferred"``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from aidecl_data.parse.dates import find_dates
from aidecl_data.parse.text import fold_apostrophes, fold_for_match, trie_pattern

_STOP = {
    "fr": set(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "de",
            "et",
            "est",
            "une",
            "un",
            "pour",
            "dans",
            "que",
            "qui",
            "sur",
            "au",
            "aux",
            "avec",
            "par",
            "leur",
            "ont",
            "sont",
            "nous",
            "ils",
            "elles",
            "cette",
            "ces",
        ]
    ),
    "en": set(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "are",
            "for",
            "that",
            "with",
            "on",
            "by",
            "we",
            "our",
            "their",
            "this",
            "as",
            "be",
            "have",
            "has",
            "which",
            "it",
        ]
    ),
    "de": set(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "mit",
            "den",
            "von",
            "zu",
            "im",
            "für",
            "auf",
            "dem",
            "wir",
        ]
    ),
    "es": set(
        [
            "el",
            "los",
            "las",
            "del",
            "y",
            "en",
            "que",
            "por",
            "con",
            "para",
            "una",
            "su",
            "se",
            "al",
            "como",
        ]
    ),
}
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOP.items():
    for _w in _words:
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)
# A token is a run of the letters ``[a-zà-ÿœæ]`` matched case-insensitively in the
# casefolded text; in casefolded text that is exactly the ``_LETTERS`` below (the dotless
# "ı" is the one case-insensitive extra, checked over every code point). Only the stop
# words are looked for, as whole tokens, each with the non-letter before it (the pattern
# then starts with a character class, which the regex engine scans for quickly; a space
# is put before the text): no list and count of every other token (measured 5.2M -> 3.0M
# instructions per document).
_LETTERS = "a-zà-ÿœæı"
_STOP_TOKEN = re.compile(rf"[^{_LETTERS}]({trie_pattern(_LANGS_OF)})(?![{_LETTERS}])")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language with most stop words (``fr`` when nothing counts)."""
    counts = dict.fromkeys(_STOP, 0)
    for tok, n in Counter(_STOP_TOKEN.findall(" " + text[:20000].casefold())).items():
        for lang in _LANGS_OF[tok]:
            counts[lang] += n
    best = max(counts, key=lambda k: (counts[k], k == "fr"))
    return best if counts[best] else "fr"


# (pattern on the folded title or opening, type). First match wins: the specific before
# the general ("déclaration conjointe" before "déclaration").
_TYPE_RULES = [
    (r"\b(?:feuille de route|road ?map)\b", "roadmap"),
    (
        r"\bcommunique conjoint\b|\bjoint (?:press )?communique\b|\bjoint statement\b",
        "joint_statement",
    ),
    (r"\bdeclaration (?:commune|conjointe)\b|\bjoint declaration\b", "joint_declaration"),
    (
        r"\bdeclaration (?:franco|germano|anglo|sino|italo|hispano|luso|belgo|nippo|indo)-\w+",
        "joint_declaration",
    ),
    (r"\bcommunique de presse\b|\bpress release\b|\bcommunique\b", "press_release"),
    (r"\bdeclaration\b", "declaration"),
    (r"\b(?:appel|call)\b", "declaration"),
    (r"\bstatement\b", "statement"),
    (r"\b(?:charte|charter)\b", "charter"),
    (r"\b(?:memorandum|accord|agreement|lettre d'intention|letter of intent)\b", "agreement"),
    (r"\b(?:plan d'action|action plan)\b", "action_plan"),
]
_TYPE_RX = [(re.compile(p), t) for p, t in _TYPE_RULES]
# An untitled text in which two parties speak together, or a group says "we".
_BILATERAL = re.compile(
    r"\bles deux (?:chefs d'etat|chefs de gouvernement|pays|parties|dirigeants|presidents|"
    r"ministres)\b|\bthe two (?:leaders|countries|sides|parties|heads of state)\b|\bboth "
    r"(?:leaders|countries|sides)\b"
)
_WE = re.compile(r"\b(?:we|nous)\b")


def document_type(title: str, title_source: str, opening: str) -> str:
    """Type from the printed title, else from how the opening speaks (see module doc)."""
    if title and title_source in ("text", "metadata"):
        t = fold_for_match(title)
        for rx, typ in _TYPE_RX:
            if rx.search(t):
                return typ
        return "other"
    o = fold_for_match(opening)
    if _BILATERAL.search(o):
        return "joint_declaration"
    if len(_WE.findall(o)) >= 2:
        return "declaration"
    return "other"


_PUBLISHERS = [
    (
        re.compile(r"\bpr[ée]siden\w*\s+de\s+la\s+r[ée]publique\b|\b[ée]lys[ée]e\b", re.I),
        "Présidence de la République française",
    ),
    (
        re.compile(r"\bminist[eè]re de l'europe et des affaires [ée]trang[eè]res\b", re.I),
        "Ministère de l'Europe et des Affaires étrangères",
    ),
    (
        re.compile(r"\bmatignon\b|\bservices? du premier ministre\b", re.I),
        "Services du Premier ministre",
    ),
]
_PUBLISHER_LINE = re.compile(r"\b(?:service de presse|press office|communiqu[ée] de)\b", re.I)


def publisher(header_lines: list[str]) -> str:
    """The issuing office, only when a press-service header or a mail domain names it."""
    for line in header_lines:
        if not (_PUBLISHER_LINE.search(line) or "@" in line):
            continue
        folded = fold_apostrophes(line)
        for rx, name in _PUBLISHERS:
            if rx.search(folded):
                return name
    return ""


def _first_absolute_date(text: str, language: str, *, end: bool) -> tuple[str, str]:
    """(ISO date, precision) of the first non-relative date of ``text``, or ("", "").

    ``end`` picks the end of a range ("du 6 au 7 mai 2024" -> the 7th), else its start.
    """
    for m in find_dates(text, language, None):
        d = (m.end_date or m.start_date) if end else (m.start_date or m.end_date)
        if d is not None and not m.is_relative:
            return d.isoformat(), m.precision
    return "", ""


def date_from_line(text: str, language: str) -> tuple[str, str]:
    """(ISO date, precision) of the first resolvable date in a dateline, or ("", "")."""
    return _first_absolute_date(text, language, end=False)


def infer_date(opening: str, language: str) -> tuple[str, str]:
    """The end of the first absolute date expression of the opening paragraph: a visit
    "du 6 au 7 mai 2024" is dated by its last day, when the joint text was adopted."""
    return _first_absolute_date(opening, language, end=True)


_TYPE_LABEL = {
    "fr": {
        "joint_declaration": "Déclaration conjointe",
        "declaration": "Déclaration",
        "roadmap": "Feuille de route",
        "press_release": "Communiqué de presse",
        "statement": "Déclaration",
        "joint_statement": "Déclaration commune",
        "other": "Texte",
    },
    "en": {
        "joint_declaration": "Joint declaration",
        "declaration": "Declaration",
        "roadmap": "Roadmap",
        "press_release": "Press release",
        "statement": "Statement",
        "joint_statement": "Joint statement",
        "other": "Text",
    },
}
_MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def infer_title(doc_type: str, language: str, date: str, place: str) -> str:
    """A title for an untitled text: its type, and its place and date when known
    ("Déclaration conjointe du 7 mai 2024", "Declaration, Paris, 12 November 2018")."""
    lang = language if language in _TYPE_LABEL else "en"
    label = _TYPE_LABEL[lang].get(doc_type, _TYPE_LABEL[lang]["other"])
    parts = [label]
    if place:
        parts.append(f"à {place}" if lang == "fr" else place)
    if date:
        d = dt.date.fromisoformat(date)
        day = "1er" if (d.day == 1 and lang == "fr") else str(d.day)
        when = f"{day} {_MONTHS[lang][d.month - 1]} {d.year}"
        parts.append(("du " if lang == "fr" else "") + when)
    if lang == "fr":
        return " ".join(parts)
    return ", ".join(parts)
