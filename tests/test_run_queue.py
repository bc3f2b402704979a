"""One publishing run at a time per package folder, for the runs Dagster launches.

``aidecl build`` takes a lock per package and state folder (``pipelines/buildlock.py``),
but runs launched by the sensor, the schedule or the UI do not go through the CLI: two
declarations added a minute apart gave two runs publishing side by side. Those runs are
queued by the instance (``.dagster_home/dagster.yaml``, ``deploy/dagster.yaml``), which
lets one run tagged with a package folder start while another with the same tag is in
progress. The test asks the queue daemon's own selection which queued runs it would start.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import dagster as dg
import yaml
from dagster._core.remote_origin import (
    RegisteredCodeLocationOrigin,
    RemoteJobOrigin,
    RemoteRepositoryOrigin,
)
from dagster._core.storage.dagster_run import DagsterRun, DagsterRunStatus
from dagster._daemon.run_coordinator.queued_run_coordinator_daemon import (
    QueuedRunCoordinatorDaemon,
)

from pipelines.definitions import PACKAGE_TAG, build_defs
from pipelines.resources import AideclSettings

ROOT = Path(__file__).resolve().parents[1]
PUBLISHING_JOBS = ("build_package", "publish_package", "build_package_celery")


def _settings(tmp_path: Path, out: str) -> AideclSettings:
    return AideclSettings(
        documents_dir=str(tmp_path / "documents"),
        out_dir=str(tmp_path / out),
        state_dir=str(tmp_path / f"state-{out}"),
    )


def _queued(instance: dg.DagsterInstance, job: str, tags: dict[str, str]) -> str:
    """A run as the sensor or the UI queues it (a queued run names its code location)."""
    run_id = str(uuid.uuid4())
    repository = RemoteRepositoryOrigin(RegisteredCodeLocationOrigin("aidecl"), "__repository__")
    origin = RemoteJobOrigin(repository_origin=repository, job_name=job)
    instance.add_run(
        DagsterRun(
            job_name=job,
            run_id=run_id,
            status=DagsterRunStatus.QUEUED,
            tags=tags,
            remote_job_origin=origin,
        )
    )
    return run_id


def _would_start(instance: dg.DagsterInstance) -> set[str]:
    daemon = QueuedRunCoordinatorDaemon(interval_seconds=1)
    runs = daemon._get_runs_to_dequeue(instance, instance.get_concurrency_config(), None)
    return {run.run_id for run in runs}


def test_every_publishing_job_is_tagged_with_its_package_folder(tmp_path):
    defs = build_defs(_settings(tmp_path, "pkg"))
    for name in PUBLISHING_JOBS:
        tags = defs.resolve_job_def(name).tags
        assert tags.get(PACKAGE_TAG) == str((tmp_path / "pkg").resolve()), name


def test_the_project_instance_starts_one_publishing_run_per_package(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / ".dagster_home" / "dagster.yaml", home / "dagster.yaml")
    tags_a = build_defs(_settings(tmp_path, "a")).resolve_job_def("build_package").tags
    tags_b = build_defs(_settings(tmp_path, "b")).resolve_job_def("publish_package").tags
    with dg.DagsterInstance.from_config(str(home)) as instance:
        first = _queued(instance, "build_package", tags_a)  # the sensor, a document added
        second = _queued(instance, "publish_package", tags_a)  # the schedule, same package
        other = _queued(instance, "publish_package", tags_b)  # another package folder
        release = _queued(instance, "__ASSET_JOB", {})  # a release: not a publishing run
        assert _would_start(instance) == {first, other, release}
        # while the first is in progress, the second still waits
        instance.report_run_canceled(instance.get_run_by_id(other))
        instance.report_run_canceled(instance.get_run_by_id(release))
        instance.handle_run_event(
            first,
            dg.DagsterEvent(
                event_type_value=dg.DagsterEventType.RUN_START.value, job_name="build_package"
            ),
        )
        assert second not in _would_start(instance)


def test_the_deployment_instance_has_the_same_limit():
    """``deploy/dagster.yaml`` stores runs in Postgres (not started here): its run
    coordinator is built from its settings as Dagster builds it."""
    from dagster._config import process_config
    from dagster._core.run_coordinator.queued_run_coordinator import QueuedRunCoordinator

    config = yaml.safe_load((ROOT / "deploy" / "dagster.yaml").read_text(encoding="utf-8"))
    processed = process_config(
        QueuedRunCoordinator.config_type(), config["run_coordinator"]["config"]
    )
    assert processed.success, processed.errors
    coordinator = QueuedRunCoordinator.from_config_value(None, processed.value)
    limits = coordinator.get_run_queue_config().tag_concurrency_limits
    assert {"key": PACKAGE_TAG, "value": {"applyLimitPerUniqueValue": True}, "limit": 1} in limits
