"""The command line of the contract, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.integration


def aidecl(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("cli")
    docs = tmp / "documents"
    shutil.copytree(SEEDS, docs)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    pkg, state = tmp / "pkg", tmp / "state"
    proc = aidecl(
        "build", "--documents", str(docs), "--out", str(pkg), "--state", str(state), "--json"
    )
    return {"proc": proc, "pkg": pkg, "docs": docs, "state": state}


def test_build_json_summary(built):
    proc = built["proc"]
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["documents"] == 5
    assert summary["parsed"] == 5 and summary["reused"] == 0 and summary["removed"] == 0
    rejected = {Path(r["path"]).name: r["reason"] for r in summary["rejected"]}
    assert set(rejected) == {"empty.txt", "scan.txt"}
    assert "empty" in rejected["empty.txt"]
    assert "binary" in rejected["scan.txt"]


def test_strict_fails_on_rejections(built):
    proc = aidecl(
        "build",
        "--documents",
        str(built["docs"]),
        "--out",
        str(built["pkg"]),
        "--state",
        str(built["state"]),
        "--json",
        "--strict",
    )
    assert proc.returncode == 3
    assert json.loads(proc.stdout.strip().splitlines()[-1])["parsed"] == 0


def test_unchanged_folder_is_up_to_date_until_forced(built):
    where = ["--documents", str(built["docs"]), "--out", str(built["pkg"])]
    where += ["--state", str(built["state"])]
    before = (built["pkg"] / "datapackage.json").read_bytes()
    proc = aidecl("build", *where)
    assert proc.returncode == 0, proc.stderr
    assert "is up to date: 5 documents" in proc.stdout
    assert "rejected: " in proc.stderr  # the two bad files are still reported
    proc = aidecl("build", *where, "--force", "--frictionless")
    assert proc.returncode == 0, proc.stderr
    assert "published 5 documents" in proc.stdout and "parsed 0, reused 5" in proc.stdout
    assert (built["pkg"] / "datapackage.json").read_bytes() == before


def test_switching_ocr_on_or_off_is_a_change(built, tmp_path):
    """Scanned pages are read with --ocr and rejected without it: an unchanged folder
    built the other way is not up to date."""
    state = tmp_path / "state"
    shutil.copytree(built["state"], state)
    where = ["--documents", str(built["docs"]), "--out", str(tmp_path / "pkg")]
    where += ["--state", str(state)]
    assert aidecl("build", *where).returncode == 0
    assert "is up to date" in aidecl("build", *where).stdout
    proc = aidecl("build", *where, "--ocr")
    assert proc.returncode == 0, proc.stderr
    assert "published 5 documents" in proc.stdout
    assert "is up to date" in aidecl("build", *where, "--ocr").stdout
    assert "published 5 documents" in aidecl("build", *where).stdout


def test_validate(built):
    proc = aidecl("validate", "--package", str(built["pkg"]))
    assert proc.returncode == 0, proc.stderr


def test_validate_json_reports_failures_as_records(built, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(built["pkg"], pkg)
    csv = pkg / "data" / "clauses.csv"
    csv.write_bytes(csv.read_bytes().replace(b"a", b"b", 1))
    proc = aidecl("validate", "--package", str(pkg), "--json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["valid"] is False
    got = [(f["file"], f["table"], f["kind"]) for f in report["failures"]]
    assert got == [("data/clauses.csv", "clauses", "sha256")]
    proc = aidecl("validate", "--package", str(pkg))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "invalid: data/clauses.csv: sha256 differs from datapackage.json"
    ]


def test_query_formats(built):
    proc = aidecl(
        "query",
        "--package",
        str(built["pkg"]),
        "--format",
        "json",
        "select count(*) as n from documents",
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [{"n": 5}]
    proc = aidecl(
        "query",
        "--package",
        str(built["pkg"]),
        "--format",
        "csv",
        "select document_id from documents order by 1 limit 1",
    )
    assert proc.stdout.splitlines() == ["document_id", "000_bc9b0feb0189aed7"]


def test_query_bad_sql_is_one_line_and_exit_2(built):
    proc = aidecl("query", "--package", str(built["pkg"]), "selec nonsense")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stderr.startswith("error:")


def test_query_is_read_only(built):
    proc = aidecl("query", "--package", str(built["pkg"]), "delete from clauses")
    assert proc.returncode == 2
    assert "read-only" in proc.stderr, proc.stderr  # refused as a write, not as bad SQL


def test_nothing_valid_exits_non_zero(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "blank.txt").write_text("   \n\n", encoding="utf-8")
    proc = aidecl(
        "build",
        "--documents",
        str(docs),
        "--out",
        str(tmp_path / "pkg"),
        "--state",
        str(tmp_path / "state"),
        "--json",
    )
    assert proc.returncode == 1
    assert not (tmp_path / "pkg").exists()


def test_report_prints_warnings_by_code(built):
    proc = aidecl("report", "--package", str(built["pkg"]), "--top", "3")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].endswith("of 5 documents")
    assert any(line.startswith("no_date ") for line in lines)
    assert "documents to check first (3 of" in proc.stdout


def test_report_on_a_folder_that_is_no_package(tmp_path):
    proc = aidecl("report", "--package", str(tmp_path))
    assert proc.returncode == 2
    assert "not found" in proc.stderr and proc.stderr.count("\n") == 1


def test_build_warnings_are_one_line_per_code():
    from pipelines.problems import summarize, warning_lines

    problems = [(f"d{i}", "initiative_rejected") for i in range(5)]
    problems += [("d1", "no_date"), ("d1", "initiative_rejected")]
    summary = summarize(problems)
    assert summary[0] == {
        "kind": "initiative_rejected",
        "count": 6,
        "documents": 5,
        "first": ["d0", "d1", "d2"],
    }
    assert warning_lines(summary) == [
        "warning: initiative_rejected: 6 in d0, d1, d2, ... (5 documents)",
        "warning: no_date: 1 in d1",
        "warning: `aidecl report` lists every warning with its span",
    ]
    assert warning_lines(summarize([])) == []
