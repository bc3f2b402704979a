"""What a clause is about: its themes (ANNOTATION.md section 2), each with one evidence span.

A cue of ``lexicon/themes.csv`` is a theme only when the clause is about it; a passing
word is not a theme. Three kinds of cue:

- ``noun``: a noun phrase naming the subject ("fracture numérique", "cybersecurity",
  "données à caractère personnel"); a theme unless it is capitalised inside a name
  ("Internet Governance Forum", "ministère de l'Économie"). Multi-word phrases come first, so
  "développement durable" (development_inclusion) is read before "durable";
- ``adj_ai``: a quality ("sûre", "safe", "durable", "sustainable") counts only when it
  qualifies the technology itself: an AI word (IA, AI, systèmes, modèles, technologies,
  développement, usages ...) stands right before or after it. "une IA sûre" is
  safety, "a safe and inclusive world", "croissance durable" are passing words;
- ``risk``: "risques"/"risks" are safety only in a sentence about AI or models, and not
  when they are risks *to* something else ("risques pour l'emploi", "risks to the
  stability of cyberspace").
"""

from __future__ import annotations

import re

from aidecl_data.parse.enrich.acts import sentences
from aidecl_data.parse.enrich.lexicon import theme_lexicon
from aidecl_data.parse.enrich.places import confirmed
from aidecl_data.parse.enrich.wordindex import scan_text

_AI_HEAD = re.compile(
    r"(?<![\w-])(?:ia|intelligence artificielle|ai|artificial intelligence|systèmes?|systems?|"
    r"modèles?|models?|technologies?|technology|développement|development|"
    r"utilisations?|usages?|uses?)(?![\w-])",
    re.IGNORECASE,
)
_AI_WORD = re.compile(
    r"(?<![\w-])(?:ia|intelligence artificielle|ai|artificial intelligence|modèles?|models?|"
    r"cette technologie|this technology)(?![\w-])",
    re.IGNORECASE,
)
_RISK_TO = re.compile(r"\s+(?:pour|to|for)\s", re.IGNORECASE)
BEFORE, AFTER = 30, 45


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence: only quotes, brackets, stars, dashes and spaces
    after a sentence end (or the start) before it (read backwards, no copy of the text)."""
    i = pos
    while i > 0 and text[i - 1] in ' "«“(*-':
        i -= 1
    return i == 0 or text[i - 1] in ".;:!?"


def find_themes(
    text: str,
    lang: str,
    scan: str | None = None,
    sents: list[tuple[int, int]] | None = None,
    places=None,
) -> list[tuple[str, int, int]]:
    """(theme, start, end) of each theme of ``text``, its first evidence, in text order
    (``places``: where the theme lexicon may match in ``scan``, from
    ``places.document_scans``)."""
    if places is not None and not places:
        return []
    lexicon, groups = theme_lexicon(lang if lang in ("fr", "en") else "en")
    seen: dict[str, tuple[int, int]] = {}
    scan = scan or scan_text(text)
    name_at = lexicon.name_at
    found = (
        lexicon.pattern.finditer(scan)
        if places is None
        else confirmed(lexicon.pattern, scan, places)
    )
    for m in found:  # ``wordindex.matches``, inlined
        start, end = m.start(), m.end() - 1
        theme, kind = groups[name_at(scan, start + 1, end + 1)]
        if theme in seen:
            continue
        if text[start].isupper() and not _sentence_start(text, start):
            continue  # inside a name: "Internet Governance Forum", "ministère de l'Économie"
        if kind == "adj_ai":
            window = text[max(0, start - BEFORE) : end + AFTER]
            if not _AI_HEAD.search(window):
                continue
        elif kind == "risk":
            if _RISK_TO.match(text, end):
                continue
            sents = sents or sentences(text)
            a, b = next(((a, b) for a, b in sents if a <= start < b), (0, len(text)))
            if not _AI_WORD.search(text, a, b):
                continue
        seen[theme] = (start, end)
    # matches come leftmost first and a theme is kept at its first accepted match, so the
    # dict's insertion order is text order already
    return [(t, s, e) for t, (s, e) in seen.items()]
