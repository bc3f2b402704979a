"""Web pages in: main content kept as structure, site furniture dropped, metadata used.

The pages in ``tests/fixtures/html/`` are written for these tests in the shape of a
ministry's site; the corpus' Markdown texts are rendered to HTML (CommonMark, raw HTML
kept) inside such a site and must give the clauses of the Markdown itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.formats.html import _tree, decode_html, page_date, page_title
from aidecl_data.parse.sources import RejectedDocument

HTML = Path(__file__).parent / "fixtures" / "html"
DOCUMENTS = Path(__file__).parents[1] / "documents"
FURNITURE = (
    "cookie",
    "Accueil",
    "Politique étrangère",
    "Partager",
    "Facebook",
    "LinkedIn",
    "Mentions légales",
    "Plan du site",
    "À lire aussi",
    "mis à jour",
    "Skip to main",
    "Share this page",
    "Terms and conditions",
    "Search this site",
    "Open Government",
)


def norm(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def fr():
    path = HTML / "ministere_declaration_fr.html"
    return parse_document(path.read_bytes(), "decl_fr", path.name)


@pytest.fixture(scope="module")
def en():
    path = HTML / "ministry_statement_en.html"
    return parse_document(path.read_bytes(), "stmt_en", path.name)


def test_site_furniture_is_dropped(fr, en):
    for doc in (fr, en):
        words = " ".join(
            [doc.document.title] + [c.text for c in doc.clauses] + [s.heading for s in doc.sections]
        )
        for w in FURNITURE:
            assert w.casefold() not in words.casefold(), (doc.document.document_id, w)


def test_headings_paragraphs_and_lists_are_kept_as_structure(fr):
    assert fr.document.source_format == "html"
    assert [(s.label, s.heading) for s in fr.sections] == [
        ("1.", "Une coopération renforcée"),
        ("2.", "Une gouvernance internationale inclusive"),
    ]
    kinds = [(c.clause_id.split("/")[1], c.kind) for c in fr.clauses]
    assert kinds == [
        ("para_1", "paragraph"),
        ("sec_1__para_1", "paragraph"),
        ("sec_1__para_1__list_1__point_1", "item"),
        ("sec_1__para_1__list_1__point_2", "item"),
        ("sec_1__para_1__list_1__point_3", "item"),
        ("sec_2__para_1", "paragraph"),
        ("sec_2__para_2", "paragraph"),
        ("sec_2__para_3", "paragraph"),
        ("sec_2__para_3__subpara_1", "paragraph"),
    ]
    assert [c.label for c in fr.clauses if c.section_id.endswith("sec_2")][:3] == ["1", "2", "3"]
    items = [c for c in fr.clauses if c.kind == "item"]
    assert {c.parent_clause_id for c in items} == {"decl_fr/sec_1__para_1"}


def test_title_date_and_footnote_from_the_text(fr):
    d = fr.document
    assert (d.title, d.title_source) == (
        "Déclaration conjointe franco-canadienne sur l'intelligence artificielle",
        "text",
    )
    assert (d.date, d.date_source) == ("2024-05-16", "text")  # "Publié le <time>16 mai 2024"
    assert [(n.label, n.clause_id) for n in fr.notes] == [("1", "decl_fr/para_1")]
    assert fr.notes[0].text.startswith("Voir la Recommandation de l'OCDE")
    assert fr.clauses[0].text.endswith("des droits de l'Homme.")


def test_title_and_date_from_the_metadata_when_the_text_gives_none(en):
    d = en.document
    assert (d.title, d.title_source) == (
        "Joint Statement on Responsible AI in Public Services",
        "metadata",
    )
    assert (d.date, d.date_precision, d.date_source) == ("2025-03-04", "day", "metadata")
    assert d.document_type == "joint_statement"
    assert [c.label for c in en.clauses if c.kind == "item"] == ["1", "2", "3"]


def test_spans_point_into_the_text_read(fr, en):
    for doc in (fr, en):
        src = doc.texts[0].text
        assert doc.document.char_count == len(src)
        for c in doc.clauses:
            assert norm(src[c.char_start : c.char_end].replace("<sup>1</sup>", "")) == c.text


def test_page_with_no_main_text_is_rejected():
    path = HTML / "no_main_text.html"
    with pytest.raises(RejectedDocument, match="no main text"):
        parse_document(path.read_bytes(), "x", path.name)


@pytest.mark.parametrize(
    ("head", "title", "date"),
    [
        ("<title>Déclaration commune | Ministère</title>", "Déclaration commune", ""),
        (
            '<meta property="og:title" content="Joint Statement"><title>x - Site</title>'
            '<meta property="article:published_time" content="2024-02-10T08:00:00Z">',
            "Joint Statement",
            "2024-02-10",
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "Article", '
            '"headline": "Feuille de route", "datePublished": "2023-11-30"}]}</script>',
            "Feuille de route",
            "2023-11-30",
        ),
        ("<title>Communiqué</title>", "Communiqué", ""),
    ],
)
def test_metadata_title_and_date(head, title, date):
    tree = _tree(f"<html><head>{head}</head><body><p>x</p></body></html>".encode())
    assert (page_title(tree), page_date(tree)) == (title, date)


def test_time_element_gives_the_date():
    tree = _tree(
        b'<html><body><p>Paris, <time datetime="2025-02-11">11/02</time></p></body></html>'
    )
    assert page_date(tree) == "2025-02-11"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("<meta charset='windows-1252'><p>Déclaration</p>".encode("cp1252"), "Déclaration"),
        ("<p>Déclaration</p>".encode(), "Déclaration"),  # no charset: valid UTF-8
        ("<p>Déclaration</p>".encode("cp1252"), "Déclaration"),  # no charset, not UTF-8
    ],
)
def test_page_encoding(raw, text):
    assert text in decode_html(raw)


SITE = (HTML / "site_frame.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["000_bc9b0feb0189aed7.txt", "001_1a389439d4f9db67.txt"])
def test_page_rendered_from_markdown_gives_the_markdown_clauses(name):
    """Rule: the clause texts are equal after white space is normalized and ``*`` dropped:
    a stray ``**`` that CommonMark cannot pair is printed on the page as asterisks, while
    the Markdown reader takes it for markup. Clause ids are equal where the Markdown's
    lists are well formed (``000``); ``001`` writes "- 1. text", a bullet holding a
    numbered list in CommonMark, which the page shows as such."""
    raw = (DOCUMENTS / name).read_bytes()
    page = SITE.format(body=MarkdownIt("commonmark", {"html": True}).render(raw.decode()))
    md = parse_document(raw, "x", name)
    html = parse_document(page.encode(), "x", "x.html")
    key = lambda c: norm(c.text.replace("*", ""))  # noqa: E731
    assert [key(c) for c in html.clauses] == [key(c) for c in md.clauses]
    assert [(n.label, norm(n.text)) for n in html.notes] == [
        (n.label, norm(n.text)) for n in md.notes
    ]
    assert html.document.title == md.document.title
    if name.startswith("000"):
        assert [c.clause_id for c in html.clauses] == [c.clause_id for c in md.clauses]
