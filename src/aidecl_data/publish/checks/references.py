"""Check the references between tables, as the schema declares them: ``check_references``.

Foreign keys: every ``ForeignKey`` of a table in ``publish/schema/tables.py`` (a value
that is not empty names an existing row of the parent table). Spans: every ``SpanWithin``
of a table (``Table.spans_within``): the row's span lies inside the span of the row it
references. A new table needs no code here:

- list its foreign keys in its ``Table(foreign_keys=...)`` (``TO_DOCUMENT``, ``TO_CLAUSE``
  or ``_fk(...)``);
- a table with ``document_id`` and ``char_end`` columns gets the document rule
  (``char_end <= documents.char_count``) on its own;
- a span inside another row is declared with ``Table(spans=(SpanWithin(...),))``, e.g.
  an evidence span inside its clause: ``SpanWithin(("clause_id",), "clauses",
  ("clause_id",), parent_end="char_end", parent_start="char_start",
  start="evidence_start", end="evidence_end")``; that its end does not come before its
  start is then checked too (``table.check_values``).

The Dagster asset check ``references_resolve`` exists for every table with a foreign key
or a span rule (``pipelines/assets.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from aidecl_data.publish.checks.columns import (
    empty_mask,
    is_text,
    key_tuples,
    sorted_unique,
    vectorizable,
)
from aidecl_data.publish.checks.failure import Failure, failure
from aidecl_data.publish.schema import IN_DOCUMENT, TABLES, ForeignKey, SpanWithin, Table


def check_references(tables: Mapping[str, pa.Table], only: str | None = None) -> list[Failure]:
    """Every foreign key resolves and every span lies inside the row it references.

    ``only`` restricts the check to one child table (its parents must be in ``tables``).
    """
    return check_foreign_keys(tables, only) + check_spans(tables, only)


def has_references(t: Table) -> bool:
    """Whether ``check_references`` has anything to check on table ``t``."""
    return bool(t.foreign_keys or t.spans_within)


def check_foreign_keys(tables: Mapping[str, pa.Table], only: str | None = None) -> list[Failure]:
    """Every non-empty foreign key resolves to a row of the table it references."""
    out = []
    for t in TABLES:
        if (only is not None and t.name != only) or t.name not in tables:
            continue
        child = tables[t.name]
        for fk in t.foreign_keys:
            parent = tables.get(fk.parent)
            if parent is None:
                message = f"cannot check {list(fk.fields)}: table {fk.parent} missing"
                out.append(Failure(t.name, "parent_missing", message))
                continue
            if not set(fk.fields) <= set(child.column_names) or not set(fk.parent_fields) <= set(
                parent.column_names
            ):
                message = f"foreign key columns {list(fk.fields)} missing"
                out.append(Failure(t.name, "foreign_key_columns", message))
                continue
            shown = _dangling(child, parent, fk)
            if shown:
                target = ", ".join(f"{fk.parent}.{f}" for f in fk.parent_fields)
                message = f"{len(shown)} value(s) not found in {target}"
                column = ", ".join(fk.fields)
                out.append(failure(t.name, "foreign_key", message, column=column, values=shown))
    return out


def check_spans(tables: Mapping[str, pa.Table], only: str | None = None) -> list[Failure]:
    """Every span lies inside the span of the row it references (``Table.spans_within``):
    a document's decoded text (``char_end <= char_count``), a clause, ..."""
    out = []
    for t in TABLES:
        if (only is not None and t.name != only) or t.name not in tables:
            continue
        for rule in t.spans_within:
            parent = tables.get(rule.parent)
            if parent is None or not _has_columns(tables[t.name], parent, rule):
                continue  # reported by the foreign key and schema checks
            bad = _outside(tables[t.name], parent, rule, t.primary_key[-1])
            if bad:
                out.append(_span_failure(t.name, rule, bad))
    return out


def _has_columns(child: pa.Table, parent: pa.Table, rule: SpanWithin) -> bool:
    want_child = {*rule.fields, rule.end} | ({rule.start} if rule.parent_start else set())
    want_parent = {*rule.parent_fields, rule.parent_end} | (
        {rule.parent_start} if rule.parent_start else set()
    )
    return want_child <= set(child.column_names) and want_parent <= set(parent.column_names)


def _outside(child: pa.Table, parent: pa.Table, rule: SpanWithin, key: str) -> list[Any]:
    """The ``key`` values of the child rows whose span leaves their parent row's span.

    A key repeated in the parent takes its last row, as a dict built from the rows would
    (hence the reversed lookups)."""
    pk = child.column(key)
    ends, limit_end = child.column(rule.end), parent.column(rule.parent_end)
    ints = [ends, limit_end]
    if rule.parent_start:
        starts, limit_start = child.column(rule.start), parent.column(rule.parent_start)
        ints += [starts, limit_start]
    if len(rule.fields) == 1:
        ids, parent_ids = child.column(rule.fields[0]), parent.column(rule.parent_fields[0])
        if (
            vectorizable(ids.type)
            and ids.type == parent_ids.type
            and all(pa.types.is_integer(c.type) for c in ints)
        ):
            at = pc.index_in(ids, value_set=parent_ids[::-1])
            bad = pc.greater(ends, limit_end[::-1].take(at))
            if rule.parent_start:
                bad = pc.or_kleene(bad, pc.less(starts, limit_start[::-1].take(at)))
            return pk.filter(bad).to_pylist()
    span_of = {
        k: (s, e)
        for k, s, e in zip(
            key_tuples(parent, rule.parent_fields),
            parent.column(rule.parent_start).to_pylist()
            if rule.parent_start
            else [None] * parent.num_rows,
            limit_end.to_pylist(),
            strict=True,
        )
    }
    child_starts = starts.to_pylist() if rule.parent_start else [None] * child.num_rows
    out = []
    for k, ref, s, e in zip(
        pk.to_pylist(),
        key_tuples(child, rule.fields),
        child_starts,
        ends.to_pylist(),
        strict=True,
    ):
        if ref not in span_of:
            continue
        ps, pe = span_of[ref]
        if (e is not None and pe is not None and e > pe) or (
            s is not None and ps is not None and s < ps
        ):
            out.append(k)
    return out


def _span_failure(table_name: str, rule: SpanWithin, bad: list[Any]) -> Failure:
    if rule == IN_DOCUMENT:
        message = f"{len(bad)} span(s) past the end of the document"
    else:
        message = f"{len(bad)} span(s) outside the {rule.parent} row they reference"
    default = (rule.start, rule.end) == ("char_start", "char_end")
    column = "" if default else f"{rule.start}, {rule.end}"
    return failure(table_name, "span_outside", message, column=column, values=bad)


def _dangling(child: pa.Table, parent: pa.Table, fk: ForeignKey) -> list[Any]:
    """The distinct non-empty keys of ``child`` absent from ``parent``, sorted; a key of
    one field as its value, of several as a tuple."""
    if len(fk.fields) == 1:
        values = child.column(fk.fields[0])
        known = parent.column(fk.parent_fields[0])
        same_kind = values.type == known.type or (is_text(values.type) and is_text(known.type))
        if vectorizable(values.type) and same_kind:
            values = values.filter(pc.invert(empty_mask(values)))
            if known.type != values.type:
                known = known.cast(values.type)
            return sorted_unique(values.filter(pc.invert(pc.is_in(values, value_set=known))))
    known_keys = set(key_tuples(parent, fk.parent_fields))
    dangling = sorted(
        {
            k
            for k in key_tuples(child, fk.fields)
            if not any(v is None or v == "" for v in k) and k not in known_keys
        }
    )
    return [k[0] if len(k) == 1 else k for k in dangling]
