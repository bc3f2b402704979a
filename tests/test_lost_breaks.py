# ruff: noqa: E501  (the inline texts keep their source lines, which are long)
"""The treaty-database mirror's lost line breaks (``layout.lost_breaks``) and the note
apparatus they expose (``roles.mark_note_apparatus``); titles printed over several lines
and decree annexes with no title of their own (small inline texts, one rule each)."""

from __future__ import annotations

from aidecl_data.parse.document import parse_document

NOTE = """<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />

##Notawisseling tussen Nederland en Luxemburg

###Nr. I

Luxembourg, le 20 septembre 1993no. 1738L'Ambassade présente ses compliments au Ministère et propose ce qui suit.Si le Gouvernement approuve cette proposition, la présente note constitue un arrangement.L'Ambassade saisit cette occasion pour renouveler au Ministère les assurances de sa haute considération.*Ministère des Affaires Etrangères**Luxembourg*

###Nr. II

No. 39.658 Le Ministère présente ses compliments et accuse réception de la note dont la teneur est la suivante: (zoals in Nr. I) Le Ministère approuve la proposition. Le Ministère saisit cette occasion pour renouveler à l'Ambassade les assurances de sa très haute considération. Paris, le 1er décembre 1994   *Ambassade Royale des Pays-Bas*
"""


def _parse(text: str, name: str = "d.md"):
    return parse_document(text.encode(), "d", name)


def test_lost_breaks_cut_sentences_and_set_the_note_apparatus_aside() -> None:
    d = _parse(NOTE)
    firsts = [c.text.split()[:3] for c in d.clauses]
    assert firsts == [
        ["L'Ambassade", "présente", "ses"],
        ["Si", "le", "Gouvernement"],
        ["L'Ambassade", "saisit", "cette"],
        ["Le", "Ministère", "présente"],
        ["Le", "Ministère", "approuve"],
        ["Le", "Ministère", "saisit"],
    ]
    assert d.clauses[3].text.endswith("dont la teneur est la suivante:")
    assert d.document.date == "1993-09-20"
    # spans round-trip: each clause's first word sits at its char_start in the source
    for c in d.clauses:
        assert NOTE[c.char_start :].startswith(c.text.split()[0])


def test_same_joins_outside_the_mirror_layout_stay_one_paragraph() -> None:
    """A missing space after a full stop in an ordinary web text is a typo."""
    text = "# Joint Statement\n\nRussia invaded Ukraine by force.Russia violated the Charter.\n"
    d = _parse(text)
    assert [c.text for c in d.clauses] == [
        "Russia invaded Ukraine by force.Russia violated the Charter."
    ]


def test_database_status_lines_are_not_clauses() -> None:
    text = "##Verdrag\n\n### Article 1\n\nLes Parties coopèrent.\n\nWordt voorlopig toegepast per 21-05-2013 \n\n### Article 2\n\nLe présent Accord entre en vigueur.\n"
    d = _parse(text)
    assert [c.text for c in d.clauses] == [
        "Les Parties coopèrent.",
        "Le présent Accord entre en vigueur.",
    ]


def test_title_over_two_lines_joins_and_is_no_clause() -> None:
    text = "# Article ANNEXE\n\nPROTOCOLE\n\nENTRE LE GOUVERNEMENT DE LA RÉPUBLIQUE FRANçAISE ET LE GOUVERNEMENT DU ROYAUME DU MAROC\n\nLes deux Gouvernements sont convenus de ce qui suit :\n\nArticle 1er\n\nIl est créé une commission.\n"
    d = _parse(text)
    assert d.document.title.startswith("PROTOCOLE ENTRE LE GOUVERNEMENT DE LA RÉPUBLIQUE")
    assert d.document.title_source == "text"
    assert d.clauses[0].text.startswith("Les deux Gouvernements")


def test_decree_annex_takes_its_opening_heading_as_title() -> None:
    text = "# Article ANNEXE , A\n\nPar le présent Traité, les Hautes Parties contractantes instituent entre elles une Union.\n\nL'Union est fondée sur les Communautés.\n"
    d = _parse(text)
    assert (d.document.title, d.document.title_source) == ("Article ANNEXE , A", "text")


def test_collection_heading_is_not_the_title() -> None:
    text = "# Article ANNEXE\n\nDÉCLARATION RELATIVE À LA NATIONALITÉ\n\nLa Conférence déclare ce qui suit.\n\nDÉCLARATION RELATIVE AU TOURISME\n\nLa Conférence estime ceci.\n"
    d = _parse(text)
    assert d.document.title == "Article ANNEXE"
    assert [c.text for c in d.clauses] == [
        "La Conférence déclare ce qui suit.",
        "La Conférence estime ceci.",
    ]
