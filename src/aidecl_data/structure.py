"""PLACEHOLDER document structure (owned by the structure work; to be replaced).

API contract used by ``aidecl_data.document``:

    parse_structure(source: str, document_id: str) -> Structure
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aidecl_data.model import ClauseRow, NoteRow, Region, SectionRow
from aidecl_data.text import MappedText, normalize_source


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
    st = Structure(norm, "plain", document_id, "inferred", "other", "fr")
    for n, m in enumerate(re.finditer(r"[^\n]+(?:\n[^\n]+)*", norm.text), start=1):
        piece = norm.slice(m.start(), m.end()).strip()
        if not piece.text:
            continue
        s, e = piece.source_span(0, len(piece))
        cid = f"{document_id}/para_{n}"
        st.clauses.append(
            ClauseRow(cid, document_id, "", "", len(st.clauses) + 1, "paragraph", "", piece.text, s, e)
        )
        st.regions.append(Region("clause", piece, clause_id=cid))
    return st
