"""Offset-preserving folding, for searching folded text and reporting original offsets."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from aidecl_data.parse.text import APOSTROPHES, fold_for_match


@cache
def _fold_char(c: str) -> str:
    f = fold_for_match(c)
    if len(f) == 1:
        return f
    low = c.lower()
    return low if len(low) == 1 else c


_BEYOND_TABLE = re.compile("[^\x00-\u024f]")
# Characters ``_fold_char`` changes: every non-ASCII one may, and of ASCII only the
# capitals and the backtick (an apostrophe). Checked for all of ASCII in the tests.
# Written as the complement of the rest of ASCII: the same set as "[A-Z`\x80-\U0010ffff]",
# whose range of a million code points was slow to compile at every import.
_FOLDABLE = re.compile("[^\x00-\x40\x5b-\x5f\x61-\x7f]")


@cache
def _table() -> dict[str, str]:
    """Translation table for the Latin letters and apostrophes met in practice."""
    chars = [chr(i) for i in range(0x80, 0x250)] + list(APOSTROPHES)
    return {c: _fold_char(c) for c in chars if _fold_char(c) != c}


@cache
def _table_rx() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(_table()))) + "]")


def _from_table(m: re.Match[str]) -> str:
    return _table()[m.group()]


def _fold_match(m: re.Match[str]) -> str:
    return _fold_char(m.group())


# Characters IGNORECASE matches with an ASCII letter although ``str.lower`` does not give
# that letter: "İ" and "ı" are an "i", "ſ" an "s" (the only ones in Unicode).
_CASE_EXOTIC = "\u0130\u0131\u017f"


class Cues:
    """One text, lower-cased once, asked for pieces (``holds``) as often as needed:
    ``may_hold(text, pieces) == Cues(text).holds(pieces)``, without lower-casing and
    scanning for the exotic characters again at each question."""

    __slots__ = ("low", "odd")

    def __init__(self, text: str) -> None:
        self.odd = any(c in text for c in _CASE_EXOTIC)
        self.low = text.lower()

    def holds(self, pieces: tuple[str, ...]) -> bool:
        if self.odd:
            return True
        low = self.low
        for piece in pieces:  # noqa: SIM110 (a loop: no generator made per question)
            if piece in low:
                return True
        return False


def may_hold(text: str, pieces: tuple[str, ...]) -> bool:
    """False only when no piece (lower-case ASCII) is in ``text`` whatever its case.

    A cheap test before a case-insensitive alternation that needs one of ``pieces``: such
    a pattern is tried at every position, and most texts hold
    none of its words, which ``in`` on the lower-cased text tells in C.
    """
    if any(c in text for c in _CASE_EXOTIC):  # ``in``: 10x faster than a regex
        return True
    low = text.lower()
    return any(piece in low for piece in pieces)


@lru_cache(maxsize=512)
def fold_same_length(text: str) -> str:
    """``fold_for_match`` one character at a time, so that offsets are kept.

    Cached (a few hundred texts, so memory stays bounded): the country finder, the
    gazetteer and the initiative patterns fold the same region texts one after the other
    (64 entries were too few for a long document's regions, folded again by each).

    Case, accents and apostrophe style are folded; a character whose folding would change
    the length (e.g. "ß" -> "ss") is only lower-cased. White space is kept as it is.

    Only the characters that change are visited, by a regex substitution, rather than
    every character by ``str.translate`` with a dict or a Python loop: most characters
    are ASCII and stay as they are.
    """
    if text.isascii():
        return text.lower()
    low = text.lower()
    if len(low) == len(text):
        out = _table_rx().sub(_from_table, low)
        if not _BEYOND_TABLE.search(out):
            return out
    return _FOLDABLE.sub(_fold_match, text)
