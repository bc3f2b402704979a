"""Parsed documents in, one pyarrow table per published table out.

The shape of every table comes from ``aidecl_data.schema``: columns in schema order, the
schema's types, rows in the schema's order (which ends with the primary key, so the order is
total and the output does not depend on the order of the input documents). Absent values
("" in the row dataclasses) become NULL, the one spelling of "nothing" in the package.

Initiatives are the one cross-document table: each document lists the initiatives it
mentions; here they are merged by ``initiative_id`` and given one canonical name and kind.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from aidecl_data.model import InitiativeRow, ParsedDocument
from aidecl_data.schema import TABLES, Table, arrow_schema, get_table


class TableBuildError(ValueError):
    """A row value that cannot take its column's type (e.g. a date that is not ISO)."""


def _convert(value: Any, ftype: str, where: str) -> Any:
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


def _sort_key(row: dict[str, Any], key: tuple[str, ...]) -> tuple:
    # (is-null, value) pairs: NULLs sort last and never meet a value of another type.
    return tuple((row[k] is None, row[k] if row[k] is not None else 0) for k in key)


def canonical_initiatives(rows: Iterable[InitiativeRow]) -> list[InitiativeRow]:
    """One row per ``initiative_id``: its most frequent name and kind across documents.

    Ties go to the longest name (the most explicit form, not an acronym), then the
    alphabetically first (for ``kind``, the
    alphabetically first), so the result does not depend on the order of the documents.
    """
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        names[r.initiative_id][r.name] += 1
        kinds[r.initiative_id][r.kind] += 1
    out = []
    for iid in sorted(names):
        name = min(names[iid].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]
        kind = min(kinds[iid].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        out.append(InitiativeRow(iid, name, kind))
    return out


def _source_rows(table: str, docs: list[ParsedDocument]) -> list[Any]:
    if table == "documents":
        return [d.document for d in docs]
    if table == "initiatives":
        return canonical_initiatives(r for d in docs for r in d.initiatives)
    return [r for d in docs for r in getattr(d, table)]


def rows_for(table: str | Table, docs: Iterable[ParsedDocument]) -> list[dict[str, Any]]:
    """The rows of ``table`` as dicts of typed values (None for absent), in publishing order."""
    t = get_table(table) if isinstance(table, str) else table
    docs = list(docs)
    columns = [(f.name, f.type) for f in t.columns]
    out = []
    for src in _source_rows(t.name, docs):
        where_id = getattr(src, t.primary_key[0], "?")
        row = {}
        for name, ftype in columns:
            row[name] = _convert(getattr(src, name), ftype, f"{t.name} {where_id} {name}")
        out.append(row)
    key = t.sort_key
    out.sort(key=lambda r: _sort_key(r, key))
    return out


def table_from_rows(table: str | Table, rows: list[dict[str, Any]]) -> pa.Table:
    """A pyarrow table with the schema's types from rows of typed values."""
    t = get_table(table) if isinstance(table, str) else table
    schema = arrow_schema(t)
    arrays = [pa.array([r[f.name] for r in rows], type=f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def empty_table(table: str | Table) -> pa.Table:
    return arrow_schema(table).empty_table()


def build_tables(docs: Iterable[ParsedDocument]) -> dict[str, pa.Table]:
    """Every table of the package (all of them, even when empty), keyed by table name."""
    docs = list(docs)
    return {t.name: table_from_rows(t, rows_for(t, docs)) for t in TABLES}
