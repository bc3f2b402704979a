"""References and spans are checked from the schema's declarations alone.

A table declared with a foreign key and a span inside another table's rows (an evidence
span inside its clause, say) is checked by ``check_references`` with no code of its own;
the failures come back as records.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from aidecl_data.publish.checks import check_references, describe, flatten, references
from aidecl_data.publish.schema import TABLES, SpanWithin, Table
from aidecl_data.publish.schema.tables import IN_DOCUMENT, TO_CLAUSE
from aidecl_data.publish.tables import build_tables
from tests.fixtures_publish import sample_docs

IN_CLAUSE = SpanWithin(
    ("clause_id",),
    "clauses",
    ("clause_id",),
    parent_end="char_end",
    parent_start="char_start",
    start="evidence_start",
    end="evidence_end",
)
THEMES = Table(
    name="clause_themes",
    title="Clause themes",
    description="A theme of a clause, with the words that show it.",
    fields=("theme_id", "document_id", "clause_id", "evidence_start", "evidence_end"),
    primary_key=("theme_id",),
    foreign_keys=(TO_CLAUSE,),
    spans=(IN_CLAUSE,),
)
FULL = ("table", "column", "kind", "count", "examples")


def _without(name: str) -> tuple[Table, ...]:
    """The package's tables but the one this test declares in its own way."""
    return tuple(t for t in TABLES if t.name != name)


def _themes(tables: dict[str, pa.Table], id_type: pa.DataType) -> pa.Table:
    clauses = tables["clauses"]
    cid = clauses.column("clause_id")[0].as_py()
    doc = clauses.column("document_id")[0].as_py()
    s = clauses.column("char_start")[0].as_py()
    e = clauses.column("char_end")[0].as_py()
    rows = [
        ("t1", cid, s, e),  # the whole clause: inside
        ("t2", cid, s - 1, e),  # starts before the clause
        ("t3", cid, s, e + 1),  # ends after it
        ("t4", "nowhere/para_1", 0, 1),  # dangling: the foreign key says so, not the span
        ("t5", None, 0, 10**6),  # no clause: nothing to be inside
    ]
    return pa.table(
        {
            "theme_id": [r[0] for r in rows],
            "document_id": [doc] * len(rows),
            "clause_id": pa.array([r[1] for r in rows], id_type),
            "evidence_start": [r[2] for r in rows],
            "evidence_end": [r[3] for r in rows],
        }
    )


@pytest.mark.parametrize("id_type", [pa.string(), pa.large_string()], ids=["arrow", "python"])
def test_a_declared_span_inside_a_clause_is_checked(monkeypatch, id_type):
    monkeypatch.setattr(references, "TABLES", (*_without(THEMES.name), THEMES))
    tables = dict(build_tables(sample_docs()))
    tables["clause_themes"] = _themes(tables, id_type)
    failures = check_references(tables, only="clause_themes")
    assert flatten(failures, FULL) == [
        ("clause_themes", "clause_id", "foreign_key", 1, ("nowhere/para_1",)),
        ("clause_themes", "evidence_start, evidence_end", "span_outside", 2, ("t2", "t3")),
    ]
    assert describe(failures[1]) == (
        "clause_themes.evidence_start, evidence_end: 2 span(s) outside the clauses row "
        "they reference: 't2', 't3'"
    )


def test_span_rules_come_from_the_schema():
    # The document rule is implied by a document_id and a char_end; others are declared.
    assert THEMES.spans_within == (IN_CLAUSE,)  # no char_end: no document rule
    assert THEMES.span_columns == (("evidence_start", "evidence_end"),)
    by_name = {t.name: t for t in TABLES}
    assert by_name["documents"].spans_within == ()
    assert by_name["clauses"].spans_within == (IN_DOCUMENT,)
    assert by_name["initiatives"].spans_within == ()
    with_spans = {t.name for t in TABLES if t.spans_within}
    assert with_spans == {t.name for t in TABLES if "char_end" in t.fields}


def test_sample_package_has_no_reference_failures():
    assert check_references(build_tables(sample_docs())) == []
