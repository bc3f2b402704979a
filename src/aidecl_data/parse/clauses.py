"""Clause emission: one row per body paragraph or list item, with a stable eId.

Why the eIds look the way they do (the Akoma Ntoso way): they must not move when
unrelated text changes elsewhere, because researchers quote them and the incremental
build compares them across versions.

- a paragraph that carries a printed number is ``para_<number>`` (a researcher quotes
  "paragraph 4"); unnumbered paragraphs are numbered in their section
  (``sec_3__para_2``), so a paragraph added in one section renumbers nothing elsewhere;
- unnumbered paragraphs before the first numbered one are ``preamble__para_<k>``; an
  unnumbered paragraph inside numbered paragraph *n* is ``para_n__subpara_<k>``, or
  ``para_n__list_<m>__intro`` when it introduces a list;
- list items are ``<parent>__list_<m>__point_<label or position>`` under the paragraph
  (or item) that introduces them; items with no lead-in are ``list_<m>__point_<i>`` in
  their section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aidecl_data.parse.eids import EidRegistry
from aidecl_data.parse.layout.headings import ends_sentence, starts_lower
from aidecl_data.parse.layout.lists import leads_in
from aidecl_data.parse.layout.units import Unit
from aidecl_data.parse.model import ClauseRow, Region, SectionRow

_INT = re.compile(r"^\d{1,3}$")


def group_by_section(
    units: list[Unit], sec_of: dict[int, SectionRow]
) -> list[tuple[SectionRow | None, list[Unit]]]:
    """The body units (no role, text or item) in reading order, cut at each heading:
    ``(section or None before the first heading, its units)``."""
    current: SectionRow | None = None
    container: list[Unit] = []
    groups: list[tuple[SectionRow | None, list[Unit]]] = []
    for u in units:
        if u.role == "section":
            groups.append((current, container))
            current, container = sec_of[id(u)], []
        elif not u.role and u.kind in ("text", "item"):
            container.append(u)
    groups.append((current, container))
    return groups


@dataclass
class ClauseEmitter:
    """Clause rows and their regions for one document, section after section.

    ``marker_owner`` maps a footnote label to the first clause that carries its marker
    (the note-linking step reads it)."""

    doc: str
    ids: EidRegistry
    clauses: list[ClauseRow] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    marker_owner: dict[str, str] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)  # the unit of each clause row

    def emit_container(self, sec: SectionRow | None, group: list[Unit]) -> None:
        """Number the clauses of one section (or of the text before the first heading).

        Why: clause eIds must stay put when unrelated text changes (see the module
        docstring), so each id is built from what the reader sees (printed numbers and
        labels) and from counters local to the section, the numbered paragraph or the
        lead-in that owns the clause, never from a position in the whole document.

        How: :func:`classify` types each unit ``npara`` (numbered paragraph), ``para`` or
        ``item``. A numbered paragraph is ``para_<n>`` and becomes the owner of what
        follows. A paragraph inside one is its ``__subpara_<k>``, or the
        ``__list_<m>__intro`` of a new list when it ends with ":"; an unnumbered
        paragraph elsewhere is ``para_<k>`` (``preamble__para_<k>`` when the section also
        has numbered paragraphs). Items with no owner form ``list_<m>`` lists of the
        section. Each clause is added at once, so reading order is kept.

        Why it walks with a stack: a list item belongs to the nearest shallower item,
        else to the paragraph that introduced it with ":" (``leadin``), else to the
        numbered paragraph it sits in (``cur_num``), else to a list of the section itself.
        A deeper item after an item that ended its sentence is read as its sibling: a
        sub-list hangs from a lead-in, not from a full stop. Numbered paragraphs
        reset the stack and the lead-in; an unnumbered paragraph inside a numbered one is
        a subparagraph of it (or the intro of its next list when it ends with ":")."""
        if not group:
            return
        prefix = sec.section_id.split("/", 1)[1] + "__" if sec else ""
        sid = sec.section_id if sec else ""
        kinds = classify(group)
        numbered_mode = any(k == "npara" for k in kinds)
        para_k = 0
        cur_num: _C | None = None
        leadin: _C | None = None
        stack: list[_C] = []
        top_lists = 0
        top_list: tuple[str, list[int]] | None = None
        take = self.ids.take
        for u, kind in zip(group, kinds, strict=True):
            if kind == "npara":
                c = _C(take(prefix + f"para_{u.label}"), "", u, "paragraph", u.label)
                cur_num, stack, top_list = c, [], None
                leadin = c if leads_in(u.text) else None
            elif kind == "para":
                if cur_num is not None:
                    if leads_in(u.text):
                        cur_num.lists += 1
                        base = f"{cur_num.eid}__list_{cur_num.lists}"
                        c = _C(take(base + "__intro"), cur_num.eid, u, "paragraph", "")
                        c.list_base = base
                    else:
                        cur_num.subparas += 1
                        c = _C(
                            take(f"{cur_num.eid}__subpara_{cur_num.subparas}"),
                            cur_num.eid,
                            u,
                            "paragraph",
                            "",
                        )
                else:
                    para_k += 1
                    name = f"preamble__para_{para_k}" if numbered_mode else f"para_{para_k}"
                    c = _C(take(prefix + name), "", u, "paragraph", "")
                stack, top_list = [], None
                leadin = c if leads_in(u.text) else None
            else:  # item
                d = u.depth if u.kind == "item" else 0
                while stack and stack[-1].depth >= d:
                    stack.pop()
                if stack and d > stack[-1].depth and ends_sentence(stack[-1].unit.text):
                    d = stack[-1].depth
                    stack.pop()
                owner = stack[-1] if stack else (leadin or cur_num)
                if owner is not None:
                    if owner.list_base is None:
                        owner.lists += 1
                        owner.list_base = f"{owner.eid}__list_{owner.lists}"
                    base, parent = owner.list_base, owner.eid
                    owner.points += 1
                    pos = owner.points
                else:
                    if top_list is None:
                        top_lists += 1
                        top_list = (prefix + f"list_{top_lists}", [0])
                    base, parent = top_list[0], ""
                    top_list[1][0] += 1
                    pos = top_list[1][0]
                lab = _NON_WORD.sub("", u.label) if u.marker_kind else ""
                c = _C(take(f"{base}__point_{lab or pos}"), parent, u, "item", u.label)
                c.depth = d
                stack.append(c)
            self._add(c, sid)

    def _add(self, c: _C, sid: str) -> None:
        u = c.unit
        cid = f"{self.doc}/{c.eid}"
        pid = f"{self.doc}/{c.parent}" if c.parent else ""
        mt = u.cleaned.text
        s, e = mt.source_span(0, len(mt.text))
        self.clauses.append(
            ClauseRow(cid, self.doc, sid, pid, len(self.clauses) + 1, c.kind, c.label, u.text, s, e)
        )
        self.regions.append(Region("clause", mt, clause_id=cid, section_id=sid))
        self.units.append(u)
        for label, _pos in u.cleaned.markers:
            self.marker_owner.setdefault(label, cid)


_NON_WORD = re.compile(r"[^\w]")  # what a label loses in an eId ("(a)" -> "a")


@dataclass(eq=False)
class _C:
    """A clause being numbered: its eId, its parent's eId, its unit."""

    eid: str
    parent: str
    unit: Unit
    kind: str
    label: str
    depth: int = -1
    lists: int = 0
    subparas: int = 0
    points: int = 0
    list_base: str | None = None


def classify(group: list[Unit]) -> list[str]:
    """``npara`` (numbered paragraph), ``para`` or ``item`` for each unit of a section.

    A top-level number is a numbered paragraph when it continues the paragraph numbering,
    or when it is not inside a list introduced by a lead-in; unmarked blocks after a lead-in
    ending with ":" are items while they start in lower case or the previous item ended
    with ";".
    """
    kinds: list[str] = []
    last_num = 0
    in_list = False
    for k, u in enumerate(group):
        prev = group[k - 1] if k else None
        prev_leadin = prev is not None and leads_in(prev.text)
        if u.kind == "item" and u.marker_kind == "number" and u.depth == 0 and _INT.match(u.label):
            n = int(u.label)
            if (last_num and n == last_num + 1) or not (in_list or prev_leadin):
                kinds.append("npara")
                last_num = n
                in_list = leads_in(u.text)
                continue
        if u.kind == "item":
            kinds.append("item")
            in_list = True
            continue
        if (
            (in_list or prev_leadin)
            and prev is not None
            and (starts_lower(u.text) or (kinds[-1] == "item" and prev.text.rstrip().endswith(";")))
        ):
            kinds.append("item")
            in_list = True
            continue
        kinds.append("para")
        in_list = leads_in(u.text)
    return kinds
