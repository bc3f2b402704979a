"""The language of each clause, and which clauses are a translation.

Why: official publications print a treaty in its authentic language and then a
translation (the Dutch treaty database gives the French text, then the Dutch one, with
"Artikel 1", "Gedaan te ...", "(w.g.)"), and slip database notes in another language
between articles ("Wordt voorlopig toegepast per 21-05-2013"). Read as clauses of the
document, the translation counts every act, date and signature block twice.

The rule: each clause gets the language with the most stop words in it, when the
evidence is clear (at least three stop words of that language, and twice as many as of
the language it would replace); a clause with too few words to tell (a signature line, a
short note) keeps the language of the clause before it, so a translation stays one run.
Headings are read the same way, so the translation's own title ("Cultureel Verdrag
tussen ...") starts the run. Clauses and headings in another language than the
document's are published (``clauses.language`` says which), but their regions are set
apart (``Structure.translated_regions``): dates, signatories and initiatives are read
from the text in the document's language only.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from aidecl_data.parse.text import trie_pattern

_STOP: dict[str, frozenset[str]] = {
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "du",
            "et",
            "en",
            "un",
            "une",
            "à",
            "au",
            "aux",
            "pour",
            "par",
            "sur",
            "dans",
            "que",
            "qui",
            "est",
            "sont",
            "ne",
            "pas",
            "il",
            "elle",
            "ils",
            "elles",
            "leur",
            "leurs",
            "ce",
            "cette",
            "ces",
            "avec",
            "présent",
            "présente",
            "être",
            "sera",
            "seront",
            "ou",
            "où",
            "selon",
            "entre",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "is",
            "for",
            "on",
            "that",
            "with",
            "by",
            "as",
            "be",
            "are",
            "will",
            "this",
            "shall",
            "which",
            "it",
            "its",
            "or",
            "an",
            "we",
            "our",
            "have",
            "has",
            "from",
            "their",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "van",
            "en",
            "in",
            "is",
            "op",
            "te",
            "dat",
            "die",
            "voor",
            "met",
            "zijn",
            "worden",
            "wordt",
            "niet",
            "aan",
            "door",
            "bij",
            "als",
            "naar",
            "om",
            "tot",
            "ook",
            "deze",
            "dit",
            "of",
            "uit",
            "over",
            "zal",
            "zullen",
            "kan",
            "hun",
            "zij",
            "wij",
            "hebben",
            "heeft",
            "der",
            "waarvan",
            "overeenkomstig",
            "tussen",
            "inzake",
            "betreffende",
            "per",
            "toegepast",
            "voorlopig",
            "treedt",
            "werking",
            "gedaan",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "zu",
            "den",
            "von",
            "mit",
            "sich",
            "des",
            "auf",
            "für",
            "ist",
            "im",
            "dem",
            "nicht",
            "ein",
            "eine",
            "als",
            "auch",
            "werden",
            "wird",
            "durch",
        ]
    ),
}
# A word in two lists ("de", "en", "in", "die") tells nothing between those two: it is
# left out of every count, so French "de la ... en" is not evidence for Dutch.
_SHARED = frozenset(w for a in _STOP for b in _STOP if a < b for w in _STOP[a] & _STOP[b])
_LANGS_OF = {w: lang for lang, words in _STOP.items() for w in words if w not in _SHARED}
# A token is a run of the letters ``[a-zà-ÿœæ]`` in the casefolded text. Only the counted
# stop words are looked for, as whole tokens, each with the non-letter before it (a space
# is put before the text): the pattern then starts with a character class the engine
# scans for in C, and no list of every other token is built.
_LETTERS = "a-zà-ÿœæ"
LETTERS = _LETTERS  # read by ``stopword_counts``, which scans for these words too
LANGS_OF = _LANGS_OF
_STOP_TOKEN = re.compile(rf"[^{_LETTERS}]({trie_pattern(_LANGS_OF)})(?![{_LETTERS}])")
MIN_EVIDENCE = 3


def stop_tokens(text: str) -> list[str]:
    """The counted stop words of ``text``, in order."""
    return _STOP_TOKEN.findall(" " + text.casefold())


def counts(text: str) -> Counter[str]:
    """Stop words of each language in ``text`` (words shared by two lists not counted).
    Languages come in the order of their first word in the text (``clause_language``
    breaks ties by that order)."""
    c: Counter[str] = Counter()
    for tok, n in Counter(_STOP_TOKEN.findall(" " + text.casefold())).items():
        c[_LANGS_OF[tok]] += n
    return c


def language_counts(tokens: list[str]) -> Counter[str]:
    """``counts`` from the stop-word tokens of a text in order (``stopword_counts``:
    tokens of other lists too), by language in the order of their first word."""
    c: Counter[str] = Counter()
    get = _LANGS_OF.get
    for tok in tokens:
        lang = get(tok)
        if lang is not None:
            c[lang] += 1
    return c


def clause_language(text: str, current: str) -> str:
    """The language of one clause, given the language of the clause before it."""
    return choose(counts(text), current)


def choose(c: Counter[str], current: str) -> str:
    """The language of a clause whose stop words are ``c`` (``counts``), given the
    language of the clause before it."""
    if not c:
        return current
    best, n = max(c.items(), key=lambda kv: (kv[1], kv[0] == current))
    if best == current or n < MIN_EVIDENCE or n < 2 * c.get(current, 0):
        return current
    return best


_FOREIGN: dict[str, re.Pattern[str]] = {}  # by document language, built on demand


def _foreign_words(document_language: str) -> re.Pattern[str]:
    """``_STOP_TOKEN`` for the stop words of the languages other than the document's."""
    rx = _FOREIGN.get(document_language)
    if rx is None:
        words = [w for w, lang in _LANGS_OF.items() if lang != document_language]
        rx = re.compile(rf"[^{_LETTERS}]({trie_pattern(words)})(?![{_LETTERS}])")
        _FOREIGN[document_language] = rx
    return rx


_FOREIGN_WORDS: dict[str, frozenset[str]] = {}  # by document language


def foreign_words(document_language: str) -> frozenset[str]:
    """The counted stop words of the languages other than the document's."""
    words = _FOREIGN_WORDS.get(document_language)
    if words is None:
        words = frozenset(w for w, lang in _LANGS_OF.items() if lang != document_language)
        _FOREIGN_WORDS[document_language] = words
    return words


def may_switch(texts: list[str], document_language: str) -> bool:
    """Whether one of ``texts`` holds three stop words of one other language.

    Why: a run starts in the document's language and a clause leaves it only on three
    stop words of another language, so without such a clause every text is in the
    document's language. A text in the document's language often holds a few stray
    foreign words ("de", "van" in names), too few in any one clause; one pass over the
    joined text, with only the foreign words looked for, spares counting every clause.
    (Casefolding is per character, so the joined folded texts are the folded texts
    joined, and each text's words end at the joining space as at its own end.)"""
    folded = [t.casefold() for t in texts]
    starts: list[int] = []
    pos = 1
    for t in folded:
        starts.append(pos)
        pos += len(t) + 1
    seen: Counter[tuple[int, str]] = Counter()
    for m in _foreign_words(document_language).finditer(" " + " ".join(folded)):
        key = (bisect.bisect_right(starts, m.start(1)) - 1, _LANGS_OF[m.group(1)])
        seen[key] += 1
        if seen[key] >= MIN_EVIDENCE:
            return True
    return False


def assign(texts: list[str], document_language: str) -> list[str]:
    """The language of each text of a run read in order (clauses and headings)."""
    if not may_switch(texts, document_language):
        return [document_language] * len(texts)
    out: list[str] = []
    current = document_language
    for t in texts:
        current = clause_language(t, current)
        out.append(current)
    return out
