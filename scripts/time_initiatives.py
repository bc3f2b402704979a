"""Time entity extraction (initiatives) against the whole parse, per document.

    uv run python scripts/time_initiatives.py [--repeat 3]

Parses every text of ``documents/`` and ``../shared/corpus-dev`` (when present) with
``parse_document``, then runs ``extract_initiatives`` again on each document's regions with
the mention caches cleared, and prints the mean milliseconds per document of both (best of
``--repeat`` runs) and the share of the parse that initiatives take.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.entities import initiatives as ini
from aidecl_data.parse.entities.folding import fold_same_length
from aidecl_data.parse.sources import decode_bytes
from aidecl_data.parse.structure import parse_structure

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".txt", ".md", ".markdown"}


def corpus() -> list[Path]:
    paths = sorted(p for p in (ROOT / "documents").iterdir() if p.suffix in SUFFIXES)
    dev = ROOT.parent / "shared" / "corpus-dev"
    if dev.is_dir():
        paths += sorted(p for p in dev.rglob("*") if p.suffix in SUFFIXES and p.parent != dev)
    return paths


def _clear() -> None:
    ini._find_in_text.cache_clear()
    fold_same_length.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    paths = corpus()
    raws = [(p.stem.lower(), p.read_bytes(), p.name) for p in paths]
    structs = [(did, parse_structure(decode_bytes(raw, name), did)) for did, raw, name in raws]
    best_parse = best_ini = float("inf")
    for _ in range(args.repeat):
        _clear()
        t0 = time.perf_counter()
        for did, raw, name in raws:
            parse_document(raw, did, name)
        best_parse = min(best_parse, time.perf_counter() - t0)
        _clear()
        t0 = time.perf_counter()
        for did, st in structs:
            ini.extract_initiatives(st.regions, did, st.language)
        best_ini = min(best_ini, time.perf_counter() - t0)
    n = len(raws)
    print(f"documents: {n}")
    print(f"parse_document: {1000 * best_parse / n:.2f} ms/document")
    print(f"extract_initiatives: {1000 * best_ini / n:.2f} ms/document")
    print(f"share: {100 * best_ini / best_parse:.1f}%")


if __name__ == "__main__":
    main()
