"""The unit every layout reader produces: one heading, paragraph, item, note or rule."""

from __future__ import annotations

from dataclasses import dataclass

from aidecl_data.parse.layout.inline import Cleaned


@dataclass
class Unit:
    """A block of the document, as ranges of the normalized text.

    ``kind``: ``text`` (a paragraph or unmarked item, decided later), ``item`` (a marked
    list item or numbered paragraph), ``heading``, ``note`` (a footnote definition),
    ``rule`` (``---``). ``ranges`` are the content ranges (markers excluded) of its lines.
    """

    kind: str
    ranges: list[tuple[int, int]]
    first_line: int
    last_line: int
    marker_kind: str = ""  # bullet | number | letter | roman | ""
    label: str = ""
    label_span: tuple[int, int] | None = None
    depth: int = 0  # nesting from indentation (Markdown) or 0
    level: int = 0  # heading level when known (Markdown # count, dotted numbers)
    after_blank: bool = True  # separated from the previous unit by a blank line
    page_break_before: bool = False
    # filled by the shared stages
    role: str = ""  # paragraph | item | heading | title | dateline | meta | boiler | namelist ...
    text: str = ""  # cleaned text (cache for rules)
    cleaned: Cleaned | None = None
    raw_bold: bool = False  # the whole Markdown line was **bold** (a heading candidate)
    underlined: bool = False  # the whole Markdown block is <u>underlined</u> (a heading)
    lost_break: bool = False  # a piece of a line whose breaks were lost (``lost_breaks``)

    @property
    def start(self) -> int:
        return self.ranges[0][0] if self.ranges else 0

    @property
    def end(self) -> int:
        return self.ranges[-1][1] if self.ranges else 0
