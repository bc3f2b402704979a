"""The language of each clause (clause_language.assign)."""

from __future__ import annotations

import pytest

from aidecl_data.parse.clause_language import assign, clause_language


@pytest.mark.parametrize(
    ("text", "current", "expected"),
    [
        ("Wordt voorlopig toegepast per 21-05-2013", "fr", "nl"),
        ("Le présent Accord entre en vigueur à la date de sa signature.", "nl", "fr"),
        ("The Parties shall consult each other on the measures to be taken.", "fr", "en"),
        # too few words to tell: the language of the clause before
        ("(w.g.) J. W. BEYEN", "nl", "nl"),
        ("Article 3", "fr", "fr"),
        # "de", "en" are French and Dutch: they prove nothing
        ("de la France en Europe", "nl", "nl"),
        # a French clause quoting a Dutch name stays French
        ("Le Koninkrijk der Nederlanden et la France se consultent sur les mesures.", "fr", "fr"),
    ],
)
def test_clause_language(text: str, current: str, expected: str) -> None:
    assert clause_language(text, current) == expected


def test_a_translation_is_one_run() -> None:
    texts = [
        "Les deux Parties favorisent les échanges entre leurs universités.",
        "Beide Partijen bevorderen de uitwisseling tussen hun universiteiten en hun scholen.",
        "Artikel 2",
        "(w.g.) J. W. BEYEN",
    ]
    assert assign(texts, "fr") == ["fr", "nl", "nl", "nl"]
