"""The structure shortcuts of the speed pass answer what the rules they stand for answer.

Markdown lines without markup joined as plain lines, stop words counted by one trie
regex, signing statements looked for only in clauses holding a signing verb, the date
rules chosen by a window's anchor kinds: each table below pins one to its reference.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from aidecl_data.parse import clause_language
from aidecl_data.parse.dates import _rules_for
from aidecl_data.parse.dates.grammar import RULES
from aidecl_data.parse.dates.windows import ALL_KINDS
from aidecl_data.parse.layout import inline
from aidecl_data.parse.layout.signature import signing_statement
from aidecl_data.parse.structure import _may_hold_statement
from aidecl_data.parse.text import MappedText


def _key(c: inline.Cleaned) -> tuple:
    t = c.text
    return (t.text, t._t, t._tl, t._s, t._sl, c.markers)


@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("one line\nand another", [(0, 8), (9, 20)]),
        ("one line\n\nafter a blank", [(0, 8), (10, 23)]),
        ("  indented\n  lines  here", [(2, 10), (13, 24)]),
        ("a **bold**\nline", [(0, 10), (11, 15)]),  # markup: the general loop
        ("the [wrapped\nlink](https://x.org) ends", [(0, 12), (13, 38)]),
        ("text\n[x\nmore", [(0, 4), (8, 12)]),  # a "[" between the ranges
        ("multi-\nacteurs", [(0, 6), (7, 14)]),  # a line-end hyphen
        ("empty\nrange", [(0, 5), (6, 6), (6, 11)]),
    ],
)
@pytest.mark.parametrize("offset", [0, 3])
def test_markdown_lines_without_markup_join_as_the_general_loop(
    text: str, ranges: list[tuple[int, int]], offset: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    norm = MappedText.identity(text, offset)
    fast = inline.build_clean(norm, ranges, markdown=True, vocabulary={"multiacteurs"})
    monkeypatch.setattr(inline, "_markup_free", lambda text, ranges: False)
    slow = inline.build_clean(norm, ranges, markdown=True, vocabulary={"multiacteurs"})
    assert _key(fast) == _key(slow)


_TOKEN = re.compile(r"[a-zà-ÿœæ]+")


def _counts_by_token(text: str) -> Counter[str]:
    c: Counter[str] = Counter()
    for tok in _TOKEN.findall(text.casefold()):
        lang = clause_language._LANGS_OF.get(tok)
        if lang:
            c[lang] += 1
    return c


@pytest.mark.parametrize(
    "text",
    [
        "the cat and the dog",
        "le chat et les chiens of the house",  # languages in order of their first word
        "THE Thé theme lethe the-le",
        "für FÜR und ßund",
        "de la en in die",  # words of two lists count for none
        "",
        "ſo the ſtate",
    ],
)
def test_stop_word_counts_are_those_of_the_token_loop(text: str) -> None:
    assert list(clause_language.counts(text).items()) == list(_counts_by_token(text).items())


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Fait à Paris, le 7 juillet 1994.", True),
        ("DONE at Washington, this 26th day of October, 2025", True),
        ("Signé à Rome le 4 novembre 1950", True),
        ("Gedaan te 's-Gravenhage", True),
        ("The Parties agree on the following provisions.", False),
        ("Sİgned at London", True),  # "İ" reads as "i" under IGNORECASE, not in lower()
        ("ſigned at London", True),
    ],
)
def test_statement_prefilter_keeps_every_clause_that_can_match(text: str, kept: bool) -> None:
    assert _may_hold_statement(text) == kept
    if signing_statement(text) is not None:
        assert _may_hold_statement(text)


@pytest.mark.parametrize("kinds", [0, 1, 3, 7, 0x107, ALL_KINDS])
def test_rules_for_kinds_are_the_rules_whose_needs_hold(kinds: int) -> None:
    want = [p for p, (_, needs, *_) in enumerate(RULES) if needs & kinds == needs]
    assert [r[0] for r in _rules_for(kinds)] == want


def _assign_clause_by_clause(texts: list[str], document_language: str) -> list[str]:
    out, current = [], document_language
    for t in texts:
        current = clause_language.clause_language(t, current)
        out.append(current)
    return out


@pytest.mark.parametrize(
    ("texts", "lang", "switches"),
    [
        (["The Parties agree.", "de la et", "les du et au"], "en", True),  # 3 French words
        (["The Parties agree with van", "het and een", "the end"], "en", False),  # scattered
        (["Les Parties", "the and of", "with the of for", "et le la les des"], "fr", True),
        (["Straße und die", "der das"], "en", False),  # "und" once, "der das" twice
        (["", "et", "et", "et"], "en", False),
        (["et et et"], "en", True),
    ],
)
def test_language_runs_switch_only_on_three_words_in_one_clause(
    texts: list[str], lang: str, switches: bool
) -> None:
    assert clause_language.may_switch(texts, lang) == switches
    assert clause_language.assign(texts, lang) == _assign_clause_by_clause(texts, lang)
