"""A published package read back for comparison: a folder, a release archive or a release.

``open_snapshot(path)`` accepts a package folder (``datapackage/``), its
``datapackage.json``, a release archive (``aidecl-data-2026.12.0.zip``) or a release folder
(``releases/2026.12.0/``, which holds one archive). Tables are read from their CSV
resources, every cell as a string: CSV is the package's canonical form, and comparing
strings compares exactly what a user downloads, whatever the column types.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from aidecl_data.publish.content import content_hash

DESCRIPTOR = "datapackage.json"


class SnapshotError(ValueError):
    """Not a package: the message names the path and the reason."""


@dataclass
class Snapshot:
    """One package's descriptor, with its files read on demand."""

    label: str
    descriptor: dict[str, Any]
    _read: Any = field(repr=False)  # callable: relative path -> bytes
    _tables: dict[str, pa.Table] = field(default_factory=dict, repr=False)

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    @cached_property
    def content_hash(self) -> str:
        return self.descriptor.get("contentHash") or content_hash(self.descriptor)

    @cached_property
    def resources(self) -> dict[str, dict[str, Any]]:
        """CSV resources by table name."""
        return {
            r["name"]: r
            for r in self.descriptor.get("resources", [])
            if r.get("format", "csv") == "csv"
        }

    def columns(self, table: str) -> dict[str, str]:
        """Column name -> Table Schema type."""
        return {
            f["name"]: f.get("type", "string") for f in self.resources[table]["schema"]["fields"]
        }

    def primary_key(self, table: str) -> list[str]:
        pk = self.resources[table]["schema"].get("primaryKey", [])
        return [pk] if isinstance(pk, str) else list(pk)

    def table(self, name: str) -> pa.Table:
        """The table's CSV, every column as a string (empty cell = null)."""
        if name not in self._tables:
            res = self.resources[name]
            names = list(self.columns(name))
            data = self._read(res["path"])
            self._tables[name] = pacsv.read_csv(
                io.BytesIO(data),
                # A document's text (the ``texts`` table) spans many lines, and one cell can
                # be larger than a block of the reader: read the file as one block.
                read_options=pacsv.ReadOptions(block_size=max(1 << 20, len(data) + 1)),
                parse_options=pacsv.ParseOptions(newlines_in_values=True),
                convert_options=pacsv.ConvertOptions(
                    column_types={c: pa.string() for c in names},
                    strings_can_be_null=True,
                    null_values=[""],
                ),
            )
        return self._tables[name]

    def rows(self, name: str) -> list[dict[str, Any]]:
        return self.table(name).to_pylist() if name in self.resources else []


def _folder_reader(root: Path):
    return lambda rel: (root / rel).read_bytes()


def _zip_snapshot(path: Path) -> Snapshot:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise SnapshotError(f"{path}: not a readable zip archive ({exc})") from None
    names = [n for n in archive.namelist() if n.rsplit("/", 1)[-1] == DESCRIPTOR]
    if not names:
        raise SnapshotError(f"{path}: no {DESCRIPTOR} in the archive")
    top = min(names, key=len)
    prefix = top[: -len(DESCRIPTOR)]
    descriptor = json.loads(archive.read(top))
    return Snapshot(str(path), descriptor, lambda rel: archive.read(prefix + rel))


def open_snapshot(path: str | Path) -> Snapshot:
    """The package at ``path`` (folder, descriptor, zip archive or release folder)."""
    path = Path(path)
    if path.is_file() and path.suffix == ".zip":
        return _zip_snapshot(path)
    if path.is_file() and path.name == DESCRIPTOR:
        path = path.parent
    if path.is_dir():
        if (path / DESCRIPTOR).is_file():
            try:
                descriptor = json.loads((path / DESCRIPTOR).read_text(encoding="utf-8"))
            except ValueError as exc:
                raise SnapshotError(f"{path / DESCRIPTOR}: not JSON ({exc})") from None
            return Snapshot(str(path), descriptor, _folder_reader(path))
        archives = sorted(path.glob("*.zip"))
        if len(archives) == 1:
            return _zip_snapshot(archives[0])
        raise SnapshotError(f"{path}: neither a package (no {DESCRIPTOR}) nor a release folder")
    raise SnapshotError(f"{path}: no such package, archive or release")
