"""Shared helpers: where the corpus is, and small folders of documents built from it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "documents"


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
