"""One ``aidecl build`` at a time per state folder and per package folder.

Publishing alone was locked (``aidecl_data.publish.commit.publish_lock``), so two builds
started at once on the same folders ran side by side: each read the package in place
and the state's record of it at its start, and the later swap won. Tried as a user would
(two builds at once, one of them with a document removed), the reports were wrong
("published 50 documents ... removed 0" over a package of 60), and the state's record of
what was published (``published.json``, with the row positions the next build copies
from) could describe the other build's package. A build therefore holds, from its first
step to its last, an exclusive lock on its state folder (``build.lock`` inside it) and on
its package folder (``.<name>.build.lock`` beside it; not the publish lock, which the
build takes again when it swaps). A second build says it waits, on one line, then runs
once the first is done (and usually finds the package up to date). The kernel releases
the locks of a process that dies, however it dies.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path


def lock_files(out_dir: str, state_dir: str) -> list[Path]:
    """The lock files of a build, in the order it takes them (state, then package)."""
    out = Path(out_dir)
    return [Path(state_dir) / "build.lock", out.parent / f".{out.name}.build.lock"]


@contextlib.contextmanager
def build_lock(out_dir: str, state_dir: str, say=None) -> Iterator[None]:
    """Hold both locks of a build; when another build holds one, ``say`` (default: a line
    on stderr) why this one waits, then wait."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; one build at a time is assumed
        yield
        return
    say = say or (lambda line: print(line, file=sys.stderr, flush=True))
    fds = []
    try:
        for path in lock_files(out_dir, state_dir):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            fds.append(fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                say(f"waiting: another aidecl build is using {path.parent} (lock {path.name})")
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        for fd in fds:
            os.close(fd)  # closing releases the lock
