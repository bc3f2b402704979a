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

from aidecl_data.parse import clause_language, metadata, roles
from aidecl_data.parse.clauses import ClauseEmitter, group_by_section
from aidecl_data.parse.dates.windows import case_exotic
from aidecl_data.parse.eids import EidRegistry
from aidecl_data.parse.formats.prepared import PreparedText
from aidecl_data.parse.layout import blocks, lost_breaks, markdown, pdf
from aidecl_data.parse.layout.detect import detect_format
from aidecl_data.parse.layout.frontmatter import DATELINE
from aidecl_data.parse.layout.inline import build_clean
from aidecl_data.parse.layout.lines import split_lines
from aidecl_data.parse.layout.signature import sentence_from, signing_statement
from aidecl_data.parse.layout.units import Unit
from aidecl_data.parse.layout.yamlfront import FrontMatter, read_front_matter
from aidecl_data.parse.model import ClauseRow, NoteRow, Problem, Region, SectionRow
from aidecl_data.parse.notes import link_notes
from aidecl_data.parse.sections import build_sections
from aidecl_data.parse.stopword_counts import StopWordCounts
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
    # regions of a translation (or a note) in another language: not read by extractors
    translated_regions: list[Region] = field(default_factory=list)
    front: FrontMatter | None = None  # YAML front matter (metadata, never clauses)
    source_url: str = ""
    tags: tuple[str, ...] = ()
    # what the structure steps noticed and could not settle (``document_warnings`` rows)
    problems: list[Problem] = field(default_factory=list)
    # date candidates by (text, language), for this document only (``find_dates``' memo)
    date_memo: dict = field(default_factory=dict, repr=False)
    stop_words: StopWordCounts = field(default_factory=StopWordCounts, repr=False)


def parse_structure(
    source: str, document_id: str, prepared: PreparedText | None = None
) -> Structure:
    """``prepared``: a PDF's or web page's cleaned text (``aidecl_data.parse.formats``),
    read with the layout it names; its footnotes and markers join the units."""
    front = None
    if prepared is None:
        norm = normalize_source(source)
        front = read_front_matter(norm.text)
        # static-site Markdown: the block is metadata (its lines blank, as
        # ``hide_front_matter`` makes them)
        lines = split_lines(norm.text, front.end if front is not None else 0)
        fmt = "markdown" if front is not None else detect_format(norm.text, lines)
    else:
        norm, fmt = prepared.norm, prepared.layout
        lines = split_lines(norm.text[: prepared.body_end])
    md = fmt == "markdown"
    units = pdf.read_units(lines) if fmt == "pdf_text" else markdown.read_units(lines, md)
    if fmt != "pdf_text":
        units = lost_breaks.split_units(units, norm, md and lost_breaks.applies(norm.text))
    vocab = blocks.vocabulary(norm.text)
    if prepared is not None and prepared.notes:
        units.extend(blocks.note_units(prepared.notes, len(lines)))
    blocks.clean_units(units, norm, md, vocab)
    if prepared is not None and prepared.markers:
        blocks.attach_markers(units, prepared.markers)
    units = [u for u in units if u.text or u.kind == "rule"]
    if fmt != "pdf_text":
        units = blocks.merge_continuations(units, norm, md, vocab)
    blocks.continue_interrupted_lists(units)

    st = Structure(norm, fmt, "", "inferred", "other", "fr")
    restored = sum(u.lost_break for u in units)
    outline = classify_blocks(units, norm, source, fmt, st)
    emit_rows(units, document_id, norm, fmt, outline, st)
    document_metadata(units, outline.title_i, st, typed_later=front is not None)
    structure_problems(units, outline.title_i, restored, document_id, st)
    if front is not None:
        metadata.apply_front_matter(st, front)
    metadata.apply_signature_date(st)
    return st


def classify_blocks(
    units: list[Unit], norm: MappedText, source: str, fmt: str, st: Structure
) -> roles.Outline:
    """Block classification (:mod:`aidecl_data.parse.roles`): the role of every unit;
    the language is read on the text without boilerplate, before datelines are matched."""
    roles.mark_boilerplate(units)
    roles.mark_link_lists(units, norm)
    roles.mark_publisher_notes(units)
    # the stop words of each unit, counted once for the document's and the clauses' language
    st.language = st.stop_words.document_language(units)
    roles.mark_datelines(units)
    signature_phrases = roles.mark_signature_blocks(units, norm, fmt)
    name_lists = roles.mark_namelists(units, norm, fmt)
    roles.mark_closing_signers(units)
    roles.mark_note_apparatus(units)
    roles.mark_article_headings(units)
    roles.mark_punctuated_title(units)
    first_body = roles.first_body(units)
    title_i = roles.find_title(units, first_body, fmt)
    roles.join_title_lines(units, title_i, norm, fmt)
    first_body = roles.first_body(units)
    roles.mark_front_matter(units, first_body, title_i, fmt)
    roles.drop_after_closing_dateline(units, first_body, norm, source)
    roles.mark_body_headings(units, first_body, title_i, fmt)
    roles.mark_caps_headings(units, first_body, norm, fmt)
    return roles.Outline(first_body, title_i, name_lists, signature_phrases)


def emit_rows(
    units: list[Unit],
    doc: str,
    norm: MappedText,
    fmt: str,
    outline: roles.Outline,
    st: Structure,
) -> None:
    """Rows and regions from the classified units, boilerplate left out, in reading
    order.

    Why here: ids and parents depend on the whole document (a section's level depends
    on the other headings; a note's owner is the first clause citing its marker), so
    rows are made in one pass after every role is settled.

    How: (1) sections (:func:`~aidecl_data.parse.sections.build_sections`): a heading's
    depth is the number of parts of its printed number ("2.1." -> 2); levels come from
    depths (and, in Markdown, ``#`` counts), and a stack of open sections gives each its
    parent. (2) clauses: the body units (no role, text or item) are cut into groups at
    each heading (:func:`~aidecl_data.parse.clauses.group_by_section`), and each group is
    numbered by :meth:`~aidecl_data.parse.clauses.ClauseEmitter.emit_container`; each
    clause gets its language, and the regions of a translation are set apart. (3) the
    title, datelines, front matter, signature lines and name lists become regions.
    (4) notes come last, so that ``marker_owner`` (filled while clauses were added) names
    the clause that cites each note.

    Why this order: sections, clauses and notes draw eIds from one registry, so a clash
    is always settled in favour of the section, then the clause; a note's clause is only
    known once every clause is emitted (its marker may be cited anywhere). Regions come
    in a fixed order (headings, clauses, title/dateline/meta, name lists, notes), which
    the downstream extractors and the published rows rely on being deterministic."""
    body = [u for u in units if u.role not in ("boiler", "merged")]
    ids = EidRegistry()
    st.sections, sec_of, heading_regions = build_sections(body, norm, fmt, doc, ids)
    emitter = ClauseEmitter(doc, ids)
    for sec, group in group_by_section(body, sec_of):
        emitter.emit_container(sec, group)
    st.clauses = emitter.clauses
    st.notes, note_regions = link_notes(body, doc, ids, emitter.marker_owner)
    lang_of = unit_languages(body, st.language, st.stop_words)
    for row, u in zip(st.clauses, emitter.units, strict=True):
        row.language = lang_of[id(u)]
    heads = [u for u in body if u.role == "section"]
    kept, st.translated_regions = split_translation(
        [
            *zip(heads, heading_regions, strict=True),
            *zip(emitter.units, emitter.regions, strict=True),
            *((u, _other_region(u)) for u in body if u.role in _OTHER_ROLES),
        ],
        lang_of,
        st.language,
    )
    columns = [
        Region("signature", build_clean(norm, ranges, fmt == "markdown").text)
        for ranges in outline.signature_phrases
    ]
    st.regions = [*kept, *columns, *outline.name_lists, *note_regions]


# Units that are neither headings nor clauses but carry text the extractors read: the
# title and front matter, datelines and signing statements (dates, place), the "Pour le
# Gouvernement de ..." lines of a signature block (signatories).
_OTHER_ROLES = {"title": "title", "dateline": "dateline", "meta": "meta"}
_OTHER_ROLES |= {"signed_at": "dateline", "signed_for": "signature"}


def _other_region(u: Unit) -> Region:
    kind = _OTHER_ROLES[u.role]
    return Region(kind, u.cleaned.text, label=u.text if kind == "signature" else "")


def unit_languages(
    body: list[Unit], document_language: str, stop_words: StopWordCounts | None = None
) -> dict[int, str]:
    """The language of every heading, clause and signature unit, by ``id(unit)``, read
    in order (:mod:`aidecl_data.parse.clause_language`; with the stop words counted when
    the document's language was read, ``stop_words``)."""
    seq = [
        u
        for u in body
        if u.role in ("section", "signed_at", "signed_for", "signer")
        or (not u.role and u.kind in ("text", "item"))
    ]
    if stop_words is None:
        langs = clause_language.assign([u.text for u in seq], document_language)
    else:
        langs = stop_words.clause_languages(seq, document_language)
    return {id(u): lang for u, lang in zip(seq, langs, strict=True)}


def split_translation(
    pairs: list[tuple[Unit, Region]], lang_of: dict[int, str], document_language: str
) -> tuple[list[Region], list[Region]]:
    """Regions in the document's language (in the order given: headings, clauses, then
    the other kinds), and those of a translation or note in another language, which the
    extractors do not read."""
    kept: list[Region] = []
    other: list[Region] = []
    for u, region in pairs:
        lang = lang_of.get(id(u), document_language)
        (kept if lang == document_language else other).append(region)
    return kept, other


def _signing_place_and_date(units: list[Unit], st: Structure) -> None:
    """Place and date of signature from the signing statement of an agreement ("Fait à
    Paris, le 7 juillet 1994, en double exemplaire ..."): a unit of its own, else the
    first statement inside a clause in the document's language (text whose line breaks
    were lost: "... ont signé le présent Accord. FAIT à Noordwijk, le 21 mars 1994 ...")."""
    stated = [u.text for u in units if u.role == "signed_at"]
    stated += [
        c.text for c in st.clauses if c.language == st.language and _may_hold_statement(c.text)
    ]
    for text in stated:
        m = signing_statement(text)
        if m is None:
            continue
        date, prec = metadata.date_from_line(sentence_from(text, m.start()), st.language)
        if date and not st.date:
            st.date, st.date_precision, st.date_source = date, prec, "text"
        if not st.place:
            st.place = m.group("place")
        return


# The signing verbs of ``signature.SIGNED_AT`` ("fait", "done", "signed", "signé",
# "gedaan", "geschehen") lower-cased: a clause without one of them holds no statement.
_SIGNING_VERBS = ("fait", "done", "sign", "gedaan", "geschehen")


def _may_hold_statement(text: str) -> bool:
    """Whether ``text`` can hold a signing statement: ``in`` tests on the lower-cased
    text run in C, where the statement's case-insensitive regex, which has no literal
    prefix to skip to, is tried at every position (most clauses hold none). A text with
    a character that case-insensitive matching reads as an ASCII letter although
    ``lower`` does not give it ("ſ", "ı", "İ": ``case_exotic``) is always kept."""
    low = text.lower()
    # unrolled ``any(v in low for v in _SIGNING_VERBS)``: no generator per clause
    return (
        "fait" in low
        or "done" in low
        or "sign" in low
        or "gedaan" in low
        or "geschehen" in low
        or case_exotic(text)
    )


def structure_problems(
    units: list[Unit], title_i: int | None, restored: int, document_id: str, st: Structure
) -> None:
    """Warnings of the structure steps: a title that is only the file's opening heading
    (``title_from_heading``: "Article ANNEXE , A", the text has no title of its own), and
    line breaks put back where the source had lost them (``breaks_restored``: the
    paragraphs were cut by rule, check them)."""
    if title_i is None and st.title_source == "text":
        i = roles.opening_heading(units)
        if i is not None:
            u = units[i]
            s, e = st.text.source_start(u.start), st.text.source_end(u.end)
            st.problems.append(
                Problem(
                    document_id,
                    "title_from_heading",
                    f"no title of its own: the title {st.title!r} is the file's opening heading",
                    s,
                    e,
                )
            )
    if restored:
        st.problems.append(
            Problem(
                document_id,
                "breaks_restored",
                f"line breaks lost in the source put back: {restored} pieces of glued lines",
            )
        )


def document_metadata(
    units: list[Unit], title_i: int | None, st: Structure, typed_later: bool = False
) -> None:
    """Date and place from datelines (else a date inferred from the opening clause),
    publisher from page headers, title, document type.

    ``typed_later``: YAML front matter follows (``metadata.apply_front_matter``), which
    types the document again and infers an untitled one's title from that type, so both
    are left to it (typing folds the opening clauses: time spent for nothing)."""
    lang = st.language
    for u in units:
        if u.role != "dateline":
            continue
        date, prec = metadata.date_from_line(u.text, lang, st.date_memo)
        if date and not st.date:
            st.date, st.date_precision, st.date_source = date, prec, "text"
        m = DATELINE.match(u.text.strip())
        if m and not st.place and not m.group("place").lower().startswith(("publi", "mis ")):
            st.place = m.group("place").strip()
    if not st.date or not st.place:
        _signing_place_and_date(units, st)
    opening = next((c.text for c in st.clauses), "")
    if not st.date and opening:
        date, prec = metadata.infer_date(opening, lang, st.date_memo)
        if date:
            st.date, st.date_precision, st.date_source = date, prec, "inferred"
    headers = [u.text for u in units if u.role == "boiler"]
    st.publisher = metadata.publisher(headers)
    if title_i is None:
        title_i = roles.opening_heading(units)
    if title_i is not None:
        st.title, st.title_source = units[title_i].text, "text"
    if typed_later:
        if not st.title:
            st.title_source = "inferred"  # as ``infer_title`` below would leave it
        return
    opening_text = " ".join(c.text for c in st.clauses[:3])
    st.document_type = metadata.document_type(st.title, st.title_source, opening_text)
    if not st.title:
        st.title = metadata.infer_title(st.document_type, lang, st.date, st.place)
        st.title_source = "inferred"


__all__ = ["Structure", "parse_structure"]
