"""Where the pipeline reads and writes: one resource, set in code, never from the environment.

Paths default to the project's own folders so `dagster dev` in the project root and the CLI
agree; tests and the CLI pass their own values through ``build_defs(settings=...)``.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from aidecl_data.build.batch import parser_version_for
from aidecl_data.build.cache import ParseCache
from aidecl_data.parse.sources import (
    DEFAULT_MAX_BYTES,
    RejectedDocument,
    SourceFile,
    read_documents,
)
from pipelines.folders import DOCUMENTS_DIR, OUT_DIR, PROJECT_ROOT, STATE_DIR, scan_folder

__all__ = ["PROJECT_ROOT", "AideclSettings"]


class AideclSettings(dg.ConfigurableResource):
    """Folders and limits of one deployment of the pipeline."""

    documents_dir: str = DOCUMENTS_DIR
    out_dir: str = OUT_DIR
    state_dir: str = STATE_DIR
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

    def scan(self, hand_over: bool = False) -> tuple[list[SourceFile], list[RejectedDocument]]:
        """Every acceptable document in the folder, and the rejected files with reasons.

        Files unchanged since the last scan are not read again (``ScanIndex`` in the state
        folder): a listing and a stat of each instead of reading them. ``hand_over``:
        ``pipelines.folders.scan_folder``.
        """
        return scan_folder(self.documents_dir, self.max_bytes, self.state_dir, hand_over=hand_over)

    def read_some(self, document_ids: set[str]) -> tuple[list[SourceFile], list[RejectedDocument]]:
        """Only the files of these documents (``aidecl_data.parse.sources.read_documents``)."""
        return read_documents(Path(self.documents_dir), document_ids, self.max_bytes)

    def parse_workers(self) -> int | None:
        return self.workers or None
