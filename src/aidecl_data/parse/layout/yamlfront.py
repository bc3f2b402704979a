"""YAML front matter of static-site Markdown (Jekyll, Hugo, Pandoc): metadata, never text.

A page published by a static site starts with a YAML block between two ``---`` lines::

    ---
    date: '2023-05-20'
    source_url: https://...
    title: "Quad Leaders\\u2019 Joint\\_Statement"
    ---

A person reads it as the page's card, not as its first paragraph. So the block is read
with a real YAML parser (a double-quoted title decodes ``\\_`` to a no-break space,
``\\u2019`` to "’", and a trailing ``\\`` continues the line; a regex would get all three
wrong) and its lines are hidden from the layout readers. What it gives:

- ``title``: the ``title`` key, white space (no-break spaces too) collapsed to one space;
- ``date``: the first of ``date``, ``published_time``, ``published``, ``pubDate``,
  ``created`` that holds a calendar date (a YAML date, or a string starting
  ``YYYY-MM-DD``, any time and offset after it ignored: the page's own calendar day);
- ``source_url``: the first absolute ``http(s)`` address among ``source_url``,
  ``canonical_url``, ``url``, ``link``, ``permalink``;
- ``tags``: ``tags``, ``categories`` and ``category`` (a list or one string).

A block that is not valid YAML, or whose YAML is not a mapping, is read leniently
(``key: value`` lines) when most of its lines have that shape, so a broken quote does not
turn the block into clauses; otherwise the text has no front matter (a ``---`` rule that
opens a plain text stays a rule).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from aidecl_data.parse.layout.lines import Line

try:  # libyaml when it is there: the same results, faster
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

# The opening line, then the block up to the first closing "---" or "..." line. At most
# 64 KB: a front matter is a card, not a document.
_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\n(.{0,65536}?\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")
_WS = re.compile(r"\s+")
DATE_KEYS = ("date", "published_time", "published", "pubDate", "created")
URL_KEYS = ("source_url", "canonical_url", "url", "link", "permalink")
TAG_KEYS = ("tags", "categories", "category")


@dataclass(frozen=True)
class FrontMatter:
    """What the block says, and where the body starts (``end``, an offset of the text)."""

    end: int
    title: str = ""
    date: str = ""  # ISO day, or ""
    source_url: str = ""
    tags: tuple[str, ...] = ()


def read_front_matter(text: str) -> FrontMatter | None:
    """The front matter opening ``text``, or None when the text has none."""
    if not text.startswith(("---", "\ufeff---")):
        return None
    m = _BLOCK.match(text)
    if m is None:
        return None
    body = m.group(1) or ""
    data = _load(body)
    if data is None:
        return None
    return FrontMatter(
        end=m.end(),
        title=_title(data.get("title")),
        date=_first_date(data),
        source_url=_first_url(data),
        tags=_tags(data),
    )


def _load(body: str) -> dict | None:
    try:
        data = yaml.load(body, Loader=_Loader)
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict):
        return {str(k): v for k, v in data.items()}
    if data is None and not body.strip():
        return {}
    return _lenient(body)


def _lenient(body: str) -> dict | None:
    """``key: value`` lines of a block YAML could not read (indented lines continue the
    value); None when fewer than half of the unindented lines have that shape."""
    lines = [ln for ln in body.split("\n") if ln.strip()]
    top = [ln for ln in lines if not ln[:1].isspace() and not ln.startswith("- ")]
    if not top or sum(bool(_KEY_LINE.match(ln)) for ln in top) * 2 < len(top):
        return None
    out: dict[str, str] = {}
    key = ""
    for ln in lines:
        km = _KEY_LINE.match(ln)
        if km and not ln[:1].isspace():
            key, value = ln.split(":", 1)
            key = key.strip()
            out[key] = value.strip().strip("'\"")
        elif key:
            out[key] = (out[key] + " " + ln.strip().strip("'\"")).strip()
    return out


def _clean(value: object) -> str:
    return _WS.sub(" ", str(value)).strip() if value is not None else ""


def _title(value: object) -> str:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return _clean(value)


def _as_day(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        m = _ISO_DAY.match(value)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                return ""
    return ""


def _first_date(data: dict) -> str:
    for key in DATE_KEYS:
        day = _as_day(data.get(key))
        if day:
            return day
    return ""


def _first_url(data: dict) -> str:
    for key in URL_KEYS:
        value = _clean(data.get(key))
        if value.startswith(("http://", "https://")) and " " not in value:
            return value
    return ""


def _tags(data: dict) -> tuple[str, ...]:
    out: list[str] = []
    for key in TAG_KEYS:
        value = data.get(key)
        values = value if isinstance(value, list) else [value] if value else []
        for v in values:
            t = _clean(v)
            if t and t not in out:
                out.append(t)
    return tuple(out)


def hide_front_matter(lines: list[Line], end: int) -> list[Line]:
    """``lines`` with every line of the block (up to offset ``end``) made blank, so no
    reader turns the metadata into text; offsets and indices are kept."""
    return [
        Line(ln.index, ln.start, ln.end, "", 0, False) if ln.start < end else ln for ln in lines
    ]


__all__ = ["FrontMatter", "hide_front_matter", "read_front_matter"]
