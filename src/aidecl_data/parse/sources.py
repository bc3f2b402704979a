"""Reading the documents folder: accept a file as a document, or reject it with a reason.

The promise is that nothing good is lost and nothing broken is published, so every file
that *looks like* a document (a ``.txt``, ``.md``, ``.pdf``, ``.html`` or ``.htm`` name) is
either read or rejected with a one-line reason that ``aidecl build --json`` and the Dagster
run show. Decisions:

- Candidates: entries of the folder itself (not its sub-folders) whose suffix is ``.txt``,
  ``.md``, ``.markdown``, ``.pdf``, ``.html`` or ``.htm`` in any case (PDFs and pages are
  read into text by ``aidecl_data.parse.formats`` when parsed; ``MANIFEST.csv``, the
  provenance of the corpus, is therefore never a document). Other names are not documents and are
  skipped without a word, and so are hidden and temporary files: names starting with
  ``.`` (``.DS_Store``, macOS ``._x.txt`` resource forks, editor lock and swap files) or
  ``~`` (Office ``~$x.txt`` lock files), and names ending with ``~`` (backups). These are
  by-products of tools, never documents a person meant to publish, and rejecting them
  would put noise into every build report. Directories are skipped; other special files (FIFOs,
  sockets, devices) with a document name are rejected, never opened.
- Rejected, with a reason: an empty file, or a blank one once decoded (only white space,
  or only a byte-order mark); a file over the size limit (``DEFAULT_MAX_BYTES``, 5 MB,
  configurable), judged on its size *before* reading it; a binary file or one that is not
  decodable text (rules in ``aidecl_data.parse.encodings``); an unreadable file; a broken
  symlink, a symlink loop, and a symlink whose target lies outside the documents folder
  (a symlink to another file inside the folder is read like that file).
- Same content twice (equal sha256): the first file in sorted order is the document, the
  later ones are rejected with "same content as <first>". A researcher counting clauses
  or mentions should never count one text twice; the rejection keeps the copy visible.
- The ``document_id`` is the file name's stem made safe (:func:`document_id_for`), so a
  name people save (``Déclaration commune (2025).md``) never puts a space or an accent
  into a key of the package; the original name stays in ``source_path``.
- Same ``document_id`` twice (``A.txt`` and ``a.txt``, ``x.txt`` and ``x.md``, or
  ``Déclaration (1).md`` and ``declaration-1.md``): the later file in sorted order is rejected with
  "document id ... already used by <first>", so one id never names two texts.
- "First" means first among the files *accepted* so far in sorted path order, so a broken
  file never takes an id or a content away from a good one, and builds are deterministic.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aidecl_data.parse.encodings import NotText, decode_text, describe_blank, is_blank

if TYPE_CHECKING:
    from aidecl_data.build.scan_index import ScanIndex

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".html", ".htm")
# Read by ``aidecl_data.parse.formats`` in the parse workers, not decoded here.
BINARY_SUFFIXES = (".pdf",)
MARKUP_SUFFIXES = (".html", ".htm")
HIDDEN_PREFIXES = (".", "~")
BACKUP_SUFFIXES = ("~",)


class RejectedDocument(ValueError):
    """A file that cannot be a document; ``reason`` says why in one line."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):  # picklable across worker processes
        return (RejectedDocument, (self.path, self.reason))


@dataclass(frozen=True)
class SourceFile:
    """An accepted document. ``raw`` is None when the scan index vouched for the file
    without reading it (``scan_index``); ``load`` then reads it.

    ``sha256`` is what the scan saw. A file rewritten between the scan and ``load`` is
    parsed as it is now: ``parse_document`` hashes the bytes it parses, so the published
    ``source_sha256`` is always that of the bytes parsed, and the document is not lost
    from this build for having been saved at the wrong moment (the next scan sees the
    new fingerprint and agrees with what was published)."""

    document_id: str
    path: str
    raw: bytes | None
    sha256: str

    def load(self) -> bytes:
        if self.raw is not None:
            return self.raw
        try:
            with open(self.path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise RejectedDocument(self.path, f"cannot read file: {exc.strerror or exc}") from None
        return data


# Letters that Unicode does not decompose into an ASCII letter and a mark.
_ASCII_FOLD = str.maketrans(
    {
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "ħ": "h",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ŋ": "n",
    }
)
_UNSAFE_RUN = re.compile(r"[^a-z0-9_-]+")


def document_id_for(path: Path | str) -> str:
    """The contract: the file name's stem made safe.

    Lower-case ASCII: accents folded ("é" -> "e", "œ" -> "oe"), letters, digits, ``_`` and
    ``-`` kept, any other run of characters turned to one ``-``, and no ``-`` or ``_`` at
    either end (``Déclaration commune (2025).md`` -> ``declaration-commune-2025``). A
    stem with nothing left (``日本.md``) gets ``document-`` and a digest of its name, so
    every file still has a stable id.
    """
    stem = Path(path).stem
    folded = unicodedata.normalize("NFKD", stem.lower().translate(_ASCII_FOLD))
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    slug = _UNSAFE_RUN.sub("-", bare).strip("-_")
    if not slug:
        slug = "document-" + hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return slug


def sha256_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def decode_bytes(raw: bytes, path: str = "<bytes>") -> str:
    """A document's bytes as text (no normalization: spans are offsets in this string).

    Raises ``RejectedDocument`` when the bytes are not a document's text: binary, not
    decodable, empty or blank. So ``parse_document`` rejects what ``read_source`` rejects.
    """
    try:
        text = decode_text(raw).text
    except NotText as exc:
        raise RejectedDocument(path, exc.reason) from None
    if is_blank(text):
        raise RejectedDocument(path, describe_blank(raw, text))
    return text


def check_content(raw: bytes, name: str) -> None:
    """Reject what cannot be a document before parsing: a text file that is binary,
    undecodable, empty or blank; a ``.pdf`` without the PDF signature; an empty page. (A
    PDF's or a page's content is judged by its reader, in the parse workers.)"""
    suffix = Path(name).suffix.lower()
    if suffix in BINARY_SUFFIXES:
        if not raw:
            raise RejectedDocument(name, "empty file")
        if b"%PDF-" not in raw[:1024]:
            raise RejectedDocument(name, "not a PDF (no %PDF- signature)")
        return
    if suffix in MARKUP_SUFFIXES:
        if not raw.strip():
            raise RejectedDocument(name, "empty file")
        return
    decode_bytes(raw, name)  # rejects binary, undecodable, empty and blank files


def is_ignored_name(name: str) -> bool:
    """Hidden and temporary files, skipped silently (see the module docstring)."""
    return name.startswith(HIDDEN_PREFIXES) or name.endswith(BACKUP_SUFFIXES)


def is_candidate_name(name: str) -> bool:
    return not is_ignored_name(name) and Path(name).suffix.lower() in DOCUMENT_SUFFIXES


def list_candidates(folder: Path) -> list[Path]:
    """Every entry of ``folder`` with a document name, sorted (builds are deterministic).

    Includes symlinks (even broken ones) and special files such as FIFOs, so that
    ``scan_documents`` can reject them with a reason; excludes directories and ignored
    names. Never opens a file.
    """
    out = []
    with os.scandir(folder) as entries:  # the entry type comes with the name: no stat
        for entry in entries:
            if not is_candidate_name(entry.name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    continue
            except OSError:
                continue  # vanished while listing
            out.append(folder / entry.name)
    return sorted(out)


def list_document_paths(folder: Path) -> list[Path]:
    """Candidates that are regular files or symlinks to one, sorted: safe to read.

    (A FIFO is left out because reading it would block.) Use ``scan_documents`` for
    the full verdict, with the symlink, size, content and duplicate rules.
    """
    return [p for p in list_candidates(folder) if p.is_file()]


def _resolve_inside(path: Path, folder: Path | None) -> Path:
    """The file to read for ``path``: itself, or a symlink's target inside ``folder``."""
    if not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        raise RejectedDocument(
            str(path), f"broken symlink (target {os.readlink(path)} does not exist)"
        ) from None
    except (RuntimeError, OSError):
        raise RejectedDocument(str(path), "symlink loop") from None
    base = (folder if folder is not None else path.parent).resolve()
    if not target.is_relative_to(base):
        raise RejectedDocument(str(path), f"symlink leaves the documents folder (-> {target})")
    return target


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def read_source(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, folder: Path | None = None
) -> SourceFile:
    """Read one file, or raise RejectedDocument naming the file and the reason.

    ``folder`` is the documents folder symlinks must stay in (default: the file's own).
    """
    name = str(path)
    target = _resolve_inside(path, folder)
    try:
        st = target.stat()
    except OSError as exc:
        raise RejectedDocument(name, f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise RejectedDocument(name, f"is {_kind(st.st_mode)}, not a regular file")
    if st.st_size > max_bytes:
        raise RejectedDocument(name, f"file is {st.st_size} bytes, over the {max_bytes}-byte limit")
    try:
        with open(target, "rb") as fh:
            raw = fh.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        raise RejectedDocument(name, f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise RejectedDocument(name, f"file is over the {max_bytes}-byte limit")
    check_content(raw, name)
    return SourceFile(document_id_for(path), name, raw, sha256_bytes(raw))


def _id_key(document_id: str) -> str:
    return unicodedata.normalize("NFC", document_id).casefold()


def scan_documents(
    folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, index: ScanIndex | None = None
) -> tuple[list[SourceFile], list[RejectedDocument]]:
    """Read every candidate of ``folder``: the documents, and the rejections with reasons.

    Both lists follow sorted path order. Applies the duplicate-content and duplicate-id
    rules of the module docstring. With an ``index`` (``aidecl_data.build.scan_index``), files
    unchanged since an earlier scan are not read again (their ``raw`` is None).
    """
    folder = Path(folder)
    accepted: list[SourceFile] = []
    rejected: list[RejectedDocument] = []
    by_sha: dict[str, str] = {}
    by_id: dict[str, str] = {}
    for path in list_candidates(folder):
        try:
            st = path.lstat()
        except OSError:
            st = None
        sha = index.lookup(path.name, st) if index and st and st.st_size <= max_bytes else None
        if sha is not None:
            src = SourceFile(document_id_for(path), str(path), None, sha)
        else:
            try:
                src = read_source(path, max_bytes, folder)
            except RejectedDocument as exc:
                rejected.append(exc)
                continue
            if index and st:
                index.record(path.name, st, src.sha256)
        first = by_sha.get(src.sha256)
        if first is not None:
            rejected.append(RejectedDocument(src.path, f"same content as {first}"))
            continue
        key = _id_key(src.document_id)
        first = by_id.get(key)
        if first is not None:
            reason = f"document id {src.document_id!r} already used by {first}"
            rejected.append(RejectedDocument(src.path, reason))
            continue
        by_sha[src.sha256] = path.name
        by_id[key] = path.name
        accepted.append(src)
    if index:
        index.save()
    return accepted, rejected


def read_documents(
    folder: Path, document_ids: set[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[SourceFile], list[RejectedDocument]]:
    """Read only the candidates of ``folder`` whose id is in ``document_ids`` (a sensor run
    parses a few documents among thousands), in sorted path order.

    Each file is accepted or rejected on its own: the folder-wide rules (same content,
    colliding ids) need every file and are applied by ``scan_documents`` when the tables
    are assembled, so a duplicate read here is at worst parsed and cached for nothing.
    """
    folder = Path(folder)
    sources: list[SourceFile] = []
    rejected: list[RejectedDocument] = []
    for path in list_candidates(folder):
        if document_id_for(path) not in document_ids:
            continue
        try:
            sources.append(read_source(path, max_bytes, folder))
        except RejectedDocument as exc:
            rejected.append(exc)
    return sources, rejected
