"""PDF files in: text layer, page furniture, footnotes, page breaks, pages, rejections.

Small PDFs are written by ``tests/pdf_maker.py`` for each rule; the Paris Call as
published and a 43-page report (``tests/fixtures/``) check the rules on real files.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.formats import file_format
from aidecl_data.parse.formats.pdf import extract_pdf
from aidecl_data.parse.formats.pdf_pages import prepare_pdf
from aidecl_data.parse.sources import RejectedDocument
from tests.pdf_maker import make_pdf

FIXTURES = Path(__file__).parent / "fixtures"
PARIS_PDF = FIXTURES / "paris-call-en.pdf"
PARIS_TXT = FIXTURES / "paris_call_en_pdf.txt"
WG6_PDF = FIXTURES / "pariscall-wg6-report-ict-supply-chain-2021.pdf"


def norm(s: str) -> str:
    return " ".join(s.split())


def parse_pdf(pages, name="x.pdf", **kw):
    return parse_document(make_pdf(pages), "x", name, **kw)


def body_page(k: int, lines: list[str], total: int) -> list[str]:
    return ["Joint Report on Digital Cooperation - 2024", *lines, f"Page {k} / {total}"]


# -- the rules, one small PDF each ---------------------------------------------------------


def test_running_header_and_page_footer_are_not_text():
    pages = [
        body_page(
            1, ["The parties met in Paris to discuss cooperation.", "They agree on this."], 3
        ),
        body_page(2, ["They will meet again next year in Delhi."], 3),
        body_page(3, ["This report was adopted unanimously by all."], 3),
    ]
    doc = parse_pdf(pages)
    texts = " ".join(c.text for c in doc.clauses)
    assert "Page" not in texts and "Joint Report on Digital" not in texts
    assert [c.text for c in doc.clauses][-1] == "This report was adopted unanimously by all."
    assert "Page 2 / 3" in doc.texts[0].text  # still in the published text


def test_page_number_beside_a_changing_title_is_furniture():
    body = [
        "The working group met four times in 2021.",
        "Each meeting gathered experts from twelve countries.",
        "The method follows the one agreed at the first meeting.",
        "The results are listed in the annex to this report.",
    ]
    titles = ["INTRODUCTION", "INTRODUCTION", "METHOD", "RESULTS"]
    doc = parse_pdf(
        [[f"{t} {k + 4}", line] for k, (t, line) in enumerate(zip(titles, body, strict=True), 1)]
    )
    assert [norm(c.text) for c in doc.clauses] == body


def test_a_paragraph_and_an_item_go_on_over_the_page_break():
    pages = [
        body_page(
            1,
            [
                "The parties agree to the following measures:",
                "- to share research on",
                "safety and to",
            ],
            2,
        ),
        body_page(
            2,
            [
                "publish their results;",
                "- to meet every year.",
                "They also wish to",
                "cooperate closely on standards.",
            ],
            2,
        ),
    ]
    doc = parse_pdf(pages)
    items = [c for c in doc.clauses if c.kind == "item"]
    assert norm(items[0].text) == "to share research on safety and to publish their results;"
    assert (items[0].page_start, items[0].page_end) == (1, 2)
    last = doc.clauses[-1]
    assert norm(last.text) == "They also wish to cooperate closely on standards."
    assert (last.page_start, last.page_end) == (2, 2)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # cut word: joined, since the whole word occurs in the text
        (
            ["The transformation of work is real. The transfor-", "mation of our economies too."],
            "The transformation of work is real. The transformation of our economies too.",
        ),
        # compound: the hyphen stays ("co-operation" is how the text writes it)
        (
            ["We value co-operation. We deepen our co-", "operation on research."],
            "We value co-operation. We deepen our co-operation on research.",
        ),
        # no evidence either way: the hyphen stays
        (
            ["The franco-", "indienne declaration is signed by both."],
            "The franco-indienne declaration is signed by both.",
        ),
    ],
)
def test_line_end_hyphen_joined_only_when_the_whole_word_is_in_the_text(lines, expected):
    doc = parse_pdf([lines])
    assert norm(" ".join(c.text for c in doc.clauses)) == expected


def test_footnote_marker_glued_to_a_word_becomes_a_note():
    pages = [
        body_page(
            1,
            [
                "The Call was endorsed by 79 states as of November 2021.6 It keeps growing",
                "and welcomes new supporters every year.",
                "6 Paris Call, list of supporters, November 2021.",
            ],
            2,
        ),
        body_page(2, ["A second clause follows on the next page of the report."], 2),
    ]
    doc = parse_pdf(pages)
    first = doc.clauses[0]
    assert norm(first.text) == (
        "The Call was endorsed by 79 states as of November 2021. It keeps growing and "
        "welcomes new supporters every year."
    )
    assert [(n.label, n.text, n.clause_id) for n in doc.notes] == [
        ("6", "Paris Call, list of supporters, November 2021.", first.clause_id)
    ]
    src = doc.texts[0].text
    assert src[doc.notes[0].char_start : doc.notes[0].char_end] == (
        "Paris Call, list of supporters, November 2021."
    )


def test_a_numbered_line_without_a_marker_above_is_not_a_footnote():
    doc = parse_pdf([["The parties agree on the points below.", "2 Parties met in Paris in 2024."]])
    assert doc.notes == []


def test_ligatures_are_written_out():
    from aidecl_data.parse.formats.pdf import PdfText

    text = "The e\ufb03cient and \ufb02exible o\ufb03ce is o\ufb00ered here."
    prepared = prepare_pdf(PdfText(text, [0]))
    assert prepared.norm.text == "The efficient and flexible office is offered here."
    # each expansion maps to the one character it replaces
    assert prepared.norm.source_span(5, 8) == (5, 6)


# -- what cannot be read -------------------------------------------------------------------


def test_scanned_pdf_is_rejected_with_the_number_of_image_pages():
    with pytest.raises(RejectedDocument, match=r"no text layer: 3 pages are images"):
        parse_pdf([None, None, None], "scan.pdf")


def test_encrypted_pdf_is_rejected():
    pypdf = pytest.importorskip("pypdf")
    import io

    reader = pypdf.PdfReader(io.BytesIO(make_pdf([["A secret declaration text."]])))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(RejectedDocument, match="encrypted PDF"):
        parse_document(buf.getvalue(), "x", "locked.pdf")


@pytest.mark.parametrize(
    "raw", [b"%PDF-1.4\nthis is not a PDF body\n", b"%PDF-1.7\n" + bytes(range(256))]
)
def test_corrupt_pdf_is_rejected(raw):
    with pytest.raises(RejectedDocument, match="corrupt or truncated PDF"):
        parse_document(raw, "x", "broken.pdf")


def test_truncated_pdf_is_rejected_or_read_in_part():
    raw = PARIS_PDF.read_bytes()
    half = raw[: len(raw) // 2]
    try:
        doc = parse_document(half, "x", "half.pdf")
    except RejectedDocument as exc:
        assert "PDF" in exc.reason and "half.pdf" in str(exc)
    else:  # PDFium repairs what it can: what it read is published, with its spans
        src = doc.texts[0].text
        assert all(src[c.char_start : c.char_end] for c in doc.clauses)


def test_a_pdf_is_a_pdf_whatever_its_name():
    assert file_format("x.bin", b"%PDF-1.4\n...") == "pdf"
    assert file_format("x", b"%PDF-1.4\n...") == "pdf"
    assert file_format("x.txt", b"%PDF-1.4\n...") == "text"  # rejected as binary
    assert file_format("x.htm", b"<html>") == "html"
    assert file_format("x.txt", b"plain") == "text"


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_ocr_reads_a_scanned_page():
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=44)
    lines = [
        "Joint Declaration on Artificial Intelligence",
        "The parties agree to cooperate on research.",
        "They will meet again in Paris next year.",
    ]
    for k, line in enumerate(lines):
        draw.text((150, 200 + 90 * k), line, fill=0, font=font)
    import io

    buf = io.BytesIO()
    img.save(buf, format="PDF", resolution=200)
    raw = buf.getvalue()
    with pytest.raises(RejectedDocument, match="no text layer: 1 page is an image"):
        parse_document(raw, "scan", "scan.pdf")
    doc = parse_document(raw, "scan", "scan.pdf", ocr=True)
    words = norm(doc.texts[0].text)
    assert "cooperate on research" in words and "Paris next year" in words
    assert any("Paris next year" in c.text for c in doc.clauses)


# -- real files ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def paris():
    return (
        parse_document(PARIS_PDF.read_bytes(), "paris_call_en", "paris-call-en.pdf"),
        parse_document(PARIS_TXT.read_bytes(), "paris_call_en", "paris_call_en_pdf.txt"),
    )


def test_paris_call_pdf_gives_the_clauses_of_its_text(paris):
    pdf, txt = paris
    assert pdf.document.source_format == "pdf"
    assert len(pdf.clauses) == len(txt.clauses) == 24
    assert [(c.clause_id, c.kind, c.label, norm(c.text)) for c in pdf.clauses] == [
        (c.clause_id, c.kind, c.label, norm(c.text)) for c in txt.clauses
    ]
    assert [(s.heading, s.level) for s in pdf.sections] == [
        (s.heading, s.level) for s in txt.sections
    ]


def test_paris_call_pdf_gives_the_dates_and_signatories_of_its_text(paris):
    pdf, txt = paris
    key = lambda d: (d.clause_id, d.text, d.start_date, d.end_date, d.precision)  # noqa: E731
    assert [key(d) for d in pdf.dates] == [key(d) for d in txt.dates]
    assert (pdf.document.date, pdf.document.title) == (txt.document.date, txt.document.title)
    sig = lambda s: (s.name, s.iso3, s.role)  # noqa: E731
    assert [sig(s) for s in pdf.signatories] == [sig(s) for s in txt.signatories]
    mention = lambda m: (m.initiative_id, m.text)  # noqa: E731
    assert [mention(m) for m in pdf.initiative_mentions] == [
        mention(m) for m in txt.initiative_mentions
    ]


def test_paris_call_pdf_spans_point_into_the_text_read(paris):
    pdf, _ = paris
    src = pdf.texts[0].text
    assert pdf.document.char_count == len(src)
    for c in pdf.clauses:
        assert norm(src[c.char_start : c.char_end]) == norm(c.text)
    for d in pdf.dates:
        assert src[d.char_start : d.char_end] == d.text
    pages = [c.page_start for c in pdf.clauses]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 3


@pytest.fixture(scope="module")
def wg6():
    return parse_document(WG6_PDF.read_bytes(), "wg6", WG6_PDF.name)


def test_report_furniture_stays_out_of_the_clauses(wg6):
    for c in wg6.clauses:
        assert not re.search(r"Page \d+ / 43", c.text), c.clause_id
        assert "Working Group 6 - 2021" not in c.text, c.clause_id
    assert len(wg6.clauses) > 200
    assert wg6.texts[0].text.count("Page 7 / 43") == 1


def test_report_pages_and_page_breaks(wg6):
    src = wg6.texts[0].text
    assert src.count("\f") == 42
    for c in wg6.clauses:
        assert 1 <= c.page_start <= c.page_end <= 43
        assert src[c.char_start : c.char_end].count("\f") == c.page_end - c.page_start
    assert any(c.page_end > c.page_start for c in wg6.clauses)


def test_report_footnotes_are_notes_of_their_clause(wg6):
    assert len(wg6.notes) >= 5
    owned = [n for n in wg6.notes if n.clause_id]
    assert len(owned) >= 5
    clause_ids = {c.clause_id for c in wg6.clauses}
    assert {n.clause_id for n in owned} <= clause_ids
    for n in wg6.notes:
        assert not re.match(r"^\d", n.text)  # the label is out of the text


def test_furniture_counts_on_the_report():
    pdf = extract_pdf(WG6_PDF.read_bytes())
    prepared = prepare_pdf(pdf)
    assert len(pdf.page_starts) == 43
    # a header and a "Page N / 43" footer on every page but the cover
    assert prepared.furniture_lines >= 2 * 40
    assert pdf.image_pages == [] or pdf.image_pages == [1]


def test_ocr_says_clearly_when_tesseract_is_missing(monkeypatch):
    from aidecl_data.parse.formats import ocr

    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    assert "Tesseract is not installed" in ocr.ocr_status()
    assert "apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng" in ocr.ocr_status()
    with pytest.raises(RejectedDocument, match=r"1 page is an image \(--ocr: Tesseract is not"):
        parse_pdf([None], "scan.pdf", ocr=True)


def test_ocr_parses_are_cached_apart():
    from aidecl_data.build.batch import parser_version_for

    assert parser_version_for(False, "1.0+abc") == "1.0+abc"
    assert parser_version_for(True, "1.0+abc") == "1.0+abc+ocr"


def test_cover_page_without_text_is_reported_not_rejected():
    doc = parse_pdf([None, ["The parties agree to cooperate on research and training."]])
    assert [c.page_start for c in doc.clauses] == [2]
    assert [p.message for p in doc.problems if p.kind == "format"] == [
        "1 page(s) without text are images, not read"
    ]
