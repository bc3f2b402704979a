"""``aidecl build`` without a Dagster run for a small change (pipelines/direct.py): the
same package, byte for byte, and the same report as the Dagster run; the job still runs
a first build and any larger change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pipelines.steps
from aidecl_data.publish import check_package, parts
from pipelines import direct
from pipelines.cli import run_build
from pipelines.direct import DirectSettings, few_changes
from pipelines.folders import PROJECT_ROOT as ROOT
from pipelines.folders import drop_handed_over
from pipelines.resources import AideclSettings
from tests.conftest import SEEDS, make_variants
from tests.fixtures_publish import package_files

pytestmark = pytest.mark.integration


def _settings(root: Path, docs: Path) -> AideclSettings:
    return AideclSettings(
        documents_dir=str(docs), out_dir=str(root / "pkg"), state_dir=str(root / "state")
    )


def _everything(pkg: Path) -> dict[str, bytes]:
    return {
        p.relative_to(pkg).as_posix(): p.read_bytes() for p in sorted(pkg.rglob("*")) if p.is_file()
    }


def _duckdb_rows(pkg: Path) -> dict[str, list]:
    import duckdb

    from aidecl_data.publish.schema import TABLES

    with duckdb.connect(str(pkg / "aidecl.duckdb"), read_only=True) as con:
        return {t.name: sorted(map(repr, con.execute(f"FROM {t.name}").fetchall())) for t in TABLES}


def test_small_change_direct_equals_the_dagster_run(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PART_DOCUMENTS", 5)
    monkeypatch.setattr(parts, "MIN_PARTED_DOCUMENTS", 10)
    docs = tmp_path / "documents"
    make_variants(docs, 24)
    run, saved = tmp_path / "run", tmp_path / "saved"
    first = run_build(_settings(run, docs), direct=True)
    assert first.success and first.parsed == 24  # a first build: the Dagster run
    # One added, one changed, one removed.
    shutil.copyfile(docs / "doc_00003.txt", docs / "doc_09999.txt")
    with open(docs / "doc_00005.txt", "a", encoding="utf-8") as fh:
        fh.write("\nUne phrase de plus.\n")
    (docs / "doc_00007.txt").unlink()
    shutil.copytree(run, saved, symlinks=True)  # times kept: the CSV ranges stay trusted
    reports = {}
    calls: list = []
    real = direct.run_direct
    monkeypatch.setattr(direct, "run_direct", lambda s: calls.append(s) or real(s))
    for way in ("dagster", "direct"):
        shutil.rmtree(run)
        shutil.copytree(saved, run, symlinks=True)
        settings = _settings(run, docs)
        assert few_changes(settings)
        reports[way] = run_build(settings, direct=way == "direct")
        assert len(calls) == (way == "direct")
        assert run_build(settings).up_to_date  # what it recorded is trusted by the next
        shutil.copytree(run / "pkg", tmp_path / way)
    assert reports["direct"] == reports["dagster"]
    done = reports["direct"]
    assert done.success and (done.documents, done.parsed + done.reused, done.removed) == (23, 23, 1)
    a, b = tmp_path / "dagster", tmp_path / "direct"
    files_a, files_b = _everything(a), _everything(b)
    files_a.pop("aidecl.duckdb"), files_b.pop("aidecl.duckdb")
    assert files_a == files_b
    assert _duckdb_rows(a) == _duckdb_rows(b)
    assert check_package(b) == []


def test_a_failed_check_stops_the_direct_build_as_it_stops_the_job(tmp_path, duplicated_clause):
    settings = _settings(tmp_path, SEEDS)
    assert run_build(settings).success
    before = package_files(tmp_path / "pkg")
    duplicated_clause()
    job = run_build(settings, force=True)
    by_hand = run_build(settings, force=True, direct=True)
    assert not by_hand.success
    assert by_hand.failures == job.failures
    assert any("core_clauses.schema_valid" in f for f in by_hand.failures), by_hand.failures
    assert package_files(tmp_path / "pkg") == before


def test_a_step_error_is_reported_as_the_job_reports_it(tmp_path, monkeypatch):
    from aidecl_data.publish.package import DiskFullError

    settings = _settings(tmp_path, SEEDS)
    assert run_build(settings).success

    def full(*args, **kwargs):
        raise DiskFullError("disk full while writing the package beside somewhere")

    monkeypatch.setattr(pipelines.steps, "publish_package", full)
    job = run_build(settings, force=True)
    by_hand = run_build(settings, force=True, direct=True)
    assert not job.success and not by_hand.success
    assert (
        by_hand.failures
        == job.failures
        == ["datapackage: disk full while writing the package beside somewhere"]
    )


def test_the_cli_runs_a_small_change_without_dagster(tmp_path):
    docs = tmp_path / "documents"
    shutil.copytree(SEEDS, docs)
    argv = ["build", "--documents", str(docs), "--out", str(tmp_path / "pkg")]
    argv += ["--state", str(tmp_path / "state")]
    # Not main() here: it blocks SIGTERM in the calling process (pipelines/interrupts.py),
    # and pytest's later child processes would inherit the mask.
    assert run_build(_settings(tmp_path, docs)).success
    first = next(p for p in sorted(docs.iterdir()) if p.suffix in (".md", ".txt"))
    text = first.read_text(encoding="utf-8") + "\nUne phrase de plus.\n"
    (docs / f"copy{first.suffix}").write_text(text, encoding="utf-8")
    code = (
        "import sys; from pipelines.cli import main; "
        f"code = main({argv!r}); "
        "print('exit', code, 'dagster', 'dagster' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert "(parsed 1, reused 5," in out, out
    assert out.strip().endswith("exit 0 dagster False"), out
    # Beyond DIRECT_MAX_CHANGED documents, the job runs.
    (docs / f"copy{first.suffix}").write_text(text + "Encore.\n", encoding="utf-8")
    folders = DirectSettings(str(docs), str(tmp_path / "pkg"), str(tmp_path / "state"))
    assert few_changes(folders)
    drop_handed_over()
    direct_max = direct.DIRECT_MAX_CHANGED
    try:
        direct.DIRECT_MAX_CHANGED = 1  # the changed file counts on both sides: 2
        assert not few_changes(folders)
    finally:
        direct.DIRECT_MAX_CHANGED = direct_max
        drop_handed_over()
