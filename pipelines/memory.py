"""How the build's processes allocate memory: set once, before pyarrow is imported.

Why: the peak of a first build of 10,000 documents is the tables (about 380 MB of Arrow)
plus what is briefly needed beside them (row batches, CSV renderings, Parquet files read
back, the DuckDB write), plus what the allocators kept of it after it was freed. The last
part was about 150 MB with the tables of a built package (docs/scaling.md, "Issue 17,
round 3"):

- Arrow's bundled mimalloc kept about 100 MB more than the C library's malloc once the
  tables were assembled, and ``release_unused`` gave none of it back; so Arrow allocates
  through malloc (``ARROW_DEFAULT_MEMORY_POOL=system``, read when pyarrow is first
  imported), and ``release_unused`` (``malloc_trim``) hands malloc's free memory back
  before the database is written;
- glibc's malloc raises its mmap threshold each time a large block is freed (up to
  32 MB), after which such blocks come from the heap, where a freed one rarely goes back
  to the system: staging the CSV and Parquet files left about 55 MB that way. A fixed
  threshold of 1 MiB (``M_MMAP_THRESHOLD``) returns every large block when it is freed.

A value the user set in the environment (``ARROW_DEFAULT_MEMORY_POOL``,
``MALLOC_MMAP_THRESHOLD_``) is left alone. Forked parse workers inherit both settings.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
MMAP_THRESHOLD = 1 << 20


def configure_allocators() -> None:
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    if sys.platform != "linux" or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return
    # The C library already loaded; not glibc (musl has no mallopt): nothing to set.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
