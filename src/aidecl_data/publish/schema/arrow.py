"""pyarrow schemas generated from the schema: the types of the in-memory and Parquet tables.

Required fields are non-nullable, so Parquet marks them REQUIRED; every field carries its
description in its metadata, so a Parquet file documents itself.
"""

from __future__ import annotations

import pyarrow as pa

from aidecl_data.publish.schema.tables import Table, get_table

ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


def arrow_schema(table: str | Table) -> pa.Schema:
    """The pyarrow schema of ``table`` (a name or a ``Table``), columns in schema order."""
    t = get_table(table) if isinstance(table, str) else table
    fields = [
        pa.field(
            f.name,
            ARROW_TYPES[f.type],
            nullable=not f.required,
            metadata={"description": f.description},
        )
        for f in t.columns
    ]
    return pa.schema(
        fields,
        metadata={
            "table": t.name,
            "description": t.description,
            "primary_key": ",".join(t.primary_key),
        },
    )
