"""What ``enrich.document_rows`` costs by itself, the parts it calls taken out.

    nice uv run python benchmarks/enrich_rest.py [--repeat 9]

``enrich_benchmark.py`` reports the remainder of ``document_rows`` as its whole time
minus the parts replayed alone (``enrich_parts_ms_per_document``), which also counts what
the parts cost more when interleaved (colder caches). This measures the remainder
directly: every call ``document_rows`` makes to the parts (scanned copies, ``find_acts``,
``find_themes``, ``hedged``, ``sentences``) is recorded on the real corpus, then
``document_rows`` is run again with each part answering its recorded result, so what is
timed is the walk over clauses, list inheritance, implied subjects, span mapping and row
objects (CPU time, best of ``--repeat`` passes over all the documents, after a warm-up).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from enrich_benchmark import WARM_UP, corpus

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.enrich import document as enrich_document
from aidecl_data.parse.enrich import document_rows
from aidecl_data.parse.entities.signatories import extract_signatories
from aidecl_data.parse.sources import decode_bytes
from aidecl_data.parse.structure import parse_structure

PARTS = ("document_scans", "find_acts", "find_themes", "hedged", "sentences")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args(argv)
    for lang, text in WARM_UP.items():
        parse_document(text.encode(), f"warm-up-{lang}", f"warm-up-{lang}.txt")
    inputs = []
    for p in corpus():
        doc_id = p.stem.lower()
        source = decode_bytes(p.read_bytes(), p.name)
        st = parse_structure(source, doc_id)
        sig, _ = extract_signatories(st.regions, doc_id, st.language)
        inputs.append((st.clauses, st.regions, source, doc_id, st.language, sig, st.title))
    saved = {n: getattr(enrich_document, n) for n in PARTS}
    recorded: dict[str, list] = {n: [] for n in PARTS}

    def recording(name):
        def call(*a):
            if name == "find_acts" and callable(a[3]):  # lazily split sentences
                a = (*a[:3], a[3](), *a[4:])
            result = saved[name](*a)
            recorded[name].append(result)
            return result

        return call

    def replaying(name):
        answers = iter(())

        def call(*a):
            if name == "find_acts" and callable(a[3]):
                a[3]()  # the split it asks for, as when recorded
            return next(answers)

        def rewind():
            nonlocal answers
            answers = iter(recorded[name])

        return call, rewind

    try:
        for name in PARTS:
            setattr(enrich_document, name, recording(name))
        for a in inputs:
            document_rows(*a)
        rewinds = []
        for name in PARTS:
            call, rewind = replaying(name)
            setattr(enrich_document, name, call)
            rewinds.append(rewind)
        times = []
        for _ in range(args.repeat):
            for rewind in rewinds:
                rewind()
            t0 = time.process_time()
            for a in inputs:
                document_rows(*a)
            times.append(time.process_time() - t0)
    finally:
        for name, fn in saved.items():
            setattr(enrich_document, name, fn)
    print(f"documents {len(inputs)}")
    print(f"document_rows_alone_ms_per_document {1000 * min(times) / len(inputs):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
