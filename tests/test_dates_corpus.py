"""The date grammar on the corpus, against gold written by reading each text.

Gold: ``tests/gold/dates/<document_id>.json`` (format and matching rules in
``aidecl_data.parse.dates.scoring``). The English Paris Call (``../shared/extra``) is not part of
the corpus; its test is skipped where that folder is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aidecl_data.parse.dates import find_dates
from aidecl_data.parse.dates.scoring import Span, load_gold, score

ROOT = Path(__file__).resolve().parents[1]
GOLD = sorted((ROOT / "tests" / "gold" / "dates").glob("*.json"))
CORPUS_IDS = sorted(p.stem.lower() for p in (ROOT / "documents").glob("*.txt"))


def _gold(path: Path):
    return load_gold(path, ROOT)


def test_every_corpus_document_has_gold():
    assert CORPUS_IDS
    assert set(CORPUS_IDS) <= {p.stem for p in GOLD}


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_quotes_are_in_the_text(path):
    doc = _gold(path)
    assert doc.dates, "every gold document lists its dates"
    for g in doc.dates:
        assert doc.text[g.start : g.end] == g.text
        assert g.precision in {"day", "month", "year"}
        assert (g.start_date is None) == (g.end_date is None)
        assert g.start_date is not None or g.is_relative


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_grammar_against_gold(path):
    doc = _gold(path)
    found = find_dates(doc.text, doc.language, doc.reference)
    for m in found:
        assert doc.text[m.start : m.end] == m.text
    pred = [
        Span(m.start, m.end, m.text, m.start_date, m.end_date, m.precision, m.is_relative)
        for m in found
    ]
    sc = score(doc.dates, pred)
    missed = [g.text for g in sc.missed or []]
    spurious = [p.text for p in sc.spurious or []]
    assert sc.f1 >= 0.95, (missed, spurious)
    assert sc.invented == 0  # never a day or a month that is not written
    assert sc.wrong_dates == 0


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_hard_wraps_do_not_change_the_result(path):
    """On the raw file (line breaks, blank lines, trailing spaces) the grammar finds the
    same expressions as on the collapsed text."""
    doc = _gold(path)
    raw = doc.source.read_text(encoding="utf-8")
    flat = [(m.text, m.start_date) for m in find_dates(doc.text, doc.language, doc.reference)]
    wrapped = [
        (re.sub(r"\s+", " ", m.text), m.start_date)
        for m in find_dates(raw, doc.language, doc.reference)
    ]
    assert wrapped == flat


def test_undated_relative_date_stays_unresolved():
    doc = _gold(ROOT / "tests" / "gold" / "dates" / "004_93c8d6fe22a95fba.json")
    rel = [m for m in find_dates(doc.text, "fr", None) if m.is_relative]
    assert [(m.text, m.start_date, m.end_date, m.precision) for m in rel] == [
        ("31 mars dernier", None, None, "day")
    ]
