"""The folders of ``aidecl build``, checked before any work: one clear line per problem.

Without these checks a missing documents folder or a state path that is a file ended in
a traceback, and a wrong arrangement of the folders failed only after every document
was parsed, with a misleading reason. Some arrangements are unsafe as well as useless:
the package folder is replaced as a whole by each build (``aidecl_data.publish.commit``),
so a state or documents folder inside it would be thrown away with the old package (the
swap refuses to replace a folder that is not a package, hence the old failure on every
build). The package folder inside the documents folder is fine: sub-folders are not
read.
"""

from __future__ import annotations

import os
from pathlib import Path


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _writable_place(option: str, path: Path) -> str | None:
    """Why a folder to be written at ``path`` cannot be, or None."""
    if path.exists() or path.is_symlink():
        if not path.is_dir():
            return f"{option} {path}: not a folder (a file is there)"
        if not os.access(path, os.W_OK | os.X_OK):
            return f"{option} {path}: cannot write in it (permission denied)"
        return None
    anchor = _nearest_existing(path.parent)
    if not anchor.is_dir():
        return f"{option} {path}: not a folder ({anchor} is a file)"
    if not os.access(anchor, os.W_OK | os.X_OK):
        return f"{option} {path}: cannot create it in {anchor} (permission denied)"
    return None


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or inner.is_relative_to(outer)


def folder_problems(documents_dir: str, out_dir: str, state_dir: str) -> list[str]:
    """What is wrong with the three folders of a build (absolute paths), one line each;
    empty when the build may start."""
    docs, out, state = (Path(os.path.realpath(p)) for p in (documents_dir, out_dir, state_dir))
    problems = []
    if not docs.exists():
        problems.append(f"--documents {documents_dir}: does not exist")
    elif not docs.is_dir():
        problems.append(f"--documents {documents_dir}: not a folder")
    elif not os.access(docs, os.R_OK | os.X_OK):
        problems.append(f"--documents {documents_dir}: cannot be read (permission denied)")
    for option, path in (("--out", out), ("--state", state)):
        problem = _writable_place(option, path)
        if problem:
            problems.append(problem)
    if _within(docs, out):
        problems.append(
            f"--out {out_dir}: is or holds the documents folder, and each build replaces "
            "the package folder as a whole"
        )
    if _within(state, out):
        problems.append(
            f"--state {state_dir}: is or lies inside the --out folder {out_dir}, which each "
            "build replaces as a whole"
        )
    return problems


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:  # gone while listing
        return False


def unread_subfolders(documents_dir: str, *own: str, limit: int = 5) -> list[str]:
    """Sub-folders of the documents folder that hold document files, which a build does
    not read (``aidecl_data.parse.sources``: one folder, one file per document): the
    user is told, since "published 3 documents" says nothing of 50 files one level down.
    ``own``: folders of the build itself (a package or state folder kept there) are left
    out. Stops after ``limit`` names."""
    from aidecl_data.parse.sources import is_candidate_name, is_ignored_name

    skip = {os.path.realpath(p) for p in own}
    found: list[str] = []
    # Only the folders are sorted and named: the documents beside them (10,000 in a large
    # corpus) cost one type test each, which the listing gives without a stat.
    try:
        with os.scandir(documents_dir) as listing:
            folders = sorted(
                (e for e in listing if _is_folder(e) and not is_ignored_name(e.name)),
                key=lambda e: e.name,
            )
    except OSError:
        return found
    for entry in folders:
        if len(found) >= limit:
            break
        real = os.path.realpath(entry.path)
        if any(s == real or s.startswith(real + os.sep) for s in skip):
            continue
        for _dirpath, _dirs, files in os.walk(entry.path):
            if any(is_candidate_name(f) for f in files):
                found.append(entry.name)
                break
    return found
