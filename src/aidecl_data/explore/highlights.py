"""Where each extracted span falls in its clause's clean text, and how to mark it up.

A row of ``dates``, ``initiative_mentions``, ``signatories`` (or ``clause_acts``,
``clause_themes``...) carries its span in the *source* text, while a clause's ``text`` is
cleaned (markup and footnote markers removed, hard wraps joined), so a source offset is
not a clause offset. ``locate`` finds the words the row quotes in the clean text, taking
the occurrence nearest to where the source span says they are; words it cannot find are
shown beside the clause instead (an act's cue inherited from its lead-in, for one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise


@dataclass
class Highlight:
    """One extracted row, to be marked in a clause: its table, label and row link."""

    table: str
    label: str
    quote: str  # the words as the row gives them
    char_start: int
    href: str
    start: int | None = None  # offsets in the clause's clean text, once located
    end: int | None = None


@dataclass
class Segment:
    text: str
    marks: list[Highlight] = field(default_factory=list)


def _pattern(quote: str) -> re.Pattern[str] | None:
    words = re.findall(r"\w+", quote)
    if not words:
        return None
    return re.compile(r"\W+".join(re.escape(w) for w in words))


def locate(text: str, quote: str, expected: int) -> tuple[int, int] | None:
    """The span of ``quote``'s words in ``text`` nearest to offset ``expected``."""
    pattern = _pattern(quote)
    if pattern is None:
        return None
    best = None
    for m in pattern.finditer(text):
        if best is None or abs(m.start() - expected) < abs(best.start() - expected):
            best = m
    return (best.start(), best.end()) if best else None


def place(text: str, clause_start: int, highlights: list[Highlight]) -> list[Highlight]:
    """Locate every highlight in ``text``; return those that could not be found."""
    lost = []
    for h in highlights:
        span = locate(text, h.quote, h.char_start - clause_start)
        if span is None:
            lost.append(h)
        else:
            h.start, h.end = span
    return lost


def segments(text: str, highlights: list[Highlight]) -> list[Segment]:
    """``text`` cut at every highlight boundary; each piece lists the highlights over it."""
    placed = [h for h in highlights if h.start is not None]
    cuts = sorted({0, len(text), *(h.start for h in placed), *(h.end for h in placed)})
    out = []
    for a, b in pairwise(cuts):
        if a == b:
            continue
        marks = [h for h in placed if h.start <= a and b <= h.end]
        out.append(Segment(text[a:b], marks))
    return out


def marked_html(text: str, highlights: list[Highlight]) -> str:
    """The clause as HTML: highlighted words are links to their (first) row, classed by
    table, with every label of the rows over them in the tooltip."""
    parts = []
    for seg in segments(text, highlights):
        if not seg.marks:
            parts.append(escape(seg.text))
            continue
        classes = " ".join(sorted({f"hl-{h.table}" for h in seg.marks}))
        title = "; ".join(f"{h.table}: {h.label}" for h in seg.marks)
        parts.append(
            f'<a class="hl {classes}" href="{escape(seg.marks[0].href)}" '
            f'title="{escape(title)}">{escape(seg.text)}</a>'
        )
    return "".join(parts)
