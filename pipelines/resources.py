"""Where the pipeline reads and writes: one resource, set in code, never from the environment.

Paths default to the project's own folders so `dagster dev` in the project root and the CLI
agree; tests and the CLI pass their own values through ``build_defs(settings=...)``.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from aidecl_data.cache import ParseCache
from aidecl_data.sources import DEFAULT_MAX_BYTES, RejectedDocument, SourceFile, scan_documents

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class AideclSettings(dg.ConfigurableResource):
    """Folders and limits of one deployment of the pipeline."""

    documents_dir: str = str(PROJECT_ROOT / "documents")
    out_dir: str = str(PROJECT_ROOT / "datapackage")
    state_dir: str = str(PROJECT_ROOT / ".aidecl-state")
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = 0  # 0: one per core

    def cache(self) -> ParseCache:
        return ParseCache(self.state_dir)

    def scan(self) -> tuple[list[SourceFile], list[RejectedDocument]]:
        """Every acceptable document in the folder, and the rejected files with reasons."""
        return scan_documents(Path(self.documents_dir), self.max_bytes)

    def parse_workers(self) -> int | None:
        return self.workers or None
