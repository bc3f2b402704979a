"""Parsed documents in, one pyarrow table per published table out.

The shape of every table comes from ``aidecl_data.publish.schema``: columns in schema order, the
schema's types, rows in the schema's order (which ends with the primary key, so the order is
total and the output does not depend on the order of the input documents). Absent values
("" in the row dataclasses) become NULL, the one spelling of "nothing" in the package.

Initiatives are the one cross-document table: each document lists the initiatives it
mentions; here they are merged by ``initiative_id`` and given one canonical name and kind.

Why it is built column by column: the former row-by-row build (a dict per row,
``_convert`` per cell, a Python sort on tuple keys) was about twice as slow as columns
made straight from row tuples, checked once per column and sorted by
``pc.sort_indices`` (docs/scaling.md). The per-cell path survives as the fallback of a
column that fails the fast checks, so a bad value is still reported with its table, row id
and column, with the same rules as before:

- a column whose values are all of the expected Python type (``str`` for strings and
  dates, ``int`` but not ``bool`` for integers, ``bool`` for booleans; ``None`` anywhere)
  goes through ``pa.array`` at once; "" becomes NULL with one vectorized comparison;
- dates are cast from their ISO strings and cast back: a string that does not survive the
  round trip (not ``YYYY-MM-DD``, or not a real day) takes the per-cell path, where Python's
  ``date.fromisoformat`` accepts or rejects it as it always did;
- rows are ordered with ``pc.sort_indices`` (stable, nulls at the end of each key, as the
  former ``(is None, value)`` keys did). Strings compare by their UTF-8 bytes in Arrow and by
  code points in Python: the same order, since UTF-8 preserves code point order (strings
  that cannot be UTF-8, lone surrogates, cannot enter a pyarrow table at all).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from operator import attrgetter, itemgetter
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from aidecl_data.parse.model import InitiativeRow, ParsedDocument
from aidecl_data.publish.schema import TABLES, Table, arrow_schema, get_table

# The attribute of ``ParsedDocument`` holding each table's rows ("document" is one row).
ROW_ATTRIBUTE: dict[str, str] = {t.name: t.name for t in TABLES} | {"documents": "document"}
# The per-document tables: every table but initiatives, which is merged across documents.
DOCUMENT_TABLES: tuple[Table, ...] = tuple(t for t in TABLES if t.name != "initiatives")
INITIATIVES = get_table("initiatives")

_SCHEMAS: dict[str, pa.Schema] = {t.name: arrow_schema(t) for t in TABLES}
_GETTERS: dict[str, attrgetter] = {t.name: attrgetter(*(f.name for f in t.columns)) for t in TABLES}
_NONE = type(None)
# The Python types a column may hold for the fast path (None aside); anything else, e.g.
# a float in an integer column (which pa.array would silently truncate), takes the
# per-cell path of ``_convert``.
_FAST_TYPES: dict[str, frozenset[type]] = {
    "string": frozenset({str}),
    "date": frozenset({str}),
    "integer": frozenset({int}),
    "boolean": frozenset({bool}),
}
_ARROW_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError)


class TableBuildError(ValueError):
    """A row value that cannot take its column's type (e.g. a date that is not ISO)."""


def _convert(value: Any, ftype: str, where: str) -> Any:
    """One cell as its typed value (None for absent): the reference rules, cell by cell."""
    if value is None or value == "":
        return None
    if ftype == "date":
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise TableBuildError(f"{where}: {value!r} is not an ISO date") from None
    if ftype == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TableBuildError(f"{where}: {value!r} is not an integer")
        return value
    if ftype == "boolean":
        if not isinstance(value, bool):
            raise TableBuildError(f"{where}: {value!r} is not a boolean")
        return value
    if not isinstance(value, str):
        raise TableBuildError(f"{where}: {value!r} is not a string")
    return value


def _blank_to_null(arr: pa.Array) -> pa.Array:
    blank = pc.equal(arr, "")
    if not pc.any(blank).as_py():
        return arr
    return pc.if_else(blank, pa.scalar(None, arr.type), arr)


def _fast_array(values: Sequence, ftype: str, atype: pa.DataType) -> pa.Array | None:
    """The column built at once, or None when it needs the per-cell rules."""
    types = set(map(type, values))
    types.discard(_NONE)
    if not types <= _FAST_TYPES[ftype]:
        return None
    try:
        if ftype == "string":
            return _blank_to_null(pa.array(values, type=atype))
        if ftype == "date":
            text = _blank_to_null(pa.array(values, type=pa.string()))
            dates = pc.cast(text, atype)
            if pc.all(pc.equal(pc.cast(dates, pa.string()), text)).as_py() is False:
                return None  # e.g. a day Arrow parses leniently: let Python decide
            return dates
        return pa.array(values, type=atype)
    except _ARROW_ERRORS:
        return None


def column_array(
    table: Table, name: str, ftype: str, atype: pa.DataType, values: Sequence, ids: Sequence
) -> pa.Array:
    """One column of ``table`` as an Arrow array; ``ids`` name the rows in error messages."""
    arr = _fast_array(values, ftype, atype)
    if arr is not None:
        return arr
    cells = [_convert(v, ftype, f"{table.name} {ids[i]} {name}") for i, v in enumerate(values)]
    return pa.array(cells, type=atype)


def transpose(rows: Sequence[tuple], width: int, what: str = "rows") -> list[list]:
    """Row tuples of ``width`` values -> one list per column.

    Lists, not the tuples ``zip(*rows)`` gives: ``pa.array`` converts a list much faster
    than a tuple, and ``map(itemgetter(i), rows)`` beats ``zip(*rows)`` too.
    """
    if set(map(len, rows)) - {width}:
        raise TableBuildError(f"{what}: rows that do not have {width} values")
    return [list(map(itemgetter(i), rows)) for i in range(width)]


def table_from_tuples(table: str | Table, rows: Sequence[tuple]) -> pa.Table:
    """A pyarrow table with the schema's types from row tuples in schema column order.

    The rows keep their order (see ``sort_table``); "" becomes NULL; a value of the wrong
    type raises ``TableBuildError`` naming the table, the row's id and the column.
    """
    t = get_table(table) if isinstance(table, str) else table
    schema = _SCHEMAS[t.name]
    if not rows:
        return schema.empty_table()
    columns = transpose(rows, len(schema), t.name)
    ids = columns[schema.get_field_index(t.primary_key[0])]
    arrays = [
        column_array(t, f.name, fdesc.type, f.type, col, ids)
        for f, fdesc, col in zip(schema, t.columns, columns, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def sort_table(table: str | Table, data: pa.Table) -> pa.Table:
    """``data`` in the schema's row order (``Table.sort_key``), NULLs last in each key."""
    t = get_table(table) if isinstance(table, str) else table
    if data.num_rows < 2:
        return data
    keys = [(k, "ascending", "at_end") for k in t.sort_key]
    order = pc.sort_indices(data, sort_keys=keys)
    return data.take(order)


# Above this many new documents, one sort of everything beats inserting their blocks.
MAX_INSERTED_DOCUMENTS = 64


def insert_documents(table: str | Table, kept: pa.Table, new: pa.Table) -> pa.Table:
    """``sort_table`` of ``kept`` + ``new``, where ``kept`` is in order already and ``new``
    holds the rows of a few documents that are not in ``kept``.

    Every per-document table is ordered by ``document_id`` first, so a document's rows form
    one block of the result: the new blocks are inserted between zero-copy slices of
    ``kept`` instead of sorting and copying all rows again.
    """
    t = get_table(table) if isinstance(table, str) else table
    if new.num_rows == 0:
        return kept
    if kept.num_rows == 0 or t.sort_key[0] != "document_id":
        return sort_table(t, pa.concat_tables([kept, new]))
    new_ids = new.column("document_id")
    doc_ids = pc.unique(new_ids)
    if new_ids.null_count or len(doc_ids) > MAX_INSERTED_DOCUMENTS:
        return sort_table(t, pa.concat_tables([kept, new]))
    new = sort_table(t, new)
    new_ids = new.column("document_id")
    kept_ids = kept.column("document_id")
    pieces, done = [], 0
    for doc_id in sorted(doc_ids.to_pylist()):
        at = pc.sum(pc.less(kept_ids, doc_id)).as_py() or 0  # NULLs (last) are not counted
        start = pc.sum(pc.less(new_ids, doc_id)).as_py() or 0
        count = pc.sum(pc.equal(new_ids, doc_id)).as_py() or 0
        pieces += [kept.slice(done, at - done), new.slice(start, count)]
        done = at
    pieces.append(kept.slice(done))
    return pa.concat_tables(pieces)


def remove_documents(table: str | Table, data: pa.Table, doc_ids: Iterable[str]) -> pa.Table:
    """``data`` (in the schema's order) without the rows of ``doc_ids`` (a few documents).

    Their rows are blocks of the ordered table (see ``insert_documents``): cutting them out
    leaves zero-copy slices, where a filter copied every row.
    """
    t = get_table(table) if isinstance(table, str) else table
    doc_ids = sorted(set(doc_ids))
    if not doc_ids or data.num_rows == 0:
        return data
    ids = data.column("document_id")
    if t.sort_key[0] != "document_id" or len(doc_ids) > MAX_INSERTED_DOCUMENTS:
        return data.filter(pc.invert(pc.is_in(ids, value_set=pa.array(doc_ids, pa.string()))))
    pieces, done = [], 0
    for doc_id in doc_ids:
        start = pc.sum(pc.less(ids, doc_id)).as_py() or 0
        count = pc.sum(pc.equal(ids, doc_id)).as_py() or 0
        pieces.append(data.slice(done, start - done))
        done = start + count
    pieces.append(data.slice(done))
    return pa.concat_tables(pieces)


# The initiative columns merged across documents, after ``initiative_id``.
INITIATIVE_VALUES = ("name", "kind", "name_en", "name_fr")


def _most_frequent(values: list[tuple[str, int]], column: str) -> str:
    if column in ("name_en", "name_fr"):
        values = [kv for kv in values if kv[0]] or [("", 0)]  # a name where one is known
    if column == "kind":
        return min(values, key=lambda kv: (-kv[1], kv[0]))[0]
    return min(values, key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]


def canonical_from_counts(counts: dict[str, dict[tuple[str, str], int]]) -> list[tuple[str, ...]]:
    """The merge rule of ``canonical_initiatives`` on counts of ``(id, value)`` per column
    of ``INITIATIVE_VALUES``."""
    per: dict[str, dict[str, list[tuple[str, int]]]] = {c: defaultdict(list) for c in counts}
    for column, pairs in counts.items():
        for (iid, value), n in pairs.items():
            per[column][iid].append((value, n))
    out = []
    for iid in sorted(per["name"]):
        values = [_most_frequent(per[c].get(iid, [("", 0)]), c) for c in INITIATIVE_VALUES]
        out.append((iid, *values))
    return out


def _padded(rows: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    width = 1 + len(INITIATIVE_VALUES)
    return [tuple(r) + ("",) * (width - len(r)) for r in rows]


def canonical_initiative_tuples(rows: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """``canonical_initiatives`` on ``(initiative_id, name, kind, name_en, name_fr)`` tuples
    (the fast form; shorter tuples have empty names)."""
    rows = _padded(rows)
    counts = {
        c: Counter((r[0], r[k]) for r in rows) for k, c in enumerate(INITIATIVE_VALUES, start=1)
    }
    return canonical_from_counts(counts)


def _pair_counts(table: pa.Table, a: str, b: str) -> dict[tuple[str, str], int]:
    counts = table.group_by([a, b], use_threads=False).aggregate([([], "count_all")])
    cols = [counts.column(n).to_pylist() for n in (a, b, "count_all")]
    return {(x, y): n for x, y, n in zip(*cols, strict=True)}


def canonical_initiative_table(rows: pa.Table) -> list[tuple[str, ...]]:
    """``canonical_initiatives`` on a table with columns initiative_id, name, kind (and
    name_en, name_fr when present).

    Counted by ``group_by`` in Arrow: the 135,000 initiative rows of 10,000 documents become
    a few hundred distinct pairs without a Python object per row.
    """
    if rows.num_rows == 0:
        return []
    for c in INITIATIVE_VALUES:
        if c not in rows.column_names:
            rows = rows.append_column(c, pa.array([""] * rows.num_rows, pa.string()))
    ids = rows.select(["initiative_id", *INITIATIVE_VALUES])
    return canonical_from_counts(
        {c: _pair_counts(ids, "initiative_id", c) for c in INITIATIVE_VALUES}
    )


def canonical_initiatives(rows: Iterable[InitiativeRow]) -> list[InitiativeRow]:
    """One row per ``initiative_id``: its most frequent name and kind across documents, and
    its most frequent non-empty English and French names.

    Ties go to the longest name (the most explicit form, not an acronym), then the
    alphabetically first (for ``kind``, the
    alphabetically first), so the result does not depend on the order of the documents.
    """
    merged = canonical_initiative_tuples(
        (r.initiative_id, r.name, r.kind, r.name_en, r.name_fr) for r in rows
    )
    return [InitiativeRow(*r) for r in merged]


def initiatives_table(rows: Iterable[tuple[str, ...]] | pa.Table) -> pa.Table:
    """The published initiatives table from every document's ``(id, name, kind, name_en,
    name_fr)`` rows."""
    if isinstance(rows, pa.Table):
        merged = canonical_initiative_table(rows)
    else:
        merged = canonical_initiative_tuples(rows)
    return sort_table(INITIATIVES, table_from_tuples(INITIATIVES, merged))


def document_tuples(docs: Iterable[ParsedDocument]) -> dict[str, list[tuple]]:
    """Every table's rows as tuples in schema column order (initiatives not merged)."""
    out: dict[str, list[tuple]] = {t.name: [] for t in TABLES}
    for d in docs:
        out["documents"].append(_GETTERS["documents"](d.document))
        for t in TABLES[1:]:
            get = _GETTERS[t.name]
            out[t.name].extend(get(r) for r in getattr(d, t.name))
    return out


def rows_for(table: str | Table, docs: Iterable[ParsedDocument]) -> list[dict[str, Any]]:
    """The rows of ``table`` as dicts of typed values (None for absent), in publishing order."""
    t = get_table(table) if isinstance(table, str) else table
    rows = document_tuples(docs)[t.name]
    if t.name == "initiatives":
        return initiatives_table(rows).to_pylist()
    return sort_table(t, table_from_tuples(t, rows)).to_pylist()


def build_tables(docs: Iterable[ParsedDocument]) -> dict[str, pa.Table]:
    """Every table of the package (all of them, even when empty), keyed by table name."""
    rows = document_tuples(docs)
    out = {}
    for t in TABLES:
        if t.name == "initiatives":
            out[t.name] = initiatives_table(rows[t.name])
        else:
            out[t.name] = sort_table(t, table_from_tuples(t, rows[t.name]))
    return out
