"""A web page's main content as Markdown, with its title and date from the metadata.

Why trafilatura (the comparison with readability-lxml and justext is in
``docs/formats.md``): on the test pages (ministry-like pages with menus, breadcrumb,
cookie banner, share buttons, related links and footer, and pages rendered from the
corpus' Markdown) it keeps all the declaration's text and drops all the furniture, and it
writes the content *as Markdown*: headings stay ``#`` headings, lists stay ``-`` and
``1.`` items, footnote markers stay ``<sup>n</sup>``. readability-lxml lost the
footnotes and justext lost the list structure (it returns flat paragraphs). Licence:
Apache-2.0; maintained.

The Markdown trafilatura writes is the text the parser reads (published as ``texts``):
the existing Markdown layout reads it, so a page and the Markdown it was rendered from
give the same clauses. Before extraction, ``<time>`` elements are replaced by their text
(trafilatura drops them, and with them "Publié le 16 mai 2024"), and scripts other than
JSON-LD are removed. Title and date are read from ``<title>``, ``og:title``,
``article:published_time``, ``<time datetime>`` and JSON-LD (``headline``, ``name``,
``datePublished``), and used only where the text gives none.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from aidecl_data.parse.formats.prepared import PreparedText, UnreadableFile
from aidecl_data.parse.text import normalize_source

MIN_WORDS = 25  # fewer words of main content than this: the page has no text to read
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def decode_html(raw: bytes) -> str:
    """The page's characters: by its byte-order mark, else its declared charset (``<meta
    charset>`` or ``http-equiv``), else UTF-8 when valid, else cp1252 (a browser's
    default for a page that declares nothing)."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace")
    m = _CHARSET.search(raw[:4096])
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii").lower(), errors="replace")
        except LookupError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _tree(raw: bytes):
    import lxml.html

    text = _XML_DECL.sub("", decode_html(raw), count=1)
    try:
        return lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises ParserError on a page without any element
        raise UnreadableFile(f"not an HTML page ({type(exc).__name__})") from None


def _json_ld(tree) -> list[dict]:
    out: list[dict] = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text_content() or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data])
        out.extend(x for x in items if isinstance(x, dict))
    return out


def _meta(tree, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            hits = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
            if hits and hits[0].strip():
                return hits[0].strip()
    return ""


def _day(value: str) -> str:
    m = _ISO_DAY.match(value.strip())
    if not m:
        return ""
    try:
        return dt.date.fromisoformat(m.group(1)).isoformat()
    except ValueError:
        return ""


def page_title(tree) -> str:
    """``og:title``, JSON-LD ``headline``/``name``, else ``<title>`` less the site name."""
    title = _meta(tree, "og:title", "twitter:title", "dc.title", "DC.title")
    if not title:
        title = next(
            (str(x.get("headline") or x.get("name")) for x in _json_ld(tree) if x.get("headline")),
            "",
        )
    if not title:
        node = tree.find(".//title")
        title = _without_site_name(node.text_content()) if node is not None else ""
    return " ".join(title.split())


def _without_site_name(title: str) -> str:
    """ "Déclaration commune | Ministère" -> "Déclaration commune": the text before the last
    " | ", " - ", " – " or " — " (found with ``rfind``, linear on any input)."""
    title = " ".join(title.split())
    cut = max(title.rfind(sep) for sep in (" | ", " - ", " – ", " — "))
    return title[:cut] if cut > 0 else title


def page_date(tree) -> str:
    """Publication day from ``article:published_time``, JSON-LD ``datePublished``, the
    first ``<time datetime>``, or Dublin Core ``date`` (ISO), else ""."""
    for value in (
        _meta(tree, "article:published_time", "og:published_time", "datePublished"),
        next((str(x["datePublished"]) for x in _json_ld(tree) if x.get("datePublished")), ""),
        next(iter(tree.xpath("//time/@datetime")), ""),
        _meta(tree, "dc.date", "DC.date", "date"),
    ):
        day = _day(value) if value else ""
        if day:
            return day
    return ""


def _unwrap_times(tree) -> None:
    for node in tree.xpath("//time"):
        text = node.text_content()
        parent = node.getparent()
        if parent is None:
            continue
        prev = node.getprevious()
        tail = (text or "") + (node.tail or "")
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(node)


def read_html(raw: bytes) -> tuple[str, PreparedText]:
    """(the Markdown text of the page's main content, its prepared view). Raises
    :class:`UnreadableFile` when the page has no main text."""
    import trafilatura

    tree = _tree(raw)
    title, date = page_title(tree), page_date(tree)
    for node in tree.xpath('//script[not(@type="application/ld+json")]|//style|//noscript'):
        node.drop_tree()
    _unwrap_times(tree)
    text = trafilatura.extract(
        tree,
        output_format="markdown",
        include_formatting=True,
        include_links=False,
        include_images=False,
        include_comments=False,
        deduplicate=False,
        with_metadata=False,
    )
    text = (text or "").strip()
    if len(text.split()) < MIN_WORDS:
        raise UnreadableFile(
            "no main text: the page holds only navigation, banners or a few words "
            f"({len(text.split())} words of content)"
        )
    text += "\n"
    return text, PreparedText(normalize_source(text), "markdown", "html", title=title, date=date)
