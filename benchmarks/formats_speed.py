"""How fast PDF files and web pages are read and parsed, in the parse workers, and cached.

    uv run python benchmarks/formats_speed.py [--pdfs DIR] [--copies N] [--workers N]

1. One process, each PDF of ``DIR`` (default ``../shared/corpus-raw/pdf``, else
   ``tests/fixtures``) and each test page (``tests/fixtures/html`` and the Markdown of
   ``documents/`` rendered in the site frame): text extraction alone, then the whole
   ``parse_document`` (best of 3): pages/s and documents/s.
2. The same files, ``--copies`` times each (as distinct documents), through
   ``parse_batch`` with ``--workers`` processes and a fresh parse cache: documents/s and
   pages/s of a first build; then again with the cache filled (nothing parsed).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from aidecl_data.build.batch import parse_batch
from aidecl_data.build.cache import ParseCache
from aidecl_data.parse.document import parse_document
from aidecl_data.parse.formats.html import read_html
from aidecl_data.parse.formats.pdf import extract_pdf
from aidecl_data.parse.sources import SourceFile, sha256_bytes

ROOT = Path(__file__).resolve().parents[1]


def html_pages() -> list[tuple[str, bytes]]:
    from markdown_it import MarkdownIt

    html = ROOT / "tests" / "fixtures" / "html"
    frame = (html / "site_frame.html").read_text(encoding="utf-8")
    out = [
        (p.name, p.read_bytes())
        for p in sorted(html.glob("*.html"))
        if p.name not in ("site_frame.html", "no_main_text.html")
    ]
    md = MarkdownIt("commonmark", {"html": True})
    for p in sorted((ROOT / "documents").glob("00[01]_*.txt")):
        page = frame.replace("{body}", md.render(p.read_text(encoding="utf-8")))
        out.append((p.stem + ".html", page.encode()))
    return out


def best(fn, n: int = 3) -> float:
    t = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - t0)
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared" / "corpus-raw" / "pdf"
    ap.add_argument(
        "--pdfs", type=Path, default=default if default.exists() else ROOT / "tests" / "fixtures"
    )
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    pdfs = [(p.name, p.read_bytes()) for p in sorted(args.pdfs.glob("*.pdf"))]
    pages = {name: len(extract_pdf(raw).page_starts) for name, raw in pdfs}
    n_pages = sum(pages.values())
    res: dict = {"pdf_files": len(pdfs), "pdf_pages": n_pages, "cpu_count": os.cpu_count()}
    t_ext = sum(best(lambda raw=raw: extract_pdf(raw)) for _, raw in pdfs)
    t_all = sum(best(lambda n=n, raw=raw: parse_document(raw, "x", n)) for n, raw in pdfs)
    res["pdf_extract_pages_per_s"] = round(n_pages / t_ext, 1)
    res["pdf_parse_pages_per_s"] = round(n_pages / t_all, 1)
    res["pdf_parse_docs_per_s"] = round(len(pdfs) / t_all, 2)
    pages_html = html_pages()
    t_ext = sum(best(lambda raw=raw: read_html(raw)) for _, raw in pages_html)
    t_all = sum(best(lambda n=n, raw=raw: parse_document(raw, "x", n)) for n, raw in pages_html)
    res["html_files"] = len(pages_html)
    res["html_extract_docs_per_s"] = round(len(pages_html) / t_ext, 1)
    res["html_parse_docs_per_s"] = round(len(pages_html) / t_all, 1)
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for k in range(args.copies):
            for name, raw in pdfs + pages_html:
                path = Path(tmp) / f"c{k}_{name}"
                path.write_bytes(raw)
                sources.append(SourceFile(path.stem.lower(), str(path), None, sha256_bytes(raw)))
        cache = ParseCache(Path(tmp) / "state")
        t0 = time.perf_counter()
        out = parse_batch(sources, cache, args.workers)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = parse_batch(sources, cache, args.workers)
        cached = time.perf_counter() - t0
    res["batch_documents"] = len(sources)
    res["batch_workers"] = args.workers
    res["batch_rejected"] = len(out.rejected)
    res["batch_first_docs_per_s"] = round(len(sources) / first, 1)
    res["batch_first_pdf_pages_per_s"] = round(args.copies * n_pages / first, 1)
    res["batch_cached_seconds"] = round(cached, 3)
    res["batch_cached_reused"] = len(again.reused)
    for k, v in res.items():
        print(f"{k}: {v}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n")


if __name__ == "__main__":
    main()
