"""The incremental state: parsed documents kept by content hash and parser version.

A build parses a document only when no entry exists for (parser version, document id,
content sha256). The parser version is a hash of the parsing code (``aidecl_data.version``),
so a new release never reuses a parse made by older code. Entries are pickled
``ParsedDocument`` objects written atomically (temp file + rename), so a killed build leaves
at worst an unused temp file, never a truncated entry. The manifest records which documents
the last build published, so a build can say what it removed.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
from pathlib import Path

from aidecl_data.model import ParsedDocument
from aidecl_data.version import PARSER_VERSION


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ParseCache:
    """Content-addressed store of parsed documents under ``state_dir``."""

    def __init__(self, state_dir: Path | str, parser_version: str = PARSER_VERSION):
        self.root = Path(state_dir)
        self.parser_version = parser_version
        self._dir = self.root / "parsed" / parser_version

    def _path(self, document_id: str, sha256: str) -> Path:
        return self._dir / sha256[:2] / f"{sha256}--{document_id}.pickle"

    def has(self, document_id: str, sha256: str) -> bool:
        return self._path(document_id, sha256).exists()

    def get(self, document_id: str, sha256: str) -> ParsedDocument | None:
        """The cached parse, or None (a missing or unreadable entry is a miss)."""
        p = self._path(document_id, sha256)
        try:
            with p.open("rb") as f:
                return pickle.load(f)
        except FileNotFoundError:
            return None
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            p.unlink(missing_ok=True)
            return None

    def put(self, parsed: ParsedDocument) -> None:
        doc = parsed.document
        _atomic_write(
            self._path(doc.document_id, doc.source_sha256),
            pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL),
        )

    # -- what the last build published ----------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.json"

    def read_manifest(self) -> dict[str, str]:
        """document_id -> sha256 of the documents the last successful build published."""
        try:
            return json.loads(self.manifest_path.read_text(encoding="utf-8"))["documents"]
        except (FileNotFoundError, KeyError, ValueError):
            return {}

    def write_manifest(self, documents: dict[str, str]) -> None:
        body = {"parser_version": self.parser_version, "documents": dict(sorted(documents.items()))}
        _atomic_write(self.manifest_path, json.dumps(body, indent=1).encode("utf-8"))
