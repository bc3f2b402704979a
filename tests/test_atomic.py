"""One atomic write for every file replaced in place: a crash between any two steps leaves
the old file whole and no temp file; a completed write is fsynced, file and folder."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aidecl_data import atomic
from aidecl_data.atomic import atomic_writer, write_atomic


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def fsyncs(monkeypatch) -> list[str]:
    """What each os.fsync call flushed: "file" or "dir"."""
    seen: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        seen.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", spy)
    return seen


def test_a_write_replaces_the_file_and_fsyncs_file_then_folder(tmp_path, fsyncs):
    target = tmp_path / "state.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert fsyncs == ["file", "dir"]
    assert _names(tmp_path) == ["state.json"]


def test_a_missing_folder_is_made(tmp_path):
    write_atomic(tmp_path / "a" / "b" / "x.bin", b"x")
    assert (tmp_path / "a" / "b" / "x.bin").read_bytes() == b"x"


def test_not_durable_skips_the_fsyncs_only(tmp_path, fsyncs):
    write_atomic(tmp_path / "entry", b"data", durable=False)
    assert fsyncs == []
    assert _names(tmp_path) == ["entry"]


def _fail(*_args, **_kwargs):
    raise OSError("simulated crash")


@pytest.mark.parametrize(
    "step",
    ["while writing", "fsync of the file", "rename"],
)
def test_a_failure_before_the_rename_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch, step):
    target = tmp_path / "index.json"
    target.write_bytes(b"old")
    if step == "fsync of the file":
        monkeypatch.setattr(atomic.os, "fsync", _fail)
    elif step == "rename":
        monkeypatch.setattr(atomic.os, "replace", _fail)
    with pytest.raises(OSError, match="simulated crash"), atomic_writer(target) as f:
        f.write(b"half of the new")
        if step == "while writing":
            _fail()
        f.write(b" content")
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["index.json"]


def test_a_failed_folder_fsync_comes_after_the_rename(tmp_path, monkeypatch):
    """The folder is fsynced once the new file is in place: failing then, the new file
    stands whole and the error is raised."""
    target = tmp_path / "f"
    target.write_bytes(b"old")
    monkeypatch.setattr(atomic, "fsync_dir", _fail)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert _names(tmp_path) == ["f"]


def test_a_process_killed_before_the_rename_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "record.json"
    target.write_bytes(b"old")
    script = textwrap.dedent(
        f"""
        import os, signal
        from aidecl_data.atomic import atomic_writer
        with atomic_writer({str(target)!r}) as f:
            f.write(b"new" * 1000)
            f.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"old"
    # A kill leaves the temp file (no code runs after SIGKILL), never a torn target.
    assert [n for n in _names(tmp_path) if n != "record.json"] == [
        n for n in _names(tmp_path) if n.startswith(".tmp-")
    ]


def test_no_other_module_replaces_files_by_hand():
    """Every in-place replacement goes through aidecl_data.atomic (one policy)."""
    root = Path(__file__).resolve().parents[1]
    offenders = []
    for path in [*(root / "src").rglob("*.py"), *(root / "pipelines").rglob("*.py")]:
        if path.name == "atomic.py":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("os.replace(", "mkstemp(", "NamedTemporaryFile("):
            if needle in text:
                offenders.append(f"{path.relative_to(root)}: {needle}")
    assert offenders == []


def test_atomic_output_replaces_only_on_success(tmp_path):
    from aidecl_data.atomic import atomic_output

    target = tmp_path / "copy.sqlite"
    target.write_bytes(b"old")
    with atomic_output(target) as tmp:
        assert tmp.parent == tmp_path and not tmp.exists()  # the writer creates it
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("the writer failed")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite"]


def test_a_folder_is_moved_into_place_once(tmp_path):
    from aidecl_data.atomic import move_dir_into_place

    first, second, target = tmp_path / "a", tmp_path / "b", tmp_path / "cache"
    for folder, text in ((first, "first"), (second, "second")):
        folder.mkdir()
        (folder / "f.txt").write_text(text)
    assert move_dir_into_place(first, target)
    assert not move_dir_into_place(second, target)  # another process filled it first
    assert (target / "f.txt").read_text() == "first"
    with pytest.raises(FileNotFoundError):
        move_dir_into_place(tmp_path / "missing", tmp_path / "elsewhere")
