"""Line reader for text extracted from a PDF.

Blank and space-only lines carry no meaning here (some extractors put one after every
line, others mark page breaks with runs of them, or with a stray leading space), so units
are decided from the text itself: a line ending a sentence followed by a line starting a
new one is a paragraph break; a list marker after punctuation starts an item; inside a
list introduced by ":", a line ending with ";" ends an item; a short unpunctuated line
followed by a capital is a heading (wrapped headings are joined); everything else is a
hard wrap.
"""

from __future__ import annotations

import re

from aidecl_data.parse.layout.headings import (
    CLOSERS,
    SENTENCE_MARKS,
    TERMINAL_MARKS,
    ends_sentence,
    ends_terminal,
    fill_ratio,
    heading_like,
    is_all_caps,
    is_function_word,
    starts_lower,
    starts_upper,
)
from aidecl_data.parse.layout.lines import Line
from aidecl_data.parse.layout.lists import parse_marker
from aidecl_data.parse.layout.units import Unit

# A line this full (with the next word) or less ended by choice, not by wrapping.
_SHORT_LINE = 0.85
_WEBLINE = re.compile(r"^(?:https?://|www\.)\S+$|^(?:#\w+\s*)+$|^\S+@\S+\.\w+$")


def _is_webline(s: str) -> bool:
    """A URL, hashtags or an e-mail address alone on the line. The start and "@" tests
    are what ``_WEBLINE`` needs; they keep the regex off ordinary lines (two per line)."""
    return (s[:1] in ("h", "w", "#") or "@" in s) and bool(_WEBLINE.match(s))


def text_width(lines: list[Line]) -> int:
    lens = sorted(len(ln.stripped) for ln in lines if ln.stripped)
    if not lens:
        return 80
    return lens[int(0.9 * (len(lens) - 1))]


def read_units(lines: list[Line]) -> list[Unit]:
    """Group the lines of PDF-extracted text into units (paragraphs, items, headings).

    Why: an extractor keeps the PDF's visual lines but loses what separated blocks, and
    its blank lines are noise (one after every line, runs at page breaks), so the only
    evidence left is each line's own text and its neighbours'.

    How: one pass decides, for each non-blank line, whether it starts a new unit or
    continues the current one (a hard wrap). A new unit starts after a URL or e-mail line;
    at a bullet when the previous line ended with terminal punctuation or the bullet's text
    starts with a capital; at a number or letter marker after terminal punctuation or when
    the current text looks like a heading; at a line after a sentence end that does not
    start in lower case, when the previous line was short (or the text does not use blank
    lines as paragraph separators, see :func:`_separator_mode`); after a ":" lead-in when
    the line starts with a capital or a ";"-closed list follows (see
    :func:`_semicolon_ahead`); after ";" inside a list; at a capital after a current text
    that looks like a heading. Two short all-caps lines join (a wrapped title). ``close``
    then types the finished unit: a text (or top-level numbered item) that is short,
    unpunctuated and followed by a capital becomes a heading (a numbered one gets its level
    from the dots of its label), and it tracks whether a ":" lead-in opened a list. Blank
    lines only feed ``after_blank``, and a space-only line or a leading space sets
    ``page_break_before``, for the later stages. The per-line facts (sentence end, terminal
    punctuation) are computed once up front because each line is asked about again when it
    becomes the previous line.
    """
    width = text_width(lines)
    units: list[Unit] = []
    cur: Unit | None = None
    cur_lines: list[str] = []
    in_list = False  # after a lead-in ending with ":"
    page_break = False
    blank_before = True

    def close(next_line: str | None) -> None:
        nonlocal cur, in_list
        if cur is None:
            return
        text = " ".join(cur_lines)
        numbered = cur.marker_kind == "number"
        cur_lead = cur.label_span[1] - cur.label_span[0] if cur.label_span else 0
        if (
            (cur.kind == "text" or (numbered and cur.depth == 0))
            and heading_like(cur_lines, numbered, width, next_line, cur_lead)
            and not _is_webline(text)
        ):
            cur.kind = "heading"
            if numbered:
                cur.level = len(cur.label.rstrip(".").split("."))
        if text.rstrip().endswith(":"):
            in_list = True
        elif ends_sentence(text) and cur.kind != "item":
            in_list = False
        cur = None

    # Facts about a line asked again when it is the previous line, and by the two passes
    # below: computed once per line (see docs/scaling.md for what this saves).
    sentence, terminal = _line_ends(lines)
    after = _next_content(lines)
    semi_ahead = _semicolon_ahead(lines, sentence)
    separators = _separator_mode(lines, sentence)
    prev_line: Line | None = None  # the line cur_lines[-1] is, when it is a whole line
    prev_web = False
    for ln in lines:
        if ln.blank:
            if ln.text:
                page_break = page_break or ln.text.strip(" \t") == ""
            blank_before = True
            continue
        s = ln.stripped
        lead_space = ln.text[:1] in (" ", "\t")
        # no marker starts with a capital (a bullet, "(", "*", a digit or a lower-case
        # letter): most lines skip the marker parse
        mk = None if s[0].isupper() else parse_marker(s, allow_bullet_number=False)
        if mk is not None and mk.kind in ("letter", "roman") and _run_in(lines, ln.index, mk.label):
            mk = None  # "afin : i) de ... et ii) de ...": an enumeration inside the sentence
        web = _is_webline(s)
        new = cur is None
        if cur is not None:
            prev = cur_lines[-1]
            p_term = terminal[prev_line.index] if prev_line is not None else ends_terminal(prev)
            if web or (prev_web if prev_line is not None else _is_webline(prev)):
                new = True
            elif mk is not None and mk.kind == "bullet":
                rest = s[mk.length :]
                new = p_term or starts_upper(rest)
            elif mk is not None:
                new = p_term or (cur.kind == "text" and _is_heading(cur, cur_lines, width, s))
            elif len(cur_lines) < 3 and is_all_caps(prev) and is_all_caps(s):
                new = False
            else:
                up = starts_upper(s)
                p_sent = sentence[prev_line.index] if prev_line is not None else ends_sentence(prev)
                if separators and not blank_before:
                    short = fill_ratio(prev, s, width) < _SHORT_LINE
                elif not blank_before and cur.marker_kind == "number" and cur.depth == 0:
                    # No blank lines at all: a full line ending a sentence inside a
                    # numbered paragraph is a wrap; the next paragraph carries a number.
                    short = fill_ratio(prev, s, width) < 1.0
                else:
                    short = True
                new = (
                    (p_sent and (up or not starts_lower(s)) and short)
                    or (prev.endswith(":") and (up or semi_ahead[ln.index]))
                    or (
                        prev.endswith(";")
                        and (in_list or cur.kind == "item")
                        and (cur.kind != "item" or up)
                    )
                    or (up and _is_heading(cur, cur_lines, width, s))
                )
                if (
                    not new
                    and up
                    and (cur.kind == "text" or (cur.marker_kind == "number" and cur.depth == 0))
                    and len(cur_lines) == 1
                    and _heading_pair(prev, s, after[ln.index], width)
                ):
                    new = True
                    if cur.marker_kind == "number":
                        cur.level = len(cur.label.rstrip(".").split("."))
                    cur.kind = "heading"
        if new:
            close(s)
            cs = ln.content_start
            if mk is not None:
                cur = Unit(
                    "item",
                    [(cs + mk.length, ln.content_end)],
                    ln.index,
                    ln.index,
                    marker_kind=mk.kind,
                    label=mk.label,
                    label_span=(cs, cs + mk.length),
                    after_blank=blank_before,
                    page_break_before=page_break or lead_space,
                )
                cur_lines = [s[mk.length :]]
                prev_line = None
            else:
                cur = Unit(
                    "text",
                    [(cs, ln.content_end)],
                    ln.index,
                    ln.index,
                    after_blank=blank_before,
                    page_break_before=page_break or lead_space,
                )
                cur_lines = [s]
                prev_line, prev_web = ln, web
            units.append(cur)
        else:
            assert cur is not None
            cur.ranges.append((ln.content_start, ln.content_end))
            cur.last_line = ln.index
            cur_lines.append(s)
            prev_line, prev_web = ln, web
        page_break = False
        blank_before = False
    close(None)
    return units


_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


def _next_label(label: str) -> str:
    """The label after ``label`` in its series ("i)" -> "ii)", "a." -> "b."), or ""."""
    core, close = label[:-1], label[-1]
    if core in _ROMANS[:-1]:
        return _ROMANS[_ROMANS.index(core) + 1] + close
    if len(core) == 1 and "a" <= core < "z":
        return chr(ord(core) + 1) + close
    return ""


def _run_in(lines: list[Line], index: int, label: str) -> bool:
    """Is the marker at the start of line ``index`` one of a run-in enumeration? It is
    when the next label of its series stands inside a line (after a word, not at a line
    start) before the sentence ends: "... afin : i) de diversifier ..., et ii) de
    permettre ...". A list whose items start lines has each label at a line start."""
    nxt = _next_label(label)
    if not nxt:
        return False
    pattern = re.compile(r"\S\s+\(?" + re.escape(nxt) + r"\s")
    for ln in lines[index : index + 8]:
        if ln.blank:
            continue
        if pattern.search(ln.stripped):
            return True
        if ends_sentence(ln.stripped):
            return False
    return False


def _next_content(lines: list[Line]) -> list[str | None]:
    """For each line, the next non-blank line's stripped text (None at the end)."""
    out: list[str | None] = [None] * len(lines)
    nxt: str | None = None
    for ln in reversed(lines):
        out[ln.index] = nxt
        if not ln.blank:
            nxt = ln.stripped
    return out


def _heading_pair(first: str, second: str, third: str | None, width: int) -> bool:
    """Two headings in a row, the first filled to the width ("Coopération relative à la
    gouvernance numérique" / "Enjeux de régulation" / "La France et l'Inde ..."): the
    second is a heading on its own (a short line that a sentence follows), and the first
    ends on a lower-case content word, so the second, capitalized, cannot be the rest of
    it (a heading in sentence case wraps to a lower-case word; one in Title Case, whose
    words are all capitalized, is left alone)."""
    if third is None or ends_terminal(first) or ends_terminal(second):
        return False
    words = first.split()
    if len(words) > 12 or not words[-1][:1].islower() or is_function_word(words[-1]):
        return False
    return heading_like([second], False, width, third)


def _line_ends(lines: list[Line]) -> tuple[list[bool], list[bool]]:
    """``ends_sentence`` and ``ends_terminal`` of every line's stripped text, read off one
    ``rstrip`` of the closing quotes and brackets per line (a stripped line has no
    trailing white space or newline left to look past): the two helpers cost eight calls
    a line."""
    sentence = [False] * len(lines)
    terminal = [False] * len(lines)
    for ln in lines:
        if ln.blank:
            continue
        t = ln.stripped.rstrip(CLOSERS)
        if t:
            sentence[ln.index] = t[-1] in SENTENCE_MARKS
            terminal[ln.index] = t[-1] in TERMINAL_MARKS
    return sentence, terminal


def _is_heading(cur: Unit, cur_lines: list[str], width: int, next_line: str) -> bool:
    if cur.kind == "item" and cur.marker_kind != "number":
        return False
    lead = cur.label_span[1] - cur.label_span[0] if cur.label_span else 0
    return heading_like(cur_lines, cur.marker_kind == "number", width, next_line, lead)


def _separator_mode(lines: list[Line], sentence: list[bool]) -> bool:
    """Does this text mark paragraph breaks with blank (or space-only) lines?
    (``sentence``: whether each line ends a sentence.)

    True when blank lines are rare between lines (not one after every line) but stand
    between most lines that end a sentence and lines that start one: then a sentence that
    ends at a line end without a blank line after it is a wrap inside the paragraph.
    """
    content = [ln for ln in lines if not ln.blank]
    if len(content) < 6:
        return False
    blank_before: list[bool] = []
    prev_index = None
    for ln in content:
        blank_before.append(prev_index is not None and ln.index > prev_index + 1)
        prev_index = ln.index
    if sum(blank_before) / (len(content) - 1) >= 0.5:
        return False
    ends = [
        blank_before[k + 1]
        for k in range(len(content) - 1)
        if sentence[content[k].index] and starts_upper(content[k + 1].stripped)
    ]
    return sum(ends) >= 3 and sum(ends) / len(ends) >= 0.75


def _semicolon_ahead(lines: list[Line], sentence: list[bool]) -> list[bool]:
    """For each line: does a line ending with ";" come before the next sentence end?
    (``sentence``: whether each line ends a sentence.)

    After a lead-in ending with ":", lower-case lines are list items (not a wrap of the
    lead-in) when the lines that follow are closed by ";" before a full stop.
    """
    out = [False] * len(lines)
    ahead = False
    for ln in reversed(lines):
        t = ln.stripped
        if t:  # blank lines (one after every line in some extractions) change nothing
            if t.endswith(";"):
                ahead = True
            elif sentence[ln.index] or t.endswith(":"):
                ahead = False
        out[ln.index] = ahead
    return out
