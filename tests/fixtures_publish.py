"""Two small hand-made parsed documents for the schema, tables, publish and query tests.

Built directly from the row dataclasses of ``aidecl_data.parse.model`` (no parser involved), so
these tests pin the publishing layer alone. Spans index into the ``TEXT_*`` strings.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from aidecl_data.parse.model import (
    ClauseActRow,
    ClauseRow,
    ClauseThemeRow,
    DateRow,
    DocumentRow,
    InitiativeRow,
    MentionRow,
    NoteRow,
    ParsedDocument,
    SectionRow,
    SignatoryRow,
    TextRow,
    WarningRow,
)

TEXT_A = (
    "# Déclaration conjointe franco-allemande\n"
    "\n"
    "Paris, le 10 février 2024\n"
    "\n"
    "## 1. Coopération\n"
    "\n"
    "1. Les parties soutiennent le Partenariat mondial sur l'IA :\n"
    "- en partageant des données ;\n"
    "- en formant des chercheurs.[^1]\n"
    "\n"
    "[^1]: Voir la feuille de route de mars 2023.\n"
    "\n"
    "Pour la France / Pour l'Allemagne\n"
)
TEXT_B = "Feuille de route\n\nLe PMIA se réunira en 2025.\n"


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _document(text: str, **fields) -> DocumentRow:
    """A French document row whose sha256 and length are those of its source ``text``."""
    return DocumentRow(
        language="fr",
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        char_count=len(text),
        **fields,
    )


def doc_a() -> ParsedDocument:
    d = "a_decl"
    sec = SectionRow(f"{d}/sec_1", d, "", 1, 2, "1.", "Coopération", *_span(TEXT_A, "1. Coop"))
    p1 = "Les parties soutiennent le Partenariat mondial sur l'IA :"
    i1 = "en partageant des données ;"
    i2 = "en formant des chercheurs."
    c1 = ClauseRow(
        f"{d}/para_1", d, sec.section_id, "", 1, "paragraph", "1", p1, *_span(TEXT_A, p1)
    )
    c2 = ClauseRow(
        f"{d}/para_1__list_1__point_1",
        d,
        sec.section_id,
        c1.clause_id,
        2,
        "item",
        "",
        i1,
        *_span(TEXT_A, i1),
    )
    c3 = ClauseRow(
        f"{d}/para_1__list_1__point_2",
        d,
        sec.section_id,
        c1.clause_id,
        3,
        "item",
        "",
        i2,
        *_span(TEXT_A, i2),
    )
    note_text = "Voir la feuille de route de mars 2023."
    note = NoteRow(f"{d}/note_1", d, "1", note_text, c3.clause_id, *_span(TEXT_A, note_text))
    fra = SignatoryRow(
        d,
        1,
        "la France",
        "France",
        "FRA",
        "state",
        "party",
        "FRA",
        "",
        "",
        *_span(TEXT_A, "la France"),
    )
    deu = SignatoryRow(
        d,
        2,
        "l'Allemagne",
        "Germany",
        "DEU",
        "state",
        "party",
        "DEU",
        "",
        "",
        *_span(TEXT_A, "l'Allemagne"),
    )
    gpai = InitiativeRow("gpai", "Partenariat mondial sur l'IA", "organisation")
    mention = MentionRow(
        f"{d}/mention_1",
        "gpai",
        d,
        c1.clause_id,
        "Partenariat mondial sur l'IA",
        *_span(TEXT_A, "Partenariat mondial sur l'IA"),
    )
    date1 = DateRow(
        f"{d}/date_1",
        d,
        "",
        "10 février 2024",
        "2024-02-10",
        "2024-02-10",
        "day",
        False,
        *_span(TEXT_A, "10 février 2024"),
    )
    date2 = DateRow(
        f"{d}/date_2",
        d,
        "",
        "mars 2023",
        "2023-03-01",
        "2023-03-31",
        "month",
        False,
        *_span(TEXT_A, "mars 2023"),
    )
    document = _document(
        TEXT_A,
        document_id=d,
        title="Déclaration conjointe franco-allemande",
        title_source="text",
        document_type="joint_declaration",
        date="2024-02-10",
        date_precision="day",
        date_source="text",
        place="Paris",
        source_path="a_decl.md",
        source_format="markdown",
        publisher="Ministère de l'Europe et des Affaires étrangères",
    )
    cue = _span(TEXT_A, "soutiennent")
    acts = [
        ClauseActRow(
            c1.clause_id,
            d,
            1,
            "SUPPORT_WELCOME",
            2,
            "collective",
            False,
            False,
            "soutiennent",
            c1.clause_id,
            *cue,
        ),
        ClauseActRow(
            c2.clause_id,
            d,
            1,
            "SUPPORT_WELCOME",
            2,
            "collective",
            False,
            True,
            "soutiennent",
            c1.clause_id,
            *cue,
        ),
        ClauseActRow(
            c3.clause_id,
            d,
            1,
            "SUPPORT_WELCOME",
            2,
            "collective",
            False,
            True,
            "soutiennent",
            c1.clause_id,
            *cue,
        ),
    ]
    themes = [
        ClauseThemeRow(c2.clause_id, d, "data_privacy", "données", *_span(TEXT_A, "données")),
        ClauseThemeRow(
            c3.clause_id, d, "research_science", "chercheurs", *_span(TEXT_A, "chercheurs")
        ),
    ]
    return ParsedDocument(
        document,
        sections=[sec],
        clauses=[c1, c2, c3],
        notes=[note],
        signatories=[fra, deu],
        initiatives=[gpai],
        initiative_mentions=[mention],
        dates=[date1, date2],
        clause_acts=acts,
        clause_themes=themes,
        texts=[TextRow(document.document_id, TEXT_A)],
    )


def doc_b() -> ParsedDocument:
    d = "b_roadmap"
    text = "Le PMIA se réunira en 2025."
    c1 = ClauseRow(f"{d}/para_1", d, "", "", 1, "paragraph", "", text, *_span(TEXT_B, text))
    document = _document(
        TEXT_B,
        document_id=d,
        title="Feuille de route",
        title_source="inferred",
        document_type="roadmap",
        date="",
        date_precision="",
        date_source="",
        place="",
        source_path="b_roadmap.txt",
        source_format="plain",
    )
    return ParsedDocument(
        document,
        clauses=[c1],
        initiatives=[InitiativeRow("gpai", "PMIA", "organisation")],
        initiative_mentions=[
            MentionRow(f"{d}/mention_1", "gpai", d, c1.clause_id, "PMIA", *_span(TEXT_B, "PMIA"))
        ],
        dates=[
            DateRow(
                f"{d}/date_1",
                d,
                c1.clause_id,
                "2025",
                "2025-01-01",
                "2025-12-31",
                "year",
                False,
                *_span(TEXT_B, "2025"),
            )
        ],
        texts=[TextRow(d, TEXT_B)],
        document_warnings=[
            WarningRow(d, 1, "no_date", "no date found in the text", 0, len(TEXT_B)),
            WarningRow(d, 2, "long_clause", "clause b_roadmap/para_1 is long", 0, 27),
        ],
    )


def sample_docs() -> list[ParsedDocument]:
    return [doc_a(), doc_b()]


def package_files(folder: Path) -> dict[str, bytes]:
    """Every file of a package folder by relative path, but the DuckDB database, whose
    file carries a random header (two writes of the same tables differ)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "aidecl.duckdb"
    }
