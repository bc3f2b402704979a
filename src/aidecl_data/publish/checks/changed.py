"""The blocking checks of one table, on the rows that changed only: ``check_table_changed``.

Why: adding one document to 10,000 ran every check on every row again (half of it the
row-by-row constraints, ``check_table``; figures in docs/scaling.md). The rows of an unchanged
document (same id, file name and sha256, same library: ``publish/incremental.py``) are
the rows that passed these very checks when the package in place was published, so the
constraints that look at one row at a time (types, required, enums, patterns, minimums,
CSV-safe cells) need only run on the rows of new and changed documents. What depends on
other rows is still checked on the whole table, with set operations:

- the primary key: unique among the new rows, and (when it does not contain
  ``document_id``, which separates the documents' rows) no kept row holds a new key;
- foreign keys and spans (``check_references``) are not affected: callers run them on
  the whole tables, as before.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from aidecl_data.publish.checks.failure import Failure
from aidecl_data.publish.checks.table import _duplicate_key, check_schema, check_table
from aidecl_data.publish.schema import get_table


def check_table_changed(name: str, table: pa.Table, unchanged: pa.Array | None) -> list[Failure]:
    """``check_table`` for a table whose rows of the documents in ``unchanged`` (a string
    array of document ids) passed it already; the whole table when ``unchanged`` is None
    or the table has no ``document_id``."""
    t = get_table(name)
    if unchanged is None or "document_id" not in table.column_names or len(unchanged) == 0:
        return check_table(name, table)
    failures = check_schema(name, table)
    if failures:
        return failures
    fresh_mask = pc.invert(pc.is_in(table.column("document_id"), value_set=unchanged))
    fresh = table.filter(fresh_mask)
    out = check_table(name, fresh)
    pk = list(t.primary_key)
    if "document_id" in pk or fresh.num_rows == 0:
        return out
    if len(pk) != 1:
        return check_table(name, table)  # no such table today: the whole check
    key = table.column(pk[0])
    clash = pc.and_(pc.invert(fresh_mask), pc.is_in(key, value_set=fresh.column(pk[0])))
    if pc.any(clash).as_py():
        out.append(_duplicate_key(name, pk[0], sorted(set(key.filter(clash).to_pylist()))))
    return out
