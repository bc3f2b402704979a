"""Follow the documents folder: a sensor for changes and a daily schedule.

The sensor's cursor maps each document id to its content sha256 (with size, mtime and
ctime so unchanged files are not re-hashed on every tick), plus a change counter for run keys. On a
tick it adds a dynamic partition per new document, deletes the partitions of removed ones,
and requests ONE run that parses the new and changed documents (a partition range, thanks
to the single-run backfill policy) and republishes the package in the same run; when only
deletions happened, the run republishes without parsing. Unchanged ticks request nothing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dagster as dg

from aidecl_data.parse.sources import document_id_for, list_document_paths, sha256_bytes
from pipelines.assets import TABLE_NAMES, documents_partitions, table_asset_key

PUBLISH_KEYS = [*(table_asset_key(t) for t in TABLE_NAMES), dg.AssetKey("datapackage")]
PARSE_KEY = dg.AssetKey("parsed_documents")
RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"


def fingerprint_folder(folder: Path, previous: dict[str, list]) -> dict[str, list]:
    """document_id -> [sha256, size, mtime_ns, ctime_ns]; re-hash only files whose stat moved.

    The ctime is in the key because it moves on every write, even one that keeps the size
    and resets the mtime (``touch -d``, a copy with ``cp -p``); cursors written before it
    was (three items) simply re-hash every file once.
    """
    out: dict[str, list] = {}
    for path in list_document_paths(folder):
        try:
            st = path.stat()
        except OSError:
            continue
        doc_id = document_id_for(path)
        stat_key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns]
        old = previous.get(doc_id)
        if old and old[1:] == stat_key:
            out[doc_id] = old
            continue
        try:
            out[doc_id] = [sha256_bytes(path.read_bytes()), *stat_key]
        except OSError:
            continue
    return out


def plan_changes(
    previous: dict[str, list], current: dict[str, list]
) -> tuple[list[str], list[str], list[str]]:
    """(added, changed, removed) document ids, each sorted."""
    added = sorted(set(current) - set(previous))
    removed = sorted(set(previous) - set(current))
    changed = sorted(k for k in set(current) & set(previous) if current[k][0] != previous[k][0])
    return added, changed, removed


def covering_range(order: list[str], keys: list[str]) -> tuple[str, str] | None:
    """The smallest partition range, in partition order, that holds every key."""
    pos = {k: i for i, k in enumerate(order)}
    idx = sorted(pos[k] for k in keys if k in pos)
    if not idx:
        return None
    return order[idx[0]], order[idx[-1]]


def build_sensor(job: dg.JobDefinition, documents_dir: str, interval: int = 30):
    @dg.sensor(
        job=job,
        minimum_interval_seconds=interval,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description=f"Watches {documents_dir} and re-parses only new and changed documents.",
    )
    def documents_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        state = json.loads(context.cursor) if context.cursor else {}
        seq, previous = state.get("seq", 0), state.get("documents", {})
        current = fingerprint_folder(Path(documents_dir), previous)
        added, changed, removed = plan_changes(previous, current)
        known = list(context.instance.get_dynamic_partitions(documents_partitions.name))
        # Partitions the instance lost (e.g. a new instance) count as added.
        missing = sorted(set(current) - set(known) - set(added))
        added = sorted({*added, *missing})
        order = [k for k in known if k not in set(removed)] + [k for k in added if k not in known]
        requests = []
        dyn = []
        if added:
            dyn.append(documents_partitions.build_add_request([k for k in added if k not in known]))
        gone = [k for k in removed if k in known]
        if gone:
            dyn.append(documents_partitions.build_delete_request(gone))
        # The sequence number makes the key unique per change: a folder can return to an
        # earlier state (add then delete a file), and Dagster skips a run key it has seen.
        digest = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:12]
        run_key = f"{seq + 1}-{digest}"
        span = covering_range(order, [*added, *changed])
        if span:
            requests.append(
                dg.RunRequest(
                    run_key=run_key,
                    asset_selection=[PARSE_KEY, *PUBLISH_KEYS],
                    tags={RANGE_START: span[0], RANGE_END: span[1]},
                )
            )
        elif removed:
            requests.append(dg.RunRequest(run_key=run_key, asset_selection=PUBLISH_KEYS))
        if added or changed or removed:
            context.log.info(f"added {added}, changed {changed}, removed {removed}")
        return dg.SensorResult(
            run_requests=requests,
            dynamic_partitions_requests=[r for r in dyn if r.partition_keys],
            cursor=json.dumps(
                {"seq": seq + 1 if requests else seq, "documents": current}, sort_keys=True
            ),
        )

    return documents_sensor


def build_schedule(job: dg.JobDefinition) -> dg.ScheduleDefinition:
    """Re-publish daily, so the package follows code and schema releases too."""
    return dg.ScheduleDefinition(
        name="daily_republish",
        job=job,
        cron_schedule="0 6 * * *",
        execution_timezone="UTC",
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description="Rebuilds the core tables from the parse cache and republishes daily.",
    )
