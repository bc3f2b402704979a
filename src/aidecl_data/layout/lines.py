"""Physical lines of the normalized text, with the facts layout rules look at."""

from __future__ import annotations

from dataclasses import dataclass, field

# Trailing white space is measured with ``rstrip``, not a regex: ``[ \t]+$`` searched
# over a line holding a long run of spaces is quadratic.
_TRAIL_WS = " \t\u00a0"


@dataclass(frozen=True)
class Line:
    """One line of the normalized text (``start``/``end`` exclude the newline).

    ``stripped``, ``blank``, ``content_start`` and ``content_end`` are computed once here:
    the readers look at them several times per line.
    """

    index: int
    start: int
    end: int
    text: str  # the raw line
    indent: int  # leading spaces (a tab counts as 4)
    hard_break: bool  # ends with two spaces or more (a Markdown hard line break)
    stripped: str = field(init=False, repr=False, compare=False)
    blank: bool = field(init=False, repr=False, compare=False)
    content_start: int = field(init=False, repr=False, compare=False)  # first non-space
    content_end: int = field(init=False, repr=False, compare=False)  # after the last one

    def __post_init__(self) -> None:
        t = self.text
        stripped = t.strip()
        object.__setattr__(self, "stripped", stripped)
        object.__setattr__(self, "blank", not stripped)
        object.__setattr__(self, "content_start", self.start + (len(t) - len(t.lstrip())))
        object.__setattr__(self, "content_end", self.start + len(t.rstrip()))


def split_lines(text: str) -> list[Line]:
    """Split ``text`` on ``\\n`` keeping offsets."""
    out: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        lead = raw[: len(raw) - len(raw.lstrip(" \t"))]
        indent = len(lead) + 3 * lead.count("\t")
        hard = len(raw) - len(raw.rstrip(_TRAIL_WS)) >= 2 and bool(raw.strip())
        out.append(Line(i, pos, pos + len(raw), raw, indent, hard))
        pos += len(raw) + 1
    return out
