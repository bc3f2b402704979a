"""Where in a text a date can be: small windows around its anchors, found fast.

Running a dozen regexes with optional prefixes at every position of a text is slow. Every
rule needs *anchors* -- a digit, a four-digit year, a month or
weekday name, a relative word -- so each rule runs only in the windows that hold the
anchors it needs. Word anchors are found by one trie regex over the lower-cased text,
tried only at word starts, and kept at word boundaries; digits with one tiny regex.

A window reaches ``BEFORE`` characters before its anchor (room for an opener or trigger:
"entre le", "jusqu'en", "du mois de") and ``AFTER`` after its start (room for the anchor
word and what may follow it: "prochaines"). Every token of a long expression is itself an
anchor ("du 30 avril au 2 mai 2024": 30, avril, 2, mai, 2024), so windows chain over it;
overlapping windows merge (with the union of their anchor kinds), so a match never
straddles two windows.
"""

from __future__ import annotations

import re

from aidecl_data.parse.dates import lexicon as lx
from aidecl_data.parse.text import trie_pattern

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
EN_MONTH = 128  # a month word the English rules read ("May", "Sept", "oct")
# A second anchor of a kind in the same window: a rule that reads two days, two years or
# two months (ranges, lists, numeric dates) needs two such anchors, so it is not even
# tried in the many windows around one lone number or year (most of them): measured
# 0.50 -> 0.30 ms per document for the rules' regexes.
DIGIT2 = DIGIT << 8
YEAR2 = YEAR << 8
MONTH2 = MONTH << 8
_COUNTED = DIGIT | YEAR | MONTH
ALL_KINDS = (1 << 11) - 1
# Characters IGNORECASE matches with an ASCII letter although ``str.lower`` does not give
# that letter ("İ" and "ı" are an "i", "ſ" an "s"; the only ones in Unicode): a rule may
# then read a word a lower-cased search does not see, so word counts, EN_MONTH and the
# rules' word pieces are not trusted.
_CASE_EXOTIC = "\u0130\u0131\u017f"


def case_exotic(text: str) -> bool:
    """Whether ``text`` holds one of those (``in`` is much cheaper than a regex here;
    unrolled, with no generator)."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text


def _kinds() -> dict[str, int]:
    kinds: dict[str, int] = {}
    for w in [*lx.MONTH_NAMES, *lx.MONTH_ABBREVIATIONS]:
        kinds[w.lower()] = MONTH
    for w in lx.ENGLISH_MONTHS:
        kinds[w.lower()] = MONTH | EN_MONTH
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
# The same, tried only after a character that is not an ASCII lower-case letter (the
# character is part of the match): an anchor starts a word, and the leading class lets
# the engine skip in C over the letters inside words, which are most of a text (measured
# 230 -> 100 us per 9.6 kB text). Anchor words are letters and hyphens ending on a letter,
# so a word start is never inside or right after another anchor's match, except a word
# after a hyphen of a hyphenated anchor, which ``_HIDDEN`` gives (see the tests).
# The same scan also gives the runs of digits (``\d``, any decimal digit), which spares
# a second pass over the text (a ``\d`` scan costs ~7 ns a character): a digit is a
# non-letter too, so the scan stops at every digit; there it reads an anchor word right
# after the digit (group 1), else the digits that follow it (group 2, a look-ahead:
# nothing more is consumed, so an anchor glued after the run, "12mai", is still found
# from its last digit). A digit inside a run already read is skipped by
# ``anchor_windows``.
_ANCHOR_OR_DIGIT_RX = re.compile(rf"[^a-z](?:({trie_pattern(ANCHOR_WORDS)})|(?<=\d)(?=(\d*)))")
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
        return [(0, n, ALL_KINDS)]
    points: list[tuple[int, int]] = []
    # An anchor word stands between non-letters. A match cannot hide another anchor that
    # starts inside it except after a hyphen (which _HIDDEN lists): any other anchor
    # would start right after a letter. Digit runs (lower-casing keeps digits where
    # they are) come from the same scan; none is inside ``first``.
    first = _ANCHOR_RX.match(low)
    matches = [(0, first.end(), first.group())] if first else []
    run_end = 0  # end of the last digit run read
    for m in _ANCHOR_OR_DIGIT_RX.finditer(low, first.end() if first else 0):
        s = m.start()
        word = m.group(1)
        if s >= run_end and (word is None or low[s].isdecimal()):
            # the first digit of a run: to the end of the digits after it, or alone
            # when an anchor word follows it
            e = m.end(2) if word is None else s + 1
            run_end = e
            points.append((s, YEAR | DIGIT if e - s == 4 and low[s] in "12" else DIGIT))
        if word is not None:
            matches.append((m.start(1), m.end(), word))
    for i, j, w in matches:
        if j != n and low[j].isalpha():
            continue
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
            k |= kind | ((kind & k & _COUNTED) << 8)
        else:
            out.append((s, e, k))
            s, e, k = ps, min(n, p + AFTER), kind
    out.append((s, e, k))
    if case_exotic(text):
        out = [(s, e, k | EN_MONTH | MONTH2) for s, e, k in out]
    return out
