"""Line reader for Markdown and plain text from a web page.

Blank lines separate blocks; inside a block, a line that starts with a list marker or
follows a hard line break (two trailing spaces) starts a new unit, other lines are soft
wraps of the current one. ``#`` headings, ``---`` rules and footnote definitions
(``<sup>2</sup> Kenya, ...`` or ``[^2]: ...``) are units of their own. A pipe-table row
gives one item per cell; a line that is only block HTML tags (``<img ...>``, ``<div>``)
separates blocks like a blank line.
"""

from __future__ import annotations

import itertools
import re

from aidecl_data.parse.layout.lines import Line
from aidecl_data.parse.layout.lists import LETTER_MARKS, WORD_LETTERS, Marker, parse_marker
from aidecl_data.parse.layout.units import Unit

# "# Title"; also "##Title" with no space (two hashes at least, so "#hashtag" is not one),
# as mirrors of databases write their headings.
_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+|(?<=##)(?=[^\s#]))(\S.*?)[ \t]*#*[ \t]*$")
# A Pandoc-escaped number "17\. The G7 ...": a numbered paragraph, as "17. " would be.
_ESCAPED_NUMBER = re.compile(r"^(\d{1,3})\\\.(?=[ \t\u00a0]+\S)")
_RULE = re.compile(r"^[ \t]*(?:-[ \t]*){3,}$|^[ \t]*(?:\*[ \t]*){3,}$|^[ \t]*(?:_[ \t]*){3,}$")
_NOTE_DEF = re.compile(
    r"^[ \t]*(?:<sup>\s*(?:\\?\[)?(\d{1,3})(?:\\?\])?\s*</sup>|\[\^(\w{1,6})\]:)[ \t]*(?=\S)"
)


_OPENING_QUOTES = '"«“'
_QUOTE_LEAD = re.compile(r"^[\"«“][ \t\u00a0]+(?=\S)")


def _quote_length(s: str) -> int:
    """A quoted passage of a treaty (an amended text quoted in full) opens every paragraph
    with a quotation mark and a space (\" 1. L'Union ...\", \" - la sauvegarde ...\", \"
    Article J. 1\"), closed only at the end of the passage: the mark is not text, and
    the paragraph's number follows it (also on the passage's last line, which ends with
    the closing mark). A quote closed inside the line (\" Union \" ...) is text."""
    m = _QUOTE_LEAD.match(s)
    if m is None:
        return 0
    opening = s[0]
    closing = {"«": "»", "“": "”"}.get(opening, opening)
    marks = s.count(opening) + (s.count(closing) if closing != opening else 0)
    last = s.rstrip(" \t.;,")
    return m.end() if marks % 2 == 1 or last.endswith(closing) else 0


def _escaped_number(s: str) -> Marker | None:
    """The marker of "17\\. text" (Pandoc escapes a dot that would make a list), counting
    the backslash in its length."""
    m = _ESCAPED_NUMBER.match(s)
    if m is None:
        return None
    mk = parse_marker(m.group(1) + "." + s[m.end() :])
    return Marker(mk.kind, mk.label, mk.length + 1) if mk is not None else None


# A line holding only block-level HTML tags ("<img ... >", "<div class=...>", "</div>",
# "<br>"): a reader sees a break between what comes before and after, never text.
_BLOCK_TAG_LINE = re.compile(
    r"^(?:</?(?:img|div|br|p|hr|table|tbody|thead|tr|td|th|ul|ol|li|section|figure|meta)"
    r"\b[^<>]{0,800}>\s*)+$",
    re.IGNORECASE,
)
_CELL_SEP = re.compile(r"(?<!\\)\|")
_DELIMITER_CELL = re.compile(r"^:?-{3,}:?$")


def _table_cells(ln: Line, after_blank: bool) -> list[Unit]:
    """A pipe-table row: each cell with text is one list item (a reader reads a table of
    names, the usual table of a diplomatic text, as a list of them); ``---`` delimiter
    cells and empty cells are markup, not text."""
    out = []
    bounds = [m.start() for m in _CELL_SEP.finditer(ln.text)]
    edges = [-1, *bounds, len(ln.text)]
    for a, b in itertools.pairwise(edges):
        cell = ln.text[a + 1 : b]
        content = cell.strip()
        if not content or _DELIMITER_CELL.match(content):
            continue
        cs = ln.start + a + 1 + (len(cell) - len(cell.lstrip()))
        unit = Unit("item", [(cs, cs + len(content))], ln.index, ln.index, marker_kind="bullet")
        unit.after_blank = after_blank and not out
        out.append(unit)
    return out


# Block-level HTML tags inside a line of Markdown text ("<div class=...><h2>Quel
# fonctionnement ?</h2>", "<p>Concrètement, ...", "<ul><li><b>le Conseil</b> qui ...</li>"):
# a Jekyll page's boxes. Each tag opens or closes a block, as the browser shows it.
_INLINE_BLOCK_TAG = re.compile(r"</?(?:h[1-6]|p|li|ul|ol|div)\b[^<>]{0,800}>", re.IGNORECASE)


def _html_blocks(ln: Line) -> list[tuple[str, int, int, int]] | None:
    """The blocks of a line holding block-level HTML tags, as (kind, heading level,
    start, end): ``heading`` after ``<hN>``, ``item`` after ``<li>``, ``text`` after
    ``<p>``/``<div>`` or a closing tag, ``more`` for text before the first tag (it goes on
    with the unit above). None when the line has no such tag."""
    tags = list(_INLINE_BLOCK_TAG.finditer(ln.text))
    if not tags:
        return None
    out = []
    kind, level = "more", 0
    pos = 0
    for m in [*tags, None]:
        end = m.start() if m else len(ln.text)
        seg = ln.text[pos:end]
        if seg.strip():
            a = pos + len(seg) - len(seg.lstrip())
            b = pos + len(seg.rstrip())
            out.append((kind, level, ln.start + a, ln.start + b))
        if m is None:
            break
        tag = m.group().lower()
        name = tag[2:] if tag.startswith("</") else tag[1:]
        if tag.startswith("</"):
            kind, level = "text", 0
        elif name.startswith("h"):
            kind, level = "heading", int(name[1])
        elif name.startswith("li"):
            kind, level = "item", 0
        else:
            kind, level = "text", 0
        pos = m.end()
    return out


_BOLD_ONLY = re.compile(r"^\*\*[^*]+\*\*:?$")
_BULLET_LEAD = re.compile(r"^(?:[-*+]|\d{1,3}[.)])[ \t]+")


def _bold_lead_in(cur: Unit, prev: Line) -> bool:
    """An item that opens with a bold lead-in on a line of its own ("-   **Research
    Security**" + hard break + the item's text): the break sets the lead-in apart, the
    text under it is still the item's."""
    return (
        cur.kind == "item"
        and len(cur.ranges) == 1
        and bool(_BOLD_ONLY.match(_BULLET_LEAD.sub("", prev.stripped)))
    )


def read_units(lines: list[Line], markdown: bool) -> list[Unit]:
    """Group the lines of a web text into units (headings, rules, notes, items, text).

    Why: in Markdown and in text copied from a web page, blank lines are meaningful (they
    end a block) and line starts carry the structure (``#``, list markers, footnote
    definitions), so each line can be typed on its own, unlike PDF text (``pdf.py``).
    ``markdown`` is False for plain text: ``#`` headings and footnote definitions are then
    not recognized, and only ``---`` counts as a rule.

    How: one pass over the lines. A blank line closes the current unit. A ``#`` heading,
    a rule or a footnote definition is a unit of its own (a heading's printed number,
    possibly in bold, becomes its label and ``label_span``). A list marker starts an item
    whose ``depth`` comes from a stack of the indents seen since the last blank line
    (deeper indent pushes, shallower pops). Any other line continues the current text,
    item or note unless the previous line ended with a hard break, else it starts a text
    unit (at the depth of the list it follows when no blank line intervenes, so a
    continuation paragraph stays inside its list). Ranges exclude markers, so the
    cleaned text maps back to the source.
    """
    units: list[Unit] = []
    cur: Unit | None = None
    blank = True
    indents: list[int] = []
    for ln in lines:
        if ln.blank:
            cur, blank = None, True
            continue
        s = ln.text.lstrip(" \t")
        cs, ce = ln.content_start, ln.content_end
        # First-character tests keep the three regexes below off ordinary lines (the first
        # character each one needs in order to match).
        first = ln.stripped[0]
        if markdown and first == "<" and _BLOCK_TAG_LINE.match(ln.stripped):
            cur, blank = None, True  # a line that is one block tag separates blocks
            continue
        blocks = _html_blocks(ln) if markdown and "<" in ln.text else None
        if blocks is not None:
            for kind, level, bs, be in blocks:
                if kind == "more" and cur is not None and cur.kind in ("text", "item"):
                    cur.ranges.append((bs, be))
                    cur.last_line = ln.index
                    continue
                cur = Unit(
                    "text" if kind == "more" else kind,
                    [(bs, be)],
                    ln.index,
                    ln.index,
                    marker_kind="bullet" if kind == "item" else "",
                    level=level,
                    after_blank=blank,
                )
                units.append(cur)
                blank = False
                if kind == "heading":
                    cur = None
            if not blocks:
                cur, blank = None, True  # tags only: a break
            continue
        if markdown and first == "|":
            units.extend(_table_cells(ln, blank))
            cur, blank = None, False
            continue
        m = _HEADING.match(s) if markdown and first == "#" else None
        if m:
            hs = ln.start + (len(ln.text) - len(s)) + m.start(2)
            he = hs + len(m.group(2))
            # "## 1.1. Title" or "## **2. Title**": keep the printed number as the label.
            bold = 2 if m.group(2).startswith("**") else 0
            mk = parse_marker(m.group(2)[bold:], allow_bullet_number=False)
            num = mk is not None and mk.kind == "number"
            units.append(
                Unit(
                    "heading",
                    [(hs + bold + mk.length if num else hs, he)],
                    ln.index,
                    ln.index,
                    marker_kind="number" if num else "",
                    label=mk.label if num else "",
                    label_span=(hs + bold, hs + bold + mk.length) if num else None,
                    level=len(m.group(1)),
                    after_blank=blank,
                )
            )
            cur, blank = None, False
            continue
        if first in "-*_" and _RULE.match(ln.text) and (markdown or ln.stripped.startswith("---")):
            units.append(Unit("rule", [(cs, ce)], ln.index, ln.index, after_blank=blank))
            cur, blank = None, False
            continue
        n = _NOTE_DEF.match(ln.text) if markdown and first in "<[" else None
        if n:
            cur = Unit(
                "note",
                [(ln.start + n.end(), ce)],
                ln.index,
                ln.index,
                label=n.group(1) or n.group(2),
                after_blank=blank,
            )
            units.append(cur)
            blank = False
            continue
        q = _quote_length(s) if first in _OPENING_QUOTES else 0
        if q:  # the opening quote of a quoted paragraph: not text, and a marker may follow
            s, cs = s[q:], cs + q
        # A line that starts with a capital (most of them) holds no marker: every one
        # starts with a bullet, "(", "*", a digit or a lower-case letter; nor one that
        # starts with a word ("de la", not "a)" nor "iv.": see ``WORD_LETTERS``).
        c = s[0]
        mk = (
            None
            if c.isupper() or (c in WORD_LETTERS and s[1:2] not in LETTER_MARKS)
            else parse_marker(s)
        )
        if mk is None and markdown and s[:1].isdigit():
            mk = _escaped_number(s)
        if mk is not None:
            if blank or not indents:
                indents = [ln.indent]
            while indents and ln.indent < indents[-1]:
                indents.pop()
            if not indents or ln.indent > indents[-1]:
                indents.append(ln.indent)
            depth = len(indents) - 1
            cur = Unit(
                "item",
                [(cs + mk.length, ce)],
                ln.index,
                ln.index,
                marker_kind=mk.kind,
                label=mk.label,
                label_span=(cs, cs + mk.length),
                depth=depth,
                after_blank=blank,
            )
            units.append(cur)
            blank = False
            continue
        prev = lines[ln.index - 1] if ln.index else None
        if (
            cur is not None
            and cur.kind in ("text", "item", "note")
            and (prev is None or not prev.hard_break or _bold_lead_in(cur, prev))
        ):
            cur.ranges.append((cs, ce))
            cur.last_line = ln.index
        else:
            cur = Unit(
                "text",
                [(cs, ce)],
                ln.index,
                ln.index,
                after_blank=blank,
                depth=len(indents) - 1 if (indents and not blank) else 0,
            )
            units.append(cur)
        blank = False
    return units
