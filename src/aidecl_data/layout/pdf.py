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

from aidecl_data.layout.headings import (
    ends_terminal,
    fill_ratio,
    heading_like,
    is_all_caps,
    starts_lower,
    starts_upper,
)
from aidecl_data.layout.lines import Line
from aidecl_data.layout.lists import parse_marker
from aidecl_data.layout.units import Unit

_SENTENCE_END = re.compile(r"[.!?…]['’\"»)\]]*$")
# A line this full (with the next word) or less ended by choice, not by wrapping.
_SHORT_LINE = 0.85
_WEBLINE = re.compile(r"^(?:https?://|www\.)\S+$|^(?:#\w+\s*)+$|^\S+@\S+\.\w+$")


def text_width(lines: list[Line]) -> int:
    lens = sorted(len(ln.stripped) for ln in lines if ln.stripped)
    if not lens:
        return 80
    return lens[int(0.9 * (len(lens) - 1))]


def read_units(lines: list[Line]) -> list[Unit]:
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
        if (
            (cur.kind == "text" or (numbered and cur.depth == 0))
            and heading_like(cur_lines, numbered, width, next_line)
            and not _WEBLINE.match(text)
        ):
            cur.kind = "heading"
            if numbered:
                cur.level = len(cur.label.rstrip(".").split("."))
        if text.rstrip().endswith(":"):
            in_list = True
        elif _SENTENCE_END.search(text) and cur.kind != "item":
            in_list = False
        cur = None

    semi_ahead = _semicolon_ahead(lines)
    separators = _separator_mode(lines)
    for ln in lines:
        if ln.blank:
            if ln.text:
                page_break = page_break or ln.text.strip(" \t") == ""
            blank_before = True
            continue
        s = ln.stripped
        lead_space = ln.text[:1] in (" ", "\t")
        mk = parse_marker(s, allow_bullet_number=False)
        new = cur is None
        if cur is not None:
            prev = cur_lines[-1]
            p_term = ends_terminal(prev)
            if _WEBLINE.match(s) or _WEBLINE.match(prev):
                new = True
            elif mk is not None and mk.kind == "bullet":
                rest = s[mk.length :]
                new = p_term or starts_upper(rest)
            elif mk is not None:
                new = p_term or (cur.kind == "text" and _is_heading(cur, cur_lines, width, s))
            elif is_all_caps(prev) and is_all_caps(s) and len(cur_lines) < 3:
                new = False
            elif (
                (
                    _SENTENCE_END.search(prev)
                    and (starts_upper(s) or not starts_lower(s))
                    and (not separators or blank_before or fill_ratio(prev, s, width) < _SHORT_LINE)
                )
                or (prev.rstrip().endswith(":") and (starts_upper(s) or semi_ahead[ln.index]))
                or (
                    prev.rstrip().endswith(";")
                    and (in_list or cur.kind == "item")
                    and (cur.kind != "item" or starts_upper(s))
                )
                or (starts_upper(s) and _is_heading(cur, cur_lines, width, s))
            ):
                new = True
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
            units.append(cur)
        else:
            assert cur is not None
            cur.ranges.append((ln.content_start, ln.content_end))
            cur.last_line = ln.index
            cur_lines.append(s)
        page_break = False
        blank_before = False
    close(None)
    return units


def _is_heading(cur: Unit, cur_lines: list[str], width: int, next_line: str) -> bool:
    if cur.kind == "item" and cur.marker_kind != "number":
        return False
    return heading_like(cur_lines, cur.marker_kind == "number", width, next_line)


def _separator_mode(lines: list[Line]) -> bool:
    """Does this text mark paragraph breaks with blank (or space-only) lines?

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
        if _SENTENCE_END.search(content[k].stripped) and starts_upper(content[k + 1].stripped)
    ]
    return sum(ends) >= 3 and sum(ends) / len(ends) >= 0.75


def _semicolon_ahead(lines: list[Line]) -> list[bool]:
    """For each line: does a line ending with ";" come before the next sentence end?

    After a lead-in ending with ":", lower-case lines are list items (not a wrap of the
    lead-in) when the lines that follow are closed by ";" before a full stop.
    """
    out = [False] * len(lines)
    ahead = False
    for ln in reversed(lines):
        t = ln.stripped
        if t.endswith(";"):
            ahead = True
        elif _SENTENCE_END.search(t) or t.endswith(":"):
            ahead = False
        out[ln.index] = ahead
    return out
