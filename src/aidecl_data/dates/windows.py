"""Where in a text a date can be: small windows around its anchors, found fast.

Running a dozen regexes with optional prefixes at every position of a 10 kB text costs
about 1 ms each. Every rule needs *anchors* -- a digit, a four-digit year, a month or
weekday name, a relative word -- so each rule runs only in the windows that hold the
anchors it needs. Word anchors are found with ``str.find`` (C speed) on the lower-cased
text and kept at word boundaries; digits with one tiny regex.

A window reaches ``BEFORE`` characters before its anchor (room for an opener or trigger:
"entre le", "jusqu'en", "du mois de") and ``AFTER`` after its start (room for the anchor
word and what may follow it: "prochaines"). Every token of a long expression is itself an
anchor ("du 30 avril au 2 mai 2024": 30, avril, 2, mai, 2024), so windows chain over it;
overlapping windows merge (with the union of their anchor kinds), so a match never
straddles two windows.
"""

from __future__ import annotations

import re

from aidecl_data.dates import lexicon as lx
from aidecl_data.text import trie_pattern

BEFORE = 40
AFTER = 45

# Anchor kinds, as bits.
DIGIT = 1
YEAR = 2  # four digits starting with 1 or 2
MONTH = 4
WEEKDAY = 8
RELATIVE_DAY = 16
UNIT = 32  # année, mois, year, month -- and a direction word, for "an dernier"
DIRECTION = 64  # dernier, prochain, passé (after "an", a month or a weekday)

_DIGITS = re.compile(r"\d+")


def _kinds() -> dict[str, int]:
    kinds: dict[str, int] = {}
    for w in [*lx.MONTH_NAMES, *lx.MONTH_ABBREVIATIONS]:
        kinds[w.lower()] = MONTH
    for w in lx.WEEKDAYS:
        kinds[w.lower()] = WEEKDAY
    for w in [*lx.RELATIVE_DAYS, "aujourd"]:
        if "'" not in w:
            kinds[w.lower()] = RELATIVE_DAY
    for w in ["année", "annee", "mois", "year", "month"]:
        kinds[w] = UNIT
    for w in ["dernier", "derniers", "dernière", "dernières", "derniere", "dernieres"]:
        kinds[w] = DIRECTION | UNIT
    for w in ["prochain", "prochaine", "prochains", "prochaines"]:
        kinds[w] = DIRECTION | UNIT
    for w in ["passé", "passée", "passés", "passées", "passe", "passee"]:
        kinds[w] = DIRECTION | UNIT
    return kinds


ANCHOR_WORDS = _kinds()

# Every anchor word in one pass (instead of one ``str.find`` loop per word, which cost
# ~60 us per region however short).
_ANCHOR_RX = re.compile(trie_pattern(ANCHOR_WORDS))
# Words hidden inside a longer match: "hier" in "avant-hier" is an anchor of its own.
_HIDDEN = {
    w: [(k + 1, ANCHOR_WORDS[w[k + 1 :]]) for k, c in enumerate(w) if c == "-"]
    for w in ANCHOR_WORDS
    if "-" in w
}


def anchor_windows(text: str) -> list[tuple[int, int, int]]:
    """Sorted, disjoint ``(start, end, kinds)`` windows of ``text`` holding every anchor."""
    low = text.lower()
    n = len(text)
    if len(low) != n:  # a rare character changed length: one window, every rule
        return [(0, n, 127)]
    points: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text):
        s, e = m.span()
        kind = YEAR | DIGIT if e - s == 4 and text[s] in "12" else DIGIT
        points.append((s, kind))
    # An anchor word stands between non-letters. A match cannot hide another anchor that
    # starts inside it except after a hyphen (which _HIDDEN lists): any other anchor
    # would start right after a letter.
    for m in _ANCHOR_RX.finditer(low):
        i, j = m.span()
        if j != n and low[j].isalpha():
            continue
        w = m.group()
        if i == 0 or not low[i - 1].isalpha():
            points.append((i, ANCHOR_WORDS[w]))
        for off, kind in _HIDDEN.get(w, ()):
            points.append((i + off, kind))
    if not points:
        return []
    points.sort()
    out: list[tuple[int, int, int]] = []
    p0, k = points[0]
    s, e = max(0, p0 - BEFORE), min(n, p0 + AFTER)
    for p, kind in points[1:]:
        ps = max(0, p - BEFORE)
        if ps <= e:
            e = min(n, p + AFTER)
            k |= kind
        else:
            out.append((s, e, k))
            s, e, k = ps, min(n, p + AFTER), kind
    out.append((s, e, k))
    return out
