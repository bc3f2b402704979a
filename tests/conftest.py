"""Shared helpers: where the corpus is, and small folders of documents built from it."""

from __future__ import annotations

import atexit
import csv
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "documents"  # the whole corpus: the five seeds and the real texts


def _seed_folder() -> Path:
    """A folder holding only the five seed texts (``documents/*.txt``), for the tests of
    the build that count documents or time a build: the real corpus is 245 files."""
    folder = Path(tempfile.mkdtemp(prefix="aidecl-seeds-"))
    atexit.register(shutil.rmtree, folder, True)
    for p in sorted(CORPUS.glob("*.txt")):
        shutil.copyfile(p, folder / p.name)
    return folder


SEEDS = _seed_folder()


def make_variants(folder: Path, n: int) -> list[Path]:
    """``n`` distinct documents cycling over the corpus, each with its own closing line.

    Distinct content (hence distinct sha256) with the corpus's real layouts, so the
    incremental tests exercise the real parser.
    """
    folder.mkdir(parents=True, exist_ok=True)
    corpus = sorted(CORPUS.glob("*.txt"))
    out = []
    for i in range(n):
        src = corpus[i % len(corpus)]
        text = src.read_text(encoding="utf-8")
        p = folder / f"doc_{i:05d}.txt"
        p.write_text(text + f"\n\nLes parties se réuniront de nouveau ({i}).\n", encoding="utf-8")
        out.append(p)
    return out


def gazetteer_aliases() -> list[str]:
    """Every name and alias the curated gazetteer writes (``data/initiatives.csv``), as
    written: the inputs of the tests that compare two alias matchers."""
    from aidecl_data.parse.entities.countries import DATA_DIR

    with (DATA_DIR / "initiatives.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for row in rows:
        out += [row["name_fr"], row["name_en"], *row["aliases"].split("|")]
    return [a.strip() for a in out if a.strip()]


@pytest.fixture
def duplicated_clause(monkeypatch):
    """A call that makes the builds after it assemble a ``clauses`` table with its first
    row twice, which a blocking check (the primary key, ``core_clauses.schema_valid``)
    must refuse; called after a good first build."""
    import pyarrow as pa

    import pipelines.steps

    real = pipelines.steps.assemble_tables

    def assemble(*args, **kwargs):
        asm = real(*args, **kwargs)
        clauses = asm.tables["clauses"]
        asm.tables["clauses"] = pa.concat_tables([clauses, clauses.slice(0, 1)])
        return asm

    return lambda: monkeypatch.setattr(pipelines.steps, "assemble_tables", assemble)
