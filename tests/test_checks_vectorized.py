"""The vectorized checks give exactly the messages of the cell-by-cell ones they replace.

``ref_*`` below are the checks as they were before vectorization (Python over
``to_pylist()``); hypothesis draws small tables, valid and broken in every way the checks
look at, and each vectorized check must return the same list of messages. The patterns are
matched by RE2 in pyarrow, whose ``\\s`` is ASCII-only: the translation is checked over
every whitespace character and the whole Basic Multilingual Plane.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidecl_data.publish.checks import (
    MAX_EXAMPLES,
    PY_WHITESPACE,
    check_csv_cells,
    check_foreign_keys,
    check_primary_key,
    check_spans,
    check_tables,
    check_values,
    describe_all,
    flatten,
    re2_fullmatch_pattern,
)
from aidecl_data.publish.schema import TABLES, arrow_schema, get_table
from aidecl_data.publish.tables import build_tables
from tests.fixtures_publish import sample_docs

FULL = ("table", "column", "kind", "count", "examples")


def _examples(values: list[Any]) -> str:
    shown = ", ".join(repr(v) for v in values[:MAX_EXAMPLES])
    more = f" (+{len(values) - MAX_EXAMPLES} more)" if len(values) > MAX_EXAMPLES else ""
    return shown + more


# -- the reference: the checks before vectorization ---------------------------------------


def ref_check_values(table_name: str, table: pa.Table) -> list[str]:
    """Required, enum, pattern and minimum constraints, and spans that end after they start.

    The same constraints Frictionless checks, without writing a file: fast enough to run on
    every table before staging.
    """
    out = []
    t = get_table(table_name)
    names = set(table.column_names)
    for f in t.columns:
        if f.name not in names:
            continue
        values = table.column(f.name).to_pylist()
        bad: list[Any] = []
        if f.required:
            nulls = sum(1 for v in values if v is None or v == "")
            if nulls:
                out.append(f"{table_name}.{f.name}: {nulls} empty value(s) in a required column")
        present = [v for v in values if v is not None and v != ""]
        if f.enum is not None:
            bad = sorted({v for v in present if v not in f.enum})
            if bad:
                out.append(f"{table_name}.{f.name}: values not in {list(f.enum)}: {_examples(bad)}")
        if f.pattern is not None:
            rx = re.compile(f.pattern)
            bad = sorted({v for v in present if not rx.fullmatch(str(v))})
            if bad:
                out.append(
                    f"{table_name}.{f.name}: values not matching {f.pattern}: {_examples(bad)}"
                )
        if f.minimum is not None:
            bad = sorted({v for v in present if v < f.minimum})
            if bad:
                out.append(f"{table_name}.{f.name}: values below {f.minimum}: {_examples(bad)}")
    if {"char_start", "char_end"} <= names:
        starts = table.column("char_start").to_pylist()
        ends = table.column("char_end").to_pylist()
        pk = table.column(t.primary_key[-1]).to_pylist() if t.primary_key[-1] in names else []
        bad = [
            k
            for k, s, e in zip(pk, starts, ends, strict=False)
            if s is not None and e is not None and e < s
        ]
        if bad:
            out.append(
                f"{table_name}: {len(bad)} span(s) ending before they start: {_examples(bad)}"
            )
    return out


def ref_key_tuples(table: pa.Table, fields: tuple[str, ...]) -> list[tuple]:
    cols = [table.column(f).to_pylist() for f in fields]
    return list(zip(*cols, strict=True)) if cols else []


def ref_check_primary_key(table_name: str, table: pa.Table) -> list[str]:
    """Primary-key values are present and unique."""
    t = get_table(table_name)
    missing_cols = [k for k in t.primary_key if k not in table.column_names]
    if missing_cols:
        return [f"{table_name}: primary key column(s) missing: {missing_cols}"]
    keys = ref_key_tuples(table, t.primary_key)
    pk = ", ".join(t.primary_key)
    out = []
    nulls = [k for k in keys if any(v is None or v == "" for v in k)]
    if nulls:
        out.append(f"{table_name}: {len(nulls)} row(s) with an empty primary key ({pk})")
    dupes = sorted(k for k, n in Counter(keys).items() if n > 1 and k not in nulls)
    if dupes:
        shown = [k[0] if len(k) == 1 else k for k in dupes]
        out.append(f"{table_name}: duplicate primary key ({pk}): {_examples(shown)}")
    return out


def ref_check_foreign_keys(tables: Mapping[str, pa.Table], only: str | None = None) -> list[str]:
    """Every non-empty foreign key resolves to a row of the table it references.

    ``only`` restricts the check to one child table (its parents must be in ``tables``).
    """
    out = []
    for t in TABLES:
        if (only is not None and t.name != only) or t.name not in tables:
            continue
        child = tables[t.name]
        for fk in t.foreign_keys:
            parent = tables.get(fk.parent)
            if parent is None:
                out.append(f"{t.name}: cannot check {list(fk.fields)}: table {fk.parent} missing")
                continue
            if not set(fk.fields) <= set(child.column_names) or not set(fk.parent_fields) <= set(
                parent.column_names
            ):
                out.append(f"{t.name}: foreign key columns {list(fk.fields)} missing")
                continue
            known = set(ref_key_tuples(parent, fk.parent_fields))
            dangling = sorted(
                {
                    k
                    for k in ref_key_tuples(child, fk.fields)
                    if not any(v is None or v == "" for v in k) and k not in known
                }
            )
            if dangling:
                shown = [k[0] if len(k) == 1 else k for k in dangling]
                target = ", ".join(f"{fk.parent}.{f}" for f in fk.parent_fields)
                out.append(
                    f"{t.name}.{', '.join(fk.fields)}: {len(dangling)} value(s) not found in "
                    f"{target}: {_examples(shown)}"
                )
    return out


def ref_check_spans(tables: Mapping[str, pa.Table], only: str | None = None) -> list[str]:
    """Every span lies inside its document's decoded text (``char_end <= char_count``)."""
    docs = tables.get("documents")
    if docs is None or "char_count" not in docs.column_names:
        return []
    length = dict(
        zip(
            docs.column("document_id").to_pylist(),
            docs.column("char_count").to_pylist(),
            strict=True,
        )
    )
    out = []
    for t in TABLES:
        if (only is not None and t.name != only) or t.name not in tables:
            continue
        table = tables[t.name]
        if not {"document_id", "char_end"} <= set(table.column_names):
            continue
        pk = table.column(t.primary_key[-1]).to_pylist()
        bad = [
            k
            for k, d, e in zip(
                pk,
                table.column("document_id").to_pylist(),
                table.column("char_end").to_pylist(),
                strict=True,
            )
            if d in length and e is not None and length[d] is not None and e > length[d]
        ]
        if bad:
            out.append(
                f"{t.name}: {len(bad)} span(s) past the end of the document: {_examples(bad)}"
            )
        out += _ref_declared_spans(tables, t)
    return out


def _ref_declared_spans(tables: Mapping[str, pa.Table], t) -> list[str]:
    """The spans a table declares inside another table's rows (``Table.spans``, e.g. an
    act's cue inside its clause), row by row: a key repeated in the parent takes its last
    row."""
    out = []
    child = tables[t.name]
    for rule in t.spans:
        parent = tables.get(rule.parent)
        if parent is None:
            continue
        want_child = {*rule.fields, rule.start, rule.end}
        want_parent = {*rule.parent_fields, rule.parent_start, rule.parent_end}
        if not (want_child <= set(child.column_names) and want_parent <= set(parent.column_names)):
            continue
        keys = list(zip(*(parent.column(f).to_pylist() for f in rule.parent_fields), strict=True))
        span_of = dict(
            zip(
                keys,
                zip(
                    parent.column(rule.parent_start).to_pylist(),
                    parent.column(rule.parent_end).to_pylist(),
                    strict=True,
                ),
                strict=True,
            )
        )
        refs = zip(*(child.column(f).to_pylist() for f in rule.fields), strict=True)
        bad = [
            k
            for k, ref, s, e in zip(
                child.column(t.primary_key[-1]).to_pylist(),
                refs,
                child.column(rule.start).to_pylist(),
                child.column(rule.end).to_pylist(),
                strict=True,
            )
            if ref in span_of
            and (
                (e is not None and span_of[ref][1] is not None and e > span_of[ref][1])
                or (s is not None and span_of[ref][0] is not None and s < span_of[ref][0])
            )
        ]
        if bad:
            out.append(
                f"{t.name}: {len(bad)} span(s) outside the {rule.parent} row they reference: "
                f"{_examples(bad)}"
            )
    return out


# -- random tables -----------------------------------------------------------------------

# One small pool for every text column, so that keys repeat, foreign keys resolve or
# dangle, and every constraint is met or broken: ids, enum members, whitespace (ASCII and
# not), a final newline, a carriage return, empties.
TEXTS = [
    "a",
    "b",
    "a/x",
    "a/y",
    "b/x",
    "FRA",
    "fr",
    "text",
    "inferred",
    "day",
    "paragraph",
    "item",
    "state",
    "party",
    "snake_case",
    "fr\n",
    "a\xa0b",
    "a/x\u2028",
    "a b",
    "a\rb",
    "x,\ry",
    "é",
    "",
]
INTS = st.integers(-2, 6)
VALUES = {
    "string": st.one_of(st.none(), st.sampled_from(TEXTS)),
    "integer": st.one_of(st.none(), INTS),
    "boolean": st.one_of(st.none(), st.booleans()),
    "date": st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2020, 1, 9))),
}
# Types the schema does not produce: the checks fall back to Python for them.
OTHER_TYPES = {"string": pa.large_string(), "integer": pa.int32()}


@st.composite
def table_of(draw, name: str, other_types: bool = True) -> pa.Table:
    t = get_table(name)
    n = draw(st.integers(0, 6))
    schema = arrow_schema(name)
    if other_types and draw(st.booleans()):
        fields = []
        for f, c in zip(schema, t.columns, strict=True):
            if c.type in OTHER_TYPES and draw(st.booleans()):
                f = f.with_type(OTHER_TYPES[c.type])
            fields.append(f)
        schema = pa.schema(fields)
    rows = [{f.name: draw(VALUES[f.type]) for f in t.columns} for _ in range(n)]
    table = pa.Table.from_pylist(rows, schema=schema)
    if n > 2 and draw(st.booleans()):  # several chunks, one of them a slice
        table = pa.concat_tables([table.slice(0, 2), table.slice(2)])
    return table


@st.composite
def packages(draw, other_types: bool = False) -> dict[str, pa.Table]:
    return {t.name: draw(table_of(t.name, other_types)) for t in TABLES}


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(st.data())
def test_values_and_primary_keys_as_before(data):
    for t in TABLES:
        table = data.draw(table_of(t.name))
        assert describe_all(check_values(t.name, table)) == ref_check_values(t.name, table)
        assert describe_all(check_primary_key(t.name, table)) == ref_check_primary_key(
            t.name, table
        )


@SETTINGS
@given(packages(), st.booleans())
def test_foreign_keys_and_spans_as_before(tables, large_strings):
    if large_strings:  # a child and its parent of different string types
        docs = tables["documents"]
        tables["documents"] = pa.table(
            {
                n: c.cast(pa.large_string()) if c.type == pa.string() else c
                for n, c in zip(docs.column_names, docs.columns, strict=True)
            }
        )
    assert describe_all(check_foreign_keys(tables)) == ref_check_foreign_keys(tables)
    assert describe_all(check_spans(tables)) == ref_check_spans(tables)


def test_duplicate_document_ids_take_the_last_length_as_before():
    docs = build_tables(sample_docs())["documents"]
    twice = pa.concat_tables(
        [
            docs,
            docs.slice(0, 1).set_column(
                docs.schema.get_field_index("char_count"),
                docs.schema.field("char_count"),
                pa.chunked_array([[5]], pa.int64()),
            ),
        ]
    )
    tables = dict(build_tables(sample_docs()), documents=twice)
    assert describe_all(check_spans(tables)) == ref_check_spans(tables)
    assert check_spans(tables)  # the last row says 5 characters: spans end past it


def test_sample_package_passes():
    assert check_tables(build_tables(sample_docs())) == []


# -- patterns ----------------------------------------------------------------------------


def test_whitespace_class_is_python_s():
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    assert "".join(c for c in chars if c.isspace()) == PY_WHITESPACE
    assert "".join(re.findall(r"\s", "".join(chars))) == PY_WHITESPACE


SCHEMA_PATTERNS = sorted({f.pattern for t in TABLES for f in t.columns if f.pattern})
# The BMP below the CJK blocks (every whitespace character is there), then a sample above.
PROBE_CHARS = [chr(c) for c in range(0x3100)] + [
    chr(c) for c in range(0x3100, 0x110000, 251) if not 0xD800 <= c < 0xE000
]
TEMPLATES = ["{}", "a{}", "{}a", "ab{}", "a/{}", "a/b{}", "a{}/b", "AB{}", "0" * 63 + "{}"]


@pytest.mark.parametrize("pattern", SCHEMA_PATTERNS)
def test_schema_pattern_verdicts_are_python_verdicts(pattern: str):
    rx = re2_fullmatch_pattern(pattern)
    assert rx is not None, "every schema pattern runs vectorized"
    probes = [tpl.format(c) for tpl in TEMPLATES for c in PROBE_CHARS] + ["", "a\n", "a/b\n"]
    compiled = re.compile(pattern)
    want = [compiled.fullmatch(p) is not None for p in probes]
    got = pc.match_substring_regex(pa.array(probes), rx).to_pylist()
    assert got == want


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d+",
        r"\w",
        r"a\b",
        r"(?i)a",
        r"a$b",
        r"a^",
        r"[[:alpha:]]",
        r"a{,3}",
        r"a{x}",
        r"a{2",
        r"[\S]",
        r"a*+",
        r"\u00e9",
        r"[]a]",
        r"[a",
    ],
)
def test_patterns_that_differ_between_engines_fall_back_to_python(pattern: str):
    assert re2_fullmatch_pattern(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "probes"),
    [
        (r"^a.c$", ["abc", "a\nc", "a\u2028c", "ac"]),
        (r"^[^,\s]*\.x$", ["a.x", "a b.x", "a\xa0.x", ".x", "a,.x"]),
        (r"^(ab|c)+$", ["abab", "c", "abc", "ab\n"]),
        (r"^a{2,}b{1,2}$", ["aab", "aaabb", "ab", "aabbb"]),
        (r"^[a-c\]]{2}$", ["a]", "]]", "ad"]),
    ],
)
def test_translated_patterns_agree_with_python(pattern: str, probes: list[str]):
    rx = re2_fullmatch_pattern(pattern)
    assert rx is not None
    got = pc.match_substring_regex(pa.array(probes), rx).to_pylist()
    assert got == [re.fullmatch(pattern, p) is not None for p in probes]


# -- carriage returns --------------------------------------------------------------------


def test_only_a_carriage_return_left_unquoted_is_reported():
    clauses = build_tables(sample_docs())["clauses"]
    texts = clauses.column("text").to_pylist()
    texts[:4] = ["a\rb", "a\r,b", 'a\r"b', "a\r\nb"]  # only the first stays unquoted
    broken = clauses.set_column(
        clauses.schema.get_field_index("text"), clauses.schema.field("text"), pa.array(texts)
    )
    assert flatten(check_csv_cells("clauses", broken), FULL) == [
        ("clauses", "text", "csv_carriage_return", 1, ("a\rb",))
    ]
    assert check_csv_cells("clauses", clauses) == []
