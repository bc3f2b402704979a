# ruff: noqa: E501  (the inline texts keep their source lines, which are long)
"""Rules met on the real corpus (issue 12), one small inline text each: quoted treaty
paragraphs, "1°" points, dashed part headings, capitals headings with a lower-case "et",
address lines of letters, datelines with a sender, dates in words and "day of" dates,
and which dates are the document's."""

from __future__ import annotations

from aidecl_data.parse.dates import find_dates
from aidecl_data.parse.document import parse_document
from aidecl_data.parse.layout.frontmatter import match_dateline


def _parse(text: str):
    return parse_document(text.encode(), "d", "d.md")


def test_quoted_treaty_paragraphs_keep_their_numbers_and_points() -> None:
    text = (
        "# Article ANNEXE , J\n\nIl est institué une politique commune, régie par les dispositions suivantes :\n\n"
        '" Article J. 1\n\n" 1. L\'Union définit une politique étrangère.\n\n'
        '" 2. Le conseil décide des actions communes :\n\n'
        "\" 1° Le conseil décide, sur la base d'orientations générales ;\n\n"
        "\" 2° Lors de l'adoption de l'action commune, le conseil définit sa portée.\n\n"
        '" 3. La présidence représente l\'Union pour les matières dites " PESC ".\n'
    )
    d = _parse(text)
    assert [(c.label, c.text.split()[0]) for c in d.clauses] == [
        ("", "Il"),
        ("1", "L'Union"),
        ("2", "Le"),
        ("1°", "Le"),
        ("2°", "Lors"),
        ("3", "La"),
    ]
    assert [s.heading for s in d.sections][-1] == "Article J. 1"


def test_dashed_part_heading_and_capitals_heading_with_lower_case_et() -> None:
    text = (
        "# Article ANNEXE\n\nDÉCLARATION RELATIVE AUX PAYS VISÉS À L'ARTICLE 227, PARAGRAPHES 3 et 5, DU TRAITÉ\n\n"
        "La Conférence note ce qui suit.\n\nA. - Les relations de l'U.E.O. avec l'Union européenne\n\n"
        "3. L'objectif est d'édifier l'U.E.O. par étapes.\n\nC. - Le rôle opérationnel de l'U.E.O.\n\n"
        "5. Le rôle sera renforcé.\n"
    )
    d = _parse(text)
    assert [c.text.split()[0] for c in d.clauses] == ["La", "L'objectif", "Le"]


def test_letter_address_lines_and_dateline_with_sender() -> None:
    text = (
        "# Article Annexe\n\nAmbassade de France, Londres, le 9 septembre 1993.\n\n"
        "L'Ambassadeur à l'Organisation internationale du café, à Londres.    L'Ambassade de France présente ses compliments à l'Organisation.\n\n"
        "L'accord fait à Paris, le 3 juillet 1987, est suspendu.\n\nAmbassade de France, à Londres.\n"
    )
    d = _parse(text)
    assert [c.text.split()[0] for c in d.clauses] == ["L'Ambassade", "L'accord"]
    assert (d.document.date, d.document.place) == ("1993-09-09", "Londres")
    m = match_dateline("Ambassade de France, Londres, le 9 septembre 1993.")
    assert (m.group("sender"), m.group("place")) == ("Ambassade de France", "Londres")
    assert match_dateline("Paris, le 12 novembre 2018").group("place") == "Paris"


def test_dates_in_words_and_day_of_month() -> None:
    (m,) = find_dates(
        "FAIT à Istanbul, le quatre septembre mil neuf cent cinquante-huit en un seul exemplaire"
    )
    assert (m.start_date.isoformat(), m.text) == (
        "1958-09-04",
        "quatre septembre mil neuf cent cinquante-huit",
    )
    (m,) = find_dates("le vingt et un mars deux mille treize")
    assert m.start_date.isoformat() == "2013-03-21"
    (m,) = find_dates("Signed at Jerusalem on the 14th day of the July, 2022", "en")
    assert (m.start_date.isoformat(), m.precision) == ("2022-07-14", "day")
    assert find_dates("le quatre septembre, il a dit") == []


def test_a_bare_year_in_the_opening_is_not_the_date() -> None:
    text = "# Article ANNEXE\n\nLa Conférence déclare que la question sera examinée sur la base d'un rapport que la Commission soumettra au plus tard en 1996.\n"
    assert _parse(text).document.date == ""


def test_front_matter_date_beats_a_month_read_in_the_text() -> None:
    text = "---\ndate: '2022-07-14'\ntitle: A Declaration\n---\n\nThe leaders met and adopted this declaration.\n\nSigned at Jerusalem in July 2022.\n"
    d = _parse(text)
    assert (d.document.date, d.document.date_source) == ("2022-07-14", "metadata")


def test_html_boxes_inside_markdown_are_read_as_blocks() -> None:
    text = (
        "---\ntitle: Page\ndate: '2021-12-21'\n---\n\nUn paragraphe de la page.\n\n"
        '<div class="noir encadre"><h2 class="h3">Quel fonctionnement ?</h2>\n'
        "<p>Concrètement, les ministres président dix formations.\n\n"
        '<div class="encadre"><h3>Le Conseil ne doit pas être confondu avec :</h2>\n'
        "<ul><li><b>le Conseil européen</b> qui réunit les chefs d’État.</li>\n"
        "<li><b>le Conseil de l’Europe,</b> qui est une organisation.</li></ul>\n"
        "<p>Plus d’informations :\n"
        '<ul><li><a href="https://www.touteleurope.eu">www.touteleurope.eu</a></li></ul>\n'
        "</p></div>\n"
    )
    d = _parse(text)
    assert [c.text for c in d.clauses] == [
        "Un paragraphe de la page.",
        "Concrètement, les ministres président dix formations.",
        "le Conseil européen qui réunit les chefs d’État.",
        "le Conseil de l’Europe, qui est une organisation.",
    ]
    assert [s.heading for s in d.sections] == [
        "Quel fonctionnement ?",
        "Le Conseil ne doit pas être confondu avec :",
    ]


def test_a_list_of_links_and_its_lead_in_are_navigation() -> None:
    text = (
        "---\ntitle: Page\n---\n\nLa présidence commence.\n\n"
        "Retrouvez toutes les informations sur le site et les réseaux sociaux :\n\n"
        "* site internet : [europe2022.fr](https://presidence.eu/)\n"
        "* [Facebook](https://www.facebook.com/Europe2022FR)\n"
        "* [Twitter](https://twitter.com/Europe2022FR)\n\n"
        "Les ministres se réunissent :\n\n* à Bruxelles ;\n* à Luxembourg.\n"
    )
    d = _parse(text)
    assert [c.text for c in d.clauses] == [
        "La présidence commence.",
        "Les ministres se réunissent :",
        "à Bruxelles ;",
        "à Luxembourg.",
    ]


def test_closing_names_offices_and_date_are_a_signature_block() -> None:
    text = (
        "---\ntitle: Charter\ndate: '2021-06-10'\n---\n\n**First**, we commit to defend democracy.  \n  \n"
        "**Joseph R. Biden, Jr.**  \n**Boris Johnson, M.P.**  \nJune 10, 2021\n\n"
    )
    assert [c.text for c in _parse(text).clauses] == ["First, we commit to defend democracy."]
    text = (
        "---\ntitle: Declaration\n---\n\nThe leaders adopted this declaration.\n\n"
        "Signed in duplicate, in the English language.\n\nJoseph R. Biden Jr.\n\n"
        "President of the United States of America\n\nYair Lapid\n\nPrime Minister of the State of Israel\n"
    )
    # the names and the signing statement are not clauses; the office lines are left to
    # the signatory step, which reads a signer's office from clauses
    assert [c.text for c in _parse(text).clauses] == [
        "The leaders adopted this declaration.",
        "President of the United States of America",
        "Prime Minister of the State of Israel",
    ]


def test_closing_date_without_a_name_above_stays_a_clause() -> None:
    """A date closing the text is read as part of a closing block only with a signer's
    name above it (the date parse is spared otherwise: same result either way)."""
    text = "---\ntitle: Charter\n---\n\nWe commit to defend democracy.\n\nJune 10, 2021\n"
    assert [c.text for c in _parse(text).clauses] == [
        "We commit to defend democracy.",
        "June 10, 2021",
    ]
    text = (
        "---\ntitle: Charter\n---\n\nWe commit to defend democracy.\n\n"
        "Joseph R. Biden Jr.\n\nJune 10, 2021\n\nJune 11, 2021\n"
    )
    assert [c.text for c in _parse(text).clauses] == ["We commit to defend democracy."]


def test_bold_lead_in_on_its_own_line_stays_in_its_item() -> None:
    text = (
        "---\ntitle: Deal\n---\n\nThe Participants intend to cooperate, including:\n\n"
        "-   **Research Security**  \n    Recognizing the importance of research security, the\n"
        "    Participants intend to deepen collaboration.\n"
        "-   **Quantum**  \n    Positioning the Participants at the forefront.\n"
    )
    d = _parse(text)
    assert [c.text for c in d.clauses][1:] == [
        "Research Security Recognizing the importance of research security, the Participants intend to deepen collaboration.",
        "Quantum Positioning the Participants at the forefront.",
    ]


def test_structure_warnings_title_from_heading_and_breaks_restored() -> None:
    d = _parse("# Article ANNEXE , A\n\nPar le présent Traité, les Parties instituent une Union.\n")
    (w,) = [w for w in d.document_warnings if w.code == "title_from_heading"]
    assert (w.char_start, w.char_end) == (2, 20)
    d = _parse(
        "##Notawisseling\n\n###Nr. I\n\nLa note est reçue.Le Ministère approuve la proposition.\n"
    )
    assert [c.text for c in d.clauses] == [
        "La note est reçue.",
        "Le Ministère approuve la proposition.",
    ]
    assert "breaks_restored" in {w.code for w in d.document_warnings}
    d = _parse("# Déclaration commune\n\nLes Parties coopèrent.\n")
    assert not {"title_from_heading", "breaks_restored"} & {w.code for w in d.document_warnings}


def test_underlined_block_is_a_heading_and_publisher_notes_are_not_clauses() -> None:
    text = (
        "---\ntitle: Statement\n---\n\n*The following is the text of a joint statement signed by the\n"
        "governments of Australia and Norway*\n\n*Begin Text:*\n\n"
        "**<u>Exposing the use of criminal contract hackers to conduct\noperations.</u>**\n\n"
        "We recognize that advanced technologies are vital.\n\n*End Text*\n"
    )
    d = _parse(text)
    assert [c.text for c in d.clauses] == ["We recognize that advanced technologies are vital."]
    assert [s.heading for s in d.sections] == [
        "Exposing the use of criminal contract hackers to conduct operations."
    ]
