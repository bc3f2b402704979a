"""A check failure as data: what failed, where, how often, with a few examples.

Every check returns a list of ``Failure`` records (empty when all is well); only the edges
format them: ``describe`` gives the one-line message the CLI prints and ``PublishError``
carries, ``as_dict`` the JSON of ``aidecl validate --json`` and of the Dagster asset
checks' metadata. Tests compare records (``(table, column, kind)`` and counts), the way
frictionless compares ``report.flatten([...])``, never message text.

``kind`` names the rule broken. The checks of this package use:

- one table (``table.py``): ``columns``, ``type``, ``required``, ``enum``, ``pattern``,
  ``minimum``, ``span_order``, ``csv_carriage_return``, ``primary_key_columns``,
  ``primary_key_empty``, ``primary_key_duplicate``;
- references (``references.py``): ``foreign_key``, ``foreign_key_columns``,
  ``parent_missing``, ``span_outside``; ``table_missing`` (``memory.py``);
- files of a package (``package.py``): ``descriptor_missing``, ``descriptor_unreadable``,
  ``resource_missing``, ``file_missing``, ``sha256``, ``size``, ``rows_differ``,
  ``row_count``, ``database_missing``, ``database_error``, ``descriptor_invalid``;
- Frictionless (``frictionless_csv.py``): Frictionless's own error type
  (``type-error``, ``constraint-error``, ``primary-key``, ...) and ``more-errors``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

MAX_EXAMPLES = 3


@dataclass(frozen=True)
class Failure:
    """One broken rule.

    ``table``: the table concerned (empty for a file that is no table's); ``column``: its
    column(s), comma-separated, when the rule is about columns; ``file``: for a check of
    files, the file's path in the package (``data/clauses.csv``, ``aidecl.duckdb``);
    ``count``: how many rows, values or spans break the rule (distinct values for enum,
    pattern, minimum and keys); ``examples``: the first few of them, sorted; ``message``:
    the rule in words, without the place and the examples; ``row``: the CSV row number
    for Frictionless (1 is the header), 0 otherwise.
    """

    table: str
    kind: str
    message: str
    column: str = ""
    count: int = 0
    examples: tuple[Any, ...] = ()
    file: str = ""
    row: int = 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: examples as JSON values (a composite key as a list)."""
        return {
            "table": self.table,
            "column": self.column,
            "kind": self.kind,
            "count": self.count,
            "examples": [_json_value(v) for v in self.examples],
            "file": self.file,
            "row": self.row,
            "message": self.message,
        }


def failure(
    table: str, kind: str, message: str, *, column: str = "", values: list[Any] | None = None
) -> Failure:
    """A failure about ``values`` (all of the offending ones, sorted): their number is the
    count and the first ``MAX_EXAMPLES`` the examples."""
    values = values or []
    return Failure(
        table,
        kind,
        message,
        column=column,
        count=len(values),
        examples=tuple(values[:MAX_EXAMPLES]),
    )


def describe(f: Failure) -> str:
    """The one-line message: ``<where>: <message>[: <examples> (+n more)]``."""
    if f.file:
        where = f.file
    elif f.row:
        where = f"{f.table} (row {f.row}" + (f", field {f.column})" if f.column else ")")
    else:
        where = f"{f.table}.{f.column}" if f.column else f.table
    text = f"{where}: {f.message}"
    if f.examples:
        text += ": " + ", ".join(repr(v) for v in f.examples)
        if f.count > len(f.examples):
            text += f" (+{f.count - len(f.examples)} more)"
    return text


def describe_all(failures: list[Failure]) -> list[str]:
    return [describe(f) for f in failures]


def flatten(
    failures: list[Failure], fields: tuple[str, ...] = ("table", "column", "kind")
) -> list[tuple[Any, ...]]:
    """The ``fields`` of each failure, in order (as frictionless' ``report.flatten``): what
    tests compare with an expected list."""
    return [tuple(getattr(f, name) for name in fields) for f in failures]


def _json_value(v: Any) -> Any:
    if isinstance(v, tuple):
        return [_json_value(x) for x in v]
    if isinstance(v, dt.date):
        return v.isoformat()
    if v is None or isinstance(v, str | int | float | bool):
        return v
    return repr(v)
