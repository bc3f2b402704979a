"""PLACEHOLDER date grammar (owned by the dates work; to be replaced).

API contract used by the rest of the library:

    find_dates(text, language="fr", reference=None) -> list[DateMatch]

offsets are positions in ``text``; ``reference`` resolves relative dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS_FR = {
    m: i + 1
    for i, m in enumerate(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    )
}


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    start_date: dt.date | None
    end_date: dt.date | None
    precision: str  # day | month | year
    is_relative: bool = False


_DAY = re.compile(r"\b(\d{1,2})(?:er)? (" + "|".join(MONTHS_FR) + r") (\d{4})\b", re.IGNORECASE)


def find_dates(
    text: str, language: str = "fr", reference: dt.date | None = None
) -> list[DateMatch]:
    out = []
    for m in _DAY.finditer(text):
        d = dt.date(int(m.group(3)), MONTHS_FR[m.group(2).lower()], int(m.group(1)))
        out.append(DateMatch(m.start(), m.end(), m.group(0), d, d, "day"))
    return out
