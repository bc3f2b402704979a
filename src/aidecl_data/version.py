"""The parser's version: the package version plus a hash of the parsing code and data.

The incremental cache keys parsed documents by (content sha256, PARSER_VERSION), so any
change to a parsing module or a curated CSV invalidates earlier parses automatically; a
release never mixes old and new parses. Publishing code is left out on purpose: changing
how tables are written does not require re-parsing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from aidecl_data import __version__

_ROOT = Path(__file__).parent
# Modules that do not influence what parse_document returns.
_NOT_PARSING = {
    "publish",
    "schema",
    "cache",
    "batch",
    "tables",
    "version",
    "query",
    "assemble",
    "rowstore",
    "freshness",
    "scan_index",
}


def _parser_fingerprint() -> str:
    h = hashlib.sha256()
    for p in sorted(_ROOT.rglob("*")):
        if p.suffix not in {".py", ".csv"} or "__pycache__" in p.parts:
            continue
        rel = p.relative_to(_ROOT)
        if rel.parts[0].removesuffix(".py") in _NOT_PARSING:
            continue
        h.update(str(rel).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


PARSER_VERSION = f"{__version__}+{_parser_fingerprint()}"
