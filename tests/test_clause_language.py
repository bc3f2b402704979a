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


def test_shared_stop_word_counts_read_as_the_two_functions() -> None:
    """``stopword_counts`` (one scan per unit for both readings) gives what
    ``metadata.detect_language`` and ``assign`` give on the same texts: random texts of
    stop words of every list, other words, punctuation, a dotless "ı" (a letter for the
    document's language only), text past the 20,000 characters the document language
    reads, a unit whose text changed after the first count."""
    import random

    from aidecl_data.parse import metadata
    from aidecl_data.parse.layout.units import Unit
    from aidecl_data.parse.stopword_counts import StopWordCounts

    rng = random.Random(7)
    plain = [*metadata.LANGS_OF, *_clause_words(), "Xylo", "l'", "(the", "-", "é"]
    for trial in range(300):
        words = [*plain, "ıde", "deı"] if trial % 4 == 1 else plain
        units = []
        for _ in range(rng.randint(0, 12)):
            n = rng.choice([0, 3, 8, 40, 2500 if trial % 10 == 0 else 5])
            text = " ".join(rng.choice(words) for _ in range(n))
            u = Unit("text", [(0, 0)], 0, 0, text=text)
            u.role = rng.choice(["", "", "", "boiler", "section"])
            units.append(u)
        counts = StopWordCounts()
        joined = " ".join(u.text for u in units if u.role != "boiler")
        assert counts.document_counts(units) == metadata.stop_word_counts(joined)
        lang = counts.document_language(units)
        assert lang == metadata.detect_language(joined)
        if units and trial % 3 == 0:
            units[0].text = units[0].text + " the of and"  # changed after the count
        body = [u for u in units if u.role != "boiler"]
        for doc_lang in (lang, "fr", "nl"):
            expected = assign([u.text for u in body], doc_lang)
            assert counts.clause_languages(body, doc_lang) == expected


def _clause_words() -> list[str]:
    from aidecl_data.parse import clause_language

    return list(clause_language.LANGS_OF)
