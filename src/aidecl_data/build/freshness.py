"""Is the published package already what a build would publish? (the no-change rebuild)

Rebuilding unchanged documents parsed nothing but still assembled, checked and rewrote
every table, for a package byte-identical to the one in place. What a build
publishes depends only on the accepted documents (id, file name, sha256) and on the
library's code and data files (parser, schema, writers, curated CSVs): no clock, no
environment. The descriptor already lists its documents (``sources``); after a
successful publish ``record_published`` stores, in the state folder, a hash of the
library and the sha256 of that descriptor. ``is_current`` then holds when:

- the library is the one that published (same ``library_fingerprint``), from the same
  other inputs (the digest of ``documents/MANIFEST.csv``, whose licences and addresses
  the documents table carries),
- the descriptor in ``out_dir`` is the one published (same sha256),
- its ``sources`` are exactly the documents the scan accepted (id, file name, sha256), so
  a document the parser rejected last time keeps the build running (it is reported again),
- every file the descriptor lists has the size it lists, and the database and data
  dictionary exist (a cheap ``stat``; ``aidecl validate`` re-hashes everything).

Any doubt (no record, another output folder, unreadable files) means "not current".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from aidecl_data.atomic import atomic_writer
from aidecl_data.build.names import source_name
from aidecl_data.build.version import library_digest
from aidecl_data.publish.parts import resource_files

RECORD_FILE = "published.json"
DESCRIPTOR_FILE = "datapackage.json"
OTHER_FILES = ("aidecl.duckdb", "README.md")  # published beside the resources
_LIBRARY_ROOT = Path(__file__).resolve().parents[1]


@cache
def library_fingerprint() -> str:
    """A hash of every module and data file of the library (what shapes the package)."""
    return library_digest(_LIBRARY_ROOT)


def _record_path(state_dir: Path | str) -> Path:
    return Path(state_dir) / RECORD_FILE


def record_published(
    out_dir: Path | str,
    state_dir: Path | str,
    inputs: str = "",
    csv_index: dict | None = None,
) -> None:
    """Remember that ``out_dir`` holds the package this library just published.

    ``inputs``: a digest of the other inputs the package was made from (the provenance
    manifest), compared by ``is_current``. ``csv_index``: where each Parquet part's rows
    lie in the CSV files (``PublishResult.csv_index``), kept with each file's ``stat``
    for the next build to copy unchanged rows (``publish/incremental.py``)."""
    out_dir = Path(out_dir).absolute()
    body = {
        "inputs": inputs,
        "library": library_fingerprint(),
        "out_dir": str(out_dir),
        "descriptor_sha256": hashlib.sha256((out_dir / DESCRIPTOR_FILE).read_bytes()).hexdigest(),
    }
    from aidecl_data.publish.incremental import database_stat, stat_csv_index

    if csv_index:
        body["csv_index"] = stat_csv_index(out_dir, csv_index)
    body["database_stat"] = database_stat(out_dir)
    with atomic_writer(_record_path(state_dir), "w", encoding="utf-8") as f:
        json.dump(body, f, indent=1)


def forget_published(state_dir: Path | str) -> None:
    """Drop the record before publishing: a build killed mid-way must not look current."""
    _record_path(state_dir).unlink(missing_ok=True)


def published_here(out_dir: Path | str, state_dir: Path | str) -> dict | None:
    """The package in ``out_dir`` as this library recorded publishing it (its descriptor,
    parsed), or None when it was not, or has changed since."""
    out_dir = Path(out_dir).absolute()
    try:
        record = json.loads(_record_path(state_dir).read_text(encoding="utf-8"))
        if record["library"] != library_fingerprint() or record["out_dir"] != str(out_dir):
            return None
        data = (out_dir / DESCRIPTOR_FILE).read_bytes()
        if hashlib.sha256(data).hexdigest() != record["descriptor_sha256"]:
            return None
        return json.loads(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def published_record(state_dir: Path | str) -> dict:
    """The publication record as stored ({} when there is none); trust it only after
    ``published_here`` said the package in place is the one it describes."""
    try:
        record = json.loads(_record_path(state_dir).read_text(encoding="utf-8"))
        return record if isinstance(record, dict) else {}
    except (OSError, ValueError):
        return {}


def _recorded_inputs(state_dir: Path | str) -> str | None:
    try:
        return json.loads(_record_path(state_dir).read_text(encoding="utf-8")).get("inputs", "")
    except (OSError, ValueError, AttributeError):
        return None


def is_current(
    out_dir: Path | str,
    state_dir: Path | str,
    documents: Iterable[tuple[str, str, str]],
    inputs: str = "",
) -> bool:
    """True when ``out_dir`` holds, intact, the package of these documents and this library.

    ``documents``: (document_id, path, sha256) of every document the scan accepted;
    ``inputs``: the digest ``record_published`` was given (a changed manifest rebuilds).
    """
    out_dir = Path(out_dir).absolute()
    want = {(d, source_name(p), s) for d, p, s in documents}
    descriptor = published_here(out_dir, state_dir)
    if descriptor is None or _recorded_inputs(state_dir) != inputs:
        return False
    try:
        have = {(s["document_id"], s["path"], s["sha256"]) for s in descriptor["sources"]}
        if have != want or len(descriptor["sources"]) != len(want):
            return False
        for resource in descriptor["resources"]:
            for f in resource_files(resource):  # Parquet: under integrity, or per part
                if (out_dir / f["path"]).stat().st_size != f["bytes"]:
                    return False
        return all((out_dir / name).is_file() for name in OTHER_FILES)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
