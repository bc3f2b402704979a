"""A runaway query gets a clear error within its limits instead of taking the machine down."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest

from aidecl_data.explore.query import QueryError, QueryLimits, run_query
from pipelines.cli import run_build
from pipelines.resources import AideclSettings
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration

ENDLESS = "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t"
# Every clause with every other and every other again: billions of rows for any corpus.
CROSS = "SELECT a.text, b.text, c.text FROM clauses a, clauses b, clauses c"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("limits")
    docs = tmp / "documents"
    shutil.copytree(SEEDS, docs, ignore=shutil.ignore_patterns("*.csv"))
    settings = AideclSettings(
        documents_dir=str(docs), out_dir=str(tmp / "pkg"), state_dir=str(tmp / "s")
    )
    assert run_build(settings).success
    return tmp / "pkg"


def test_an_endless_recursive_query_stops_at_its_time_limit(package):
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"^query stopped after 1\.5 s \(time limit"):
        run_query(package, ENDLESS, limits=QueryLimits(seconds=1.5))
    assert time.monotonic() - started < 10


def test_a_huge_result_is_refused_before_it_fills_the_memory(package):
    with pytest.raises(QueryError, match=r"^the result has more than 1,000 rows: add a LIMIT"):
        run_query(package, CROSS, limits=QueryLimits(max_rows=1000))


def test_a_query_over_its_memory_is_stopped(package):
    # One list of every pair of clauses and a third: hundreds of MB held at once.
    sql = "SELECT list(a.text || b.text || c.text) FROM clauses a, clauses b, clauses c"
    with pytest.raises(QueryError, match=r"^query stopped: it needs more than 30MB of memory"):
        run_query(package, sql, limits=QueryLimits(memory="30MB"))


def test_limits_leave_ordinary_queries_alone(package):
    out = run_query(package, "SELECT count(*) AS n FROM documents", fmt="csv")
    assert out.splitlines() == ["n", "5"]


def test_the_command_line_says_it_in_one_line(package):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "query",
            "--package",
            str(package),
            "--timeout",
            "1",
            ENDLESS,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "error: query stopped after 1 s (time limit; --timeout raises it)"
    ]
