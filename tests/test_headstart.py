"""The head start of a first build (``aidecl_data.build.headstart``): the workers parse
before the run exists, and the run's tables are exactly those of a parse without it."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aidecl_data.build import headstart
from aidecl_data.build.assemble import assemble_tables
from aidecl_data.build.batch import parser_version_for
from aidecl_data.build.cache import ParseCache
from pipelines.folders import BuildFolders, drop_handed_over
from tests.conftest import make_variants
from tests.fixtures_publish import package_files

pytestmark = pytest.mark.integration

MANY = 70  # over batch.PARALLEL_THRESHOLD (64): a process pool, hence a head start


def _sources(docs: Path, state: Path):
    drop_handed_over()
    return BuildFolders(documents_dir=str(docs), state_dir=str(state)).scan()[0]


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("headstart") / "documents"
    make_variants(folder, MANY)
    return folder


def _no_workers_left() -> bool:
    return not multiprocessing.active_children()


def test_the_run_takes_the_head_start_and_gets_the_same_tables(docs: Path, tmp_path: Path):
    sources = _sources(docs, tmp_path / "ahead")
    assert headstart.start(sources, tmp_path / "ahead", workers=2)
    # Wait until the workers have written cache entries: the step must still count these
    # documents as parsed now, not as found in the cache.
    cache = ParseCache(tmp_path / "ahead", parser_version_for(False))
    deadline = time.monotonic() + 120
    while not cache.has(sources[-1].document_id, sources[-1].sha256):
        assert time.monotonic() < deadline, "the head start wrote no cache entry"
        time.sleep(0.01)
    ahead = assemble_tables(sources, tmp_path / "ahead", workers=2)
    assert _no_workers_left()
    assert ahead.parsed == [s.document_id for s in sources]
    assert ahead.from_parse_cache == 0 and not ahead.rejected

    plain = assemble_tables(_sources(docs, tmp_path / "plain"), tmp_path / "plain", workers=2)
    assert plain.parsed == ahead.parsed
    for name, table in plain.tables.items():
        assert ahead.tables[name].equals(table), name


def test_a_head_start_for_other_sources_is_stopped(docs: Path, tmp_path: Path):
    sources = _sources(docs, tmp_path)
    assert headstart.start(sources, tmp_path, workers=2)
    cache = ParseCache(tmp_path, parser_version_for(False))
    assert headstart.take(sources[:-1], cache) is None
    assert _no_workers_left()
    assert headstart.take(sources, cache) is None  # gone, not kept for a later build


def test_a_head_start_nobody_took_is_dropped(docs: Path, tmp_path: Path):
    assert headstart.start(_sources(docs, tmp_path), tmp_path, workers=2)
    assert multiprocessing.active_children()
    headstart.drop()
    assert _no_workers_left()


def test_no_head_start_over_a_row_store_or_for_few_documents(docs: Path, tmp_path: Path):
    sources = _sources(docs, tmp_path)
    assemble_tables(sources[:3], tmp_path, workers=1)  # writes the row store
    assert not headstart.start(sources, tmp_path, workers=2)
    assert not headstart.start(sources[:10], tmp_path / "fresh", workers=2)
    assert not headstart.start(sources, tmp_path / "serial", workers=1)
    assert _no_workers_left()


def test_cli_first_build_with_and_without_a_head_start(docs: Path, tmp_path: Path):
    """``--workers 1`` parses serially, which gets no head start: same package files."""
    built = {}
    for label, workers in (("ahead", "2"), ("serial", "1")):
        out = subprocess.run(
            [sys.executable, "-m", "pipelines.cli", "build", "--documents", str(docs),
             "--out", str(tmp_path / label / "pkg"), "--state", str(tmp_path / label / "st"),
             "--workers", workers],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        assert f"parsed {MANY}, reused 0" in out.stdout
        built[label] = package_files(tmp_path / label / "pkg")
        assert not list((tmp_path / label).glob("pkg.*")), "a staging or draft folder left"
    assert built["ahead"] == built["serial"]
