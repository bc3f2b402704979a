"""The corpus (and the extra English PDF text) against gold read by hand.

Gold files in ``tests/gold/structure/`` were written by reading each source: every clause
(first and last words, kind, label, eId, parent), every heading, the title, the date, the
notes and the signatory lists. Scoring is shared with ``scripts/eval_clauses.py``.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pytest
from test_structure_props import check_document

from aidecl_data.parse.structure import parse_structure

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("eval_clauses", ROOT / "scripts" / "eval_clauses.py")
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)

GOLD = ev.load_gold()
BOILERPLATE_BITS = [
    "Voir tous les articles",
    "À consulter",
    "SERVICE DE PRESSE",
    "Traduit de",
    "@",
    "www.",
    "#pariscall",
    "./.",
    "---",
]


def parsed(doc_id: str):
    gold = GOLD[doc_id]
    src = ev.source_path(doc_id, gold).read_text(encoding="utf-8")
    return src, gold, parse_structure(src, doc_id)


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_clause_boundaries_and_ids(doc_id: str) -> None:
    _src, gold, st = parsed(doc_id)
    m = ev.match([c.text for c in st.clauses], gold["clauses"])
    tp = sum(x is not None for x in m)
    _p, _r, f1 = ev.prf(tp, len(st.clauses), len(gold["clauses"]))
    assert f1 == 1.0, [g["first"] for g, x in zip(gold["clauses"], m, strict=True) if x is None]
    pre = len(doc_id) + 1
    for g, k in zip(gold["clauses"], m, strict=True):
        if k is None:
            continue
        c = st.clauses[k]
        assert (c.clause_id[pre:], c.kind, c.label, c.parent_clause_id[pre:]) == (
            g["eid"],
            g["kind"],
            g["label"],
            g["parent"],
        )


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_headings_title_metadata(doc_id: str) -> None:
    _src, gold, st = parsed(doc_id)
    assert [(s.label, s.heading, s.level) for s in st.sections] == [
        (h["label"], h["heading"], h["level"]) for h in gold["headings"]
    ]
    if gold["title"] is not None:
        assert st.title == gold["title"]
    assert st.title and st.title_source == gold["title_source"]
    assert st.source_format == gold["source_format"]
    assert st.document_type == gold["document_type"]
    assert st.language == gold["language"]
    assert st.place == gold["place"]
    assert st.publisher == gold["publisher"]
    if not gold.get("date_needs_grammar"):
        assert (st.date, st.date_source) == (gold["date"], gold["date_source"])


@pytest.mark.parametrize("doc_id", [d for d in sorted(GOLD) if GOLD[d].get("date_needs_grammar")])
def test_dates_that_need_the_full_grammar(doc_id: str) -> None:
    _src, gold, st = parsed(doc_id)
    assert (st.date, st.date_source) == (gold["date"], gold["date_source"])


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_notes_name_lists_and_no_boilerplate(doc_id: str) -> None:
    _src, gold, st = parsed(doc_id)
    pre = len(doc_id) + 1
    assert [(n.label, n.clause_id[pre:]) for n in st.notes] == [
        (n["label"], n["clause"]) for n in gold["notes"]
    ]
    lists = [r for r in st.regions if r.kind == "name_list"]
    assert len(lists) == len(gold["name_lists"])
    for r, g in zip(lists, gold["name_lists"], strict=True):
        lines = r.text.text.split("\n")
        assert (r.label, len(lines), lines[0], lines[-1]) == (
            g["label"],
            g["count"],
            g["first"],
            g["last"],
        )
    for r in st.regions:
        for bit in BOILERPLATE_BITS:
            assert bit not in r.text.text, (r.kind, r.text.text[:80])
    kinds = {r.kind for r in st.regions}
    assert ("title" in kinds) == (gold["title_source"] == "text")
    assert sum(r.kind == "clause" for r in st.regions) == len(st.clauses)
    assert sum(r.kind == "heading" for r in st.regions) == len(st.sections)


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_spans_round_trip_and_keys_resolve(doc_id: str) -> None:
    src, _gold, _st = parsed(doc_id)
    check_document(src)


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_same_clauses_when_decomposed_with_crlf(doc_id: str) -> None:
    src, _gold, st = parsed(doc_id)
    variant = unicodedata.normalize("NFD", src).replace("\n", "\r\n")
    st2 = parse_structure(variant, doc_id)
    assert [(c.clause_id, c.text) for c in st2.clauses] == [
        (c.clause_id, c.text) for c in st.clauses
    ]
    assert [s.heading for s in st2.sections] == [s.heading for s in st.sections]
    assert (st2.title, st2.date) == (st.title, st.date)
    check_document(variant)
