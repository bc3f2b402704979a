"""What the last scan learnt about each file, so the next one need not read it again.

Scanning the folder read, decoded and hashed every document on every build before
anything else could start, even when one file had changed. Like
git's index, this keeps for each accepted regular file its ``lstat`` fingerprint (size,
mtime, ctime, inode, device) and its sha256: while the fingerprint is unchanged, the
file is the one that was read, accepted and hashed, so the scan takes the hash from the
index and leaves the bytes on disk (``SourceFile.load`` reads them if the document must be
parsed, and checks the hash). A scan of an unchanged folder then costs a directory
listing and one ``lstat`` per file.

Safety rules:

- Only regular files are indexed; symlinks, rejected files and special files are examined
  afresh on every scan.
- The ctime changes on every write, rename or ``chmod`` and cannot be set by ``touch``;
  a file is trusted only if its mtime and ctime are more than ``RACY_NS`` older
  than the start of the scan that recorded it, so a file rewritten within the same
  timestamp tick as its previous version (same size) is read again ("racy git").
- The index names the folder it describes and the parser version (whose hash covers the
  decoding and acceptance rules in ``sources``/``encodings``): any mismatch, or an
  unreadable index file, means an empty index.
- It is written atomically and durably (``aidecl_data.atomic``), and only when something
  changed.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

from aidecl_data.atomic import atomic_writer
from aidecl_data.build.version import PARSER_VERSION

INDEX_FILE = "scan-index.json"
RACY_NS = 2_000_000_000
_FORMAT = 1


def stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


class ScanIndex:
    """file name -> (lstat fingerprint, sha256) for the accepted files of one folder."""

    def __init__(self, state_dir: Path | str, folder: Path | str):
        self.path = Path(state_dir) / INDEX_FILE
        self.folder = str(Path(folder).absolute())
        self._entries: dict[str, tuple[list[int], str]] = {}
        self._trusted_before_ns = 0  # entries whose file changed after this are not trusted
        self._new: dict[str, tuple[list[int], str]] = {}
        self._read_again = False  # a file was read: the index must be written
        # Entries are stamped with the time the scan *started*: a file modified within
        # RACY_NS before that was necessarily read after its modification.
        self._started_ns = time.time_ns()
        try:
            body = json.loads(self.path.read_text(encoding="utf-8"))
            if (body["format"], body["folder"], body["parser_version"]) == (
                _FORMAT,
                self.folder,
                PARSER_VERSION,
            ):
                self._entries = {name: (k, sha) for name, (k, sha) in body["files"].items()}
                self._trusted_before_ns = int(body["written_ns"]) - RACY_NS
        except (OSError, ValueError, KeyError, TypeError):
            pass

    def lookup(self, name: str, st: os.stat_result) -> str | None:
        """The sha256 of file ``name`` if ``st`` (its lstat) shows it unchanged since read."""
        entry = self._entries.get(name)
        if entry is None or not stat.S_ISREG(st.st_mode):
            return None
        key, sha = entry
        if key != stat_key(st) or max(st.st_mtime_ns, st.st_ctime_ns) >= self._trusted_before_ns:
            return None
        self._new[name] = entry
        return sha

    def record(self, name: str, st: os.stat_result, sha256: str) -> None:
        """File ``name`` was accepted with this content; ``st`` is its lstat *before* reading
        (a write after the stat changes the fingerprint, so it is read again next time)."""
        if stat.S_ISREG(st.st_mode):
            self._new[name] = (stat_key(st), sha256)
            self._read_again = True

    def save(self) -> None:
        """Keep the entries looked up or recorded by this scan (atomic).

        Skipped when every file came from the index and none disappeared. A file read
        again (new, changed, or too recent to be trusted) rewrites it, with a new time.
        """
        if not self._read_again and self._new.keys() == self._entries.keys():
            return
        body = {
            "format": _FORMAT,
            "folder": self.folder,
            "parser_version": PARSER_VERSION,
            "written_ns": self._started_ns,
            "files": {name: [k, sha] for name, (k, sha) in sorted(self._new.items())},
        }
        # dumps, not dump: json.dump always encodes in Python, dumps without indent in C
        # (the same text; the index has an entry per file of the folder).
        text = json.dumps(body, separators=(",", ":"))
        with atomic_writer(self.path, "w", encoding="utf-8") as f:
            f.write(text)
