"""MappedText and normalize_source: every cleaned position maps back into the source."""

from __future__ import annotations

import unicodedata

import pytest

from aidecl_data.parse.text import MappedText, MappedTextBuilder, fold_for_match, normalize_source


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\fb", "a\nb"),
        ("De\u0301claration", "Déclaration"),
        ("plain text", "plain text"),
        ("l’Inde\u00a0:", "l’Inde\u00a0:"),  # own apostrophe and NBSP kept
    ],
    ids=["crlf", "cr", "formfeed", "nfd", "identity", "apostrophe-nbsp"],
)
def test_normalize_source_text(source: str, expected: str) -> None:
    assert normalize_source(source).text == expected


@pytest.mark.parametrize(
    "source",
    ["a\r\nbé\r\nc", "E\u0301tat et Re\u0301publique\fsuite", "x\ry\r\n\r\nz"],
)
def test_normalize_source_maps_every_char_back(source: str) -> None:
    mt = normalize_source(source)
    for i, ch in enumerate(mt.text):
        s, e = mt.source_span(i, i + 1)
        piece = source[s:e]
        if ch == "\n":
            assert piece in ("\n", "\r\n", "\r", "\f")
        else:
            assert unicodedata.normalize("NFC", piece) == ch


def test_builder_insert_maps_to_gap_and_slices_round_trip() -> None:
    src = MappedText.identity("abc\n\ndef")
    b = MappedTextBuilder()
    b.append(src, 0, 3)
    b.insert(" ", 3, 2)
    b.append(src, 5, 8)
    mt = b.build()
    assert mt.text == "abc def"
    assert mt.source_span(0, len(mt.text)) == (0, 8)
    assert mt.source_span(4, 7) == (5, 8)
    assert mt.slice(4, 7).source_span(0, 3) == (5, 8)
    assert mt.strip().text == "abc def"


@pytest.mark.parametrize(
    ("text", "folded"),
    [("  L’Élysée ", "l'elysee"), ("Cafe\u0301 `x´", "cafe 'x"), ("ﬁn", "fin")],
)
def test_fold_for_match(text: str, folded: str) -> None:
    assert fold_for_match(text) == folded
