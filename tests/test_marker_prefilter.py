"""``read_units`` calls ``parse_marker`` only on lines that may start with a marker: a
line starting with a letter of ``WORD_LETTERS`` and no "." or ")" after it holds none."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidecl_data.parse.layout.lists import LETTER_MARKS, WORD_LETTERS, parse_marker

ROOT = Path(__file__).resolve().parents[1]
LINES = [
    ln.lstrip(" \t")
    for p in sorted((ROOT / "documents").iterdir())
    for ln in p.read_text(encoding="utf-8").splitlines()
    if ln.strip()
]


def _turned_away(s: str) -> bool:
    return s[0] in WORD_LETTERS and s[1:2] not in LETTER_MARKS


@pytest.mark.parametrize("letter", sorted(WORD_LETTERS))
def test_a_word_letter_without_a_mark_is_no_marker(letter: str) -> None:
    for rest in ["", " ", "word", " word", "-x", ".x", ") ", ". Word", "1. x", ":", "]"]:
        s = letter + rest
        if _turned_away(s):
            assert parse_marker(s) is None, s
    assert parse_marker(letter + ") item") is not None  # "a)" is read
    assert _turned_away(letter + " de la suite")


def test_roman_digits_are_never_turned_away() -> None:
    assert not set("ivx") & WORD_LETTERS
    assert parse_marker("iv) item") is not None and parse_marker("ii. Item") is not None


def test_corpus_lines() -> None:
    away = [s for s in LINES if _turned_away(s)]
    assert len(away) > 1000  # most lines that are not capitalized
    assert all(parse_marker(s) is None for s in away)
