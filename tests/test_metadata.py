"""Document metadata rules: language, type, publisher, dates, inferred titles."""

from __future__ import annotations

import datetime as dt

import pytest

from aidecl_data.parse import metadata
from aidecl_data.parse.dates import find_dates
from aidecl_data.parse.layout.frontmatter import match_dateline
from aidecl_data.parse.structure import parse_structure


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La France et l'Inde soulignent que les deux pays sont engagés pour la paix.", "fr"),
        ("We reaffirm that the same rights that people have offline must be protected.", "en"),
        ("", "fr"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert metadata.detect_language(text) == lang


@pytest.mark.parametrize(
    ("title", "source", "opening", "expected"),
    [
        ("Déclaration conjointe franco-japonaise sur l'IA", "text", "", "joint_declaration"),
        (
            "Déclaration franco-indienne sur l'intelligence artificielle.",
            "text",
            "",
            "joint_declaration",
        ),
        ("Déclaration sur une intelligence artificielle durable", "text", "", "declaration"),
        ("FEUILLE DE ROUTE FRANCO-INDIENNE SUR LE NUMÉRIQUE", "text", "", "roadmap"),
        ("Joint Statement on AI", "text", "", "joint_statement"),
        ("Communiqué de presse", "text", "", "press_release"),
        ("Paris Call for Trust and Security in Cyberspace", "text", "", "declaration"),
        ("Rapport annuel", "text", "", "other"),
        (
            "",
            "inferred",
            "Les deux Chefs d'État sont convenus de ce qui suit.",
            "joint_declaration",
        ),
        ("", "inferred", "We reaffirm our support. We condemn attacks.", "declaration"),
        ("", "inferred", "Le texte ne dit rien de ses auteurs.", "other"),
    ],
)
def test_document_type(title: str, source: str, opening: str, expected: str) -> None:
    assert metadata.document_type(title, source, opening) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["SERVICE DE PRESSE DE LA PRÉSIDENTENCE DE LA RÉPUBLIQUE"],
            "Présidence de la République française",
        ),
        (
            ["[organisationpresse@elysee.fr](mailto:organisationpresse@elysee.fr)"],
            "Présidence de la République française",
        ),
        (["SERVICE DE PRESSE"], ""),
        (["Voir tous les articles et dossiers"], ""),
    ],
)
def test_publisher_only_when_named(lines: list[str], expected: str) -> None:
    assert metadata.publisher(lines) == expected


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Palais de l'Élysée, le mardi 11 février 2025", "Palais de l'Élysée"),
        ("Paris, le 12 novembre 2018", "Paris"),
        ("Paris, 12th of November, 2018", "Paris"),
        ("Fait à New Delhi, le 1er mars 2024", "New Delhi"),
        ("Tokyo, March 3, 2024", "Tokyo"),
        ("Publié le 12 février 2025", None),
    ],
)
def test_dateline_shapes(line: str, place: str | None) -> None:
    m = match_dateline(line)
    assert m is not None
    assert m.groupdict().get("place") == place


@pytest.mark.parametrize(
    "line",
    [
        "La France et l'Inde, le 12 février 2025, ont signé un accord de coopération durable.",
        "Vision commune",
    ],
)
def test_not_a_dateline(line: str) -> None:
    assert match_dateline(line) is None


def test_date_from_publication_line() -> None:
    st = parse_structure("# Déclaration\n\n**Publié le 12 février 2025**\n\nUn texte.\n", "d")
    assert (st.date, st.date_precision, st.date_source) == ("2025-02-12", "day", "text")
    assert st.place == ""


def test_date_from_french_dateline_and_place() -> None:
    src = "Paris, le 12 novembre 2018\n\nLes deux pays réaffirment leur engagement commun.\n"
    st = parse_structure(src, "d")
    assert (st.date, st.date_source, st.place) == ("2018-11-12", "text", "Paris")


def test_date_inferred_from_opening_paragraph() -> None:
    src = (
        "M. Xi Jinping a effectué du 6 au 7 mai 2024 une visite d’Etat en France, après la "
        "visite du 5 au 7 avril 2023.\n\n1. Les deux pays s’accordent.\n"
    )
    st = parse_structure(src, "d")
    assert (st.date, st.date_precision, st.date_source) == ("2024-05-07", "day", "inferred")
    assert st.title_source == "inferred"
    assert st.document_type == "joint_declaration"
    assert st.title == "Déclaration conjointe du 7 mai 2024"


def test_date_from_english_dateline() -> None:
    src = "We reaffirm our support to peace. We condemn attacks.\n\nParis, 12th of November, 2018\n"
    st = parse_structure(src, "d")
    assert (st.date, st.date_source, st.place) == ("2018-11-12", "text", "Paris")
    assert st.title == "Declaration, Paris, 12 November 2018"


def test_inferred_date_is_end_of_range() -> None:
    assert metadata.infer_date("du 6 au 7 mai 2024 une visite", "fr") == ("2024-05-07", "day")
    m = find_dates("du 6 au 7 mai 2024", "fr")[0]
    assert m.start_date == dt.date(2024, 5, 6)


def test_infer_title() -> None:
    assert metadata.infer_title("joint_declaration", "fr", "2024-05-07", "") == (
        "Déclaration conjointe du 7 mai 2024"
    )
    assert metadata.infer_title("declaration", "en", "2018-11-12", "Paris") == (
        "Declaration, Paris, 12 November 2018"
    )
    assert metadata.infer_title("other", "fr", "", "") == "Texte"
