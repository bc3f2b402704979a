"""Document structure: sections, clauses, notes, regions and metadata of one text.

API used by ``aidecl_data.parse.document``::

    parse_structure(source: str, document_id: str) -> Structure

Steps (each in its own module of :mod:`aidecl_data.parse.layout`): normalize the source (NFC,
one line-end style, mapped back to the source), detect the layout, read lines into units
(``markdown.py`` for web texts, ``pdf.py`` for PDF text), clean and join them, then here:
set aside boilerplate, datelines and signatory lists, find the title and the front
matter, and number sections and clauses.

Clause ids (eIds, the Akoma Ntoso way) are built so that they do not move when unrelated
text changes elsewhere:

- a paragraph that carries a printed number is ``para_<number>`` (a researcher quotes
  "paragraph 4"); unnumbered paragraphs are numbered in their section
  (``sec_3__para_2``), so a paragraph added in one section renumbers nothing elsewhere;
- unnumbered paragraphs before the first numbered one are ``preamble__para_<k>``; an
  unnumbered paragraph inside numbered paragraph *n* is ``para_n__subpara_<k>``, or
  ``para_n__list_<m>__intro`` when it introduces a list;
- list items are ``<parent>__list_<m>__point_<label or position>`` under the paragraph
  (or item) that introduces them; items with no lead-in are ``list_<m>__point_<i>`` in
  their section.

Sections are ``sec_<printed number>`` ("1.1." -> ``sec_1-1``), or ``sec_<position>`` for
unnumbered headings, counted among unnumbered headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aidecl_data.parse import metadata
from aidecl_data.parse.layout import blocks, markdown, pdf
from aidecl_data.parse.layout.boilerplate import is_boilerplate, is_tail_marker
from aidecl_data.parse.layout.detect import detect_format
from aidecl_data.parse.layout.frontmatter import (
    DATELINE,
    DOC_TYPE_WORD,
    TITLE_START,
    is_name_line,
    is_namelist_leadin,
    match_dateline,
)
from aidecl_data.parse.layout.headings import (
    assign_levels,
    ends_sentence,
    is_all_caps,
    plain_heading_like,
    starts_lower,
)
from aidecl_data.parse.layout.inline import build_clean
from aidecl_data.parse.layout.lines import split_lines
from aidecl_data.parse.layout.units import Unit
from aidecl_data.parse.model import ClauseRow, NoteRow, Region, SectionRow
from aidecl_data.parse.text import MappedText, MappedTextBuilder, normalize_source

_INT = re.compile(r"^\d{1,3}$")
_ANNEX = re.compile(r"^(?:annexe?|appendix|appendice)\b", re.IGNORECASE)


@dataclass
class Structure:
    text: MappedText  # the normalized full text, mapped to the source
    source_format: str  # markdown | plain | pdf_text
    title: str
    title_source: str  # text | inferred
    document_type: str
    language: str  # ISO 639-1
    date: str = ""  # ISO
    date_precision: str = ""
    date_source: str = ""  # text | inferred | ""
    place: str = ""
    publisher: str = ""
    sections: list[SectionRow] = field(default_factory=list)
    clauses: list[ClauseRow] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)


def parse_structure(source: str, document_id: str) -> Structure:
    norm = normalize_source(source)
    lines = split_lines(norm.text)
    fmt = detect_format(norm.text, lines)
    md = fmt == "markdown"
    units = pdf.read_units(lines) if fmt == "pdf_text" else markdown.read_units(lines, md)
    vocab = blocks.vocabulary(norm.text)
    blocks.clean_units(units, norm, md, vocab)
    units = [u for u in units if u.text or u.kind == "rule"]
    if fmt != "pdf_text":
        units = blocks.merge_continuations(units, norm, md, vocab)
    blocks.continue_interrupted_lists(units)

    b = _Builder(document_id, norm, source, fmt, units)
    return b.run()


class _Builder:
    def __init__(
        self, document_id: str, norm: MappedText, source: str, fmt: str, units: list[Unit]
    ) -> None:
        self.doc = document_id
        self.norm = norm
        self.source = source
        self.fmt = fmt
        self.units = units
        self.st = Structure(norm, fmt, "", "inferred", "other", "fr")
        self.used_ids: set[str] = set()
        self.name_lists: list[Region] = []
        self.marker_owner: dict[str, str] = {}  # footnote label -> clause carrying it

    # -- roles ----------------------------------------------------------------------------
    def run(self) -> Structure:
        units = self.units
        self._mark_boilerplate()
        self.st.language = metadata.detect_language(
            " ".join(u.text for u in units if u.role != "boiler")
        )
        self._mark_datelines()
        self._mark_namelists()
        self._mark_punctuated_title()
        first_body = self._first_body()
        title_i = self._find_title(first_body)
        self._front_matter(first_body, title_i)
        self._drop_after_closing_dateline(first_body)
        self._body_headings(first_body, title_i)
        self._emit()
        self._metadata(title_i, first_body)
        return self.st

    def _mark_boilerplate(self) -> None:
        tail = False
        for u in self.units:
            if u.kind == "rule" or is_boilerplate(u.text):
                u.role = "boiler"
                if is_tail_marker(u.text):
                    tail = True
            elif tail and len(u.text.split()) < 25:
                u.role = "boiler"

    def _mark_datelines(self) -> None:
        for u in self.units:
            if not u.role and u.kind in ("text", "heading") and match_dateline(u.text):
                u.role = "dateline"

    def _mark_namelists(self) -> None:
        units = self.units
        i = 0
        while i < len(units):
            u = units[i]
            if u.role or u.kind == "note" or not is_namelist_leadin(u.text):
                i += 1
                continue
            j = i + 1
            names: list[Unit] = []
            while j < len(units):
                v = units[j]
                if v.role == "boiler" or v.kind in ("heading", "note", "rule"):
                    break
                if v.kind not in ("item", "text") or not is_name_line(v.text):
                    break
                names.append(v)
                j += 1
            if len(names) >= 2 or (names and _leads_in(u.text)):
                u.role = "namelist"
                for v in names:
                    v.role = "name"
                self._namelist_region(u, names)
                i = j
            else:
                i += 1

    def _namelist_region(self, lead: Unit, names: list[Unit]) -> None:
        b = MappedTextBuilder()
        for k, v in enumerate(names):
            if k:
                b.insert("\n")
            start = v.label_span[0] if v.label_span and v.marker_kind != "bullet" else v.start
            while start < v.end and self.norm.text[start] in "-*+• \t":
                start += 1
            ranges = [(start, v.ranges[0][1]), *v.ranges[1:]]
            b.append(build_clean(self.norm, ranges, self.fmt == "markdown").text)
        self.name_lists.append(Region("name_list", b.build(), label=lead.text.strip()))

    def _mark_punctuated_title(self) -> None:
        """A first line that names the type of text ("Déclaration franco-indienne sur
        l'IA.") is the title even with a final full stop, when body text follows."""
        rest = [u for u in self.units if not u.role and u.kind != "note"]
        if len(rest) < 2:
            return
        u = rest[0]
        if (
            u.kind in ("text", "heading")
            and len(u.text.split()) <= 15
            and TITLE_START.match(u.text)
            and not u.text.rstrip().endswith((":", ";", ","))
            and rest[1].kind in ("text", "item", "heading")
        ):
            u.role = "title"

    def _is_body(self, u: Unit) -> bool:
        if u.role or u.kind in ("heading", "rule"):
            return False
        if u.kind in ("item", "note"):
            return u.kind == "item"
        return not plain_heading_like(u.text)

    def _first_body(self) -> int:
        for i, u in enumerate(self.units):
            if self._is_body(u):
                return i
        return len(self.units)

    def _find_title(self, first_body: int) -> int | None:
        """The title among the front matter (units above the first body paragraph): the
        first heading, else short line, that names a type of text ("Déclaration ...",
        "Feuille de route ...", "Joint Statement ..."); else a top-level or capitalized
        heading; else, in plain text, a lone first line. None when the text has none."""
        for i, u in enumerate(self.units):
            if u.role == "title":
                return i
        front = [
            (i, u) for i, u in enumerate(self.units[:first_body]) if not u.role and u.kind != "note"
        ]
        heads = [(i, u) for i, u in front if u.kind == "heading"]
        shorts = [(i, u) for i, u in front if u.kind == "text"]
        for group in (heads, shorts):
            for i, u in group:
                if DOC_TYPE_WORD.search(u.text):
                    return i
        for i, u in heads:
            if (u.level and u.level <= 2) or is_all_caps(u.text) or len(heads) >= 2:
                return i
        if self.fmt == "plain" and not heads and len(shorts) == 1 and shorts[0][0] == front[0][0]:
            return shorts[0][0]  # a web page's lone first line above the body
        return None

    def _front_matter(self, first_body: int, title_i: int | None) -> None:
        for i, u in enumerate(self.units[:first_body]):
            if u.role or u.kind == "note":
                continue
            if i == title_i:
                u.role = "title"
            elif title_i is not None and i < title_i:
                u.role = "meta"
            elif u.kind == "heading" and (self.fmt != "markdown" or u.level):
                u.role = "section"
            else:
                u.role = "meta"

    def _drop_after_closing_dateline(self, first_body: int) -> None:
        units = self.units
        for i in range(first_body, len(units)):
            u = units[i]
            if u.role != "dateline":
                continue
            rest = [v for v in units[i + 1 :] if v.role != "boiler"]
            if not rest:
                return
            nxt = rest[0]
            s0 = self.norm.source_end(u.end)
            s1 = self.norm.source_start(nxt.start)
            if "\f" in self.source[s0:s1] and not _ANNEX.match(nxt.text):
                for v in units[i + 1 :]:
                    v.role = "boiler"
            return

    def _body_headings(self, first_body: int, title_i: int | None) -> None:
        """Headings of the body. Marked ones (``#``, PDF headings) are sections; in web
        text, a short unpunctuated line (bold in Markdown, any in plain text) or a short
        numbered line is one when a paragraph or another heading follows it."""
        units = self.units
        start = first_body if title_i is None else min(first_body, title_i + 1)
        nxt_ok = False  # does a paragraph or a heading follow (reading backwards)?
        for i in range(len(units) - 1, start - 1, -1):
            u = units[i]
            if u.role in ("boiler", "note", "name", "namelist") or u.kind in ("note", "rule"):
                continue
            if u.role and u.role not in ("meta", "section"):
                nxt_ok = False
                continue
            if u.kind == "heading" and (i >= first_body or u.role == "section"):
                u.role, nxt_ok = "section", True
                continue
            if self.fmt != "pdf_text" and nxt_ok and self._web_heading(u, units, i):
                u.role, nxt_ok = "section", True
                continue
            nxt_ok = (
                not u.role
                and u.kind in ("text", "item")
                and not (u.kind == "text" and plain_heading_like(u.text))
            )

    def _web_heading(self, u: Unit, units: list[Unit], i: int) -> bool:
        if u.kind == "text":
            return plain_heading_like(u.text) and (u.raw_bold or self.fmt == "plain")
        if u.kind == "item" and u.marker_kind == "number" and u.depth == 0:
            # The unit before (notes and rules aside); walked by index, not by copying
            # ``units[:i]`` for every unit (quadratic on a long list).
            j = i - 1
            while j >= 0 and units[j].kind in ("note", "rule"):
                j -= 1
            after_leadin = j >= 0 and _leads_in(units[j].text)
            if not after_leadin:
                return plain_heading_like(u.text, numbered=True)
        return False

    # -- rows -----------------------------------------------------------------------------
    def _eid(self, eid: str) -> str:
        out, k = eid, 2
        while out in self.used_ids:
            out = f"{eid}_{k}"
            k += 1
        self.used_ids.add(out)
        return out

    def _span(self, mt: MappedText) -> tuple[int, int]:
        return mt.source_span(0, len(mt.text))

    def _emit(self) -> None:
        """Turn the units, now that each has a role, into section, clause, note and region
        rows, in reading order.

        Why here: ids and parents depend on the whole document (a section's level depends
        on the other headings; a note's owner is the first clause citing its marker), so
        rows are made in one pass after every role is settled.

        How: (1) sections: a heading's depth is the number of parts of its printed number
        ("2.1." -> 2); :func:`_levels` turns depths (and, in Markdown, ``#`` counts) into
        levels, and a stack of open sections gives each its parent; the eId is
        ``sec_<number>`` or ``sec_<k>`` for the k-th unnumbered heading. (2) clauses: the
        body units (no role, text or item) are cut into groups at each section heading,
        and each group is numbered by :meth:`_emit_container`. (3) the title, datelines,
        front matter and name lists become regions. (4) notes come last, so that
        ``marker_owner`` (filled while clauses were added) names the clause that cites
        each note. ``_eid`` suffixes ``_2``, ``_3`` ... so that every id is unique.
        """
        st, doc = self.st, self.doc
        units = [u for u in self.units if u.role != "boiler"]
        # sections
        heads = [u for u in units if u.role == "section"]
        num_depths = []
        prev_is_heading = False
        order = {id(u): k for k, u in enumerate(units)}
        for u in heads:
            k = order[id(u)]
            before = units[k - 1] if k else None
            prev_is_heading = before is not None and before.role == "section"
            if u.label and u.marker_kind == "number":
                depth = len(u.label.rstrip(".").split("."))
            else:
                depth = 0
            num_depths.append((depth, prev_is_heading))
        levels = _levels(heads, num_depths, self.fmt)
        if self.fmt == "markdown":  # "## 2.1." sits under "## 2."
            levels = [max(lv, d) for lv, (d, _) in zip(levels, num_depths, strict=True)]
        sec_of: dict[int, SectionRow] = {}
        stack: list[SectionRow] = []
        unnumbered = 0
        for u, lvl in zip(heads, levels, strict=True):
            if u.label and u.label_span:
                u.label = self.norm.text[u.label_span[0] : u.label_span[1]].strip(" \t-*+•")
            if u.label:
                eid = "sec_" + re.sub(r"[^\w.]", "", u.label).strip(".").replace(".", "-")
            else:
                unnumbered += 1
                eid = f"sec_{unnumbered}"
            sid = f"{doc}/{self._eid(eid)}"
            while stack and stack[-1].level >= lvl:
                stack.pop()
            s, e = self._span(u.cleaned.text)
            row = SectionRow(
                sid,
                doc,
                stack[-1].section_id if stack else "",
                len(st.sections) + 1,
                lvl,
                u.label,
                u.text,
                s,
                e,
            )
            st.sections.append(row)
            stack.append(row)
            sec_of[id(u)] = row
            st.regions.append(Region("heading", u.cleaned.text, section_id=sid))
        # clauses, in reading order, with the section they fall under
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
        for sec, group in groups:
            self._emit_container(sec, group)
        # other regions, notes
        for u in units:
            if u.role in ("title", "dateline", "meta"):
                st.regions.append(Region(u.role, u.cleaned.text))
        st.regions.extend(self.name_lists)
        for u in units:
            if u.kind != "note":
                continue
            label = u.label
            nid = f"{doc}/{self._eid('note_' + label)}"
            owner = self.marker_owner.get(label, "")
            s, e = self._span(u.cleaned.text)
            st.notes.append(NoteRow(nid, doc, label, u.text, owner, s, e))
            st.regions.append(
                Region("note", u.cleaned.text, clause_id=owner, note_id=nid, label=label)
            )

    def _emit_container(self, sec: SectionRow | None, group: list[Unit]) -> None:
        """Number the clauses of one section (``group``: its body units, in order).

        Why: clause eIds must stay put when unrelated text changes (see the module
        docstring), so each id is built from what the reader sees (printed numbers and
        labels) and from counters local to the section, the numbered paragraph or the
        lead-in that owns the clause, never from a position in the whole document.

        How: :func:`_classify` types each unit ``npara`` (numbered paragraph), ``para``
        or ``item``. A numbered paragraph is ``para_<n>`` and becomes the owner of what
        follows. A paragraph inside one is its ``__subpara_<k>``, or the
        ``__list_<m>__intro`` of a new list when it ends with ":"; an unnumbered
        paragraph elsewhere is ``para_<k>`` (``preamble__para_<k>`` when the section
        also has numbered paragraphs). An item belongs to the nearest item above it on
        ``stack`` that is less deep (an item whose parent ended a sentence is its
        sibling instead), else to the current lead-in or numbered paragraph; its id is
        ``<owner list>__point_<label or position>``. Items with no owner form
        ``list_<m>`` lists of the section. Each clause is added at once with
        :meth:`_add_clause`, so reading order is kept.
        """
        if not group:
            return
        prefix = sec.section_id.split("/", 1)[1] + "__" if sec else ""
        sid = sec.section_id if sec else ""
        kinds = _classify(group)
        numbered_mode = any(k == "npara" for k in kinds)
        para_k = 0
        cur_num: _C | None = None
        leadin: _C | None = None
        stack: list[_C] = []
        top_lists = 0
        top_list: tuple[str, list[int]] | None = None
        for u, kind in zip(group, kinds, strict=True):
            if kind == "npara":
                c = _C(self._eid(prefix + f"para_{u.label}"), "", u, "paragraph", u.label)
                cur_num, stack, top_list = c, [], None
                leadin = c if _leads_in(u.text) else None
            elif kind == "para":
                if cur_num is not None:
                    if _leads_in(u.text):
                        cur_num.lists += 1
                        base = f"{cur_num.eid}__list_{cur_num.lists}"
                        c = _C(self._eid(base + "__intro"), cur_num.eid, u, "paragraph", "")
                        c.list_base = base
                    else:
                        cur_num.subparas += 1
                        c = _C(
                            self._eid(f"{cur_num.eid}__subpara_{cur_num.subparas}"),
                            cur_num.eid,
                            u,
                            "paragraph",
                            "",
                        )
                else:
                    para_k += 1
                    name = f"preamble__para_{para_k}" if numbered_mode else f"para_{para_k}"
                    c = _C(self._eid(prefix + name), "", u, "paragraph", "")
                stack, top_list = [], None
                leadin = c if _leads_in(u.text) else None
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
                lab = re.sub(r"[^\w]", "", u.label) if u.marker_kind else ""
                c = _C(self._eid(f"{base}__point_{lab or pos}"), parent, u, "item", u.label)
                c.depth = d
                stack.append(c)
            self._add_clause(c, sid)

    def _add_clause(self, c: _C, sid: str) -> None:
        st, u = self.st, c.unit
        cid = f"{self.doc}/{c.eid}"
        pid = f"{self.doc}/{c.parent}" if c.parent else ""
        s, e = self._span(u.cleaned.text)
        st.clauses.append(
            ClauseRow(cid, self.doc, sid, pid, len(st.clauses) + 1, c.kind, c.label, u.text, s, e)
        )
        st.regions.append(Region("clause", u.cleaned.text, clause_id=cid, section_id=sid))
        for label, _pos in u.cleaned.markers:
            self.marker_owner.setdefault(label, cid)

    # -- metadata -------------------------------------------------------------------------
    def _metadata(self, title_i: int | None, first_body: int) -> None:
        st = self.st
        lang = st.language
        for u in self.units:
            if u.role != "dateline":
                continue
            date, prec = metadata.date_from_line(u.text, lang)
            if date and not st.date:
                st.date, st.date_precision, st.date_source = date, prec, "text"
            m = DATELINE.match(u.text.strip())
            if m and not st.place and not m.group("place").lower().startswith(("publi", "mis ")):
                st.place = m.group("place").strip()
        opening = next((c.text for c in st.clauses), "")
        if not st.date and opening:
            date, prec = metadata.infer_date(opening, lang)
            if date:
                st.date, st.date_precision, st.date_source = date, prec, "inferred"
        headers = [u.text for u in self.units if u.role == "boiler"]
        st.publisher = metadata.publisher(headers)
        if title_i is not None:
            st.title, st.title_source = self.units[title_i].text, "text"
        opening_text = " ".join(c.text for c in st.clauses[:3])
        st.document_type = metadata.document_type(st.title, st.title_source, opening_text)
        if not st.title:
            st.title = metadata.infer_title(st.document_type, lang, st.date, st.place)
            st.title_source = "inferred"


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


def _leads_in(text: str) -> bool:
    """Ends with ":": the unit introduces a list (or the names, items, subparagraphs
    that follow)."""
    return text.rstrip().endswith(":")


def _classify(group: list[Unit]) -> list[str]:
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
        prev_leadin = prev is not None and _leads_in(prev.text)
        if u.kind == "item" and u.marker_kind == "number" and u.depth == 0 and _INT.match(u.label):
            n = int(u.label)
            if (last_num and n == last_num + 1) or not (in_list or prev_leadin):
                kinds.append("npara")
                last_num = n
                in_list = _leads_in(u.text)
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
        in_list = _leads_in(u.text)
    return kinds


def _levels(heads: list[Unit], num_depths: list[tuple[int, bool]], fmt: str) -> list[int]:
    """Markdown levels from the ``#`` count (the shallowest heading is level 1; a bold
    line one under the previous heading); other layouts from numbering and position
    (:func:`assign_levels`)."""
    if fmt == "markdown":
        raw = [u.level or 0 for u in heads]
        known = [x for x in raw if x]
        top = min(known) if known else 1
        out = []
        for x in raw:
            out.append(x - top + 1 if x else (out[-1] + 1 if out else 1))
        return out
    return assign_levels(num_depths)


__all__ = ["Structure", "parse_structure"]
