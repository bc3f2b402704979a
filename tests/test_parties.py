"""Parties of bilateral texts, from how their opening names them."""

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


def parties(*regions: tuple[str, str]) -> list[tuple[str, str]]:
    regs, pos = [], 0
    for kind, text in regions:
        regs.append(Region(kind, MappedText.identity(text, pos), clause_id=f"d/p{pos}"))
        pos += len(text) + 2
    rows, _ = extract_signatories(regs, "d", "fr")
    return [(r.iso3, r.role) for r in rows]


@pytest.mark.parametrize(
    ("regions", "expected"),
    [
        # demonym compound in the title (feminine, upper case, and "sino-" first part)
        ([("title", "Déclaration franco-indienne sur l'IA")], ["FRA", "IND"]),
        ([("title", "FEUILLE DE ROUTE FRANCO-INDIENNE SUR LE NUMÉRIQUE")], ["FRA", "IND"]),
        ([("title", "Communiqué conjoint sino-brésilien")], ["CHN", "BRA"]),
        ([("title", "India-France Joint Statement on Artificial Intelligence")], ["IND", "FRA"]),
        ([("title", "Indo-French Roadmap")], ["IND", "FRA"]),
        ([("title", "Déclaration sur la Nouvelle-Zélande")], []),
        # coordination of names in the first paragraph
        ([("clause", "La France et l'Inde entendent faire du numérique un levier.")],
         ["FRA", "IND"]),
        # office holders, with "of" phrases and with adjectives
        ([("clause", "Le Président de la République française et la Première ministre du Japon "
                     "ont reconnu que l'IA est une technologie.")], ["FRA", "JPN"]),
        ([("clause", "A l'invitation de M. Emmanuel Macron, Président de la République "
                     "française, M. Xi Jinping, Président de la République populaire de "
                     "Chine, a effectué une visite d'Etat.")], ["FRA", "CHN"]),
        ([("clause", "Le Président français et le Chancelier allemand ont salué l'accord.")],
         ["FRA", "DEU"]),
        (
            [("clause", "Le Président de la République française et le Chancelier fédéral "
                        "d'Allemagne ont signé.")],
            ["FRA", "DEU"],
        ),
        # English opening
        ([("clause", "The President of France and the Prime Minister of India met in Delhi.")],
         ["FRA", "IND"]),
        ([("clause", "The Government of the Republic of India and the Government of the "
                     "French Republic agree.")], ["IND", "FRA"]),
        # subnational party
        ([("clause", "La France et le Québec renouvellent leur entente.")], ["FRA", ""]),
        # an exchange of notes: the embassy and the ministry that write them
        ([("clause", "L'Ambassade du Royaume des Pays-Bas présente ses compliments au "
                     "Ministère des Affaires étrangères du Grand-Duché de Luxembourg et a "
                     "l'honneur de se référer à la Convention.")], ["NLD", "LUX"]),
        # a preamble naming the parties, "ci-après dénommés les Parties"
        ([("clause", "Le Gouvernement de la République française et le Gouvernement de la "
                     "République tunisienne, ci-après dénommés les Parties, sont convenus de "
                     "ce qui suit :")], ["FRA", "TUN"]),
    ],
)  # fmt: skip
def test_parties_from_the_opening(regions, expected) -> None:
    got = parties(*regions)
    assert [iso for iso, _ in got] == expected
    assert {role for _, role in got} <= {"party"}


def test_three_or_more_states_in_the_opening_are_signatories() -> None:
    # a chain joined by "du", "des", "de la": a plurilateral text's authors
    got = parties(
        ("clause", "Nous, chefs d'État de l'Allemagne, du Canada, des États-Unis, de la "
                   "France et du Japon, affirmons."),
    )  # fmt: skip
    assert got == [(iso, "signatory") for iso in ("DEU", "CAN", "USA", "FRA", "JPN")]


def test_one_state_alone_is_not_a_party() -> None:
    # one state's own statement; names given as examples are not parties either
    assert parties(("clause", "The President of the United States met the press.")) == []
    assert parties(
        ("clause", "Allies and partners – including the European Union, the United Kingdom, "
                   "and NATO – are joining the United States in exposing this activity."),
    ) == []  # fmt: skip


def test_each_party_once_and_later_mentions_ignored() -> None:
    got = parties(
        ("title", "Déclaration franco-japonaise"),
        ("clause", "La France et le Japon coopèrent."),
        ("clause", "Le Japon et la France se félicitent."),
        ("clause", "Ils saluent le Canada, le Mexique et le Brésil."),
    )
    assert got == [("FRA", "party"), ("JPN", "party")]


def test_multilateral_text_has_no_parties() -> None:
    regs = [
        Region("clause", MappedText.identity("La France et l'Inde ont réuni 100 pays."),
               clause_id="d/p1"),
        Region("name_list", MappedText.identity("1. Arménie\n2. Australie\n3. Autriche", 60),
               label="Pays signataires :"),
    ]  # fmt: skip
    rows, _ = extract_signatories(regs, "d", "fr")
    assert {r.role for r in rows} == {"signatory"}


def test_party_name_prefers_the_written_country_name() -> None:
    source = "Déclaration franco-indienne\n\nLa France et l'Inde coopèrent."
    regs = [
        Region("title", MappedText.identity(source[:27])),
        Region("clause", MappedText.identity(source[29:], 29), clause_id="d/p1"),
    ]
    rows, _ = extract_signatories(regs, "d", "fr")
    assert [(r.name, r.iso3) for r in rows] == [("France", "FRA"), ("Inde", "IND")]
    for r in rows:
        assert source[r.char_start : r.char_end] == r.name


CORPUS = [
    *sorted((ROOT / "documents").glob("*.txt")),
    ROOT / "tests/fixtures/paris_call_en_pdf.txt",
]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_parties(path: Path) -> None:
    did = path.stem.lower()
    raw = path.read_bytes()
    parsed = parse_document(raw, did, path.name)
    gold = GOLD[did]
    # Exact: every row, in order, whatever its role (a party found twice, or a stray
    # signatory beside the parties, fails).
    want = [(iso, "party") for iso in gold["party"]]
    want += [(g["iso3"], "signatory") for g in gold["signatory"]]
    for role in ("co_chair", "founding_member"):  # given as codes
        want += [(iso, role) for iso in gold[role]]
    got = [(r.iso3, r.role) for r in parsed.signatories]
    assert sorted(got) == sorted(want)
    assert [r.iso3 for r in parsed.signatories if r.role == "party"] == gold["party"]
    source = raw.decode("utf-8")
    for r in parsed.signatories:
        assert source[r.char_start : r.char_end] == r.name
