"""check_table catches everything Frictionless catches on one table, constraint by constraint.

The build runs the in-memory checks on every table and no longer Frictionless (22 s on the
10,000-document package); ``aidecl validate`` still runs it. So (a) every kind of
constraint the generated Table Schema uses is one check_values enforces, and (b) for every
constrained field, a valid table mutated to break the constraint is reported both by
Frictionless (``validate_table``) and by ``check_table``.

Frictionless runs once per batch of mutated rows (each batch a table whose first row is
valid and every other row breaks one constraint), each row checked for its own error;
check_table runs on each mutation alone, so each one is proven to be caught by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pytest

from aidecl_data.publish.checks import (
    ENFORCED_CONSTRAINTS,
    MAX_EXAMPLES,
    PY_WHITESPACE,
    check_table,
    flatten,
    validate_table,
)
from aidecl_data.publish.schema import TABLES, arrow_schema, frictionless_descriptor, get_table
from aidecl_data.publish.tables import build_tables
from tests.fixtures_publish import sample_docs

VALID = build_tables(sample_docs())
BATCH = 8  # mutated rows per Frictionless run (its report keeps 20 errors per table)
# Strings that break a pattern: the first one a pattern rejects is used.
PATTERN_BREAKERS = ("has space", "UPPER", "/", "x/", "é")
# Whitespace RE2 (pyarrow) would not take for \s; every other one is in the last test.
SOME_WHITESPACE = ("\x0b", "\xa0", "\x85", "\x1c", "\u2028", "\u3000")


def _schemas() -> dict[str, dict[str, Any]]:
    return {r["name"]: r["schema"] for r in frictionless_descriptor()["resources"]}


def test_every_constraint_kind_in_the_schema_is_enforced():
    used = {
        kind
        for schema in _schemas().values()
        for f in schema["fields"]
        for kind in f.get("constraints", {})
    }
    assert used <= ENFORCED_CONSTRAINTS, used - ENFORCED_CONSTRAINTS
    assert used == {"required", "enum", "pattern", "minimum"}  # each one is exercised below


def test_nothing_else_in_the_schema_constrains_values():
    for name, schema in _schemas().items():
        assert set(schema) <= {"fields", "missingValues", "primaryKey", "foreignKeys"}, name
        # Parquet resources with a nullable integer column also read pandas' "nan" as
        # missing (Frictionless reads Parquet through pandas); the data holds NULL there.
        assert schema["missingValues"] in ([""], ["", "nan"]), name
        if schema["missingValues"] != [""]:
            assert name.endswith("_parquet"), name
        for f in schema["fields"]:
            assert set(f) <= {"name", "type", "description", "format", "constraints", "example"}
            assert f.get("format", "default") == "default", (name, f["name"])


@dataclass(frozen=True)
class Case:
    table: str
    field: str | None  # None: the primary key
    kind: str
    value: Any = None

    @property
    def id(self) -> str:
        return f"{self.table}.{self.field or 'pk'}:{self.kind}:{self.value!r}"


# The Failure.kind each broken constraint is reported under.
RECORD_KIND = {
    "required": "required",
    "enum": "enum",
    "pattern": "pattern",
    "whitespace": "pattern",
    "minimum": "minimum",
    "carriage return": "csv_carriage_return",
}


def _breaker(pattern: str) -> str:
    return next(v for v in PATTERN_BREAKERS if not re.fullmatch(pattern, v))


def _cases() -> list[Case]:
    out = []
    for t in TABLES:
        for f in t.columns:
            if f.required:
                out.append(Case(t.name, f.name, "required", None))
                if f.type == "string":
                    out.append(Case(t.name, f.name, "required", ""))
            if f.enum is not None:
                out.append(Case(t.name, f.name, "enum", "zz"))
            if f.pattern is not None:
                out.append(Case(t.name, f.name, "pattern", _breaker(f.pattern)))
                if "\\s" in f.pattern or "\\S" in f.pattern:
                    out += [Case(t.name, f.name, "whitespace", ws) for ws in SOME_WHITESPACE]
            if f.minimum is not None:
                out.append(Case(t.name, f.name, "minimum", f.minimum - 1))
        out.append(Case(t.name, None, "duplicate"))
        text = next(f.name for f in t.columns if f.type == "string" and f.pattern is None)
        out.append(Case(t.name, text, "carriage return", "a\rb"))
    return out


CASES = _cases()


def _mutated(case: Case, row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    if case.kind == "whitespace":  # a valid value with one whitespace inside it
        valid = row[case.field] or _valid_value(get_table(case.table).column(case.field).pattern)
        row[case.field] = valid[:1] + case.value + valid[1:]
    elif case.field is not None:
        row[case.field] = case.value
    return row


def _valid_value(pattern: str) -> str:
    """A value of the fixtures that ``pattern`` accepts (a nullable column may hold none)."""
    return next(
        v
        for table in VALID.values()
        for col in table.columns
        if pa.types.is_string(col.type)
        for v in col.to_pylist()
        if v and re.fullmatch(pattern, v)
    )


def _with_unique_key(table: str, row: dict[str, Any], i: int) -> dict[str, Any]:
    """``row`` with a primary key of its own (the n-th copy of a row must not repeat it)."""
    row = dict(row)
    for k in get_table(table).primary_key:
        if isinstance(row[k], str):
            row[k] = f"{row[k]}x{i}"
        elif isinstance(row[k], int):
            row[k] += 1000 + i
    return row


def _table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=arrow_schema(name))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_check_table_reports_each_broken_constraint(case: Case):
    first = VALID[case.table].slice(0, 1).to_pylist()[0]
    if case.kind == "duplicate":
        rows = [first, first]
        expected = (case.table, "", "primary_key_duplicate")
    else:
        rows = [_mutated(case, first)]
        expected = (case.table, case.field, RECORD_KIND[case.kind])
    failures = check_table(case.table, _table(case.table, rows))
    assert expected in flatten(failures), failures


def _frictionless_batches() -> list[tuple[str, list[Case]]]:
    out = []
    for t in TABLES:
        mine = [c for c in CASES if c.table == t.name]
        # A bare carriage return breaks the whole file: it goes in a batch of its own.
        alone = [[c] for c in mine if c.kind == "carriage return"]
        mine = [c for c in mine if c.kind != "carriage return"]
        out += [
            (t.name, b)
            for b in [*alone, *(mine[i : i + BATCH] for i in range(0, len(mine), BATCH))]
        ]
    return out


@pytest.mark.parametrize(
    ("table", "cases"),
    _frictionless_batches(),
    ids=lambda v: v if isinstance(v, str) else f"{len(v)}",
)
def test_frictionless_reports_each_broken_constraint_too(table: str, cases: list[Case]):
    first = VALID[table].slice(0, 1).to_pylist()[0]
    rows = [first]
    for i, case in enumerate(cases, start=1):
        rows.append(
            first if case.kind == "duplicate" else _mutated(case, _with_unique_key(table, first, i))
        )
    failures = validate_table(table, _table(table, rows))
    for i, case in enumerate(cases, start=1):
        csv_row = i + 2  # Frictionless counts the header as row 1
        if case.kind == "carriage return":  # the row falls apart: reported as such
            # (in a two-column table the row's second half is the one found wanting)
            hit = [f for f in failures if f.row in (csv_row, csv_row + 1) or "label" in f.kind]
        elif case.kind == "duplicate":
            hit = [f for f in failures if f.row == csv_row and f.kind == "primary-key"]
        else:
            hit = [f for f in failures if f.row == csv_row and f.column == case.field]
        assert hit, (case.id, failures)


def test_valid_tables_pass_both():
    for t in TABLES:
        assert check_table(t.name, VALID[t.name]) == [], t.name
        assert validate_table(t.name, VALID[t.name]) == [], t.name


@pytest.mark.parametrize(
    ("field", "value"),
    [("language", "fr\n"), ("document_id", "a_decl\n")],
)
def test_check_table_is_stricter_on_a_final_newline(field: str, value: str):
    """Frictionless matches ``^pattern$`` with re.match, whose ``$`` also matches before a
    final newline; check_values (re.fullmatch) rejects the newline, as the pattern says."""
    rows = [dict(VALID["documents"].slice(0, 1).to_pylist()[0], **{field: value})]
    table = _table("documents", rows)
    assert validate_table("documents", table) == []
    assert ("documents", field, "pattern") in flatten(check_table("documents", table))


def test_check_table_rejects_every_unicode_whitespace_in_identifiers():
    """Python's \\s (Frictionless's) is every character for which str.isspace() holds."""
    fields = [
        (t.name, f.name)
        for t in TABLES
        for f in t.columns
        if f.pattern is not None and ("\\s" in f.pattern or "\\S" in f.pattern)
    ]
    assert len(fields) >= 8
    for table, field in fields:
        first = VALID[table].slice(0, 1).to_pylist()[0]
        rows = [_mutated(Case(table, field, "whitespace", ws), first) for ws in PY_WHITESPACE]
        failures = check_table(table, _table(table, rows))
        mine = [f for f in failures if (f.table, f.column, f.kind) == (table, field, "pattern")]
        assert mine and mine[0].count == len(PY_WHITESPACE), failures
        assert len(mine[0].examples) == MAX_EXAMPLES
