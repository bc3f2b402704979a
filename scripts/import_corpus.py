"""Copy the development corpus into ``documents/`` and write its provenance manifest.

Usage::

    uv run python scripts/import_corpus.py [--corpus ../shared/corpus-dev] [--documents documents]

Every file of ``<corpus>/en`` and ``<corpus>/fr`` is copied byte for byte (its name kept:
the names are already safe ids) and ``documents/MANIFEST.csv`` gets one row per file from
the corpus' ``SOURCES.md`` table: file, source repository, path in the repository,
commit, licence, kind, language, note (e.g. that the commit is the stored version of a
file index, not a snapshot). The five seed texts already in ``documents/`` keep the
rows below (no repository is recorded for them). Two files whose ids collide are reported
and the later one is not copied. Re-running it rewrites the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from aidecl_data.build.manifest import MANIFEST_COLUMNS, MANIFEST_NAME  # noqa: E402
from aidecl_data.parse.sources import document_id_for  # noqa: E402

# The seed corpus (``../shared/corpus``): its provenance is not recorded beyond the
# project itself, so no repository, commit or licence is claimed for it.
SEED_KIND = {
    "000_bc9b0feb0189aed7.txt": "joint declaration",
    "001_1a389439d4f9db67.txt": "joint declaration",
    "002_005aedb553b34193.txt": "joint declaration",
    "003_d31d5ff027f99deb.txt": "roadmap",
    "004_93c8d6fe22a95fba.txt": "joint declaration",
}
SEED_LICENCE = "not stated (project seed corpus, French government texts)"


def read_sources(path: Path) -> dict[str, dict[str, str]]:
    """The rows of SOURCES.md's table, keyed by their ``en/x.md`` file."""
    out = {}
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if header is None:
            header = cells
            continue
        if set(line) <= set("|-: "):
            continue
        row = dict(zip(header, cells, strict=False))
        out[row["file"]] = row
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus-dev"))
    ap.add_argument("--documents", default=str(ROOT / "documents"))
    args = ap.parse_args(argv)
    corpus, docs = Path(args.corpus), Path(args.documents)
    sources = read_sources(corpus / "SOURCES.md")
    rows = [
        {
            "file": name,
            "source_repository": "",
            "path": f"corpus/{name}",
            "commit": "",
            "licence": SEED_LICENCE,
            "kind": kind,
            "language": "fr",
            "note": "",
        }
        for name, kind in SEED_KIND.items()
        if (docs / name).is_file()
    ]
    ids = {document_id_for(Path(r["file"])): r["file"] for r in rows}
    for rel, src in sorted(sources.items()):
        path = corpus / rel
        name = path.name
        doc_id = document_id_for(path)
        if doc_id in ids:
            print(f"collision: {rel} has id {doc_id!r}, already used by {ids[doc_id]}")
            continue
        ids[doc_id] = name
        shutil.copyfile(path, docs / name)
        # "05dc... (stored version in the file index)": the commit, then a note on it.
        commit, _, note = src["commit"].partition(" ")
        note = note.strip().strip("()")
        rows.append(
            {
                "file": name,
                "source_repository": src["source repository"],
                "path": src["path in repository"],
                "commit": commit,
                "note": note,
                "licence": src["licence / status"],
                "kind": src["kind"],
                "language": src["language"],
            }
        )
    with open(docs / MANIFEST_NAME, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["file"]))
    print(f"{len(rows)} rows in {docs / MANIFEST_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
