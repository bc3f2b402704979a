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

import json
from pathlib import Path

import dagster as dg
import pyarrow as pa
from dagster import AssetExecutionContext

from aidecl_data.build.assemble import assemble_tables
from aidecl_data.build.batch import parse_batch
from aidecl_data.build.freshness import (
    forget_published,
    published_here,
    published_record,
    record_published,
)
from aidecl_data.build.manifest import apply_manifest, load_manifest, published_inputs
from aidecl_data.parse.sources import document_id_for
from aidecl_data.publish import DESCRIPTOR_FILE, publish_package
from aidecl_data.publish.checks import has_references
from aidecl_data.publish.incremental import PublishBase
from aidecl_data.publish.schema import TABLES
from pipelines.fanout import parsed_corpus
from pipelines.resources import AideclSettings
from pipelines.run_log import problem_lines

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")

TABLE_NAMES: list[str] = [t.name for t in TABLES]
# The blocking checks of each core table (pipelines/checks.py builds them from this), all
# evaluated in one step.
CHECKS_STEP = "core_table_checks"
PUBLISH_QUEUE = "aidecl-publish"
CHECK_NAMES: dict[str, tuple[str, ...]] = {
    t.name: ("schema_valid", "references_resolve") if has_references(t) else ("schema_valid",)
    for t in TABLES
}


def table_asset_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(f"core_{table}")


def _rejections(rejected) -> list[dict[str, str]]:
    return [{"path": r.path, "reason": r.reason} for r in rejected]


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
            "rejected": dg.MetadataValue.json(_rejections([*rejected, *batch.rejected])),
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
    sources, rejected = settings.scan()
    if not sources:
        for r in rejected:
            context.log.warning(f"rejected {r.path}: {r.reason}")
        raise dg.Failure(
            description=f"no valid document in {settings.documents_dir}: nothing to publish",
            metadata={"rejected": dg.MetadataValue.json(_rejections(rejected))},
        )
    asm = assemble_tables(sources, settings.state_dir, settings.parse_workers(), ocr=settings.ocr)
    # Provenance (licence, repository address) from documents/MANIFEST.csv.
    asm.tables["documents"] = apply_manifest(
        asm.tables["documents"], load_manifest(settings.documents_dir)
    )
    rejected = [*rejected, *asm.rejected]
    for r in rejected:
        context.log.warning(f"rejected {r.path}: {r.reason}")
    for line in problem_lines(asm.problems, asm.parsed):
        context.log.warning(line)
    if asm.row_store_error:
        context.log.warning(f"row store not written: {asm.row_store_error}")
    tables = asm.tables
    for name in TABLE_NAMES:
        meta = {
            "row_count": tables[name].num_rows,
            "preview": dg.MetadataValue.md(_preview(tables[name])),
        }
        if name == "documents":
            meta.update(
                {
                    "parsed": len(asm.parsed),
                    "reused": len(asm.reused),
                    "from_row_store": asm.from_row_store,
                    "from_parse_cache": asm.from_parse_cache,
                    "rejected": dg.MetadataValue.json(_rejections(rejected)),
                    "problems": dg.MetadataValue.json(
                        [
                            {"document_id": p.document_id, "kind": p.kind, "message": p.message}
                            for p in asm.problems
                        ][:500]
                    ),
                }
            )
        yield dg.Output(tables[name], output_name=f"core_{name}", metadata=meta)


def _published_ids(out_dir: Path) -> set[str]:
    """The documents of the package in ``out_dir`` (its descriptor's sources), if any."""
    try:
        descriptor = json.loads((out_dir / DESCRIPTOR_FILE).read_text(encoding="utf-8"))
        return {s["document_id"] for s in descriptor["sources"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def publish_base(out_dir: Path, state_dir: Path, inputs: str) -> PublishBase | None:
    """The package in ``out_dir`` as a base for the new one, when this library published
    it (``published_here``); its documents rows carry over only from the same provenance
    inputs (the manifest digest)."""
    descriptor = published_here(out_dir, state_dir)
    if descriptor is None:
        return None
    record = published_record(state_dir)
    return PublishBase(
        out_dir.absolute(),
        descriptor,
        documents_same=record.get("inputs", "") == inputs,
        csv_index=record.get("csv_index") or {},
    )


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
    out_dir = Path(settings.out_dir)
    previous = _published_ids(out_dir)
    # The package in place, when this library published it, lends its DuckDB database to
    # the new one (updated, not rebuilt: 0.3 s against 3.1 s of CPU at 10,000 documents).
    # Its unchanged Parquet parts and CSV rows are taken over too (publish/incremental.py).
    inputs = published_inputs(settings.documents_dir, settings.ocr)
    base = publish_base(out_dir, settings.state_dir, inputs)
    forget_published(settings.state_dir)
    result = publish_package(
        by_name,
        out_dir,
        frictionless=settings.frictionless,
        prechecked=checked_in_this_run(context.run.step_keys_to_execute),
        reuse_database=base is not None,
        base=base,
    )
    record_published(out_dir, settings.state_dir, inputs, csv_index=result.csv_index)
    current = set(by_name["documents"].column("document_id").to_pylist())
    removed = sorted(previous - current)
    return dg.MaterializeResult(
        metadata={
            "path": str(out_dir.resolve()),
            "documents": len(current),
            "removed": len(removed),
            "removed_ids": dg.MetadataValue.json(removed[:200]),
            "files": dg.MetadataValue.json(result.files),
            "database_updated_from_previous": result.database_reused,
            "parquet_parts_reused": result.parts_reused,
            "parquet_files_written": len(result.written),
            "frictionless": settings.frictionless,
        }
    )
