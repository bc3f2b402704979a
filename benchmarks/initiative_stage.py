"""The initiative stage alone (``extract_initiatives``), CPU ms per document, best of N.

Why: ``parse_stages.py`` times the stage once per document inside the whole parse, where
the noise of a shared machine (±5%) hides a change of a few percent. Here each
document's regions are parsed once beforehand, then the stage is run over all of them
``--runs`` times (its per-text cache cleared each time) and the best run kept, with a
digest of its output (rows, mentions, problems), so that two versions compare on speed
and on output. ``--baseline COMMIT`` measures that commit's library; ``--pairs N``
alternates it with this one N times (the machine's load then weighs on both alike).

    nice uv run python benchmarks/initiative_stage.py --docs documents --pairs 4
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("INITIATIVE_STAGE_SRC") or str(ROOT / "src"))


def measure(docs: Path, runs: int) -> tuple[float, str]:
    """(best ms per document, output digest) of ``extract_initiatives`` on ``docs``."""
    import aidecl_data.parse.document as document
    from aidecl_data.parse.entities import gazetteer as gz
    from aidecl_data.parse.entities import initiatives as ini

    calls = []
    extract = document.extract_initiatives

    def record(regions, document_id, language, **kw):
        calls.append((regions, document_id, language))
        return extract(regions, document_id, language, **kw)

    document.extract_initiatives = record
    try:
        for f in sorted(docs.iterdir()):  # the files ``parse_stages.py`` reads
            if f.is_file() and f.suffix.lower() in {".md", ".txt", ".markdown", ".pdf", ".html"}:
                document.parse_document(f.read_bytes(), f.stem, f.name)
    finally:
        document.extract_initiatives = extract

    def run(problems=None):
        gz._ALIAS_SCAN["chars"] = 0  # the lazy alias matcher, as in a fresh process
        ini._find_in_text.cache_clear()
        return [extract(*c, problems=problems) for c in calls]

    problems: list = []
    digest = hashlib.sha256(repr((run(problems), problems)).encode()).hexdigest()[:16]
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        run([])
        best = min(best, time.process_time() - t0)
    return best * 1e3 / len(calls), digest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", default=str(ROOT / "documents"))
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--baseline", metavar="COMMIT", help="alternate with COMMIT's library")
    p.add_argument("--pairs", type=int, default=1, help="with --baseline: how many pairs")
    args = p.parse_args(argv)
    if not args.baseline:
        ms, digest = measure(Path(args.docs), args.runs)
        print(f"extract_initiatives {ms:.3f} ms/doc  output {digest}")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from baseline import commit_src

    here = [sys.executable, __file__, "--docs", args.docs, "--runs", str(args.runs)]
    with commit_src(args.baseline) as src:
        base_env = {**os.environ, "INITIATIVE_STAGE_SRC": str(src)}
        for _ in range(args.pairs):
            for label, env in ((args.baseline, base_env), ("this tree", os.environ)):
                out = subprocess.run(here, env=env, capture_output=True, text=True, check=True)
                print(f"{label:12} {out.stdout.strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
