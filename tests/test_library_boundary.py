"""The library (``src/aidecl_data``) never imports Dagster nor the pipeline, and the file
selection a sensor run uses is library code, reachable without Dagster."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from aidecl_data.parse.sources import read_documents

LIBRARY = Path(__file__).resolve().parents[1] / "src" / "aidecl_data"
FORBIDDEN = ("dagster", "dagster_webserver", "pipelines")


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", "") == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            roots.add(str(node.args[0].value).split(".")[0])
    return roots


def test_no_library_module_imports_dagster_or_pipelines():
    offenders = {
        str(p.relative_to(LIBRARY)): sorted(_imported_roots(p) & set(FORBIDDEN))
        for p in sorted(LIBRARY.rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_library_module_loads_no_dagster():
    """The same promise at run time, in a fresh interpreter (imports made indirectly too)."""
    modules = sorted(
        ".".join(("aidecl_data", *p.relative_to(LIBRARY).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for p in LIBRARY.rglob("*.py")
    )
    assert len(modules) > 50
    script = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(n for n in sys.modules "
        f"if n.split('.')[0] in {FORBIDDEN!r})))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_read_documents_reads_only_the_ids_asked_for(tmp_path):
    (tmp_path / "a.txt").write_text("Déclaration A.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Déclaration B.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")  # asked for, and rejected
    (tmp_path / "d.txt").write_bytes(b"")  # rejected too, but not asked for
    (tmp_path / "notes.docx").write_text("not a document", encoding="utf-8")
    sources, rejected = read_documents(tmp_path, {"b", "c", "notes", "zz"})
    assert [s.document_id for s in sources] == ["b"]
    assert sources[0].raw == "Déclaration B.\n".encode()
    assert [Path(r.path).name for r in rejected] == ["c.txt"]


def test_read_documents_applies_the_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text("x" * 100, encoding="utf-8")
    sources, rejected = read_documents(tmp_path, {"big"}, max_bytes=10)
    assert sources == [] and len(rejected) == 1
