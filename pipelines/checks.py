"""Blocking asset checks on every core table, generated from the schema.

Each table gets ``schema_valid``: its Table Schema enforced on the in-memory table (types,
required values, enums, patterns, minimums, CSV-safe cells, a unique primary key), which is
everything Frictionless reports on the table's CSV resource, with Arrow: 0.5 s for the
eight tables of a 10,000-document package where Frictionless took 22 s
(``tests/test_check_table.py`` proves the equivalence constraint by constraint; Frictionless
itself runs in ``aidecl validate`` and with ``aidecl build --frictionless``). Each table
with foreign keys also gets ``references_resolve``: every foreign key resolves and every
character span ends inside its document. They are blocking: when one fails, the
``datapackage`` asset in the same run does not execute, so a bad table is never published.
The logic lives in ``aidecl_data.publish.checks``; this module only wires it into Dagster.
"""

from __future__ import annotations

import inspect

import dagster as dg
import pyarrow as pa

from aidecl_data.publish.checks import check_foreign_keys, check_spans, check_table
from aidecl_data.schema import TABLES
from pipelines.assets import table_asset_key


def _result(failures: list[str], what: str) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=not failures,
        severity=dg.AssetCheckSeverity.ERROR,
        description=f"{what}: {'ok' if not failures else f'{len(failures)} problem(s)'}",
        metadata={"failures": dg.MetadataValue.json(failures[:50])},
    )


def _checks_for(table) -> list[dg.AssetChecksDefinition]:
    name = table.name
    key = table_asset_key(name)

    @dg.asset_check(asset=key, name="schema_valid", blocking=True)
    def schema_valid(data: pa.Table) -> dg.AssetCheckResult:
        return _result(check_table(name, data), "Table Schema")

    if not table.foreign_keys:
        return [schema_valid]
    parents = sorted({fk.parent for fk in table.foreign_keys if fk.parent != name})
    ins = {f"parent_{p}": dg.AssetIn(key=table_asset_key(p)) for p in parents}

    def references_resolve(data: pa.Table, **parent_tables: pa.Table) -> dg.AssetCheckResult:
        tables = {p.removeprefix("parent_"): t for p, t in parent_tables.items()}
        tables[name] = data
        failures = check_foreign_keys(tables, only=name) + check_spans(tables, only=name)
        return _result(failures, "Foreign keys and spans")

    # Dagster reads a check's inputs from its signature; the parents differ per table, so
    # the signature is built from the schema's foreign keys.
    param = inspect.Parameter
    references_resolve.__signature__ = inspect.Signature(
        [param(n, param.POSITIONAL_OR_KEYWORD) for n in ["data", *ins]]
    )
    fk_check = dg.asset_check(
        asset=key, name="references_resolve", blocking=True, additional_ins=ins
    )(references_resolve)
    return [schema_valid, fk_check]


def build_checks() -> list[dg.AssetChecksDefinition]:
    return [c for t in TABLES for c in _checks_for(t)]
