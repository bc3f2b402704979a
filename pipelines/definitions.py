"""Assemble the Dagster Definitions; no logic here.

``build_defs(settings=...)`` lets tests and the CLI point the same assets at their own
folders instead of reading environment variables at import time. ``defs`` is what
`dagster dev` (through workspace.yaml / pyproject's [tool.dagster]) loads.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_celery import celery_executor

from pipelines.assets import core_tables, datapackage, parsed_documents
from pipelines.celery_engine import celery_launch_config
from pipelines.checks import build_checks
from pipelines.fanout import STEP_IO, parsed_corpus, step_io_manager
from pipelines.io_manager import ArrowTableIOManager
from pipelines.release_asset import release
from pipelines.resources import AideclSettings
from pipelines.sensors import PUBLISH_KEYS, build_schedule, build_sensor

ALL_ASSETS = [parsed_documents, core_tables, datapackage]
# The tag of every run that publishes the package. ``aidecl build`` runs one build at a
# time per package folder (``pipelines/buildlock.py``); runs launched by the sensor, the
# schedule or the UI go through the instance's run queue instead, which the project's
# dagster.yaml (``.dagster_home/``, ``deploy/``) limits to one in progress per value of
# this tag: two declarations added a minute apart no longer publish side by side.
PACKAGE_TAG = "aidecl/package"


def package_tags(settings: AideclSettings) -> dict[str, str]:
    """The tags of a publishing run: the package folder it writes."""
    return {PACKAGE_TAG: str(Path(settings.out_dir).resolve())}


def build_defs(
    settings: AideclSettings | None = None, sensor_interval: int = 30, in_memory: bool = False
) -> dg.Definitions:
    """``in_memory``: the core tables pass between steps in memory, not as Arrow files
    (``aidecl build``: one in-process run on a throwaway instance that no other run will
    read, so writing the tables as files would be time spent for nothing)."""
    settings = settings or AideclSettings()
    io_manager = (
        dg.mem_io_manager
        if in_memory
        else ArrowTableIOManager(base_dir=str(Path(settings.state_dir) / "io"))
    )
    build_job = dg.define_asset_job(
        "build_package",
        selection=dg.AssetSelection.assets(*ALL_ASSETS),
        executor_def=dg.in_process_executor,
        tags=package_tags(settings),
        description="Parse the given document partitions and publish the package.",
    )
    celery_job = dg.define_asset_job(
        "build_package_celery",
        selection=dg.AssetSelection.assets(parsed_corpus, *PUBLISH_KEYS),
        executor_def=celery_executor,
        # Launched from the UI: the broker and backend come from the environment of the
        # process that launches the run, read at launch (not at import); the CLI passes
        # its own. Workers: `aidecl workers --broker URL`.
        config={"execution": {"config": celery_launch_config()}},
        tags=package_tags(settings),
        description="Parse on Celery workers in batches, then publish (aidecl build "
        "--engine celery; set AIDECL_BROKER/AIDECL_BACKEND to launch it from the UI, "
        "and start `aidecl workers`).",
    )
    publish_job = dg.define_asset_job(
        "publish_package",
        selection=dg.AssetSelection.assets(*PUBLISH_KEYS),
        executor_def=dg.in_process_executor,
        tags=package_tags(settings),
        description="Assemble the tables from the parse cache and publish (no partitions).",
    )
    return dg.Definitions(
        assets=[*ALL_ASSETS, parsed_corpus, release],  # release: on demand, in no job
        asset_checks=build_checks(),
        jobs=[build_job, publish_job, celery_job],
        sensors=[build_sensor(build_job, settings.documents_dir, sensor_interval)],
        schedules=[build_schedule(publish_job)],
        resources={
            "settings": settings,
            "io_manager": io_manager,
            STEP_IO: step_io_manager(settings.state_dir),
        },
    )


defs = build_defs()
