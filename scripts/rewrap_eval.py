"""Re-wrap the hard-wrapped seeds at 50-130 columns (no blank lines) and score the parse.

Why: a text's line width is an accident of the tool that produced it; the clauses and
headings read from it must not depend on it. Each seed is cut into the blocks the parser
reads in the original (gold-exact), every block re-wrapped with ``textwrap`` at width W,
blocks one after the other with no blank line. Printed per width: clause F1 against the
gold, ``H`` when the headings differ, and how many block boundaries the layout cannot
decide (a full line ending a sentence before a capital: a paragraph end and a wrap inside
a paragraph look the same) against how many sentence ends fall at a full line inside a
paragraph.

    uv run python scripts/rewrap_eval.py
"""

from __future__ import annotations

import importlib.util
import itertools
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("eval_clauses", ROOT / "scripts" / "eval_clauses.py")
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)

SENTENCE_END = (".", "!", "?", "…")
CLOSERS = '’"»)]'


def seed_source(doc_id: str) -> str:
    gold = ev.load_gold()[doc_id]
    return ev.source_path(doc_id, gold).read_text(encoding="utf-8")


def blocks(source: str, st) -> list[str]:
    """The text of every region of a parse, in source order, white space collapsed, with
    the list marker printed before it on its line ("7. ", "- ")."""
    spans = sorted(r.text.source_span(0, len(r.text.text)) for r in st.regions)
    out: list[str] = []
    last = -1
    for s, e in spans:
        if s < last:
            continue
        line_start = source.rfind("\n", 0, s) + 1
        if source[line_start:s].strip() and line_start >= last:
            s = line_start
        out.append(" ".join(source[s:e].split()))
        last = e
    return out


def rewrap(blocks_: list[str], width: int) -> tuple[str, set[int], set[int]]:
    """(text, offsets where a block starts, offsets of line starts the layout cannot
    decide: the previous line is full and ends a sentence, this one starts upper-case)."""
    lines: list[str] = []
    starts: set[int] = set()
    pos = 0
    for b in blocks_:
        starts.add(pos)
        for ln in textwrap.wrap(b, width, break_long_words=False, break_on_hyphens=False):
            lines.append(ln)
            pos += len(ln) + 1
    ambiguous: set[int] = set()
    pos = 0
    for prev, nxt in itertools.pairwise(lines):
        pos += len(prev) + 1
        full = len(prev) + 1 + len(nxt.split()[0]) > width
        if full and prev.rstrip(CLOSERS).endswith(SENTENCE_END) and nxt[:1].isupper():
            ambiguous.add(pos)
    return "\n".join(lines) + "\n", starts, ambiguous


def unit_starts(text: str, st) -> set[int]:
    """Where each region of a parse starts (at its list marker when it has one)."""
    out = set()
    for r in st.regions:
        s, _e = r.text.source_span(0, len(r.text.text))
        line_start = text.rfind("\n", 0, s) + 1
        out.add(line_start if text[line_start:s].strip() else s)
    return out


def main() -> None:
    from aidecl_data.parse.structure import parse_structure

    gold_all = ev.load_gold()
    for doc_id in ("002_005aedb553b34193", "003_d31d5ff027f99deb", "004_93c8d6fe22a95fba"):
        gold = gold_all[doc_id]
        source = seed_source(doc_id)
        original = parse_structure(source, doc_id)
        bl = blocks(source, original)
        cells, n_amb, n_bad = [], 0, 0
        for width in range(50, 131, 5):
            text, starts, amb = rewrap(bl, width)
            st = parse_structure(text, doc_id)
            m = ev.match([c.text for c in st.clauses], gold["clauses"])
            tp = sum(x is not None for x in m)
            f1 = ev.prf(tp, len(st.clauses), len(gold["clauses"]))[2]
            same = [(s.label, s.heading) for s in st.sections] == [
                (s.label, s.heading) for s in original.sections
            ]
            cells.append(f"{width}:{f1:.2f}{'' if same else 'H'}")
            n_amb += len(amb)
            n_bad += len((unit_starts(text, st) ^ starts) - amb)
        print(doc_id, " ".join(cells))
        print(f"  undecidable line starts over all widths: {n_amb}; wrong elsewhere: {n_bad}")


if __name__ == "__main__":
    main()
