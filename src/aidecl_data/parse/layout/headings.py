"""What a heading looks like when nothing marks it (PDF and plain text), and levels.

A heading is a short line (or two, when it wraps) that does not end with punctuation,
starts with a capital or a number, and is followed by body text. A single unnumbered line
must also stop well short of the text width (70 %), or short of it (90 %) on a content
word: a body line that happens to wrap before a capitalized name ("... the United Nations"
/ "Charter ...") runs to the full width, so that the next word would not have fitted. A
numbered heading ("3. ...") may be longer, but a full-width numbered line ending on "de",
"la", "the" is a numbered paragraph that wraps.
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
# A line "ends" with one of these marks, possibly followed by closing quotes or brackets
# (the regexes ``[.;:!?,…]['’"»)\]]*$``). Tested with ``rstrip`` and one character look-up:
# the regex search tried every position of the line, and these run on every line.
TERMINAL_MARKS = ".;:!?,…"
SENTENCE_MARKS = ".!?…"
CLOSERS = "'’\"»)]"
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_UPPER_START = re.compile(r"^[\"«“(]?[A-ZÀ-ÝŒÆ0-9]")
_LOWER_START = re.compile(r"^[\"«“(]?[a-zà-ÿœæ]")


_ASCII_LOWER = re.compile("[a-z]")
# An accented lower-case letter inside a word in capitals ("FRANçAISE"): a slip of the
# text's conversion, read as the capital it stands for.
_CASE_SLIP = re.compile(r"(?<=[A-ZÀ-ÝŒÆ])[à-ÿœæ](?=[A-ZÀ-ÝŒÆ])")


def is_all_caps(s: str) -> bool:
    """Capital letters only (at least three characters, some of them letters).

    A line with an ASCII lower-case letter differs from its ``upper()`` (that letter
    changes, and an expansion such as "ß" -> "SS" changes the length): the search for
    one spares building the upper-case copy of every ordinary line (called on most
    lines of a PDF text)."""
    if len(s.strip()) < 3 or _ASCII_LOWER.search(s):
        return False
    if s != s.upper():
        s = _CASE_SLIP.sub(lambda m: m.group().upper(), s)
    return s == s.upper() and s != s.lower()


def _ends_with_mark(s: str, marks: str) -> bool:
    """``re.search(f"[{marks}][{CLOSERS}]*$", s)`` (``$`` also matches before a final
    newline) without trying every position of ``s``."""
    if s.endswith("\n"):
        s = s[:-1]
    t = s.rstrip(CLOSERS)
    return bool(t) and t[-1] in marks


def ends_terminal(s: str) -> bool:
    return _ends_with_mark(s.rstrip(), TERMINAL_MARKS)


def ends_sentence(s: str) -> bool:
    """Ends with ".", "!", "?" or "…" (then maybe closing quotes or brackets)."""
    return _ends_with_mark(s, SENTENCE_MARKS)


def starts_upper(s: str) -> bool:
    return bool(_UPPER_START.match(s.lstrip()))


def starts_lower(s: str) -> bool:
    return bool(_LOWER_START.match(s.lstrip()))


def fill_ratio(line: str, next_line: str | None, width: int) -> float:
    """How full ``line`` is: its length plus the next line's first word, over the width.

    Below 1 the next word would have fitted on the line, so the line ended by choice (a
    heading, the end of a paragraph), not because the text wrapped.
    """
    if not next_line or width <= 0:
        return 0.0
    words = next_line.split(maxsplit=1)  # (not a full split just to test emptiness)
    first = words[0] if words else ""
    return (len(line.rstrip()) + 1 + len(first)) / width


def heading_like(
    lines: list[str], numbered: bool, width: int, next_line: str | None = None, lead: int = 0
) -> bool:
    """Whether these stripped lines (one unit) read as a heading.

    ``lead``: characters of a list marker printed before the first line ("7. "), which
    count in how full that line is. A single line that runs to the full width is still a
    heading when the next line opens a sentence with a capitalized function word ("La
    France ...", "The ...", "Dans ..."): a wrapped body line goes on mid-sentence, where
    such a word is in lower case (text re-wrapped without blank lines puts headings of
    any length at full width)."""
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
    # Does the last line stop short? With the next line known: would its first word have
    # fitted; without it, is the line clearly shorter than the text width.
    last_line = " " * lead + lines[-1] if len(lines) == 1 else lines[-1]
    fill = fill_ratio(last_line, next_line, width)
    short = fill < 1.0 if next_line else len(last_line) <= 0.9 * width
    if next_line and not short:
        # The next word did not fit: a wrapped body line, unless a sentence opens there.
        return (
            len(lines) == 1
            and len(words) <= (30 if numbered else 12)
            and words[-1].casefold() not in _FUNCTION_WORDS
            and opens_sentence(next_line)
        )
    if len(lines) == 1:
        last = words[-1].casefold()
        if numbered:
            return short or last not in _FUNCTION_WORDS
        return len(words) <= 12 and (
            len(lines[0]) <= 0.7 * width or (short and last not in _FUNCTION_WORDS)
        )
    if not all(starts_lower(x) or is_all_caps(x) for x in lines[1:]):
        return False
    return short if next_line else len(lines[-1]) <= 0.8 * width


def is_function_word(word: str) -> bool:
    """An article, preposition, conjunction or determiner (French or English)."""
    return word.casefold().strip(".,;:!?'’\"»)") in _FUNCTION_WORDS


_OPENER = re.compile(r"^[\"«“(]?([A-ZÀ-Ý][a-zà-ÿ]*)(?:['’]|\s)")


def opens_sentence(line: str) -> bool:
    """The line starts with a capitalized function word ("Le", "L’", "The", "Dans"):
    the first word of a sentence, not of a name that wrapped mid-sentence."""
    m = _OPENER.match(line.lstrip())
    return bool(m) and m.group(1).casefold() in _FUNCTION_WORDS


# "Article 1er", "ARTICLE PREMIER", "Article 2 - Objet", "Art. 4", "Artikel 3", the
# Légifrance "Article ANNEXE , A" and the inserted treaty articles '" Article J. 1'.
ARTICLE_HEADING = re.compile(
    r"^[\"«“]?\s*(?i:article|art\.|artikel|articolo|art[íi]culo)\s+"
    r"(?:(?i:annexe?)\s*(?:,\s*|$))?"
    r"(?P<num>(?i:premier|first|unique)|\d{1,3}(?:\s*(?:er|e|bis|ter|quater))?"
    r"|[IVXLC]{1,7}(?![a-z])|[A-Z](?:\s*\.\s*\d{1,3})?(?![a-z]))?"
    r"\s*(?:[.:–—-]\s*)?(?P<title>[^.;:!?]{0,90})$"
)

_ANNEX_WORD = re.compile(r"^\W*\w+\s+(?i:annexe?)\b")  # "Article Annexe"
_SPACES = re.compile(r"\s+")


def article_heading(text: str) -> str | None:
    """The article number of an article heading ("Article 1er" -> "1er", "Article J. 1"
    -> "J.1", "Article ANNEXE , A" -> "A"; "" for "Article Annexe"), or None when the
    unit is not one (a sentence that starts with "Article 5 of the Treaty shall ...")."""
    t = text.strip()
    m = ARTICLE_HEADING.match(t)
    if m is None or len(_WORD.findall(m.group("title"))) > 12 or starts_lower(m.group("title")):
        return None
    if m.group("num") is None and not _ANNEX_WORD.match(t):
        return None
    return _SPACES.sub("", m.group("num") or "")


def plain_heading_like(text: str, numbered: bool = False) -> bool:
    """A whole unit of a web text that reads as a heading: short and unpunctuated."""
    if ends_terminal(text) or starts_lower(text):
        return False
    words = _WORD.findall(text)
    return 0 < len(words) <= (30 if numbered else 14)


def assign_levels(headings: list[tuple[int, bool]], labels: list[str] | None = None) -> list[int]:
    """Levels for headings given as (dotted-number depth or 0, directly after a heading).

    Numbered headings take their number's depth ("1.1." -> 2), counted from where their
    numbering hangs: under the heading printed with the parent number ("1.") when there is
    one, else, when that parent is never printed, under the unnumbered heading that stood
    last when the numbering started ("Partenariat numérique" then "1.1.", "1.2.": both sit
    one level under it). An unnumbered heading that directly follows another heading sits
    one level under it; otherwise it takes the level of the previous unnumbered heading
    (its siblings), or 1.
    """
    labels = labels or [""] * len(headings)
    levels: list[int] = []
    last_unnumbered = 0
    seen: dict[str, int] = {}  # printed number -> level
    anchors: dict[str, int] = {}  # missing parent number -> level it stands for
    for i, ((num_depth, right_after), label) in enumerate(zip(headings, labels, strict=True)):
        parts = label.rstrip(".").split(".") if num_depth else []
        parent = ".".join(parts[:-1])
        if num_depth and parent in seen:
            lvl = seen[parent] + 1
        elif num_depth > 1 and parent and (parent in anchors or last_unnumbered):
            lvl = anchors.setdefault(parent, last_unnumbered) + 1
        elif num_depth:
            lvl = num_depth
        elif right_after and levels:
            lvl = levels[i - 1] + 1
        elif last_unnumbered:
            lvl = last_unnumbered
        elif levels:
            lvl = levels[-1] + 1 if headings[i - 1][0] else 1
        else:
            lvl = 1
        if num_depth:
            seen[".".join(parts)] = lvl
        else:
            last_unnumbered = lvl
        levels.append(lvl)
    return levels
