"""When may a build skip its run? Only when the package in place is exactly its output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aidecl_data.build import freshness
from aidecl_data.build.freshness import forget_published, is_current, record_published

DOCS = [("a", "/in/a.txt", "1" * 64), ("b", "/in/b.md", "2" * 64)]


def _package(out: Path, docs=DOCS) -> None:
    (out / "data").mkdir(parents=True)
    (out / "data" / "t.csv").write_text("x\n1\n")
    (out / "data" / "t.parquet").write_bytes(b"PAR1")
    for name in freshness.OTHER_FILES:
        (out / name).write_text(".")
    descriptor = {
        "sources": [{"document_id": d, "path": Path(p).name, "sha256": s} for d, p, s in docs],
        "resources": [
            {"path": "data/t.csv", "bytes": 4},
            {"path": "data/t.parquet", "integrity": {"bytes": 4}},
        ],
    }
    (out / "datapackage.json").write_text(json.dumps(descriptor))


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    out, state = tmp_path / "pkg", tmp_path / "state"
    _package(out)
    record_published(out, state)
    return out, state


def test_current_after_record(published):
    out, state = published
    assert is_current(out, state, DOCS)
    assert is_current(out, state, list(reversed(DOCS)))  # order does not matter


@pytest.mark.parametrize(
    "docs",
    [
        DOCS[:1],  # a document removed
        [*DOCS, ("c", "/in/c.txt", "3" * 64)],  # one added
        [DOCS[0], ("b", "/in/b.md", "9" * 64)],  # one changed
        [DOCS[0], ("b", "/in/b.txt", "2" * 64)],  # same id and content, other file name
    ],
)
def test_other_documents_are_not_current(published, docs):
    out, state = published
    assert not is_current(out, state, docs)


def test_a_touched_file_is_not_current(published):
    out, state = published
    (out / "data" / "t.csv").write_text("x\n12\n")
    assert not is_current(out, state, DOCS)


def test_a_missing_database_is_not_current(published):
    out, state = published
    (out / "aidecl.duckdb").unlink()
    assert not is_current(out, state, DOCS)


def test_another_descriptor_is_not_current(published):
    out, state = published
    text = (out / "datapackage.json").read_text()
    (out / "datapackage.json").write_text(text + " ")
    assert not is_current(out, state, DOCS)


def test_another_library_is_not_current(published, monkeypatch):
    out, state = published
    monkeypatch.setattr(freshness, "library_fingerprint", lambda: "0" * 64)
    assert not is_current(out, state, DOCS)


def test_another_output_folder_is_not_current(published, tmp_path):
    _, state = published
    other = tmp_path / "other"
    _package(other)
    assert not is_current(other, state, DOCS)


def test_forgotten_or_broken_record_is_not_current(published):
    out, state = published
    (state / freshness.RECORD_FILE).write_text("{not json")
    assert not is_current(out, state, DOCS)
    forget_published(state)
    assert not is_current(out, state, DOCS)
    forget_published(state)  # twice is fine


def test_library_fingerprint_covers_code_and_data(tmp_path):
    """Editing a curated CSV, or any module (publishing code too), changes the hash."""
    import shutil

    from aidecl_data.build.version import library_digest

    root = tmp_path / "aidecl_data"
    shutil.copytree(Path(freshness.__file__).parents[1], root)
    assert library_digest(root) == freshness.library_fingerprint()
    seen = {library_digest(root)}
    for rel in [
        next(root.joinpath("parse", "data").glob("*.csv")),
        root / "publish" / "__init__.py",
    ]:
        rel.write_bytes(rel.read_bytes() + b"\n")
        seen.add(library_digest(root))
    assert len(seen) == 3
