"""Whole-corpus figures of issue 12: what the parser makes of every text of ``documents/``.

    uv run python scripts/corpus_report.py [--documents documents] [--json] [--list]

Parses every document of the folder (as the build does: ``scan_documents`` then
``parse_document``, one process) and measures:

- ``front_matter_clauses``: clauses that are YAML front matter: a clause whose span lies
  in the leading ``---`` ... ``---`` block of its source, or whose text starts with a
  front-matter key (``date:``, ``title:``, ``source_url:``, ``published_time:``, ...)
  followed by a value. Target 0.
- ``end_marker_clauses``: clauses that are an end marker: only ``#`` signs (escaped or
  not, ``\\###``), or only "./.". Target 0.
- ``markup_clauses``: clauses whose text still holds markup, by ``parse.markup.MARKUP``: an
  HTML tag (``<br>``, ``<sup>``, ``</a>``), an HTML entity (``&amp;``, ``&#8217;``), a
  Markdown link or image (``](``, ``![``), a kramdown attribute list (``{: ...}``,
  ``{:target=...}``), a backslash escape (``\\*``, ``\\.``, ``\\#``), a ``**``/``__``
  emphasis mark, a ``#`` heading mark at the start, or a pipe table (``| --- |``, a
  clause starting ``| ``). Target under 0.5 % of clauses.
- ``title_from_text_or_metadata``: share of documents whose ``title_source`` is ``text``
  or ``metadata`` (not ``inferred``). Target 98 %.
- ``dated``: share of documents with a ``date``. Target 95 %.
- ``with_language``: share of documents with a ``language``. Target 100 %.
- ``documents_per_s`` and ``mb_per_s``: parse throughput (CPU of this process, bytes of
  the source files); ``nice`` it on a shared machine.

``--list`` prints the offending clauses and the documents without a text title or date.
``--baseline COMMIT`` measures the parser of an earlier commit instead (its ``src/``
taken with ``git archive``, same documents, same definitions). ``--build`` also times a
full ``aidecl build`` of the folder from an empty state (a subprocess, as a user runs it:
start-up, Dagster, parsing in a process pool, checks, CSV + Parquet + DuckDB) and reports
its wall and CPU seconds, documents/s and MB/s.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

try:
    from aidecl_data.parse.document import parse_document
    from aidecl_data.parse.sources import RejectedDocument, scan_documents
except ModuleNotFoundError:  # --baseline of a commit before the regroup by job (d44e4e8)
    from aidecl_data.document import parse_document
    from aidecl_data.sources import RejectedDocument, scan_documents


def _load_markup():
    """``MARKUP`` from this checkout's ``parse/markup.py``, by path: the same definition
    whichever version of the library is imported (``--baseline``)."""
    path = ROOT / "src" / "aidecl_data" / "parse" / "markup.py"
    spec = importlib.util.spec_from_file_location("_aidecl_markup", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.MARKUP


MARKUP = _load_markup()

FRONT_KEY = re.compile(
    r"^(?:date|title|source_url|url|tags|published_time|modified_time|layout|categories|"
    r"category|permalink|author|description|chapeau-text|image)\s*:\s*\S"
)
END_MARKER = re.compile(r"^(?:\\?#+|\./\.)$")
_FRONT_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def front_matter_end(source: str) -> int:
    """End of the leading YAML block of ``source`` (0 when it has none); independent of
    the parser's own reader, so the figure checks it."""
    m = _FRONT_BLOCK.match(source)
    return m.end() if m else 0


def measure(folder: Path) -> dict:
    sources, rejected = scan_documents(folder)
    n_docs = n_clauses = 0
    front = end = markup = 0
    titled = dated = lang = 0
    n_bytes = 0
    cpu = 0.0
    offenders: dict[str, list[str]] = {
        "front": [],
        "end": [],
        "markup": [],
        "title": [],
        "date": [],
    }
    for src in sources:
        raw = src.load()
        n_bytes += len(raw)
        t0 = time.process_time()
        try:
            parsed = parse_document(raw, src.document_id, Path(src.path).name)
        except RejectedDocument as exc:
            rejected.append(exc)
            continue
        cpu += time.process_time() - t0
        n_docs += 1
        text = raw.decode("utf-8", "replace")
        fm_end = front_matter_end(text)
        doc = parsed.document
        titled += doc.title_source in ("text", "metadata")
        dated += bool(doc.date)
        lang += bool(doc.language)
        if doc.title_source not in ("text", "metadata"):
            offenders["title"].append(f"{doc.document_id}: {doc.title!r}")
        if not doc.date:
            offenders["date"].append(doc.document_id)
        for c in parsed.clauses:
            n_clauses += 1
            t = c.text.strip()
            if c.char_start < fm_end or FRONT_KEY.match(t):
                front += 1
                offenders["front"].append(f"{c.clause_id}: {t[:100]!r}")
            if END_MARKER.match(t):
                end += 1
                offenders["end"].append(f"{c.clause_id}: {t[:100]!r}")
            m = MARKUP.search(t)
            if m:
                markup += 1
                offenders["markup"].append(f"{c.clause_id}: {m.group()!r} in {t[:100]!r}")
    share = lambda k, n: round(k / n, 4) if n else 0.0  # noqa: E731
    return {
        "documents": n_docs,
        "rejected": [f"{r.path}: {r.reason}" for r in rejected],
        "clauses": n_clauses,
        "front_matter_clauses": front,
        "end_marker_clauses": end,
        "markup_clauses": markup,
        "markup_share": share(markup, n_clauses),
        "title_from_text_or_metadata": share(titled, n_docs),
        "dated": share(dated, n_docs),
        "with_language": share(lang, n_docs),
        "megabytes": round(n_bytes / 1e6, 3),
        "parse_cpu_s": round(cpu, 3),
        "documents_per_s": round(n_docs / cpu, 1) if cpu else 0.0,
        "mb_per_s": round(n_bytes / 1e6 / cpu, 3) if cpu else 0.0,
        "offenders": offenders,
    }


def time_build(folder: Path) -> dict:
    """A full build of ``folder`` in a fresh temporary package and state."""
    n_bytes = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    with tempfile.TemporaryDirectory(prefix="aidecl-corpus-build-") as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(
            [
                *(sys.executable, "-m", "pipelines.cli", "build", "--documents", str(folder)),
                *("--out", f"{tmp}/pkg", "--state", f"{tmp}/state", "--json"),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"build failed: {proc.stderr[-2000:]}")
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    docs = summary["documents"]
    return {
        "build_documents": docs,
        "build_wall_s": round(wall, 2),
        "build_cpu_s": round(cpu, 2),
        "build_documents_per_s": round(docs / wall, 1),
        "build_mb_per_s": round(n_bytes / 1e6 / wall, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", default=str(ROOT / "documents"))
    ap.add_argument("--json", action="store_true", help="one JSON object on stdout")
    ap.add_argument("--list", action="store_true", help="print the offenders too")
    ap.add_argument("--build", action="store_true", help="also time a full aidecl build")
    ap.add_argument("--baseline", metavar="COMMIT", help="measure the parser of COMMIT")
    args = ap.parse_args(argv)
    if args.baseline:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from baseline import rerun_with_commit

        argv = argv if argv is not None else sys.argv[1:]
        return rerun_with_commit(__file__, args.baseline, argv, drop=("--build",))
    res = measure(Path(args.documents))
    if args.build:
        res.update(time_build(Path(args.documents)))
    offenders = res.pop("offenders")
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        for k, v in res.items():
            if k != "rejected":
                print(f"{k:32} {v}")
        for r in res["rejected"]:
            print(f"rejected: {r}")
    if args.list:
        for kind, rows in offenders.items():
            print(f"\n## {kind} ({len(rows)})")
            for r in rows:
                print("  " + r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
