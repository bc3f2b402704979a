"""Initiatives on texts of ../shared/corpus-dev annotated by reading: exact spans, with
the gazetteer on and off, asserted exactly so any change shows.

- ``initiatives_corpus_dev.json``: 13 texts the rules were tuned on;
- ``initiatives_heldout.json``, ``initiatives_heldout_2.json``: texts read after the rules
  were written and scored blind once (figures in README); the rules changed after each
  first score, so the figures asserted here are no longer blind.

Mentions found inside YAML front matter are left out (``skip_front_matter``): front matter
is metadata, which the parser reads as such once the layout work of issue 12 lands; the
figures do not depend on it. The texts are looked for in ``documents/`` and then in
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

GOLD_DIR = ROOT / "tests/gold/entities"
FILES = ["initiatives_corpus_dev.json", "initiatives_heldout.json", "initiatives_heldout_2.json"]
GOLD = {f: json.loads((GOLD_DIR / f).read_text(encoding="utf-8")) for f in FILES}
if any(source_path(p) is None for g in GOLD.values() for p in g["sources"].values()):
    pytest.skip("corpus-dev texts not available", allow_module_level=True)

# (tp, fn, fp) with the gazetteer on (span and id), then off (span only)
EXPECTED = {
    # After the merge of the layout and treaty work (6 December): one mention fewer in
    # the 1994 France-Malaysia memorandum ("Commission mixte entre la France et la
    # Malaisie", in a clause but no longer matched) and one false hit more; to look into.
    # After the issue 12 structure round (HTML boxes of Jekyll pages read as blocks, link
    # lists set apart): the PFUE page's two "<h3>Le Conseil de l’UE ne doit pas être
    # confondu avec :</h3>" are headings, where only the gazetteer reads names (two
    # mentions fewer with it off), and its "Retrouvez ... sur le site officiel" lead-in of
    # a link list is no longer text (one false hit fewer, on and off).
    # Issue 12 (named initiatives): the golds were reconciled with tests/gold/corpus-dev on
    # the texts both annotate (the corpus-dev reading adopted: PFUE and EUPAN with their
    # parenthesis, the coffee agreements whole, "Accord ministériel", no edition year, no
    # "See Also" link), and executive orders and laws added ("laws and executive orders"
    # are mentions there); the parser found more ("Commission mixte entre la France et la
    # Malaisie" again, "Parlement européen", numbered orders). Figures read again after,
    # and after merging the structure round above (the PFUE headings and link lead-in).
    "initiatives_corpus_dev.json": ((95, 4, 4), (70, 29, 7)),
    "initiatives_heldout.json": ((53, 2, 5), (40, 15, 7)),
    "initiatives_heldout_2.json": ((77, 3, 11), (55, 25, 5)),
}


def _triple(s: Score) -> tuple[int, int, int]:
    return s.tp, s.fn, s.fp


@pytest.mark.parametrize("name", FILES)
def test_scores_on_exact_spans(name: str) -> None:
    gold = GOLD[name]
    on, off = score_gold(gold, list(gold["mentions"]), skip_front_matter=True)
    assert (_triple(on), _triple(off)) == EXPECTED[name]


@pytest.mark.parametrize("name", FILES)
def test_gold_spans_are_the_written_names(name: str) -> None:
    gold = GOLD[name]
    for did, mentions in gold["mentions"].items():
        source = source_path(gold["sources"][did]).read_bytes().decode("utf-8")
        for m in mentions:
            written = source[m["char_start"] : m["char_end"]].replace("**", " ")
            assert written.split() == m["text"].split(), (did, m)
