"""The vectorized CSV writer gives exactly the bytes of Python's csv module.

``reference_csv_bytes`` is the writer as it was before vectorization (csv.writer over
``format_cell`` of every cell); every test compares ``table_to_csv_bytes`` with it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidecl_data.publish.csvio import format_cell, table_to_csv_bytes
from aidecl_data.publish.tables import build_tables
from tests.fixtures_publish import sample_docs


def reference_csv_bytes(table: pa.Table) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.column_names)
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    for row in zip(*columns, strict=True):
        writer.writerow([format_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")


def test_quoting_rule_over_every_code_point():
    """Every code point in a cell: the vectorized writer quotes exactly where csv.writer does."""
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    cells = [f"a{c}b" for c in chars]
    lines: list[str] = []
    writer = csv.writer(_Lines(lines), lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["x", "y"])
    for cell in cells:
        writer.writerow([cell, "1"])
    table = pa.table({"x": cells, "y": ["1"] * len(cells)})
    assert table_to_csv_bytes(table) == "".join(lines).encode("utf-8")
    # The rule itself, to read: only comma, quote and newline; a lone "\r" stays bare.
    quoted = {c for c, line in zip(chars, lines[1:], strict=True) if line.startswith('"')}
    assert quoted == {",", '"', "\n"}


class _Lines:
    """A file for csv.writer that keeps each row it is given (one write() per row)."""

    def __init__(self, lines: list[str]):
        self.write = lines.append


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ({"a": [""], "b": [None]}, b"a,b\n,\n"),
        ({"a": [""]}, b'a\n""\n'),  # a lone empty cell is not a blank line
        ({"a": [None]}, b'a\n""\n'),
        ({"a": ["\r"]}, b"a\n\r\n"),
        ({"a": ['x"y', "p,q", "l\nm"]}, b'a\n"x""y"\n"p,q"\n"l\nm"\n'),
        ({"a": [True, False, None]}, b'a\ntrue\nfalse\n""\n'),
        ({"a": [dt.date(5, 1, 2), None]}, b'a\n0005-01-02\n""\n'),
        ({"a": pa.array([-3, None, 2**63 - 1], pa.int64())}, b'a\n-3\n""\n9223372036854775807\n'),
        ({"a": pa.array([], pa.string()), "b": pa.array([], pa.int64())}, b"a,b\n"),
        ({"a,b": ["1"], 'c"': ["2"]}, b'"a,b","c"""\n1,2\n'),
        ({"a": pa.array([1.0, 2.5])}, b"a\n1.0\n2.5\n"),  # other types: cell by cell
    ],
)
def test_spelling(columns, expected):
    table = pa.table(columns)
    assert table_to_csv_bytes(table) == expected == reference_csv_bytes(table)


def test_no_columns():
    table = pa.table({})
    assert table_to_csv_bytes(table) == reference_csv_bytes(table)


def test_package_tables_and_slices():
    for table in build_tables(sample_docs()).values():
        assert table_to_csv_bytes(table) == reference_csv_bytes(table)
        part = table.slice(1, 2)  # offset arrays
        assert table_to_csv_bytes(part) == reference_csv_bytes(part)


def test_several_chunks():
    table = pa.concat_tables([pa.table({"a": ["x,", None], "b": [1, 2]})] * 3)
    assert table.column(0).num_chunks == 3
    assert table_to_csv_bytes(table) == reference_csv_bytes(table)
    misaligned = pa.table(
        {
            "a": pa.chunked_array([[1], [2, 3]]),
            "b": pa.chunked_array([["x,", "y"], ["z"]]),
            "c": pa.chunked_array([[], [True, None, False]], pa.bool_()),
        }
    )
    assert table_to_csv_bytes(misaligned) == b'a,b,c\n1,"x,",true\n2,y,\n3,z,false\n'
    assert table_to_csv_bytes(misaligned) == reference_csv_bytes(misaligned)


# -- property ----------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from([",", '"', "\n", "\r", " ", "\t", "é", "\u2028", "\x00"]),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=8,
)
COLUMN_KINDS = {
    "string": (st.one_of(st.none(), TEXT), pa.string()),
    "large_string": (st.one_of(st.none(), TEXT), pa.large_string()),
    "int64": (st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), pa.int64()),
    "int32": (st.one_of(st.none(), st.integers(-(2**31), 2**31 - 1)), pa.int32()),
    "bool": (st.one_of(st.none(), st.booleans()), pa.bool_()),
    "date": (st.one_of(st.none(), st.dates()), pa.date32()),
}


@st.composite
def tables(draw) -> pa.Table:
    n_rows = draw(st.integers(0, 6))
    kinds = draw(st.lists(st.sampled_from(sorted(COLUMN_KINDS)), min_size=1, max_size=4))
    names = draw(st.lists(TEXT, min_size=len(kinds), max_size=len(kinds), unique=True))
    columns = {}
    for name, kind in zip(names, kinds, strict=True):
        values, typ = COLUMN_KINDS[kind]
        columns[name] = pa.array(draw(st.lists(values, min_size=n_rows, max_size=n_rows)), typ)
    table = pa.table(columns)
    if n_rows > 1 and draw(st.booleans()):  # several chunks, and a sliced one
        table = pa.concat_tables([table.slice(0, 1), table.slice(1)])
    return table


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_same_bytes_as_the_csv_module(table: pa.Table):
    assert table_to_csv_bytes(table) == reference_csv_bytes(table)
