"""The Celery engine: the same assets, their steps run by Celery workers on any machine.

``aidecl build --engine celery --broker URL`` launches the ``build_package_celery`` job
(``parsed_corpus`` fanned out in batches, then the core tables, their blocking checks and
the package, on a queue of its own) with Dagster's ``celery_executor``, and waits for it;
``aidecl workers --broker URL`` starts the workers that run its steps. Both sides find the
job through ``pipelines.celery_engine:celery_job`` (a reconstructable pointer: a worker
loads the code itself), the folders through the run's config, and every value that passes
between steps through files under the state folder: storage every worker must reach.

What the engine requires, learned by running it (see docs/scaling.md):

- A persistent Dagster instance (``DAGSTER_HOME``): workers write the step events into its
  run storage. SQLite held with two workers on one machine; several machines need Postgres
  (``deploy/dagster.yaml``).
- No process pool inside a step: Celery's pool processes are daemonic and may not have
  children. Each step parses in its own process (``aidecl_data.build.batch`` falls back
  by itself) and the engine gives the parallelism.
- ``task_acks_late`` with ``task_reject_on_worker_lost``: a task whose worker process dies
  goes back to the queue and another process runs it (a parse step is idempotent: it
  writes content-addressed cache entries).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import dagster as dg

from pipelines.assets import PUBLISH_QUEUE
from pipelines.resources import PROJECT_ROOT, AideclSettings

JOB_NAME = "build_package_celery"
DEFAULT_QUEUE = "dagster"  # dagster-celery's queue for every other step
QUEUES = (DEFAULT_QUEUE, PUBLISH_QUEUE)
CELERY_SETTINGS = {
    "task_acks_late": True,
    "task_reject_on_worker_lost": True,
    "worker_prefetch_multiplier": 1,
}


def celery_launch_config() -> dict:
    """The executor config a run launched from the Dagster UI gets by default."""
    return {
        "broker": {"env": "AIDECL_BROKER"},
        "backend": {"env": "AIDECL_BACKEND"},
        "config_source": dict(CELERY_SETTINGS),
    }


def celery_job() -> dg.JobDefinition:
    """The job as workers and the CLI reconstruct it (folders come from the run config)."""
    from pipelines.definitions import build_defs

    return build_defs().resolve_job_def(JOB_NAME)


def run_config(
    settings: AideclSettings, broker: str, backend: str | None, batch_documents: int | None = None
) -> dict:
    """Executor, resource and op config of one Celery build of ``settings``' folders."""
    from pipelines.fanout import DEFAULT_BATCH, STEP_IO

    state = Path(settings.state_dir)
    return {
        "execution": {
            "config": {
                "broker": broker,
                "backend": backend or broker,
                "config_source": dict(CELERY_SETTINGS),
            }
        },
        "resources": {
            "settings": {"config": settings.model_dump()},
            "io_manager": {"config": {"base_dir": str(state / "io")}},
            STEP_IO: {"config": {"base_dir": str(state / "io" / "steps")}},
        },
        "ops": {
            "parsed_corpus": {
                "ops": {
                    "plan_parse_batches": {
                        "config": {"batch_documents": batch_documents or DEFAULT_BATCH}
                    }
                }
            }
        },
        "loggers": {"console": {"config": {"log_level": "CRITICAL"}}},
    }


def instance_home() -> str:
    """The Dagster instance the build and its workers share: ``DAGSTER_HOME`` when set,
    else the project's ``.dagster_home`` (telemetry off), as ``make dev`` uses."""
    home = os.environ.get("DAGSTER_HOME") or str(PROJECT_ROOT / ".dagster_home")
    Path(home).mkdir(parents=True, exist_ok=True)
    return home


def execute(
    settings: AideclSettings,
    broker: str,
    backend: str | None = None,
    batch_documents: int | None = None,
):
    """Launch the Celery job and wait for it; the ``JobExecutionResult``."""
    os.environ["DAGSTER_HOME"] = instance_home()
    # dagster-celery registers its task once per submission; Celery warns each time.
    warnings.filterwarnings("ignore", message="Task name 'execute_plan' is already registered")
    with dg.DagsterInstance.get() as instance:
        return dg.execute_job(
            dg.reconstructable(celery_job),
            instance=instance,
            run_config=run_config(settings, broker, backend, batch_documents),
        )


def write_app_config(folder: Path, broker: str, backend: str | None) -> Path:
    """``dagster_celery_config.py``, which ``dagster_celery.app`` imports when it is on the
    path: the broker and result backend of the workers, and the settings above."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "dagster_celery_config.py"
    lines = [
        '"""Written by `aidecl workers`: the Celery app settings of aidecl-data workers."""',
        f"broker_url = {broker!r}",
        f"result_backend = {(backend or broker)!r}",
        *(f"{k} = {v!r}" for k, v in CELERY_SETTINGS.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def worker_command(concurrency: int, name: str | None = None) -> list[str]:
    """The ``celery worker`` command line serving both queues of the job."""
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    cmd = [
        celery,
        "-A",
        "dagster_celery.app",
        "worker",
        "-Q",
        ",".join(QUEUES),
        f"--concurrency={concurrency}",
        "--prefetch-multiplier=1",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-I",
        "pipelines.celery_engine",
        "--loglevel=WARNING",
    ]
    if name:
        cmd.append(f"--hostname={name}@%h")
    return cmd


def worker_env(broker: str, backend: str | None) -> dict:
    """The environment a worker needs: the app config on its path, the project importable,
    the same Dagster instance as the build. The config lives in the instance folder, one
    per broker and backend, so workers of two brokers never read each other's."""
    key = hashlib.sha256(f"{broker} {backend}".encode()).hexdigest()[:12]
    config_dir = Path(instance_home()) / "celery" / key
    write_app_config(config_dir, broker, backend)
    env = dict(os.environ)
    paths = [str(config_dir), str(PROJECT_ROOT), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    env["DAGSTER_HOME"] = instance_home()
    return env


def start_workers(
    broker: str, backend: str | None = None, concurrency: int = 1, name: str | None = None
) -> subprocess.Popen:
    """Start one Celery worker process (it forks ``concurrency`` pool processes)."""
    return subprocess.Popen(
        worker_command(concurrency, name), env=worker_env(broker, backend), cwd=PROJECT_ROOT
    )
