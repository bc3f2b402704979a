"""The act and theme extractor scored on the gold written by reading (tests/gold/acts/).

Targets of issue 14 on the whole gold and on the clauses the rules were first written on
(seeds + Paris Call). Per held-out split, floors a little under the measured figures, so
that a change that makes unseen texts worse fails here; for the third held-out set the
floor is its one blind score (tests/gold/acts/heldout3-blind-score.txt), taken before any
rule looked at it.
"""

from __future__ import annotations

import importlib.util

import pytest

from aidecl_data.parse.enrich.lexicon import ACTORS, ACTS, THEMES
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("score_acts", ROOT / "scripts" / "score_acts.py")
score_acts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score_acts)


@pytest.fixture(scope="module")
def scored():
    return score_acts.run()


def test_gold_is_large_labelled_and_well_formed():
    docs = score_acts.load_gold()
    clauses = [c for d in docs for c in d["clauses"]]
    assert len(clauses) >= 150
    assert {d["split"] for d in docs} == {"tune", "heldout", "heldout2", "heldout3"}
    assert sum(len(d["clauses"]) for d in docs if d["split"] == "heldout3") >= 40
    assert any("corpus-dev/fr" in d["source"] for d in docs)
    assert any("corpus-dev/en" in d["source"] for d in docs)
    for c in clauses:
        assert c["primary_act"] in (*ACTS, "NONE")
        assert c["actor"] in ACTORS
        assert set(c["themes"]) <= set(THEMES)
        assert c["is_commitment"] == (c["primary_act"] in ("COMMIT", "AGREE_DECIDE", "INTEND"))
        assert bool(c["cue"]) == (c["primary_act"] != "NONE")


def test_every_evidence_span_is_the_source_text(scored):
    _, problems = scored
    assert problems == []


def test_every_gold_clause_is_found(scored):
    items, _ = scored
    assert all(i["clause_id"] for i in items)


def test_targets_on_the_tune_split(scored):
    items, _ = scored
    tune = [i for i in items if i["split"] == "tune"]
    s = score_acts.score(tune)
    base = score_acts.score(tune, "base", "base_themes")
    assert s["primary_act_accuracy"] >= 0.90
    assert s["commitment"]["f1"] >= 0.92
    assert s["themes_micro"]["f1"] >= 0.80
    assert s["primary_act_accuracy"] > base["primary_act_accuracy"] + 0.3
    assert s["commitment"]["f1"] > base["commitment"]["f1"]


def test_targets_on_the_whole_gold(scored):
    items, _ = scored
    s = score_acts.score(items)
    assert s["primary_act_accuracy"] >= 0.90
    assert s["commitment"]["f1"] >= 0.92
    assert s["themes_micro"]["f1"] >= 0.80


# split: (primary act accuracy, is_commitment F1, theme micro-F1), floors
FLOORS = {
    "heldout": (0.96, 0.97, 0.79),
    "heldout2": (0.96, 0.95, 0.79),
    # the blind score of the third held-out set (0.614, 0.702, 0.689) ...
    "heldout3": (0.61, 0.70, 0.68),
}


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_held_out_does_not_get_worse(scored, split):
    items, _ = scored
    s = score_acts.score([i for i in items if i["split"] == split])
    act, commitment, themes = FLOORS[split]
    assert s["primary_act_accuracy"] >= act
    assert s["commitment"]["f1"] >= commitment
    assert s["themes_micro"]["f1"] >= themes


def test_third_held_out_set_after_the_rules_written_on_its_blind_errors(scored):
    # ... and what it scores now, after the general rules its blind errors showed missing
    items, _ = scored
    s = score_acts.score([i for i in items if i["split"] == "heldout3"])
    assert s["primary_act_accuracy"] >= 0.92
    assert s["commitment"]["f1"] >= 0.95
