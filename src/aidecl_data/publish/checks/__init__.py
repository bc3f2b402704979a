"""Checks that stand between a table and its publication, one module per job.

- ``table``: one table against its Table Schema, with Arrow (``check_table``);
- ``references``: foreign keys and spans across tables, as the schema declares them
  (``check_references``; its docstring says how a new table gets checked);
- ``memory``: both on every in-memory table before staging (``check_tables``);
- ``frictionless_csv``: Frictionless on CSV (``validate_table``, ``validate_csv_resources``);
- ``package``: a package folder on disk (``verify_package``, ``verify_staged``).

Each returns a list of ``Failure`` records (``failure.py``), empty when all is well;
``describe`` turns one into the one-line message the command line prints.
"""

from __future__ import annotations

from aidecl_data.publish.checks.columns import PY_WHITESPACE, re2_fullmatch_pattern
from aidecl_data.publish.checks.failure import (
    MAX_EXAMPLES,
    Failure,
    describe,
    describe_all,
    flatten,
)
from aidecl_data.publish.checks.frictionless_csv import (
    CHUNK_ROWS,
    MAX_FAILURES_PER_CHECK,
    validate_csv_resources,
    validate_table,
)
from aidecl_data.publish.checks.memory import check_tables
from aidecl_data.publish.checks.package import (
    CHECK_THREADS,
    read_package_tables,
    verify_package,
    verify_staged,
)
from aidecl_data.publish.checks.references import (
    check_foreign_keys,
    check_references,
    check_spans,
    has_references,
)
from aidecl_data.publish.checks.table import (
    ENFORCED_CONSTRAINTS,
    check_csv_cells,
    check_primary_key,
    check_schema,
    check_table,
    check_values,
)

# The name the contract and older callers use for ``verify_package``.
check_package = verify_package

__all__ = [
    "CHECK_THREADS",
    "CHUNK_ROWS",
    "ENFORCED_CONSTRAINTS",
    "MAX_EXAMPLES",
    "MAX_FAILURES_PER_CHECK",
    "PY_WHITESPACE",
    "Failure",
    "check_csv_cells",
    "check_foreign_keys",
    "check_package",
    "check_primary_key",
    "check_references",
    "check_schema",
    "check_spans",
    "check_table",
    "check_tables",
    "check_values",
    "describe",
    "describe_all",
    "flatten",
    "has_references",
    "re2_fullmatch_pattern",
    "read_package_tables",
    "validate_csv_resources",
    "validate_table",
    "verify_package",
    "verify_staged",
]
