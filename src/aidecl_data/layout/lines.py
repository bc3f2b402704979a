"""Physical lines of the normalized text, with the facts layout rules look at."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TRAIL_WS = re.compile(r"[ \t\u00a0]+$")


@dataclass(frozen=True)
class Line:
    """One line of the normalized text (``start``/``end`` exclude the newline)."""

    index: int
    start: int
    end: int
    text: str  # the raw line
    indent: int  # leading spaces (a tab counts as 4)
    hard_break: bool  # ends with two spaces or more (a Markdown hard line break)

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def content_start(self) -> int:
        """Offset of the first non-space character."""
        return self.start + (len(self.text) - len(self.text.lstrip()))

    @property
    def content_end(self) -> int:
        """Offset just after the last non-space character."""
        return self.start + len(self.text.rstrip())

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str) -> list[Line]:
    """Split ``text`` on ``\\n`` keeping offsets."""
    out: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        lead = raw[: len(raw) - len(raw.lstrip(" \t"))]
        indent = sum(4 if c == "\t" else 1 for c in lead)
        m = _TRAIL_WS.search(raw)
        hard = bool(m) and len(m.group(0)) >= 2 and bool(raw.strip())
        out.append(Line(i, pos, pos + len(raw), raw, indent, hard))
        pos += len(raw) + 1
    return out
