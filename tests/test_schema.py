"""The schema is the single source of truth: complete, consistent, and its outputs agree."""

from __future__ import annotations

import dataclasses
import re

import duckdb
import pyarrow as pa
import pytest

from aidecl_data.parse import model
from aidecl_data.publish.schema import (
    FIELDS,
    FIELDS_BY_TABLE,
    TABLES,
    TABLES_BY_NAME,
    all_views,
    arrow_schema,
    create_views_sql,
    data_dictionary_markdown,
    duckdb_ddl,
    field_for,
    frictionless_descriptor,
    get_table,
    table_schema,
)

# The columns CONTRACT.md promises, read from it by hand: they may gain company, never leave.
CONTRACT_COLUMNS = {
    "documents": "document_id title title_source document_type language date date_precision "
    "date_source place source_path source_sha256 source_format source_url licence",
    "sections": "section_id document_id parent_section_id ordinal level label heading "
    "char_start char_end",
    "clauses": "clause_id document_id section_id parent_clause_id ordinal kind label text "
    "char_start char_end",
    "notes": "note_id document_id label text clause_id",
    "signatories": "document_id ordinal name name_en iso3 entity_type role",
    "initiatives": "initiative_id name kind",
    "initiative_mentions": "mention_id initiative_id document_id clause_id text char_start "
    "char_end",
    "dates": "date_id document_id clause_id text start_date end_date precision is_relative "
    "char_start char_end",
    # ANNOTATION.md section 3
    "clause_acts": "clause_id document_id act strength actor hedged inherited cue char_start "
    "char_end",
    "clause_themes": "clause_id document_id theme evidence char_start char_end",
    "texts": "document_id text",
    "document_warnings": "document_id code message char_start char_end",
}
CONTRACT_PRIMARY_KEYS = {
    "documents": ("document_id",),
    "sections": ("section_id",),
    "clauses": ("clause_id",),
    "signatories": ("document_id", "ordinal"),
    "initiatives": ("initiative_id",),
}
ROW_TYPES = {
    "documents": model.DocumentRow,
    "sections": model.SectionRow,
    "clauses": model.ClauseRow,
    "notes": model.NoteRow,
    "signatories": model.SignatoryRow,
    "initiatives": model.InitiativeRow,
    "initiative_mentions": model.MentionRow,
    "dates": model.DateRow,
    "clause_acts": model.ClauseActRow,
    "clause_themes": model.ClauseThemeRow,
    "texts": model.TextRow,
    "document_warnings": model.WarningRow,
}


def test_the_contract_tables_and_no_other():
    assert sorted(t.name for t in TABLES) == sorted(CONTRACT_COLUMNS)


def test_every_field_is_described_and_used():
    used = {name for t in TABLES for name in t.fields}
    unused = sorted(set(FIELDS) - used)
    assert not unused, f"described but in no table: {unused}"
    for t in TABLES:
        assert len(set(t.fields)) == len(t.fields), f"{t.name}: a column listed twice"
        for name in t.fields:
            f = field_for(t.name, name)
            assert f.description.strip(), f"{t.name}.{name} has no description"
    for table, variants in FIELDS_BY_TABLE.items():
        assert table in TABLES_BY_NAME, f"variants for unknown table {table}"
        for name, f in variants.items():
            assert name in TABLES_BY_NAME[table].fields, f"variant {table}.{name} not a column"
            assert f.name == name


@pytest.mark.parametrize("table", [t.name for t in TABLES])
def test_each_table_has_a_schema(table):
    t = get_table(table)
    assert t.description.strip() and t.title.strip()
    assert t.primary_key and set(t.primary_key) <= set(t.fields)
    assert arrow_schema(t).names == list(t.fields)
    assert [f["name"] for f in table_schema(t)["fields"]] == list(t.fields)
    for fk in t.foreign_keys:
        assert set(fk.fields) <= set(t.fields)
        parent = get_table(fk.parent)
        # A foreign key targets the parent's primary key, which is unique.
        assert fk.parent_fields == parent.primary_key
    assert set(t.primary_key) <= set(t.sort_key)


@pytest.mark.parametrize("table", sorted(CONTRACT_COLUMNS))
def test_contract_columns_are_kept(table):
    missing = set(CONTRACT_COLUMNS[table].split()) - set(get_table(table).fields)
    assert not missing, f"{table} lacks contract columns {missing}"


@pytest.mark.parametrize("table", sorted(CONTRACT_PRIMARY_KEYS))
def test_contract_primary_keys(table):
    assert get_table(table).primary_key == CONTRACT_PRIMARY_KEYS[table]


@pytest.mark.parametrize("table", sorted(ROW_TYPES))
def test_row_dataclass_fields_are_the_columns(table):
    names = [f.name for f in dataclasses.fields(ROW_TYPES[table])]
    assert names == list(get_table(table).fields)


def test_tables_come_after_the_tables_they_reference():
    seen: set[str] = set()
    for t in TABLES:
        for fk in t.foreign_keys:
            assert fk.parent == t.name or fk.parent in seen, f"{t.name} before {fk.parent}"
        seen.add(t.name)


def test_primary_key_fields_are_required():
    for t in TABLES:
        for f in t.columns:
            if f.name in t.primary_key:
                assert f.required, f"{t.name}.{f.name}"


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("iso3", "FRA", True),
        ("iso3", "fra", False),
        ("iso3", "FR", False),
        ("language", "fr", True),
        ("language", "fra", False),
        ("source_sha256", "a" * 64, True),
        ("source_sha256", "A" * 64, False),
        ("clause_id", "000_x/para_1__list_1__point_2", True),
        ("clause_id", "para_1", False),
        ("clause_id", "doc/para 1", False),
        ("document_id", "000_bc9b0feb0189aed7", True),
        ("document_id", "a/b", False),
        ("initiative_id", "gpai", True),
        ("initiative_id", "partenariat-mondial_ia", True),
        ("initiative_id", "GPAI", False),
        ("document_type", "joint_declaration", True),
        ("document_type", "Joint declaration", False),
        ("role", "founding_member", True),
        ("entity_id", "FRA", True),
    ],
)
def test_patterns(field, value, ok):
    pattern = FIELDS[field].pattern
    assert pattern is not None
    assert bool(re.fullmatch(pattern, value)) is ok


def test_variant_enums_differ_by_table():
    assert field_for("clauses", "kind").enum == ("paragraph", "item")
    assert field_for("initiatives", "kind").enum is None


def test_arrow_schema_types_nullability_and_descriptions():
    s = arrow_schema("dates")
    assert s.field("start_date").type == pa.date32()
    assert s.field("is_relative").type == pa.bool_()
    assert s.field("char_start").type == pa.int64()
    assert not s.field("date_id").nullable
    assert s.field("clause_id").nullable
    assert (
        s.field("text").metadata[b"description"].decode() == field_for("dates", "text").description
    )


def test_descriptor_is_valid_frictionless_metadata():
    from frictionless import Package

    descriptor = frictionless_descriptor(
        files={"data/clauses.csv": {"bytes": 10, "sha256": "0" * 64}},
        sources=[{"title": "T", "path": "x.txt", "sha256": "0" * 64}],
        version="1.2.3",
    )
    report = Package.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "note"])
    assert descriptor["name"] == "aidecl-data" and descriptor["version"] == "1.2.3"
    assert descriptor["licenses"][0]["name"] == "ODC-BY-1.0"
    assert "publishers" in descriptor["licenseNote"]
    names = [r["name"] for r in descriptor["resources"]]
    assert names == [t.name for t in TABLES] + [f"{t.name}_parquet" for t in TABLES]
    clauses = descriptor["resources"][names.index("clauses")]
    assert clauses["bytes"] == 10 and clauses["hash"] == "sha256:" + "0" * 64
    fks = clauses["schema"]["foreignKeys"]
    assert {
        "fields": ["parent_clause_id"],
        "reference": {"resource": "", "fields": ["clause_id"]},
    } in fks
    assert {
        "fields": ["section_id"],
        "reference": {"resource": "sections", "fields": ["section_id"]},
    } in fks
    parquet = descriptor["resources"][names.index("clauses_parquet")]
    assert {
        "fields": ["section_id"],
        "reference": {"resource": "sections_parquet", "fields": ["section_id"]},
    } in parquet["schema"]["foreignKeys"]


def test_descriptor_rejected_when_a_type_is_wrong():
    # The validity test above can fail: Frictionless does check the generated metadata.
    from frictionless import Package

    descriptor = frictionless_descriptor()
    descriptor["resources"][0]["schema"]["fields"][0]["type"] = "strng"
    assert not Package.validate_descriptor(descriptor).valid


def _ddl_connection():
    con = duckdb.connect(":memory:")
    con.execute(duckdb_ddl())
    for statement in create_views_sql():
        con.execute(statement)
    return con


def test_duckdb_ddl_comments_every_table_and_column():
    con = _ddl_connection()
    tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
    assert set(tables) == set(TABLES_BY_NAME)
    assert all(tables.values())
    cols = con.execute("SELECT table_name, column_name, comment FROM duckdb_columns()").fetchall()
    by_table = {}
    for table, column, comment in cols:
        if table in TABLES_BY_NAME:
            assert comment == field_for(table, column).description
            by_table.setdefault(table, []).append(column)
    for t in TABLES:
        assert by_table[t.name] == list(t.fields)


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO documents (document_id, title, title_source, document_type, language, "
        "source_path, source_sha256, source_format, char_count) "
        "VALUES ('d', 't', 'guessed', 'other', 'fr', 'p', 'h', 'plain', 0)",
        "INSERT INTO documents (document_id, title, title_source, document_type, language, "
        "source_path, source_sha256, source_format, char_count) "
        "VALUES ('d', NULL, 'text', 'other', 'fr', 'p', 'h', 'plain', 0)",
        "INSERT INTO clauses (clause_id, document_id, ordinal, kind, text, char_start, char_end) "
        "VALUES ('nodoc/para_1', 'nodoc', 1, 'paragraph', 'x', 0, 1)",
    ],
    ids=["enum", "not_null", "foreign_key"],
)
def test_duckdb_ddl_enforces_constraints(statement):
    con = _ddl_connection()
    with pytest.raises(duckdb.ConstraintException):
        con.execute(statement)


def test_views_run_on_empty_tables():
    con = _ddl_connection()
    views = all_views()
    assert len(views) >= 5
    for v in views:
        con.execute(f"SELECT * FROM {v.name}").fetchall()
        assert v.description.strip()


def test_data_dictionary_lists_every_table_and_column():
    md = data_dictionary_markdown({"clauses": 12})
    for t in TABLES:
        assert f"## `{t.name}`" in md
        for f in t.columns:
            assert f"| `{f.name}` | {f.type} |" in md
    assert "- Rows: 12" in md
    for v in all_views():
        assert f"`{v.name}`" in md


def test_entity_views_are_included_when_their_module_exists(monkeypatch):
    import sys
    import types

    fake = types.ModuleType("aidecl_data.parse.entities.views")
    fake.ENTITY_VIEWS = [("party_count", "Parties per document.", "SELECT 1 AS n")]
    monkeypatch.setitem(sys.modules, "aidecl_data.parse.entities.views", fake)
    assert all_views()[-1].name == "party_count"
    fake.ENTITY_VIEWS.append(("timeline", "Clash with a core view.", "SELECT 1"))
    with pytest.raises(ValueError, match="timeline"):
        all_views()
