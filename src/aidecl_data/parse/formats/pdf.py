"""Text out of a PDF's text layer, page by page, with pypdfium2 (PDFium).

Why PDFium (the comparison with pypdf and pdfplumber/pdfminer.six is in
``docs/formats.md``): it is the fastest of the three, in the same reading order; it
marks a hyphen it took for a line-end cut with U+0002, which lets the layout decide
whether the word was cut (``"discus" U+0002 "sion"``) or is a compound (``"wide" U+0002
"ranging"``); its licence (Apache-2.0 or BSD-3-Clause, PDFium itself BSD-3-Clause) fits
an MIT project.

The text the parser reads (and the package publishes) is each page's text with ``\\n``
line ends, U+0002 written back as the ``-`` and line end it stands for, and pages joined
by a form feed, the page-break convention of ``pdftotext``. A page with no text but
images counts as scanned: with ``ocr=True`` and Tesseract installed its text is read from
an image of the page (:mod:`aidecl_data.parse.formats.ocr`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PAGE_BREAK = "\f"
# What PDFium writes for a hyphen it took as a word cut at a line end (and so joined the
# two lines): U+0002, or U+FFFE in some builds. Written back as the hyphen and line end.
LINE_END_HYPHENS = ("\x02", "\ufffe")
# A page with fewer non-space characters than this has no text layer worth reading.
_MIN_PAGE_CHARS = 3


@dataclass
class PdfText:
    """The text the parser reads, and where each page starts in it (0-based offsets)."""

    text: str
    page_starts: list[int]
    image_pages: list[int] = field(default_factory=list)  # 1-based, no text but images
    ocr_pages: list[int] = field(default_factory=list)  # 1-based, read by OCR
    title: str = ""  # the document information dictionary's /Title


def _page_text(page) -> str:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for mark in LINE_END_HYPHENS:
        text = text.replace(mark, "-\n")
    return text.replace(PAGE_BREAK, "\n")


def _has_images(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def open_pdf(raw: bytes):
    """The PDFium document, or :class:`UnreadableFile` saying why it cannot be opened."""
    import pypdfium2 as pdfium

    from aidecl_data.parse.formats.prepared import UnreadableFile

    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise UnreadableFile("encrypted PDF (a password is needed to read it)") from None
        if "format" in msg or "file" in msg:
            raise UnreadableFile("corrupt or truncated PDF (PDFium cannot read it)") from None
        raise UnreadableFile(f"unreadable PDF ({exc})") from None


def extract_pdf(raw: bytes, ocr: bool = False) -> PdfText:
    """Every page's text. Raises :class:`UnreadableFile` for an encrypted, corrupt or
    truncated PDF, and for one with no text layer at all (unless ``ocr`` reads it)."""
    from aidecl_data.parse.formats.prepared import UnreadableFile

    doc = open_pdf(raw)
    try:
        n = len(doc)
        if n == 0:
            raise UnreadableFile("corrupt or truncated PDF (no pages)")
        pages: list[str] = []
        image_pages: list[int] = []
        for i in range(n):
            page = doc[i]
            try:
                text = _page_text(page)
                if len("".join(text.split())) < _MIN_PAGE_CHARS and _has_images(page):
                    image_pages.append(i + 1)
            finally:
                page.close()
            pages.append(text)
        ocr_pages: list[int] = []
        no_tesseract = False
        if ocr and image_pages:
            from aidecl_data.parse.formats.ocr import ocr_page, tesseract_path

            no_tesseract = tesseract_path() is None
            for p in [] if no_tesseract else image_pages:
                pages[p - 1] = ocr_page(doc, p - 1)
                ocr_pages.append(p)
        title = ""
        try:
            title = (doc.get_metadata_dict().get("Title") or "").strip()
        except Exception:  # a broken information dictionary is no reason to lose the text
            title = ""
    finally:
        doc.close()
    if not any(len("".join(p.split())) >= _MIN_PAGE_CHARS for p in pages):
        if image_pages:
            n_img = len(image_pages)
            hint = " (read them with --ocr)" if not ocr else ""
            if no_tesseract:
                hint = " (--ocr: Tesseract is not installed)"
            raise UnreadableFile(
                f"no text layer: {n_img} page{'s are' if n_img > 1 else ' is an'} "
                f"image{'s' if n_img > 1 else ''}{hint}"
            )
        raise UnreadableFile("no text layer: the PDF's pages hold no text")
    starts = []
    pos = 0
    for k, p in enumerate(pages):
        if k:
            pos += len(PAGE_BREAK)
        starts.append(pos)
        pos += len(p)
    return PdfText(PAGE_BREAK.join(pages), starts, image_pages, ocr_pages, title)
