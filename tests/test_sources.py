"""Reading a documents folder: which files are candidates, which are rejected and why."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from aidecl_data.parse.sources import (
    DEFAULT_MAX_BYTES,
    RejectedDocument,
    list_candidates,
    list_document_paths,
    read_source,
    scan_documents,
)

TEXT = "Déclaration commune\n\nLes parties réaffirment leur engagement.\n"


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    p = folder / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def _reasons(rejected: list[RejectedDocument]) -> dict[str, str]:
    return {Path(r.path).name: r.reason for r in rejected}


# -- candidates ----------------------------------------------------------------------------

CANDIDATES = [
    ("a.txt", True),
    ("B.MD", True),
    ("c.Txt", True),
    ("notes.docx", False),
    ("README", False),
    ("data.csv", False),
    (".DS_Store", False),
    ("._a.txt", False),  # macOS resource fork
    (".hidden.txt", False),
    (".#a.txt", False),  # emacs lock
    ("~$a.txt", False),  # Office lock
    ("a.txt~", False),  # backup
    ("#a.txt#", False),  # emacs autosave
    ("a.txt.swp", False),
]


@pytest.mark.parametrize(("name", "listed"), CANDIDATES)
def test_candidates(tmp_path: Path, name: str, listed: bool) -> None:
    _write(tmp_path, name, TEXT)
    assert [p.name for p in list_document_paths(tmp_path)] == ([name] if listed else [])


def test_listing_is_sorted_and_skips_directories(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "C.txt", "a.txt"]:
        _write(tmp_path, name, TEXT + name)
    (tmp_path / "dir.txt").mkdir()
    assert [p.name for p in list_document_paths(tmp_path)] == ["C.txt", "a.md", "a.txt", "b.txt"]


def test_list_document_paths_leaves_out_what_cannot_be_read(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", TEXT)
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
    assert [p.name for p in list_document_paths(tmp_path)] == ["a.txt", "link.txt"]
    assert [p.name for p in list_candidates(tmp_path)] == [
        "a.txt",
        "broken.txt",
        "link.txt",
        *(["pipe.txt"] if hasattr(os, "mkfifo") else []),
    ]


# -- rejections of single files ------------------------------------------------------------

REJECTIONS = [
    ("empty", b"", "empty file (0 bytes)"),
    ("blank", b" \n\n\t  \r\n", "blank file (only white space)"),
    ("utf16-bom-only", b"\xff\xfe", "empty file (only a byte-order mark)"),
    ("pdf", b"%PDF-1.5\n%\xb5\xb5\xb5\xb5\n", "binary file (PDF)"),
    ("zip", b"PK\x03\x04rest", "binary file (ZIP)"),
    ("png", b"\x89PNG\r\n\x1a\nrest", "binary file (PNG)"),
    ("nul", b"abc\x00def ghi jkl", "binary file (contains NUL bytes)"),
    ("bad-bom", b"\xef\xbb\xbf\xc3(", "not decodable as UTF-8-SIG"),
]


@pytest.mark.parametrize(
    ("data", "reason"), [c[1:] for c in REJECTIONS], ids=[c[0] for c in REJECTIONS]
)
def test_read_source_rejects(tmp_path: Path, data: bytes, reason: str) -> None:
    p = _write(tmp_path, "x.txt", data)
    with pytest.raises(RejectedDocument) as err:
        read_source(p)
    assert err.value.path == str(p)
    assert err.value.reason.startswith(reason)


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    p = _write(tmp_path, "x.txt", "a" * 101)
    assert read_source(p, max_bytes=101).raw == b"a" * 101
    with pytest.raises(RejectedDocument, match="file is 101 bytes, over the 100-byte limit"):
        read_source(p, max_bytes=100)
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024


def test_default_size_limit(tmp_path: Path) -> None:
    p = _write(tmp_path, "big.txt", b"a" * (DEFAULT_MAX_BYTES + 1))
    _, rejected = scan_documents(tmp_path)
    assert _reasons(rejected) == {
        "big.txt": f"file is {DEFAULT_MAX_BYTES + 1} bytes, over the {DEFAULT_MAX_BYTES}-byte limit"
    }
    assert p.exists()


def test_read_source_keeps_raw_bytes_and_id(tmp_path: Path) -> None:
    raw = b"\xff\xfe" + TEXT.encode("utf-16-le")
    src = read_source(_write(tmp_path, "Doc_01.TXT", raw))
    assert (src.document_id, src.raw) == ("doc_01", raw)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_rejected_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    accepted, rejected = scan_documents(tmp_path)  # would hang if the FIFO were opened
    assert accepted == []
    assert _reasons(rejected) == {"pipe.txt": "is a FIFO, not a regular file"}


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    p = _write(tmp_path, "secret.txt", TEXT)
    p.chmod(0)
    try:
        _, rejected = scan_documents(tmp_path)
    finally:
        p.chmod(0o644)
    assert _reasons(rejected) == {"secret.txt": "cannot read file: Permission denied"}


def test_rejection_pickles() -> None:
    r = pickle.loads(pickle.dumps(RejectedDocument("a.txt", "empty file (0 bytes)")))
    assert (r.path, r.reason, str(r)) == (
        "a.txt",
        "empty file (0 bytes)",
        "a.txt: empty file (0 bytes)",
    )


# -- symlinks ------------------------------------------------------------------------------


def test_symlinks(tmp_path: Path) -> None:
    docs = tmp_path / "documents"
    docs.mkdir()
    outside = _write(tmp_path, "outside.txt", TEXT + "outside")
    _write(docs, "a.txt", TEXT + "a")
    (docs / "sub").mkdir()
    _write(docs / "sub", "inner.txt", TEXT + "inner")
    (docs / "in.txt").symlink_to(docs / "sub" / "inner.txt")
    (docs / "out.txt").symlink_to(outside)
    (docs / "rel_out.txt").symlink_to(Path("..") / "outside.txt")
    (docs / "broken.txt").symlink_to(docs / "missing.txt")
    (docs / "loop.txt").symlink_to(docs / "loop.txt")
    (docs / "same.txt").symlink_to("a.txt")
    accepted, rejected = scan_documents(docs)
    assert [(s.document_id, s.raw) for s in accepted] == [
        ("a", (TEXT + "a").encode()),
        ("in", (TEXT + "inner").encode()),
    ]
    reasons = _reasons(rejected)
    assert reasons == {
        "broken.txt": f"broken symlink (target {docs / 'missing.txt'} does not exist)",
        "loop.txt": "symlink loop",
        "out.txt": f"symlink leaves the documents folder (-> {outside.resolve()})",
        "rel_out.txt": f"symlink leaves the documents folder (-> {outside.resolve()})",
        "same.txt": "same content as a.txt",
    }


def test_documents_folder_reached_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    _write(real, "a.txt", TEXT)
    (real / "b.txt").symlink_to(real / "a.txt")
    link = tmp_path / "link"
    link.symlink_to(real)
    accepted, rejected = scan_documents(link)
    assert [s.document_id for s in accepted] == ["a"]
    assert _reasons(rejected) == {"b.txt": "same content as a.txt"}


# -- the folder as a whole: duplicates, id collisions, good files kept ---------------------


def test_duplicate_content_keeps_the_first_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "c.md"]:
        _write(tmp_path, name, TEXT)
    _write(tmp_path, "d.txt", TEXT + "autre")
    accepted, rejected = scan_documents(tmp_path)
    assert [s.document_id for s in accepted] == ["a", "d"]
    assert _reasons(rejected) == {
        "b.txt": "same content as a.txt",
        "c.md": "same content as a.txt",
    }


def test_ids_colliding_after_lower_casing(tmp_path: Path) -> None:
    _write(tmp_path, "X.txt", TEXT + "1")
    _write(tmp_path, "x.md", TEXT + "2")
    _write(tmp_path, "x.txt", TEXT + "3")
    accepted, rejected = scan_documents(tmp_path)
    assert [(s.document_id, Path(s.path).name) for s in accepted] == [("x", "X.txt")]
    assert _reasons(rejected) == {
        "x.md": "document id 'x' already used by X.txt",
        "x.txt": "document id 'x' already used by X.txt",
    }


def test_rejected_file_does_not_take_the_id(tmp_path: Path) -> None:
    _write(tmp_path, "A.txt", b"")
    _write(tmp_path, "a.txt", TEXT)
    accepted, rejected = scan_documents(tmp_path)
    assert [Path(s.path).name for s in accepted] == ["a.txt"]
    assert _reasons(rejected) == {"A.txt": "empty file (0 bytes)"}


def test_bad_files_do_not_cost_the_good_ones(tmp_path: Path) -> None:
    _write(tmp_path, "good.md", TEXT)
    _write(tmp_path, "good_cp1252.txt", TEXT.replace("commune", "l’œuvre").encode("cp1252"))
    _write(tmp_path, "empty.txt", b"")
    _write(tmp_path, "scan.txt", b"%PDF-1.4 ...")
    _write(tmp_path, ".DS_Store", b"\x00\x00\x00\x01Bud1")
    _write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n")
    accepted, rejected = scan_documents(tmp_path, max_bytes=1000)
    assert [s.document_id for s in accepted] == ["good", "good_cp1252"]
    assert _reasons(rejected) == {
        "empty.txt": "empty file (0 bytes)",
        "scan.txt": "binary file (PDF)",
    }


def test_scan_is_deterministic(tmp_path: Path) -> None:
    for i in range(20):
        _write(tmp_path, f"{(i * 7) % 20:02d}.txt", TEXT + str(i % 15))
    first = scan_documents(tmp_path)
    second = scan_documents(tmp_path)
    assert [s.path for s in first[0]] == [s.path for s in second[0]]
    assert [(r.path, r.reason) for r in first[1]] == [(r.path, r.reason) for r in second[1]]
    assert len(first[0]) == 15
    assert len(first[1]) == 5
