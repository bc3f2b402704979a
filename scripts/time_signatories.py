"""What signatory extraction costs, per document.

    nice uv run python scripts/time_signatories.py [--repeat 5]

Parses every text of ``documents/`` once with ``parse_document``, keeping the arguments
``extract_signatories`` was called with (the regions of each text), then times
``extract_signatories`` alone on them: mean milliseconds per document, best of
``--repeat`` runs, the caches the extractor fills (names found per text, folded texts,
initiatives found per region) cleared before each run, CPU time of the process (steadier
than wall time on a shared machine).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from aidecl_data.parse import document
from aidecl_data.parse.entities import countries
from aidecl_data.parse.entities import initiatives as ini
from aidecl_data.parse.entities.folding import fold_same_length

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".txt", ".md", ".markdown"}


def calls() -> list[tuple[tuple, dict]]:
    """The arguments of every ``extract_signatories`` call of a parse of ``documents/``."""
    seen: list[tuple[tuple, dict]] = []
    real = document.extract_signatories

    def spy(*args, **kwargs):
        seen.append((args, kwargs))
        return real(*args, **kwargs)

    document.extract_signatories = spy
    try:
        for p in sorted((ROOT / "documents").iterdir()):
            if p.suffix in SUFFIXES:
                document.parse_document(p.read_bytes(), p.stem.lower(), p.name)
    finally:
        document.extract_signatories = real
    return seen


def _run(seen: list[tuple[tuple, dict]]) -> float:
    ini._find_in_text.cache_clear()
    countries._find_names.cache_clear()
    fold_same_length.cache_clear()
    t0 = time.process_time()
    for args, kwargs in seen:
        document.extract_signatories(*args, **kwargs)
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    seen = calls()
    best = min(_run(seen) for _ in range(args.repeat))
    print(f"documents: {len(seen)}")
    print(f"extract_signatories: {1000 * best / len(seen):.3f} ms/document")


if __name__ == "__main__":
    main()
