"""Deterministic CSV: the same table always gives the same bytes.

UTF-8 without BOM, comma-separated, ``\\n`` line ends, a header row, quotes only where
needed; NULL is an empty cell, booleans are ``true``/``false``, dates ISO 8601. Nothing
depends on the locale, the platform or the clock.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pyarrow as pa


def format_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table_to_csv_bytes(table: pa.Table) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.column_names)
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    for row in zip(*columns, strict=True):
        writer.writerow([format_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")
