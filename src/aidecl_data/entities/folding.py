"""Offset-preserving folding, for searching folded text and reporting original offsets."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from aidecl_data.text import APOSTROPHES, fold_for_match


@cache
def _fold_char(c: str) -> str:
    f = fold_for_match(c)
    if len(f) == 1:
        return f
    low = c.lower()
    return low if len(low) == 1 else c


_BEYOND_TABLE = re.compile("[^\x00-\u024f]")


@cache
def _table() -> dict[int, str]:
    """Translation table for the Latin letters and apostrophes met in practice."""
    chars = [chr(i) for i in range(0x80, 0x250)] + list(APOSTROPHES)
    return {ord(c): _fold_char(c) for c in chars if _fold_char(c) != c}


@lru_cache(maxsize=64)
def fold_same_length(text: str) -> str:
    """``fold_for_match`` one character at a time, so that offsets are kept.

    Cached (a few dozen texts, so memory stays bounded): the gazetteer and the initiative
    patterns fold the same region text one after the other.

    Case, accents and apostrophe style are folded; a character whose folding would change
    the length (e.g. "ß" -> "ss") is only lower-cased. White space is kept as it is.
    """
    if text.isascii():
        return text.lower()
    low = text.lower()
    if len(low) == len(text):
        out = low.translate(_table())
        if not _BEYOND_TABLE.search(out):
            return out
    return "".join(_fold_char(c) for c in text)
