"""What a heading looks like when nothing marks it (PDF and plain text), and levels.

A heading is a short line (or two, when it wraps) that does not end with punctuation,
starts with a capital or a number, and is followed by body text. A single unnumbered line
must also stop well short of the text width (70 %), or short of it (90 %) on a content
word: a body line that happens to wrap before a capitalized name ("... the United Nations"
/ "Charter ...") runs to the full width. A numbered heading ("3. ...") may be longer, but a
full-width numbered line ending on "de", "la", "the" is a numbered paragraph that wraps.
"""

from __future__ import annotations

import re

_FUNCTION_WORDS = frozenset(
    [
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "à",
        "au",
        "aux",
        "en",
        "et",
        "ou",
        "un",
        "une",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "sans",
        "que",
        "qui",
        "leur",
        "leurs",
        "son",
        "sa",
        "ses",
        "ce",
        "cet",
        "cette",
        "ces",
        "nos",
        "vos",
        "notre",
        "votre",
        "entre",
        "vers",
        "afin",
        "ainsi",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "a",
        "an",
        "as",
        "at",
        "from",
        "that",
        "which",
        "their",
        "its",
        "our",
        "this",
        "these",
        "those",
        "into",
    ]
)
_TERMINAL = re.compile(r"[.;:!?,…]['’\"»)\]]*$")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_UPPER_START = re.compile(r"^[\"«“(]?[A-ZÀ-ÝŒÆ0-9]")
_LOWER_START = re.compile(r"^[\"«“(]?[a-zà-ÿœæ]")


def is_all_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def ends_terminal(s: str) -> bool:
    return bool(_TERMINAL.search(s.rstrip()))


def starts_upper(s: str) -> bool:
    return bool(_UPPER_START.match(s.lstrip()))


def starts_lower(s: str) -> bool:
    return bool(_LOWER_START.match(s.lstrip()))


def heading_like(lines: list[str], numbered: bool, width: int) -> bool:
    """Whether these stripped lines (one unit) read as a heading."""
    if not lines or len(lines) > 3:
        return False
    text = " ".join(lines)
    if ends_terminal(text) or starts_lower(text):
        return False
    words = _WORD.findall(text)
    if not words or len(words) > (30 if numbered else 18):
        return False
    if is_all_caps(text):
        return True
    if len(lines) == 1:
        last = words[-1].casefold()
        n = len(lines[0])
        if numbered:
            return n <= 0.9 * width or last not in _FUNCTION_WORDS
        return len(words) <= 12 and (
            n <= 0.7 * width or (n <= 0.9 * width and last not in _FUNCTION_WORDS)
        )
    if not all(starts_lower(x) or is_all_caps(x) for x in lines[1:]):
        return False
    return len(lines[-1]) <= 0.8 * width


def plain_heading_like(text: str) -> bool:
    """A whole unit of a web text that reads as a heading: short and unpunctuated."""
    if ends_terminal(text) or starts_lower(text):
        return False
    words = _WORD.findall(text)
    return 0 < len(words) <= 14


def assign_levels(headings: list[tuple[int, bool]]) -> list[int]:
    """Levels for headings given as (dotted-number depth or 0, directly after a heading).

    Numbered headings take their number's depth ("1.1." -> 2). An unnumbered heading that
    directly follows another heading sits one level under it; otherwise it takes the
    level of the previous unnumbered heading (its siblings), or 1.
    """
    levels: list[int] = []
    last_unnumbered = 0
    for i, (num_depth, right_after) in enumerate(headings):
        if num_depth:
            lvl = num_depth
        elif right_after and levels:
            lvl = levels[i - 1] + 1
        elif last_unnumbered:
            lvl = last_unnumbered
        elif levels:
            lvl = levels[-1] + 1 if headings[i - 1][0] else 1
        else:
            lvl = 1
        if not num_depth:
            last_unnumbered = lvl
        levels.append(lvl)
    return levels
