"""The parser scored on the gold sample of the real corpus (``tests/gold/corpus-dev/``).

The gold was written by reading 45 texts of ``../shared/corpus-dev/`` (rules in its
README). The issue's targets on this sample (issue 12) are: clause F1 >= 0.98; title and
date right for >= 95% of texts; signatories precision and recall >= 0.95; initiative
mentions recall >= 0.9 at precision >= 0.9 on exact spans, and recall >= 0.7 with the
curated gazetteer switched off. The parser does not reach them yet, so the totals are
asserted as floors at what it achieves now: a regression fails, and a helper who raises a
figure raises its floor here (``uv run python scripts/eval_corpus_gold.py``).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from aidecl_data.parse.sources import decode_bytes
from tests.conftest import ROOT

GOLD_DIR = ROOT / "tests" / "gold" / "corpus-dev"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))

# Floors: the figures of the parser (rounded down). Clauses, titles and dates: after the
# layout families of the real corpus were read (issue 12: the treaty database's lost line
# breaks, quoted treaty paragraphs, HTML boxes, titles of texts with no title of their
# own, dates in words): clause F1 0.991, every title and date right. The others: on main
# when the gold was written.
FLOORS = {
    "clause_f1": 0.99,
    "title_accuracy": 1.0,
    "date_accuracy": 1.0,
    "signatory_precision": 0.99,
    "signatory_recall": 0.99,
    "initiative_precision": 0.92,  # issue 12 targets reached (initiatives helper)
    "initiative_recall": 0.90,
}
# Recall with the curated gazetteer off (``gazetteer.disabled()``).
FLOOR_RECALL_GAZETTEER_OFF = 0.71


def _load_eval():
    spec = importlib.util.spec_from_file_location(
        "eval_corpus_gold", ROOT / "scripts" / "eval_corpus_gold.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result() -> dict:
    return _load_eval().evaluate()


def test_sample_covers_both_languages_and_every_family():
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]
    assert len(golds) >= 30
    langs = {g["language"] for g in golds}
    assert langs == {"en", "fr"}
    assert sum(g["language"] == "fr" for g in golds) >= 10
    families = {g["document_id"].split("-")[0] for g in golds}
    assert families == {"wh", "etalab", "numgouv", "frrn", "trb"}
    assert any(any(c["language"] == "nl" for c in g["clauses"]) for g in golds)  # bilingual


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_spans_round_trip(path: Path):
    """Every mention's span holds its text in the decoded source; clauses are complete."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["document_id"] == path.stem
    src_path = _load_eval().source_file(gold)  # documents/ when copied there, else corpus-dev
    if not src_path.is_file():
        pytest.skip(f"source text not found: {src_path}")
    src = decode_bytes(src_path.read_bytes(), str(src_path))
    spans = [(m["char_start"], m["char_end"]) for m in gold["initiatives"]]
    assert spans == sorted(spans) and len(set(spans)) == len(spans)
    for m in gold["initiatives"]:
        assert " ".join(src[m["char_start"] : m["char_end"]].split()) == m["text"]
    for s in gold["signatories"]:
        assert s["role"] and (len(s["iso3"]) == 3 or s["entity_type"] == "organisation")
    for c in gold["clauses"]:
        assert c["kind"] in {"paragraph", "item"} and c["first"] and c["last"]


def test_scores_do_not_fall_below_the_floors(result: dict):
    totals = result["totals"]
    assert totals["documents"] == len(GOLD_FILES)
    low = {k: (totals[k], floor) for k, floor in FLOORS.items() if totals[k] < floor}
    assert not low, f"below the floor (value, floor): {low}"


def test_recall_with_the_gazetteer_off(result: dict):
    off = result["totals"]["initiative_recall_gazetteer_off"]
    if off is None:
        pytest.skip("the library has no gazetteer.disabled() switch yet: reported as n/a")
    assert off >= FLOOR_RECALL_GAZETTEER_OFF
