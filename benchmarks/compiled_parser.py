"""How much faster the parser gets when its Python is compiled to C (mypyc), unchanged.

Why: issues 14 and 17 set speed targets that the parser in Python does not reach
(enrichment at most a tenth of the parse; 10,000 documents built in under 25 s, 500
documents/s). Before rewriting the rules in a compiled language, this measures what the
cheapest route gives: the same source compiled by mypyc, in a temporary copy of ``src/``
(nothing in the repository is compiled or changed).

    uv run --with mypy python benchmarks/compiled_parser.py --docs /tmp/synth500 \
        [--enrich] [--json OUT]

mypyc type-checks what it compiles; the parser's annotations are not all exact, so the
checks that only concern annotations are switched off (``ERROR_CODES``) and the modules
mypyc cannot compile, or whose compiled form rejects a value at run time (a ``None``
where an annotation says otherwise), are left in Python: the loop drops the module a
failure names and tries again. Every module kept compiled must give the same rows: the
output of both copies is compared document by document (``digest``), so a figure never
comes from a parser that reads differently. ``--enrich`` also runs
``enrich_benchmark.py`` on both copies (real corpus): issue 14's ratio.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ERROR_CODES = (
    "union-attr",
    "arg-type",
    "misc",
    "var-annotated",
    "operator",
    "attr-defined",
    "assignment",
    "has-type",
    "return-value",
    "call-arg",
)
# run in a child with one copy of the library first on the path: CPU ms per document
# (best of two passes) and a digest of every row of every document
PROBE = r"""
import hashlib, sys, time
from pathlib import Path
from aidecl_data.parse.document import parse_document
import aidecl_data.parse.document as d
paths = sorted(p for p in Path(sys.argv[1]).iterdir() if p.is_file())
raws = [(p.read_bytes(), p.stem, p.name) for p in paths]
digest = hashlib.sha256()
for r in raws:
    digest.update(repr(parse_document(*r)).encode())
best = None
for _ in range(2):
    t = time.process_time()
    for r in raws:
        parse_document(*r)
    e = time.process_time() - t
    best = e if best is None else min(best, e)
print("RESULT", len(raws), round(best / len(raws) * 1000, 4), digest.hexdigest(), d.__file__)
"""


def probe(src: Path, docs: Path) -> dict:
    """Parse every document with the library in ``src``; a failure raises with its output."""
    out = subprocess.run(
        [sys.executable, "-P", "-c", PROBE, str(docs)],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT")), None)
    if line is None:
        raise RuntimeError(out.stderr[-3000:])
    _, n, ms, digest, module = line.split()
    return {"documents": int(n), "ms_per_document": float(ms), "digest": digest, "module": module}


def compile_modules(src: Path, modules: list[str]) -> str:
    """mypyc over ``modules`` (paths under ``src``); '' or the compiler's error lines."""
    for so in src.rglob("*.so"):
        so.unlink()
    shutil.rmtree(src / "build", ignore_errors=True)
    flags = [f"--disable-error-code={c}" for c in ERROR_CODES]
    run = subprocess.run(
        [sys.executable, "-m", "mypyc", "--ignore-missing-imports", *flags, *modules],
        cwd=src,
        capture_output=True,
        text=True,
    )
    if run.returncode == 0:
        return ""
    return "\n".join(x for x in (run.stdout + run.stderr).splitlines() if "error" in x)


def compiled_copy(work: Path, docs: Path) -> tuple[Path, list[str], dict[str, str]]:
    """A copy of ``src/`` with as much of ``parse/`` compiled as runs: (its path, the
    modules compiled, the modules left in Python with the reason)."""
    src = work / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
    modules = sorted(str(p.relative_to(src)) for p in (src / "aidecl_data/parse").rglob("*.py"))
    left: dict[str, str] = {}
    while modules:
        errors = compile_modules(src, modules)
        named = re.findall(r"(aidecl_data/\S+?\.py)", errors)
        if not errors:
            try:
                probe(src, docs)
                break
            except RuntimeError as failure:
                errors = str(failure).strip().splitlines()[-1]
                named = re.findall(r'File "(aidecl_data/[^"]+\.py)"', str(failure))[-1:]
        if not named or named[0] not in modules:
            raise SystemExit(f"cannot tell which module fails:\n{errors}")
        modules.remove(named[0])
        left[named[0]] = errors.splitlines()[0][:200]
    return src, modules, left


def enrich_ratio(src: Path) -> dict:
    """``enrich_benchmark.py`` (real corpus) with the library of ``src``."""
    script = str(ROOT / "benchmarks/enrich_benchmark.py")
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [sys.executable, "-P", script, "--json", out.name],
            env={"PYTHONPATH": f"{src}:{ROOT}", "PATH": "/usr/bin:/bin"},
            check=True,
            capture_output=True,
        )
        got = json.loads(Path(out.name).read_text())
    keys = ("enrich_ms_per_document", "parse_without_enrich_ms_per_document")
    return {k: got[k] for k in (*keys, "enrich_over_rest_of_parse")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, required=True, help="folder of texts to parse")
    ap.add_argument("--pairs", type=int, default=3, help="alternated timing pairs")
    ap.add_argument("--enrich", action="store_true", help="issue 14's ratio on both copies")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="aidecl-mypyc-") as tmp:
        src, compiled, left = compiled_copy(Path(tmp), args.docs)
        python, native = [], []
        for _ in range(args.pairs):
            python.append(probe(ROOT / "src", args.docs))
            native.append(probe(src, args.docs))
        same = {r["digest"] for r in python} == {r["digest"] for r in native}
        result = {
            "documents": python[0]["documents"],
            "modules_compiled": len(compiled),
            "modules_left_in_python": left,
            "same_rows": same,
            "python_ms_per_document": min(r["ms_per_document"] for r in python),
            "compiled_ms_per_document": min(r["ms_per_document"] for r in native),
        }
        result["speed_up"] = round(
            result["python_ms_per_document"] / result["compiled_ms_per_document"], 3
        )
        if args.enrich:
            result["enrich_python"] = enrich_ratio(ROOT / "src")
            result["enrich_compiled"] = enrich_ratio(src)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
