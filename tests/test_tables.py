"""Parsed documents -> one pyarrow table per published table, shaped by the schema."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from aidecl_data.parse.model import InitiativeRow
from aidecl_data.publish.schema import TABLES, arrow_schema
from aidecl_data.publish.tables import (
    TableBuildError,
    build_tables,
    canonical_initiative_table,
    canonical_initiatives,
    rows_for,
)
from tests.fixtures_publish import doc_a, doc_b, sample_docs


def test_all_tables_even_when_empty():
    tables = build_tables([])
    assert list(tables) == [t.name for t in TABLES]
    for t in TABLES:
        assert tables[t.name].num_rows == 0
        assert tables[t.name].schema.equals(arrow_schema(t))


def test_columns_in_schema_order_with_schema_types():
    tables = build_tables(sample_docs())
    for t in TABLES:
        assert tables[t.name].schema.equals(arrow_schema(t), check_metadata=True)
    counts = {name: tables[name].num_rows for name in tables}
    assert counts == {
        "documents": 2,
        "sections": 1,
        "clauses": 4,
        "notes": 1,
        "initiatives": 1,
        "signatories": 2,
        "initiative_mentions": 2,
        "dates": 3,
        "clause_acts": 3,
        "clause_themes": 2,
        "texts": 2,
        "document_warnings": 2,
    }


def test_output_does_not_depend_on_document_order():
    forward = build_tables([doc_a(), doc_b()])
    backward = build_tables([doc_b(), doc_a()])
    for name in forward:
        assert forward[name].equals(backward[name]), name


def test_rows_follow_reading_order_within_a_document():
    clauses = build_tables(sample_docs())["clauses"].to_pylist()
    assert [(c["document_id"], c["ordinal"]) for c in clauses] == [
        ("a_decl", 1),
        ("a_decl", 2),
        ("a_decl", 3),
        ("b_roadmap", 1),
    ]


def test_empty_strings_become_null():
    docs = build_tables(sample_docs())["documents"].to_pylist()
    b = next(d for d in docs if d["document_id"] == "b_roadmap")
    assert b["date"] is None and b["place"] is None and b["publisher"] is None
    clauses = build_tables(sample_docs())["clauses"].to_pylist()
    assert clauses[0]["parent_clause_id"] is None
    assert clauses[1]["parent_clause_id"] == "a_decl/para_1"


def test_dates_and_booleans_are_typed():
    dates = build_tables(sample_docs())["dates"].to_pylist()
    month = next(d for d in dates if d["precision"] == "month")
    assert month["start_date"] == dt.date(2023, 3, 1)
    assert month["end_date"] == dt.date(2023, 3, 31)
    assert month["is_relative"] is False


def test_initiatives_merged_across_documents():
    initiatives = build_tables(sample_docs())["initiatives"].to_pylist()
    # One row for the id both documents mention; the tie (one document each) goes to the
    # longer, more explicit name.
    assert initiatives == [
        {
            "initiative_id": "gpai",
            "name": "Partenariat mondial sur l'IA",
            "kind": "organisation",
            "name_en": None,
            "name_fr": None,
        }
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # the most frequent name wins over a longer one
        (
            [
                ("g", "GPAI", "organisation"),
                ("g", "GPAI", "organisation"),
                ("g", "Global", "other"),
            ],
            [("g", "GPAI", "organisation")],
        ),
        # a tie in frequency goes to the longest name
        (
            [("g", "PMIA", "programme"), ("g", "Partenariat", "programme")],
            [("g", "Partenariat", "programme")],
        ),
        # a tie in frequency and length goes to the alphabetically first; kinds alike
        ([("g", "Bbb", "summit"), ("g", "Aaa", "process")], [("g", "Aaa", "process")]),
        # distinct ids stay distinct, sorted
        ([("z", "Z", "other"), ("a", "A", "other")], [("a", "A", "other"), ("z", "Z", "other")]),
    ],
)
def test_canonical_initiatives(rows, expected):
    got = canonical_initiatives(InitiativeRow(*r) for r in rows)
    assert [(r.initiative_id, r.name, r.kind) for r in got] == expected
    assert canonical_initiatives(InitiativeRow(*r) for r in reversed(rows)) == got
    # the Arrow form assemble_tables uses (counted by group_by) follows the same rule
    names = ("initiative_id", "name", "kind")
    table = pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)})
    assert [r[:3] for r in canonical_initiative_table(table)] == expected


def test_canonical_initiatives_keep_a_known_name_in_each_language():
    rows = [
        InitiativeRow("eu", "Union européenne", "organisation", "", "Union européenne"),
        InitiativeRow("eu", "European Union", "organisation", "European Union", ""),
        InitiativeRow("eu", "European Union", "organisation", "European Union", ""),
    ]
    (got,) = canonical_initiatives(rows)
    assert (got.name, got.name_en, got.name_fr) == (
        "European Union",
        "European Union",
        "Union européenne",
    )


@pytest.mark.parametrize(
    ("table", "attr", "value"),
    [
        ("dates", "start_date", "2024-13-01"),
        ("dates", "start_date", "mars 2024"),
        ("clauses", "ordinal", "3"),
        ("dates", "is_relative", "false"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error(table, attr, value):
    doc = doc_a()
    setattr(getattr(doc, table)[0], attr, value)
    with pytest.raises(TableBuildError, match=attr):
        build_tables([doc])


def test_rows_for_one_table():
    rows = rows_for("signatories", sample_docs())
    assert [(r["document_id"], r["ordinal"], r["iso3"]) for r in rows] == [
        ("a_decl", 1, "FRA"),
        ("a_decl", 2, "DEU"),
    ]
