"""Which layout a document is in: ``markdown``, ``plain`` or ``pdf_text``.

Decided from the text alone, with signals that do not depend on the language:
Markdown syntax (``#`` headings, ``**bold**``, ``<sup>`` markers, ``---`` rules, nested
``  - `` items) versus hard wraps (a line that stops mid-sentence and goes on, lower-case,
on the next non-blank line), which only text extracted from a PDF has in number.
"""

from __future__ import annotations

import itertools
import re

from aidecl_data.parse.layout.lines import Line

# Each signal with the substrings one of which it cannot match without: the ``in`` tests
# scan in C and spare the regex searches of texts that lack that syntax (most of them).
_MD_SIGNALS = (
    (("# ", "##"), re.compile(r"^#{1,6} \S|^#{2,6}[^\s#]", re.M)),  # also "##Title"
    (("**",), re.compile(r"\*\*\S[^\n]*?\*\*|\*\*\S")),
    (("sup>",), re.compile(r"</?sup>")),
    (("---", "***", "___"), re.compile(r"^(?:---+|\*\*\*+|___+)\s*$", re.M)),
    (("  - ", "  * ", "  + "), re.compile(r"^ {2,}[-*+] \S", re.M)),
    (("](",), re.compile(r"\[[^\]\n]+\]\([^)\n]+\)")),
)
# Matched at a line's last character (``.match(s, len(s) - 1)``) and at its start: a
# search would try every position of the line.
_OPEN_END = re.compile(r"[\w,’'»)\-]$")
_LOWER_START = re.compile(r"[a-zà-ÿœæ(«\"“]")


def markdown_score(text: str) -> int:
    """How many distinct kinds of Markdown syntax the text uses."""
    return sum(1 for needs, rx in _MD_SIGNALS if any(n in text for n in needs) and rx.search(text))


# The same two tests on one character, as set and ``str`` tests (no regex call per line):
# ``\w`` is ``isalnum()`` or "_"; the start class spelled out.
_OPEN_END_CHARS = frozenset(",’'»)-_")
_LOWER_START_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyz" + "".join(map(chr, range(0xE0, 0x100))) + 'œæ(«"“'
)


def wrap_ratio(lines: list[Line]) -> float:
    """Share of content lines that stop mid-sentence and continue on the next content line."""
    content = [ln.stripped for ln in lines if ln.stripped]
    if len(content) < 4:
        return 0.0
    wraps = 0
    for a, b in itertools.pairwise(content):
        c = a[-1]
        if (c.isalnum() or c in _OPEN_END_CHARS) and b[0] in _LOWER_START_CHARS:
            wraps += 1
    return wraps / (len(content) - 1)


def detect_format(text: str, lines: list[Line]) -> str:
    """``markdown`` with two kinds of Markdown syntax, or one without hard wraps; else
    ``pdf_text`` when at least a quarter of the lines are hard wraps; else ``plain``."""
    score = markdown_score(text)
    if score >= 2:
        return "markdown"
    wrapped = wrap_ratio(lines) >= 0.25
    if score and not wrapped:
        return "markdown"
    return "pdf_text" if wrapped else "plain"
