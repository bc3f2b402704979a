"""Lines that are never clauses nor regions: site chrome, press-service headers, contact
lines, rules, translation notes, end marks.

Patterns describe kinds of boilerplate met on government web pages and press releases,
in French and English, not phrases of one document.
"""

from __future__ import annotations

import re

_PATTERNS = [
    r"^service de presse\b.*$",
    r"^(?:press|media) (?:office|service|contacts?)\b.*$",
    r"^(?:contacts? presse|contact)\s*:?.*$",
    r"^\[?\s*(?:traduit de|traduction de|translated from|traduction non officielle|"
    r"unofficial translation)\b[^\]]*\]?\.?$",
    r"^(?:à|a) consulter (?:également|aussi)$",
    r"^voir (?:tous|toutes|aussi|également)\b.*$",
    r"^(?:lire aussi|en savoir plus|read (?:also|more)|see also|related (?:articles|content))\b.*$",
    r"^(?:partager|imprimer|share|print)(?: (?:cet article|this page|this article))?$",
    r"^\.?/\.$",
    r"^(?:-{3,}|\*{3,}|_{3,})$",
    r"^(?:https?://|www\.)\S+$",
    r"^(?:#\w+\s*)+$",
    r".*\b[\w.+-]+@[\w-]+\.[\w.]+\b.*",
    r"^(?:t(?:é|e)l(?:\.|éphone)?|t\.|tel\.?|phone|fax)\s*:?\s*\+?[\d ()./-]{8,}$",
]
_BOILER = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
# Site chrome that closes the page: everything after it is related links.
_TAIL_MARKER = re.compile(
    r"^(?:(?:à|a) consulter (?:également|aussi)|lire aussi|voir aussi|see also|read also|"
    r"related (?:articles|content))$",
    re.IGNORECASE,
)
_END_MARK = re.compile(r"\s*\./\.\s*$")


def is_boilerplate(text: str) -> bool:
    return bool(_BOILER.match(text.strip().strip("*_ ").strip()))


def is_tail_marker(text: str) -> bool:
    return bool(_TAIL_MARKER.match(text.strip()))


def end_mark_length(text: str) -> int:
    """Characters to drop at the end of ``text`` for a closing "./." mark (keeps the ".")."""
    m = _END_MARK.search(text)
    if not m or not text[: m.start()].strip():
        return 0
    return len(text) - m.start() - 1
