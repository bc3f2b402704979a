"""How each PDF of the raw corpus fares: pages, furniture set aside, clauses, notes.

    uv run python benchmarks/pdf_corpus_report.py [--pdfs DIR] [--json OUT]

For every PDF of ``DIR`` (default ``../shared/corpus-raw/pdf``): pages, pages without text
(images), lines set aside as running headers, footers and page numbers, clauses (and how
many go on over a page break), sections, footnotes (and how many are linked to the clause
carrying their marker), whether any clause still holds a "Page N / M" line, the title.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.formats.pdf import extract_pdf
from aidecl_data.parse.formats.pdf_pages import prepare_pdf
from aidecl_data.parse.sources import RejectedDocument

ROOT = Path(__file__).resolve().parents[1]
_PAGE_LINE = re.compile(r"\bPage \d+ ?/ ?\d+\b")


def report(path: Path) -> dict:
    raw = path.read_bytes()
    try:
        doc = parse_document(raw, path.stem.lower(), path.name)
    except RejectedDocument as exc:
        return {"file": path.name, "rejected": exc.reason}
    pdf = extract_pdf(raw)
    prepared = prepare_pdf(pdf)
    return {
        "file": path.name,
        "pages": len(pdf.page_starts),
        "image_pages": len(pdf.image_pages),
        "furniture_lines": prepared.furniture_lines,
        "clauses": len(doc.clauses),
        "clauses_over_a_page_break": sum(1 for c in doc.clauses if c.page_end > c.page_start),
        "sections": len(doc.sections),
        "notes": len(doc.notes),
        "notes_linked": sum(1 for n in doc.notes if n.clause_id),
        "page_lines_left_in_clauses": sum(1 for c in doc.clauses if _PAGE_LINE.search(c.text)),
        "title": doc.document.title,
        "title_source": doc.document.title_source,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdfs", type=Path, default=ROOT.parent / "shared" / "corpus-raw" / "pdf")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    rows = [report(p) for p in sorted(args.pdfs.glob("*.pdf"))]
    cols = [
        "pages",
        "image_pages",
        "furniture_lines",
        "clauses",
        "clauses_over_a_page_break",
        "sections",
        "notes",
        "notes_linked",
        "page_lines_left_in_clauses",
    ]
    print("| file | " + " | ".join(cols) + " | title |")
    print("|---|" + "---:|" * len(cols) + "---|")
    for r in rows:
        if "rejected" in r:
            print(f"| {r['file']} | rejected: {r['rejected']} |")
            continue
        print(
            f"| {r['file'][:45]} | "
            + " | ".join(str(r[c]) for c in cols)
            + f" | {r['title'][:50]} |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
