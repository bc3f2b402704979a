"""Every check of the in-memory tables before anything is written: ``check_tables``."""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from aidecl_data.publish.checks.failure import Failure
from aidecl_data.publish.checks.references import check_foreign_keys, check_spans
from aidecl_data.publish.checks.table import check_schema, check_table
from aidecl_data.publish.schema import TABLES, get_table


def check_tables(tables: Mapping[str, pa.Table]) -> list[Failure]:
    """Every in-memory check on every table (no file written): run before staging."""
    out: list[Failure] = []
    well_formed = {}
    for t in TABLES:
        if t.name not in tables:
            out.append(Failure(t.name, "table_missing", "table missing"))
            continue
        schema_failures = check_schema(t.name, tables[t.name])
        out += schema_failures
        if not schema_failures:
            well_formed[t.name] = tables[t.name]
            out += check_table(t.name, tables[t.name])
    for name in well_formed:
        parents = {fk.parent for fk in get_table(name).foreign_keys}
        if parents <= set(well_formed):
            out += check_foreign_keys(well_formed, only=name)
    out += check_spans(well_formed)
    return out
