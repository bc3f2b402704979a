"""``aidecl_data.workers.stop_process``: a child that ignores SIGTERM is still stopped."""

from __future__ import annotations

import subprocess
import sys

from aidecl_data.workers import stop_process


def _child(code: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    return proc


def test_a_child_that_obeys_sigterm_ends_by_it():
    proc = _child("import time; print('ready', flush=True); time.sleep(60)")
    stop_process(proc, timeout=10)
    assert proc.returncode == -15


def test_a_child_deaf_to_sigterm_is_killed():
    proc = _child(
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "print('ready', flush=True); time.sleep(60)"
    )
    stop_process(proc, timeout=0.5)
    assert proc.returncode == -9
