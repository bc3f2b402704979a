"""``aidecl build`` with nothing to do answers without Dagster, pyarrow, pandas or DuckDB.

Importing them is most of what that answer cost (``python -X importtime``; figures in
docs/scaling.md), so the freshness path must not import them; and a package that is not
up to date still gets built by the Dagster run, with the scan handed over, not repeated.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.integration

HEAVY = ("dagster", "pyarrow", "pandas", "duckdb", "frictionless")

PROBE = """
import json, sys
from pipelines.cli import main
code = main(sys.argv[1:])
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"code": code, "heavy": heavy}))
""".replace("HEAVY", repr(HEAVY))


def build(*args: str) -> tuple[dict, str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "build", *args], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    return json.loads(lines[-1]), "\n".join(lines[:-1])


def test_up_to_date_imports_nothing_heavy(tmp_path: Path):
    docs = tmp_path / "documents"
    shutil.copytree(SEEDS, docs)
    where = ["--documents", str(docs), "--out", str(tmp_path / "pkg")]
    where += ["--state", str(tmp_path / "state")]
    first, out = build(*where)
    assert first["code"] == 0 and "published 5 documents" in out
    assert {"dagster", "pyarrow"} <= set(first["heavy"])  # the run did import them
    second, out = build(*where)
    assert second == {"code": 0, "heavy": []}
    assert "is up to date: 5 documents" in out


def test_the_run_takes_the_scan_of_the_freshness_check(tmp_path: Path, monkeypatch):
    """One scan per build: the check's scan is handed to ``core_tables``, used once."""
    import aidecl_data.parse.sources as sources
    import pipelines.folders as folders
    from pipelines.cli import run_build
    from pipelines.resources import AideclSettings

    docs = tmp_path / "documents"
    shutil.copytree(SEEDS, docs)
    settings = AideclSettings(
        documents_dir=str(docs), out_dir=str(tmp_path / "pkg"), state_dir=str(tmp_path / "s")
    )
    calls = []
    real = sources.scan_documents

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(sources, "scan_documents", counting)
    report = run_build(settings)
    assert report.success and report.parsed == 5
    assert len(calls) == 1 and not folders._HANDED_OVER
    (docs / "late.txt").write_text("Déclaration.\n\nLes parties coopèrent.\n", encoding="utf-8")
    report = run_build(settings)
    assert report.success and report.parsed == 1 and report.documents == 6
    assert len(calls) == 2 and not folders._HANDED_OVER
    assert run_build(settings).up_to_date and len(calls) == 3 and not folders._HANDED_OVER
