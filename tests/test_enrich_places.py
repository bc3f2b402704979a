"""``enrich.places``: one Aho-Corasick pass per document gives the lexicon matches that
``re.finditer`` gives on each clause's scanned copy, exactly."""

from __future__ import annotations

import random

import pytest
from conftest import SEEDS

from aidecl_data.parse.enrich.lexicon import act_lexicon, hedge_pattern, theme_lexicon
from aidecl_data.parse.enrich.places import confirmed, document_scans, literal_prefixes
from aidecl_data.parse.enrich.wordindex import scan_text
from aidecl_data.parse.sources import decode_bytes
from aidecl_data.parse.structure import parse_structure


def patterns(lang: str):
    return (
        act_lexicon(lang)[1].pattern,
        hedge_pattern(lang).pattern,
        theme_lexicon(lang)[0].pattern,
    )


def assert_same(texts: list[str], lang: str) -> None:
    """Each clause's scanned copy is ``scan_text``'s, and each lexicon's matches confirmed
    at its places are ``finditer``'s on that copy."""
    scans = document_scans(texts, lang)
    lang = lang if lang in ("fr", "en") else "en"
    assert len(scans) == len(texts)
    for text, (scan, *places) in zip(texts, scans, strict=True):
        assert scan == scan_text(text)
        for rx, at in zip(patterns(lang), places, strict=True):
            assert list(at) == sorted(set(at))
            expected = [m.span() for m in rx.finditer(scan)]
            assert [m.span() for m in confirmed(rx, scan, at)] == expected, (text, rx.pattern)


@pytest.mark.parametrize(
    ("texts", "lang"),
    [
        # a multi-word form with several spaces, an apostrophe read as a space
        (["Les Parties prennent   note du rapport et s’engagent à agir."], "fr"),
        (["We take  note of it,", "and look\tforward to working together as appropriate."], "en"),
        # a form cut by a clause boundary matches in neither clause
        (["The leaders take", "note of the report."], "en"),
        # a look-behind at the start of a clause sees nothing before it
        (["confidence and", "capacity building for developing countries"], "en"),
        (["Confidence and capacity-building", "", "(sécurité de l'IA) ; Sûreté de l’IA"], "fr"),
        # a character whose lower case is longer ("İ"), and a final sigma at a clause end
        (["İSTANBUL: we commit to support", "ΟΔΟΣ", "safe AI systems, where appropriate"], "en"),
        (["ΟΔΟΣ", "Α: we welcome safe AI"], "en"),
        # leading and trailing spaces, lines
        (["  welcome\n\nthe cooperation  ", "Reaffirming our commitment; explore"], "en"),
        ([], "en"),
        (["Nous nous engageons à soutenir l'IA de confiance"], "de"),
    ],
)
def test_places_give_the_matches_of_finditer(texts, lang):
    assert_same(texts, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_form_of_the_lexicons(lang):
    """Every act form and every theme and hedge cue's literal start, in clauses made of
    them in a shuffled order (deterministic seed), with one, two or no spaces between."""
    words = [f.replace(" ", sep) for f in act_lexicon(lang)[0] for sep in (" ", "  ")]
    for lexicon in (hedge_pattern(lang), theme_lexicon(lang)[0]):
        for alts in lexicon._which.values():
            for _, rx in alts:
                words += sorted(literal_prefixes(rx.pattern))
    rng = random.Random(14)
    texts = []
    for _ in range(60):
        picked = rng.sample(words, 12)
        texts.append("".join(w + rng.choice([" ", ", ", "'", "", " (", "-"]) for w in picked))
    assert_same(texts, lang)


def test_seed_documents():
    for path in sorted(SEEDS.glob("*.txt")):
        st = parse_structure(decode_bytes(path.read_bytes(), path.name), path.stem)
        texts = [r.text.text for r in st.regions if r.kind == "clause" and r.clause_id]
        assert texts
        assert_same(texts, st.language)


def test_literal_prefixes():
    assert literal_prefixes("explor(?:e|es|ed)") == {"explor"}
    assert literal_prefixes("c(?<!confidence and c)apacity[- ]building") == {"capacity"}
    assert literal_prefixes("l['’ ]ia") == {"l'ia", "l’ia", "l ia"}
    assert literal_prefixes("risks?") == {"risk"}
