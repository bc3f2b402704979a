"""What initiative extraction costs inside ``parse_document``, per document.

    uv run python scripts/time_initiatives.py [--repeat 3]

Parses every text of ``documents/`` and ``../shared/corpus-dev`` (when present) with
``parse_document`` twice: as it is, and with ``extract_initiatives`` replaced by a no-op
(signatories still look for initiatives in their lists). The difference is the cost of
initiatives inside a parse; the script prints both mean milliseconds per document (best
of ``--repeat`` runs, caches cleared before each; CPU time of the process, steadier
than wall time on a shared machine) and that share.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from aidecl_data.parse import document
from aidecl_data.parse.entities import initiatives as ini
from aidecl_data.parse.entities.folding import fold_same_length

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".txt", ".md", ".markdown"}


def corpus() -> list[Path]:
    paths = sorted(p for p in (ROOT / "documents").iterdir() if p.suffix in SUFFIXES)
    dev = ROOT.parent / "shared" / "corpus-dev"
    if dev.is_dir():
        paths += sorted(p for p in dev.rglob("*") if p.suffix in SUFFIXES and p.parent != dev)
    return paths


def _run(raws: list[tuple[str, bytes, str]]) -> float:
    ini._find_in_text.cache_clear()
    fold_same_length.cache_clear()
    t0 = time.process_time()
    for did, raw, name in raws:
        document.parse_document(raw, did, name)
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    raws = [(p.stem.lower(), p.read_bytes(), p.name) for p in corpus()]
    real = document.extract_initiatives
    with_ini = without = float("inf")
    for _ in range(args.repeat):
        with_ini = min(with_ini, _run(raws))
        document.extract_initiatives = lambda *a, **k: ([], [])
        try:
            without = min(without, _run(raws))
        finally:
            document.extract_initiatives = real
    n = len(raws)
    print(f"documents: {n}")
    print(f"parse_document: {1000 * with_ini / n:.2f} ms/document")
    print(f"without initiatives: {1000 * without / n:.2f} ms/document")
    print(f"initiatives: {1000 * (with_ini - without) / n:.2f} ms/document")
    print(f"share: {100 * (with_ini - without) / with_ini:.1f}%")


if __name__ == "__main__":
    main()
