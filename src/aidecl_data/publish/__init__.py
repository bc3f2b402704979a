"""Publishing the data package: files, descriptor, DuckDB, checks, atomic swap.

``publish_package(tables, out_dir)`` does it all; ``stage_package``, ``verify_package`` and
``commit_package`` are its steps, and ``aidecl_data.publish.checks`` holds the checks (the
Dagster asset checks call them on in-memory tables), which return ``Failure`` records.
"""

from __future__ import annotations

from aidecl_data.publish.checks import (
    Failure,
    check_foreign_keys,
    check_package,
    check_primary_key,
    check_references,
    check_spans,
    check_table,
    check_tables,
    check_values,
    describe,
    validate_table,
    verify_package,
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
    "Failure",
    "PublishError",
    "PublishResult",
    "check_foreign_keys",
    "check_package",
    "check_primary_key",
    "check_references",
    "check_spans",
    "check_table",
    "check_tables",
    "check_values",
    "commit_package",
    "describe",
    "publish_package",
    "recover_interrupted_publish",
    "sources_from_documents",
    "stage_package",
    "table_to_csv_bytes",
    "validate_table",
    "verify_package",
    "verify_staged",
]
