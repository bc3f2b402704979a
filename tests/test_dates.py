"""The date grammar, one small inline text per rule (French and English, found and not)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from aidecl_data.parse.dates import DateMatch, find_dates, parse_date
from aidecl_data.parse.text import normalize_source

D = dt.date
REF = D(2025, 2, 12)  # a Wednesday


def check_invariants(text: str, found: list[DateMatch]) -> None:
    """Every match is its own slice of the input; matches are sorted and disjoint."""
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.precision in {"day", "month", "year"}
        assert (m.start_date is None) == (m.end_date is None)
        if m.start_date is not None:
            assert m.start_date <= m.end_date
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


# (input, language, reference, [(text, start, end, precision, is_relative)])
# fmt: off
FOUND = [
    # day, weekday, ordinals
    ("Publié le 12 février 2025", "fr", None,
     [("12 février 2025", D(2025, 2, 12), D(2025, 2, 12), "day", False)]),
    ("Palais de l'Élysée, le mardi 11 février 2025", "fr", None,
     [("mardi 11 février 2025", D(2025, 2, 11), D(2025, 2, 11), "day", False)]),
    ("la déclaration du 1er novembre 2023.", "fr", None,
     [("1er novembre 2023", D(2023, 11, 1), D(2023, 11, 1), "day", False)]),
    ("le 1<sup>er</sup> mai 2024", "fr", None,
     [("1<sup>er</sup> mai 2024", D(2024, 5, 1), D(2024, 5, 1), "day", False)]),
    ("MARDI 11 FÉVRIER 2025", "fr", None,
     [("MARDI 11 FÉVRIER 2025", D(2025, 2, 11), D(2025, 2, 11), "day", False)]),
    ("le 11 fevrier 2025", "fr", None,
     [("11 fevrier 2025", D(2025, 2, 11), D(2025, 2, 11), "day", False)]),
    ("le 12 janv. 2025 et le 3 févr. 2025", "fr", None,
     [("12 janv. 2025", D(2025, 1, 12), D(2025, 1, 12), "day", False),
      ("3 févr. 2025", D(2025, 2, 3), D(2025, 2, 3), "day", False)]),
    ("le 12\u00a0février\u00a02025", "fr", None,
     [("12\u00a0février\u00a02025", D(2025, 2, 12), D(2025, 2, 12), "day", False)]),
    ("à Paris le\n12 février\n2025.", "fr", None,
     [("12 février\n2025", D(2025, 2, 12), D(2025, 2, 12), "day", False)]),
    ("Paris, 12th of November, 2018", "en", None,
     [("12th of November, 2018", D(2018, 11, 12), D(2018, 11, 12), "day", False)]),
    ("on November 12, 2018.", "en", None,
     [("November 12, 2018", D(2018, 11, 12), D(2018, 11, 12), "day", False)]),
    ("on 12 November 2018.", "en", None,
     [("12 November 2018", D(2018, 11, 12), D(2018, 11, 12), "day", False)]),
    ("Monday, 12 November 2018", "en", None,
     [("Monday, 12 November 2018", D(2018, 11, 12), D(2018, 11, 12), "day", False)]),
    ("Tuesday, November 13th, 2018", "en", None,
     [("Tuesday, November 13th, 2018", D(2018, 11, 13), D(2018, 11, 13), "day", False)]),
    ("Sept. 12, 2018 and Jan. 3, 2019", "en", None,
     [("Sept. 12, 2018", D(2018, 9, 12), D(2018, 9, 12), "day", False),
      ("Jan. 3, 2019", D(2019, 1, 3), D(2019, 1, 3), "day", False)]),
    ("le 29 février 2024", "fr", None,
     [("29 février 2024", D(2024, 2, 29), D(2024, 2, 29), "day", False)]),
    # numeric
    ("adopted on 2025-02-11.", "en", None,
     [("2025-02-11", D(2025, 2, 11), D(2025, 2, 11), "day", False)]),
    ("fait le 11/02/2025", "fr", None,
     [("11/02/2025", D(2025, 2, 11), D(2025, 2, 11), "day", False)]),
    ("signed 02/11/2025", "en", None,
     [("02/11/2025", D(2025, 2, 11), D(2025, 2, 11), "day", False)]),
    ("signed 25/12/2025", "en", None,
     [("25/12/2025", D(2025, 12, 25), D(2025, 12, 25), "day", False)]),
    # day ranges
    ("réunis à Paris les 10 et 11 février 2025 pour", "fr", None,
     [("10 et 11 février 2025", D(2025, 2, 10), D(2025, 2, 11), "day", False)]),
    ("*10-11 février 2025, Paris*", "fr", None,
     [("10-11 février 2025", D(2025, 2, 10), D(2025, 2, 11), "day", False)]),
    ("10 – 11 février 2025", "fr", None,
     [("10 – 11 février 2025", D(2025, 2, 10), D(2025, 2, 11), "day", False)]),
    ("a effectué du 6 au 7 mai 2024 une visite", "fr", None,
     [("du 6 au 7 mai 2024", D(2024, 5, 6), D(2024, 5, 7), "day", False)]),
    ("du 30 avril au 2 mai 2024", "fr", None,
     [("du 30 avril au 2 mai 2024", D(2024, 4, 30), D(2024, 5, 2), "day", False)]),
    ("du 30 décembre au 2 janvier 2025", "fr", None,
     [("du 30 décembre au 2 janvier 2025", D(2024, 12, 30), D(2025, 1, 2), "day", False)]),
    ("du lundi 6 au mardi 7 mai 2024", "fr", None,
     [("du lundi 6 au mardi 7 mai 2024", D(2024, 5, 6), D(2024, 5, 7), "day", False)]),
    ("entre le 6 et le 7 mai 2024", "fr", None,
     [("entre le 6 et le 7 mai 2024", D(2024, 5, 6), D(2024, 5, 7), "day", False)]),
    ("les 6, 7 et 8 mai 2024", "fr", None,
     [("6, 7 et 8 mai 2024", D(2024, 5, 6), D(2024, 5, 8), "day", False)]),
    ("held 10-11 February 2025 in Paris", "en", None,
     [("10-11 February 2025", D(2025, 2, 10), D(2025, 2, 11), "day", False)]),
    ("from 6 to 7 May 2024", "en", None,
     [("from 6 to 7 May 2024", D(2024, 5, 6), D(2024, 5, 7), "day", False)]),
    ("on May 6-7, 2024", "en", None,
     [("May 6-7, 2024", D(2024, 5, 6), D(2024, 5, 7), "day", False)]),
    ("April 30 – May 2, 2024", "en", None,
     [("April 30 – May 2, 2024", D(2024, 4, 30), D(2024, 5, 2), "day", False)]),
    # the single day inside "du ... " that is not a range
    ("la déclaration conjointe du 7 avril 2023 au sein de", "fr", None,
     [("7 avril 2023", D(2023, 4, 7), D(2023, 4, 7), "day", False)]),
    # months
    ("à Lyon en octobre 2019./.", "fr", None,
     [("octobre 2019", D(2019, 10, 1), D(2019, 10, 31), "month", False)]),
    ("le Sommet de juin 2023 et", "fr", None,
     [("juin 2023", D(2023, 6, 1), D(2023, 6, 30), "month", False)]),
    ("à Paris en février 2025.", "fr", None,
     [("février 2025", D(2025, 2, 1), D(2025, 2, 28), "month", False)]),
    ("en février 2024.", "fr", None,
     [("février 2024", D(2024, 2, 1), D(2024, 2, 29), "month", False)]),
    ("in May 2024", "en", None,
     [("May 2024", D(2024, 5, 1), D(2024, 5, 31), "month", False)]),
    ("de juin à septembre 2024", "fr", None,
     [("de juin à septembre 2024", D(2024, 6, 1), D(2024, 9, 30), "month", False)]),
    ("d’octobre 2019 à mars 2020", "fr", None,
     [("d’octobre 2019 à mars 2020", D(2019, 10, 1), D(2020, 3, 31), "month", False)]),
    ("from June to September 2024", "en", None,
     [("from June to September 2024", D(2024, 6, 1), D(2024, 9, 30), "month", False)]),
    # quarters and halves: whole months
    ("au premier trimestre 2025", "fr", None,
     [("premier trimestre 2025", D(2025, 1, 1), D(2025, 3, 31), "month", False)]),
    ("au quatrième trimestre de l'année 2023", "fr", None,
     [("quatrième trimestre de l'année 2023", D(2023, 10, 1), D(2023, 12, 31), "month", False)]),
    ("au second semestre 2024", "fr", None,
     [("second semestre 2024", D(2024, 7, 1), D(2024, 12, 31), "month", False)]),
    ("in the second half of 2025", "en", None,
     [("second half of 2025", D(2025, 7, 1), D(2025, 12, 31), "month", False)]),
    ("by Q3 2024", "en", None, [("Q3 2024", D(2024, 7, 1), D(2024, 9, 30), "month", False)]),
    # years
    ("dans la perspective de l'Année de l'innovation en 2026, la France", "fr", None,
     [("2026", D(2026, 1, 1), D(2026, 12, 31), "year", False)]),
    ("le mémorandum d'entente de 2023 sur la coopération", "fr", None,
     [("2023", D(2023, 1, 1), D(2023, 12, 31), "year", False)]),
    ("le mémorandum d’entente de 2023", "fr", None,
     [("2023", D(2023, 1, 1), D(2023, 12, 31), "year", False)]),
    ("depuis 2019, d'ici 2030 et jusqu'en 2025", "fr", None,
     [("2019", D(2019, 1, 1), D(2019, 12, 31), "year", False),
      ("2030", D(2030, 1, 1), D(2030, 12, 31), "year", False),
      ("2025", D(2025, 1, 1), D(2025, 12, 31), "year", False)]),
    ("en 2023 et 2024", "fr", None,
     [("2023", D(2023, 1, 1), D(2023, 12, 31), "year", False),
      ("2024", D(2024, 1, 1), D(2024, 12, 31), "year", False)]),
    ("in 2019, 2020 and 2021", "en", None,
     [("2019", D(2019, 1, 1), D(2019, 12, 31), "year", False),
      ("2020", D(2020, 1, 1), D(2020, 12, 31), "year", False),
      ("2021", D(2021, 1, 1), D(2021, 12, 31), "year", False)]),
    ("à l'horizon 2030", "fr", None,
     [("2030", D(2030, 1, 1), D(2030, 12, 31), "year", False)]),
    ("l'année 2026 sera", "fr", None,
     [("2026", D(2026, 1, 1), D(2026, 12, 31), "year", False)]),
    ("at the Paris Peace Forum in 2019 and since 2015, by 2030", "en", None,
     [("2019", D(2019, 1, 1), D(2019, 12, 31), "year", False),
      ("2015", D(2015, 1, 1), D(2015, 12, 31), "year", False),
      ("2030", D(2030, 1, 1), D(2030, 12, 31), "year", False)]),
    ("résolution 2254 (2015)", "fr", None,
     [("2015", D(2015, 1, 1), D(2015, 12, 31), "year", False)]),
    ("du partenariat d’exception (2023-2027).", "fr", None,
     [("2023-2027", D(2023, 1, 1), D(2027, 12, 31), "year", False)]),
    ("le plan 2023–27", "fr", None,
     [("2023–27", D(2023, 1, 1), D(2027, 12, 31), "year", False)]),
    ("de 2023 à 2027", "fr", None,
     [("de 2023 à 2027", D(2023, 1, 1), D(2027, 12, 31), "year", False)]),
    ("entre 2023 et 2027", "fr", None,
     [("entre 2023 et 2027", D(2023, 1, 1), D(2027, 12, 31), "year", False)]),
    ("under the 2022 to 2024 government", "en", None,
     [("2022 to 2024", D(2022, 1, 1), D(2024, 12, 31), "year", False)]),
    ("between 2023 and 2027", "en", None,
     [("between 2023 and 2027", D(2023, 1, 1), D(2027, 12, 31), "year", False)]),
    # relative, without a reference: kept, unresolved
    ("réunion du comité conjoint, le 31 mars dernier.", "fr", None,
     [("31 mars dernier", None, None, "day", True)]),
    ("les 10 et 11 février prochains", "fr", None,
     [("10 et 11 février prochains", None, None, "day", True)]),
    ("hier", "fr", None, [("hier", None, None, "day", True)]),
    ("l'année prochaine", "fr", None, [("année prochaine", None, None, "year", True)]),
    ("in Paris this November", "en", None, [("this November", None, None, "month", True)]),
    ("last year", "en", None, [("last year", None, None, "year", True)]),
    ("En cette année du 60ème anniversaire", "fr", None,
     [("cette année", None, None, "year", True)]),
    # relative, resolved against the reference (12 February 2025, a Wednesday)
    ("le 31 mars dernier", "fr", REF,
     [("31 mars dernier", D(2024, 3, 31), D(2024, 3, 31), "day", True)]),
    ("le 10 février dernier", "fr", REF,
     [("10 février dernier", D(2025, 2, 10), D(2025, 2, 10), "day", True)]),
    ("les 10 et 11 février prochains", "fr", REF,
     [("10 et 11 février prochains", D(2026, 2, 10), D(2026, 2, 11), "day", True)]),
    ("le 14 juillet", "fr", REF, [("14 juillet", D(2025, 7, 14), D(2025, 7, 14), "day", True)]),
    ("hier", "fr", REF, [("hier", D(2025, 2, 11), D(2025, 2, 11), "day", True)]),
    ("aujourd’hui", "fr", REF, [("aujourd’hui", REF, REF, "day", True)]),
    ("tomorrow", "en", REF, [("tomorrow", D(2025, 2, 13), D(2025, 2, 13), "day", True)]),
    ("l'année prochaine", "fr", REF,
     [("année prochaine", D(2026, 1, 1), D(2026, 12, 31), "year", True)]),
    ("l'an dernier", "fr", REF, [("an dernier", D(2024, 1, 1), D(2024, 12, 31), "year", True)]),
    ("last year", "en", REF, [("last year", D(2024, 1, 1), D(2024, 12, 31), "year", True)]),
    ("next month", "en", REF, [("next month", D(2025, 3, 1), D(2025, 3, 31), "month", True)]),
    ("le mois dernier", "fr", REF,
     [("mois dernier", D(2025, 1, 1), D(2025, 1, 31), "month", True)]),
    ("en mars dernier", "fr", REF,
     [("mars dernier", D(2024, 3, 1), D(2024, 3, 31), "month", True)]),
    ("en juin", "fr", REF, [("juin", D(2025, 6, 1), D(2025, 6, 30), "month", True)]),
    ("in May", "en", REF, [("May", D(2025, 5, 1), D(2025, 5, 31), "month", True)]),
    ("mardi dernier", "fr", REF, [("mardi dernier", D(2025, 2, 11), D(2025, 2, 11), "day", True)]),
    ("next Tuesday", "en", REF, [("next Tuesday", D(2025, 2, 18), D(2025, 2, 18), "day", True)]),
    ("réunis ce mardi à Paris", "fr", REF,
     [("ce mardi", D(2025, 2, 11), D(2025, 2, 11), "day", True)]),
    ("this Friday", "en", REF, [("this Friday", D(2025, 2, 14), D(2025, 2, 14), "day", True)]),
]
# fmt: on


@pytest.mark.parametrize(("text", "language", "reference", "expected"), FOUND)
def test_found(text, language, reference, expected):
    found = find_dates(text, language, reference)
    check_invariants(text, found)
    got = [(m.text, m.start_date, m.end_date, m.precision, m.is_relative) for m in found]
    assert got == expected


NOT_DATES = [
    ("la réalisation totale de l'Agenda 2030 pour le développement", "fr"),
    ("Vision 2030 et Horizon 2020, programme Horizon Europe", "fr"),
    ("le 60ème anniversaire et le 3<sup>e</sup> Forum mondial", "fr"),
    ("the 1st Paris Peace Forum, the 13th Internet Governance Forum", "en"),
    ("mobiliser chaque année 2 millions d'euros", "fr"),
    ("a permis à 13 start-up indiennes", "fr"),
    ("les technologies 5G, le G20 et le G7 (G2IA)", "fr"),
    ("la résolution UNEP/EA.7/Res.9 sur la durabilité", "fr"),
    ("T. +33 (0)1 42 92 83 01", "fr"),
    ("1.1. Échanges économiques\n1.2. Recherche", "fr"),
    ("1. Arménie\n2. Australie\n31. Malte", "fr"),
    ("plus de 2000 participants et de 2025 euros", "fr"),
    ("de 2000 à 3000 euros", "fr"),
    ("de 2000 et 3000 euros", "fr"),
    ("l'Agenda 2030 et 2063", "fr"),
    ("more than 2000 of them", "en"),
    ("States may 2 times", "en"),
    ("the march of progress in 2 steps", "en"),
    ("le 31 février 2025", "fr"),  # no such day: not a date, and no month either
    ("le 30 février", "fr"),
    ("la loi n° 2016-1321 du", "fr"),
    ("l'IA de demain et le monde d'aujourd'hui", "fr"),
    ("la 2030 Agenda", "en"),
    ("les sept 2019", "fr"),
    ("chaque année", "fr"),
    ("entre 2023 à 2027", "fr"),
    ("troisième semestre 2025", "fr"),
    ("les Jeux Olympiques de Paris 2024 et Expo 2025", "fr"),
    ("le règlement (UE) 2024/1689 et ISO/IEC 42001:2023", "fr"),
]


@pytest.mark.parametrize(("text", "language"), NOT_DATES)
def test_not_dates(text, language):
    assert find_dates(text, language, REF) == []


def test_month_without_year_is_not_an_abbreviation():
    assert find_dates("le 12 sept pays", "fr", REF) == []
    assert find_dates("le 12 oct.", "fr", REF) == []


def test_two_dates_joined_by_and_are_not_a_range():
    found = find_dates("le 30 avril et le 2 mai 2024", "fr")
    assert [(m.text, m.start_date) for m in found] == [
        ("30 avril", None),
        ("2 mai 2024", D(2024, 5, 2)),
    ]
    # "30 avril" alone has no year: kept, relative to the reference
    found = find_dates("le 30 avril et le 2 mai 2024", "fr", REF)
    assert [m.text for m in found] == ["30 avril", "2 mai 2024"]


def test_range_takes_precedence_over_its_parts():
    text = "du 5 au 7 avril 2023, puis le 7 avril 2023"
    found = find_dates(text, "fr")
    check_invariants(text, found)
    assert [m.text for m in found] == ["du 5 au 7 avril 2023", "7 avril 2023"]


def test_language_breaks_numeric_ties_only():
    assert find_dates("02/03/2025", "fr")[0].start_date == D(2025, 3, 2)
    assert find_dates("02/03/2025", "en")[0].start_date == D(2025, 2, 3)
    # month names of both languages are read whatever the language
    assert find_dates("le 12 November 2018", "fr")[0].start_date == D(2018, 11, 12)
    assert find_dates("on 12 novembre 2018", "en")[0].start_date == D(2018, 11, 12)


def test_long_text_offsets():
    parts = ["Une phrase sans date. " * 20, "le 12 février 2025", " et encore " * 30, "en 2026."]
    text = "".join(parts)
    found = find_dates(text, "fr")
    check_invariants(text, found)
    assert [m.text for m in found] == ["12 février 2025", "2026"]
    assert found[0].start == len(parts[0]) + 3


def test_spans_round_trip_to_the_decoded_source():
    # CRLF line ends and a decomposed accent: the normalized text differs from the source
    source = "Fait à Paris,\r\nle 12 fe\u0301vrier\r\n2025.\r\nEn 2026, puis."
    mt = normalize_source(source)
    found = find_dates(mt.text, "fr")
    assert [m.text for m in found] == ["12 février\n2025", "2026"]
    s, e = mt.source_span(found[0].start, found[0].end)
    assert source[s:e] == "12 fe\u0301vrier\r\n2025"
    s, e = mt.source_span(found[1].start, found[1].end)
    assert source[s:e] == "2026"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("le mardi 11 février 2025", "fr", (D(2025, 2, 11), D(2025, 2, 11), "day")),
        ("Publié le 12 février 2025", "fr", (D(2025, 2, 12), D(2025, 2, 12), "day")),
        ("12th of November, 2018  ", "en", (D(2018, 11, 12), D(2018, 11, 12), "day")),
        ("**juin 2023**", "fr", (D(2023, 6, 1), D(2023, 6, 30), "month")),
        ("en 2026.", "fr", (D(2026, 1, 1), D(2026, 12, 31), "year")),
        ("10-11 février 2025", "fr", (D(2025, 2, 10), D(2025, 2, 11), "day")),
    ],
)
def test_parse_date_isolated(text, language, expected):
    m = parse_date(text, language)
    assert m is not None
    assert (m.start_date, m.end_date, m.precision) == expected
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    ["Palais de l'Élysée, le mardi 11 février 2025", "Agenda 2030", "", "du 6 et 2025", "x"],
)
def test_parse_date_rejects_more_than_a_date(text):
    assert parse_date(text, "fr") is None


def test_deterministic():
    text = "du 6 au 7 mai 2024, en 2025 et le 31 mars dernier"
    assert find_dates(text, "fr") == find_dates(text, "fr")


@pytest.mark.parametrize(
    "text",
    [
        "12, " * 2000 + "mai",
        "du 12 au " * 1000,
        "\n \n" * 2000 + "12",
        "2019-" * 1000,
        "mardi " * 2000,
    ],
)
def test_adversarial_inputs_finish(text):
    """Long runs of near-dates: a quadratic or exponential pattern would hang here."""
    check_invariants(text, find_dates(text, "fr"))
