"""A digest of everything ``parse_document`` returns, to prove a refactor changed nothing.

Why: a speed change or a restructuring of the parser must leave its output byte-identical.
This walks a set of texts (the documents folder, the real corpus beside the repo, the test
fixtures, and optionally a synthetic corpus), parses each one, and writes one line per
document: its id and the sha256 of every row and problem, serialized with ``repr`` of the
dataclasses (so a new column, a changed value or a reordered row all change the digest).
Compare two runs with ``diff``; ``--compare`` does it and names the documents that differ.

    uv run python scripts/parse_snapshot.py --out /tmp/before.tsv [--synth 2000]
    ... change the parser ...
    uv run python scripts/parse_snapshot.py --out /tmp/after.tsv --compare /tmp/before.tsv
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import astuple, is_dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from aidecl_data.parse.document import parse_document  # noqa: E402

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}


def default_paths() -> list[Path]:
    folders = [
        ROOT / "documents",
        ROOT / "tests" / "fixtures",
        ROOT.parent / "shared" / "corpus-dev",
        ROOT.parent / "shared" / "extra",
    ]
    paths: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            paths += sorted(
                p
                for p in folder.rglob("*")
                if p.suffix.lower() in TEXT_SUFFIXES
                and p.name.upper() != "README.MD"
                and p.name != "SOURCES.md"
            )
    return paths


def digest(parsed) -> str:
    """sha256 of every row list of a ParsedDocument, in field order."""
    h = hashlib.sha256()
    for name, value in vars(parsed).items():
        h.update(name.encode())
        rows = value if isinstance(value, list) else [value]
        for row in rows:
            h.update(repr(astuple(row) if is_dataclass(row) else row).encode())
    return h.hexdigest()


def snapshot(items) -> dict[str, str]:
    out = {}
    for key, raw, doc_id, source_path in items:
        try:
            out[key] = digest(parse_document(raw, doc_id, source_path))
        except Exception as exc:  # a crash is part of the behaviour to compare
            out[key] = f"error:{type(exc).__name__}:{exc}"
    return out


def _file_items(paths: list[Path]):
    for p in paths:
        rel = p.relative_to(ROOT.parent) if p.is_relative_to(ROOT.parent) else p
        yield str(rel), p.read_bytes(), p.stem.lower(), p.name


def _synth_items(count: int):
    from synth_corpus import default_template_paths, iter_documents, load_templates

    templates = load_templates(default_template_paths())
    for i, doc in zip(range(count), iter_documents(templates, seed=1), strict=False):
        yield f"synth/{i}", doc.data, Path(doc.name).stem, doc.name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="TSV file to write: key, digest")
    ap.add_argument("--synth", type=int, default=0, help="also parse N synthetic documents")
    ap.add_argument("--compare", help="an earlier TSV: report the keys whose digest differs")
    args = ap.parse_args(argv)

    items = list(_file_items(default_paths()))
    if args.synth:
        items += list(_synth_items(args.synth))
    snap = snapshot(items)
    Path(args.out).write_text("".join(f"{k}\t{v}\n" for k, v in sorted(snap.items())))
    print(f"{len(snap)} documents -> {args.out}")
    if not args.compare:
        return 0
    before = dict(
        line.split("\t", 1) for line in Path(args.compare).read_text().splitlines() if line
    )
    differ = sorted(k for k in snap.keys() | before.keys() if snap.get(k) != before.get(k))
    for k in differ:
        print(f"differs: {k}")
    print(f"{len(differ)} of {len(snap)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
