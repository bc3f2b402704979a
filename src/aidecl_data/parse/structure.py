"""Document structure: sections, clauses, notes, regions and metadata of one text.

API used by ``aidecl_data.parse.document``::

    parse_structure(source: str, document_id: str) -> Structure

Steps, each a function with its own name (and module):

1. layout (:mod:`aidecl_data.parse.layout`): normalize the source (NFC, one line-end
   style, mapped back to the source), detect the layout, read lines into units
   (``markdown.py`` for web texts, ``pdf.py`` for PDF text), clean and join them;
2. block classification (:func:`classify_blocks`, :mod:`aidecl_data.parse.roles`): set
   aside boilerplate, datelines and signatory lists, find the title, the front matter
   and the body's headings;
3. rows (:func:`emit_rows`): the section tree (:mod:`aidecl_data.parse.sections`),
   clause emission with stable eIds (:mod:`aidecl_data.parse.clauses`, whose docstring
   says how eIds are built), note linking (:mod:`aidecl_data.parse.notes`) and the
   collection of regions for the extractors downstream;
4. document metadata (:func:`document_metadata`): date, place, publisher, title, type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aidecl_data.parse import metadata, roles
from aidecl_data.parse.clauses import ClauseEmitter, group_by_section
from aidecl_data.parse.eids import EidRegistry
from aidecl_data.parse.layout import blocks, markdown, pdf
from aidecl_data.parse.layout.detect import detect_format
from aidecl_data.parse.layout.frontmatter import DATELINE
from aidecl_data.parse.layout.lines import split_lines
from aidecl_data.parse.layout.units import Unit
from aidecl_data.parse.model import ClauseRow, NoteRow, Region, SectionRow
from aidecl_data.parse.notes import link_notes
from aidecl_data.parse.sections import build_sections
from aidecl_data.parse.text import MappedText, normalize_source


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

    st = Structure(norm, fmt, "", "inferred", "other", "fr")
    outline = classify_blocks(units, norm, source, fmt, st)
    emit_rows(units, document_id, norm, fmt, outline, st)
    document_metadata(units, outline.title_i, st)
    return st


def classify_blocks(
    units: list[Unit], norm: MappedText, source: str, fmt: str, st: Structure
) -> roles.Outline:
    """Block classification (:mod:`aidecl_data.parse.roles`): the role of every unit;
    the language is read on the text without boilerplate, before datelines are matched."""
    roles.mark_boilerplate(units)
    st.language = metadata.detect_language(" ".join(u.text for u in units if u.role != "boiler"))
    roles.mark_datelines(units)
    name_lists = roles.mark_namelists(units, norm, fmt)
    roles.mark_punctuated_title(units)
    first_body = roles.first_body(units)
    title_i = roles.find_title(units, first_body, fmt)
    roles.mark_front_matter(units, first_body, title_i, fmt)
    roles.drop_after_closing_dateline(units, first_body, norm, source)
    roles.mark_body_headings(units, first_body, title_i, fmt)
    return roles.Outline(first_body, title_i, name_lists)


def emit_rows(
    units: list[Unit],
    doc: str,
    norm: MappedText,
    fmt: str,
    outline: roles.Outline,
    st: Structure,
) -> None:
    """Rows and regions from the classified units, boilerplate left out.

    Why this order: sections, clauses and notes draw eIds from one registry, so a clash
    is always settled in favour of the section, then the clause; a note's clause is only
    known once every clause is emitted (its marker may be cited anywhere). Regions come
    in a fixed order (headings, clauses, title/dateline/meta, name lists, notes), which
    the downstream extractors and the published rows rely on being deterministic."""
    body = [u for u in units if u.role != "boiler"]
    ids = EidRegistry()
    st.sections, sec_of, heading_regions = build_sections(body, norm, fmt, doc, ids)
    emitter = ClauseEmitter(doc, ids)
    for sec, group in group_by_section(body, sec_of):
        emitter.emit_container(sec, group)
    st.clauses = emitter.clauses
    st.notes, note_regions = link_notes(body, doc, ids, emitter.marker_owner)
    st.regions = [
        *heading_regions,
        *emitter.regions,
        *(Region(u.role, u.cleaned.text) for u in body if u.role in ("title", "dateline", "meta")),
        *outline.name_lists,
        *note_regions,
    ]


def document_metadata(units: list[Unit], title_i: int | None, st: Structure) -> None:
    """Date and place from datelines (else a date inferred from the opening clause),
    publisher from page headers, title, document type."""
    lang = st.language
    for u in units:
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
    headers = [u.text for u in units if u.role == "boiler"]
    st.publisher = metadata.publisher(headers)
    if title_i is not None:
        st.title, st.title_source = units[title_i].text, "text"
    opening_text = " ".join(c.text for c in st.clauses[:3])
    st.document_type = metadata.document_type(st.title, st.title_source, opening_text)
    if not st.title:
        st.title = metadata.infer_title(st.document_type, lang, st.date, st.place)
        st.title_source = "inferred"


__all__ = ["Structure", "parse_structure"]
