"""The gazetteer's lazy alias matcher (small patterns compiled per first word, used until
a process has read enough text to pay for compiling the one regex) finds exactly what the
one regex finds."""

from __future__ import annotations

from aidecl_data.parse.entities import gazetteer as gz
from aidecl_data.parse.entities.folding import fold_same_length
from tests.conftest import gazetteer_aliases


def _both(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    padded = " " + fold_same_length(text)
    lazy = list(gz._lazy_alias_matches(padded))
    one = [m.span(1) for m in gz._all_aliases_rx().finditer(padded)]
    return lazy, one


def test_lazy_matcher_equals_the_one_regex_on_every_alias() -> None:
    aliases = gazetteer_aliases()
    texts = [
        "; ".join(aliases),  # every alias as written, in one text
        " ".join(a.replace(" ", "-") for a in aliases),  # hyphenated, run together
        "_".join(aliases),  # an underscore before a word is a non-word character there
        "les sommets de Séoul, le Sommet pour l'action sur l'IA, les Sommetses de Paris",
        "the Global Partnership on AI, the Global Partnerships on AI, global_partnership",
        "le Partenariat mondial sur l’IA (PMIA) et l'OCDE, G7, G20, the Hiroshima AI Process",
    ]
    found = 0
    for text in texts:
        lazy, one = _both(text)
        assert lazy == one, text[:80]
        found += len(one)
    assert found > len(aliases)  # the texts do hold aliases: the comparison is not empty


def test_find_known_is_the_same_with_either_matcher(monkeypatch) -> None:
    text = "le Sommet pour l'action sur l'IA et les sommets de Séoul ; the UN and the G7"
    monkeypatch.setattr(gz, "_LAZY_CHARS", 10**12)
    lazy = gz.find_known(text)
    monkeypatch.setattr(gz, "_LAZY_CHARS", 0)
    one = gz.find_known(text)
    assert lazy == one and len(one) >= 3


def test_foldable_class_is_the_set_it_replaced() -> None:
    """``folding._FOLDABLE`` is written as a complement (cheap to compile): the same
    characters as the range it replaced, over every code point."""
    import re

    from aidecl_data.parse.entities.folding import _FOLDABLE

    old = re.compile("[A-Z`\x80-\U0010ffff]")
    every = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in _FOLDABLE.finditer(every)] == [
        m.start() for m in old.finditer(every)
    ]
