"""Check the references between tables: foreign keys and spans (``check_references``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from aidecl_data.publish.checks.columns import (
    empty_mask,
    examples,
    is_text,
    key_tuples,
    sorted_unique,
    vectorizable,
)
from aidecl_data.publish.schema import TABLES, ForeignKey


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


def check_foreign_keys(tables: Mapping[str, pa.Table], only: str | None = None) -> list[str]:
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
            shown = _dangling(child, parent, fk)
            if shown:
                target = ", ".join(f"{fk.parent}.{f}" for f in fk.parent_fields)
                out.append(
                    f"{t.name}.{', '.join(fk.fields)}: {len(shown)} value(s) not found in "
                    f"{target}: {examples(shown)}"
                )
    return out


def check_spans(tables: Mapping[str, pa.Table], only: str | None = None) -> list[str]:
    """Every span lies inside its document's decoded text (``char_end <= char_count``)."""
    docs = tables.get("documents")
    if docs is None or "char_count" not in docs.column_names:
        return []
    doc_ids = docs.column("document_id")
    counts = docs.column("char_count")
    length: dict[Any, Any] | None = None
    out = []
    for t in TABLES:
        if (only is not None and t.name != only) or t.name not in tables:
            continue
        table = tables[t.name]
        if not {"document_id", "char_end"} <= set(table.column_names):
            continue
        pk = table.column(t.primary_key[-1])
        ids, ends = table.column("document_id"), table.column("char_end")
        if (
            vectorizable(ids.type)
            and ids.type == doc_ids.type
            and pa.types.is_integer(ends.type)
            and pa.types.is_integer(counts.type)
        ):
            # Reversed, so that a repeated document_id takes its last char_count, as a
            # dict built from the rows would.
            at = pc.index_in(ids, value_set=doc_ids[::-1])
            limit = counts[::-1].take(at)
            bad = pk.filter(pc.greater(ends, limit)).to_pylist()
        else:
            if length is None:
                length = dict(zip(doc_ids.to_pylist(), counts.to_pylist(), strict=True))
            bad = [
                k
                for k, d, e in zip(pk.to_pylist(), ids.to_pylist(), ends.to_pylist(), strict=True)
                if d in length and e is not None and length[d] is not None and e > length[d]
            ]
        if bad:
            out.append(
                f"{t.name}: {len(bad)} span(s) past the end of the document: {examples(bad)}"
            )
    return out
