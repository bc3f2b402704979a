"""A published package read back for comparison: a folder, a release archive or a release.

``open_snapshot(path)`` accepts a package folder (``datapackage/``), its
``datapackage.json``, a release archive (``aidecl-data-2026.12.0.zip``) or a release folder
(``releases/2026.12.0/``, which holds one archive). Tables are read from their CSV
resources, every cell as a string: CSV is the package's canonical form, and comparing
strings compares exactly what a user downloads, whatever the column types.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
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


def descriptor_shape(descriptor: Any) -> str:
    """What makes ``descriptor`` (parsed JSON) not a data package descriptor, or ''."""
    if not isinstance(descriptor, dict):
        return f"not a data package: a JSON {type(descriptor).__name__}, not an object"
    resources = descriptor.get("resources", [])
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        return "not a data package: its resources are not a list of objects"
    return ""


def load_descriptor(data: bytes | str, where: str) -> dict[str, Any]:
    """The descriptor in ``data`` (read from ``where``), or ``SnapshotError`` saying why not."""
    try:
        descriptor = json.loads(data)
    except ValueError as exc:
        raise SnapshotError(f"{where}: not JSON ({exc})") from None
    shape = descriptor_shape(descriptor)
    if shape:
        raise SnapshotError(f"{where}: {shape}")
    return descriptor


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

    def read(self, rel: str) -> bytes:
        """The bytes of a file of the package; ``SnapshotError`` when missing or unreadable
        (a member cut from an archive, a CRC error, a file deleted from a folder)."""
        try:
            return self._read(rel)
        except (KeyError, FileNotFoundError):
            raise SnapshotError(f"{self.label}: {rel} is missing") from None
        except (OSError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise SnapshotError(f"{self.label}: {rel} cannot be read ({exc})") from None

    def table(self, name: str) -> pa.Table:
        """The table's CSV, every column as a string (empty cell = null).

        The file must be the one its descriptor describes: the diff takes a table whose
        sha256 is the same in both packages as unchanged, so a CSV file edited after its
        descriptor was written (a row deleted in a spreadsheet) would go unseen."""
        if name not in self._tables:
            res = self.resources[name]
            names = list(self.columns(name))
            data = self.read(res["path"])
            want = str(res.get("hash", "")).removeprefix("sha256:")
            if want and hashlib.sha256(data).hexdigest() != want:
                raise SnapshotError(
                    f"{self.label}: {res['path']}: sha256 differs from {DESCRIPTOR} "
                    "(edited after the package was written? aidecl validate says more)"
                )
            self._tables[name] = self._parse_csv(res["path"], data, names)
        return self._tables[name]

    def _parse_csv(self, rel: str, data: bytes, names: list[str]) -> pa.Table:
        try:
            return pacsv.read_csv(
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
        except pa.ArrowInvalid as exc:  # not UTF-8, a ragged row: what a spreadsheet may save
            message = str(exc).splitlines()[0]
            raise SnapshotError(
                f"{self.label}: {rel}: not a readable CSV file ({message})"
            ) from None

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
    snapshot = Snapshot(str(path), {}, lambda rel: archive.read(prefix + rel))
    snapshot.descriptor = load_descriptor(snapshot.read(DESCRIPTOR), f"{path}: {top}")
    return snapshot


def open_snapshot(path: str | Path) -> Snapshot:
    """The package at ``path`` (folder, descriptor, zip archive or release folder)."""
    path = Path(path)
    if path.is_file() and path.suffix == ".zip":
        return _zip_snapshot(path)
    if path.is_file() and path.name == DESCRIPTOR:
        path = path.parent
    if path.is_dir():
        if (path / DESCRIPTOR).is_file():
            descriptor = load_descriptor((path / DESCRIPTOR).read_bytes(), str(path / DESCRIPTOR))
            return Snapshot(str(path), descriptor, _folder_reader(path))
        archives = sorted(path.glob("*.zip"))
        if len(archives) == 1:
            return _zip_snapshot(archives[0])
        raise SnapshotError(f"{path}: neither a package (no {DESCRIPTOR}) nor a release folder")
    raise SnapshotError(f"{path}: no such package, archive or release")
