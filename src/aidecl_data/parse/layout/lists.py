"""List and numbering markers at the start of a line: ``- ``, ``1.``, ``- 1.``, ``1.1.``,
``**1.**``, ``a)``, ``a.``, ``i)``, ``(ii)``, dashes and bullets (including the private-use
bullets PDF extractors emit for Symbol-font bullets).

The marker's kind drives everything downstream: a number at the top level is a numbered
paragraph or a numbered heading, a bullet or letter is a list item. Labels are kept as
printed (``3`` for "3.", ``i)``, ``1.1.``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^([-*+•▪◦·–—○■►➢✓\uf0b7\uf0a7\uf076\uf0d8])[ \t\u00a0]*(?=\S)")
_BULLET_NEEDS_SPACE = frozenset("-*+")
# "1)." too, as a treaty database prints its paragraph numbers
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,3})(\)\.|[.)])[ \t\u00a0]+(?=\S)")
_PAREN = re.compile(r"^\(?([a-z]|[ivx]{1,5})\)[ \t\u00a0]+(?=\S)")
_LETTER_DOT = re.compile(r"^([a-z]|[ivx]{2,5})\.[ \t\u00a0]+(?=[a-zà-ÿA-ZÀ-Ý])")
_BOLD_NUMBER = re.compile(r"^\*\*(\d{1,3}(?:\.\d{1,3}){0,3})([.)])\*\*[ \t\u00a0]+(?=\S)")
# "1°", "2°": the points of a French legal text
_DEGREE = re.compile(r"^(\d{1,2})°[ \t\u00a0]+(?=\S)")
_ROMAN = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")
# What every marker above starts with (a bullet, "**", a digit, "(", "a)", "a.", "iv)",
# "iv."): one match turns away the lines that start with a word, instead of five
# (parse_marker runs on every line).
_MAYBE_MARKER = re.compile(r"[-*+•▪◦·–—○■►➢✓\uf0b7\uf0a7\uf076\uf0d8(\d]|[a-z][.)]|[ivx]{1,5}[.)]")


# First letters after which only "a)" / "a." can make a marker (every letter but the
# roman digits "i", "v", "x"): ``read_units`` turns away a line starting with one of them
# and no ")" or "." after it (most lines that are not capitalized: hard-wrapped text)
# without calling ``parse_marker`` (``markdown.read_units`` timed alone on the lines of
# the real corpus: 0.173 -> 0.162 ms per document).
WORD_LETTERS = frozenset("abcdefghjklmnopqrstuwyz")
LETTER_MARKS = (".", ")")


@dataclass(frozen=True)
class Marker:
    kind: str  # bullet | number | letter | roman
    label: str  # as printed, without the bullet: "3", "1.1.", "a)", "i)"; "" for a bullet
    length: int  # characters of the marker, spaces included
    bullet: str = ""  # the bullet character, when there is one


def parse_marker(s: str, allow_bullet_number: bool = True) -> Marker | None:
    """The list marker at the start of ``s`` (already left-stripped), or None.

    ``- 1. text`` (a Markdown bullet carrying a printed number) gives a ``number`` marker
    whose length covers both.
    """
    if not _MAYBE_MARKER.match(s):
        return None
    m = _BULLET.match(s)
    if m and m.group(1) in _BULLET_NEEDS_SPACE and m.end() == 1:
        m = None  # "-word" or "**bold": not a bullet
    if m:
        rest = s[m.end() :]
        if allow_bullet_number:
            n = _NUMBER.match(rest)
            if n and n.group(2) == ".":
                return Marker("number", _num_label(n), m.end() + n.end(), m.group(1))
        return Marker("bullet", "", m.end(), m.group(1))
    m = _NUMBER.match(s) or _BOLD_NUMBER.match(s)
    if m:
        return Marker("number", _num_label(m), m.end())
    m = _DEGREE.match(s)
    if m:
        return Marker("number", m.group(1) + "°", m.end())
    m = _PAREN.match(s)
    if m:
        lab = m.group(1)
        kind = "roman" if _ROMAN.match(lab) and (lab == "i" or len(lab) > 1) else "letter"
        if kind == "letter" and len(lab) > 1:
            return None
        return Marker(kind, lab + ")", m.end())
    m = _LETTER_DOT.match(s)
    if m:
        lab = m.group(1)
        kind = "roman" if _ROMAN.match(lab) and (lab == "i" or len(lab) > 1) else "letter"
        return Marker(kind, lab + ".", m.end())
    return None


def _num_label(m: re.Match[str]) -> str:
    """ "3." -> "3"; "1.1." -> "1.1."; "2)" -> "2)"."""
    num, punct = m.group(1), m.group(2)
    if punct in (")", ")."):
        return num + ")"
    return num if "." not in num else num + "."


def leads_in(text: str) -> bool:
    """Ends with ":": the unit introduces a list (or the names, items, subparagraphs
    that follow)."""
    return text.rstrip().endswith(":")
