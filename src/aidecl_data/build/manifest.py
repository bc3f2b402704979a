"""The provenance manifest of the documents folder: where each text comes from.

``documents/MANIFEST.csv`` has one row per file: ``file`` (the name in ``documents/``),
``source_repository`` (``owner/name`` on GitHub, or empty), ``path`` (the file's path in
that repository), ``commit`` (40 hex digits), ``licence`` (licence or status, as the
corpus records it), ``kind`` (what the text is), ``language`` and ``note`` (how the bytes
were taken, when it matters). It is not a document
(its suffix is not one of ``parse.sources.DOCUMENT_SUFFIXES``).

The manifest is read at assembly, not by the parser: ``parse_document`` stays a function
of a file's bytes (and its cache entry stays valid when only the provenance changes).
:func:`apply_manifest` fills two columns of the documents table from it:

- ``licence``: the manifest's ``licence``;
- ``source_url``: kept when the text itself gives its address (front matter
  ``source_url``/``url``, set by the parser), else the repository location
  ``https://github.com/<repository>/blob/<commit>/<path>``; empty without a repository.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyarrow as pa

MANIFEST_NAME = "MANIFEST.csv"
MANIFEST_COLUMNS = (
    "file",
    "source_repository",
    "path",
    "commit",
    "licence",
    "kind",
    "language",
    "note",
)


@dataclass(frozen=True)
class Provenance:
    file: str
    source_repository: str = ""
    path: str = ""
    commit: str = ""
    licence: str = ""
    kind: str = ""
    language: str = ""
    note: str = ""

    @property
    def repository_url(self) -> str:
        """The file's address in its repository at the recorded commit ("" when unknown)."""
        if not self.source_repository or "/" not in self.source_repository:
            return ""
        ref = self.commit or "HEAD"
        path = quote(self.path.lstrip("/"), safe="/")
        return f"https://github.com/{self.source_repository}/blob/{ref}/{path}"


def load_manifest(documents_dir: str | os.PathLike) -> dict[str, Provenance]:
    """The manifest's rows keyed by file name; empty when the folder has no manifest.

    A row without a ``file`` is skipped; unknown columns are ignored, missing ones empty.
    """
    path = Path(documents_dir) / MANIFEST_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:
        return {}
    out = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        name = (row.get("file") or "").strip()
        if not name:
            continue
        values = {c: (row.get(c) or "").strip() for c in MANIFEST_COLUMNS}
        out[name] = Provenance(**values)
    return out


def manifest_digest(documents_dir: str | os.PathLike) -> str:
    """sha256 of the manifest's bytes ("" without one): the build's freshness check
    compares it, so a changed licence or address republishes the package."""
    try:
        return hashlib.sha256((Path(documents_dir) / MANIFEST_NAME).read_bytes()).hexdigest()
    except OSError:
        return ""


def apply_manifest(documents: pa.Table, manifest: dict[str, Provenance]) -> pa.Table:
    """``documents`` with ``licence`` and (where the text gave none) ``source_url`` filled
    from the manifest, matched on ``source_path``. Rows keep their order."""
    if not manifest or documents.num_rows == 0:
        return documents
    paths = documents.column("source_path").to_pylist()
    urls = documents.column("source_url").to_pylist()
    licences = documents.column("licence").to_pylist()
    new_urls, new_licences = [], []
    for path, url, licence in zip(paths, urls, licences, strict=True):
        prov = manifest.get(os.path.basename(path or ""))
        new_urls.append(url or (prov.repository_url if prov else "") or None)
        new_licences.append((prov.licence if prov else "") or licence or None)
    out = documents
    for name, values in (("source_url", new_urls), ("licence", new_licences)):
        i = out.schema.get_field_index(name)
        field = pa.field(name, pa.string(), nullable=out.schema.field(i).nullable)
        out = out.set_column(i, field, pa.array(values, type=pa.string()))
    return out


__all__ = ["MANIFEST_NAME", "Provenance", "apply_manifest", "load_manifest", "manifest_digest"]


def published_inputs(documents_dir: str | Path, ocr: bool = False) -> str:
    """What shapes the package besides the documents and the library, for the freshness
    record: this manifest (licences, addresses) and whether scanned PDF pages are read
    with OCR (``--ocr``), so switching it on or off rebuilds an unchanged folder."""
    return manifest_digest(documents_dir) + (";ocr" if ocr else "")
