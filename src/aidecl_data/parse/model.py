"""Plain row types shared by every layer: what one parsed document is made of.

These dataclasses are the contract between the parsing library and everything that
publishes it (the Dagster assets, the CLI, the tests). They carry no pandas and no Dagster
so the parser stays a pure function of bytes, cheap to cache and to run in worker processes.
Field names equal the column names of the published tables (see ``aidecl_data.publish.schema``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aidecl_data.parse.text import MappedText


@dataclass
class DocumentRow:
    document_id: str
    title: str
    title_source: str  # text | metadata | inferred
    document_type: str
    language: str
    date: str  # ISO date or ""
    date_precision: str  # day | month | year | ""
    date_source: str  # text | metadata | inferred | ""
    place: str
    source_path: str
    source_sha256: str
    source_format: str  # markdown | plain | pdf_text | pdf | html
    publisher: str = ""
    char_count: int = 0
    source_url: str = ""  # from the text's metadata; the build fills it from the manifest
    licence: str = ""  # filled by the build from documents/MANIFEST.csv
    tags: str = ""  # "; "-joined


@dataclass
class SectionRow:
    section_id: str
    document_id: str
    parent_section_id: str
    ordinal: int
    level: int
    label: str
    heading: str
    char_start: int
    char_end: int


@dataclass
class ClauseRow:
    clause_id: str
    document_id: str
    section_id: str
    parent_clause_id: str
    ordinal: int
    kind: str  # paragraph | item
    label: str
    text: str
    char_start: int
    char_end: int
    language: str = ""  # ISO 639-1; another than the document's: a translation
    page_start: int | None = None  # PDF only: 1-based page of char_start
    page_end: int | None = None  # PDF only: 1-based page of the clause's last character


@dataclass
class NoteRow:
    note_id: str
    document_id: str
    label: str
    text: str
    clause_id: str
    char_start: int
    char_end: int


@dataclass
class SignatoryRow:
    document_id: str
    ordinal: int
    name: str
    name_en: str
    iso3: str
    entity_type: str  # state | organisation | subnational
    role: str  # party | signatory | co_chair | founding_member | ...
    entity_id: str  # stable id: the iso3 for a state, a slug for others
    initiative_id: str  # for founding_member rows, the initiative they founded
    clause_id: str
    char_start: int
    char_end: int


@dataclass
class InitiativeRow:
    initiative_id: str
    name: str
    kind: str
    name_en: str = ""  # English name, when known (gazetteer) or written in English
    name_fr: str = ""  # French name, likewise


@dataclass
class MentionRow:
    mention_id: str
    initiative_id: str
    document_id: str
    clause_id: str
    text: str
    char_start: int
    char_end: int


@dataclass
class DateRow:
    date_id: str
    document_id: str
    clause_id: str
    text: str
    start_date: str
    end_date: str
    precision: str  # day | month | year
    is_relative: bool
    char_start: int
    char_end: int


@dataclass
class ClauseActRow:
    """One act a clause performs (ANNOTATION.md section 1), with its cue as evidence."""

    clause_id: str
    document_id: str
    ordinal: int  # 1-based position of the act in its clause
    act: str  # COMMIT | AGREE_DECIDE | INTEND | CALL_FOR | ENCOURAGE | SUPPORT_WELCOME | ...
    strength: int  # 0 (NOTE) to 5 (COMMIT, AGREE_DECIDE)
    actor: str  # collective | single_party | other | none
    hedged: bool
    inherited: bool  # a list item's act taken from its lead-in
    cue: str  # the evidence words, as in the source
    cue_clause_id: str  # the clause holding the cue (the lead-in for an inherited act)
    char_start: int
    char_end: int


@dataclass
class ClauseThemeRow:
    """One theme a clause is about (ANNOTATION.md section 2), with one evidence span."""

    clause_id: str
    document_id: str
    theme: str
    evidence: str
    char_start: int
    char_end: int


@dataclass
class TextRow:
    """The text a document's spans point into: the decoded file, or the text read out of
    a PDF or a web page (published, so every span can be checked in the package)."""

    document_id: str
    text: str


@dataclass
class Region:
    """A stretch of cleaned text that entity and date extraction read.

    ``kind`` is one of ``clause``, ``note``, ``heading``, ``title``, ``dateline``,
    ``name_list`` (a signatory list block) or ``meta`` (other front matter such as the
    "Publié le" line). Boilerplate, contact lines and rules are never regions.
    """

    kind: str
    text: MappedText
    clause_id: str = ""  # the clause this region is, or that carries the note
    note_id: str = ""
    section_id: str = ""
    label: str = ""  # e.g. the note label, or the heading line preceding a name list


@dataclass
class Problem:
    """Something worth reporting that does not stop the document (e.g. an unmapped name).

    Any extraction step may add one (``kind`` is the warning code, e.g. ``unmapped_name``,
    ``initiative_rejected``; the span, when known, is in the decoded source): every problem
    is published as a ``document_warnings`` row (``aidecl_data.parse.warnings``).
    """

    document_id: str
    kind: str
    message: str
    char_start: int | None = None
    char_end: int | None = None


@dataclass
class WarningRow:
    """One row of ``document_warnings``: what the parser could not settle in a document."""

    document_id: str
    ordinal: int
    code: str
    message: str
    char_start: int  # the whole text (0, char_count) for a warning about the document
    char_end: int


@dataclass
class ParsedDocument:
    """Everything parsed out of one document; rows are ready for the published tables."""

    document: DocumentRow
    sections: list[SectionRow] = field(default_factory=list)
    clauses: list[ClauseRow] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    signatories: list[SignatoryRow] = field(default_factory=list)
    initiatives: list[InitiativeRow] = field(default_factory=list)
    initiative_mentions: list[MentionRow] = field(default_factory=list)
    dates: list[DateRow] = field(default_factory=list)
    clause_acts: list[ClauseActRow] = field(default_factory=list)
    clause_themes: list[ClauseThemeRow] = field(default_factory=list)
    texts: list[TextRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    document_warnings: list[WarningRow] = field(default_factory=list)
