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


def split_lines(text: str, blank_until: int = 0) -> list[Line]:
    """Split ``text`` on ``\\n`` keeping offsets; the lines starting before
    ``blank_until`` (a YAML front matter block, ``yamlfront.hide_front_matter``) are
    made blank, offsets and indices kept.

    The fields are set here rather than by ``Line.__init__`` (one call frame less per
    line), and a line with no surrounding white space (``strip`` then returns the line
    itself), most of them, skips the other strips: no indent, no hard break, content
    from start to end."""
    out: list[Line] = []
    append = out.append
    new = object.__new__
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        n = len(raw)
        if pos < blank_until:
            raw = ""  # hidden: no reader turns the metadata into text
        ln = new(Line)
        ln.index = i
        ln.start = pos
        ln.end = end = pos + n
        ln.text = raw
        stripped = raw.strip()
        ln.stripped = stripped
        ln.blank = not stripped
        if stripped is raw:
            ln.indent = 0
            ln.hard_break = False
            ln.content_start = pos
            ln.content_end = pos + len(raw)  # ``end``, or ``pos`` for a hidden line
        else:
            lead = n - len(raw.lstrip(" \t"))
            ln.indent = lead + 3 * raw.count("\t", 0, lead) if lead else 0
            ln.hard_break = n - len(raw.rstrip(_TRAIL_WS)) >= 2 and not raw.isspace()
            ln.content_start = pos + (n - len(raw.lstrip()))
            ln.content_end = pos + len(raw.rstrip())
        append(ln)
        pos = end + 1
    return out
