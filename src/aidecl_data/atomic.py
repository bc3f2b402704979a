"""Atomic, durable file writes: one helper, one crash-safety policy.

Every file the library and the pipeline replace in place (the scan index, the freshness
record, parse cache entries, the row store's pointer, the Dagster IO manager's tables)
is written by ``atomic_writer``:

1. a temp file in the target's own folder (the same file system, so the rename below is
   atomic), named ``.tmp-<pid>-<n>`` and created exclusively;
2. the data written, flushed, and ``fsync``-ed, so the bytes are on disk before any name
   points at them (without it, a power cut after the rename can leave an empty file);
3. ``os.replace`` over the target: a reader sees the old file or the new one, whole;
4. ``fsync`` of the folder, so that the rename itself survives a power cut.

On any error before the rename (an exception in the caller's writing, a failed fsync, a
failed rename) the temp file is removed and the target is left as it was. A process
killed outright can leave a ``.tmp-*`` file behind, never a torn target.

``durable=False`` skips the two fsyncs (steps 2 and 4), never the atomic rename. It is
for files that are checked when read and cheap to make again, where a torn file after a
power cut is noticed and treated as missing: the parse cache, which writes one entry per
document (an fsync costs milliseconds per file on ext4; figures in docs/scaling.md).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

_counter = itertools.count()


def fsync_dir(path: Path | str) -> None:
    """Flush a folder's entries (renames, new files) to disk (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path | str) -> None:
    """Flush a file's data to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _open_temp(folder: Path) -> tuple[int, Path]:
    """A new temp file in ``folder`` (made when missing): its descriptor and path.

    The name is unique per process and call (pid and a counter, created with O_EXCL): no
    random names to draw and retry as ``mkstemp`` does, which matters for the parse cache.
    """
    while True:
        tmp = folder / f".tmp-{os.getpid()}-{next(_counter)}"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), tmp
        except FileExistsError:  # left by a killed process that had the same pid
            continue
        except FileNotFoundError:  # no folder yet (or removed since): make it
            folder.mkdir(parents=True, exist_ok=True)


@contextmanager
def atomic_writer(
    path: Path | str, mode: str = "wb", *, encoding: str | None = None, durable: bool = True
) -> Iterator[IO[Any]]:
    """A file object to write ``path``'s new content to; the content replaces ``path``
    when the ``with`` block ends without an error, and never otherwise (see the module
    docstring for the steps). ``mode`` is ``"wb"`` or ``"w"`` (text, with ``encoding``).
    """
    path = Path(path)
    fd, tmp = _open_temp(path.parent)
    try:
        try:
            f = os.fdopen(fd, mode, encoding=encoding)
        except BaseException:
            os.close(fd)
            raise
        with f:
            yield f
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


@contextmanager
def atomic_output(path: Path | str, *, durable: bool = True) -> Iterator[Path]:
    """A free temp path beside ``path`` for a writer that wants a file name, not a file
    object (SQLite, DuckDB); what it wrote there replaces ``path`` when the ``with`` block
    ends without an error, by the same steps as ``atomic_writer``."""
    path = Path(path)
    fd, tmp = _open_temp(path.parent)
    os.close(fd)
    tmp.unlink()  # the writer creates it
    try:
        yield tmp
        if durable:
            fsync_file(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


def write_atomic(path: Path | str, data: bytes | str, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` (str as UTF-8) through ``atomic_writer``."""
    with atomic_writer(path, "wb", durable=durable) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def move_dir_into_place(src: Path | str, target: Path | str) -> bool:
    """Rename the finished folder ``src`` to ``target``, unless a full ``target`` is already
    there (a cache entry another process filled first): True if moved. The rename is one
    step, so a reader finds no folder or a whole one, never a partial unpack."""
    try:
        os.replace(src, target)
    except OSError:
        if Path(target).is_dir():
            return False
        raise
    return True
