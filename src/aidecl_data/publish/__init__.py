"""Publishing the data package: files, descriptor, DuckDB, checks, atomic swap.

``publish_package(tables, out_dir)`` does it all; ``stage_package``, ``verify_package`` and
``commit_package`` are its steps, and ``aidecl_data.publish.checks`` holds the checks (the
Dagster asset checks call them on in-memory tables), which return ``Failure`` records.
"""

from __future__ import annotations

import importlib

# Where each public name lives, imported on first use (PEP 562): ``aidecl build`` with
# nothing to do imports ``aidecl_data.publish.commit`` for its signal handler, and the
# eager imports of the checks and the CSV writer (pyarrow.compute, pandas through pyarrow)
# were most of its time (docs/scaling.md).
_WHERE = {
    "aidecl_data.publish.checks": (
        "Failure",
        "check_foreign_keys",
        "check_package",
        "check_primary_key",
        "check_references",
        "check_spans",
        "check_table",
        "check_tables",
        "check_values",
        "describe",
        "validate_table",
        "verify_package",
        "verify_staged",
    ),
    "aidecl_data.publish.commit": ("CommitError", "commit_package", "recover_interrupted_publish"),
    "aidecl_data.publish.csvio": ("table_to_csv_bytes",),
    "aidecl_data.publish.database": ("DATABASE_FILE",),
    "aidecl_data.publish.package": (
        "DESCRIPTOR_FILE",
        "PublishError",
        "PublishResult",
        "publish_package",
        "sources_from_documents",
        "stage_package",
    ),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}


def __getattr__(name: str):
    if name in _MODULE_OF:
        value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    else:
        try:
            value = importlib.import_module(f"{__name__}.{name}")  # a submodule
        except ModuleNotFoundError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])


__all__ = sorted(_MODULE_OF)  # the names of _WHERE, listed once
