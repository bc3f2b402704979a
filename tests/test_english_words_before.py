"""``english._words_before`` (read backwards, as far as asked) gives the words the
forward reading gave: the runs of word characters before a place, nearest first, up to a
mark, a blank line, a sentence's end, the window's edge or the limit."""

from __future__ import annotations

import re

from aidecl_data.parse.entities import english as en

_BACK_WORD = re.compile(r"[\w’'.&-]+")


def _forward(text: str, pos: int, limit: int = 12) -> list[tuple[int, int]]:
    """The forward reading the backward one replaced (the reference)."""
    lo = max(0, pos - 10 * limit)
    out: list[tuple[int, int]] = []
    i = pos
    for m in reversed(list(_BACK_WORD.finditer(text, lo, pos))):
        gap = text[m.end() : i].strip(" \t")
        if m.end() == i or gap not in ("", "\n"):
            break
        k, j = m.span()
        if k == lo and lo > 0:
            break
        word = m.group()
        if word[0] in "-.’'_" or (word.endswith(".") and not en._ABBREVIATION.fullmatch(word)):
            break
        out.append((k, j))
        if len(out) == limit:
            break
        i = k
    return out


_TEXTS = [
    "The U.S.-EU Trade and Technology Council met. Global Partnership on AI Summit",
    "first line\nSecond Line  Third\n\nAfter Blank Summit, and the\tTabbed  Words Council",
    "x" * 130 + " Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi",
    "St. Petersburg Forum; Leaders’ Summit (G7) -Dash Word _under Word.End Group",
    "Ends in a word:Summit",
    "",
]


def test_backward_reading_equals_the_forward_one() -> None:
    checked = 0
    for text in _TEXTS:
        for pos in range(len(text) + 1):
            for limit in (2, 12):
                assert en._words_before(text, pos, limit) == _forward(text, pos, limit), (
                    text[max(0, pos - 40) : pos],
                    limit,
                )
                checked += bool(_forward(text, pos, limit))
    assert checked > 50
