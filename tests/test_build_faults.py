"""Faults during a real build: a failed check or a kill -9 never costs the previous package."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pytest

from aidecl_data.publish import check_package
from pipelines.cli import run_build
from pipelines.resources import AideclSettings
from tests.conftest import SEEDS, make_variants
from tests.fixtures_publish import package_files

pytestmark = pytest.mark.integration


def test_failed_check_leaves_package_untouched_and_says_why(tmp_path: Path, duplicated_clause):
    settings = AideclSettings(
        documents_dir=str(SEEDS), out_dir=str(tmp_path / "pkg"), state_dir=str(tmp_path / "s")
    )
    assert run_build(settings).success
    before = package_files(tmp_path / "pkg")

    duplicated_clause()
    report = run_build(settings, force=True)
    assert not report.success
    assert any("core_clauses.schema_valid" in f for f in report.failures), report.failures
    assert package_files(tmp_path / "pkg") == before


def test_checked_in_this_run_needs_core_tables_and_the_checks():
    from pipelines.assets import CHECKS_STEP, checked_in_this_run

    assert checked_in_this_run(["core_tables", CHECKS_STEP, "datapackage"])
    assert not checked_in_this_run(["core_tables", "datapackage"])
    assert not checked_in_this_run([CHECKS_STEP, "datapackage"])
    assert not checked_in_this_run(["datapackage"])
    assert not checked_in_this_run(None)


def test_package_materialized_alone_checks_its_tables(tmp_path: Path):
    """From the UI, ``datapackage`` can run alone on tables an earlier run stored: it must
    check them itself, since no blocking check ran in its run."""
    import dagster as dg

    from pipelines.definitions import build_defs
    from pipelines.io_manager import ArrowTableIOManager

    settings = AideclSettings(
        documents_dir=str(SEEDS), out_dir=str(tmp_path / "pkg"), state_dir=str(tmp_path / "s")
    )
    job = build_defs(settings).resolve_job_def("publish_package")  # tables as Arrow files
    assert job.execute_in_process(instance=dg.DagsterInstance.ephemeral()).success
    before = package_files(tmp_path / "pkg")
    io = ArrowTableIOManager(base_dir=str(tmp_path / "s" / "io"))
    key = dg.AssetKey("core_clauses")
    clauses = io.load_input(dg.build_input_context(asset_key=key))
    broken = pa.concat_tables([clauses, clauses.slice(0, 1)])  # a duplicate primary key
    io.handle_output(dg.build_output_context(asset_key=key), broken)
    result = job.execute_in_process(
        instance=dg.DagsterInstance.ephemeral(),
        asset_selection=[dg.AssetKey("datapackage")],
        raise_on_error=False,
    )
    assert not result.success
    failure = next(ev for ev in result.all_events if ev.is_step_failure)
    assert "duplicate primary key" in failure.event_specific_data.error.to_string()
    assert package_files(tmp_path / "pkg") == before


def _aidecl_build(docs: Path, out: Path, state: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "build",
            "--documents",
            str(docs),
            "--out",
            str(out),
            "--state",
            str(state),
            "--json",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _documents_in(pkg: Path) -> int:
    return (pkg / "data" / "documents.csv").read_text(encoding="utf-8").count("\n") - 1


def test_kill_9_during_real_builds_leaves_a_complete_package(tmp_path: Path):
    docs, out, state0 = tmp_path / "documents", tmp_path / "pkg", tmp_path / "state0"
    shutil.copytree(SEEDS, docs)
    assert _aidecl_build(docs, out, state0).wait(timeout=300) == 0
    assert _documents_in(out) == 5

    make_variants(docs, 120)  # the next build has 125 documents to publish
    # How long a whole build takes here, to spread the kills over its life (imports,
    # parsing, tables, checks, the swap). Each attempt starts from the same parse cache,
    # so it has the same work to do.
    # The shorter of two probes: the first also warms the OS caches, and kill points
    # spread over a longer build than the real ones would miss their late steps.
    durations = []
    for n in range(2):
        started = time.monotonic()
        probe = _aidecl_build(docs, tmp_path / f"probe{n}", _copy(state0, tmp_path / f"p{n}"))
        assert probe.wait(300) == 0
        durations.append(time.monotonic() - started)
    duration = min(durations)
    outcomes, killed = [], 0
    for i, fraction in enumerate((0.15, 0.35, 0.55, 0.75, 0.9, 0.97)):
        proc = _aidecl_build(docs, out, _copy(state0, tmp_path / f"s{i}"))
        time.sleep(fraction * duration)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
        failures = check_package(out)
        assert not failures, f"after a kill at {fraction:.0%} of a build: {failures[:3]}"
        outcomes.append(_documents_in(out))
        assert outcomes[-1] in (5, 125)
    assert outcomes == sorted(outcomes), "a killed build brought back the older package"
    assert killed >= 4, "the builds finished before they could be killed"
    final = _aidecl_build(docs, out, state0)
    assert final.wait(timeout=300) == 0
    assert _documents_in(out) == 125 and not check_package(out)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("pkg.")], "staging left over"


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


@pytest.mark.parametrize("second_build", [False, True], ids=["read-by-scan", "vouched-by-index"])
def test_a_document_rewritten_between_scan_and_parse(tmp_path: Path, monkeypatch, second_build):
    """The published sha256 is that of the bytes parsed, and the document is published.

    First build: the scan read the file but keeps no bytes (``pipelines.folders``: memory),
    so the parse reads it anew. Second build: the scan index vouched for the file without
    reading it, so the parse reads it too.
    """
    import hashlib

    import pyarrow.csv as pacsv

    import aidecl_data.build.batch as batch
    from aidecl_data.build import scan_index
    from aidecl_data.parse.sources import SourceFile

    monkeypatch.setattr(scan_index, "RACY_NS", 0)  # trust files however recent

    docs = tmp_path / "documents"
    shutil.copytree(SEEDS, docs, ignore=shutil.ignore_patterns("*.csv"))
    target = docs / "late.txt"
    target.write_text("Déclaration.\n\nLes parties coopèrent.\n", encoding="utf-8")
    settings = AideclSettings(
        documents_dir=str(docs), out_dir=str(tmp_path / "pkg"), state_dir=str(tmp_path / "s")
    )
    if second_build:
        assert run_build(settings).success
        target.write_text("Déclaration.\n\nLes parties coopèrent.\n\nEncore.\n", encoding="utf-8")
        assert run_build(settings).success  # records the file in the scan index
        for kept in ("parsed", "rows"):  # keep only the index: the parse must read the file
            shutil.rmtree(tmp_path / "s" / kept)
    parsed: dict[str, bytes] = {}
    real_parse, real_load = batch.parse_document, SourceFile.load

    def load(self):  # the file is saved again just as the build gets to it
        if self.document_id == "late" and "late" not in parsed:
            assert self.raw is None  # neither the scan nor the index kept the bytes
            target.write_text("Déclaration.\n\nRéécrite pendant le build.\n", encoding="utf-8")
        return real_load(self)

    def parse(raw, document_id, source_path=""):
        parsed[document_id] = raw
        return real_parse(raw, document_id, source_path)

    monkeypatch.setattr(SourceFile, "load", load)
    monkeypatch.setattr(batch, "parse_document", parse)
    report = run_build(settings, force=True)
    assert report.success and not report.rejected

    docs_table = pacsv.read_csv(tmp_path / "pkg" / "data" / "documents.csv").to_pylist()
    published = {r["document_id"]: r["source_sha256"] for r in docs_table}
    assert published["late"] == hashlib.sha256(parsed["late"]).hexdigest()
    assert parsed["late"] == target.read_bytes()  # the parse got the bytes saved last
