"""The shortcuts of ``parties`` give the matches of the plain searches they replace: the
office patterns tried only where an office can start (``parties._OFFICE_STARTS``), the
compounds searched only in the stretches that hold a hyphen (``parties._compounds``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidecl_data.parse.entities import parties
from aidecl_data.parse.entities.countries import find_names
from aidecl_data.parse.entities.folding import Cues

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "documents").iterdir())]
OFFICES = [
    "le Président français", "ÉMIR qatari", "la Première ministre japonaise",
    "Chef de l’État français", "PRIME MINISTER Modi", "le Roi espagnol", "la Reine anglaise",
    "Vice-présidente X", "Vice-President Harris", "Gouvernement indien", "King Charles",
    "Queen Anne", "Chancellor Scholz", "Chancelière allemande", "le Prince saoudien",
    "le Ministre indien", "President Biden", "Minister Modi", "Government officials",
    "Emir Tamim", "Ambassade royale belge", "Embassy staff", "Présidente chilienne",
    "Ministère des Affaires étrangères du Japon", "Ministry of Foreign Affairs of Japan",
    "PRESIDENTE mexicaine", "Premier ministre indien",
]  # fmt: skip
TRICKY = [
    "le Préſident français",  # "ſ" is an "s" to IGNORECASE, not to lower(): plain search
    "İ le Président français et le Président de la République de Corée",  # longer lower()
    "droit ROI x, aroi y, Kingdom of Spain, Queensland, chefs de l'État",
    "Prime Minister Narendra Modi of India and President Joe Biden of the United States",
    " ".join(OFFICES),
]


def _spans(matches) -> list[tuple[int, int, dict]]:
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("text", [*OFFICES, *TRICKY, *TEXTS])
def test_office_adjectives_match_the_plain_finditer(text: str) -> None:
    starts = parties._office_starts(text, Cues(text))
    assert _spans(parties._office_adjectives(text, starts)) == _spans(
        parties._OFFICE_ADJ.finditer(text)
    )


@pytest.mark.parametrize("text", [*TRICKY, *TEXTS])
def test_office_search_before_each_name_matches_the_plain_search(text: str) -> None:
    starts = parties._office_starts(text, Cues(text))
    for h in find_names(text):
        for pattern, width in ((parties._OFFICE_OF, 40), (parties._OFFICE_NAMED_OF, 90)):
            lo = max(0, h.start - width)
            expected = pattern.search(text, lo, h.start) is not None
            assert parties._office_search(pattern, text, starts, lo, h.start) == expected


def test_every_office_starts_at_a_start() -> None:
    for text in OFFICES:
        m = parties._OFFICE_ADJ.search(text)
        assert m is not None, text
        assert m.start() in parties._office_starts(text, Cues(text)), text
    text = TRICKY[3]
    india = find_names(text)[0]
    assert india.text == "India"
    starts = parties._office_starts(text, Cues(text))
    assert parties._office_search(parties._OFFICE_NAMED_OF, text, starts, 0, india.start)
    assert not parties._office_search(parties._OFFICE_NAMED_OF, text, starts, 7, india.start)


def test_exotic_case_falls_back_to_the_plain_search() -> None:
    assert parties._office_starts(TRICKY[0], Cues(TRICKY[0])) is None
    assert parties._office_starts(TRICKY[1], Cues(TRICKY[1])) is None
    assert _spans(parties._office_adjectives(TRICKY[0], None)) == _spans(
        parties._OFFICE_ADJ.finditer(TRICKY[0])
    )


COMPOUNDS = [
    "Déclaration franco-indienne", "FEUILLE DE ROUTE FRANCO-INDIENNE", "Indo-French",
    "India-France Joint Statement", "U.S.-EU Trade and Technology Council",
    "the U.S.-Mexico-Canada Agreement", "a-b c-d\ne-f\tg-h -x y- -- a--b 12-13 x.-y",
    "fin de ligne-\nsuite, -débute, finit-", "Sino-\tJapanese\u00a0Franco-British",
    "-", "", "a-b-c-d-e-f-g-h, états-unis; ÉTATS-UNIS. (Royaume-Uni)",
    "word-" * 50 + "end", "x" * 30 + "-" + "y" * 30,
]  # fmt: skip


@pytest.mark.parametrize("text", [*COMPOUNDS, *TEXTS])
def test_compounds_match_the_plain_finditer(text: str) -> None:
    assert _spans(parties._compounds(text)) == _spans(parties._COMPOUND.finditer(text))


def test_compounds_are_found() -> None:
    found = [m.group() for m in parties._compounds(" ".join(COMPOUNDS[:6]))]
    assert found == [
        "franco-indienne", "FRANCO-INDIENNE", "Indo-French", "India-France", "U.S.-EU",
        "U.S.-Mexico-Canada",
    ]  # fmt: skip
