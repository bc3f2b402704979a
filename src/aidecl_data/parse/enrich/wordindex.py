"""Lexicon regexes that ``re`` runs at C speed: lower-case text, word starts only.

Why: a lexicon compiled as one case-insensitive alternation behind a ``(?<!\\w)``
boundary is tried by ``re`` at every character of every clause, and ``re``'s fast paths
(skipping to characters that can start a match; dropping an alternative at its first
letter) are off for a leading look-behind and for case-insensitive literals. Here:

- the clause is lower-cased once (``lowered``; same length as the text, so offsets hold);
- the characters that can stand right before a word (apostrophes, quotes, brackets,
  dashes, every kind of space) become spaces in the scanned copy (``scan_text``, same
  length),
  and the pattern starts with a literal space, so ``re`` jumps from space to space
  (a leading character class or look-behind would make it try every position, which was
  most of the cost: see benchmarks/README.md); an apostrophe inside a pattern matches the
  space it became;
- alternatives are grouped by their first letter, so at a word start only the group of
  that letter is tried, and a literal first letter rejects a branch at once.

``Lexicon`` builds such a pattern from ``(name, regex)`` alternatives (each starting with
a letter, after an optional look-behind) and ``matches`` yields ``(start, end, name)``
in the original text, leftmost first and not overlapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_LOOKBEHIND = re.compile(r"^\(\?<[!=](?:[^()\\]|\\.)*\)")


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` ("a|b(?:c|d)" -> ["a", "b(?:c|d)"])."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def lowered(text: str) -> str:
    """``text`` in lower case, character for character (a character whose lower case is
    longer, such as "İ", is kept), so offsets in it are offsets in ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# Everything but word characters, hyphens and the punctuation that patterns or offsets
# need (, . ; : ! ?) reads as a space (re.sub does this faster than str.translate with a
# dict). The Latin-1 word characters are listed before ``\w`` (the same class): ``re``
# puts the characters below 256 of a class in one bitmap and tries it first, so most
# characters of a text are read from the bitmap instead of ``\w``'s Unicode category
# lookup (a third less time in ``re.sub``: benchmarks/README.md, "Sixth round").
_LATIN1_WORD = "".join(re.escape(chr(i)) for i in range(256) if re.match(r"\w", chr(i)))
_TO_SPACE = re.compile(rf"[^{_LATIN1_WORD} ,.;:!?\-\w]")  # a space is left alone


def scan_text(text: str) -> str:
    """The copy of ``text`` the lexicon patterns run on: a space, then ``text`` lower-cased
    with the characters that can precede a word turned into spaces (offsets shift by 1)."""
    return " " + _TO_SPACE.sub(" ", lowered(text))


def _by_next_letter(rests: list[str]) -> str:
    """The alternatives ``rests`` (what follows the first letter), grouped again by their
    own first letter when every one starts with a plain letter ("roit ...|ignité|roits
    ..." -> "r(?:oit ...|oits ...)|i(?:gnité)"), so that at a word start ``re`` tries only
    the alternatives of that second letter (for "c" or "d" there are 20 to 30 of them).
    Alternatives of different second letters cannot match at the same place, so the
    first alternative that matches is the same one; within a letter the order is kept."""
    fixed = all(r[:1].isalnum() and r[1:2] not in ("?", "*", "+", "{") for r in rests)
    if not fixed or len(rests) < 2:
        return "|".join(rests)
    groups: dict[str, list[str]] = {}
    for r in rests:
        groups.setdefault(r[0], []).append(r[1:])
    return "|".join(re.escape(c) + "(?:" + "|".join(g) + ")" for c, g in groups.items())


class Lexicon:
    """Named alternatives compiled for ``scan_text``: one pattern (a space, then the
    alternatives grouped by first letter, then ``tail``) finds a match; the alternatives of
    that letter, tried in order, say which one it is (``re`` keeps its fast path only
    for branches that start with a literal, so the big pattern has no named groups)."""

    def __init__(self, alternatives: list[tuple[str, str]], tail: str):
        by_letter: dict[str, list[tuple[str, str]]] = {}
        for name, alt in alternatives:
            alt = alt.lower().replace("['’]", "['’ ]")
            guard = _LOOKBEHIND.match(alt)
            if guard:  # "(?<!x )word" -> "w(?<!x w)ord": the branch starts with its letter
                rest = alt[guard.end() :]
                alt = rest[0] + guard.group(0)[:-1] + rest[0] + ")" + rest[1:]
            first = alt[:1]
            if not first.isalnum():
                raise ValueError(f"lexicon pattern must start with a letter: {alt!r}")
            by_letter.setdefault(first, []).append((name, alt))
        branches = [
            re.escape(c) + "(?:" + _by_next_letter([a[1:] for _, a in alts]) + ")"
            for c, alts in by_letter.items()
        ]
        self.pattern = re.compile(" (?:" + "|".join(branches) + ")" + tail)
        self._which = {
            c: [(name, re.compile(alt + tail)) for name, alt in alts]
            for c, alts in by_letter.items()
        }
        # letters whose alternatives look behind: their answer depends on more than the
        # matched words, so it is not cached
        self._contextual = {c for c, alts in by_letter.items() if any("(?<" in a for _, a in alts)}
        self._cache: dict[str, str] = {}

    def name_at(self, scan: str, pos: int, end: int) -> str:
        """The name of the first alternative matching at ``pos`` (a word start), for the
        match ending at ``end``."""
        letter = scan[pos]
        key = scan[pos:end]
        if letter not in self._contextual and key in self._cache:
            return self._cache[key]
        for name, rx in self._which[letter]:
            if rx.match(scan, pos):
                if letter not in self._contextual and len(self._cache) < 65536:
                    self._cache[key] = name
                return name
        raise AssertionError("a match no alternative gives")


def matches(lexicon: Lexicon, scan: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, name)`` in the original text of each match in ``scan`` (its
    ``scan_text``)."""
    for m in lexicon.pattern.finditer(scan):
        yield m.start(), m.end() - 1, lexicon.name_at(scan, m.start() + 1, m.end())
