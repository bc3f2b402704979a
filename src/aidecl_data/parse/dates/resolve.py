"""From what is written (``Parts``) to calendar dates.

Rules, so that nothing is invented:
- a day spans itself, a month its first to last day, a year 1 January to 31 December;
  precision is what is written (a month and a year give ``month``, never a day);
- a range borrows what its start leaves out from its end ("du 6 au 7 mai 2024": 6 May
  2024; "du 30 décembre au 2 janvier 2025": 30 December 2024);
- an expression without a year ("le 31 mars dernier", "en juin", "hier", "l'an
  prochain") depends on the reference date: with one it is resolved (``dernier`` = the
  latest such date before the reference, ``prochain`` = the earliest after it, no word =
  the reference's year); without one, start and end stay ``None``. Either way it is
  flagged ``is_relative``;
- a date that does not exist (31 February) is not a date: ``resolve`` returns ``None``.
"""

from __future__ import annotations

import calendar
import datetime as dt

from aidecl_data.parse.dates.grammar import Parts

Resolved = tuple[dt.date | None, dt.date | None, str, bool]

_LEAP = 2024  # checks a year-less day exists in some year (29 February does)


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _valid_md(m: int | None, d: int | None) -> bool:
    if m is None or not 1 <= m <= 12:
        return False
    return d is None or 1 <= d <= _last_day(_LEAP, m)


def _add_months(ref: dt.date, n: int) -> tuple[int, int]:
    k = ref.year * 12 + (ref.month - 1) + n
    return k // 12, k % 12 + 1


def _calendar(p: Parts, ref: dt.date | None) -> Resolved | None:
    y1, y2, m1, m2, d1, d2 = p.y1, p.y2, p.m1, p.m2, p.d1, p.d2
    if p.precision == "year":
        if y1 is None or y2 is None:
            return None
        return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year", False
    m1 = m1 if m1 is not None else m2
    if not (_valid_md(m1, d1) and _valid_md(m2, d2)):
        return None
    key1, key2 = (m1, d1 or 1), (m2, d2 or 1)
    if y1 is None and y2 is not None:
        y1 = y2 - 1 if key1 > key2 else y2
    elif y2 is None and y1 is not None:
        y2 = y1 + 1 if key1 > key2 else y1
    relative = y1 is None
    if relative:
        if ref is None:
            return None, None, p.precision, True
        ref_key = (ref.month, 1) if p.precision == "month" else (ref.month, ref.day)
        if p.direction == -1:
            y1 = ref.year if key1 < ref_key else ref.year - 1
        elif p.direction == 1:
            y1 = ref.year if key1 > ref_key else ref.year + 1
        else:
            y1 = ref.year
        y2 = y1 + 1 if key1 > key2 else y1
    assert y1 is not None and y2 is not None
    try:
        if p.precision == "day":
            start, end = dt.date(y1, m1, d1 or 1), dt.date(y2, m2, d2 or 1)
        else:
            start, end = dt.date(y1, m1, 1), dt.date(y2, m2, _last_day(y2, m2))
    except ValueError:
        return None
    if end < start:
        return None
    return start, end, p.precision, relative


def resolve(p: Parts, ref: dt.date | None) -> Resolved | None:
    """Dates for ``p`` as ``(start, end, precision, is_relative)``, or ``None`` if invalid."""
    if p.kind == "calendar":
        return _calendar(p, ref)
    if ref is None:
        return None, None, p.precision, True
    if p.kind == "offset":
        d = ref + dt.timedelta(days=p.offset)
        return d, d, "day", True
    if p.kind == "unit":
        step = p.direction or 0
        if p.unit == "year":
            y = ref.year + step
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", True
        y, m = _add_months(ref, step)
        return dt.date(y, m, 1), dt.date(y, m, _last_day(y, m)), "month", True
    if p.kind == "weekday":
        delta = (p.weekday - ref.weekday()) % 7
        if p.direction == 0:  # "ce mardi": the Tuesday of the reference's week
            d = ref + dt.timedelta(days=p.weekday - ref.weekday())
        elif p.direction == 1:
            d = ref + dt.timedelta(days=delta or 7)
        else:
            d = ref - dt.timedelta(days=((ref.weekday() - p.weekday) % 7) or 7)
        return d, d, "day", True
    return None
