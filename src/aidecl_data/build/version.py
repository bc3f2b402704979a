"""The parser's version: the package version plus a hash of the parsing code and data.

The incremental cache keys parsed documents by (content sha256, PARSER_VERSION), so any
change to a parsing module or a curated CSV invalidates earlier parses automatically; a
release never mixes old and new parses. Only ``aidecl_data.parse`` is hashed: changing
how tables are built or written does not require re-parsing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path

from aidecl_data import __version__

# The package whose code and data decide what parse_document returns.
_ROOT = Path(__file__).resolve().parents[1] / "parse"


def library_digest(root: Path, skip: Collection[str] = ()) -> str:
    """sha256 (hex) of the names and bytes of every ``.py`` and ``.csv`` file under ``root``,
    but those whose first path part (module or package name) is in ``skip``.

    The one walk over the library's files: the parser version hashes the parsing part,
    ``freshness.library_fingerprint`` all of it.
    """
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.suffix not in {".py", ".csv"} or "__pycache__" in p.parts:
            continue
        rel = p.relative_to(root)
        if rel.parts[0].removesuffix(".py") in skip:
            continue
        h.update(str(rel).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def _parser_fingerprint() -> str:
    return library_digest(_ROOT)[:12]


PARSER_VERSION = f"{__version__}+{_parser_fingerprint()}"
