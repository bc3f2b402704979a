"""Signatory lists, co-chairs and founding members (inline regions, one rule per case),
plus the corpus's 60 signatories checked against a list written by reading the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.entities.signatories import extract_signatories
from aidecl_data.parse.model import Region
from aidecl_data.parse.text import MappedText

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "tests/gold/entities/signatories.json").read_text(encoding="utf-8"))


def region(kind: str, text: str, offset: int = 0, **kw: str) -> Region:
    return Region(kind, MappedText.identity(text, offset), **kw)


def rows_of(regions: list[Region], lang: str = "fr"):
    rows, problems = extract_signatories(regions, "doc", lang)
    return rows, problems


def test_numbered_name_list() -> None:
    text = "1. Arménie\n2. Australie\n3. République de Corée\n4. Union européenne"
    rows, problems = rows_of([region("name_list", text, label="Pays signataires :")])
    assert [(r.name, r.iso3, r.entity_id, r.entity_type, r.role) for r in rows] == [
        ("Arménie", "ARM", "ARM", "state", "signatory"),
        ("Australie", "AUS", "AUS", "state", "signatory"),
        ("République de Corée", "KOR", "KOR", "state", "signatory"),
        ("Union européenne", "", "org-european-union", "organisation", "signatory"),
    ]
    assert [r.ordinal for r in rows] == [1, 2, 3, 4]
    assert problems == []


def test_list_split_in_two_regions_and_bullets() -> None:
    regions = [
        region("name_list", "- Canada\n- Japon", label="Signatories:"),
        region("name_list", "- Kenya\n- Ukraine", offset=100),
    ]
    rows, _ = rows_of(regions)
    assert [r.iso3 for r in rows] == ["CAN", "JPN", "KEN", "UKR"]
    assert [r.ordinal for r in rows] == [1, 2, 3, 4]


def test_list_given_as_a_clause_block_is_still_a_list() -> None:
    rows, _ = rows_of([region("clause", "1. Brésil\n2. Chili\n3. Sénégal", clause_id="doc/p1")])
    assert [(r.iso3, r.role) for r in rows] == [("BRA", "signatory"), ("CHL", "signatory"),
                                               ("SEN", "signatory")]  # fmt: skip


def test_name_list_lines_with_several_names_and_markers() -> None:
    src = "Arménie, Australie\nBelgique ; Brésil\nJapon*\nCanada (par voie électronique)"
    rows, problems = rows_of([region("name_list", src)])
    assert [r.iso3 for r in rows] == ["ARM", "AUS", "BEL", "BRA", "JPN", "CAN"]
    assert [src[r.char_start : r.char_end] for r in rows][4] == "Japon"
    assert problems == []


def test_list_cut_into_one_clause_per_item() -> None:
    regions = [
        region("clause", "Pays signataires :", clause_id="d/p1"),
        *[
            region("clause", f"{n}. {name}", 30 + 20 * n, clause_id=f"d/p{n + 1}")
            for n, name in enumerate(["Arménie", "Australie", "Autriche"], start=1)
        ],
        region("clause", "1. Nous saluons les progrès.", 200, clause_id="d/p9"),
    ]
    rows, _ = rows_of(regions)
    assert [(r.iso3, r.role) for r in rows] == [
        ("ARM", "signatory"), ("AUS", "signatory"), ("AUT", "signatory")
    ]  # fmt: skip


def test_unmapped_name_is_kept_and_reported() -> None:
    rows, problems = rows_of([region("name_list", "1. Canada\n2. Atlantide\n3. Japon")])
    assert [(r.name, r.iso3, r.entity_id) for r in rows] == [
        ("Canada", "CAN", "CAN"),
        ("Atlantide", "", ""),
        ("Japon", "JPN", "JPN"),
    ]
    assert [p.kind for p in problems] == ["unmapped_name"]
    assert "Atlantide" in problems[0].message


def test_co_chairs_in_front_matter_linked_to_the_summit() -> None:
    regions = [
        region("meta", "Sommet pour l'action sur l'intelligence artificielle"),
        region("meta", "Co-présidé par la France et l'Inde", offset=60),
        region("name_list", "1. Arménie", offset=120),
    ]
    rows, _ = rows_of(regions)
    co = [(r.name, r.iso3, r.initiative_id) for r in rows if r.role == "co_chair"]
    assert co == [("France", "FRA", "sommet-action-ia"), ("Inde", "IND", "sommet-action-ia")]


def test_co_chairs_named_in_a_clause_are_not_rows() -> None:
    text = "le Sommet pour l'action sur l'IA co-présidé par la France et l'Inde à Paris."
    rows, _ = rows_of([region("clause", "Un texte.", clause_id="doc/p0"),
                       region("clause", "Autre.", clause_id="doc/p1"),
                       region("clause", text, clause_id="doc/p2")])  # fmt: skip
    assert rows == []


def test_founding_members_in_a_footnote() -> None:
    clause = "Les membres fondateurs ont lancé l'initiative sur l'IA d'intérêt général."
    note = "Kenya, Allemagne, Chili, Finlande, Slovaquie, France, Nigeria, Maroc, Inde."
    regions = [
        region("name_list", "1. Arménie"),
        region("clause", clause, offset=20, clause_id="doc/p1"),
        region("note", note, offset=200, clause_id="doc/p1", note_id="doc/note_2", label="2"),
    ]
    rows, _ = rows_of(regions)
    fm = [r for r in rows if r.role == "founding_member"]
    assert [r.iso3 for r in fm] == ["KEN", "DEU", "CHL", "FIN", "SVK", "FRA", "NGA", "MAR", "IND"]
    assert {r.initiative_id for r in fm} == {"ia-interet-general"}
    assert {r.clause_id for r in fm} == {"doc/p1"}


def test_enumeration_after_a_lead_in() -> None:
    rows, problems = rows_of([region("clause", "Signataires : Canada, Québec, Freedonia.")])
    assert [(r.name, r.entity_id, r.entity_type, r.role) for r in rows] == [
        ("Canada", "CAN", "state", "signatory"),
        ("Québec", "CA-QC", "subnational", "signatory"),
        ("Freedonia", "", "state", "signatory"),
    ]
    assert len(problems) == 1


def test_a_sentence_is_not_an_enumeration() -> None:
    rows, _ = rows_of(
        [
            region("name_list", "1. Arménie"),
            region("clause", "Ils saluent le Canada, le Mexique et le Brésil.", 20),
        ]
    )
    assert [r.iso3 for r in rows] == ["ARM"]


def test_footnote_list_without_a_cue_is_a_signatory_list() -> None:
    rows, _ = rows_of([region("note", "Canada, Japon, Kenya et Mexique.", label="1")])
    assert [(r.iso3, r.role) for r in rows] == [
        ("CAN", "signatory"), ("JPN", "signatory"), ("KEN", "signatory"), ("MEX", "signatory")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "This statement is endorsed by Australia, Canada, the European Union and Japan.",
            "en",
            ["AUS", "CAN", "org-european-union", "JPN"],
        ),
        ("La déclaration a été signée par le Chili, le Kenya et la Suède.", "fr",
         ["CHL", "KEN", "SWE"]),
        ("The founding members are Chile, Kenya and Sweden.", "en", ["CHL", "KEN", "SWE"]),
        # a cue broken over a line ("joined\nby") is still a cue
        ("The ministers were joined\nby Canada, France and Japan.", "en", ["CAN", "FRA", "JPN"]),
    ],
)  # fmt: skip
def test_lists_in_running_prose_after_a_cue(text: str, lang: str, expected: list[str]) -> None:
    regions = [region("name_list", "1. Arménie"), region("clause", text, 50, clause_id="d/p1")]
    rows, _ = rows_of(regions, lang)
    assert [r.entity_id for r in rows[1:]] == expected


_MET = (
    "Today the United States, the European Union, Australia, Canada, India and Japan met "
    "to discuss supply chain disruptions."
)


@pytest.mark.parametrize(
    ("title", "lang", "signatories"),
    [
        ("Joint Statement on Principles for Supply Chain Resilience", "en", 6),
        ("Chair’s Statement on Principles for Supply Chain Resilience", "en", 0),
        ("Chair's Summary of the Major Economies Forum", "en", 0),
        ("Summary of the Chair: Ministerial Meeting", "en", 0),
        ("Presidency Statement of the Digital Ministers", "en", 0),
        ("Déclaration de la présidence du Conseil", "fr", 0),
    ],
)
def test_a_chairs_text_has_no_signatories(title: str, lang: str, signatories: int) -> None:
    """A chair issues a chair's statement alone: the states it says took part are not
    signatories (gold rule, tests/gold/corpus-dev/README.md); nor, once their list is
    dropped, are the first names of the opening taken as parties."""
    regions = [region("title", title), region("clause", _MET, 100, clause_id="d/p1")]
    rows, _ = rows_of(regions, lang)
    assert [r.role for r in rows] == ["signatory"] * signatories


def test_a_chairs_text_keeps_its_co_chairs() -> None:
    regions = [
        region("title", "Chair's Summary of the Summit"),
        region("meta", "Co-chaired by France and India", offset=40),
        region("clause", _MET, 100, clause_id="d/p1"),
    ]
    rows, _ = rows_of(regions, "en")
    assert [(r.iso3, r.role) for r in rows] == [("FRA", "co_chair"), ("IND", "co_chair")]


def test_countries_merely_mentioned_are_not_rows() -> None:
    text = "Nous saluons la coopération entre la France, le Japon et le Canada en Afrique."
    regions = [region("name_list", "1. Arménie"), region("clause", text, 50, clause_id="d/p1")]
    rows, _ = rows_of(regions)
    assert [r.iso3 for r in rows] == ["ARM"]


def test_spans_round_trip_to_the_source() -> None:
    source = "Pays signataires :\n\n1. Arménie\n2. Nouvelle-Zélande\n"
    start = source.index("1.")
    rows, _ = rows_of([region("name_list", source[start:].rstrip(), start)])
    for r in rows:
        assert source[r.char_start : r.char_end] == r.name


# --- corpus -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def parsed_001():
    path = ROOT / "documents/001_1a389439d4f9db67.txt"
    raw = path.read_bytes()
    return parse_document(raw, "001_1a389439d4f9db67", path.name), raw.decode("utf-8")


def test_corpus_001_sixty_signatories_exact(parsed_001) -> None:
    parsed, source = parsed_001
    gold = GOLD["001_1a389439d4f9db67"]
    sig = [r for r in parsed.signatories if r.role == "signatory"]
    assert [(r.name, r.iso3, r.entity_type) for r in sig] == [
        (g["name"], g["iso3"], g["entity_type"]) for g in gold["signatory"]
    ]
    assert sum(1 for r in sig if r.iso3) == 58
    assert [r.entity_id for r in sig if r.entity_type == "organisation"] == [
        g["entity_id"] for g in gold["signatory"] if g["entity_type"] == "organisation"
    ]
    for r in parsed.signatories:
        assert source[r.char_start : r.char_end] == r.name
    assert [r.iso3 for r in parsed.signatories if r.role == "co_chair"] == gold["co_chair"]
    fm = [r for r in parsed.signatories if r.role == "founding_member"]
    assert [r.iso3 for r in fm] == gold["founding_member"]
    assert all(r.initiative_id for r in fm)
    assert not [r for r in parsed.signatories if r.role == "party"]
    assert [p for p in parsed.problems if p.kind == "unmapped_name"] == []
