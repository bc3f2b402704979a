"""``alias_words`` matches what the gazetteer's compiled alias patterns match (the same
end, or no match), at every word of texts that write every alias in many variants."""

from __future__ import annotations

import re

from aidecl_data.parse.entities import gazetteer as gz
from aidecl_data.parse.entities.alias_words import match_alias, match_leaf
from aidecl_data.parse.entities.folding import fold_same_length
from tests.conftest import gazetteer_aliases


def _variants(alias: str) -> list[str]:
    """An alias as texts write it: with articles, elisions, plurals, "&", separators."""
    return [
        alias,
        alias.replace(" de ", " du ").replace(" of ", " of the "),
        alias.replace(" de ", " des ").replace(" and ", " & "),
        alias.replace(" de ", " d'").replace(" sur ", " sur l' "),
        alias.replace(" ", "-"),
        alias.replace(" ", " / "),
        alias.replace(" ", "\n"),
        alias.replace(" ", " la ").replace("e ", "es "),
        alias + "s de la",
        alias + "_x",
        alias[:-1],
    ]


_TEXTS = [
    " ; ".join(v for a in gazetteer_aliases() for v in _variants(a)),
    "les sommets de Séoul, le Sommet pour l'action sur l'IA, les Sommetses de Paris, "
    "l'  Organisation de coopération, the  the G7, le la Conseil de l'Europe, d'",
    "the Global Partnership on AI, the Global Partnerships on AI, global_partnership",
    # a non-ASCII word character: the text is searched with the pattern, not split
    "le cœur du Sommet pour l'action sur l'IA, sommet_de Paris, Partenariat mondial sur l'IA",
    "sommet_de Paris, _Sommet pour l'action sur l'IA, l'Union & européenne",
]
_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")


def test_whole_aliases_end_where_their_patterns_end() -> None:
    checked = matched = 0
    for text in _TEXTS:
        folded = fold_same_length(text)
        padded = " " + folded
        for w in _WORD_START.finditer(folded):
            start = w.start()
            first = gz._first_words_rx().match(padded, start)
            assert gz._first_word_at(padded, start) == (first.group(1) if first else None)
            if first is None:
                continue
            full = gz._full_index()[first.group(1)]
            maybe = set(full.candidates(folded, start))
            for i, pattern in enumerate(gz._alias_patterns(first.group(1))):
                m = pattern.match(folded, start)
                end = match_alias(folded, start, full.aliases[i], False)
                assert end == (m.end() if m else -1), (folded[start : start + 60], i)
                assert m is None or i in maybe  # the index never leaves out a match
                checked += 1
                matched += m is not None
    assert matched > 1000 and checked > matched


def test_rests_end_where_their_leaf_pattern_ends() -> None:
    heads = gz._head_words()
    checked = matched = 0
    for text in _TEXTS:
        padded = " " + fold_same_length(text)
        for w in re.finditer(r"\w+", padded):
            for cut in (0, 1, 2):
                first = w.group()[: len(w.group()) - cut]
                entry = gz._rest_index().get(first)
                if entry is None:
                    continue
                at = w.start() + len(first)
                m = gz._leaf_rx(first).match(padded, at)
                end = match_leaf(entry, first in heads, padded, at)
                assert end == (m.end() if m else -1), padded[w.start() : w.start() + 60]
                checked += 1
                matched += m is not None
    assert matched > 1000 and checked > matched


def test_scan_finds_what_the_one_regex_finds() -> None:
    for text in _TEXTS:
        padded = " " + fold_same_length(text)
        assert list(gz._lazy_alias_matches(padded)) == [
            m.span(1) for m in gz._all_aliases_rx().finditer(padded)
        ]
