"""Web Markdown read as a person reads it: front matter is metadata, residue of Pandoc,
kramdown and HTML leaves the clause text with spans kept, end markers are not clauses.
One small inline text per rule."""

from __future__ import annotations

import pytest

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.layout.inline import build_clean
from aidecl_data.parse.layout.yamlfront import read_front_matter
from aidecl_data.parse.text import MappedText
from aidecl_data.parse.warnings import MARKUP

WH = """---
date: '2023-05-20'
published_time: 2023-05-20 09:50:50-04:00
source_url: https://example.gov/briefing-room/2023/05/20/quad-leaders-joint-statement/
tags: statements-releases
title: "Quad Leaders\\u2019 Joint\\_Statement on the Future of the\\
  \\ Indo-Pacific"
---
{sp}
Today, we met for the third in-person Quad Leaders’ Summit, hosted by
Prime Minister Albanese.{sp}{sp}
{sp}{sp}
17\\. We welcome the [Global COVID-19
Summit](https://example.gov/summit) and the 22<sup>nd</sup> meeting.

\\###
""".replace("{sp}", " ")


def parse(text: str, doc_id: str = "doc"):
    return parse_document(text.encode("utf-8"), doc_id, f"{doc_id}.md")


def test_front_matter_is_metadata_never_clauses():
    p = parse(WH)
    d = p.document
    assert d.title == "Quad Leaders’ Joint Statement on the Future of the Indo-Pacific"
    assert d.title_source == "metadata"
    assert (d.date, d.date_precision, d.date_source) == ("2023-05-20", "day", "metadata")
    assert (
        d.source_url == "https://example.gov/briefing-room/2023/05/20/quad-leaders-joint-statement/"
    )
    assert d.tags == "statements-releases"
    assert d.document_type == "joint_statement"
    texts = [c.text for c in p.clauses]
    assert not any("date:" in t or "title:" in t or "source_url" in t for t in texts)
    assert p.clauses[0].text.startswith("Today, we met")


def test_residue_leaves_clause_text_and_end_marker_is_no_clause():
    p = parse(WH)
    texts = [c.text for c in p.clauses]
    assert texts[-1] == "We welcome the Global COVID-19 Summit and the 22nd meeting."
    assert p.clauses[-1].label == "17"
    assert not any(MARKUP.search(t) for t in texts)
    assert all(t.strip("#\\ ") for t in texts)  # no "\###" clause
    # The span still covers the source words, markup included.
    raw = WH
    c = p.clauses[-1]
    assert raw[c.char_start : c.char_end].startswith("We welcome the [Global")
    assert raw[c.char_start : c.char_end].endswith("meeting.")


def test_yaml_decoding_of_double_quoted_title():
    fm = read_front_matter('---\ntitle: "A\\_B \\u201CC\\u201D\\\n  \\ D"\n---\nbody\n')
    assert fm is not None and fm.title == "A B “C” D"
    assert fm.end == len('---\ntitle: "A\\_B \\u201CC\\u201D\\\n  \\ D"\n---\n')


def test_jekyll_post_with_offset_date_and_no_source_url():
    text = (
        '---\nlayout: post\ntitle:  "Création d’une initiative"\n'
        "date:   2022-02-07 10:00 +0100\ncategory: news\ntags: bordeaux\n---\n\n"
        "Les États membres doivent créer [une initiative]((https://ex.fr/a-b)).\n"
    )
    p = parse(text)
    assert p.document.title == "Création d’une initiative"
    assert p.document.date == "2022-02-07"
    assert p.document.source_url == ""
    assert p.document.tags == "bordeaux; news"
    assert [c.text for c in p.clauses] == ["Les États membres doivent créer une initiative."]


def test_broken_yaml_is_still_read_as_key_value_lines():
    fm = read_front_matter("---\ntitle: 'L'accord : texte\ndate: 2021-12-21\n---\n\nCorps.\n")
    assert fm is not None and fm.date == "2021-12-21" and fm.title.startswith("L")


def test_a_leading_rule_in_plain_text_is_not_front_matter():
    assert read_front_matter("---\nDéclaration commune.\n---\n\nTexte.\n") is None
    assert read_front_matter("Texte\n---\n") is None


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("Read <u>this</u> now.", "Read this now."),
        ("One<br>two<br/>three.", "One two three."),
        ("R&amp;D and caf&#233; and &nbsp;x.", "R&D and café and x."),
        ('Open [the site](https://x.org/a){:target="_blank"} now.', "Open the site now."),
        ("Text {: .class} here.", "Text here."),
        ("A ![logo](/img/a.png) B.", "A B."),
        ("It\\'s 17\\. \\*not\\* a list.", "It's 17. *not* a list."),
        ("<!-- note -->Kept.", "Kept."),
        ('<div class="noir encadre" style="margin:3px;">Boxed</div>', "Boxed"),
        ("See <https://x.org/a>.", "See https://x.org/a."),
        ("Link [t](https://x.org/a_(b)) ok.", "Link t ok."),
        ("***Bold italic***", "Bold italic"),
    ],
)
def test_inline_residue_cleaned(line, clean):
    mt = MappedText.identity(line)
    assert build_clean(mt, [(0, len(line))], markdown=True).text.text == clean


def test_cleaned_text_maps_back_to_the_source_words():
    src = "We welcome R&amp;D and the [Global\nSummit](https://x.org) <span\nclass='u'>now</span>."
    lines = src.split("\n")
    ranges, pos = [], 0
    for ln in lines:
        ranges.append((pos, pos + len(ln)))
        pos += len(ln) + 1
    out = build_clean(MappedText.identity(src), ranges, markdown=True).text
    assert out.text == "We welcome R&D and the Global Summit now."
    for word in ("Global", "Summit", "now", "welcome"):
        i = out.text.index(word)
        s, e = out.source_span(i, i + len(word))
        assert src[s:e] == word
    i = out.text.index("&")
    s, e = out.source_span(i, i + 1)
    assert src[s:e] == "&amp;"  # an entity maps to its whole source


def test_download_line_and_spaced_end_marker_are_not_clauses():
    text = "# Joint Statement\n\nThe parties agree.\n\nDownload the full statement (PDF)\n\n# # #\n"
    p = parse(text)
    assert [c.text for c in p.clauses] == ["The parties agree."]


def test_pipe_table_cells_are_items():
    text = "# Liste\n\nLes membres sont :\n\n| Ghana | Mali |\n| --- | Niger |\n|\n"
    p = parse(text)
    items = [c.text for c in p.clauses if c.kind == "item"]
    assert items == ["Ghana", "Mali", "Niger"]


def test_headings_without_a_space_after_two_hashes():
    p = parse("##Accord culturel\n\n###Article premier\n\nLe présent accord s'applique.\n")
    assert [s.heading for s in p.sections][-1] == "Article premier"
    assert [c.text for c in p.clauses] == ["Le présent accord s'applique."]
    # One "#" glued to a word stays a hashtag, not a heading.
    q = parse("# Titre\n\nTexte #IA ici.\n\n#IA\n")
    assert all(s.heading != "IA" for s in q.sections)


def test_a_line_of_block_tags_separates_blocks():
    text = (
        "# Titre\n\n**Le 10 janvier 2022, à Paris**\n"
        '<img src="/a.png" alt="" align="left">\n'
        "Concours de pitchs pour les gouvernements.\n\n"
        '<div class="noir encadre">\nTexte encadré.\n</div>\n'
    )
    texts = [c.text for c in parse(text).clauses]
    assert "Concours de pitchs pour les gouvernements." in texts
    assert "Texte encadré." in texts
    assert not any("Paris Concours" in t for t in texts)
