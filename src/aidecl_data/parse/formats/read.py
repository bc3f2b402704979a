"""One entry point for ``parse_document``: any file's bytes to the text the parser reads.

Text files are decoded (``aidecl_data.parse.encodings``) and read as before; a PDF or an
HTML page goes through its reader and comes back as the text read plus a
:class:`PreparedText`. What the readers know beyond the text is applied to the parsed
document here: the page of every clause, the title and date of the file's metadata where
the text gives none, and a problem for each thing set aside that a user should know of.
"""

from __future__ import annotations

import bisect

from aidecl_data.parse import metadata
from aidecl_data.parse.formats import file_format
from aidecl_data.parse.formats.prepared import PreparedText, UnreadableFile
from aidecl_data.parse.model import ParsedDocument, Problem
from aidecl_data.parse.sources import RejectedDocument, decode_bytes


def read_text(raw: bytes, name: str, ocr: bool = False) -> tuple[str, PreparedText | None]:
    """(text the parser reads, prepared view or None for a text file). Raises
    ``RejectedDocument`` naming the file and the reason when nothing can be read."""
    kind = file_format(name, raw)
    try:
        if kind == "pdf":
            from aidecl_data.parse.formats.pdf import extract_pdf
            from aidecl_data.parse.formats.pdf_pages import prepare_pdf

            pdf = extract_pdf(raw, ocr=ocr)
            return pdf.text, prepare_pdf(pdf)
        if kind == "html":
            from aidecl_data.parse.formats.html import read_html

            return read_html(raw)
    except UnreadableFile as exc:
        raise RejectedDocument(name, exc.reason) from None
    return decode_bytes(raw, name), None


def page_of(page_starts: list[int], offset: int) -> int:
    """1-based page holding source offset ``offset``."""
    return max(1, bisect.bisect_right(page_starts, offset))


def apply_prepared(parsed: ParsedDocument, prepared: PreparedText) -> None:
    doc = parsed.document
    if prepared.page_starts:
        for c in parsed.clauses:
            c.page_start = page_of(prepared.page_starts, c.char_start)
            c.page_end = page_of(prepared.page_starts, max(c.char_start, c.char_end - 1))
    if prepared.title and doc.title_source == "inferred":
        doc.title, doc.title_source = prepared.title, "metadata"
        opening = " ".join(c.text for c in parsed.clauses[:3])
        doc.document_type = metadata.document_type(doc.title, doc.title_source, opening)
    if prepared.date and not doc.date:
        doc.date, doc.date_precision, doc.date_source = prepared.date, "day", "metadata"
    for w in prepared.warnings:
        parsed.problems.append(Problem(doc.document_id, "format", w))
