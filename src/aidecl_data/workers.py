"""Worker processes that never outlive the process that started them.

Used by every process pool of the library (the parse workers of ``build.batch``, the
Frictionless validation of ``publish.checks.frictionless_csv``): ``ProcessPoolExecutor(...,
initializer=die_with_parent, initargs=(os.getpid(),))``.

A parent killed with ``kill -9`` cannot stop its workers, and a worker blocked writing
results to a pipe nobody reads would wait for ever (seen: 20 minutes, 150 MB each, deaf
to SIGTERM). A daemon thread in each worker polls the parent's pid and ends the worker
when it changes; it runs even while the main thread is blocked in a write.
``PR_SET_PDEATHSIG`` would do the same on Linux but fires when the *thread* that forked
exits, which in a Dagster step need not be the end of the build.
"""

from __future__ import annotations

import os
import signal
import threading
import time

# How often a worker checks that its parent is alive: a worker whose parent was killed
# exits within this time.
PARENT_POLL_SECONDS = 0.2


def die_with_parent(parent: int) -> None:
    """Run first in a worker: end it when ``parent`` is gone; leave signals to the parent.

    SIGINT is ignored (a terminal's Ctrl-C reaches the whole process group; the parent
    decides and kills its workers), and the signals a parent may block while it waits for
    them (``pipelines.interrupts``) are unblocked.
    """
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def stop_process(proc, timeout: float = 15.0) -> None:
    """Ask a child process (``subprocess.Popen``) to stop, and kill it if it has not within
    ``timeout`` seconds: a server or broker a command started must not outlive it, even
    when it ignores SIGTERM."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
