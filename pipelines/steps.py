"""What the build's assets do, without Dagster: tables, blocking checks, package.

The Dagster assets (``pipelines/assets.py``, ``pipelines/checks.py``) are the pipeline's
definition: `dagster dev`, the sensor, the schedule and the Celery job run them. Their
bodies live here, as plain functions of the settings (anything with the fields of
``AideclSettings``), so that ``aidecl build`` can run the very same code without a
Dagster run when a build changes a few documents (``pipelines/direct.py``): for one
document added to 10,000, importing Dagster, the ephemeral instance and the run's
bookkeeping were more of the build's time than the work (docs/scaling.md). Each asset
wraps one of these functions and turns its result into Dagster outputs and metadata;
``direct.py`` calls them in the job's order and stops where a failed blocking check stops
the job.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from aidecl_data.build.assemble import Assembly, assemble_tables
from aidecl_data.build.freshness import (
    forget_published,
    published_here,
    published_record,
    record_published,
)
from aidecl_data.build.manifest import apply_manifest, load_manifest, published_inputs
from aidecl_data.build.names import rejection
from aidecl_data.parse.sources import RejectedDocument
from aidecl_data.publish import DESCRIPTOR_FILE, PublishResult, draft, publish_package
from aidecl_data.publish.checks import Failure, check_references, has_references
from aidecl_data.publish.checks.changed import check_table_changed
from aidecl_data.publish.incremental import PublishBase, unchanged_documents
from aidecl_data.publish.schema import TABLES
from pipelines.problems import summarize, warning_lines

TABLE_NAMES: list[str] = [t.name for t in TABLES]
# The blocking checks of each core table (pipelines/checks.py builds them from this), all
# evaluated in one step.
CHECKS_STEP = "core_table_checks"
CHECK_NAMES: dict[str, tuple[str, ...]] = {
    t.name: ("schema_valid", "references_resolve") if has_references(t) else ("schema_valid",)
    for t in TABLES
}


class NoDocuments(RuntimeError):
    """The documents folder holds no valid document: nothing to publish."""

    def __init__(self, documents_dir: str, rejected: list[RejectedDocument]):
        self.rejected = rejected
        super().__init__(f"no valid document in {documents_dir}: nothing to publish")


def rejections(rejected) -> list[dict[str, str]]:
    return [rejection(r) for r in rejected]


@dataclass
class CoreTables:
    """The eight tables of one build, with what the ``core_tables`` step reports."""

    tables: dict[str, pa.Table]
    assembly: Assembly
    rejected: list[RejectedDocument] = field(default_factory=list)  # scan and parser
    log: list[str] = field(default_factory=list)  # lines for the run's log
    warnings: list[dict] = field(default_factory=list)  # per code (pipelines.problems)

    def documents_metadata(self) -> dict[str, Any]:
        """The ``core_documents`` output's own metadata, as plain values."""
        asm = self.assembly
        return {
            "parsed": len(asm.parsed),
            "reused": len(asm.reused),
            "from_row_store": asm.from_row_store,
            "from_parse_cache": asm.from_parse_cache,
            "rejected": rejections(self.rejected),
            "warnings": self.warnings,
            "problems": [
                {"document_id": p.document_id, "kind": p.kind, "message": p.message}
                for p in asm.problems
            ][:500],
        }


def core_tables(settings, background: bool = False) -> CoreTables:
    """The tables of every current document (``assemble_tables``) with their provenance
    (``documents/MANIFEST.csv``); raises ``NoDocuments`` when there is none.

    ``background``: the row store is still being written when this returns (the caller
    waits for it, ``CoreTables.assembly.wait_row_store``, before it ends)."""
    sources, rejected = settings.scan()
    if not sources:
        raise NoDocuments(settings.documents_dir, rejected)
    workers = settings.parse_workers()
    asm = assemble_tables(
        sources, settings.state_dir, workers, ocr=settings.ocr, background=background
    )
    # Provenance (licence, repository address) from documents/MANIFEST.csv.
    asm.tables["documents"] = apply_manifest(
        asm.tables["documents"], load_manifest(settings.documents_dir)
    )
    rejected = [*rejected, *asm.rejected]
    log = [f"rejected {r.path}: {r.reason}" for r in rejected]
    warnings = summarize((p.document_id, p.kind) for p in asm.problems)
    # One event per code, not per warning (pipelines/problems.py).
    log += [line.removeprefix("warning: ") for line in warning_lines(warnings)]
    if not background and asm.row_store_error:
        log.append(f"row store not written: {asm.row_store_error}")
    # The database starts now where the CLI asked for it (publish/draft.py).
    draft.start(asm.tables, settings.out_dir)
    return CoreTables(asm.tables, asm, rejected, log, warnings)


def published_ids(out_dir: Path) -> set[str]:
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
        database_stat=record.get("database_stat"),
    )


def unchanged(settings, tables: dict[str, pa.Table]) -> dict[str, pa.Array]:
    """Per table, the documents whose rows passed the blocking checks already: those the
    package in place (published by this library) has from the same file and sha256
    (``publish/incremental.py``); the documents table only from the same manifest."""
    from aidecl_data.publish.package import sources_from_documents

    inputs = published_inputs(settings.documents_dir, settings.ocr)
    base = publish_base(Path(settings.out_dir), Path(settings.state_dir), inputs)
    if base is None:
        return {}
    ids = pa.array(
        sorted(unchanged_documents(base, sources_from_documents(tables["documents"]))),
        pa.string(),
    )
    return {t.name: ids for t in TABLES if t.name != "documents" or base.documents_same}


def evaluate_checks(
    tables: dict[str, pa.Table], unchanged: dict[str, pa.Array] | None = None
) -> Iterator[tuple[str, str, list[Failure]]]:
    """(table, check, failures) of every blocking check, in the order of the tables."""
    unchanged = unchanged or {}
    for t in TABLES:
        for check in CHECK_NAMES[t.name]:
            if check == "schema_valid":
                failures = check_table_changed(t.name, tables[t.name], unchanged.get(t.name))
            else:
                failures = check_references(tables, only=t.name)
            yield t.name, check, failures


def check_description(check: str, failures: list[Failure]) -> str:
    what = "Table Schema" if check == "schema_valid" else "Foreign keys and spans"
    return f"{what}: {'ok' if not failures else f'{len(failures)} problem(s)'}"


@dataclass
class Published:
    """What the ``datapackage`` step did (its metadata, as plain values)."""

    result: PublishResult
    documents: int
    removed: list[str]


def publish(settings, tables: dict[str, pa.Table], prechecked: bool) -> Published:
    """Stage, verify and swap in the package of ``tables``; the publication recorded."""
    out_dir = Path(settings.out_dir)
    previous = published_ids(out_dir)
    # The package in place, when this library published it, lends its DuckDB database to
    # the new one (updated, not rebuilt: 0.3 s against 3.1 s of CPU at 10,000 documents).
    # Its unchanged Parquet parts and CSV rows are taken over too (publish/incremental.py).
    inputs = published_inputs(settings.documents_dir, settings.ocr)
    base = publish_base(out_dir, settings.state_dir, inputs)
    forget_published(settings.state_dir)
    result = publish_package(
        tables,
        out_dir,
        frictionless=settings.frictionless,
        prechecked=prechecked,
        reuse_database=base is not None,
        base=base,
    )
    record_published(out_dir, settings.state_dir, inputs, csv_index=result.csv_index)
    current = set(tables["documents"].column("document_id").to_pylist())
    return Published(result, len(current), sorted(previous - current))
