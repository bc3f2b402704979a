"""Which library reads the PDFs' text layer: pypdfium2, pypdf or pdfplumber/pdfminer.six.

    uv run python benchmarks/pdf_extractors.py [--pdfs DIR] [--json OUT]

For every PDF of ``DIR`` (default ``../shared/corpus-raw/pdf``, else ``tests/fixtures``),
each library extracts every page's text (best of 3 runs for the time). Reported:

- **speed**: pages per second (one process);
- **reading order**: how much each library's word sequence agrees with the other two
  (difflib ratio over words, mean over files): an extractor that reads columns or
  blocks out of order stands apart; the Paris Call is also compared word for word with
  its text as published in ``tests/fixtures/paris_call_en_pdf.txt`` (extracted by pypdf,
  so that figure favours pypdf);
- **ligatures**: U+FB00-U+FB06 left in the text (each one breaks a word for search);
- **line-end hyphens**: hyphens the library marks as a cut at a line end (PDFium's
  U+0002/U+FFFE), against plain ``-`` + line end, where the parser must decide alone;
- **licence**: from the installed package's metadata.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import io
import json
import re
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGATURES = re.compile("[\ufb00-\ufb06]")


def pdfium_pages(raw: bytes) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(raw)
    out = []
    for page in doc:
        tp = page.get_textpage()
        out.append(tp.get_text_range())
        tp.close()
        page.close()
    doc.close()
    return out


def pypdf_pages(raw: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(raw)).pages]


def plumber_pages(raw: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


LIBRARIES = {
    "pypdfium2": (pdfium_pages, "pypdfium2"),
    "pypdf": (pypdf_pages, "pypdf"),
    "pdfplumber": (plumber_pages, "pdfplumber"),
}


def licence(dist: str) -> str:
    meta = importlib.metadata.metadata(dist)
    value = meta.get("License-Expression") or meta.get("License") or ""
    if not value or len(value) > 60:
        value = "; ".join(
            c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if "License" in c
        )
    return value


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("\x02", "").replace("\ufffe", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared" / "corpus-raw" / "pdf"
    ap.add_argument(
        "--pdfs", type=Path, default=default if default.exists() else ROOT / "tests" / "fixtures"
    )
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    files = sorted(args.pdfs.glob("*.pdf"))
    results: dict[str, dict] = {name: {"files": {}} for name in LIBRARIES}
    texts: dict[str, dict[str, list[str]]] = {name: {} for name in LIBRARIES}
    for f in files:
        raw = f.read_bytes()
        for name, (fn, _) in LIBRARIES.items():
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                pages = fn(raw)
                best = min(best, time.perf_counter() - t0)
            text = "\n".join(pages)
            texts[name][f.name] = words(text)
            results[name]["files"][f.name] = {
                "pages": len(pages),
                "seconds": round(best, 4),
                "ligatures": len(LIGATURES.findall(text)),
                "marked_line_end_hyphens": text.count("\x02") + text.count("\ufffe"),
                "plain_line_end_hyphens": len(re.findall(r"\w-\r?\n", text)),
            }
    paris_txt = ROOT / "tests" / "fixtures" / "paris_call_en_pdf.txt"
    for name, res in results.items():
        fs = res["files"]
        pages = sum(v["pages"] for v in fs.values())
        secs = sum(v["seconds"] for v in fs.values())
        agree = []
        for fname in fs:
            others = [texts[o][fname] for o in LIBRARIES if o != name]
            mine = texts[name][fname]
            agree += [
                difflib.SequenceMatcher(None, mine, o, autojunk=False).ratio() for o in others
            ]
        res["pages"] = pages
        res["pages_per_s"] = round(pages / secs, 1) if secs else None
        res["agreement_with_others"] = round(statistics.mean(agree), 4) if agree else None
        res["ligatures"] = sum(v["ligatures"] for v in fs.values())
        res["marked_line_end_hyphens"] = sum(v["marked_line_end_hyphens"] for v in fs.values())
        res["plain_line_end_hyphens"] = sum(v["plain_line_end_hyphens"] for v in fs.values())
        res["licence"] = licence(LIBRARIES[name][1])
        res["version"] = importlib.metadata.version(LIBRARIES[name][1])
        if "paris-call-en.pdf" in texts[name] and paris_txt.exists():
            gold = words(paris_txt.read_text(encoding="utf-8"))
            res["paris_call_vs_text"] = round(
                difflib.SequenceMatcher(
                    None, texts[name]["paris-call-en.pdf"], gold, autojunk=False
                ).ratio(),
                4,
            )
    print(f"{len(files)} PDFs, {results['pypdf']['pages']} pages\n")
    print(
        "| library | version | licence | pages/s | agreement | Paris Call vs text | ligatures "
        "| marked hyphens | plain hyphens |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['version']} | {r['licence']} | {r['pages_per_s']} | "
            f"{r['agreement_with_others']} | {r.get('paris_call_vs_text', '')} | "
            f"{r['ligatures']} | "
            f"{r['marked_line_end_hyphens']} | {r['plain_line_end_hyphens']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
