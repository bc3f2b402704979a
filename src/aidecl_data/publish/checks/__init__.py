"""Checks that stand between a table and its publication, one module per job.

- ``table``: one table against its Table Schema, with Arrow (``check_table``);
- ``references``: foreign keys and spans across tables (``check_foreign_keys``,
  ``check_spans``);
- ``memory``: both on every in-memory table before staging (``check_tables``);
- ``frictionless_csv``: Frictionless on a table's CSV rendering (``validate_table``);
- ``package``: a package folder on disk (``check_package``, ``verify_staged``).

Each returns a list of one-line failure messages, empty when all is well; a message
starts with the table or file it concerns.
"""

from __future__ import annotations

from aidecl_data.publish.checks.columns import MAX_EXAMPLES, PY_WHITESPACE, re2_fullmatch_pattern
from aidecl_data.publish.checks.frictionless_csv import CHUNK_ROWS, validate_table
from aidecl_data.publish.checks.memory import check_tables
from aidecl_data.publish.checks.package import check_package, read_package_tables, verify_staged
from aidecl_data.publish.checks.references import check_foreign_keys, check_spans
from aidecl_data.publish.checks.table import (
    ENFORCED_CONSTRAINTS,
    check_csv_cells,
    check_primary_key,
    check_schema,
    check_table,
    check_values,
)

__all__ = [
    "CHUNK_ROWS",
    "ENFORCED_CONSTRAINTS",
    "MAX_EXAMPLES",
    "PY_WHITESPACE",
    "check_csv_cells",
    "check_foreign_keys",
    "check_package",
    "check_primary_key",
    "check_schema",
    "check_spans",
    "check_table",
    "check_tables",
    "check_values",
    "re2_fullmatch_pattern",
    "read_package_tables",
    "validate_table",
    "verify_staged",
]
