"""Document metadata read from the text: language, document type, publisher, date, title.

Everything here is a general rule over the cleaned front matter and opening text; nothing
is keyed to one document.

Document types: ``joint_declaration`` ("déclaration conjointe/commune", "joint declaration",
and a "déclaration franco-<x>" which names two parties), ``joint_statement``,
``declaration`` (also an "appel"/"call": a declaration open to endorsement; keeping the
vocabulary small keeps queries simple), ``statement``, ``roadmap``, ``press_release``,
``charter``, ``agreement``, ``action_plan``, else ``other``. An untitled text is typed by
how it speaks: two parties acting together ("les deux Chefs d'État") make a joint
declaration, parties that "sont convenus de ce qui suit" / "have agreed as follows" (or
"Hautes Parties contractantes") an agreement, a group saying "nous"/"we" a declaration.

A web page's YAML front matter (``layout.yamlfront``) is its card: its title is the
document's title (``title_source = "metadata"``): the page declares it, where a title
found in the text is a guess among the first lines. Its date comes after a dateline of
the text (which dates the act itself, where the page's date is when it was posted) and
before any inference (``date_source = "metadata"``).

The document date comes first from a publication line or a dateline
(``date_source = "text"``), else from the front matter, else it is inferred from the
opening paragraph: the end of the first dated event it reports (a state visit "du 6 au 7
mai 2024" gives 2024-05-07), with ``date_source = "inferred"``.
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


# What ``stopword_counts`` reads to count the same words (each unit's scan shared with
# the clause languages).
LANGS_OF = _LANGS_OF
STOP_LANGUAGES = tuple(_STOP)
LANGUAGE_CHARS = 20000  # the language is read on the text's first characters


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language with most stop words (``fr`` when nothing counts)."""
    return best_language(stop_word_counts(text))


def stop_word_counts(text: str) -> dict[str, int]:
    """The stop words of each language (``_STOP`` order) in the start of ``text``."""
    counts = dict.fromkeys(_STOP, 0)
    for tok, n in Counter(_STOP_TOKEN.findall(" " + text[:LANGUAGE_CHARS].casefold())).items():
        for lang in _LANGS_OF[tok]:
            counts[lang] += n
    return counts


def best_language(counts: dict[str, int]) -> str:
    """The language with most stop words in ``counts`` (in ``_STOP`` order), ``fr`` on a
    tie or when nothing counts."""
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
# Parties that agree on provisions: the formula of an agreement or a treaty.
_AGREED = re.compile(
    r"\b(?:sont convenu(?:e?s)? (?:de ce qui suit|des dispositions suivantes)|"
    r"ont convenu de ce qui suit|hautes parties contractantes|"
    r"(?:have|hereby) agreed? (?:as follows|on the following)|high contracting parties)\b"
)


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
    if _AGREED.search(o):
        return "agreement"
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


def _first_absolute_date(
    text: str, language: str, *, end: bool, memo: dict | None = None
) -> tuple[str, str]:
    """(ISO date, precision) of the first non-relative date of ``text``, or ("", "").

    ``end`` picks the end of a range ("du 6 au 7 mai 2024" -> the 7th), else its start.
    """
    for m in find_dates(text, language, None, memo):
        d = (m.end_date or m.start_date) if end else (m.start_date or m.end_date)
        if d is not None and not m.is_relative:
            return d.isoformat(), m.precision
    return "", ""


def date_from_line(text: str, language: str, memo: dict | None = None) -> tuple[str, str]:
    """(ISO date, precision) of the first resolvable date in a dateline, or ("", "").
    ``memo``: see :func:`aidecl_data.parse.dates.find_dates`."""
    return _first_absolute_date(text, language, end=False, memo=memo)


def infer_date(opening: str, language: str, memo: dict | None = None) -> tuple[str, str]:
    """The end of the first absolute date expression of the opening paragraph: a visit
    "du 6 au 7 mai 2024" is dated by its last day, when the joint text was adopted. A
    bare year ("un rapport ... au plus tard en 1996") names a time, not the day of the
    text: no date."""
    date, precision = _first_absolute_date(opening, language, end=True, memo=memo)
    return ("", "") if precision == "year" else (date, precision)


_TYPE_LABEL = {
    "fr": {
        "joint_declaration": "Déclaration conjointe",
        "declaration": "Déclaration",
        "roadmap": "Feuille de route",
        "press_release": "Communiqué de presse",
        "statement": "Déclaration",
        "joint_statement": "Déclaration commune",
        "agreement": "Accord",
        "other": "Texte",
    },
    "en": {
        "joint_declaration": "Joint declaration",
        "declaration": "Declaration",
        "roadmap": "Roadmap",
        "press_release": "Press release",
        "statement": "Statement",
        "joint_statement": "Joint statement",
        "agreement": "Agreement",
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


def apply_front_matter(st, front) -> None:
    """Title, date, source URL and tags of a ``Structure`` from its YAML front matter
    (rules in the module docstring); the type follows the title, an inferred title the
    date."""
    st.front = front
    st.source_url = front.source_url
    st.tags = front.tags
    # the page's date unless the text gives its own to the day (a month or a year read
    # from the text is less than the page says)
    if front.date and (st.date_source != "text" or st.date_precision != "day"):
        st.date, st.date_precision, st.date_source = front.date, "day", "metadata"
    if front.title:
        st.title, st.title_source = front.title, "metadata"
    opening = " ".join(c.text for c in st.clauses[:3])
    st.document_type = document_type(st.title, st.title_source, opening)
    if st.title_source == "inferred":
        st.title = infer_title(st.document_type, st.language, st.date, st.place)


# "Fait à Rabat, le 21 mai 2013", "FAIT en double exemplaire, ..., à Ankara, le 12 mai
# 1960", "Done at Washington, this 14th day of July, 2022": the formula of signature that
# closes a treaty, at the start of a sentence (often glued to the previous one in texts
# whose line ends were lost: "...leurs sceaux.Fait à La Haye ...").
_SIGNED = re.compile(r"\b(?:fait|done|signed|sign[ée])\b")  # searched in lower case
_SENTENCE_END = '.!?;:)»”"*'
_SIGNED_PLACE = re.compile(
    r"\b(?:à|a|at|in)\s+(?P<place>[A-ZÀ-Ý][\w'’ -]{1,40}?)"
    r"(?=\s*,|\s+(?:le|on|this|the)\b|\s+\d)"
)
_NUMERIC_DAY = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b")
_SIGNED_WINDOW = 200


def signature_date(texts: list[str], language: str) -> tuple[str, str, str]:
    """(ISO date, precision, place) of the first signature formula of ``texts`` (the
    text's regions in reading order), or ("", "", "").

    The date is the first absolute date within 200 characters after "Fait"/"Done"/
    "Signed" (a ``dd-mm-yyyy`` date too, as treaty databases write it); the place the
    capitalized name after "à"/"at" before the date. The first formula is taken: a
    translation that follows the original repeats it.
    """
    for text in texts:
        low = text.lower()  # "in" tests scan in C: most texts hold none of the words
        if len(low) != len(text) or not ("fait" in low or "done" in low or "sign" in low):
            continue
        for m in _SIGNED.finditer(low):
            j = m.start() - 1
            while j >= 0 and text[j].isspace():
                j -= 1
            if j >= 0 and text[j] not in _SENTENCE_END:
                continue  # "il a fait une déclaration": not the formula
            window = text[m.start() : m.start() + _SIGNED_WINDOW]
            date, prec = _first_absolute_date(window, language, end=False)
            if not date:
                n = _NUMERIC_DAY.search(window)
                if n:
                    try:
                        date = dt.date(int(n[3]), int(n[2]), int(n[1])).isoformat()
                        prec = "day"
                    except ValueError:
                        date = ""
            if not date:
                continue
            p = _SIGNED_PLACE.search(window)
            return date, prec, p.group("place").strip() if p else ""
    return "", "", ""


def apply_signature_date(st) -> None:
    """Date (and place) of a ``Structure`` from its signature formula, when the text has
    no dateline and no metadata date (``date_source = "text"``: the text states it)."""
    if st.date_source not in ("", "inferred"):
        return
    texts = [r.text.text for r in st.regions if r.kind in ("clause", "dateline", "meta")]
    date, prec, place = signature_date(texts, st.language)
    if not date:
        return
    st.date, st.date_precision, st.date_source = date, prec, "text"
    if place and not st.place:
        st.place = place
    if st.title_source == "inferred":
        st.title = infer_title(st.document_type, st.language, st.date, st.place)
