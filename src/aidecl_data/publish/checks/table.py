"""Check one table against its Table Schema, with Arrow: ``check_table``.

Columns and types (``check_schema``), required values, enums, patterns and minimums
(``check_values``), cells the CSV can hold (``check_csv_cells``) and a present, unique
primary key (``check_primary_key``): everything Frictionless reports on the table's CSV
resource without foreign keys, on the in-memory table, so it runs on every table before
anything is written.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from aidecl_data.publish.checks.columns import (
    empty_mask,
    is_text,
    key_tuples,
    re2_fullmatch_pattern,
    sorted_unique,
    vectorizable,
)
from aidecl_data.publish.checks.failure import Failure, failure
from aidecl_data.publish.schema import Field, arrow_schema, get_table


def _field_failures(table_name: str, f: Field, col: pa.ChunkedArray) -> list[Failure]:
    """required, enum, pattern, minimum for one column, as ``_field_failures_py`` says."""
    rx = re2_fullmatch_pattern(f.pattern) if f.pattern is not None else None
    if (
        not vectorizable(col.type)
        or (f.enum is not None and not is_text(col.type))
        or (f.pattern is not None and (rx is None or not is_text(col.type)))
        or (f.minimum is not None and not pa.types.is_signed_integer(col.type))
    ):
        return _field_failures_py(table_name, f, col.to_pylist())
    out = []
    empty = empty_mask(col)
    nulls = pc.sum(empty).as_py() or 0
    if f.required and nulls:
        out.append(_required(table_name, f, nulls))
    if f.enum is None and f.pattern is None and f.minimum is None:
        return out
    present = col.filter(pc.invert(empty)) if nulls else col
    if f.enum is not None:
        bad = sorted_unique(
            present.filter(pc.invert(pc.is_in(present, value_set=pa.array(f.enum, col.type))))
        )
        if bad:
            out.append(_constraint(table_name, f, "enum", bad))
    if rx is not None:
        bad = sorted_unique(present.filter(pc.invert(pc.match_substring_regex(present, rx))))
        if bad:
            out.append(_constraint(table_name, f, "pattern", bad))
    if f.minimum is not None:
        bad = sorted_unique(present.filter(pc.less(present, f.minimum)))
        if bad:
            out.append(_constraint(table_name, f, "minimum", bad))
    return out


def _field_failures_py(table_name: str, f: Field, values: list[Any]) -> list[Failure]:
    """The cell-by-cell rule (any column type): what ``_field_failures`` must agree with."""
    out = []
    if f.required:
        nulls = sum(1 for v in values if v is None or v == "")
        if nulls:
            out.append(_required(table_name, f, nulls))
    present = [v for v in values if v is not None and v != ""]
    if f.enum is not None:
        bad = sorted({v for v in present if v not in f.enum})
        if bad:
            out.append(_constraint(table_name, f, "enum", bad))
    if f.pattern is not None:
        rx = re.compile(f.pattern)
        bad = sorted({v for v in present if not rx.fullmatch(str(v))})
        if bad:
            out.append(_constraint(table_name, f, "pattern", bad))
    if f.minimum is not None:
        bad = sorted({v for v in present if v < f.minimum})
        if bad:
            out.append(_constraint(table_name, f, "minimum", bad))
    return out


def _constraint(table_name: str, f: Field, kind: str, bad: list[Any]) -> Failure:
    """Distinct values ``bad`` break constraint ``kind`` (enum, pattern, minimum) of ``f``."""
    rule = {
        "enum": f"values not in {list(f.enum or ())}",
        "pattern": f"values not matching {f.pattern}",
        "minimum": f"values below {f.minimum}",
    }[kind]
    return failure(table_name, kind, rule, column=f.name, values=bad)


def _required(table_name: str, f: Field, nulls: int) -> Failure:
    message = f"{nulls} empty value(s) in a required column"
    return Failure(table_name, "required", message, column=f.name, count=nulls)


def check_schema(table_name: str, table: pa.Table) -> list[Failure]:
    """The table has the schema's columns, in order, with the schema's types."""
    want = arrow_schema(table_name)
    if table.schema.names != want.names:
        message = f"columns {table.schema.names} differ from the schema {want.names}"
        return [Failure(table_name, "columns", message)]
    return [
        Failure(
            table_name,
            "type",
            f"type {table.schema.field(f.name).type} is not {f.type}",
            column=f.name,
            count=1,
        )
        for f in want
        if table.schema.field(f.name).type != f.type
    ]


# The field constraints check_values enforces: a Table Schema constraint outside this set
# would go unchecked by the build (tests/test_check_table.py compares it with the schema).
ENFORCED_CONSTRAINTS = frozenset({"required", "enum", "pattern", "minimum"})


def check_values(table_name: str, table: pa.Table) -> list[Failure]:
    """Required, enum, pattern and minimum constraints, and spans that end after they start.

    The same constraints Frictionless checks, without writing a file: fast enough to run on
    every table before staging. The spans are the table's ``span_columns`` (the schema's).
    """
    out = []
    t = get_table(table_name)
    names = set(table.column_names)
    for f in t.columns:
        if f.name in names:
            out += _field_failures(table_name, f, table.column(f.name))
    for start, end in t.span_columns:
        if {start, end} <= names:
            out += _span_order(table_name, table, start, end)
    return out


def _span_order(table_name: str, table: pa.Table, start: str, end: str) -> list[Failure]:
    """Rows whose span (columns ``start``, ``end``) ends before it starts, by last key."""
    key = get_table(table_name).primary_key[-1]
    starts, ends = table.column(start), table.column(end)
    if key not in table.column_names:
        bad: list[Any] = []
    elif pa.types.is_integer(starts.type) and pa.types.is_integer(ends.type):
        bad = table.column(key).filter(pc.less(ends, starts)).to_pylist()
    else:
        bad = [
            k
            for k, s, e in zip(
                table.column(key).to_pylist(), starts.to_pylist(), ends.to_pylist(), strict=False
            )
            if s is not None and e is not None and e < s
        ]
    if not bad:
        return []
    # The document spans (char_start, char_end) name no column, as they always did.
    column = "" if (start, end) == ("char_start", "char_end") else f"{start}, {end}"
    message = f"{len(bad)} span(s) ending before they start"
    return [failure(table_name, "span_order", message, column=column, values=bad)]


_CR = re.compile(rb"\r")


def check_csv_cells(table_name: str, table: pa.Table) -> list[Failure]:
    """No text cell holds a carriage return that the CSV writes outside quotes.

    csv.writer quotes a cell only for a comma, a quote or a newline, so a lone ``\\r`` lands
    bare in the file, where CSV readers (Frictionless's among them) end the row: the file
    no longer parses. The parser normalizes every ``\\r`` away; this keeps the build, which
    no longer runs Frictionless on every table, as strict as Frictionless. A scan of the
    raw character buffers comes first and is cheap, so the cell-by-cell test runs only on
    a column that holds a ``\\r``.
    """
    out = []
    for name in table.column_names:
        col = table.column(name)
        if not is_text(col.type) or not any(
            chunk.buffers()[2] is not None and _CR.search(memoryview(chunk.buffers()[2]))
            for chunk in col.chunks
        ):
            continue
        bare = pc.and_(
            pc.match_substring(col, "\r"), pc.invert(pc.match_substring_regex(col, '[,"\n]'))
        )
        bad = sorted_unique(col.filter(bare))
        if bad:
            message = (
                f"{len(bad)} value(s) with a carriage return the CSV leaves unquoted "
                "(a line end to CSV readers)"
            )
            out.append(failure(table_name, "csv_carriage_return", message, column=name, values=bad))
    return out


def check_primary_key(table_name: str, table: pa.Table) -> list[Failure]:
    """Primary-key values are present and unique."""
    t = get_table(table_name)
    missing_cols = [k for k in t.primary_key if k not in table.column_names]
    if missing_cols:
        message = f"primary key column(s) missing: {missing_cols}"
        return [Failure(table_name, "primary_key_columns", message, count=len(missing_cols))]
    pk = ", ".join(t.primary_key)
    if not all(vectorizable(table.column(k).type) for k in t.primary_key):
        return _primary_key_failures_py(table_name, table, t.primary_key)
    out = []
    empty = empty_mask(table.column(t.primary_key[0]))
    for k in t.primary_key[1:]:
        empty = pc.or_(empty, empty_mask(table.column(k)))
    nulls = pc.sum(empty).as_py() or 0
    if nulls:
        out.append(_empty_key(table_name, pk, nulls))
    keys = table.select(list(t.primary_key))
    if nulls:
        keys = keys.filter(pc.invert(empty))
    counts = keys.group_by(list(t.primary_key), use_threads=False).aggregate(
        [(t.primary_key[0], "count", pc.CountOptions(mode="all"))]
    )
    repeated = counts.filter(pc.greater(counts.column(counts.num_columns - 1), 1))
    if repeated.num_rows:
        cols = [repeated.column(k).to_pylist() for k in t.primary_key]
        dupes = sorted(zip(*cols, strict=True))
        shown = [k[0] if len(k) == 1 else k for k in dupes]
        out.append(_duplicate_key(table_name, pk, shown))
    return out


def _empty_key(table_name: str, pk: str, rows: int) -> Failure:
    message = f"{rows} row(s) with an empty primary key ({pk})"
    return Failure(table_name, "primary_key_empty", message, count=rows)


def _duplicate_key(table_name: str, pk: str, keys: list[Any]) -> Failure:
    message = f"duplicate primary key ({pk})"
    return failure(table_name, "primary_key_duplicate", message, values=keys)


def _primary_key_failures_py(
    table_name: str, table: pa.Table, primary_key: tuple[str, ...]
) -> list[Failure]:
    keys = key_tuples(table, primary_key)
    pk = ", ".join(primary_key)
    out = []
    nulls = [k for k in keys if any(v is None or v == "" for v in k)]
    if nulls:
        out.append(_empty_key(table_name, pk, len(nulls)))
    dupes = sorted(k for k, n in Counter(keys).items() if n > 1 and k not in nulls)
    if dupes:
        shown = [k[0] if len(k) == 1 else k for k in dupes]
        out.append(_duplicate_key(table_name, pk, shown))
    return out


def check_table(table_name: str, table: pa.Table) -> list[Failure]:
    """Every check of one table on its own: schema, then values, CSV cells and primary key.

    Everything Frictionless reports on the table's CSV resource without foreign keys
    (``validate_table``) is reported here too, many times faster (docs/scaling.md);
    tests/test_check_table.py holds the proof, constraint by constraint. (Stricter in one
    place: Frictionless lets a pattern-constrained value end in a newline, check_values
    does not.)
    """
    failures = check_schema(table_name, table)
    if failures:
        return failures
    return (
        check_values(table_name, table)
        + check_csv_cells(table_name, table)
        + check_primary_key(table_name, table)
    )
