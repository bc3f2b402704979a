"""Initiatives on texts of ../shared/corpus-dev annotated by reading
(``tests/gold/entities/initiatives_corpus_dev.json``): exact spans, gazetteer on and off,
the texts used to tune the rules apart from the held-out ones. The figures are asserted
exactly, so any change shows; the texts are looked for in ``documents/`` and then in
``../shared/corpus-dev``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from aidecl_data.parse.entities.scoring import Score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from score_initiatives import score_gold, source_path  # noqa: E402

GOLD = json.loads(
    (ROOT / "tests/gold/entities/initiatives_corpus_dev.json").read_text(encoding="utf-8")
)
if any(source_path(p) is None for p in GOLD["sources"].values()):
    pytest.skip("corpus-dev texts not available", allow_module_level=True)


def _triple(s: Score) -> tuple[int, int, int]:
    return s.tp, s.fn, s.fp


def test_tuned_texts() -> None:
    on, off = score_gold(GOLD, GOLD["tuned"])
    assert _triple(on) == (28, 1, 6)
    assert _triple(off) == (18, 11, 5)


def test_held_out_texts() -> None:
    on, off = score_gold(GOLD, GOLD["held_out"])
    assert _triple(on) == (19, 6, 12)
    assert _triple(off) == (18, 7, 11)


def test_gold_spans_are_the_written_names() -> None:
    for did, mentions in GOLD["mentions"].items():
        source = source_path(GOLD["sources"][did]).read_bytes().decode("utf-8")
        for m in mentions:
            written = source[m["char_start"] : m["char_end"]]
            assert written.split() == m["text"].split(), (did, m)
