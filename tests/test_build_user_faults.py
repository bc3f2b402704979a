"""Faults a new user meets with ``aidecl build`` and its folders, each found by trying it.

Every case runs the command as a user runs it (a subprocess) on a few small inline texts,
and asserts what the user must see: one clear line naming the file or folder and the
reason, never a traceback, the good documents published beside a bad one, the previous
package intact when nothing can be published. docs/faults.md lists every case tried.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

TEXTS = {
    "alpha.md": "# Déclaration de Paris sur l'IA\n\nArticle 1\n\nLes parties coopèrent.\n",
    "beta.txt": "Joint statement on AI safety\n\n1. The parties agree to share research.\n",
    "gamma.md": "# Feuille de route\n\n## Objectifs\n\nLa France et l'Inde renforcent.\n",
}


def aidecl(*args: str, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        capture_output=True,
        text=True,
        errors="backslashreplace",  # a file name that is not UTF-8, printed as is
        cwd=cwd,
        timeout=300,
        **kw,
    )


def build(docs: Path, out: Path, state: Path, *extra: str) -> subprocess.CompletedProcess:
    return aidecl(
        "build", "--documents", str(docs), "--out", str(out), "--state", str(state), *extra
    )


def documents_folder(path: Path, texts: dict[str, str] = TEXTS) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def published(out: Path) -> dict[str, str]:
    """document_id -> source_path of the package in ``out``."""
    with open(out / "data" / "documents.csv", encoding="utf-8", newline="") as f:
        return {r["document_id"]: r["source_path"] for r in csv.DictReader(f)}


def assert_one_clear_line(proc: subprocess.CompletedProcess, *words: str) -> None:
    """No traceback, and some stderr line holds every one of ``words``."""
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if all(w in line for w in words)]
    assert lines, f"no line with {words}: {proc.stderr}"


# -- file names ---------------------------------------------------------------------------


def test_a_very_long_file_name_costs_no_other_document(tmp_path: Path):
    """A 250-character name (the file system allows 255) made the parse cache's entry
    name too long: OSError ENAMETOOLONG, and nothing was published."""
    docs = documents_folder(tmp_path / "docs")
    long_name = "Déclaration " + "très longue " * 18 + "x.md"
    assert len(os.fsencode(long_name)) <= 255
    (docs / long_name).write_text("Déclaration longue.\n\nLes parties agissent.\n", "utf-8")
    proc = build(docs, tmp_path / "out", tmp_path / "state")
    assert proc.returncode == 0, proc.stderr
    ids = published(tmp_path / "out")
    assert {"alpha", "beta", "gamma"} <= ids.keys() and len(ids) == 4
    assert long_name in ids.values()
    again = build(docs, tmp_path / "out", tmp_path / "state")  # reads the cache entry back
    assert again.returncode == 0 and "up to date" in again.stdout, again.stderr


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names are always UTF-8")
def test_a_file_name_that_is_not_utf8_is_published_under_a_readable_name(tmp_path: Path):
    """``D\\xe9claration.md`` (a Latin-1 name, as unzipped from an old archive) failed the
    whole build with UnicodeEncodeError: its name could not be written to the tables."""
    docs = documents_folder(tmp_path / "docs")
    raw_name = os.fsencode(str(docs)) + b"/D\xe9claration de Rome.md"
    with open(raw_name, "wb") as f:
        f.write("Déclaration de Rome.\n\nLes parties coopèrent.\n".encode())
    proc = build(docs, tmp_path / "out", tmp_path / "state", "--json")
    assert proc.returncode == 0, proc.stderr
    ids = published(tmp_path / "out")
    assert ids["d-claration-de-rome"] == "D\\xe9claration de Rome.md"
    assert json.loads(proc.stdout.splitlines()[-1])["documents"] == 4
    again = build(docs, tmp_path / "out", tmp_path / "state")
    assert again.returncode == 0 and "up to date" in again.stdout, again.stderr


def test_a_rejected_file_with_a_name_that_is_not_utf8_prints_in_json(tmp_path: Path):
    """The rejection of such a file made ``--json`` print a traceback (stdout is UTF-8)."""
    docs = documents_folder(tmp_path / "docs")
    with open(os.fsencode(str(docs)) + b"/vide-\xff.md", "wb"):
        pass
    proc = build(docs, tmp_path / "out", tmp_path / "state", "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.splitlines()[-1])
    assert summary["rejected"] == [
        {"path": str(docs / "vide-\\xff.md"), "reason": "empty file (0 bytes)"}
    ]
    assert_one_clear_line(proc, "vide-\\xff.md", "empty file")


# -- the folders of a build ---------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        "documents-missing",
        "documents-is-a-file",
        "state-is-a-file",
        "out-is-a-file",
        "out-under-a-file",
        "out-is-documents",
        "state-is-out",
        "state-inside-out",
    ],
)
def test_a_wrong_folder_is_one_clear_line_before_any_work(tmp_path: Path, case: str):
    """Each case printed a traceback, or parsed everything before failing with a
    misleading reason ("refusing to replace ...: it is not a data package folder" for a
    state folder inside the package, on every build)."""
    docs = documents_folder(tmp_path / "docs")
    out, state = tmp_path / "out", tmp_path / "state"
    afile = tmp_path / "notes.txt"
    afile.write_text("a file\n", encoding="utf-8")
    where, words = {
        "documents-missing": ((tmp_path / "nope", out, state), ("--documents", "does not exist")),
        "documents-is-a-file": ((afile, out, state), ("--documents", "not a folder")),
        "state-is-a-file": ((docs, out, afile), ("--state", "not a folder")),
        "out-is-a-file": ((docs, afile, state), ("--out", "not a folder")),
        "out-under-a-file": ((docs, afile / "pkg", state), ("--out", "not a folder")),
        "out-is-documents": ((docs, docs, state), ("--out", "documents folder")),
        "state-is-out": ((docs, out, out), ("--state", "--out")),
        "state-inside-out": ((docs, out, out / "state"), ("--state", "--out")),
    }[case]
    proc = build(*where)
    assert proc.returncode == 2, proc.stderr
    assert_one_clear_line(proc, "error:", *words)
    assert not (tmp_path / "state" / "parsed").exists()  # stopped before parsing anything
    assert afile.read_text(encoding="utf-8") == "a file\n"
    assert sorted(p.name for p in docs.iterdir()) == sorted(TEXTS)


# -- between the scan and the parse -------------------------------------------------------


def test_a_document_deleted_between_scan_and_parse(tmp_path: Path, monkeypatch):
    """Rejected with the reason, the others published (the library API, since the moment
    cannot be hit from outside)."""
    from aidecl_data.parse.sources import SourceFile
    from pipelines.cli import run_build
    from pipelines.resources import AideclSettings

    docs = documents_folder(tmp_path / "docs")
    real_load = SourceFile.load

    def load(self):  # deleted just as the build gets to it
        if self.document_id == "beta":
            Path(self.path).unlink(missing_ok=True)
        return real_load(self)

    monkeypatch.setattr(SourceFile, "load", load)
    settings = AideclSettings(
        documents_dir=str(docs), out_dir=str(tmp_path / "out"), state_dir=str(tmp_path / "s")
    )
    report = run_build(settings)
    assert report.success, report.failures
    assert [(Path(r["path"]).name, r["reason"]) for r in report.rejected] == [
        ("beta.txt", "cannot read file: No such file or directory")
    ]
    assert set(published(tmp_path / "out")) == {"alpha", "gamma"}


# -- two builds at once -------------------------------------------------------------------


@pytest.mark.parametrize("held", ["state", "out"])
def test_a_second_build_on_the_same_folders_waits_for_the_first(tmp_path: Path, held: str):
    """Two builds on the same state or package folder ran side by side: each took the
    package in place at its start, the later swap won, and the reports and the state's
    record of what was published could describe the other build's package. The second
    now says it waits, and runs when the first is done (here: the test holds the lock)."""
    import fcntl

    from pipelines.buildlock import lock_files

    docs = documents_folder(tmp_path / "docs")
    out, state = tmp_path / "out", tmp_path / "state"
    lock = lock_files(str(out), str(state))[0 if held == "state" else 1]
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)  # "the first build"
    command = ["build", "--documents", str(docs), "--out", str(out), "--state", str(state)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = proc.stderr.readline()  # blocks until the build says something
        assert first.startswith("waiting: another aidecl build is using"), first
        assert proc.poll() is None and not out.exists()
    finally:
        os.close(fd)  # the first build ends
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert set(published(out)) == {"alpha", "beta", "gamma"}


def test_documents_in_sub_folders_are_mentioned_not_silently_left_out(tmp_path: Path):
    """Documents one level down were left out without a word ("published 3 documents")."""
    docs = documents_folder(tmp_path / "docs")
    documents_folder(docs / "2024", {"delta.md": "Déclaration de Séoul.\n\nLes parties.\n"})
    (docs / "images").mkdir()
    (docs / "images" / "logo.png").write_bytes(b"\x89PNG")
    out = docs / "package"  # a package kept in the documents folder is no sub-folder of texts
    proc = build(docs, out, tmp_path / "state")
    assert proc.returncode == 0, proc.stderr
    assert set(published(out)) == {"alpha", "beta", "gamma"}
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note:")]
    assert notes == [
        f"note: sub-folders of {docs} are not read: 2024 (put documents in the folder itself)"
    ]


# -- Ctrl-C -------------------------------------------------------------------------------


def test_a_stop_while_staging_removes_the_staging_folder_being_written(tmp_path: Path, monkeypatch):
    """Ctrl-C while the package was being staged left ``<out>.tmp-...`` beside the package
    in 4 of 11 tries (docs/faults.md): the stop removed the folder while the build, still
    running until the process exits, wrote a file into it. Here the build's write is
    injected into the first removal."""
    import shutil

    from aidecl_data.publish import commit

    out = tmp_path / "out"
    staging = commit.staging_name(out)
    (staging / "data").mkdir(parents=True)
    (staging / "data" / "clauses.csv").write_text("clause_id\n", encoding="utf-8")
    real_rmtree, calls = shutil.rmtree, []

    def rmtree(path, ignore_errors=False, onerror=None):
        calls.append(path)
        real_rmtree(path, ignore_errors=ignore_errors, onerror=onerror)
        if len(calls) == 1:  # the build writes its next file meanwhile
            (Path(path) / "data").mkdir(parents=True, exist_ok=True)
            (Path(path) / "data" / "notes.csv").write_text("note_id\n", encoding="utf-8")

    monkeypatch.setattr(commit.shutil, "rmtree", rmtree)
    commit.remove_own_staging(out)
    assert not staging.exists()


def test_a_removed_staging_folder_is_not_made_again_by_the_writers(tmp_path: Path, monkeypatch):
    """The package writers made a missing folder with all its parents, so a writer thread
    still running after the stop's removal made the staging folder again (left beside the
    package, with one Parquet file, in 3 of 14 tries), and a build stopped just before
    staging could still start its staging folder after the removal had looked."""
    from aidecl_data.publish import commit, package

    out = tmp_path / "out"
    staging = commit.staging_name(out)  # removed by the stop before the writer gets to it
    with pytest.raises(FileNotFoundError):
        package._write(staging / "data" / "clauses" / "part-0.parquet", b"PAR1")
    assert not staging.exists()
    monkeypatch.setattr(commit, "_STOPPING", False)  # restored after the test
    commit.remove_own_staging(out, final=True)
    with pytest.raises(commit.CommitError):
        commit.staging_name(out)
    with pytest.raises(commit.CommitError):
        commit.draft_name(out)


def _files(pkg: Path) -> dict[str, bytes]:
    """Every file of a package but the DuckDB database, whose bytes differ between two
    builds from scratch as well (``_database`` compares its rows)."""
    return {
        str(p.relative_to(pkg)): p.read_bytes()
        for p in sorted(pkg.rglob("*"))
        if p.is_file() and p.name != "aidecl.duckdb"
    }


def _database(pkg: Path) -> dict[str, list]:
    """Every row of every table of the package's DuckDB database, sorted."""
    import duckdb

    con = duckdb.connect(str(pkg / "aidecl.duckdb"), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        assert "clauses" in names, names
        return {n: con.execute(f'SELECT * FROM "{n}" ORDER BY ALL').fetchall() for n in names}
    finally:
        con.close()


def _session_members(sid: int) -> list[int]:
    """The processes of session ``sid`` (``pgrep -s``, read from /proc: procps may not be
    on a bare machine)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[3]) == sid:  # state, ppid, pgrp, session
            found.append(int(stat.parent.name))
    return found


def test_ctrl_c_while_staging_then_a_rerun_publishes_what_an_uninterrupted_build_does(
    tmp_path: Path,
):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) once the
    package is being staged: exit 130 or 0 (the build may have finished), no staging
    folder and no process left, the package either the previous one or the new one, and
    the next build publishes the bytes of a build that was never interrupted."""
    import signal
    import time

    from tests.conftest import make_variants

    docs = tmp_path / "docs"
    make_variants(docs, 40)
    first = documents_folder(tmp_path / "first")
    reference = tmp_path / "reference"
    for folder in (first, docs):
        assert build(folder, reference, tmp_path / "ref-state").returncode == 0
    out, state = tmp_path / "out", tmp_path / "state"
    assert build(first, out, state).returncode == 0
    before = _files(out)
    command = ["build", "--documents", str(docs), "--out", str(out), "--state", str(state)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    while proc.poll() is None and not any(
        p.name.startswith("out.tmp-") for p in tmp_path.iterdir()
    ):
        time.sleep(0.001)
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=60) in (0, 130), proc.stderr.read()
    assert not _session_members(proc.pid), "a process of the build outlived it"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("out.")]
    assert _files(out) in (before, _files(reference))
    assert build(docs, out, state).returncode == 0
    assert _files(out) == _files(reference)
    assert _database(out) == _database(reference)


def test_a_stop_after_the_swap_does_not_claim_the_previous_package_was_kept(tmp_path: Path):
    """Ctrl-C just after the swap (1 of 16 tries) printed "the previous package was left
    unchanged" over the new package, complete and in place. The stop now asks whether
    this process swapped one in (``commit.swapped_in``)."""
    from aidecl_data.publish import commit

    out = tmp_path / "out"
    assert not commit.swapped_in(out)
    staging = commit.staging_name(out)
    staging.mkdir()
    (staging / "datapackage.json").write_text("{}", encoding="utf-8")
    commit.commit_package(staging, out)
    assert commit.swapped_in(out) and commit.swapped_in(tmp_path / "." / "out")


def test_an_unreadable_file_is_rejected_and_costs_no_other_document(tmp_path: Path, monkeypatch):
    """``chmod 000`` as a user meets it (root reads such a file anyway, so the refusal is
    injected where the scan opens files): rejected with the reason, the others published."""
    import builtins

    from aidecl_data.parse import sources
    from pipelines.cli import run_build
    from pipelines.resources import AideclSettings

    docs = documents_folder(tmp_path / "docs")
    secret = docs / "beta.txt"

    def guarded_open(file, *args, **kwargs):
        if Path(file) == secret:
            raise PermissionError(13, "Permission denied", str(file))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(sources, "open", guarded_open, raising=False)
    settings = AideclSettings(
        documents_dir=str(docs), out_dir=str(tmp_path / "out"), state_dir=str(tmp_path / "s")
    )
    report = run_build(settings)
    assert report.success, report.failures
    assert report.rejected == [
        {"path": str(secret), "reason": "cannot read file: Permission denied"}
    ]
    assert set(published(tmp_path / "out")) == {"alpha", "gamma"}


def test_a_failure_after_the_swap_does_not_claim_the_previous_package_was_kept(tmp_path: Path):
    """An error after the new package was swapped in (recording it in the state, here a
    full disk) must not end with "the previous package was left unchanged": the new one
    is in place. Run in a process of its own, as the build blocks the stop signals of the
    process it runs in (``pipelines.interrupts``), which later subprocesses would inherit."""
    docs, out = documents_folder(tmp_path / "docs"), tmp_path / "out"
    argv = ["build", "--documents", str(docs), "--out", str(out), "--state", str(tmp_path / "s")]
    script = (
        "import sys\n"
        "from pipelines import cli, steps\n"
        "def disk_full(*args, **kwargs):\n"
        "    raise OSError(28, 'No space left on device')\n"
        "steps.record_published = disk_full\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode != 0
    assert "No space left on device" in proc.stderr
    assert "after the new package was in place" in proc.stderr
    assert "left unchanged" not in proc.stderr
    assert (out / "datapackage.json").is_file()
