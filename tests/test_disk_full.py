"""Disk full while the new package is staged: one clear line, staging removed, old package kept.

Two ways in: a real file system too small for a second copy of the package (a tmpfs
mounted by the test, where the machine lets it: CI runs as root), and fault injection in
the middle of the Parquet and DuckDB writes, which runs everywhere.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import aidecl_data.publish.package as package_mod
from aidecl_data.publish import check_package
from pipelines.cli import run_build
from pipelines.resources import AideclSettings
from tests.conftest import SEEDS
from tests.fixtures_publish import package_files

pytestmark = pytest.mark.integration


def _settings(tmp_path: Path, out: Path) -> AideclSettings:
    docs = tmp_path / "documents"
    if not docs.exists():
        shutil.copytree(SEEDS, docs, ignore=shutil.ignore_patterns("*.csv"))
    return AideclSettings(documents_dir=str(docs), out_dir=str(out), state_dir=str(tmp_path / "s"))


def _full_after_some_bytes(real):
    """``real`` that writes part of its file, then fails as a full disk does."""

    def write(root: Path, name: str, table):
        entry = real(root, name, table)
        path = root / entry["path"]
        path.write_bytes(path.read_bytes()[: max(1, entry["bytes"] // 2)])
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    return write


@pytest.mark.parametrize("writer", ["_write_parquet", "_write_database"])
def test_disk_full_while_staging_is_one_clear_failure(tmp_path, monkeypatch, writer):
    out = tmp_path / "pkg"
    settings = _settings(tmp_path, out)
    assert run_build(settings).success
    before = package_files(out)
    if writer == "_write_parquet":
        monkeypatch.setattr(package_mod, writer, _full_after_some_bytes(package_mod._write_parquet))
    else:

        def full(*args, **kwargs):
            raise RuntimeError('IO Error: Could not write file "x.duckdb": No space left on device')

        monkeypatch.setattr(package_mod, writer, full)
    report = run_build(settings, force=True)
    assert not report.success
    assert len(report.failures) == 1
    assert report.failures[0].startswith("datapackage: disk full while writing the package")
    assert package_files(out) == before and not check_package(out)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("pkg")) == ["pkg"]


def _mount_tmpfs(where: Path, size_kb: int) -> bool:
    where.mkdir()
    if not shutil.which("mount"):
        return False
    cmd = ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)]
    return subprocess.run(cmd, capture_output=True).returncode == 0


def test_a_real_full_file_system(tmp_path):
    """A tmpfs with room for one package and a third: the first build fits, a forced
    rebuild cannot stage its copy beside it."""
    probe = tmp_path / "probe"
    settings = _settings(tmp_path, probe)
    assert run_build(settings).success
    size_kb = sum(p.stat().st_size for p in probe.rglob("*") if p.is_file()) // 1024
    fs = tmp_path / "fs"
    if not _mount_tmpfs(fs, int(size_kb * 1.35) + 64):
        pytest.skip("this machine does not let the test mount a small file system")
    try:
        out = fs / "pkg"
        base = [sys.executable, "-m", "pipelines.cli", "build", "--out", str(out)]
        base += ["--documents", settings.documents_dir, "--state", str(tmp_path / "s2")]
        first = subprocess.run(base, capture_output=True, text=True, timeout=300)
        assert first.returncode == 0, first.stderr
        before = package_files(out)
        again = subprocess.run([*base, "--force"], capture_output=True, text=True, timeout=300)
        assert again.returncode == 1
        errors = [ln for ln in again.stderr.splitlines() if ln.startswith("error: ")]
        assert len(errors) == 1 and "disk full while writing the package" in errors[0], errors
        assert package_files(out) == before and not check_package(out)
        assert sorted(p.name for p in fs.iterdir() if not p.name.startswith(".")) == ["pkg"]
    finally:
        subprocess.run(["umount", str(fs)], check=False)
