"""Blocking asset checks on every core table, generated from the schema.

Each table gets ``schema_valid``: its Table Schema enforced on the in-memory table (types,
required values, enums, patterns, minimums, CSV-safe cells, a unique primary key), which is
everything Frictionless reports on the table's CSV resource, with Arrow
(``tests/test_check_table.py`` proves the equivalence constraint by constraint; Frictionless
itself runs in ``aidecl validate``, in ``make build`` and with ``aidecl build
--frictionless``). Each table with foreign keys or spans also gets ``references_resolve``:
every foreign key resolves and every span lies inside the row it references. They are
blocking: when one fails, the ``datapackage`` asset in the same run does not execute, so a
bad table is never published.

The checks are evaluated in one step (a multi-asset check), not one step each, because
each step of an in-process run costs Dagster bookkeeping and a load of its inputs (figures
in docs/scaling.md). The UI still shows each check on its own table. The logic lives in
``aidecl_data.publish.checks``; this module only wires it into Dagster and formats its
``Failure`` records as metadata: ``failures`` (one line each) and ``records`` (JSON).

When the package in place was published by this library, ``schema_valid`` enforces the
row constraints on the rows of new and changed documents only, the others having passed
them at that publish (``aidecl_data.publish.checks.changed``); its primary key and
``references_resolve`` always run on whole tables.
"""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg
import pyarrow as pa

from aidecl_data.publish.checks import Failure, describe
from aidecl_data.publish.schema import TABLES
from pipelines.assets import CHECK_NAMES, CHECKS_STEP, table_asset_key
from pipelines.resources import AideclSettings
from pipelines.steps import check_description, evaluate_checks, unchanged

_DESCRIPTIONS = {
    "schema_valid": "The table's Table Schema (types, constraints, primary key), with Arrow.",
    "references_resolve": "Every foreign key resolves; every span ends inside its document.",
}


def _result(table: str, check: str, failures: list[Failure]) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        asset_key=table_asset_key(table),
        check_name=check,
        passed=not failures,
        severity=dg.AssetCheckSeverity.ERROR,
        description=check_description(check, failures),
        metadata={
            "failures": dg.MetadataValue.json([describe(f) for f in failures[:50]]),
            "records": dg.MetadataValue.json([f.as_dict() for f in failures[:50]]),
        },
    )


def _evaluate(
    tables: dict[str, pa.Table], unchanged: dict[str, pa.Array] | None = None
) -> Iterator[dg.AssetCheckResult]:
    for table, check, failures in evaluate_checks(tables, unchanged):
        yield _result(table, check, failures)


def build_checks() -> list[dg.AssetChecksDefinition]:
    specs = [
        dg.AssetCheckSpec(
            name=check,
            asset=table_asset_key(t.name),
            blocking=True,
            description=_DESCRIPTIONS[check],
        )
        for t in TABLES
        for check in CHECK_NAMES[t.name]
    ]
    ins = {f"core_{t.name}": dg.AssetIn(key=table_asset_key(t.name)) for t in TABLES}

    @dg.multi_asset_check(specs=specs, ins=ins, name=CHECKS_STEP)
    def core_table_checks(
        settings: AideclSettings, **tables: pa.Table
    ) -> Iterator[dg.AssetCheckResult]:
        by_name = {name.removeprefix("core_"): t for name, t in tables.items()}
        yield from _evaluate(by_name, unchanged(settings, by_name))

    return [core_table_checks]
