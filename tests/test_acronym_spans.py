"""``initiatives._acronym_spans`` (``str.find``) gives what the regex of the acronyms a
document defines gave: the first of them (longest first) at each place, not followed by a
word character or a hyphen, left to right, never overlapping."""

from __future__ import annotations

import re

from aidecl_data.parse.entities.initiatives import _acronym_spans


def _regex(text: str, acronyms: tuple[str, ...]) -> list[tuple[int, int]]:
    rx = re.compile("(" + "|".join(map(re.escape, acronyms)) + r")(?![\w-])")
    return [m.span(1) for m in rx.finditer(text)]


def test_find_gives_the_regex_spans() -> None:
    text = (
        "GPAI and the GPAIs, PMIA-led, the TTC (TTC) and TTCTTC, G7 G77 G7-G20, "
        "AIAI AI AIA, OECD.AI, OECD_AI, OECD-AI, [GPAI], GPAI"
    )
    cases = [
        ("GPAI", "TTC"),
        ("GPAI", "AI"),
        ("AIA", "AI"),
        ("OECD", "AI"),
        ("G77", "G7", "G20"),
        ("TTC", "TT", "T"),
    ]
    found = 0
    for acronyms in cases:
        ordered = tuple(sorted(acronyms, key=lambda a: (-len(a), a)))
        assert _acronym_spans(text, ordered) == _regex(text, ordered), acronyms
        found += len(_regex(text, ordered))
    assert found > 10
