"""``parse_document``: one file's bytes in, every row of that document out.

This is the unit the tests call, the incremental cache keys by (content sha256, parser
version) and Dagster maps over document partitions. It is pure: no file system, no clock.
"""

from __future__ import annotations

import datetime as dt

from aidecl_data.build.version import PARSER_VERSION
from aidecl_data.parse.dates import find_dates
from aidecl_data.parse.enrich import document_rows
from aidecl_data.parse.entities.front_title import front_title
from aidecl_data.parse.entities.initiatives import extract_initiatives
from aidecl_data.parse.entities.signatories import extract_signatories
from aidecl_data.parse.formats.read import apply_prepared, read_text
from aidecl_data.parse.model import DateRow, DocumentRow, ParsedDocument, TextRow
from aidecl_data.parse.sources import sha256_bytes
from aidecl_data.parse.structure import parse_structure
from aidecl_data.parse.warnings import collect_warnings

__all__ = ["PARSER_VERSION", "parse_document"]

# Regions whose dates are part of the text (boilerplate and contact lines never are).
DATE_REGION_KINDS = {"clause", "note", "heading", "title", "dateline", "meta"}


def parse_document(
    raw: bytes, document_id: str, source_path: str = "", ocr: bool = False
) -> ParsedDocument:
    """Parse one document. ``raw`` is the file's bytes; ``document_id`` its contract id.

    A PDF or an HTML page (by its first bytes, else by ``source_path``'s suffix) is read
    into text first (``aidecl_data.parse.formats``); ``ocr`` reads scanned PDF pages with
    Tesseract. Spans point into the text read (``source``), published as ``texts``.
    """
    name = source_path or document_id
    source, prepared = read_text(raw, name, ocr)
    st = parse_structure(source, document_id, prepared)
    doc = DocumentRow(
        document_id=document_id,
        title=st.title,
        title_source=st.title_source,
        document_type=st.document_type,
        language=st.language,
        date=st.date,
        date_precision=st.date_precision,
        date_source=st.date_source,
        place=st.place,
        source_path=source_path,
        source_sha256=sha256_bytes(raw),
        source_format=prepared.source_format if prepared else st.source_format,
        publisher=st.publisher,
        char_count=len(source),
        source_url=st.source_url,
        tags="; ".join(st.tags),
    )
    parsed = ParsedDocument(doc, st.sections, st.clauses, st.notes)
    parsed.problems.extend(st.problems)
    parsed.texts = [TextRow(document_id, source)]
    if prepared is not None:
        apply_prepared(parsed, prepared)
    parsed.dates = _dates(st, document_id)
    parsed.signatories, problems = extract_signatories(
        st.regions, document_id, st.language, front_title(st)
    )
    parsed.problems.extend(problems)
    parsed.initiatives, parsed.initiative_mentions = extract_initiatives(
        st.regions, document_id, st.language, problems=parsed.problems
    )
    parsed.clause_acts, parsed.clause_themes = document_rows(
        st.clauses, st.regions, source, document_id, st.language, parsed.signatories, st.title
    )
    parsed.document_warnings = collect_warnings(parsed, st.regions)
    return parsed


def _dates(st, document_id: str) -> list[DateRow]:
    """Every date expression of the text's regions, in source order, with source spans.

    Relative expressions ("le 31 mars dernier") resolve against the document's own date.
    """
    reference = dt.date.fromisoformat(st.date) if st.date else None
    found = []
    for region in st.regions:
        if region.kind not in DATE_REGION_KINDS:
            continue
        for m in find_dates(region.text.text, st.language, reference, st.date_memo):
            s, e = region.text.source_span(m.start, m.end)
            found.append((s, e, region.clause_id, m))
    found.sort(key=lambda f: (f[0], f[1]))
    return [
        DateRow(
            date_id=f"{document_id}/date_{n}",
            document_id=document_id,
            clause_id=clause_id,
            text=m.text,
            start_date=m.start_date.isoformat() if m.start_date else "",
            end_date=m.end_date.isoformat() if m.end_date else "",
            precision=m.precision,
            is_relative=m.is_relative,
            char_start=s,
            char_end=e,
        )
        for n, (s, e, clause_id, m) in enumerate(found, start=1)
    ]
