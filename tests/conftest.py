"""Shared helpers: where the corpus is, and small folders of documents built from it."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

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
