"""Lines that are never clauses nor regions: site chrome, press-service headers, contact
lines, rules, translation notes, end marks ("./.", a Pandoc "\\###"), download links.

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
    # An end marker: a lone run of "#" (Pandoc writes it escaped, "\###", at the end of
    # a press release; also "# # #"), or of asterisks ("* * *").
    r"^(?:\\?#[ \t]*){1,6}$",
    r"^(?:\\?\*[ \t]*){3,}$",
    # "Download the PDF", "Télécharger le communiqué (PDF, 120 Ko)": a link to a file,
    # not text of the document (a short line only).
    r"^(?:download|t[ée]l[ée]charger)\b.{0,60}\b(?:pdf|docx?|file|fichier|document|"
    r"version|here|ici|statement|communiqu[ée]|texte?|full)\b.{0,40}$",
    # "\s*(?::\s*)?" is "\s*:?\s*" without two adjacent runs of the same class (which
    # backtrack quadratically over a long run of white space).
    # The Dutch treaty database's notes between articles and notes: status lines ("Wordt
    # voorlopig toegepast per 21-05-2013", "Treedt in werking op ...") and "(zoals in
    # Nr. I)" standing for the text of a note quoted in the reply.
    r"^(?:wordt voorlopig toegepast|treedt in werking|is in werking getreden|"
    r"zie (?:ook )?(?:nr|no)\b).{0,80}$",
    r"^\((?:zoals in|as in|comme (?:dans|au)) n[or]\.?\s*[ivx\d]+\)$",
    r"^(?:t(?:é|e)l(?:\.|éphone)?|t\.|tel\.?|phone|fax)\s*(?::\s*)?\+?[\d ()./-]{8,}$",
]
_BOILER = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
# A line holding an e-mail address (on its first line). Written as a search from the
# start of a run of address characters, which must hold a letter or digit: the same
# lines as ``.*\b[\w.+-]+@[\w-]+\.[\w.]+\b`` without its quadratic backtracking over
# one long run of "\w" and ".".
_EMAIL = re.compile(r"(?<![\w.+-])[.+-]*+\w[\w.+-]*@[\w-]+\.[\w.]+\b", re.IGNORECASE)
# Site chrome that closes the page: everything after it is related links.
_TAIL_MARKER = re.compile(
    r"^(?:(?:à|a) consulter (?:également|aussi)|lire aussi|voir aussi|see also|read also|"
    r"related (?:articles|content))$",
    re.IGNORECASE,
)
_END_MARK = "./."


def is_boilerplate(text: str) -> bool:
    t = text.strip().strip("*_ ").strip()
    if not t:  # a line of "*" or "_" only ("\\*\\*\\*" once unescaped): a rule
        return bool(text.strip())
    if _BOILER.match(t):
        return True
    return "@" in t and bool(_EMAIL.search(t.partition("\n")[0]))


def is_tail_marker(text: str) -> bool:
    return bool(_TAIL_MARKER.match(text.strip()))


def end_mark_length(text: str) -> int:
    """Characters to drop at the end of ``text`` for a closing "./." mark (keeps the ".")."""
    # With str methods: the regex ``\s*\./\.\s*$`` is quadratic on a long space run.
    t = text.rstrip()
    if not t.endswith(_END_MARK):
        return 0
    start = len(t[: -len(_END_MARK)].rstrip())
    if not text[:start].strip():
        return 0
    return len(text) - start - 1
