"""The blocking checks of clause_acts and clause_themes: fixed label lists, spans in clause."""

from __future__ import annotations

import dataclasses

from aidecl_data.publish.checks import check_references, check_table
from aidecl_data.publish.tables import build_tables
from tests.fixtures_publish import doc_a, doc_b


def _tables(doc):
    return build_tables([doc, doc_b()])


def test_the_fixture_passes():
    tables = _tables(doc_a())
    for name in ("clause_acts", "clause_themes"):
        assert check_table(name, tables[name]) == []
        assert check_references(tables, only=name) == []


def test_an_act_or_theme_outside_the_lists_is_refused():
    doc = doc_a()
    doc.clause_acts[0] = dataclasses.replace(doc.clause_acts[0], act="PROMISE")
    doc.clause_themes[0] = dataclasses.replace(doc.clause_themes[0], theme="space")
    tables = _tables(doc)
    assert check_table("clause_acts", tables["clause_acts"])
    assert check_table("clause_themes", tables["clause_themes"])


def test_a_cue_outside_its_clause_is_refused():
    doc = doc_a()
    # an inherited act whose cue is said to be in the item itself, not in its lead-in
    doc.clause_acts[1] = dataclasses.replace(
        doc.clause_acts[1], cue_clause_id=doc.clause_acts[1].clause_id
    )
    doc.clause_themes[0] = dataclasses.replace(doc.clause_themes[0], char_start=0, char_end=5)
    tables = _tables(doc)
    assert check_references(tables, only="clause_acts")
    assert check_references(tables, only="clause_themes")
