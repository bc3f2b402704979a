"""Dagster assets by layer: parsed documents -> core tables -> the published data package.

``parsed_documents`` has one dynamic partition per document and a single-run backfill
policy, so a bulk build of thousands of documents is one run, not one per document. Its
storage is the parse cache (content sha256 + parser version), not an IO manager: the core
tables (``assemble_tables``) take each document's rows from the row store of the last build,
else from the parse cache, else parse it on the spot, so they are right whichever
partitions ran. The eight core tables are one multi-asset (they come out of the same
pass); blocking checks guard each of them, and the ``datapackage`` asset stages, verifies
and swaps the package in atomically.
"""

from pathlib import Path

import dagster as dg
import pyarrow as pa
from dagster import AssetExecutionContext

from aidecl_data.build.batch import parse_batch
from aidecl_data.parse.sources import document_id_for
from aidecl_data.publish.schema import TABLES
from pipelines import steps
from pipelines.fanout import parsed_corpus
from pipelines.resources import AideclSettings
from pipelines.steps import CHECK_NAMES, CHECKS_STEP, TABLE_NAMES, publish_base

__all__ = ["CHECKS_STEP", "CHECK_NAMES", "TABLE_NAMES", "publish_base"]

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")

PUBLISH_QUEUE = "aidecl-publish"


def table_asset_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(f"core_{table}")


def _preview(table: pa.Table, rows: int = 5) -> str:
    """A small markdown preview for the Dagster UI (long cells cut)."""
    head = table.slice(0, rows).to_pylist()
    if not head:
        return "(empty)"
    cols = table.column_names[:6]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in head:
        cells = [str(row[c])[:40].replace("|", "\\|").replace("\n", " ") for c in cols]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


@dg.asset(
    partitions_def=documents_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="parse",
    description="Each document parsed into rows, kept in the parse cache by content hash.",
)
def parsed_documents(context: AssetExecutionContext, settings: AideclSettings):
    wanted = set(context.partition_keys)
    sources, rejected = settings.read_some(wanted)
    batch = parse_batch(sources, settings.cache(), settings.parse_workers(), settings.ocr)
    missing = sorted(
        wanted - {s.document_id for s in sources} - {document_id_for(r.path) for r in rejected}
    )
    for r in [*rejected, *batch.rejected]:
        context.log.warning(f"rejected {r.path}: {r.reason}")
    return dg.MaterializeResult(
        metadata={
            "partitions": len(wanted),
            "parsed": len(batch.parsed),
            "reused": len(batch.reused),
            "parsed_ids": dg.MetadataValue.json(batch.parsed[:200]),
            "rejected": dg.MetadataValue.json(steps.rejections([*rejected, *batch.rejected])),
            "missing_files": dg.MetadataValue.json(missing[:200]),
        }
    )


@dg.multi_asset(
    outs={
        f"core_{name}": dg.AssetOut(
            description=next(t.description for t in TABLES if t.name == name),
            group_name="core",
            is_required=True,
        )
        for name in TABLE_NAMES
    },
    deps=[parsed_documents, parsed_corpus],
    description="The eight normalized tables, assembled from every current document.",
)
def core_tables(context: AssetExecutionContext, settings: AideclSettings):
    try:
        core = steps.core_tables(settings)
    except steps.NoDocuments as exc:
        for r in exc.rejected:
            context.log.warning(f"rejected {r.path}: {r.reason}")
        raise dg.Failure(
            description=str(exc),
            metadata={"rejected": dg.MetadataValue.json(steps.rejections(exc.rejected))},
        ) from None
    for line in core.log:
        context.log.warning(line)
    tables = core.tables
    for name in TABLE_NAMES:
        meta = {
            "row_count": tables[name].num_rows,
            "preview": dg.MetadataValue.md(_preview(tables[name])),
        }
        if name == "documents":
            for key, value in core.documents_metadata().items():
                meta[key] = dg.MetadataValue.json(value) if isinstance(value, list) else value
        yield dg.Output(tables[name], output_name=f"core_{name}", metadata=meta)


def checked_in_this_run(step_keys: list[str] | None) -> bool:
    """Did this run make the core tables and run every blocking check on them?

    Then the checks passed (a failed blocking check stops the run before ``datapackage``)
    on the very tables this step reads, and ``publish_package`` need not check them again.
    When ``datapackage`` is materialized alone (from the UI,
    on tables of an earlier run), or the run's steps are unknown, it checks them.
    """
    if step_keys is None:
        return False
    return {"core_tables", CHECKS_STEP} <= set(step_keys)


@dg.asset(
    ins={f"core_{name}": dg.AssetIn(key=table_asset_key(name)) for name in TABLE_NAMES},
    group_name="publish",
    # With the Celery engine, publishing has a queue of its own (workers started by
    # `aidecl workers` serve both): a deployment can give it the one machine that has
    # the package's storage, and it never waits behind parse batches of another run.
    op_tags={"dagster-celery/queue": PUBLISH_QUEUE},
    description="datapackage.json with CSV, Parquet, DuckDB and the data dictionary, "
    "swapped in only when every check passed.",
)
def datapackage(context: AssetExecutionContext, settings: AideclSettings, **tables: pa.Table):
    by_name = {name: tables[f"core_{name}"] for name in TABLE_NAMES}
    done = steps.publish(
        settings, by_name, prechecked=checked_in_this_run(context.run.step_keys_to_execute)
    )
    result, removed = done.result, done.removed
    out_dir = Path(settings.out_dir)
    return dg.MaterializeResult(
        metadata={
            "path": str(out_dir.resolve()),
            "documents": done.documents,
            "removed": len(removed),
            "removed_ids": dg.MetadataValue.json(removed[:200]),
            "files": dg.MetadataValue.json(result.files),
            "database_updated_from_previous": result.database_reused,
            "parquet_parts_reused": result.parts_reused,
            "parquet_files_written": len(result.written),
            "frictionless": settings.frictionless,
        }
    )
