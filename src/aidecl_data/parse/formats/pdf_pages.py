"""PDF text before the layout model: page furniture and footnotes set aside.

A PDF's text layer holds, besides the body, what the printed page adds: running headers
and footers, page numbers, and footnotes at the foot of the page whose markers are glued
to the word they follow ("as of November 2021.6"). These rules find them from the text
of every page alone, with no font or position information, so they hold for any
extractor and any layout family:

- **Running headers and footers**: a line among the first or last three lines of a page
  whose shape (case folded, every number written ``#``) comes back at the top or bottom
  of at least 40% of the pages (and of three pages at least). "Page 3 / 43", "- 5 -",
  "Paris Call - Working Group 6 - 2021" and a lone page number all have such a shape.
- **Page numbers beside a changing text** ("INTRODUCTION 7", "Adopted 5"): a short line
  at the top or bottom that starts or ends with a number equal to the page's position
  plus an offset, when one offset holds on at least half of the pages.
- **Footnotes**: at the foot of a page, a line that starts with the next footnote number
  of the document ("6 GCSC, Final Report", or glued: "10France, ...") opens the page's
  footnote block when the body above it carries that number glued to a word or a
  punctuation mark ("2021.6", "discrimination71."). Each later line that starts with the
  following number starts the next note. The marker leaves the body; the note keeps it
  as its label, and the clause that carried it owns the note.
- **Page breaks**: what is left of consecutive pages is one run of lines, so the layout
  model joins a paragraph or a list item that goes on over the page break as it joins any
  hard wrap; a word hyphenated at a line end is joined by the layout model only where
  the whole word occurs in the text (``layout.blocks.vocabulary``).
- **Ligatures** (U+FB00-U+FB06) become their letters ("ﬁ" -> "fi"), each mapped to the
  one character it replaces.

What is set aside stays in the published text: only the cleaned view the layout reads
skips it, so spans still point into the text the parser read.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter

from aidecl_data.parse.formats.pdf import PdfText
from aidecl_data.parse.formats.prepared import PreparedText
from aidecl_data.parse.layout.lines import Line, split_lines
from aidecl_data.parse.text import MappedText, MappedTextBuilder, normalize_source

EDGE_LINES = 3  # lines at the top and at the bottom of a page that may be furniture
RUNNING_SHARE = 0.4
MIN_PAGES = 2
_NUMBER = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_EDGE_NUMBER = re.compile(
    r"^\W*(?:page\s+)?(\d{1,4})\b|\b(\d{1,4})(?:\s*(?:/|of|sur)\s*\d{1,4})?\W*$", re.I
)
_NOTE_START = re.compile(r"^\s*(\d{1,3})(?:\s+|(?=[A-Z\u00c0-\u00dd“\"‘«]))(?=\S)")
_CAPITAL_START = re.compile(r"[A-Z\u00c0-\u00dd“\"‘«]")
_LABEL_ALONE = re.compile(r"^\s*(\d{1,3})\s*$")
_INLINE_NOTE = re.compile(r"(?<=[.;)\]])\s+(\d{1,3})\s+(?=[A-Z\u00c0-\u00dd‘“\"«(])")
_LEADERS = re.compile(r"(?:\.\s?){4,}\s*\d+\s*$")
NOTE_GAP = 5  # a footnote number may skip this many (notes the rules could not see)
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE = re.compile("[\ufb00-\ufb06]")


def _shape(line: str) -> str:
    return _SPACES.sub(" ", _NUMBER.sub("#", line.strip().casefold()))


def _marker_pattern(label: str) -> re.Pattern[str]:
    """``label`` glued after a lower-case letter or a closing punctuation mark, not part
    of a longer number ("2021.6", "bias71." but not "G20" nor "(2)")."""
    return re.compile(r"(?<=[a-zà-ÿœ.,;:)\]’”\"»%])(?<!\.\.)" + label + r"(?![\d.,]\d|\d)")


def _pages_of(lines: list[Line], norm: MappedText, page_starts: list[int]) -> list[list[Line]]:
    pages: list[list[Line]] = [[] for _ in page_starts]
    for ln in lines:
        if ln.blank:
            continue
        p = bisect.bisect_right(page_starts, norm.source_start(ln.start)) - 1
        pages[max(p, 0)].append(ln)
    return pages


def _edges(page: list[Line]) -> list[Line]:
    k = min(EDGE_LINES, len(page))
    return page[:k] + page[max(k, len(page) - EDGE_LINES) :]


def _running_shapes(pages: list[list[Line]]) -> set[str]:
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(ln.stripped) for ln in _edges(page) if len(ln.stripped) <= 120})
    need = max(MIN_PAGES, math.ceil(RUNNING_SHARE * len(pages)))
    return {s for s, c in counts.items() if c >= need and s.strip("#- .")}


def _page_number(line: str) -> int | None:
    if len(line) > 60 or len(line.split()) > 8 or line.rstrip().endswith((".", ";", ":", ",")):
        return None
    m = _EDGE_NUMBER.search(line)
    return int(m.group(1) or m.group(2)) if m else None


def _number_offset(pages: list[list[Line]]) -> int | None:
    offsets: Counter[int] = Counter()
    for i, page in enumerate(pages):
        seen = set()
        for ln in page[:2] + page[-2:]:
            n = _page_number(ln.stripped)
            if n is not None:
                seen.add(n - (i + 1))
        offsets.update(seen)
    if not offsets:
        return None
    off, c = offsets.most_common(1)[0]
    return off if c >= max(MIN_PAGES, math.ceil(0.5 * len(pages))) else None


def _strip_furniture(
    page: list[Line], index: int, running: set[str], offset: int | None
) -> tuple[list[Line], int]:
    """The page without its headers, footers and page numbers, and how many were cut."""

    def furniture(ln: Line) -> bool:
        if _shape(ln.stripped) in running:
            return True
        return offset is not None and _page_number(ln.stripped) == index + 1 + offset

    a, e = 0, len(page)
    while a < min(EDGE_LINES, e) and furniture(page[a]):
        a += 1
    while e > max(a, len(page) - EDGE_LINES) and furniture(page[e - 1]):
        e -= 1
    return page[a:e], a + len(page) - e


def _note_start(line: Line, nxt: Line | None) -> tuple[int, int] | None:
    """(label, offset of the note's text) when ``line`` opens a footnote. A number alone
    on its line opens one only when a capitalized text follows (else it is a superscript
    marker that the extractor put on a line of its own: "concerns’" / "3" / ", which")."""
    if _LEADERS.search(line.text):
        return None  # a table of contents line: "2 Scope ........ 9"
    m = _NOTE_START.match(line.text)
    if m is None and nxt is not None and _CAPITAL_START.match(nxt.stripped):
        m = _LABEL_ALONE.match(line.text)
    return (int(m.group(1)), line.start + m.end()) if m else None


def _footnotes(
    body: list[Line], expected: int
) -> tuple[list[Line], list[tuple[str, list[tuple[int, int]]]], list[tuple[str, Line, int, int]]]:
    """Split a page's body into text lines and footnotes ``(label, ranges)``; the markers
    found as ``(label, line, start, end)`` (offsets in the normalized text).

    Several notes printed on one line ("8 Request, pp. 1-2. 9 Article 64(3) GDPR") are
    split where the next number follows a sentence end and opens a capitalized text.
    """
    for j in range(1, len(body)):
        first = _note_start(body[j], body[j + 1] if j + 1 < len(body) else None)
        if first is None or not expected <= first[0] <= expected + NOTE_GAP:
            continue
        notes: list[tuple[str, list[tuple[int, int]]]] = []
        nxt = first[0]
        for k in range(j, len(body)):
            ln = body[k]
            start = _note_start(ln, body[k + 1] if k + 1 < len(body) else None)
            pos = ln.content_start
            if start is not None and (not notes or start[0] == nxt):
                notes.append((str(start[0]), []))
                nxt = start[0] + 1
                pos = start[1]
            for m in _INLINE_NOTE.finditer(ln.text, pos - ln.start):
                if int(m.group(1)) != nxt:
                    continue
                notes[-1][1].append((pos, ln.start + m.start()))
                notes.append((m.group(1), []))
                nxt += 1
                pos = ln.start + m.end()
            notes[-1][1].append((pos, ln.content_end))
        markers: list[tuple[str, Line, int, int]] = []
        after = None
        for lab, _ in notes:
            found = _find_marker(body[:j], lab, after)
            if found is not None:
                markers.append((lab, *found))
                after = found
        if not markers:
            continue  # no marker in the text above: a numbered line, not a footnote
        return body[:j], notes, markers
    return body, [], []


def _find_marker(
    lines: list[Line], label: str, after: tuple[Line, int, int] | None
) -> tuple[Line, int, int] | None:
    rx = _marker_pattern(label)
    start_line = after[0].index if after else -1
    for ln in lines:
        if ln.index < start_line:
            continue
        pos = after[2] - ln.start if after and ln.index == start_line else 0
        if ln.stripped == label and pos == 0 and ln.index > start_line:
            return ln, ln.content_start, ln.content_end  # a superscript on a line of its own
        m = rx.search(ln.text, max(pos, 0))
        if m:
            return ln, ln.start + m.start(), ln.start + m.end()
    return None


def _append(b: MappedTextBuilder, norm: MappedText, s: int, e: int) -> None:
    """``norm.text[s:e]`` with ligatures written out, each mapped to its one character."""
    text = norm.text
    if not _LIGATURE.search(text, s, e):
        b.append(norm, s, e)
        return
    pos = s
    for m in _LIGATURE.finditer(text, s, e):
        b.append(norm, pos, m.start())
        src = norm.source_start(m.start())
        b.insert(_LIGATURES[m.group()], src, 1)
        pos = m.end()
    b.append(norm, pos, e)


def prepare_pdf(pdf: PdfText) -> PreparedText:
    """The cleaned text the layout reads (``pdf_text`` layout), footnotes after the body."""
    norm = normalize_source(pdf.text)
    lines = split_lines(norm.text)
    pages = _pages_of(lines, norm, pdf.page_starts)
    running = _running_shapes(pages) if len(pages) >= MIN_PAGES else set()
    offset = _number_offset(pages) if len(pages) >= MIN_PAGES else None
    b = MappedTextBuilder()
    all_notes: list[tuple[str, list[tuple[int, int]]]] = []
    markers: list[tuple[str, int]] = []
    expected = 1
    cut = 0
    for i, page in enumerate(pages):
        body, n_cut = _strip_furniture(page, i, running, offset)
        cut += n_cut
        body, notes, found = _footnotes(body, expected)
        if notes:
            expected = int(notes[-1][0]) + 1
            all_notes.extend(notes)
        by_line: dict[int, list[tuple[str, int, int]]] = {}
        for label, ln, s, e in found:
            by_line.setdefault(ln.index, []).append((label, s, e))
        for ln in body:
            hits = sorted(by_line.get(ln.index, ()), key=lambda h: h[1])
            if len(hits) == 1 and hits[0][1:] == (ln.content_start, ln.content_end):
                markers.append((hits[0][0], len(b)))  # the line was only the marker
                continue
            if len(b):
                b.insert("\n")
            pos = ln.content_start
            for label, s, e in hits:
                _append(b, norm, pos, s)
                markers.append((label, len(b)))
                pos = e
            _append(b, norm, pos, ln.content_end)
    body_end = len(b)
    note_ranges: list[tuple[str, int, int]] = []
    for label, ranges in all_notes:
        b.insert("\n")
        start = len(b)
        for k, (s, e) in enumerate(ranges):
            if k:
                b.insert(" ")
            _append(b, norm, s, e)
        note_ranges.append((label, start, len(b)))
    warnings = []
    if pdf.image_pages and not pdf.ocr_pages:
        warnings.append(f"{len(pdf.image_pages)} page(s) without text are images, not read")
    return PreparedText(
        b.build(),
        "pdf_text",
        "pdf",
        body_end=body_end,
        notes=note_ranges,
        markers=markers,
        page_starts=list(pdf.page_starts),
        title=pdf.title,
        warnings=warnings,
        furniture_lines=cut,
    )
