"""Deterministic CSV: the same table always gives the same bytes.

UTF-8 without BOM, comma-separated, ``\\n`` line ends, a header row, quotes only where
needed; NULL is an empty cell, booleans are ``true``/``false``, dates ISO 8601. Nothing
depends on the locale, the platform or the clock.

The bytes are exactly those of Python's ``csv.writer(quoting=QUOTE_MINIMAL,
lineterminator="\\n")`` over ``format_cell`` of every cell (the reference, kept in
``tests/test_csvio.py``), but computed column by column with ``pyarrow.compute`` and joined
into rows in one pass.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import struct
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

# What CPython's csv writer quotes under QUOTE_MINIMAL (Modules/_csv.c, join_append_data):
# a field holding the delimiter, the quote character or a character of the line
# terminator ("\n" here; a lone "\r" is written bare), with quotes doubled inside; and a
# row made of a single empty field, written '""' so that it is not a blank line. The
# tests check this rule over every code point.
_NEEDS_QUOTES = r'[,"\n]'


def format_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv_row(cells: list[str]) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(cells)
    return buf.getvalue()


def _text_scalar(value: str) -> pa.Scalar:
    return pa.scalar(value, pa.large_string())


_TEXT = pa.large_string()
_QUOTE = _text_scalar('"')
_NO_QUOTE = _text_scalar("")


def _formatted(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Each cell as ``format_cell`` spells it, NULL kept NULL (the row join writes it "")."""
    t = col.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return pc.cast(col, pa.large_string())
    if pa.types.is_integer(t) or pa.types.is_date32(t):
        # str(int); date.isoformat() (years 1-9999, zero-padded to four digits).
        return pc.cast(pc.cast(col, pa.string()), pa.large_string())
    if pa.types.is_boolean(t):
        return pc.if_else(col, _text_scalar("true"), _text_scalar("false"))
    # Any other type: cell by cell, the reference way.
    return pa.chunked_array([pa.array([format_cell(v) for v in col.to_pylist()], _TEXT)])


def _cell_parts(col: pa.ChunkedArray) -> list[pa.ChunkedArray | pa.Scalar]:
    """The pieces that spell each cell of ``col`` in the CSV: [text], or [quote, text with
    its quotes doubled, quote] when some cells need quoting, the quote being '"' on those
    cells and "" elsewhere (so the rows are joined in one pass, without a copy per column).
    """
    text = _formatted(col)
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        return [text]  # numbers, booleans and ISO dates never need quotes
    needs = pc.match_substring_regex(text, _NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return [text]
    if pc.any(pc.match_substring(text, '"')).as_py():
        text = pc.replace_substring(text, '"', '""')
    quote = pc.if_else(needs, _QUOTE, _NO_QUOTE)
    return [quote, text, quote]


def _string_bytes(arr: pa.Array) -> pa.Buffer | bytes:
    """The concatenated values of a large_string array without nulls, without a copy."""
    if len(arr) == 0:
        return b""
    offsets, data = arr.buffers()[1:3]
    (first,) = struct.unpack_from("<q", offsets, 8 * arr.offset)
    (last,) = struct.unpack_from("<q", offsets, 8 * (arr.offset + len(arr)))
    return data[first:last] if data is not None else b""


def table_to_csv_bytes(table: pa.Table) -> bytes:
    return csv_header(table) + csv_body(table)


def csv_header(table: pa.Table) -> bytes:
    return _csv_row(table.column_names).encode("utf-8")


def csv_body(table: pa.Table) -> bytes:
    """The rows of the CSV without the header. Each row is rendered from its own cells
    alone, so the body of a table is the concatenation of the bodies of its slices (the
    publisher renders only the slices that changed, ``package.py``)."""
    if table.num_columns == 0 or table.num_rows == 0:
        return b""
    parts: list[pa.ChunkedArray | pa.Scalar] = []
    for i in range(table.num_columns):
        if i:
            parts.append(_text_scalar(","))
        parts += _cell_parts(table.column(i))
    if table.num_columns == 1:  # a lone empty cell is written '""', not a blank line
        empty = pc.fill_null(pc.equal(_formatted(table.column(0)), ""), True)
        parts.insert(0, pc.if_else(empty, _text_scalar('""'), _NO_QUOTE))
    parts.append(_text_scalar("\n"))
    # One pass writes every row; a NULL piece is written "" (null_handling="replace").
    lines = pc.binary_join_element_wise(
        *parts, _NO_QUOTE, null_handling="replace", null_replacement=""
    )
    return b"".join([_string_bytes(chunk) for chunk in lines.chunks])
