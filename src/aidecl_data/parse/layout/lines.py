"""Physical lines of the normalized text, with the facts layout rules look at."""

from __future__ import annotations

# Trailing white space is measured with ``rstrip``, not a regex: ``[ \t]+$`` searched
# over a line holding a long run of spaces is quadratic.
_TRAIL_WS = " \t\u00a0"


class Line:
    """One line of the normalized text (``start``/``end`` exclude the newline).

    ``stripped``, ``blank``, ``content_start`` and ``content_end`` are computed once here:
    the readers look at them several times per line. A plain class with ``__slots__``
    rather than a frozen dataclass, whose ``object.__setattr__`` calls made building the
    lines of a document several times slower.
    Treat it as read-only. (No equality, hash or repr: no reader compares lines.)
    """

    __slots__ = (
        "blank",
        "content_end",  # after the last one
        "content_start",  # first non-space
        "end",
        "hard_break",  # ends with two spaces or more (a Markdown hard line break)
        "indent",  # leading spaces (a tab counts as 4)
        "index",
        "start",
        "stripped",
        "text",  # the raw line
    )

    def __init__(
        self, index: int, start: int, end: int, text: str, indent: int, hard_break: bool
    ) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        self.indent = indent
        self.hard_break = hard_break
        stripped = text.strip()
        self.stripped = stripped
        self.blank = not stripped
        self.content_start = start + (len(text) - len(text.lstrip()))
        self.content_end = start + len(text.rstrip())


def split_lines(text: str) -> list[Line]:
    """Split ``text`` on ``\\n`` keeping offsets."""
    out: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        n = len(raw)
        lead = n - len(raw.lstrip(" \t"))
        indent = lead + 3 * raw.count("\t", 0, lead) if lead else 0
        hard = n - len(raw.rstrip(_TRAIL_WS)) >= 2 and not raw.isspace()
        out.append(Line(i, pos, pos + n, raw, indent, hard))
        pos += n + 1
    return out
