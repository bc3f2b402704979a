"""The section tree: one row per heading, with its level and its parent.

Levels come from the layout that marks them: in Markdown, the ``#`` count (the shallowest
heading is level 1; a bold line sits one under the previous heading) and never less than
the depth of a printed dotted number ("## 2.1." sits under "## 2."); elsewhere, from the
numbering and from position (:func:`~aidecl_data.parse.layout.headings.assign_levels`).

Section eIds are ``sec_<printed number>`` ("1.1." -> ``sec_1-1``), or ``sec_<position>``
for unnumbered headings, counted among unnumbered headings, so that adding a numbered
heading renumbers no other section.
"""

from __future__ import annotations

import re

from aidecl_data.parse.eids import EidRegistry
from aidecl_data.parse.layout.headings import assign_levels
from aidecl_data.parse.layout.units import Unit
from aidecl_data.parse.model import Region, SectionRow
from aidecl_data.parse.text import MappedText

_NOT_LABEL = re.compile(r"[^\w.]")  # what a printed number loses in an eId


def build_sections(
    units: list[Unit], norm: MappedText, fmt: str, doc: str, ids: EidRegistry
) -> tuple[list[SectionRow], dict[int, SectionRow], list[Region]]:
    """Rows for the units whose role is ``section`` (``units`` without boilerplate), the
    row of each heading unit (by ``id(unit)``), and one ``heading`` region per row."""
    heads = [u for u in units if u.role == "section"]
    num_depths = []
    order = {id(u): k for k, u in enumerate(units)}
    for u in heads:
        k = order[id(u)]
        before = units[k - 1] if k else None
        prev_is_heading = before is not None and before.role == "section"
        numbered = u.label and u.marker_kind == "number"
        depth = len(u.label.rstrip(".").split(".")) if numbered else 0
        num_depths.append((depth, prev_is_heading))
    levels = _levels(heads, num_depths, fmt)
    if fmt == "markdown":  # "## 2.1." sits under "## 2."
        levels = [max(lv, d) for lv, (d, _) in zip(levels, num_depths, strict=True)]
    rows: list[SectionRow] = []
    regions: list[Region] = []
    sec_of: dict[int, SectionRow] = {}
    stack: list[SectionRow] = []
    unnumbered = 0
    for u, lvl in zip(heads, levels, strict=True):
        if u.label and u.label_span:
            u.label = norm.text[u.label_span[0] : u.label_span[1]].strip(" \t-*+•")
        if u.label:
            prefix = "art_" if u.marker_kind == "article" else "sec_"
            eid = prefix + _NOT_LABEL.sub("", u.label).strip(".").replace(".", "-")
        else:
            unnumbered += 1
            eid = f"sec_{unnumbered}"
        sid = f"{doc}/{ids.take(eid)}"
        while stack and stack[-1].level >= lvl:
            stack.pop()
        mt = u.cleaned.text
        s, e = mt.source_span(0, len(mt.text))
        row = SectionRow(
            sid,
            doc,
            stack[-1].section_id if stack else "",
            len(rows) + 1,
            lvl,
            u.label,
            u.text,
            s,
            e,
        )
        rows.append(row)
        stack.append(row)
        sec_of[id(u)] = row
        regions.append(Region("heading", mt, section_id=sid))
    return rows, sec_of, regions


def _levels(heads: list[Unit], num_depths: list[tuple[int, bool]], fmt: str) -> list[int]:
    """Markdown levels from the ``#`` count (the shallowest heading is level 1; a bold
    or plain-line heading one under the previous ``#`` heading, beside the previous
    unmarked one); other layouts from numbering and position
    (:func:`assign_levels`)."""
    if fmt == "markdown":
        raw = [u.level or 0 for u in heads]
        known = [x for x in raw if x]
        top = min(known) if known else 1
        out: list[int] = []
        for k, x in enumerate(raw):
            if x:
                out.append(x - top + 1)
            elif not out:
                out.append(1)
            else:  # a bold or plain-line heading: a sibling of the one before if it
                # was also unmarked, else one under it
                out.append(out[-1] if raw[k - 1] == 0 else out[-1] + 1)
        return out
    return assign_levels(num_depths, [u.label if u.marker_kind == "number" else "" for u in heads])
