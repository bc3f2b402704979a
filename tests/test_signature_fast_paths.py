"""A signing statement inside a paragraph is looked for only where a verb stands
(``signature._statements_at_verbs``): the same matches as the plain ``finditer``."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidecl_data.parse.layout import signature

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "documents").iterdir())]
TRICKY = [
    "Fait à Paris, le 7 juillet 1994, en double exemplaire.",
    "... foi. FAIT à Noordwijk, le 21 mars 1994. Done at Washington, this 26th day.",
    "signed at Paris Done at Rome",  # the place of the first swallows the second verb
    "Signé à Rome le 4 novembre 1950. Fait en deux exemplaires originaux, à Ottawa.",
    "en fait, ce qui est fait à la main; well done in Tokyo; Gedaan te 's-Gravenhage",
    "Geschehen zu Berlin am 1. Mai; design at Paris; xfait à Paris; defait à Lyon",
    "DONE IN DUPLICATE at London, in the English language",
]


def _plain(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("place")) for m in signature.SIGNED_AT.finditer(text)]


@pytest.mark.parametrize("text", [*TRICKY, *TEXTS])
def test_statements_at_verbs_match_the_plain_finditer(text: str) -> None:
    found = signature._statements_at_verbs(text, text.lower())
    assert [(m.start(), m.end(), m.group("place")) for m in found] == _plain(text)


def test_statements_inside_a_paragraph() -> None:
    assert _plain(TRICKY[2]) == [(0, 20, "Paris Done")]
    m = signature.signing_statement("Les parties ont signé. " + TRICKY[1])
    assert m is not None and m.group("place") == "Noordwijk"
    assert signature.signing_statement("Le 4 novembre, le traité signé à Rome.") is None
    # "ſ" is an "s" to IGNORECASE but not to lower(): the plain search reads it
    assert signature.signing_statement("Il a ſigné; fait à Paris") is not None
