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


class _FoldTable(dict):
    """``str.translate`` table for :func:`fold_for_match`: apostrophes to "'", combining
    marks deleted. Filled on demand, one entry per distinct character met, so translate
    runs in C instead of a Python test per character."""

    def __missing__(self, cp: int) -> int | None:
        c = chr(cp)
        out = None if unicodedata.combining(c) else ord(fold_apostrophes(c))
        self[cp] = out
        return out


_FOLD_TABLE = _FoldTable()


def fold_for_match(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key used by gazetteers and aliases."""
    text = unicodedata.normalize("NFKD", text).translate(_FOLD_TABLE)
    return " ".join(text.casefold().split())


def substring_starts(text: str, pieces: Iterable[str]) -> set[int]:
    """Every position where one of ``pieces`` starts in ``text``, overlaps included. Why:
    a regex with no literal prefix is tried by ``finditer`` at every position; where its
    matches must begin with one of a few strings, ``str.find`` (in C) tells where to try
    it (``layout.signature``, ``layout.lost_breaks``, ``entities.parties``)."""
    found: set[int] = set()
    for piece in pieces:
        k = text.find(piece)
        while k >= 0:
            found.add(k)
            k = text.find(piece, k + 1)
    return found


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
        t = self._t
        if t and tl == sl:
            k = len(t) - 1
            ptl = self._tl[k]
            if ptl == self._sl[k] and t[k] + ptl == t0 and self._s[k] + ptl == s0:
                self._tl[k] += tl
                self._sl[k] += sl
                return
        t.append(t0)
        self._tl.append(tl)
        self._s.append(s0)
        self._sl.append(sl)

    # -- mapping ------------------------------------------------------------------------
    def _seg(self, i: int) -> int:
        if len(self._t) == 1:
            return 0
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
        if len(self._t) == 1 and self._tl[0] == self._sl[0] and end <= len(self.text):
            # One 1:1 segment (most clauses): plain offsets, no segment look-up.
            shift = self._s[0] - self._t[0]
            if 0 <= start < end:
                return start + shift, end + shift
        if end <= start:
            p = self.source_start(start)
            return p, p
        n = len(self.text)
        t = self._t
        if len(t) < 2 or start >= n or end <= 0:
            return self.source_start(start), self.source_end(end)
        # ``source_start(start), source_end(end)`` written out (two segment look-ups, no
        # method calls): the span of every clause, date and entity goes through here
        tl, s, sl = self._tl, self._s, self._sl
        k = bisect.bisect_right(t, start) - 1
        if k < 0:
            k = 0
        a = s[k] + (start - t[k]) if tl[k] == sl[k] else s[k]
        k = bisect.bisect_right(t, end - 1) - 1
        if k < 0:
            k = 0
        b = s[k] + (end - t[k]) if tl[k] == sl[k] else s[k] + sl[k]
        return a, b

    def slice(self, start: int, end: int) -> MappedText:
        """``text[start:end]`` with its mapping."""
        if len(self._t) == 1 and self._tl[0] == self._sl[0]:
            # A verbatim text (one 1:1 segment, the usual normalized text): no builder.
            t0, n = self._t[0], end - start
            if t0 <= start and n > 0 and end <= t0 + self._tl[0]:
                return MappedText(self.text[start:end], [0], [n], [self._s[0] + start - t0], [n])
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
        """Copy ``src.text[start:end]`` with its mapping.

        The hottest call of the parser (every clause, heading and note is assembled
        here): the segment walk is written with local names, a text of one segment skips
        the bisection, and the source end is read off the last segment instead of being
        looked up again.
        """
        text = src.text
        if end is None:
            end = len(text)
        if end <= start:
            return
        self._parts.append(text[start:end])
        st, stl, ss, ssl = src._t, src._tl, src._s, src._sl
        k = 0 if len(st) == 1 else max(bisect.bisect_right(st, start) - 1, 0)
        push = self._mt._push
        n0 = self._len
        pos = start
        while True:
            t0, tl, s0, sl = st[k], stl[k], ss[k], ssl[k]
            seg_end = t0 + tl
            if seg_end > end:
                seg_end = end
            n = seg_end - pos
            if tl == sl:
                push(n0, n, s0 + (pos - t0), n)
            else:
                # A replacement block is indivisible: keep it whole on the source side.
                push(n0, n, s0, sl)
            n0 += n
            if seg_end >= end:
                break
            pos = seg_end
            k += 1
        self._len = n0
        # == src.source_end(end): ``end - 1`` lies in the last segment walked.
        self._last_src = s0 + (end - t0) if tl == sl else s0 + sl

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
