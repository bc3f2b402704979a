"""SIGTERM and SIGINT stop a command at once, whatever its main thread is doing.

A Python signal handler only runs when the main thread next executes bytecode; during a
long call into DuckDB, Arrow or a wait on the parse pool that can be seconds. So the
command blocks both signals in every thread and one small thread waits for them with
``sigwait``: it kills the process's children (the parse workers), removes the package
staging folders this process created, and exits with 128 + the signal number (143 for
SIGTERM, 130 for SIGINT), the shell's convention. Nothing else needs cleaning: the package
is swapped in with one atomic exchange, so the previous one is intact at every instant
(``aidecl_data.publish.commit``), and parse cache entries are written atomically.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable

STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


def kill_children(wait: float = 1.0) -> None:
    """SIGKILL every child process this process started through multiprocessing, and
    wait (``wait`` seconds at most in all) until they are gone, so none outlives us."""
    children = multiprocessing.active_children()
    for child in children:
        child.kill()
    deadline = time.monotonic() + wait
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))


def stop_on_signals(cleanup: Callable[[], None] = kill_children) -> threading.Thread:
    """Block SIGINT/SIGTERM here (threads started later inherit it) and start the thread
    that waits for them: on one, ``cleanup()`` then ``os._exit(128 + signum)``.

    Call it from the main thread before any other thread or process is started, so that
    all of them inherit the blocked mask; parse workers unblock it for themselves
    (``aidecl_data.build.batch``).
    """
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)

    def wait() -> None:
        signum = signal.sigwait(STOP_SIGNALS)
        try:
            cleanup()
        finally:
            os._exit(128 + signum)

    thread = threading.Thread(target=wait, name="aidecl-stop-on-signal", daemon=True)
    thread.start()
    return thread
