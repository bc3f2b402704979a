"""The shortcuts taken for speed give what the plain rules they stand for give.

Each fast path of the parser (issue 8) replaced a regex search, a builder loop or a word
count by something cheaper that must answer the same: these tables pin the equivalence on
small inline cases, edge cases included.
"""

from __future__ import annotations

import re

import pytest

from aidecl_data.parse.layout.blocks import vocabulary
from aidecl_data.parse.layout.frontmatter import is_name_line, is_namelist_leadin
from aidecl_data.parse.layout.headings import ends_sentence, ends_terminal
from aidecl_data.parse.layout.inline import _MD_TOKEN, _join_verbatim, _md_tokens, build_clean
from aidecl_data.parse.layout.lists import parse_marker
from aidecl_data.parse.metadata import detect_language
from aidecl_data.parse.text import MappedText, MappedTextBuilder

# The regexes the two helpers replaced.
_TERMINAL = re.compile(r"[.;:!?,…]['’\"»)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…]['’\"»)\]]*$")


@pytest.mark.parametrize(
    "text",
    ["", "a", "a.", "a. ", "a.)", "a.’»", "a)", ")", ".)\n", "a;\n", "a.\n\n", "a,", "…", "a .]"],
)
def test_line_end_marks_match_the_regexes(text: str) -> None:
    assert ends_terminal(text) == bool(_TERMINAL.search(text.rstrip()))
    assert ends_sentence(text) == bool(_SENTENCE_END.search(text))


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "**bold** and *it*",
        "a<sup>2</sup> b<sup>e</sup>",
        "see [the call](https://x.org) and [^3]",
        r"an \* escaped star and __under__",
        "3 * 4 and *x*",
        "[not a link] (x)",
    ],
)
def test_markup_tokens_are_those_of_finditer(text: str) -> None:
    for start in range(len(text)):
        want = [(m.span(), m.groupdict()) for m in _MD_TOKEN.finditer(text, start, len(text))]
        got = [(m.span(), m.groupdict()) for m in _md_tokens(text, start, len(text))]
        assert got == want


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1. First", ("number", "1")),
        ("- item", ("bullet", "")),
        ("**2.** Bold number", ("number", "2")),
        ("a) letter", ("letter", "a)")),
        ("iv. Roman", ("roman", "iv.")),
        ("(ii) roman", ("roman", "ii)")),
        ("Text that starts with a word", None),
        ("-word", None),
        ("ab) two letters", None),
    ],
)
def test_marker_first_character_filter(line: str, expected: tuple[str, str] | None) -> None:
    mk = parse_marker(line)
    assert (mk.kind, mk.label) == expected if expected else mk is None


def _general_join(norm: MappedText, ranges: list[tuple[int, int]]) -> MappedText:
    """build_clean's general loop for plain text: ranges joined by a space for the gap."""
    b = MappedTextBuilder()
    prev_end = None
    for s, e in ranges:
        if e <= s:
            continue
        if prev_end is not None:
            gap_s, gap_e = norm.source_end(prev_end), norm.source_start(s)
            b.insert(" ", gap_s, max(0, gap_e - gap_s))
        b.append(norm, s, e)
        prev_end = e
    return b.build()


@pytest.mark.parametrize(
    "ranges",
    [
        [(0, 3), (4, 7)],  # one line end between
        [(0, 3), (5, 8)],  # a blank line between
        [(0, 3), (3, 6)],  # no gap at all
        [(0, 3), (4, 4), (4, 7), (9, 11)],  # an empty range, then a wider gap
    ],
)
@pytest.mark.parametrize("offset", [0, 5])
def test_verbatim_join_maps_like_the_builder(ranges: list[tuple[int, int]], offset: int) -> None:
    norm = MappedText.identity("abc\ndef\n\ngh jk", offset)
    fast, slow = _join_verbatim(norm, ranges), _general_join(norm, ranges)
    assert fast is not None
    assert fast.text == slow.text
    n = len(fast.text)
    for i in range(n + 1):
        for j in range(i, n + 1):
            assert fast.source_span(i, j) == slow.source_span(i, j)


def test_verbatim_join_leaves_line_end_hyphens_to_the_general_loop() -> None:
    norm = MappedText.identity("multi-\nacteurs")
    assert _join_verbatim(norm, [(0, 6), (7, 14)]) is None
    assert build_clean(norm, [(0, 6), (7, 14)], markdown=False).text.text == "multi-acteurs"


@pytest.mark.parametrize(("start", "end"), [(0, 0), (0, 3), (2, 5), (4, 8), (8, 8), (3, 2)])
def test_slice_and_span_shortcuts_match_the_builder(start: int, end: int) -> None:
    mt = MappedText.identity("abc def!", 10)
    b = MappedTextBuilder()
    b.append(mt, start, end)
    slow = b.build()
    fast = mt.slice(start, end)
    assert fast.text == slow.text
    assert fast.source_span(0, len(fast.text)) == slow.source_span(0, len(slow.text))
    # source_span on a verbatim text against the segment look-up it skips
    s_start = mt.source_start(start)
    assert mt.source_span(start, end) == (
        (s_start, s_start) if end <= start else (s_start, mt.source_end(end))
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the the the le", "en"),
        ("theı theı theı le", "fr"),  # dotless i is a letter: "theı" is no stop word
        ("(the) [the], «the» le-la", "en"),
        ("und die der", "de"),
        ("FÜR für le", "de"),
        ("", "fr"),
    ],
)
def test_detect_language_counts_whole_tokens(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_vocabulary_is_built_on_demand() -> None:
    vocab = vocabulary("la trans-\nformation et la transformation")
    assert vocab._words is None  # nothing listed before the first look-up
    assert "transformation" in vocab
    assert "absent" not in vocab
    assert "transformation" not in vocabulary("no line-end hyphen here")


@pytest.mark.parametrize(
    ("text", "leadin"),
    [
        ("Liste des pays signataires :", True),
        ("Pays signataires de cette déclaration sont les suivants :", True),  # 8 words
        ("Les pays signataires de cette déclaration sont les suivants :", False),  # 9
    ],
)
def test_namelist_leadin_word_bound(text: str, leadin: bool) -> None:
    assert is_namelist_leadin(text) is leadin


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("France", True),
        ("—", False),  # no word
        ("un deux trois quatre cinq six sept huit neuf dix", True),
        ("un deux trois quatre cinq six sept huit neuf dix onze", False),
    ],
)
def test_name_line_word_bound(text: str, name: bool) -> None:
    assert is_name_line(text) is name


def test_wrap_ratio_character_tests_read_as_the_regexes() -> None:
    """``detect.wrap_ratio`` tests one character with sets where the layout rule is
    written as two regexes (``_OPEN_END`` at a line's end, ``_LOWER_START`` at the next
    line's start): the same answer for every character of the Basic Multilingual Plane
    and a few beyond it."""
    from aidecl_data.parse.layout import detect

    for cp in [*range(0xD800), *range(0xE000, 0x10000), 0x1D400, 0x1F600, 0x20000]:
        c = chr(cp)
        open_end = c.isalnum() or c in detect._OPEN_END_CHARS
        assert open_end == bool(detect._OPEN_END.match(c)), hex(cp)
        assert (c in detect._LOWER_START_CHARS) == bool(detect._LOWER_START.match(c)), hex(cp)


@pytest.mark.parametrize(
    "text",
    [
        "one line\nand the next\nand a third.",
        "a cut hyphen-\nated word\nhere",
        "with **bold**\nmarkup\nlines",
        "  indented\n  lines\n  here",
        "trailing  \nspaces  \nhere",
        "a [link\nwrapped](https://example.org)\nend",
        "x\ny",
    ],
)
@pytest.mark.parametrize("markdown", [True, False])
def test_join_lines_gives_what_the_general_loop_gives(
    text: str, markdown: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``inline._join_lines`` (whole lines joined by one ``replace``) makes the text and
    the mapping the general path makes, and declines what it does not cover."""
    from aidecl_data.parse.layout import inline

    norm = MappedText.identity(text)
    ranges, pos = [], 0
    for line in text.split("\n"):
        s = pos + len(line) - len(line.lstrip())
        e = pos + len(line.rstrip())
        ranges.append((s, e))
        pos += len(line) + 1
    fast = build_clean(norm, ranges, markdown)
    monkeypatch.setattr(inline, "_join_lines", lambda *_: None)
    slow = build_clean(norm, ranges, markdown)
    assert fast.text.text == slow.text.text
    assert (fast.text._t, fast.text._tl, fast.text._s, fast.text._sl) == (
        slow.text._t,
        slow.text._tl,
        slow.text._s,
        slow.text._sl,
    )
    assert fast.markers == slow.markers


def test_split_lines_hides_a_front_matter_as_hide_front_matter_does() -> None:
    """``split_lines(text, blank_until)`` gives the lines ``hide_front_matter`` gives:
    those starting before the offset blank, with their offsets."""
    import random

    from aidecl_data.parse.layout.lines import split_lines
    from aidecl_data.parse.layout.yamlfront import hide_front_matter

    def facts(lines):
        names = ("index", "start", "end", "text", "indent", "hard_break", "stripped", "blank")
        names += ("content_start", "content_end")
        return [tuple(getattr(ln, n) for n in names) for ln in lines]

    rng = random.Random(1)
    for _ in range(500):
        text = "".join(
            rng.choice(["a", " ", "\t", "\n", "---\n", "\u00a0", "  \n"]) for _ in range(30)
        )
        cut = rng.randint(0, len(text) + 1)
        assert facts(split_lines(text, cut)) == facts(hide_front_matter(split_lines(text), cut))


def test_no_marker_starts_with_a_capital() -> None:
    """The readers skip ``parse_marker`` for a line whose first character is upper-case
    (``str.isupper``): no marker starts with one, whatever follows it."""
    capitals = [chr(cp) for cp in range(0x10000) if chr(cp).isupper()]
    assert "A" in capitals and "É" in capitals and "Ⅳ" in capitals
    for c in capitals:
        for rest in (". Text", ") text", ") ", ". ", "  x", ".1. y", "° z", "**1.** w"):
            assert parse_marker(c + rest) is None, c + rest
            assert parse_marker(c + rest, allow_bullet_number=False) is None, c + rest
