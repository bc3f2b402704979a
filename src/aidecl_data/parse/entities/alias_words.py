"""Gazetteer aliases matched word by word, with no regex compiled per alias.

Why: the alias patterns of ``gazetteer`` (``alias_pattern``: words joined by a gap that
allows separators and a dropped article, "de" read as de/du/des/d', heads with a
plural) were compiled into regexes: per first word on first use (``_leaf_rx``,
``_alias_patterns``), then all in one (``_all_aliases_rx``). Compiling them cost a fresh
process more CPU than the entity stages then spent parsing a
245-document corpus. Here each alias is a tuple of words, each word the literal
variants its pattern allows, and ``match_alias`` walks them with the pattern's own
backtracking order (the same alternatives, tried in the same order), so it returns the
end the compiled pattern returns; the regexes stay as the reference the tests compare
with (``tests/test_alias_words.py``; figures in benchmarks/README.md).

An index keyed by an alias's second word (``FirstWord.by_second``) leaves, at a place in
the text, the few aliases whose next word is there: most places that start an alias's
first word ("united", "global") are followed by none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# One word of an alias: the literals its pattern (``gazetteer._word_pattern``) matches,
# in the order the pattern tries them.
Word = tuple[str, ...]
Alias = tuple[Word, ...]

_SEP_RUN = re.compile(r"[\s\-/.]+")  # the gap's separators
_SPACE_RUN = re.compile(r"\s+")  # after an article
_SPACES = re.compile(r"\s*")  # after "l'"
_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")
_GAP_ARTICLES = ("le", "la", "les", "the")


def word_variants(word: str, heads: frozenset[str]) -> Word:
    """The literals of ``gazetteer._word_pattern(word)``, in the order it tries them."""
    if word == "and":
        return ("and", "&")  # (?:and|&)
    if word == "de":
        return ("de", "du", "des", "d'")  # d(?:e|u|es|')
    if word in heads:
        return (word + "s", word + "x", word + "es", word)  # word(?:s|x|es)? (greedy)
    return (word,)


def _word_starts(text: str, pos: int) -> list[int]:
    """Where the word after the gap at ``pos`` may start, in the order the gap
    ``(?:(?<=')|[\\s\\-/.]+)(?:(?:le|la|les|the)\\s+|l'\\s*)?`` tries them. A shorter run
    of separators or spaces than the longest is never tried: every word starts with a
    word character or "&", which none of them is."""
    out: list[int] = []
    if pos and text[pos - 1] == "'":
        _after_article(text, pos, out)
    c = text[pos : pos + 1]
    if c == " ":  # most gaps: one space before a word (no regex call)
        n = text[pos + 1 : pos + 2]
        if not n or (n not in "-/." and not n.isspace()):
            _after_article(text, pos + 1, out)
            return out
    elif not c or (c not in "-/." and not c.isspace()):
        return out
    _after_article(text, _SEP_RUN.match(text, pos).end(), out)
    return out


def _after_article(text: str, g: int, out: list[int]) -> None:
    if text.startswith(("l", "t"), g):  # every article starts so (most words do not)
        for art in _GAP_ARTICLES:
            if text.startswith(art, g):
                m = _SPACE_RUN.match(text, g + len(art))
                if m:
                    out.append(m.end())
        if text.startswith("l'", g):
            out.append(_SPACES.match(text, g + 2).end())
    out.append(g)


def match_alias(text: str, pos: int, alias: Alias, gap: bool) -> int:
    """The end of ``alias`` matched at ``pos`` (after a gap first when ``gap``: the rest
    of an alias after its first word), then not followed by a word character; -1 when
    it does not match. The same end as the compiled pattern's ``match``."""
    if not alias:
        return -1 if _WORD_CHAR.match(text, pos) else pos
    return _match(text, _word_starts(text, pos) if gap else (pos,), alias, 0)


def _match(text: str, starts: list[int] | tuple[int], alias: Alias, k: int) -> int:
    """``alias[k:]`` with its word ``k`` at one of ``starts``, tried in order."""
    last = k + 1 == len(alias)
    for a in starts:
        for lit in alias[k]:
            if text.startswith(lit, a):
                e = a + len(lit)
                if last:
                    if not _WORD_CHAR.match(text, e):
                        return e
                else:
                    r = _match(text, _word_starts(text, e), alias, k + 1)
                    if r >= 0:
                        return r
    return -1


def _keys_at(text: str, a: int, out: set[str]) -> None:
    """The words an alias word starting at ``a`` may be (a superset): a literal word
    is the whole run of word characters there (a gap or the end follows it), a head
    that run less its plural ending, "de" a "de"/"du"/"des"/"d'", "and" an "&"."""
    m = _WORD_RUN.match(text, a)
    t = m.group() if m else ""
    out.add(t)
    if t[-1:] in ("s", "x"):
        out.add(t[:-1])
        if t.endswith("es"):
            out.add(t[:-2])
    if t in ("du", "des") or (t == "d" and text.startswith("'", a + 1)):
        out.add("de")
    if text.startswith("&", a):
        out.add("and")


@dataclass
class FirstWord:
    """The aliases sharing a first word, in the order their patterns are tried."""

    aliases: list[Alias] = field(default_factory=list)  # the words after the first
    by_second: dict[str, list[int]] = field(default_factory=dict)  # second word -> indexes
    bare: list[int] = field(default_factory=list)  # aliases of one word

    def add(self, second_words: list[str], heads: frozenset[str]) -> None:
        i = len(self.aliases)
        self.aliases.append(tuple(word_variants(w, heads) for w in second_words))
        if second_words:
            self.by_second.setdefault(second_words[0], []).append(i)
        else:
            self.bare.append(i)

    def match_rest(self, text: str, pos: int) -> int:
        """``plural + (?:rest|rest|...)`` at ``pos``, right after the first word: the
        first alias whose rest matches, its end; -1 if none. Only the aliases whose
        second word is there (``_keys_at``) are tried: the others do not match."""
        starts = _word_starts(text, pos)
        found: set[int] | None = None
        if self.by_second and starts:
            keys: set[str] = set()
            for a in starts:
                _keys_at(text, a, keys)
            for key in keys:
                hit = self.by_second.get(key)
                if hit:
                    found = (found or set()) | set(hit)
        if found is None:
            if not self.bare:
                return -1
            order: list[int] = self.bare
        else:
            order = sorted(found.union(self.bare))
        for i in order:
            alias = self.aliases[i]
            if alias:
                e = _match(text, starts, alias, 0)  # the gap after the first word, once
            else:
                e = -1 if _WORD_CHAR.match(text, pos) else pos
            if e >= 0:
                return e
        return -1


def match_leaf(entry: FirstWord, is_head: bool, text: str, pos: int) -> int:
    """``gazetteer._leaf_rx(first).match(text, pos)``'s end (-1 for no match): a head's
    plural ending first (``(?:s|x|es)?``, greedy), then the rests of its aliases."""
    if is_head:
        for suffix in ("s", "x", "es"):
            if text.startswith(suffix, pos):
                e = entry.match_rest(text, pos + len(suffix))
                if e >= 0:
                    return e
    return entry.match_rest(text, pos)


@dataclass
class FullAliases:
    """The whole aliases sharing a first word (``gazetteer.by_first_word``), in order."""

    first: Word = ()
    aliases: list[Alias] = field(default_factory=list)
    rest: FirstWord = field(default_factory=FirstWord)  # indexed by second word

    def add(self, words: list[str], heads: frozenset[str]) -> None:
        self.first = word_variants(words[0], heads)
        self.aliases.append(tuple(word_variants(w, heads) for w in words))
        self.rest.add(words[1:], heads)

    def candidates(self, text: str, pos: int) -> list[int]:
        """Indexes of the aliases that may match at ``pos`` (their first word, then their
        second, are there), in order: the others' patterns do not match there."""
        keys: set[str] = set()
        for lit in self.first:
            if text.startswith(lit, pos):
                for a in _word_starts(text, pos + len(lit)):
                    _keys_at(text, a, keys)
        found = set(self.rest.bare)
        for key in keys:
            found.update(self.rest.by_second.get(key, ()))
        return sorted(found)
