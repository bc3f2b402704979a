"""A throwaway redis-server on 127.0.0.1: the broker of a one-machine Celery try-out.

Tests, the Celery benchmark and a user trying the engine on a laptop all need a broker
that starts on a free port, holds nothing on disk and stops with them; this is that one
recipe (the Debian package ``redis-server`` provides the binary).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

from aidecl_data.workers import stop_process


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def local_redis(timeout: float = 20.0) -> Iterator[tuple[str, str]]:
    """Start redis-server on a free loopback port; yield (broker URL, result backend URL)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="aidecl-redis-") as folder:
        cmd = [binary, "--port", str(port), "--bind", "127.0.0.1"]
        cmd += ["--save", "", "--appendonly", "no"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, cwd=folder)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"redis-server did not start on port {port}") from None
                    time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/0", f"redis://127.0.0.1:{port}/1"
        finally:
            stop_process(proc, timeout=20)
