"""A build stopped from outside: no worker outlives it, the previous package stays whole.

Each test starts a real ``aidecl build`` (a subprocess, as a user or a scheduler would)
with enough documents that it parses them in a process pool, waits until the pool's
workers exist, then kills or signals the build and looks at what is left.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aidecl_data.publish import check_package
from tests.conftest import SEEDS, make_variants
from tests.fixtures_publish import package_files

pytestmark = pytest.mark.integration

WORKERS_DIE_WITHIN = 3.0  # seconds; a worker polls its parent every 0.2 s
SIGNAL_STOPS_WITHIN = 2.0  # the bound for SIGTERM/SIGINT


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            continue
    return out


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for a reaper has finished)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _build(docs: Path, out: Path, state: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "build",
            "--workers",
            "2",
            "--documents",
            str(docs),
            "--out",
            str(out),
            "--state",
            str(state),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _wait_for_workers(proc: subprocess.Popen, timeout: float = 120.0) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = _children(proc.pid)
        if len(kids) >= 2:
            return kids
        assert proc.poll() is None, "the build ended before its parse workers started"
        time.sleep(0.02)
    raise AssertionError("no parse workers appeared")


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """A published package of the five seeds, and a folder of 600 documents whose build
    parses for several seconds in a pool of two workers."""
    tmp = tmp_path_factory.mktemp("signals")
    seeds, docs = tmp / "seeds", tmp / "documents"
    shutil.copytree(SEEDS, seeds, ignore=shutil.ignore_patterns("*.csv"))
    make_variants(docs, 600)
    return seeds, docs


@pytest.fixture
def published(folders, tmp_path):
    seeds, docs = folders
    out = tmp_path / "pkg"
    first = _build(seeds, out, tmp_path / "seed-state")
    assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    return docs, out, package_files(out)


def test_workers_die_with_a_build_killed_by_sigkill(published, tmp_path):
    docs, out, before = published
    proc = _build(docs, out, tmp_path / "state")
    workers = _wait_for_workers(proc)
    os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers get no signal at all
    proc.wait(timeout=10)
    deadline = time.monotonic() + WORKERS_DIE_WITHIN
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    for w in left:  # never leave them behind, even when the test fails
        os.kill(w, signal.SIGKILL)
    assert not left, f"{len(left)} parse workers outlived their killed build"
    assert package_files(out) == before


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_build_quickly_and_keeps_the_package(published, tmp_path, signum, code):
    docs, out, before = published
    proc = _build(docs, out, tmp_path / "state")
    workers = _wait_for_workers(proc)
    sent = time.monotonic()
    os.kill(proc.pid, signum)
    try:
        returned = proc.wait(timeout=SIGNAL_STOPS_WITHIN + 3)
    finally:
        proc.kill()
    elapsed = time.monotonic() - sent
    assert returned == code, proc.stderr.read().decode()[-2000:]
    assert elapsed < SIGNAL_STOPS_WITHIN, f"stopped {elapsed:.1f} s after the signal"
    left = [w for w in workers if _alive(w)]
    assert not left, f"parse workers {left} outlived the build"
    assert "previous package was left unchanged" in proc.stderr.read().decode()
    assert package_files(out) == before and not check_package(out)
    assert not [p for p in out.parent.iterdir() if p.name.startswith("pkg.tmp-")]


def test_an_interrupted_parse_pool_kills_its_workers(tmp_path):
    """The path of a Dagster run terminated from the UI: the run's process gets a
    KeyboardInterrupt in the middle of ``parse_encoded``; the pool must not be drained."""
    docs = tmp_path / "documents"
    make_variants(docs, 600)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from aidecl_data.build.batch import parse_encoded\n"
        "from aidecl_data.parse.sources import scan_documents\n"
        "sources, _ = scan_documents(Path(sys.argv[1]))\n"
        "for n, _ in enumerate(parse_encoded(sources, workers=2)):\n"
        "    if n == 80:\n"
        "        print('parsing', flush=True)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(docs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "parsing"
        workers = _children(proc.pid)
        assert len(workers) >= 2
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        elapsed = time.monotonic() - sent
    finally:
        proc.kill()
    assert proc.returncode != 0  # it stopped, and did not finish the 600 documents
    assert elapsed < SIGNAL_STOPS_WITHIN, f"the pool took {elapsed:.1f} s to stop"
    assert not [w for w in workers if _alive(w)]
