"""Where the pipeline reads and writes: one resource, set in code, never from the environment.

Paths default to the project's own folders so `dagster dev` in the project root and the CLI
agree; tests and the CLI pass their own values through ``build_defs(settings=...)``.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from aidecl_data.build.batch import parser_version_for
from aidecl_data.build.cache import ParseCache
from aidecl_data.build.scan_index import ScanIndex
from aidecl_data.parse.sources import (
    DEFAULT_MAX_BYTES,
    RejectedDocument,
    SourceFile,
    read_documents,
    scan_documents,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class AideclSettings(dg.ConfigurableResource):
    """Folders and limits of one deployment of the pipeline."""

    documents_dir: str = str(PROJECT_ROOT / "documents")
    out_dir: str = str(PROJECT_ROOT / "datapackage")
    state_dir: str = str(PROJECT_ROOT / ".aidecl-state")
    releases_dir: str = str(PROJECT_ROOT / "releases")
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = 0  # 0: one per core
    # Frictionless on the staged CSV files before the swap, on top of the blocking checks
    # (which enforce the same Table Schema with Arrow); slow on large packages (see
    # docs/scaling.md).
    frictionless: bool = False
    # Read the scanned pages of PDFs with Tesseract (when installed); kept apart in the cache.
    ocr: bool = False

    def cache(self) -> ParseCache:
        return ParseCache(self.state_dir, parser_version_for(self.ocr))

    def scan(self) -> tuple[list[SourceFile], list[RejectedDocument]]:
        """Every acceptable document in the folder, and the rejected files with reasons.

        Files unchanged since the last scan are not read again (``ScanIndex`` in the state
        folder): a listing and a stat of each instead of reading them.
        """
        folder = Path(self.documents_dir)
        return scan_documents(folder, self.max_bytes, ScanIndex(self.state_dir, folder))

    def read_some(self, document_ids: set[str]) -> tuple[list[SourceFile], list[RejectedDocument]]:
        """Only the files of these documents (``aidecl_data.parse.sources.read_documents``)."""
        return read_documents(Path(self.documents_dir), document_ids, self.max_bytes)

    def parse_workers(self) -> int | None:
        return self.workers or None
