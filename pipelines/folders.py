"""The pipeline's folders and the scan of the documents folder, without Dagster.

``aidecl build`` with nothing to do (the package in place already holds the documents of
the folder) must answer in well under a second: importing Dagster alone takes about as
long as the whole answer may (``python -X importtime``; docs/scaling.md). The freshness
check therefore needs the folders and the scan, and nothing else, so they live here, apart
from ``AideclSettings`` (a Dagster resource), which takes its defaults and its scan from
this module.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from aidecl_data.parse.sources import DEFAULT_MAX_BYTES

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS_DIR = str(PROJECT_ROOT / "documents")
OUT_DIR = str(PROJECT_ROOT / "datapackage")
STATE_DIR = str(PROJECT_ROOT / ".aidecl-state")


# The scan the freshness check just made, for the run it decided to start (one use).
_HANDED_OVER: dict[tuple[str, int, str], tuple] = {}


def scan_folder(documents_dir: str, max_bytes: int, state_dir: str, *, hand_over: bool = False):
    """Every acceptable document in the folder, and the rejected files with reasons.

    Files unchanged since the last scan are not read again (``ScanIndex`` in the state
    folder): a listing and a stat of each instead of reading them.

    ``hand_over``: keep the result for the next scan of the same folders in this process,
    which takes it instead of scanning again (once). The CLI's freshness check scans, finds
    the package stale and starts the Dagster run, whose ``core_tables`` scans first thing:
    a second listing, stat and index of 10,000 files a second later, for the same answer
    (a file changed in between is as if changed just after the first scan; its bytes are
    checked against the scanned sha256 when it is read, ``SourceFile.load``).
    ``drop_handed_over`` forgets it when the run does not take it.
    """
    from aidecl_data.build.scan_index import ScanIndex
    from aidecl_data.parse.sources import scan_documents

    key = (str(documents_dir), int(max_bytes), str(state_dir))
    kept = _HANDED_OVER.pop(key, None)
    if kept is not None and not hand_over:
        return kept
    folder = Path(documents_dir)
    sources, rejected = scan_documents(folder, max_bytes, ScanIndex(state_dir, folder))
    # The scan read each new file to hash and check it; its bytes are not kept: 10,000
    # documents held 100 MB in the build process (and 100,000, 1 GB) for the whole run,
    # and were pickled to the parse workers, which read the file again more cheaply
    # (``SourceFile.load``; ``parse_document`` hashes the bytes it parses).
    result = ([replace(s, raw=None) if s.raw is not None else s for s in sources], rejected)
    if hand_over:
        _HANDED_OVER[key] = result
    return result


def handed_over(folders) -> tuple | None:
    """The scan kept for the next scan of these folders (``scan_folder(hand_over=True)``),
    left in place; None when there is none."""
    return _HANDED_OVER.get(
        (str(folders.documents_dir), int(folders.max_bytes), str(folders.state_dir))
    )


def drop_handed_over() -> None:
    _HANDED_OVER.clear()


@dataclass(frozen=True)
class BuildFolders:
    """Where a build reads and writes: what the "up to date" answer needs, nothing more."""

    documents_dir: str = DOCUMENTS_DIR
    out_dir: str = OUT_DIR
    state_dir: str = STATE_DIR
    max_bytes: int = DEFAULT_MAX_BYTES
    ocr: bool = False

    def scan(self, hand_over: bool = False):
        return scan_folder(self.documents_dir, self.max_bytes, self.state_dir, hand_over=hand_over)
