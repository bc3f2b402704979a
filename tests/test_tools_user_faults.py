"""Faults a new user hit with the commands other than ``build`` (issue 17; docs/faults-tools.md).

Each test is a case tried by hand on a small package: a package missing a file, edited in a
spreadsheet or corrupted, a query piped into ``head``, a server on a busy port, a release
into a folder it cannot write. Every one of them once ended in a Python traceback (or a
silent wrong answer); now each is one line naming the path and the reason, with a non-zero
exit code.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipelines.cli import main
from tests.release_fixtures import DECL_A, ROADMAP_B, build_package

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_package(tmp_path_factory.mktemp("faults") / "pkg", {"a": DECL_A, "b": ROADMAP_B})


@pytest.fixture
def pkg(built, tmp_path) -> Path:
    """A copy of the small package, free to break (without the explorer's SQLite copy)."""
    return Path(shutil.copytree(built, tmp_path / "pkg", ignore=shutil.ignore_patterns("*.sqlite")))


def one_error_line(err: str, *needles: str) -> None:
    """stderr is one line, no traceback, naming every needle."""
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def release_archive(package: Path, tmp_path: Path) -> Path:
    from aidecl_data.publish.release import make_release

    now = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    return make_release(package, tmp_path / "releases", "2026.12.0", now=now).archive


def cli(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``aidecl`` in its own process (its real entry point: exit code, streams)."""
    cmd = [sys.executable, "-c", "from pipelines.cli import entry; entry()", *argv]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


# --- query -----------------------------------------------------------------------------


def test_query_output_piped_into_head_stops_quietly(built):
    """``aidecl query ... | head``: the reader goes away; no BrokenPipeError traceback."""
    cmd = [sys.executable, "-c", "from pipelines.cli import entry; entry()"]
    cmd += ["query", "--package", str(built), "--format", "csv"]
    cmd += ["SELECT c.*, r.range FROM clauses c, range(3000) r"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b"clause_id,")
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert proc.returncode == 141  # 128 + SIGPIPE, as a Unix tool killed by the pipe


def test_query_over_a_truncated_parquet_file_is_one_line(pkg, capsys):
    """No aidecl.duckdb (a package copied without it): the Parquet files are loaded, and
    one cut short names its file instead of raising pyarrow's ArrowInvalid."""
    (pkg / "aidecl.duckdb").unlink()
    part = pkg / "data" / "clauses.parquet"
    part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])
    assert main(["query", "--package", str(pkg), "select count(*) from notes"]) == 2
    one_error_line(capsys.readouterr().err, "clauses.parquet")


def test_ctrl_c_stops_a_query_at_once(built):
    """Ctrl-C on a long query did nothing until the time limit (60 s), then printed a
    traceback (RuntimeError: Query interrupted): DuckDB's call does not see SIGINT. The
    query now runs in a thread while the main one waits, which Ctrl-C interrupts. Ctrl-C
    before the query ran printed KeyboardInterrupt's traceback. Either way: one line, 130."""
    import signal
    import time

    endless = (
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t"
    )
    cmd = [sys.executable, "-c", "from pipelines.cli import entry; entry()"]
    proc = subprocess.Popen(
        [*cmd, "query", "--package", str(built), endless],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # as in a terminal: a runner started in the background may pass SIGINT on ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        time.sleep(4)  # most likely inside the query by then; either moment must hold
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 130
    one_error_line(err, "interrupted")
    assert "time limit" not in err


def test_query_with_two_statements_is_refused(built, capsys):
    """Only the last statement's result was printed: the first one's was lost silently."""
    assert main(["query", "--package", str(built), "select 1; select 2"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    one_error_line(err, "one statement", "2 statements")


def test_a_write_statement_is_refused_as_such(built, capsys):
    assert main(["query", "--package", str(built), "DELETE FROM clauses"]) == 2
    one_error_line(capsys.readouterr().err, "read-only", "DELETE")


@pytest.mark.parametrize(
    "option, value, needle",
    [
        ("--memory-limit", "banana", "--memory-limit banana"),
        ("--timeout", "0", "--timeout 0"),
        ("--max-rows", "-1", "--max-rows -1"),
    ],
)
def test_query_limits_out_of_their_range_are_usage_errors(built, capsys, option, value, needle):
    """``--memory-limit banana`` was blamed on the database file ("cannot open
    .../aidecl.duckdb: Parser Error"); ``--max-rows -1`` said "more than -1 rows"."""
    assert main(["query", "--package", str(built), option, value, "select 1"]) == 2
    err = capsys.readouterr().err
    one_error_line(err, needle)
    assert "aidecl.duckdb" not in err


def test_table_format_aligns_wide_characters():
    """CJK letters and emoji take two columns of a terminal: the rules stay straight."""
    from aidecl_data.explore.query import display_width, format_rows

    text = format_rows(["ü", "n"], [("日本語🙂", 1), ("é", 22)], "table")
    header, rule, *rows, _count = text.splitlines()
    bar = display_width(header.split("|")[0])
    assert bar == len(rule.split("+")[0])
    assert all(display_width(r.split("|")[0]) == bar for r in rows)


# --- report ----------------------------------------------------------------------------


def test_report_reads_a_csv_saved_with_a_bom(pkg, capsys):
    """A spreadsheet saves UTF-8 CSV with a byte-order mark: the first column's name then
    began with it and the report died with KeyError: 'document_id'."""
    for table in ("documents", "document_warnings"):
        path = pkg / "data" / f"{table}.csv"
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["report", "--package", str(pkg)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("of 2 documents")


def test_report_on_a_csv_without_its_columns_is_one_line(pkg, capsys):
    path = pkg / "data" / "document_warnings.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0].replace("code", "kind"), *lines[1:]]) + "\n")
    assert main(["report", "--package", str(pkg)]) == 2
    one_error_line(capsys.readouterr().err, "document_warnings.csv", "code")


def test_report_refuses_a_negative_top(built, capsys):
    """``--top -1`` listed every document but the last, under "(-1 of 2)"."""
    assert main(["report", "--package", str(built), "--top", "-1"]) == 2
    one_error_line(capsys.readouterr().err, "--top -1")


# --- validate --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["[1, 2]", '"a string"', '{"resources": 5}', '{"resources": [1]}'])
def test_validate_a_descriptor_that_is_not_a_package_object(pkg, capsys, text):
    (pkg / "datapackage.json").write_text(text, encoding="utf-8")
    assert main(["validate", "--package", str(pkg)]) == 1
    one_error_line(capsys.readouterr().err, "datapackage.json")
    assert main(["validate", "--json", "--package", str(pkg)]) == 1
    report = json.loads(capsys.readouterr().out)  # stdout stays one JSON object
    assert report["valid"] is False and report["failures"]


# --- diff ------------------------------------------------------------------------------


def test_diff_sees_a_csv_edited_after_its_descriptor(built, pkg, capsys):
    """A row deleted in a spreadsheet: the diff trusted the descriptor's sha256 and said
    "0 rows removed". The file no longer matching its descriptor is now said."""
    path = pkg / "data" / "clauses.csv"
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join(lines[:1] + lines[2:]))
    assert main(["diff", str(built), str(pkg)]) == 2
    one_error_line(capsys.readouterr().err, "clauses.csv", "sha256")


@pytest.mark.parametrize("case", ["not_json", "not_object", "member_missing", "not_utf8"])
def test_diff_of_a_broken_archive_or_package_is_one_line(built, pkg, tmp_path, capsys, case):
    if case == "not_utf8":  # a CSV saved back in Windows-1252
        path = pkg / "data" / "documents.csv"
        path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", "replace"))
        broken, needle = pkg, "documents.csv"
    else:
        archive = release_archive(built, tmp_path)
        broken = tmp_path / f"{case}.zip"
        with zipfile.ZipFile(archive) as src, zipfile.ZipFile(broken, "w") as dst:
            for name in src.namelist():
                data = src.read(name)
                if name.endswith("datapackage.json") and case != "member_missing":
                    data = data[:100] if case == "not_json" else b"[]"
                if case == "member_missing" and name.endswith("data/notes.csv"):
                    continue
                dst.writestr(name, data)
        needle = "notes.csv" if case == "member_missing" else "datapackage.json"
    assert main(["diff", str(built), str(broken)]) == 2
    one_error_line(capsys.readouterr().err, str(broken), needle)


# --- release ---------------------------------------------------------------------------


def test_release_into_a_folder_it_cannot_write(built, tmp_path, capsys):
    """``--releases`` naming a file (or a read-only place): one line, nothing written."""
    blocker = tmp_path / "releases"
    blocker.write_text("not a folder\n")
    assert main(["release", "--package", str(built), "--releases", str(blocker)]) == 1
    one_error_line(capsys.readouterr().err, str(blocker))
    assert blocker.read_text() == "not a folder\n"


def test_release_of_an_archive_instead_of_a_package_folder(built, tmp_path, capsys):
    """The files were looked for inside the zip's path ("....zip/data/documents.csv:
    listed in datapackage.json but missing")."""
    archive = release_archive(built, tmp_path)
    argv = ["release", "--package", str(archive), "--releases", str(tmp_path / "again")]
    assert main(argv) == 1
    one_error_line(capsys.readouterr().err, str(archive), "not a package folder")
    assert not (tmp_path / "again").exists()


@pytest.mark.parametrize("case", ["releases_not_writable", "descriptor_not_json"])
def test_release_asset_fails_with_the_reason(built, pkg, tmp_path, case):
    """``dagster asset materialize --select release``: the run fails with the one-line
    reason as its failure (a dg.Failure), not with an OSError or SnapshotError."""
    import dagster as dg

    from pipelines.release_asset import release
    from pipelines.resources import AideclSettings

    releases = tmp_path / "releases"
    if case == "releases_not_writable":
        releases.write_text("a file\n")
        package, needle = built, str(releases)
    else:
        (pkg / "datapackage.json").write_text("{", encoding="utf-8")
        package, needle = pkg, "datapackage.json"
    settings = AideclSettings(out_dir=str(package), releases_dir=str(releases))
    result = dg.materialize([release], resources={"settings": settings}, raise_on_error=False)
    assert not result.success
    failure = result.get_step_failure_events()[0].step_failure_data
    assert failure.error.cls_name == "Failure"
    assert needle in failure.user_failure_data.description


# --- serve -----------------------------------------------------------------------------


@pytest.mark.parametrize("port", ["0", "70000", "-5"])
def test_serve_refuses_a_port_out_of_range(built, port):
    """Port 70000 was served on 4464 (modulo 65536) under a banner saying 70000."""
    done = cli("serve", "--package", str(built), "--port", port, timeout=30)
    assert done.returncode == 2
    assert "aidecl explorer on" not in done.stdout
    one_error_line(done.stderr, f"port {port}")


def test_serve_on_a_port_in_use(built, capsys):
    """The banner was printed, then uvicorn's own error, and exit code 3."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--package", str(built), "--port", str(port)]) == 1
    out, err = capsys.readouterr()
    assert "aidecl explorer on" not in out
    one_error_line(err, str(port), "in use")


@pytest.mark.parametrize("case", ["truncated", "not_json"])
def test_serve_a_corrupt_release_archive(built, tmp_path, capsys, monkeypatch, case):
    monkeypatch.setenv("AIDECL_CACHE_DIR", str(tmp_path / "cache"))
    archive = release_archive(built, tmp_path)
    broken = tmp_path / "broken.zip"
    if case == "truncated":
        broken.write_bytes(archive.read_bytes()[:5000])
    else:
        with zipfile.ZipFile(archive) as src, zipfile.ZipFile(broken, "w") as dst:
            for name in src.namelist():
                data = src.read(name)
                dst.writestr(name, data[:100] if name.endswith("datapackage.json") else data)
    assert main(["serve", "--package", str(broken), "--port", "1"]) == 1
    one_error_line(capsys.readouterr().err, str(broken))
    assert not list(tmp_path.glob("cache/releases/*"))  # nothing left of the unpack


def test_serving_a_release_leaves_nothing_in_the_temp_folder(built, tmp_path, monkeypatch):
    """The unpacked release (and its SQLite copy) stayed in /tmp after the server stopped;
    it is now kept in the user's cache folder, for the next ``aidecl serve``."""
    import tempfile

    from aidecl_data.explore.serve import make_datasette

    archive = release_archive(built, tmp_path)
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setenv("AIDECL_CACHE_DIR", str(tmp_path / "cache"))
    make_datasette(archive)
    assert list((tmp_path / "tmp").iterdir()) == []
    assert list((tmp_path / "cache" / "releases").glob("*/*/aidecl.sqlite"))


@pytest.mark.parametrize("case", ["corrupt_database", "empty_database", "not_object"])
def test_serve_a_broken_package_folder(pkg, capsys, case):
    if case == "corrupt_database":
        db = pkg / "aidecl.duckdb"
        data = bytearray(db.read_bytes())
        data[5000:9000] = b"\xff" * 4000
        db.write_bytes(bytes(data))
        needle = "aidecl.duckdb"
    elif case == "empty_database":
        (pkg / "aidecl.duckdb").write_bytes(b"")
        needle = "aidecl.duckdb"
    else:
        (pkg / "datapackage.json").write_text("[]", encoding="utf-8")
        needle = "datapackage.json"
    assert main(["serve", "--package", str(pkg), "--port", "1"]) == 1
    one_error_line(capsys.readouterr().err, needle)
    assert not (pkg / "aidecl.sqlite").exists()


# --- workers ---------------------------------------------------------------------------


def test_workers_refuse_a_broker_that_is_not_a_url():
    """``--broker banana`` reached Celery, which died importing a module named banana.
    (In a process of its own: ``workers`` execs Celery when the URL passes.)"""
    done = cli("workers", "--broker", "banana", timeout=60)
    assert done.returncode == 2
    one_error_line(done.stderr, "--broker banana")
