"""The Celery engine, for real: a redis-server and two Celery workers started here.

The same documents built in process and on the workers must give the same package, byte
for byte; the parse steps must have run in the workers' processes (not in this one); a
worker process killed in the middle of a parse task must cost nothing but time; adding one
document must send that one document to a worker.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from pipelines.celery_engine import start_workers
from pipelines.cli import run_build
from pipelines.local_redis import local_redis
from pipelines.resources import AideclSettings
from tests.conftest import make_variants

pytestmark = pytest.mark.integration

REDIS = shutil.which("redis-server")
if REDIS is None:  # .ci/run installs it; a bare developer machine may not have it
    pytest.skip(
        "redis-server is not installed (apt-get install redis-server)", allow_module_level=True
    )

BATCH = 12  # documents per parse step: several steps for two workers to share


@pytest.fixture(scope="module")
def broker():
    with local_redis() as urls:
        yield urls


@pytest.fixture(scope="module")
def workers(broker, tmp_path_factory):
    """Two workers of one pool process each, sharing a Dagster instance with the tests."""
    home = tmp_path_factory.mktemp("dagster_home")
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    old = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    procs = [start_workers(*broker, concurrency=1, name=f"w{i}") for i in range(2)]
    yield procs
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
    for child in _pool_processes(procs):
        _kill(child)
    if old is None:
        os.environ.pop("DAGSTER_HOME", None)
    else:
        os.environ["DAGSTER_HOME"] = old


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _pool_processes(procs) -> list[int]:
    return [c for p in procs for c in _children(p.pid)]


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _settings(root: Path, docs: Path, name: str) -> AideclSettings:
    return AideclSettings(
        documents_dir=str(docs), out_dir=str(root / f"{name}-pkg"), state_dir=str(root / name)
    )


def _package(out: str) -> dict[str, bytes]:
    """The package's CSV files and its descriptor's per-file hashes and sizes."""
    out = Path(out)
    files = {p.name: p.read_bytes() for p in sorted((out / "data").glob("*.csv"))}
    descriptor = json.loads((out / "datapackage.json").read_text())
    files["hashes"] = json.dumps(
        [(r["name"], r["path"], r.get("hash"), r.get("bytes")) for r in descriptor["resources"]]
    ).encode()
    return files


def _parse_steps(run_id: str) -> list[dict]:
    """Output metadata of every parse step of a run: what it parsed, and in which process."""
    import dagster as dg

    with dg.DagsterInstance.get() as instance:
        records = instance.get_records_for_run(
            run_id, of_type=dg.DagsterEventType.STEP_OUTPUT
        ).records
    out = []
    for rec in records:
        event = rec.event_log_entry.dagster_event
        if event.step_key.startswith("parsed_corpus.parse_document_batch"):
            meta = event.event_specific_data.metadata
            row = {k: meta[k].value for k in ("parsed", "reused", "pid", "host")}
            out.append({**row, "step": event.step_key})
    return out


def _last_run_id() -> str:
    import dagster as dg

    with dg.DagsterInstance.get() as instance:
        return instance.get_runs(limit=1)[0].run_id


def test_same_package_as_in_process_parsed_by_the_workers(workers, broker, tmp_path):
    docs = tmp_path / "documents"
    make_variants(docs, 60)
    local = run_build(_settings(tmp_path, docs, "local"))
    assert local.success
    remote = run_build(
        _settings(tmp_path, docs, "celery"),
        engine="celery",
        broker=broker[0],
        backend=broker[1],
        batch_documents=BATCH,
    )
    assert remote.success, remote.failures
    assert (remote.documents, remote.parsed, remote.rejected) == (60, 60, [])
    assert _package(tmp_path / "celery-pkg") == _package(tmp_path / "local-pkg")

    steps = _parse_steps(_last_run_id())
    assert len(steps) == 60 // BATCH and sum(s["parsed"] for s in steps) == 60
    pool = set(_pool_processes(workers))
    assert {s["pid"] for s in steps} <= pool, "a parse step ran outside the worker processes"
    assert os.getpid() not in {s["pid"] for s in steps}

    # Incremental: one new document, one parse step, that one document.
    (docs / "late.txt").write_text("Déclaration.\n\nLes parties coopèrent.\n", encoding="utf-8")
    again = run_build(
        _settings(tmp_path, docs, "celery"),
        engine="celery",
        broker=broker[0],
        backend=broker[1],
        batch_documents=BATCH,
    )
    assert again.success and (again.documents, again.parsed, again.reused) == (61, 1, 60)
    steps = _parse_steps(_last_run_id())
    assert [s["parsed"] for s in steps] == [1]


def test_a_worker_killed_in_the_middle_of_a_task(workers, broker, tmp_path):
    """The pool process of the worker running a parse step is SIGKILLed while the step
    runs (as the run's event log shows it: started, not finished, on that worker)."""
    import dagster as dg

    docs = tmp_path / "documents"
    make_variants(docs, 96)
    assert run_build(_settings(tmp_path, docs, "local")).success
    settings = _settings(tmp_path, docs, "celery")
    with dg.DagsterInstance.get() as instance:
        earlier = {r.run_id for r in instance.get_runs()}
    killed: list[tuple[str, int]] = []

    def kill_a_running_parse_task():
        deadline = time.monotonic() + 240
        with dg.DagsterInstance.get() as instance:
            while time.monotonic() < deadline:
                runs = [r for r in instance.get_runs(limit=1) if r.run_id not in earlier]
                running = _running_parse_steps(instance, runs[0].run_id) if runs else {}
                for step, host in running.items():
                    pool = _children(workers[int(host.split("@")[0][1:])].pid)
                    if pool:
                        _kill(pool[0])
                        killed.append((step, pool[0]))
                        return
                time.sleep(0.05)

    killer = threading.Thread(target=kill_a_running_parse_task)
    killer.start()
    report = run_build(
        settings, engine="celery", broker=broker[0], backend=broker[1], batch_documents=24
    )
    killer.join()
    assert killed, "no parse task was caught running"
    assert report.success, report.failures
    assert report.documents == 96
    assert _package(tmp_path / "celery-pkg") == _package(tmp_path / "local-pkg")
    run_id = _last_run_id()
    steps = _parse_steps(run_id)
    # The killed attempt may have stored some of its batch before it died: its retry
    # finds them in the cache. Every document was parsed once, by a live process.
    assert sum(s["parsed"] + s["reused"] for s in steps) == 96 and len(steps) == 4
    step, pid = killed[0]
    if [s["pid"] for s in steps if s["step"] == step] != [pid]:  # killed before it finished
        assert _starts(run_id, step) >= 2, f"{step} was not run again after its worker died"


def _running_parse_steps(instance, run_id: str) -> dict[str, str]:
    """Parse steps started and not finished, with the Celery worker running each."""
    import dagster as dg

    started, finished, where = set(), set(), {}
    for entry in instance.all_logs(run_id):
        ev = entry.dagster_event
        if ev is None or not ev.step_key or ".parse_document_batch" not in ev.step_key:
            continue
        if ev.event_type == dg.DagsterEventType.STEP_START:
            started.add(ev.step_key)
        elif ev.event_type in (dg.DagsterEventType.STEP_OUTPUT, dg.DagsterEventType.STEP_SUCCESS):
            finished.add(ev.step_key)
        elif ev.event_type == dg.DagsterEventType.ENGINE_EVENT:
            host = ev.engine_event_data.metadata.get("Celery worker")
            if host is not None:
                where[ev.step_key] = host.value
    return {k: where[k] for k in sorted(started - finished) if k in where}


def _starts(run_id: str, step: str) -> int:
    import dagster as dg

    with dg.DagsterInstance.get() as instance:
        records = instance.get_records_for_run(
            run_id, of_type=dg.DagsterEventType.STEP_START
        ).records
    return sum(1 for r in records if r.event_log_entry.dagster_event.step_key == step)
