"""Property: a hard-wrapped text re-wrapped at another width reads the same.

Each seed in plain or PDF-text layout is cut into its blocks (title, headings, paragraphs,
items, as the parser reads the original, which the gold tests hold exact), and every
block is re-wrapped at a width from 50 to 130 columns with no blank line between blocks.
The parse of the re-wrapped text must give the same headings, and clause boundaries at
the same places, except where the layout alone cannot tell: a line filled to the width
that ends a sentence, followed by a line starting with a capital. There, a paragraph that
ends on a full line and a sentence that ends at a wrap inside a paragraph look the same
(both occur in these seeds at most widths: ``scripts/rewrap_eval.py`` counts them), so a
boundary found or missed there is not held against the parser.
"""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

import pytest

from aidecl_data.parse.structure import parse_structure

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("rewrap_eval", ROOT / "scripts" / "rewrap_eval.py")
rw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rw)

SEEDS = ["002_005aedb553b34193", "003_d31d5ff027f99deb", "004_93c8d6fe22a95fba"]
WIDTHS = range(50, 131, 5)
# Two headings in a row, both filled to the width (50 columns): nothing on the page tells
# them from one heading that wraps; see the report of issue 12.
KNOWN: set[tuple[str, int]] = set()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("doc_id", SEEDS)
def test_rewrapped_reads_the_same(doc_id: str, width: int) -> None:
    if (doc_id, width) in KNOWN:
        pytest.xfail("two full-width headings in a row")
    source = rw.seed_source(doc_id)
    original = parse_structure(source, doc_id)
    text, starts, ambiguous = rw.rewrap(rw.blocks(source, original), width)
    st = parse_structure(text, doc_id)
    assert [(s.label, s.heading) for s in st.sections] == [
        (s.label, s.heading) for s in original.sections
    ]
    found = rw.unit_starts(text, st)
    assert (found ^ starts) - ambiguous == set(), [
        text[max(0, p - 40) : p + 40] for p in sorted((found ^ starts) - ambiguous)
    ]


def test_blocks_cover_the_original_clauses() -> None:
    """The generator keeps every clause of the original (so the property is not vacuous)."""
    source = rw.seed_source("004_93c8d6fe22a95fba")
    st = parse_structure(source, "d")
    joined = "\n".join(rw.blocks(source, st))
    for c in st.clauses:
        assert " ".join(c.text.split())[:60] in joined


def test_rewrap_fills_lines() -> None:
    text, starts, _amb = rw.rewrap(["word " * 30, "Next block."], 40)
    lines = text.splitlines()
    assert all(len(x) <= 40 for x in lines) and len(lines) == 5
    assert starts == {0, text.index("Next")}
    assert textwrap.dedent(text) == text
