"""Stop words of each unit's text, counted once for both readings of language.

Why: the document's language (:func:`aidecl_data.parse.metadata.detect_language`, on the
text of the units that are not boilerplate) and the language of each clause
(:func:`aidecl_data.parse.clause_language.assign`, on the headings, clauses and signature
lines) both count stop words in nearly the same text, and each scan is a regex tried
after every non-letter of it. Here each unit's text is scanned once,
for the words of both lists, when the document's language is read; the clause languages
then reuse the counts of every unit whose text has not changed since (a title or a "Pour
..." line joined later is scanned again), within this one document.

The results are those of the two functions, by construction: both count tokens, the
maximal runs of letters of the casefolded text that are stop words, each run standing
after a non-letter. Runs do not change when the text is cut into units joined by spaces,
so a unit's tokens are its part of the joined text's tokens, and a scan for the union of
the two word lists finds every token of each list (a match takes a run and the non-letter
before it, never the character before the next run). The letters differ in one character:
``metadata`` counts the dotless "ı" as a letter, ``clause_language`` does not; a text
holding one is read by ``metadata.detect_language`` itself. ``detect_language`` reads the
first 20,000 characters of the joined text: the unit cut there is scanned up to the cut.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain

from aidecl_data.parse import clause_language, metadata
from aidecl_data.parse.layout.units import Unit
from aidecl_data.parse.text import trie_pattern

_LETTERS = clause_language.LETTERS
_DOTLESS_I = "\u0131"  # a letter for ``metadata`` only (its letters: ``_LETTERS`` + "ı")
_WORDS = {*metadata.LANGS_OF, *clause_language.LANGS_OF}
_STOP_TOKEN = re.compile(rf"[^{_LETTERS}]({trie_pattern(_WORDS)})(?![{_LETTERS}])")


def _scan(text: str) -> list[str]:
    """The stop words of both lists in ``text``, in order."""
    return _STOP_TOKEN.findall(" " + text.casefold())


class StopWordCounts:
    """The stop-word tokens of the units of one document, by unit (and its text then)."""

    def __init__(self) -> None:
        self._by_unit: dict[int, tuple[str, list[str]]] = {}

    def document_language(self, units: list[Unit]) -> str:
        """``metadata.detect_language`` of the text of the units that are not
        boilerplate, joined by spaces."""
        return metadata.best_language(self.document_counts(units))

    def document_counts(self, units: list[Unit]) -> dict[str, int]:
        """``metadata.stop_word_counts`` of that text.

        The joined text is casefolded once and each unit's part of it scanned in place
        (``findall`` from the space before the unit to its end): no string per unit.
        """
        parts = [u for u in units if u.role != "boiler"]
        joined = " " + " ".join(u.text for u in parts)
        if _DOTLESS_I in joined:
            return metadata.stop_word_counts(joined[1:])
        folded = joined.casefold()
        if len(folded) != len(joined):  # casefolding changed a length ("ß"): per unit
            folded = ""
        limit = metadata.LANGUAGE_CHARS + 1  # the leading space is not the text's
        found: list[list[str]] = []
        pos = 0  # the space before the unit, in ``joined``
        for u in parts:
            if pos + 1 >= limit:
                break  # past what the language reads: clause languages scan on demand
            end = pos + 1 + len(u.text)
            tokens = _STOP_TOKEN.findall(folded, pos, end) if folded else _scan(u.text)
            self._by_unit[id(u)] = (u.text, tokens)
            if end <= limit:
                found.append(tokens)
            else:  # the language's text is cut inside this unit
                found.append(_scan(u.text[: limit - pos - 1]))
            pos = end
        counts = dict.fromkeys(metadata.STOP_LANGUAGES, 0)
        for tok, n in Counter(chain.from_iterable(found)).items():
            for lang in metadata.LANGS_OF.get(tok, ()):
                counts[lang] += n
        return counts

    def _tokens(self, u: Unit) -> list[str]:
        known = self._by_unit.get(id(u))
        if known is not None and known[0] is u.text:
            return known[1]
        # the clause languages' own words are enough here (``language_counts`` reads
        # only them), and their shorter list scans faster
        return clause_language.stop_tokens(u.text)

    def clause_languages(self, units: list[Unit], document_language: str) -> list[str]:
        """``clause_language.assign`` of the units' texts.

        As ``clause_language.may_switch``: without three stop words of one other
        language in a text, every text is in the document's language. Those words are
        picked out of each text's tokens by a set test (most texts have none), and only
        a document that may switch is counted text by text."""
        tokens = [self._tokens(u) for u in units]
        foreign = clause_language.foreign_words(document_language)
        least = clause_language.MIN_EVIDENCE
        langs_of = clause_language.LANGS_OF
        for toks in tokens:
            found = [t for t in toks if t in foreign]
            if len(found) >= least and max(Counter(langs_of[t] for t in found).values()) >= least:
                break
        else:
            return [document_language] * len(units)
        per_unit = [clause_language.language_counts(t) for t in tokens]
        out: list[str] = []
        current = document_language
        for c in per_unit:
            current = clause_language.choose(c, current)
            out.append(current)
        return out
