"""What a format reader hands to the layout model: a cleaned text mapped to the source."""

from __future__ import annotations

from dataclasses import dataclass, field

from aidecl_data.parse.text import MappedText


@dataclass
class PreparedText:
    """A text ready for ``layout``, read from a PDF or an HTML page.

    ``norm`` is the cleaned text (its map points into the text the parser read, the
    published ``texts`` text); the layout model reads ``norm.text[:body_end]`` with the
    reader named by ``layout`` (``pdf_text`` or ``markdown``). What follows ``body_end``
    are the footnotes the reader set aside, ``notes`` as (label, start, end) in ``norm``;
    ``markers`` are the footnote markers taken out of the body, as (label, position in
    ``norm``). ``page_starts`` are the source offsets where each page begins (PDF only).
    ``title`` and ``date`` come from the file's metadata (HTML ``<title>``, ``og:*``,
    ``<time>``, JSON-LD), used where the text gives none.
    """

    norm: MappedText
    layout: str
    source_format: str
    body_end: int | None = None
    notes: list[tuple[str, int, int]] = field(default_factory=list)
    markers: list[tuple[str, int]] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)
    title: str = ""
    date: str = ""
    warnings: list[str] = field(default_factory=list)
    furniture_lines: int = 0  # running headers, footers and page numbers set aside


class UnreadableFile(ValueError):
    """A PDF or HTML file with nothing the parser can read; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
