"""The date grammar's shortcuts match what the plain alternations they stand for match.

``first_letters`` (a class of the first letters put before a flat alternation) and
``trie_alternation`` (the year triggers as a trie) only change how fast a rule fails:
each test pins one to the plain form it replaces.
"""

from __future__ import annotations

import re

import pytest

from aidecl_data.parse.dates import find_dates
from aidecl_data.parse.dates import grammar as g
from aidecl_data.parse.dates import lexicon as lx

# characters that case-insensitive matching folds unusually ("ſ" is an "s", the Kelvin
# sign a "k", "İ"/"ı" an "i"), plus Latin-1 and Latin Extended-A
_CHARS = [chr(c) for c in range(0x250)] + ["\u017f", "\u212a", "\u0130", "\u0131", "\u1e9e"]


@pytest.mark.parametrize(
    "alt",
    [
        g._MONTH_ALT,
        g._EN_MONTH_ALT,
        g._WD_ALT,
        g._YEAR_TRIG_ALT + "|l['’]horizon|mi-|mid-",
        g._MONTH_TRIG_ALT + "|mi-|mid-|mois",
        g._RELATIVE_DAY_ALT,
    ],
)
def test_first_letters_match_what_a_first_literal_matches(alt: str) -> None:
    lead = re.compile(g.first_letters(alt), re.IGNORECASE)
    firsts = [re.compile(re.escape(w[0]), re.IGNORECASE) for w in alt.split("|")]
    for ch in _CHARS:
        assert bool(lead.match(ch)) == any(f.match(ch) for f in firsts), repr(ch)


def test_first_letters_refuses_what_is_not_a_word_alternation() -> None:
    with pytest.raises(ValueError):
        g.first_letters(r"\d+|en")


def _plain(pattern: str) -> re.Pattern[str]:
    """A year-trigger rule as it was written before the shortcuts."""
    return re.compile(
        pattern.replace(g._YEAR_TRIG_TRIE, g._YEAR_TRIG_ALT).replace(g._YEAR_TRIG_LEAD, ""),
        re.IGNORECASE,
    )


_TRIGGERS = [t for t in lx.YEAR_TRIGGERS if not t.endswith("-")]
# every trigger before a year, with both apostrophes, white space runs, capitals, and
# the traps: a trigger that begins a longer one ("d'ici" / "d'ici à"), "l'horizon"
_TEXT = " ".join(
    [f"{t} 2024, {t.upper()}\n 1999 et 2001; {t.replace(chr(39), '’')}  2030." for t in _TRIGGERS]
    + ["d'ici à 2030", "d'ici 2030", "d’ici a 2031", "l'Horizon 2020", "mi-2025 et 2026"]
    + ["depuisé 2020", "xen 2020", "en 20201", "dès 1998, 1999 ou 2000", "de 2000 à 3000"]
)


@pytest.mark.parametrize("name", ["bare_year", "year_list"])
def test_trie_triggers_match_like_the_flat_alternation(name: str) -> None:
    pattern = next(p for n, _needs, p, _reader in g.RULES if n == name)
    plain = _plain(pattern.pattern)
    assert plain.pattern != pattern.pattern

    def spans(rx: re.Pattern[str]) -> list:
        return [(m.span(), m.groupdict()) for m in rx.finditer(_TEXT)]

    found = spans(pattern)
    assert found  # the text holds dates of the rule
    assert found == spans(plain)


def test_trie_alternation_reads_every_trigger() -> None:
    trie = re.compile(g._YEAR_TRIG_TRIE, re.IGNORECASE)
    for t in _TRIGGERS:
        assert trie.fullmatch(t) and trie.fullmatch(t.replace("'", "’").replace(" ", "\t "))
    assert trie.fullmatch("d'ic") is None


def test_dates_after_triggers_are_still_read() -> None:
    found = [m.text for m in find_dates("Le plan court d'ici à 2030, depuis 2019 et en mars 2024.")]
    assert found == ["2030", "2019", "mars 2024"]
