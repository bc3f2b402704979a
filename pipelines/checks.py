"""Blocking asset checks on every core table, generated from the schema.

Each table gets three checks: Frictionless validation of the table against its schema,
primary-key uniqueness, and foreign-key integrity against the tables it references. They
are blocking: when one fails, the ``datapackage`` asset in the same run does not execute,
so a bad table is never published. The logic lives in ``aidecl_data.publish.checks``; this
module only wires it into Dagster.
"""

from __future__ import annotations

import inspect

import dagster as dg
import pyarrow as pa

from aidecl_data.publish.checks import check_foreign_keys, check_primary_key, validate_table
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

    @dg.asset_check(asset=key, name="frictionless_valid", blocking=True)
    def frictionless_valid(data: pa.Table) -> dg.AssetCheckResult:
        return _result(validate_table(name, data), "Frictionless validation")

    @dg.asset_check(asset=key, name="primary_key_unique", blocking=True)
    def primary_key_unique(data: pa.Table) -> dg.AssetCheckResult:
        return _result(check_primary_key(name, data), "Primary key")

    parents = sorted({fk.parent for fk in table.foreign_keys if fk.parent != name})
    ins = {f"parent_{p}": dg.AssetIn(key=table_asset_key(p)) for p in parents}

    def foreign_keys_resolve(data: pa.Table, **parent_tables: pa.Table) -> dg.AssetCheckResult:
        tables = {p.removeprefix("parent_"): t for p, t in parent_tables.items()}
        tables[name] = data
        return _result(check_foreign_keys(tables, only=name), "Foreign keys")

    # Dagster reads a check's inputs from its signature; the parents differ per table, so
    # the signature is built from the schema's foreign keys.
    param = inspect.Parameter
    foreign_keys_resolve.__signature__ = inspect.Signature(
        [param(n, param.POSITIONAL_OR_KEYWORD) for n in ["data", *ins]]
    )
    fk_check = dg.asset_check(
        asset=key, name="foreign_keys_resolve", blocking=True, additional_ins=ins
    )(foreign_keys_resolve)
    return [frictionless_valid, primary_key_unique, fk_check]


def build_checks() -> list[dg.AssetChecksDefinition]:
    return [c for t in TABLES for c in _checks_for(t)]
