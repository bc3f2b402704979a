"""Parsing fanned out as Dagster steps, so an executor with many workers (Celery) spreads it.

``parsed_corpus`` is a graph-backed asset: ``plan_parse_batches`` scans the documents folder
and emits one dynamic output per batch of documents that the parse cache lacks;
``parse_document_batch`` is mapped over them, one step (one Celery task) per batch, each
parsing its documents in its own process into the shared parse cache; ``parsed_everything``
gathers what they did. ``core_tables`` depends on it, finds every parse in the cache and
assembles the very tables the in-process build does, so the package is the same bytes.

Why batches sized by the plan rather than one step per document: a step costs the engine a
task round trip and the worker a plan and an instance lookup, hundreds of times the cost of
parsing one document (docs/scaling.md, "Celery"), so a step must carry hundreds of documents
to be worth its cost; and only the documents the cache lacks are sent, so adding one
document to a built corpus sends that one document to one worker.
"""

import os
import socket
from pathlib import Path

import dagster as dg

from aidecl_data.build.batch import parse_batch
from aidecl_data.build.names import rejection
from aidecl_data.parse.sources import SourceFile
from pipelines.resources import AideclSettings

# Documents per parse step: several times a Celery task's fixed cost of parsing in each step
# (measured in benchmarks/celery_benchmark.py), and 25 steps to share out for 10,000.
DEFAULT_BATCH = 400
STEP_IO = "step_io"  # the pickling IO manager for the small values these steps pass


class BatchConfig(dg.Config):
    batch_documents: int = DEFAULT_BATCH


def plan_batches(sources: list[SourceFile], size: int) -> list[list[str]]:
    """Ids of ``sources`` in batches of at most ``size``, in scan order; never none, so the
    steps after the fan-out run (and report) even when nothing needs parsing."""
    ids = [s.document_id for s in sources]
    size = max(1, size)
    return [ids[i : i + size] for i in range(0, len(ids), size)] or [[]]


@dg.op(out=dg.DynamicOut(list, io_manager_key=STEP_IO))
def plan_parse_batches(
    context: dg.OpExecutionContext, config: BatchConfig, settings: AideclSettings
):
    """The documents the parse cache lacks, in batches (one dynamic output each)."""
    sources, rejected = settings.scan()
    cache = settings.cache()
    todo = [s for s in sources if not cache.has(s.document_id, s.sha256)]
    batches = plan_batches(todo, config.batch_documents)
    context.log.info(
        f"{len(sources)} documents, {len(todo)} to parse in {len(batches)} batch(es); "
        f"{len(rejected)} rejected"
    )
    for n, batch in enumerate(batches):
        yield dg.DynamicOutput(batch, mapping_key=f"batch_{n:05d}")


@dg.op(out=dg.Out(dict, io_manager_key=STEP_IO))
def parse_document_batch(context: dg.OpExecutionContext, settings: AideclSettings, batch: list):
    """Parse one batch into the parse cache, in this process (a Celery worker's pool process
    may not start processes of its own; the engine gives the parallelism)."""
    sources, rejected = settings.read_some(set(batch))
    result = parse_batch(sources, settings.cache(), workers=1, ocr=settings.ocr)
    done = {
        "parsed": result.parsed,
        "reused": result.reused,
        "rejected": [rejection(r) for r in [*rejected, *result.rejected]],
        "host": socket.gethostname(),
        "pid": os.getpid(),
    }
    context.add_output_metadata(
        {
            "parsed": len(result.parsed),
            "reused": len(result.reused),  # e.g. written by an attempt killed half-way
            "pid": os.getpid(),
            "host": done["host"],
        }
    )
    return done


@dg.op(out=dg.Out(dict, io_manager_key=STEP_IO))
def parsed_everything(context: dg.OpExecutionContext, batches: list) -> dict:
    parsed = [doc for b in batches for doc in b["parsed"]]
    processes = sorted({f"{b['host']}:{b['pid']}" for b in batches if b["parsed"]})
    context.add_output_metadata({"parsed": len(parsed), "processes": processes})
    return {"parsed": parsed, "processes": processes}


@dg.graph_multi_asset(
    outs={"parsed_corpus": dg.AssetOut(io_manager_key=STEP_IO, group_name="parse")},
)
def parsed_corpus():
    """Every document of the folder in the parse cache, parsed in batches by as many workers
    as the executor has (the Celery build); what was parsed where is in its metadata."""
    return parsed_everything(plan_parse_batches().map(parse_document_batch).collect())


def step_io_manager(state_dir: str) -> dg.FilesystemIOManager:
    return dg.FilesystemIOManager(base_dir=str(Path(state_dir) / "io" / "steps"))
