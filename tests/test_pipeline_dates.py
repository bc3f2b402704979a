"""Dates through the whole parser: the published rows equal the hand-written gold.

The gold (tests/gold/dates) was written by reading each text; here it is compared with what
``parse_document`` publishes, region by region (clauses, notes, headings, dateline), so
this also checks that structure hands every dated stretch of text to the grammar and
that boilerplate (phone numbers, contact lines) is never read for dates.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from aidecl_data.parse.dates.scoring import collapse_whitespace
from aidecl_data.parse.document import parse_document
from aidecl_data.parse.text import fold_apostrophes
from tests.conftest import ROOT

GOLD = sorted((ROOT / "tests" / "gold" / "dates").glob("*.json"))


def _key(text: str) -> str:
    return fold_apostrophes(collapse_whitespace(text)).strip()


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_published_dates_equal_gold(gold_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = ROOT / gold["source"]
    raw = source.read_bytes()
    parsed = parse_document(raw, gold["document_id"], source.name)
    decoded = raw.decode("utf-8")

    # Entries marked outside_body (a promotional flyer page) are not part of the document.
    body = [g for g in gold["dates"] if not g.get("outside_body")]
    want = Counter((_key(g["text"]), g["precision"]) for g in body)
    got = Counter((_key(d.text), d.precision) for d in parsed.dates)
    assert got == want

    resolved = {
        (_key(g["text"]), g["start_date"], g["end_date"]) for g in body if not g["is_relative"]
    }
    published = {(_key(d.text), d.start_date, d.end_date) for d in parsed.dates}
    assert resolved <= published
    for d in parsed.dates:
        # Provenance: the span holds the expression as written (modulo line wraps).
        assert _key(decoded[d.char_start : d.char_end]) == _key(d.text)
