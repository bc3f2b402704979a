"""The scan index: unchanged files are not read again, and any change is seen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aidecl_data.build import scan_index
from aidecl_data.build.scan_index import INDEX_FILE, ScanIndex
from aidecl_data.parse.sources import RejectedDocument, scan_documents


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a", "b", "c"):
        (docs / f"{name}.txt").write_text(f"Déclaration {name}.\n\nTexte.\n", encoding="utf-8")
    return docs


@pytest.fixture
def trusting(monkeypatch):
    """Trust files however recent (the 2 s racy margin would otherwise need sleeping)."""
    monkeypatch.setattr(scan_index, "RACY_NS", 0)


def _scan(folder: Path, state: Path):
    return scan_documents(folder, index=ScanIndex(state, folder))


def test_second_scan_reads_nothing_and_loads_on_demand(folder, tmp_path, trusting):
    state = tmp_path / "state"
    first, _ = _scan(folder, state)
    assert all(s.raw is not None for s in first)
    assert (state / INDEX_FILE).is_file()
    second, rejected = _scan(folder, state)
    assert rejected == []
    assert [s.raw for s in second] == [None, None, None]
    assert [(s.document_id, s.sha256) for s in second] == [(s.document_id, s.sha256) for s in first]
    assert [s.load() for s in second] == [s.raw for s in first]


def test_a_rewritten_file_is_read_again_even_with_same_size_and_mtime(folder, tmp_path, trusting):
    state = tmp_path / "state"
    _scan(folder, state)
    path = folder / "b.txt"
    st = path.stat()
    path.write_text("Déclaration X.\n\nTexte.\n", encoding="utf-8")  # same length
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and same mtime: ctime moved
    sources, _ = _scan(folder, state)
    b = next(s for s in sources if s.document_id == "b")
    assert b.raw == path.read_bytes()
    assert [s.raw is None for s in sources] == [True, False, True]


def test_recent_files_are_not_trusted(folder, tmp_path):
    state = tmp_path / "state"
    _scan(folder, state)
    sources, _ = _scan(folder, state)  # written < 2 s before the scan: read again
    assert all(s.raw is not None for s in sources)


def test_added_removed_and_duplicate_files(folder, tmp_path, trusting):
    state = tmp_path / "state"
    _scan(folder, state)
    (folder / "a.txt").unlink()
    (folder / "d.txt").write_bytes((folder / "c.txt").read_bytes())  # same content as c
    sources, rejected = _scan(folder, state)
    assert [s.document_id for s in sources] == ["b", "c"]
    assert [(Path(r.path).name, r.reason) for r in rejected] == [("d.txt", "same content as c.txt")]


def test_index_of_another_folder_or_broken_index_is_ignored(folder, tmp_path, trusting):
    state = tmp_path / "state"
    _scan(folder, state)
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("Autre texte.\n\nSuite.\n", encoding="utf-8")
    sources, _ = _scan(other, state)
    assert sources[0].raw is not None
    (state / INDEX_FILE).write_text("{broken", encoding="utf-8")
    assert all(s.raw is not None for s in _scan(folder, state)[0])


def test_symlinks_are_always_read(folder, tmp_path, trusting):
    state = tmp_path / "state"
    (folder / "c.txt").rename(folder / "c.data")  # not a document name itself
    (folder / "c.txt").symlink_to(folder / "c.data")
    _scan(folder, state)
    sources, _ = _scan(folder, state)
    assert [(s.document_id, s.raw is None) for s in sources] == [
        ("a", True),
        ("b", True),
        ("c", False),
    ]


def test_load_reads_a_file_changed_after_the_scan_as_it_is_now(folder, tmp_path, trusting):
    state = tmp_path / "state"
    _scan(folder, state)
    sources, _ = _scan(folder, state)
    assert sources[0].raw is None  # vouched for by the index, not read
    (folder / "a.txt").write_text("Changé entre-temps.\n", encoding="utf-8")
    assert sources[0].load() == "Changé entre-temps.\n".encode()
    (folder / "a.txt").unlink()
    with pytest.raises(RejectedDocument, match="cannot read file"):
        sources[0].load()


def test_a_rejected_file_is_examined_again(folder, tmp_path, trusting):
    state = tmp_path / "state"
    (folder / "e.txt").write_bytes(b"")
    _, rejected = _scan(folder, state)
    assert [Path(r.path).name for r in rejected] == ["e.txt"]
    (folder / "e.txt").write_text("Maintenant un texte.\n", encoding="utf-8")
    sources, rejected = _scan(folder, state)
    assert rejected == [] and "e" in {s.document_id for s in sources}
