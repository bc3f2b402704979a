"""The blocking checks of one table, row constraints on the rows that changed only:
``check_table_changed``.

Why: adding one document to 10,000 ran every check on every row again (half of it the
row-by-row constraints of ``check_table``; figures in docs/scaling.md). The rows of an
unchanged document (same id, file name and sha256, same library: ``publish/incremental.py``)
are the rows that passed these very checks when the package in place was published, so
the constraints that look at one row at a time (required, enums, patterns, minimums,
CSV-safe cells) need only run on the rows of new and changed documents. What depends on
every row is still checked on the whole table: the columns and types, and the primary
key (a row of an unchanged document that assembly duplicated by mistake must still stop
the build, ``tests/test_build_faults.py``). Foreign keys and spans
(``check_references``) are not affected: callers run them on whole tables, as before.

What this trusts: that the rows of unchanged documents are the rows published (the row
store and assembly keep them; ``tests/test_incremental_publish.py`` compares incremental
and from-scratch packages byte for byte). A value altered in place in such a row would
pass here (not a duplicated or missing key), where the full check would have stopped it.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from aidecl_data.publish.checks.failure import Failure
from aidecl_data.publish.checks.table import (
    check_csv_cells,
    check_primary_key,
    check_schema,
    check_table,
    check_values,
)


def check_table_changed(name: str, table: pa.Table, unchanged: pa.Array | None) -> list[Failure]:
    """``check_table`` for a table whose rows of the documents in ``unchanged`` (a string
    array of document ids) passed it already; the whole table when ``unchanged`` is None
    or empty, or the table has no ``document_id``."""
    if unchanged is None or "document_id" not in table.column_names or len(unchanged) == 0:
        return check_table(name, table)
    failures = check_schema(name, table)
    if failures:
        return failures
    fresh = table.filter(pc.invert(pc.is_in(table.column("document_id"), value_set=unchanged)))
    return check_values(name, fresh) + check_csv_cells(name, fresh) + check_primary_key(name, table)
