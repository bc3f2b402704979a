"""Shared stages over units: clean text, continuations, lists interrupted by notes.

- A paragraph or item that stops mid-sentence (no final punctuation) and is followed,
  after a blank line, a rule or a footnote block, by an unmarked block starting in lower
  case is one paragraph: the blank line was a stray page break or the footnotes were
  printed in the middle ("au service du bien" / notes / "social, afin ...").
- A list interrupted by a footnote block goes on after it at the depth it had before: the
  page break flattened the indentation of the items that follow.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container

from aidecl_data.parse.layout.boilerplate import end_mark_length
from aidecl_data.parse.layout.headings import ends_terminal, starts_lower
from aidecl_data.parse.layout.inline import build_clean
from aidecl_data.parse.layout.units import Unit
from aidecl_data.parse.text import MappedText

_BOLD_LINE = re.compile(r"^\s*\*\*[^*].*\*\*\s*$")
_WORDS = re.compile(r"\w+(?:-\w+)*")


class Vocabulary:
    """Folded words of the document, used to rejoin words cut by a line-end hyphen.

    Built at the first look-up only: a line-end hyphen is rarely a cut word (a dash, a
    rule, a compound), and no synthetic document of the first 300 needed the look-up,
    while listing the words costs time in every document that has a "-" at a line end.
    """

    __slots__ = ("_text", "_words")

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = {w.casefold() for w in _WORDS.findall(self._text)}
        return word in self._words


def vocabulary(text: str) -> Container[str]:
    """The document's vocabulary (empty when no line ends with a hyphen)."""
    if "-\n" not in text:
        return frozenset()
    return Vocabulary(text)


def clean_units(units: list[Unit], norm: MappedText, markdown: bool, vocab: Container[str]) -> None:
    """Each unit's clean text (``build_clean``), after its closing "./." mark is cut; in
    Markdown, whether its line is all bold (``raw_bold``) or its block all underlined.

    The loop reads each last line once: a line without "./." has no end mark, one
    without "**" is not all bold (``in`` tests, no call)."""
    text = norm.text
    for u in units:
        ranges = u.ranges
        line = None
        if ranges:
            s, e = ranges[-1]
            line = text[s:e]
            if "./." in line:
                cut = end_mark_length(line)
                if cut:
                    ranges[-1] = (s, e - cut)
                    line = text[s : e - cut]
        if markdown:
            if len(ranges) == 1:
                u.raw_bold = "**" in line and bool(_BOLD_LINE.match(line))
            if u.kind == "text" and ranges:
                s = ranges[0][0]
                if "<u>" in text[s : s + 12]:
                    raw = " ".join(text[s:e] for s, e in ranges).strip("*_ \t.")
                    u.underlined = raw.startswith("<u>") and raw.endswith("</u>")
        u.cleaned = build_clean(norm, ranges, markdown, vocab)
        u.text = u.cleaned.text.text


def merge_continuations(
    units: list[Unit], norm: MappedText, markdown: bool, vocab: Container[str]
) -> list[Unit]:
    out: list[Unit] = []
    for u in units:
        if u.kind == "text" and u.after_blank and starts_lower(u.text) and u.text:
            j = len(out) - 1
            while j >= 0 and out[j].kind in ("note", "rule"):
                j -= 1
            p = out[j] if j >= 0 else None
            if (
                p is not None
                and p.kind in ("text", "item")
                and p.text
                and not ends_terminal(p.text)
            ):
                p.ranges.extend(u.ranges)
                p.last_line = u.last_line
                p.cleaned = build_clean(norm, p.ranges, markdown, vocab)
                p.text = p.cleaned.text.text
                continue
        out.append(u)
    return out


def continue_interrupted_lists(units: list[Unit]) -> None:
    prev_item: Unit | None = None
    interrupted = False
    shift = 0
    for u in units:
        if u.kind in ("note", "rule"):
            if prev_item is not None:
                interrupted = True
            continue
        if u.kind == "item" and u.marker_kind == "bullet":
            if (
                interrupted
                and prev_item is not None
                and prev_item.marker_kind == "bullet"
                and prev_item.depth > u.depth
            ):
                shift = prev_item.depth - u.depth
            u.depth += shift
            prev_item, interrupted = u, False
            continue
        prev_item, interrupted, shift = None, False, 0


def note_units(notes: list[tuple[str, int, int]], first_line: int) -> list[Unit]:
    """Footnotes a format reader set aside, as note units after the body."""
    return [
        Unit("note", [(s, e)], first_line + k, first_line + k, label=label)
        for k, (label, s, e) in enumerate(notes)
    ]


def attach_markers(units: list[Unit], markers: list[tuple[str, int]]) -> None:
    """Give each footnote marker a format reader took out of the text (label, position in
    the normalized text) to the unit whose ranges hold that position."""
    spans = sorted(
        ((u.start, u.end, k) for k, u in enumerate(units) if u.kind != "note" and u.cleaned),
    )
    starts = [s for s, _, _ in spans]
    for label, pos in markers:
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0 or pos > spans[i][1]:
            continue
        u = units[spans[i][2]]
        u.cleaned.markers.append((label, len(u.cleaned.text.text)))
