"""Swapping a staged package in, atomically, so a killed build never leaves a broken one.

Design. The package folder (``datapackage/``) is a plain directory, committed to git, so it
cannot be a symlink to a versioned folder. A new package is written to a sibling staging
folder (``<name>.tmp-<token>``, same file system), checked, then swapped in:

1. Linux (``renameat2(RENAME_EXCHANGE)``) and macOS (``renamex_np(RENAME_SWAP)``) exchange
   the two directories in one system call: at every instant ``out_dir`` is either the
   complete old package or the complete new one. The old one, now under the staging name,
   is deleted afterwards.
2. Elsewhere (or on a file system without exchange) two renames: ``out_dir`` ->
   ``<name>.old-<token>``, then staging -> ``out_dir``. A kill between them leaves no
   ``out_dir`` but a complete old package beside it; ``recover_interrupted_publish`` (run
   by every publish before anything else) renames it back.

Leftovers of a killed build (staging folders, old packages being deleted) are removed by the
next publish. Publishing holds an exclusive lock (``.<name>.lock`` beside the package,
``fcntl.flock``: released by the kernel when the process dies) so two builds never race,
and recovery never touches another build's staging folder. Files and folders are fsynced
before the swap, so a power cut is covered as well as a kill.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from aidecl_data.atomic import fsync_dir, fsync_file

PACKAGE_MARKER = "datapackage.json"
StepHook = Callable[[str], None] | None


class CommitError(RuntimeError):
    pass


# Set by ``remove_own_staging(final=True)``: the process is stopping on a signal and
# removes its staging folders, so it must not start one after the removal has looked.
_STOPPING = False


# Package folders this process swapped a new package into: a build stopped by a signal
# after its swap must not say the previous package was left in place.
_SWAPPED_IN: set[str] = set()


def swapped_in(out_dir: str | Path) -> bool:
    """Did this process swap a new package into ``out_dir``?"""
    return str(Path(out_dir).absolute()) in _SWAPPED_IN


def _new_folder_allowed() -> None:
    if _STOPPING:
        raise CommitError("stopping: no new staging folder")


def staging_name(out_dir: Path) -> Path:
    _new_folder_allowed()
    return out_dir.parent / f"{out_dir.name}.tmp-{time.time_ns()}-{os.getpid()}"


def draft_name(out_dir: Path) -> Path:
    """A folder for a database written ahead of its package (``draft.py``)."""
    _new_folder_allowed()
    return out_dir.parent / f"{out_dir.name}.draft-{time.time_ns()}-{os.getpid()}"


def _aside_name(out_dir: Path) -> Path:
    return out_dir.parent / f"{out_dir.name}.old-{time.time_ns()}-{os.getpid()}"


def _leftovers(out_dir: Path, kind: str) -> list[Path]:
    prefix = f"{out_dir.name}.{kind}-"
    if not out_dir.parent.is_dir():
        return []
    return sorted(p for p in out_dir.parent.iterdir() if p.name.startswith(prefix) and p.is_dir())


def fsync_tree(root: Path) -> None:
    """Flush every file and folder under ``root`` to disk."""
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            fsync_file(os.path.join(dirpath, name))
        fsync_dir(dirpath)


@contextlib.contextmanager
def publish_lock(out_dir: Path) -> Iterator[None]:
    """Exclusive lock for publishing into ``out_dir`` (blocks until free; POSIX only)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no cross-process lock, single builder assumed
        yield
        return
    fd = os.open(out_dir.parent / f".{out_dir.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _libc():
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else ctypes.CDLL(None, use_errno=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two directories; False when the platform cannot."""
    try:
        libc = _libc()
    except OSError:
        return False
    if sys.platform.startswith("linux"):
        fn = getattr(libc, "renameat2", None)
        if fn is None:
            return False
        at_fdcwd, rename_exchange = -100, 2
        fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        rc = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    elif sys.platform == "darwin":
        fn = getattr(libc, "renamex_np", None)
        if fn is None:
            return False
        rename_swap = 0x2
        fn.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        rc = fn(os.fsencode(a), os.fsencode(b), rename_swap)
    else:
        return False
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a), str(b))


def _is_replaceable(out_dir: Path) -> bool:
    """Only an empty folder or a data package may be replaced (never, say, a home folder)."""
    if out_dir.is_symlink() or not out_dir.is_dir():
        return False
    return (out_dir / PACKAGE_MARKER).is_file() or not any(out_dir.iterdir())


def check_replaceable(out_dir: Path) -> None:
    """Raise CommitError unless ``out_dir`` is absent, empty or a data package."""
    if (out_dir.exists() or out_dir.is_symlink()) and not _is_replaceable(out_dir):
        raise CommitError(f"refusing to replace {out_dir}: it is not a data package folder")


def recover_interrupted_publish(out_dir: str | Path, *, remove_staging: bool = False) -> list[str]:
    """Undo what a killed publish left behind; returns what was done (for logs).

    If ``out_dir`` is missing but an old package was set aside, it is put back. Old packages
    are deleted; staging folders too when ``remove_staging`` (only safe under the lock).
    """
    out_dir = Path(out_dir).absolute()
    done = []
    aside = [p for p in _leftovers(out_dir, "old") if (p / PACKAGE_MARKER).is_file()]
    if not out_dir.exists() and aside:
        os.rename(aside[-1], out_dir)
        fsync_dir(out_dir.parent)
        done.append(f"restored {out_dir.name} from {aside[-1].name}")
    for p in _leftovers(out_dir, "old") + (_leftovers(out_dir, "tmp") if remove_staging else []):
        shutil.rmtree(p, ignore_errors=True)
        done.append(f"removed {p.name}")
    return done


def remove_own_staging(
    out_dir: str | Path, patience: float = 1.0, *, final: bool = False
) -> list[Path]:
    """Delete the staging folders this process created beside ``out_dir`` (by the pid in
    their name), without the lock: for a process stopping on a signal while it may hold
    the lock itself. Never another build's. Safe at any step of the swap: before it the
    folder is an unpublished copy; after an exchange it holds the old package; between
    the two renames of the fallback the old package waits under its ``.old-`` name, which
    the next publish restores (``recover_interrupted_publish``)."""
    global _STOPPING
    if final:  # the process is stopping: it starts no staging folder from now on
        _STOPPING = True
    suffix = f"-{os.getpid()}"
    out_dir = Path(out_dir).absolute()
    removed: list[Path] = []
    # The build goes on writing until the process exits: a file it adds while a folder is
    # being removed keeps the folder (ENOTEMPTY). So again until a look finds none of ours
    # (a Ctrl-C while staging left the folder in 4 of 11 tries with one pass).
    deadline = time.monotonic() + patience
    while True:
        own = [
            p
            for kind in ("tmp", "draft")  # a database drafted ahead of the package too
            for p in _leftovers(out_dir, kind)
            if p.name.endswith(suffix)
        ]
        if not own or time.monotonic() > deadline:
            return removed
        for p in own:
            shutil.rmtree(p, ignore_errors=True)
            if p not in removed:
                removed.append(p)


def remove_dead_drafts(out_dir: str | Path) -> list[Path]:
    """Delete the draft folders beside ``out_dir`` of processes that are gone (a build
    killed before it could delete its own); a live build's are left alone."""
    dead = []
    for p in _leftovers(Path(out_dir).absolute(), "draft"):
        try:
            pid = int(p.name.rsplit("-", 1)[1])
        except ValueError:
            continue
        if not _alive(pid):
            shutil.rmtree(p, ignore_errors=True)
            dead.append(p)
    return dead


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def swap_in(staging_dir: Path, out_dir: Path, on_step: StepHook = None) -> None:
    """Replace ``out_dir`` by ``staging_dir`` (same parent), atomically where possible.

    The caller holds ``publish_lock(out_dir)``. ``on_step`` is called with the name of each
    step (tests use it to kill the process at every point of the swap).
    """
    step = on_step or (lambda _name: None)
    staging_dir, out_dir = staging_dir.absolute(), out_dir.absolute()
    if staging_dir.parent != out_dir.parent:
        raise CommitError(f"{staging_dir} must be beside {out_dir} for an atomic swap")
    if not (staging_dir / PACKAGE_MARKER).is_file():
        raise CommitError(f"{staging_dir} is not a staged package (no {PACKAGE_MARKER})")
    fsync_tree(staging_dir)
    step("before_swap")
    if not out_dir.exists() and not out_dir.is_symlink():
        os.rename(staging_dir, out_dir)
        fsync_dir(out_dir.parent)
        _SWAPPED_IN.add(str(out_dir))
        step("swapped")
        return
    check_replaceable(out_dir)
    if _exchange(staging_dir, out_dir):
        fsync_dir(out_dir.parent)
        _SWAPPED_IN.add(str(out_dir))
        step("swapped")
        shutil.rmtree(staging_dir, ignore_errors=True)  # now holds the old package
        step("cleaned")
        return
    aside = _aside_name(out_dir)
    os.rename(out_dir, aside)
    step("aside")
    os.rename(staging_dir, out_dir)
    fsync_dir(out_dir.parent)
    _SWAPPED_IN.add(str(out_dir))
    step("swapped")
    shutil.rmtree(aside, ignore_errors=True)
    step("cleaned")


def commit_package(staging_dir: str | Path, out_dir: str | Path, on_step: StepHook = None) -> None:
    """Swap a staged (and checked) package in place of ``out_dir``, atomically.

    Takes the publish lock, repairs a previous interrupted swap, then swaps.
    """
    out_dir = Path(out_dir).absolute()
    with publish_lock(out_dir):
        recover_interrupted_publish(out_dir)
        swap_in(Path(staging_dir), out_dir, on_step)
