"""Where ``parse_document`` spends its time, stage by stage, in CPU milliseconds per document.

Why: the first build of a large corpus is mostly parsing (two workers), so the stages of
the parser decide its throughput. This wraps the functions ``parse_document`` and
``parse_structure`` call (in their modules' namespaces, for the duration of the run) with
CPU timers that keep a stack, so each stage has an inclusive time and a self time (its
own, without the wrapped stages it calls). The parser's code is not changed; the timers
cost about 1 microsecond per call. ``--by-module`` adds a cProfile of the same documents
with the own time summed per source module, which also sees what no stage wraps.

    uv run python benchmarks/parse_stages.py --docs /tmp/synth --limit 500
    uv run python benchmarks/parse_stages.py --docs documents --by-module --json out.json
    uv run python benchmarks/parse_stages.py --docs documents --baseline 9e1b9e4  # then
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ``--baseline`` runs this script again with an earlier commit's library in its place
sys.path.insert(0, os.environ.get("PARSE_STAGES_SRC") or str(ROOT / "src"))

# (module, attribute, stage name); a stage nested in another is timed inside it.
STAGES = [
    ("aidecl_data.parse.document", "read_text", "read_text (decode, formats)"),
    ("aidecl_data.parse.document", "parse_structure", "parse_structure"),
    ("aidecl_data.parse.structure", "normalize_source", "structure: normalize_source"),
    ("aidecl_data.parse.structure", "split_lines", "structure: split_lines"),
    ("aidecl_data.parse.structure", "detect_format", "structure: detect_format"),
    ("aidecl_data.parse.structure", "read_front_matter", "structure: read_front_matter"),
    ("aidecl_data.parse.layout.markdown", "read_units", "structure: markdown.read_units"),
    ("aidecl_data.parse.layout.pdf", "read_units", "structure: pdf.read_units"),
    ("aidecl_data.parse.layout.blocks", "vocabulary", "structure: blocks.vocabulary"),
    ("aidecl_data.parse.layout.blocks", "clean_units", "structure: blocks.clean_units"),
    (
        "aidecl_data.parse.layout.blocks",
        "merge_continuations",
        "structure: blocks.merge_continuations",
    ),
    ("aidecl_data.parse.structure", "classify_blocks", "structure: classify_blocks (roles)"),
    ("aidecl_data.parse.structure", "emit_rows", "structure: emit_rows (sections, clauses)"),
    ("aidecl_data.parse.structure", "document_metadata", "structure: document_metadata"),
    ("aidecl_data.parse.document", "sha256_bytes", "sha256"),
    ("aidecl_data.parse.document", "_dates", "dates"),
    ("aidecl_data.parse.document", "extract_signatories", "entities: signatories"),
    ("aidecl_data.parse.document", "extract_initiatives", "entities: initiatives"),
    ("aidecl_data.parse.document", "document_rows", "enrich: acts and themes"),
    ("aidecl_data.parse.document", "collect_warnings", "warnings"),
]


class StageTimer:
    """Inclusive and self CPU time per stage, with a stack for nested stages."""

    def __init__(self) -> None:
        self.total: dict[str, int] = defaultdict(int)
        self.own: dict[str, int] = defaultdict(int)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[list[int]] = []  # [child time] per open stage

    def wrap(self, name: str, fn):
        clock = time.process_time_ns

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            self._stack.append([0])
            t0 = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = clock() - t0
                children = self._stack.pop()[0]
                self.total[name] += spent
                self.own[name] += spent - children
                self.calls[name] += 1
                if self._stack:
                    self._stack[-1][0] += spent

        return timed


def install(timer: StageTimer) -> list[tuple[object, str, object]]:
    """Wrap every stage that exists in this version of the parser; returns what to undo."""
    import importlib

    undo = []
    for mod_name, attr, stage in STAGES:
        try:
            mod = importlib.import_module(mod_name)
        except ImportError:
            continue
        fn = getattr(mod, attr, None)
        if fn is None:
            continue
        undo.append((mod, attr, fn))
        setattr(mod, attr, timer.wrap(stage, fn))
    return undo


def _files(docs: Path, limit: int) -> list[Path]:
    files = sorted(p for p in docs.iterdir() if p.is_file() and not p.name.startswith("."))
    files = [p for p in files if p.suffix.lower() in {".md", ".txt", ".markdown", ".pdf", ".html"}]
    return files[:limit] if limit else files


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", default=str(ROOT / "documents"))
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--by-module", action="store_true", help="also a cProfile per module")
    p.add_argument("--json", help="write the figures to this file")
    p.add_argument("--baseline", metavar="COMMIT", help="measure the parser of COMMIT")
    args = p.parse_args(argv)
    if args.baseline:
        from baseline import rerun_with_commit

        argv = argv if argv is not None else sys.argv[1:]
        return rerun_with_commit(__file__, args.baseline, argv, env_var="PARSE_STAGES_SRC")

    from aidecl_data.build.version import PARSER_VERSION
    from aidecl_data.parse.document import parse_document

    files = _files(Path(args.docs), args.limit)
    raws = [(f.read_bytes(), f.stem, f.name) for f in files]
    parse_document(*raws[0])  # lazily built indexes, not counted
    timer = StageTimer()
    undo = install(timer)
    t0 = time.process_time()
    for raw, doc_id, name in raws:
        parse_document(raw, doc_id, name)
    whole = time.process_time() - t0
    for mod, attr, fn in undo:
        setattr(mod, attr, fn)
    n = len(raws)
    stages = [
        {
            "stage": stage,
            "ms_per_doc_inclusive": round(timer.total[stage] / 1e6 / n, 3),
            "ms_per_doc_self": round(timer.own[stage] / 1e6 / n, 3),
            "calls": timer.calls[stage],
        }
        for _, _, stage in STAGES
        if stage in timer.total
    ]
    outside = whole * 1e3 / n - sum(s["ms_per_doc_self"] for s in stages)
    result = {
        "parser_version": PARSER_VERSION,
        "documents": n,
        "megabytes": round(sum(len(r[0]) for r in raws) / 1e6, 2),
        "ms_per_doc": round(whole * 1e3 / n, 3),
        "ms_per_doc_outside_stages": round(outside, 3),
        "stages": stages,
    }
    print(f"{n} documents, {result['megabytes']} MB, {result['ms_per_doc']} ms CPU per document")
    print(f"{'stage':52} {'incl ms':>8} {'self ms':>8}")
    for s in stages:
        print(f"{s['stage']:52} {s['ms_per_doc_inclusive']:8.3f} {s['ms_per_doc_self']:8.3f}")
    print(f"{'(parse_document itself, unwrapped code)':52} {'':8} {outside:8.3f}")

    if args.by_module:
        prof = cProfile.Profile()
        prof.enable()
        for raw, doc_id, name in raws:
            parse_document(raw, doc_id, name)
        prof.disable()
        own: dict[str, float] = defaultdict(float)
        for (path, _line, _fn), (_cc, _nc, tt, _ct, _callers) in pstats.Stats(prof).stats.items():
            key = path
            if "aidecl_data/" in path:
                key = "aidecl_data/" + path.split("aidecl_data/", 1)[1]
            elif path.startswith("~") or path == "<built-in>":
                key = f"builtin: {_fn}"[:70]
            else:
                key = "other: " + Path(path).name
            own[key] += tt
        top = sorted(own.items(), key=lambda kv: -kv[1])[:30]
        result["by_module_ms_per_doc_profiled"] = [
            {"module": k, "ms_per_doc": round(v * 1e3 / n, 3)} for k, v in top
        ]
        print("\nown time per module under cProfile (inflated by the profiler), ms/doc:")
        for k, v in top:
            print(f"  {v * 1e3 / n:8.3f}  {k}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
