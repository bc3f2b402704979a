"""Readers for files that are not text: PDF and HTML become text plus a source map.

Each reader turns a file's bytes into *the text the parser reads* (published as the
``texts`` resource, so every span of the package can be checked against the package
itself) and a :class:`~aidecl_data.parse.formats.prepared.PreparedText`: a cleaned view of
that text (running headers, page numbers and footnotes set aside, ligatures expanded) with
a map back to it, which the layout model reads like any other text. ``layout`` keeps
seeing lines, whatever the file was (``../shared/DESIGN.md``).
"""

from __future__ import annotations

from pathlib import PurePath

PDF_SUFFIXES = (".pdf",)
HTML_SUFFIXES = (".html", ".htm")


TEXT_SUFFIXES = (".txt", ".md", ".markdown")


def file_format(name: str, raw: bytes) -> str:
    """``pdf``, ``html`` or ``text``: from the file name's suffix; for a name without a
    known suffix, ``pdf`` when the bytes carry the PDF signature (``%PDF-`` within the
    first kilobyte, as readers accept). A ``.txt`` holding a PDF stays a text file, which
    the decoder rejects as "binary file (PDF)", as the folder scan does."""
    suffix = PurePath(name).suffix.lower()
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix not in TEXT_SUFFIXES and b"%PDF-" in raw[:1024]:
        return "pdf"
    return "text"
