"""Publishing the data package: files, descriptor, DuckDB, checks, atomic swap.

``publish_package(tables, out_dir)`` does it all; ``stage_package``, ``check_package`` and
``commit_package`` are its steps, and ``aidecl_data.publish.checks`` holds the pure checks
the Dagster asset checks call on in-memory tables.
"""

from __future__ import annotations

from aidecl_data.publish.checks import (
    check_foreign_keys,
    check_package,
    check_primary_key,
    check_spans,
    check_table,
    check_tables,
    check_values,
    validate_table,
    verify_staged,
)
from aidecl_data.publish.commit import CommitError, commit_package, recover_interrupted_publish
from aidecl_data.publish.csvio import table_to_csv_bytes
from aidecl_data.publish.database import DATABASE_FILE
from aidecl_data.publish.package import (
    DESCRIPTOR_FILE,
    PublishError,
    PublishResult,
    publish_package,
    sources_from_documents,
    stage_package,
)

__all__ = [
    "DATABASE_FILE",
    "DESCRIPTOR_FILE",
    "CommitError",
    "PublishError",
    "PublishResult",
    "check_foreign_keys",
    "check_package",
    "check_primary_key",
    "check_spans",
    "check_table",
    "check_tables",
    "check_values",
    "commit_package",
    "publish_package",
    "recover_interrupted_publish",
    "sources_from_documents",
    "stage_package",
    "table_to_csv_bytes",
    "validate_table",
    "verify_staged",
]
