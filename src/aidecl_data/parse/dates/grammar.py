"""The date grammar: compiled regular expressions over the lexicon, and their readers.

Each rule is one regex (compiled once) plus a reader that turns a match into ``Parts``
(what is written: days, months, years, a direction such as "dernier") or rejects it.
Nothing is resolved here; ``resolve.py`` turns ``Parts`` into calendar dates.

Span convention (documented in the README of the benchmark too): a match starts at the
first word that carries date information (weekday, day, month, year, or a relative word
such as "hier", "prochain", "cette"). Leading articles and prepositions are left out
("le 12 février 2025" -> "12 février 2025", "en 2026" -> "2026", "l'an dernier" -> "an
dernier"), except the opener of a range, which is part of the range ("du 6 au 7 mai
2024", "from 2023 to 2027", "entre 2023 et 2027").

No pattern nests quantifiers over overlapping classes: tokens are joined by ``\\s+`` (which
in Python also matches non-breaking and narrow no-break spaces, and line breaks, so hard
wraps are tolerated) and every repetition starts with a distinct literal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from aidecl_data.parse.dates import lexicon as lx
from aidecl_data.parse.dates.windows import (
    DIGIT,
    DIGIT2,
    EN_MONTH,
    MONTH,
    MONTH2,
    RELATIVE_DAY,
    UNIT,
    WEEKDAY,
    YEAR,
    YEAR2,
)

_F = re.IGNORECASE

S = r"\s+"
# Not glued to a word, a code ("Res.9", "UNEP/EA"), a sign ("+33") or a dash.
G = r"(?<![\w/+.\-–—])"
ORD = r"(?:er|re|ᵉʳ|<sup>er</sup>|st|nd|rd|th|<sup>(?:st|nd|rd|th)</sup>)"
NUM_END = r"(?!\d)(?![.,]\d)"

_MONTH_FORMS = [*lx.MONTH_NAMES]
_MONTH_ALT = "|".join(
    [re.escape(f) for f in _MONTH_FORMS] + [re.escape(a) + r"\.?" for a in lx.MONTH_ABBREVIATIONS]
)
# Longest first so that "septembre" is never read as "sept" + "embre".
_MONTH_ALT = "|".join(sorted(_MONTH_ALT.split("|"), key=lambda s: -len(s.replace("\\.?", ""))))
_EN_MONTH_ALT = "|".join(
    sorted(
        [re.escape(f) + (r"\.?" if len(f) <= 4 else "") for f in lx.ENGLISH_MONTHS],
        key=lambda s: -len(s.replace("\\.?", "")),
    )
)
_WD_ALT = lx.alternation(lx.WEEKDAYS)


# With the month, weekday, trigger and relative-day alternations, and the year triggers
# as a trie (``_YEAR_TRIG_TRIE``): the ``dates`` stage 0.68 -> 0.63 ms per document of the
# real corpus (``benchmarks/parse_stages.py --docs documents``).
def first_letters(alt: str) -> str:
    """``(?=[...])``: the first letters of the words of a flat alternation ``alt``, to put
    right before it. Why: under IGNORECASE the engine cannot skip an alternative on its
    first character (its literals are case-folding ops, not the plain ones it checks
    before entering a branch), so a flat alternation of ~40 words is entered word by word
    at every position it is tried at; one character-class test fails first at most
    positions. The class matches exactly the characters some word's first literal
    matches (same flags), so the patterns match what they matched before
    (tests/test_dates_fast_paths.py)."""
    firsts = {w[0] for w in alt.split("|")}
    if not all(c.isalpha() for c in firsts):
        raise ValueError(f"not a flat alternation of words: {alt[:60]}")
    return "(?=[" + "".join(sorted(firsts)) + "])"


_MONTH_LEAD = first_letters(_MONTH_ALT)
_LEADS = {_MONTH_ALT: _MONTH_LEAD, _EN_MONTH_ALT: first_letters(_EN_MONTH_ALT)}
_WD_LEAD = first_letters(_WD_ALT)


def day(n: int) -> str:
    return rf"(?P<d{n}>[0-3]?\d){ORD}?(?!\d)"


def month(n: int, alt: str = _MONTH_ALT) -> str:
    return rf"(?P<m{n}>{_LEADS[alt]}(?:{alt}))(?!\w)"


def year(n: int) -> str:
    return rf"(?P<y{n}>[12]\d{{3}}){NUM_END}"


def weekday(n: int) -> str:
    return rf"(?P<wd{n}>{_WD_LEAD}(?:{_WD_ALT}))(?!\w)"


def day_part(n: int) -> str:
    """Optional weekday, then a day number: "mardi 11", "Tuesday, the 11th", "1er"."""
    return rf"(?:{weekday(n)},?{S}(?:the{S})?)?{day(n)}"


def month_part(n: int) -> str:
    """A month after a day, with an optional year: " février 2025", " of November, 2018",
    " day of July, 2022" (a treaty's "this 14th day of July"; also "day of the July")."""
    return rf"{S}(?:(?:day{S})?of{S}(?:the{S})?)?{month(n)}(?:,?{S}{year(n)})?"


REL_AFTER = rf"(?:{S}(?P<rel>derni[eè]re?s?|prochaine?s?|pass[ée]e?s?)(?!\w))?"
OPEN_DAY = rf"(?:(?P<open>du|from|between|entre){S}(?:(?:le|the){S})?)?"
CONN = rf"(?P<conn>\s*[-–—]\s*|{S}(?:au|à|to|until|till|through|et|and|&){S}(?:(?:le|the){S})?)"
DAY_LIST = rf"(?P<list>(?:,{S}?[0-3]?\d{ORD}?(?!\d)){{1,10}})?"  # bounded: linear time


@dataclass
class Parts:
    """What a match says, before resolution. ``None`` means "not written"."""

    kind: str  # calendar | offset | unit | weekday
    precision: str  # day | month | year
    d1: int | None = None
    m1: int | None = None
    y1: int | None = None
    d2: int | None = None
    m2: int | None = None
    y2: int | None = None
    direction: int | None = None  # -1 past, 0 current, +1 future, None not said
    offset: int = 0  # days, for kind == "offset"
    unit: str = ""  # year | month, for kind == "unit"
    weekday: int = 0  # for kind == "weekday"
    start: int = 0  # span in the text (may be a group of the match, not the whole match)
    end: int = 0


# A reader returns the parts of a match, several for a list ("en 2023 et 2024"), or None.
Reader = Callable[[re.Match[str], str], "Parts | list[Parts] | None"]


# -- readers -----------------------------------------------------------------------------
def _month(m: re.Match[str], name: str) -> int | bool | None:
    """Month number of group ``name``; ``False`` when the word is not a month here."""
    word = m.group(name)
    if word is None:
        return None
    key = lx.fold(word)
    if key in lx.AMBIGUOUS_LOWERCASE_MONTHS and word.islower():
        return False
    if key == "sept" and word == "sept":  # French "sept" is seven; "sept." or "Sept" is September
        return False
    return lx.MONTH_LOOKUP[key]


def _int(m: re.Match[str], name: str) -> int | None:
    v = m.groupdict().get(name)
    return int(v) if v is not None else None


def _direction(word: str | None) -> int | None:
    return None if word is None else lx.DIRECTION_LOOKUP.get(lx.fold(word))


def _is_abbrev(m: re.Match[str], *names: str) -> bool:
    gd = m.groupdict()
    return any(gd.get(n) is not None and lx.fold(gd[n]) in lx.ABBREVIATION_KEYS for n in names)


def _conn_word(conn: str | None) -> str:
    """First word of a connector (" et le " -> "et"; "-" -> "-")."""
    parts = (conn or "").split()
    return parts[0].lower() if parts else (conn or "").strip()


def read_day(m: re.Match[str], text: str) -> Parts | None:
    """Single day or day range, day first ("12 février 2025", "du 30 avril au 2 mai")."""
    gd = m.groupdict()
    if gd.get("open"):
        gd["open"] = gd["open"].lower()
    m1 = _month(m, "m1") if "m1" in gd else None
    m2 = _month(m, "m2") if "m2" in gd else None
    if m1 is False or m2 is False:
        return None
    y1, y2 = _int(m, "y1"), _int(m, "y2")
    if "d2" not in gd or gd.get("d2") is None:  # single day
        if y1 is None and _is_abbrev(m, "m1"):
            return None
        rel = _direction(gd.get("rel"))
        end = m.end()
        if y1 is not None and rel is not None:  # the word belongs to what follows
            rel, end = None, m.end("y1")
        return Parts(
            "calendar", "day", _int(m, "d1"), m1, y1, _int(m, "d1"), m1, y1, rel,
            start=m.start(), end=end,
        )  # fmt: skip
    word_conn = _conn_word(gd.get("conn"))
    if word_conn in {"et", "and", "&"} and gd.get("open") in {"du", "from"}:
        return None
    if (
        word_conn in {"et", "and", "&"}
        and gd.get("open") not in {"entre", "between"}
        and gd.get("m1") is not None
    ):  # "le 30 avril et le 2 mai 2024": two dates, not a range
        return None
    if word_conn in {"au", "à", "to", "until", "till", "through"} and gd.get("open") in {
        "between",
        "entre",
    }:
        return None
    if gd.get("list") and word_conn not in {"et", "and", "&"}:
        return None
    if y1 is None and y2 is None and _is_abbrev(m, "m1", "m2"):
        return None
    rel = _direction(gd.get("rel"))
    end = m.end()
    if y2 is not None and rel is not None:  # the word belongs to what follows
        rel, end = None, m.end("y2")
    start = m.start("open") if gd.get("open") else m.start()
    return Parts(
        "calendar", "day", _int(m, "d1"), m1 or None, y1, _int(m, "d2"), m2, y2, rel,
        start=start, end=end,
    )  # fmt: skip


def read_month_first(m: re.Match[str], text: str) -> Parts | None:
    """English order: "November 12, 2018", "May 6-7, 2024", "April 30 - May 2, 2024"."""
    gd = m.groupdict()
    if gd.get("open"):
        gd["open"] = gd["open"].lower()
    m1 = _month(m, "m1")
    m2 = _month(m, "m2") if gd.get("m2") else None
    if m1 is False or m2 is False:
        return None
    y1, y2 = _int(m, "y1"), _int(m, "y2")
    if y1 is None and y2 is None and _is_abbrev(m, "m1", "m2"):
        return None
    if gd.get("d2") is None:
        return Parts("calendar", "day", _int(m, "d1"), m1, y1, _int(m, "d1"), m1, y1, None,
                     start=m.start(), end=m.end())  # fmt: skip
    word_conn = _conn_word(gd.get("conn"))
    if word_conn in {"and", "et", "&"} and gd.get("open") == "from":
        return None
    if word_conn in {"and", "et", "&"} and gd.get("open") != "between" and (m2 or y1):
        return None  # "Sept. 12, 2018 and Jan. 3, 2019": two dates, not a range
    start = m.start("open") if gd.get("open") else m.start()
    return Parts("calendar", "day", _int(m, "d1"), m1, y1, _int(m, "d2"), m2 or m1, y2, None,
                 start=start, end=m.end())  # fmt: skip


def read_month_year(m: re.Match[str], text: str) -> Parts | None:
    """A month of a year, or a range of months: "juin 2023", "de juin à septembre 2024"."""
    gd = m.groupdict()
    m1 = _month(m, "m1")
    m2 = _month(m, "m2") if gd.get("m2") else None
    if m1 is False or m2 is False:
        return None
    y1, y2 = _int(m, "y1"), _int(m, "y2")
    if gd.get("m2") is None:
        return Parts("calendar", "month", None, m1, y1, None, m1, y1, None,
                     start=m.start(), end=m.end())  # fmt: skip
    start = m.start("open") if gd.get("open") else m.start()
    return Parts("calendar", "month", None, m1, y1, None, m2, y2, None,
                 start=start, end=m.end())  # fmt: skip


def read_month_relative(m: re.Match[str], text: str) -> Parts | None:
    """A month without a year, placed by a word: "mars dernier", "this November", "en juin"."""
    m1 = _month(m, "m1")
    if m1 is False or _is_abbrev(m, "m1"):
        return None
    gd = m.groupdict()
    direction = _direction(gd.get("rel") or gd.get("dir"))
    start = m.start("dir") if gd.get("dir") else m.start("m1")
    return Parts("calendar", "month", None, m1, None, None, m1, None, direction,
                 start=start, end=m.end())  # fmt: skip


_QUANTITY_BEFORE = re.compile(
    r"(?:^|\W)(?:" + lx.alternation(lx.QUANTITY_BEFORE) + r")(?:\s+(?:de|d['’]|of|than))?\s+$",
    _F,
)
_NEXT_WORD = re.compile(r"\s*([%€$£]|[^\W\d_]+)")


def _looks_like_amount(text: str, start: int, end: int) -> bool:
    """ "plus de 2000", "de 2000 participants", "2025 %": the number counts something."""
    if _QUANTITY_BEFORE.search(text, max(0, start - 40), start):
        return True
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    word = nxt.group(1)
    return word in "%€$£" or word.lower() in lx.UNIT_AFTER


def read_bare_year(m: re.Match[str], text: str) -> Parts | None:
    """A year after a word that makes it one ("en 2026", "since 2019", "(2015)")."""
    trig = m.groupdict().get("trig")
    if trig is not None and "Horizon" in trig:  # "l'Horizon 2020": the EU programme
        return None
    s, e = m.start("y1"), m.end("y1")
    if _looks_like_amount(text, m.start(), e):
        return None
    y = int(m.group("y1"))
    return Parts("calendar", "year", None, None, y, None, None, y, None, start=s, end=e)


def read_year_list(m: re.Match[str], text: str) -> list[Parts] | None:
    """Years joined to a year in context: "en 2023 et 2024", "in 2019, 2020 and 2021"."""
    if _looks_like_amount(text, m.start(), m.end()):
        return None
    out = []
    for name in ("y1", "y2", "y3"):
        if m.group(name) is not None:
            y = int(m.group(name))
            out.append(Parts("calendar", "year", None, None, y, None, None, y, None,
                             start=m.start(name), end=m.end(name)))  # fmt: skip
    return out


_NUMBER_SIGN = re.compile(r"(?:n[°o]|no\.|num[ée]ro|article|art\.)\s*$", _F)


def read_year_range(m: re.Match[str], text: str) -> Parts | None:
    """ "2023-2027", "(2023-2027)", "de 2023 à 2027", "the 2022 to 2024 government",
    "between 2023 and 2027" -- but "2023 et 2027" (two years) is not a range."""
    gd = m.groupdict()
    conn = (gd.get("conn") or "").strip().lower()
    opener = (gd.get("open") or "").lower()
    pair = conn in {"et", "and"}
    if pair != (opener in {"entre", "between"}):
        return None
    if _NUMBER_SIGN.search(text, max(0, m.start() - 12), m.start()):
        return None
    y1 = int(m.group("y1"))
    raw2 = m.group("y2")
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    if not (y1 < y2 <= y1 + 100):
        return None
    start = m.start("open") if opener else m.start("y1")
    if not opener and _looks_like_amount(text, m.start(), m.end()):
        return None
    return Parts("calendar", "year", None, None, y1, None, None, y2, None,
                 start=start, end=m.end())  # fmt: skip


_FIGURATIVE_BEFORE = re.compile(r"(?:\bde|\bd['’]|\bof)\s*$", _F)


def read_relative_day(m: re.Match[str], text: str) -> Parts | None:
    """ "hier", "aujourd'hui", "tomorrow" -- but not "l'IA de demain" (figurative)."""
    if _FIGURATIVE_BEFORE.search(text, max(0, m.start() - 4), m.start()):
        return None
    off = lx.RELATIVE_DAY_LOOKUP[lx.fold(m.group(0))]
    return Parts("offset", "day", offset=off, start=m.start(), end=m.end())


def read_relative_unit(m: re.Match[str], text: str) -> Parts | None:
    """ "l'année prochaine", "an dernier", "cette année", "last year", "next month"."""
    unit_word = lx.fold(m.group("unit"))
    unit = "month" if unit_word in {"mois", "month"} else "year"
    direction = _direction(m.group("dir"))
    return Parts("unit", unit, direction=direction, unit=unit, start=m.start(), end=m.end())


def read_relative_weekday(m: re.Match[str], text: str) -> Parts | None:
    """ "mardi dernier", "next Tuesday", "ce mardi" (the one of the reference's week)."""
    wd = lx.WEEKDAY_LOOKUP[lx.fold(m.group("wd1"))]
    direction = _direction(m.group("dir"))
    if direction is None:
        return None
    return Parts("weekday", "day", direction=direction, weekday=wd, start=m.start(), end=m.end())


def read_period(m: re.Match[str], text: str) -> Parts | None:
    """A quarter or a half of a year: "premier trimestre 2025", "Q3 2024", "second half
    of 2025", "S1 2026" -- a range of whole months (precision ``month``)."""
    gd = m.groupdict()
    if gd.get("code"):
        letter, rank = gd["code"][0], int(gd["code"][1])
        size = 3 if letter in "QT" else 6
    else:
        rank = lx.PERIOD_ORDINAL_LOOKUP[lx.fold(gd["ord"])]
        size = lx.PERIOD_UNITS[lx.fold(gd["unit"])]
    if rank * size > 12:
        return None
    y = int(gd["y1"])
    m1, m2 = (rank - 1) * size + 1, rank * size
    return Parts("calendar", "month", None, m1, y, None, m2, y, None,
                 start=m.start(), end=m.end())  # fmt: skip


# -- rules -------------------------------------------------------------------------------
_YEAR_TRIG_ALT = lx.alternation([t for t in lx.YEAR_TRIGGERS if not t.endswith("-")])
# The same as a trie, for ``bare_year`` and ``year_list`` (white space and a year follow a
# trigger there: see ``trie_alternation``); nearly every letter starts a trigger, so
# ``first_letters`` spares little there.
_YEAR_TRIG_TRIE = lx.trie_alternation([t for t in lx.YEAR_TRIGGERS if not t.endswith("-")])
_MONTH_TRIG_ALT = lx.alternation([t for t in lx.MONTH_TRIGGERS if not t.endswith("-")])
_YEAR_TRIG_LEAD = first_letters(_YEAR_TRIG_ALT + "|l['’]horizon|mi-|mid-")
_MONTH_TRIG_LEAD = first_letters(_MONTH_TRIG_ALT + "|mi-|mid-|mois")
_RELATIVE_DAY_ALT = lx.alternation(lx.RELATIVE_DAYS)

# (name, anchor kinds a window must hold, pattern, reader); see ``windows.py``. A rule
# that reads two numbers (or two months) needs the window to hold two such anchors.
# fmt: off
RULES: list[tuple[str, int, re.Pattern[str], Reader]] = [
    (
        "day_range",
        MONTH | DIGIT | DIGIT2,  # two day numbers
        re.compile(
            G
            + OPEN_DAY
            + day_part(1)
            + DAY_LIST
            + rf"(?:{month_part(1)})?"
            + CONN
            + day_part(2)
            + month_part(2)
            + REL_AFTER,
            _F,
        ),
        read_day,
    ),
    ("day", MONTH | DIGIT, re.compile(G + day_part(1) + month_part(1) + REL_AFTER, _F), read_day),
    (
        "month_first_range",
        MONTH | EN_MONTH | DIGIT | DIGIT2,
        re.compile(
            G
            + rf"(?:(?P<open>from|between){S})?(?:{weekday(1)},?{S})?"
            + month(1, _EN_MONTH_ALT)
            + S
            + rf"(?:the{S})?"
            + day(1)
            + rf"(?:,?{S}{year(1)})?"
            + rf"(?P<conn>\s*[-–—]\s*|{S}(?:to|until|through|and|&){S})"
            + rf"(?:{month(2, _EN_MONTH_ALT)}{S})?{day(2)}"
            + rf"(?:,?{S}{year(2)})?",
            _F,
        ),
        read_month_first,
    ),
    (
        "month_first",
        MONTH | EN_MONTH | DIGIT,
        re.compile(
            G
            + rf"(?:{weekday(1)},?{S})?"
            + month(1, _EN_MONTH_ALT)
            + S
            + rf"(?:the{S})?"
            + day(1)
            + rf"(?:,?{S}{year(1)})?",
            _F,
        ),
        read_month_first,
    ),
    (
        "month_range",
        MONTH | MONTH2 | YEAR,  # two months
        re.compile(
            r"(?<!\w)(?:(?P<open>du\s+mois\s+de|de|from|between|entre)\s+|(?P<open2>d['’]))?"
            + month(1)
            + rf"(?:,?{S}{year(1)})?"
            + rf"(?:\s*[-–—]\s*|{S}(?:à|au\s+mois\s+de|au|to|until|through|et|and){S}"
            + r"(?:d['’])?)"
            + month(2)
            + rf",?{S}{year(2)}",
            _F,
        ),
        read_month_year,
    ),
    (
        "month_year",
        MONTH | YEAR,
        re.compile(r"(?<!\w)" + month(1) + rf",?{S}{year(1)}", _F),
        read_month_year,
    ),
    (
        "month_relative",
        MONTH,
        re.compile(
            r"(?<!\w)(?:"
            + month(1)
            + rf"{S}(?P<rel>derni[eè]r|prochain|pass[ée])(?!\w)"
            + rf"|(?P<dir>this|last|next){S}"
            + month(1).replace("m1", "m1b")
            + ")",
            _F,
        ),
        lambda m, t: read_month_relative(_Unify(m), t),
    ),
    (
        "month_trigger",
        MONTH,
        re.compile(
            rf"(?<!\w){_MONTH_TRIG_LEAD}(?:(?:{_MONTH_TRIG_ALT}){S}|mi-|mid-|mois{S}d['’])"
            + month(1),
            _F,
        ),
        lambda m, t: read_month_relative(_Unify(m), t),
    ),
    (
        "period",
        YEAR,
        re.compile(
            r"(?<![\w-])(?:(?P<ord>" + lx.alternation(lx.PERIOD_ORDINALS) + r")\s+"
            r"(?P<unit>trimestre|semestre|quarter|half)\s+"
            r"(?:(?:de|of)\s+(?:(?:l['’]ann[ée]e|the\s+year)\s+)?|d['’]\s*)?"
            r"|(?-i:(?P<code>[QT][1-4]|[SH][12]))\s+)"
            + year(1),
            _F,
        ),
        read_period,
    ),
    (
        "year_range",
        YEAR | DIGIT2,  # a year and a second number
        re.compile(
            G
            + rf"(?:(?P<open>de|from|between|entre){S})?"
            + year(1).replace(r"[12]\d{3}", r"(?:19|20)\d{2}")
            + rf"(?P<conn>\s*[-–—/]\s*|{S}(?:à|au|to|until|through|et|and){S})"
            + rf"(?P<y2>(?:19|20)\d{{2}}|\d{{2}}){NUM_END}(?![-–/]\d)",
            _F,
        ),
        read_year_range,
    ),
    (
        "bare_year",
        YEAR,
        re.compile(
            rf"(?<!\w){_YEAR_TRIG_LEAD}(?:(?P<trig>{_YEAR_TRIG_TRIE}|l['’]horizon){S}|mi-|mid-)"
            + rf"(?P<y1>(?:19|20)\d{{2}}){NUM_END}(?!\s*[-–/]\s*\d)"
            # "de 2000 à 3000", "2023 et 2024": a range or a list (own rules) or amounts
            + rf"(?!,?{S}(?:à|au|to|et|and|ou|or){S}\d)",
            _F,
        ),
        read_bare_year,
    ),
    (
        "year_list",
        YEAR | YEAR2,  # two years or more
        re.compile(
            rf"(?<!\w){_YEAR_TRIG_LEAD}(?:(?P<trig>{_YEAR_TRIG_TRIE}){S}|mi-|mid-)"
            + rf"(?P<y1>(?:19|20)\d{{2}}){NUM_END}"
            + rf"(?:,{S}?(?P<y2>(?:19|20)\d{{2}}){NUM_END})?"
            + rf",?{S}(?:et|and|ou|or){S}(?P<y3>(?:19|20)\d{{2}}){NUM_END}(?!\s*[-–/]\s*\d)",
            _F,
        ),
        read_year_list,
    ),
    (
        "paren_year",
        YEAR,
        re.compile(r"\((?P<y1>(?:19|20)\d{2})\)"),
        read_bare_year,
    ),
    (
        "relative_day",
        RELATIVE_DAY,
        re.compile(
            r"(?<![\w'’-])"
            + first_letters(_RELATIVE_DAY_ALT)
            + "(?:" + _RELATIVE_DAY_ALT + r")(?![\w-])",
            _F,
        ),
        read_relative_day,
    ),
    (
        "relative_unit",
        UNIT,
        re.compile(
            r"(?<!\w)(?:(?P<unit>ann[ée]e|an|mois)\s+(?P<dir>prochaine?|derni[eè]re?|pass[ée]e?)"
            + rf"|(?P<dir2>cette){S}(?P<unit2>ann[ée]e)|(?P<dir3>ce){S}(?P<unit3>mois)(?:-ci)?"
            + rf"|(?P<dir4>this|last|next){S}(?P<unit4>year|month))(?!\w)",
            _F,
        ),
        lambda m, t: read_relative_unit(_Unify(m), t),
    ),
    (
        "relative_weekday",
        WEEKDAY,
        re.compile(
            r"(?<!\w)(?:"
            + weekday(1)
            + rf"{S}(?P<dir>derni[eè]r|prochain)"
            + rf"|(?P<dir2>last|next|this|ce){S}"
            + weekday(1).replace("wd1", "wd2")
            + r")(?!\w)",
            _F,
        ),
        lambda m, t: read_relative_weekday(_Unify(m), t),
    ),
]
# fmt: on


# Rule -> lower-case pieces one of which each of its matches holds, as words a window has
# to hold before the rule is tried there (see ``_candidates``): "le premier trimestre
# 2025" and "en mars dernier" are rare, the years and months their windows are built
# around are not.
RULE_PIECES: dict[str, tuple[str, ...]] = {
    "month_relative": ("derni", "prochain", "pass", "this", "last", "next"),
    "period": (
        "trimestre", "semestre", "quarter", "half",
        "q1", "q2", "q3", "q4", "t1", "t2", "t3", "t4", "s1", "s2", "h1", "h2",
    ),
}  # fmt: skip


class _Unify:
    """View of a match where alternative groups ("dir2", "unit3", "m1b") answer to the
    name of their first spelling ("dir", "unit", "m1"), so one reader serves a rule whose
    alternatives cannot reuse a group name."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    @staticmethod
    def _base(name: str) -> str:
        return name.rstrip("0123456789b")

    def _key(self, name: str) -> str | None:
        gd = self._m.groupdict()
        if gd.get(name) is not None:
            return name
        base = self._base(name)
        for k, v in gd.items():
            if v is not None and self._base(k) == base:
                return k
        return None

    def group(self, name: str) -> str | None:
        key = self._key(name)
        return None if key is None else self._m.group(key)

    def start(self, name: str | int = 0) -> int:
        key = self._key(name) if isinstance(name, str) else None
        return self._m.start(key) if key else self._m.start()

    def end(self, name: str | int = 0) -> int:
        key = self._key(name) if isinstance(name, str) else None
        return self._m.end(key) if key else self._m.end()

    def groupdict(self) -> dict[str, str | None]:
        return {k: self.group(k) for k in self._m.groupdict()}


NUMERIC = re.compile(
    G + r"(?:(?P<iso_y>[12]\d{3})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)"
    r"|(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[01]?\d)(?P=sep)(?P<y>[12]\d{3}))"
    r"(?![\w/]|[.\-]\d)"
)


def read_numeric(m: re.Match[str], text: str, language: str) -> Parts | None:
    """ISO "2025-02-11", and "11/02/2025": day first, unless that reading is impossible
    ("12/25/2025"), or the text is English and both readings are possible."""
    gd = m.groupdict()
    if gd["iso_y"] is not None:
        y, mo, d = int(gd["iso_y"]), int(gd["iso_m"]), int(gd["iso_d"])
    else:
        y, a, b = int(gd["y"]), int(gd["a"]), int(gd["b"])
        month_first = b > 12 or (a <= 12 and language == "en")
        mo, d = (a, b) if month_first else (b, a)
    return Parts("calendar", "day", d, mo, y, d, mo, y, None, start=m.start(), end=m.end())
