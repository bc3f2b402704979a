"""The package's DuckDB database written ahead, while the tables' blocking checks run.

In a first build of a few hundred documents the DuckDB database is the longest write of
the package (four times all the CSV and Parquet files on the 245 real texts), and it
used to start only after the blocking checks and the run's hand-over from the checks
step to the publish step, mostly the run's own events (docs/scaling.md, "A first build
of the real corpus"). Written from the same tables as soon as they exist, in a folder of
its own beside the package, it is taken by ``stage_package`` when these very tables (the
same objects) are published: moved into the staging folder and verified there with the
rest (``verify_staged``).
Tables that fail their checks are never published, and their draft is deleted.

Only where the caller asked for it (``enable``: the CLI, whose run publishes in this
process) and only for a small package written from scratch: a large package's database
waits for its CSV and Parquet files, to bound the build's peak memory, and an update of
the database in place is cheap. A build stopped by a signal deletes its draft with its
staging folder (``commit.remove_own_staging``); one killed outright leaves it to the
next build's ``enable``.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from aidecl_data.publish.commit import draft_name, remove_dead_drafts
from aidecl_data.publish.database import DATABASE_FILE, is_small, write_duckdb
from aidecl_data.publish.schema import TABLES, arrow_schema


class Draft:
    """A database being written from ``tables`` into a folder beside the package."""

    def __init__(self, tables: Mapping[str, pa.Table], out_dir: Path) -> None:
        self.tables = dict(tables)
        self.folder = draft_name(out_dir)
        self.path = self.folder / DATABASE_FILE
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._write, name="aidecl-draft-database")
        self._thread.start()

    def _write(self) -> None:
        try:
            self.folder.mkdir()
            write_duckdb(
                {t.name: self.tables[t.name].cast(arrow_schema(t)) for t in TABLES}, self.path
            )
        except BaseException as exc:  # reported by ``result``: the database is then written anew
            self.error = exc

    def of(self, tables: Mapping[str, pa.Table]) -> bool:
        """Was it written from these very table objects?"""
        return set(tables) == set(self.tables) and all(
            tables[name] is self.tables[name] for name in tables
        )

    def result(self) -> Path | None:
        """The written database (wait for it), or None when its write failed."""
        self._thread.join()
        return None if self.error is not None else self.path

    def discard(self) -> None:
        self._thread.join()
        shutil.rmtree(self.folder, ignore_errors=True)


_ENABLED: set[Path] = set()  # packages whose drafts this process will take
_DRAFTS: list[Draft] = []


def enable(out_dir: str | Path) -> None:
    """This process publishes ``out_dir`` itself, from scratch: its tables may be drafted.
    Drafts left beside it by a build that was killed are deleted."""
    out = Path(out_dir).absolute()
    _ENABLED.add(out)
    remove_dead_drafts(out)


def start(tables: Mapping[str, pa.Table], out_dir: str | Path) -> bool:
    """Start writing the database of ``tables`` for ``out_dir``, when enabled and small."""
    out = Path(out_dir).absolute()
    if out not in _ENABLED or not is_small(tables):
        return False
    _DRAFTS.append(Draft(tables, out))
    return True


def take(tables: Mapping[str, pa.Table]) -> Draft | None:
    """The draft written from these very tables, handed over (no longer discarded here)."""
    for i, draft in enumerate(_DRAFTS):
        if draft.of(tables):
            return _DRAFTS.pop(i)
    return None


def discard_all() -> None:
    """Wait for every draft not taken and delete it; drafting disabled."""
    while _DRAFTS:
        _DRAFTS.pop().discard()
    _ENABLED.clear()
