"""The committed datapackage/ is exactly what building documents/ gives today.

When a parser or schema change lands without rebuilding the package, this fails: run
`make build` and commit datapackage/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.cli import run_build
from pipelines.resources import AideclSettings
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.integration
COMMITTED = ROOT / "datapackage"


@pytest.fixture(scope="module")
def fresh_package(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("fresh")
    settings = AideclSettings(
        documents_dir=str(CORPUS), out_dir=str(tmp / "pkg"), state_dir=str(tmp / "state")
    )
    report = run_build(settings)
    assert report.success, report.failures
    return tmp / "pkg"


def test_committed_csv_files_are_up_to_date(fresh_package: Path):
    fresh = sorted(p.name for p in (fresh_package / "data").glob("*.csv"))
    committed = sorted(p.name for p in (COMMITTED / "data").glob("*.csv"))
    assert fresh == committed
    stale = [
        name
        for name in fresh
        if (fresh_package / "data" / name).read_bytes() != (COMMITTED / "data" / name).read_bytes()
    ]
    assert not stale, f"datapackage/ is out of date ({stale}): run `make build` and commit it"


def test_committed_descriptor_is_up_to_date(fresh_package: Path):
    fresh = json.loads((fresh_package / "datapackage.json").read_text(encoding="utf-8"))
    committed = json.loads((COMMITTED / "datapackage.json").read_text(encoding="utf-8"))
    assert fresh == committed, "datapackage.json is out of date: run `make build` and commit it"


def test_rebuild_gives_byte_identical_csv(fresh_package: Path, tmp_path: Path):
    settings = AideclSettings(
        documents_dir=str(CORPUS), out_dir=str(tmp_path / "pkg"), state_dir=str(tmp_path / "s")
    )
    assert run_build(settings).success
    for p in sorted((fresh_package / "data").glob("*.csv")):
        assert p.read_bytes() == (tmp_path / "pkg" / "data" / p.name).read_bytes(), p.name
