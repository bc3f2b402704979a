"""Which library finds a web page's main content: trafilatura, readability-lxml or justext.

    uv run python benchmarks/html_extractors.py [--corpus-dev DIR] [--json OUT]

Pages: the ministry-like test pages of ``tests/fixtures/html/`` and every Markdown text of
``documents/`` (and of ``--corpus-dev``, default ``../shared/corpus-dev/fr`` when present)
rendered to HTML (CommonMark) inside the site frame ``tests/fixtures/html/site_frame.html``
(cookie banner, menu, breadcrumb, share buttons, footer). On each page (``<time>``
replaced by its text for every library, as the reader does), the blocks are sorted by
where they sit: *content* (``p``, ``li``, ``h1``-``h6`` inside
``<article>``, but its share box) and *furniture* (the text of ``nav``, ``footer``,
``aside``, the cookie banner and the share box). Reported, per library:

- **content kept**: share of content blocks whose words all appear in the output, in order;
- **furniture leaked**: share of furniture blocks found in the output;
- **structure kept**: share of headings and list items that come out marked as such
  (a Markdown ``#``/``-``/``1.`` line for trafilatura, an ``<h*>``/``<li>`` element for
  readability, ``is_heading`` for justext, which has no notion of a list item);
- **speed**: pages per second (one process).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import time
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "tests" / "fixtures" / "html"


def norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.casefold()))


def pages(corpus_dev: Path | None) -> list[tuple[str, str]]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    frame = (HTML / "site_frame.html").read_text(encoding="utf-8")
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(HTML.glob("*.html"))]
    out = [(n, t) for n, t in out if n not in ("site_frame.html", "no_main_text.html")]
    sources = [
        p
        for p in sorted((ROOT / "documents").glob("*"))
        if p.read_text().count("\n#") + p.read_text().count("**") > 2
    ]
    if corpus_dev is not None and corpus_dev.exists():
        sources += sorted(corpus_dev.glob("*.md"))
    for p in sources:
        out.append((p.name, frame.replace("{body}", md.render(p.read_text(encoding="utf-8")))))
    return out


def same_input(html: str) -> str:
    """The page as every library gets it: ``<time>`` elements replaced by their text, as
    ``aidecl_data.parse.formats.html`` does before extraction (trafilatura drops them)."""
    from aidecl_data.parse.formats.html import _tree, _unwrap_times

    tree = _tree(html.encode())
    _unwrap_times(tree)
    return lxml.html.tostring(tree, encoding="unicode")


def blocks(html: str) -> tuple[list[tuple[str, str]], list[str]]:
    tree = lxml.html.document_fromstring(html)
    content = []
    for el in tree.xpath(
        "//article//*[self::p or self::li or self::h1 or self::h2 or self::h3 or self::h4]"
    ):
        if el.xpath("ancestor::*[contains(@class, 'share')]") or el.xpath(".//li|.//p"):
            continue
        text = norm(el.text_content())
        if len(text.split()) >= 3:
            kind = "heading" if el.tag.startswith("h") else "item" if el.tag == "li" else "para"
            content.append((kind, text))
    furniture = []
    for el in tree.xpath(
        "//nav|//footer|//aside|//*[contains(@class, 'cookie')]|//*[contains(@class, 'share')]"
    ):
        text = norm(el.text_content())
        if len(text.split()) >= 2:
            furniture.append(text)
    return content, furniture


def run_trafilatura(html: str) -> tuple[str, list[str], list[str]]:
    import trafilatura

    out = (
        trafilatura.extract(
            html,
            output_format="markdown",
            include_formatting=True,
            include_links=False,
            deduplicate=False,
        )
        or ""
    )
    out = re.sub(r"</?sup>", "", out)  # markers stay markers: "<sup>1</sup>" is "1"
    heads = [norm(m) for m in re.findall(r"^#{1,6} (.*)$", out, re.M)]
    items = [norm(m) for m in re.findall(r"^\s*(?:[-*+]|\d+[.)]) (.*)$", out, re.M)]
    return out, heads, items


def run_readability(html: str) -> tuple[str, list[str], list[str]]:
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    tree = lxml.html.fragment_fromstring(summary, create_parent="div")
    heads = [norm(e.text_content()) for e in tree.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    items = [norm(e.text_content()) for e in tree.xpath("//li")]
    return tree.text_content(), heads, items


def run_justext(html: str) -> tuple[str, list[str], list[str]]:
    import justext

    lang = "French" if 'lang="fr"' in html else "English"
    paras = [
        p
        for p in justext.justext(html.encode(), justext.get_stoplist(lang))
        if not p.is_boilerplate
    ]
    heads = [norm(p.text) for p in paras if p.is_heading]
    return "\n\n".join(p.text for p in paras), heads, []


LIBRARIES = {
    "trafilatura": (run_trafilatura, "trafilatura"),
    "readability-lxml": (run_readability, "readability-lxml"),
    "justext": (run_justext, "justext"),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared" / "corpus-dev" / "fr"
    ap.add_argument("--corpus-dev", type=Path, default=default if default.exists() else None)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    test_pages = [(n, same_input(h)) for n, h in pages(args.corpus_dev)]
    results = {}
    for name, (fn, dist) in LIBRARIES.items():
        kept = total = leaked = furn = struct_ok = struct_total = 0
        secs = 0.0
        for _, html in test_pages:
            content, furniture = blocks(html)
            t0 = time.perf_counter()
            out, heads, items = fn(html)
            secs += time.perf_counter() - t0
            text = norm(out)
            total += len(content)
            kept += sum(1 for _, c in content if c in text)
            furn += len(furniture)
            leaked += sum(1 for f in furniture if f in text)
            for kind, c in content:
                if kind == "heading":
                    struct_total += 1
                    struct_ok += any(c == h for h in heads)
                elif kind == "item":
                    struct_total += 1
                    struct_ok += any(c == i or c in i for i in items)
        meta = importlib.metadata.metadata(dist)
        results[name] = {
            "version": importlib.metadata.version(dist),
            "licence": meta.get("License-Expression") or meta.get("License") or "",
            "pages": len(test_pages),
            "content_kept": round(kept / total, 4) if total else None,
            "furniture_leaked": round(leaked / furn, 4) if furn else None,
            "structure_kept": round(struct_ok / struct_total, 4) if struct_total else None,
            "pages_per_s": round(len(test_pages) / secs, 1),
        }
    print(f"{len(test_pages)} pages\n")
    print(
        "| library | version | licence | content kept | furniture leaked | structure kept "
        "| pages/s |"
    )
    print("|---|---|---|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['version']} | {r['licence'][:30]} | {r['content_kept']} | "
            f"{r['furniture_leaked']} | {r['structure_kept']} | {r['pages_per_s']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
