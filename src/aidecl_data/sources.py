"""Reading raw files: accept or reject with a reason, decode, hash.

(First version; the bad-input work hardens it: encodings, size limits, symlinks.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_SUFFIXES = (".txt", ".md")


class RejectedDocument(ValueError):
    """A file that cannot be a document; ``reason`` says why in one line."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class SourceFile:
    document_id: str
    path: str
    raw: bytes
    sha256: str


def document_id_for(path: Path) -> str:
    """The contract: the file name's stem, lower-cased."""
    return path.stem.lower()


def sha256_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def decode_bytes(raw: bytes, path: str = "<bytes>") -> str:
    """Decode a document's bytes to text."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def list_document_paths(folder: Path) -> list[Path]:
    """Candidate files in ``folder`` (sorted, so builds are deterministic)."""
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
    )


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceFile:
    """Read one file, or raise RejectedDocument naming the file and the reason."""
    raw = path.read_bytes()
    if not raw.strip():
        raise RejectedDocument(str(path), "empty file")
    if len(raw) > max_bytes:
        raise RejectedDocument(str(path), f"file is {len(raw)} bytes, over the {max_bytes}-byte limit")
    return SourceFile(document_id_for(path), str(path), raw, sha256_bytes(raw))
