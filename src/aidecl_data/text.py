"""Normalized text that remembers where every character came from.

Parsing works on a cleaned view of the source (NFC, one line-end style, hard wraps joined,
markup removed), but the dataset promises spans in the *decoded source*. ``MappedText``
carries, next to its string, a list of segments that map each stretch of the string back to
a stretch of the source, so any span found in a cleaned string can be reported in source
coordinates. Segments are either 1:1 copies (same length on both sides) or replacements
(for example a composed "é" for "e" + U+0301, "\\n" for "\\r\\n", or a space inserted where a
hard wrap was joined), which map a whole block to a whole block.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

APOSTROPHES = "\u2019\u02bc\u2018`\u00b4"
_APOS_TABLE = str.maketrans({c: "'" for c in APOSTROPHES})


def fold_apostrophes(text: str) -> str:
    """One apostrophe style for matching (the text itself keeps its own)."""
    return text.translate(_APOS_TABLE)


def fold_for_match(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key used by gazetteers and aliases."""
    text = fold_apostrophes(unicodedata.normalize("NFKD", text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching the longest of ``words`` at a position, written as a trie
    ("a(?:pr(?:il)?|...)"): the engine follows one branch per character instead of trying
    every word in turn (several times faster than a flat alternation of many words)."""
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(c) + emit(node[c]) for c in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body  # greedy: the longer word first

    return emit(trie)


@dataclass
class MappedText:
    """A string plus a map from its positions to positions in the decoded source.

    ``_t`` and ``_s`` hold segment starts (text and source), ``_tl``/``_sl`` their lengths.
    Within a segment of equal lengths positions map one to one; otherwise the whole text
    block maps to the whole source block.
    """

    text: str = ""
    _t: list[int] = field(default_factory=list)
    _tl: list[int] = field(default_factory=list)
    _s: list[int] = field(default_factory=list)
    _sl: list[int] = field(default_factory=list)

    # -- construction -------------------------------------------------------------------
    @classmethod
    def identity(cls, text: str, offset: int = 0) -> MappedText:
        """A text that is its own source (or a verbatim slice of it starting at ``offset``)."""
        mt = cls(text)
        if text:
            mt._push(0, len(text), offset, len(text))
        return mt

    def _push(self, t0: int, tl: int, s0: int, sl: int) -> None:
        # Merge with the previous 1:1 segment when contiguous on both sides.
        if (
            self._t
            and tl == sl
            and self._tl[-1] == self._sl[-1]
            and self._t[-1] + self._tl[-1] == t0
            and self._s[-1] + self._sl[-1] == s0
        ):
            self._tl[-1] += tl
            self._sl[-1] += sl
            return
        self._t.append(t0)
        self._tl.append(tl)
        self._s.append(s0)
        self._sl.append(sl)

    # -- mapping ------------------------------------------------------------------------
    def _seg(self, i: int) -> int:
        k = bisect.bisect_right(self._t, i) - 1
        return max(k, 0)

    def source_start(self, i: int) -> int:
        """Source offset where text character ``i`` starts."""
        if not self._t:
            return 0
        if i >= len(self.text):
            return self.source_end(len(self.text))
        k = self._seg(i)
        if self._tl[k] == self._sl[k]:
            return self._s[k] + (i - self._t[k])
        return self._s[k]

    def source_end(self, j: int) -> int:
        """Source offset just after text character ``j - 1``."""
        if not self._t:
            return 0
        if j <= 0:
            return self._s[0]
        k = self._seg(j - 1)
        if self._tl[k] == self._sl[k]:
            return self._s[k] + (j - self._t[k])
        return self._s[k] + self._sl[k]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of ``text[start:end]`` (an empty span maps to a zero-width point)."""
        if end <= start:
            p = self.source_start(start)
            return p, p
        return self.source_start(start), self.source_end(end)

    def slice(self, start: int, end: int) -> MappedText:
        """``text[start:end]`` with its mapping."""
        b = MappedTextBuilder()
        b.append(self, start, end)
        return b.build()

    def strip(self) -> MappedText:
        """Drop surrounding white space, keeping the mapping."""
        s = self.text
        a = len(s) - len(s.lstrip())
        e = len(s.rstrip())
        return self.slice(a, max(a, e))

    def __len__(self) -> int:
        return len(self.text)


class MappedTextBuilder:
    """Assembles a MappedText from slices of others and inserted strings."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._mt = MappedText()
        self._len = 0
        self._last_src = 0

    def append(self, src: MappedText, start: int = 0, end: int | None = None) -> None:
        """Copy ``src.text[start:end]`` with its mapping."""
        end = len(src.text) if end is None else end
        if end <= start:
            return
        self._parts.append(src.text[start:end])
        k = src._seg(start)
        pos = start
        while pos < end:
            t0, tl, s0, sl = src._t[k], src._tl[k], src._s[k], src._sl[k]
            seg_end = min(end, t0 + tl)
            if tl == sl:
                n = seg_end - pos
                self._mt._push(self._len, n, s0 + (pos - t0), n)
            else:
                # A replacement block is indivisible: keep it whole on the source side.
                self._mt._push(self._len, seg_end - pos, s0, sl)
            self._len += seg_end - pos
            pos = seg_end
            k += 1
        self._last_src = src.source_end(end)

    def insert(self, text: str, at_source: int | None = None, source_len: int = 0) -> None:
        """Add ``text`` that replaces ``source_len`` source characters at ``at_source``.

        With ``source_len == 0`` the text is synthetic (a joining space) and maps to a
        zero-width point, by default just after what was appended last.
        """
        if not text:
            return
        at = self._last_src if at_source is None else at_source
        self._parts.append(text)
        self._mt._push(self._len, len(text), at, source_len)
        self._len += len(text)
        self._last_src = at + source_len

    def __len__(self) -> int:
        return self._len

    def build(self) -> MappedText:
        self._mt.text = "".join(self._parts)
        return self._mt


def normalize_source(source: str) -> MappedText:
    """NFC text with one line-end style (``\\n``), mapped to the decoded source.

    ``\\r\\n`` and ``\\r`` become ``\\n``; a form feed becomes ``\\n`` (a page break is a line
    break for layout purposes). Everything else is kept, including the text's own
    apostrophes and non-breaking spaces.
    """
    if "\r" not in source and "\f" not in source and unicodedata.is_normalized("NFC", source):
        return MappedText.identity(source)
    b = MappedTextBuilder()
    ident = MappedText.identity(source)
    n = len(source)
    i = 0
    run_start = 0
    while i < n:
        c = source[i]
        if c in "\r\f" or (
            ord(c) >= 0x300
            and (unicodedata.combining(c) or not unicodedata.is_normalized("NFC", c))
        ):
            # Flush the clean run before the cluster that changes.
            start = i
            if c not in "\r\f":
                start = i - 1 if i > run_start else i
            if start > run_start:
                b.append(ident, run_start, start)
            if c == "\r":
                ln = 2 if i + 1 < n and source[i + 1] == "\n" else 1
                b.insert("\n", start, ln)
                i += ln
            elif c == "\f":
                b.insert("\n", start, 1)
                i += 1
            else:
                j = i + 1
                while j < n and unicodedata.combining(source[j]):
                    j += 1
                cluster = source[start:j]
                norm = unicodedata.normalize("NFC", cluster)
                if norm == cluster:
                    b.append(ident, start, j)
                else:
                    b.insert(norm, start, j - start)
                i = j
            run_start = i
        else:
            i += 1
    if run_start < n:
        b.append(ident, run_start, n)
    return b.build()
