"""The Datasette plugin of the explorer: reader, documents list and overview pages, links.

Registered by ``serve`` on its own Datasette instance. It adds three pages and turns
``document_id`` and ``clause_id`` cells everywhere into links to the reader, so a search
result leads to the sentence in its document in one click.
"""

from __future__ import annotations

from html import escape
from typing import Any

from datasette import hookimpl
from datasette.utils import path_from_row_pks
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from aidecl_data.explore.datasette_metadata import DATABASE
from aidecl_data.explore.reader import anchor, read_document
from aidecl_data.explore.sqlite_export import META_TABLE

STATIC = "aidecl-static"


def reader_url(document_id: str, clause_id: str | None = None) -> str:
    from urllib.parse import quote

    url = f"/-/reader/{quote(document_id, safe='')}"
    return url + (f"#{anchor(clause_id)}" if clause_id else "")


async def _meta(datasette) -> dict[str, str]:
    db = datasette.get_database(DATABASE)
    rows = await db.execute(f"SELECT key, value FROM {META_TABLE}")
    return {r[0]: r[1] for r in rows.rows}


async def _row_url_factory(datasette):
    db = datasette.get_database(DATABASE)
    pks = {t: await db.primary_keys(t) for t in await db.table_names()}

    def row_url(table: str, row: dict[str, Any]) -> str:
        keys = pks.get(table) or []
        path = path_from_row_pks(row, keys, not keys)
        return datasette.urls.row(DATABASE, table, path)

    return row_url


async def reader_page(datasette, request):
    document_id = request.url_vars["document_id"]
    db = datasette.get_database(DATABASE)
    row_url = await _row_url_factory(datasette)
    page = await db.execute_fn(lambda con: read_document(con, document_id, row_url))
    if page is None:
        raise NotFound(f"No document {document_id!r}")
    ids = [
        r[0]
        for r in (
            await db.execute("SELECT document_id FROM documents ORDER BY date, document_id")
        ).rows
    ]
    i = ids.index(document_id)
    context = {
        **page,
        "meta": await _meta(datasette),
        "previous": ids[i - 1] if i > 0 else None,
        "next": ids[i + 1] if i + 1 < len(ids) else None,
        "reader_url": reader_url,
        "database": DATABASE,
        "page_url": request.url,
    }
    html = await datasette.render_template("aidecl_reader.html", context, request=request)
    return Response.html(html)


async def documents_page(datasette, request):
    db = datasette.get_database(DATABASE)
    cols = {r[1] for r in (await db.execute("PRAGMA table_info(documents)")).rows}
    extra = ", d.source_url" if "source_url" in cols else ""
    rows = await db.execute(
        "SELECT d.document_id, d.title, d.date, d.language, d.document_type, d.place"
        f"{extra}, (SELECT count(*) FROM clauses c WHERE c.document_id = d.document_id) "
        "AS clauses, (SELECT group_concat(iso3, ', ') FROM (SELECT DISTINCT s.iso3 "
        "FROM signatories s WHERE s.document_id = d.document_id AND s.iso3 IS NOT NULL "
        "ORDER BY s.iso3)) AS countries FROM documents d ORDER BY d.date DESC, d.document_id"
    )
    context = {
        "documents": [dict(r) for r in rows.rows],
        "meta": await _meta(datasette),
        "reader_url": reader_url,
        "database": DATABASE,
    }
    html = await datasette.render_template("aidecl_documents.html", context, request=request)
    return Response.html(html)


async def overview_page(datasette, request):
    from aidecl_data.explore.overview import build_charts, figures

    meta = await _meta(datasette)
    cache = datasette.__dict__.setdefault("_aidecl_charts", {})
    key = meta.get("source", "")
    if key not in cache:
        db = datasette.get_database(DATABASE)
        cache[key] = await db.execute_fn(lambda con: (figures(con), build_charts(con)))
    numbers, charts = cache[key]
    context = {"figures": numbers, "charts": charts, "meta": meta, "database": DATABASE}
    html = await datasette.render_template("aidecl_overview.html", context, request=request)
    return Response.html(html)


async def css_page(datasette, request):
    from importlib.resources import files

    css = (files("aidecl_data.explore") / "static" / "aidecl.css").read_text(encoding="utf-8")
    return Response(css, content_type="text/css; charset=utf-8")


@hookimpl
def register_routes():
    return [
        (r"^/-/reader/(?P<document_id>[^/]+)$", reader_page),
        (r"^/-/documents$", documents_page),
        (r"^/-/overview$", overview_page),
        (r"^/-/aidecl\.css$", css_page),
    ]


@hookimpl
def extra_css_urls():
    return ["/-/aidecl.css"]


@hookimpl
def extra_template_vars(datasette):
    async def inner():
        try:
            return {"aidecl_meta": await _meta(datasette)}
        except Exception:  # a database without the explorer's tables
            return {"aidecl_meta": {}}

    return inner


@hookimpl
def render_cell(row, value, column, table, database):
    """``document_id`` and ``clause_id`` cells link to the reader (document, sentence)."""
    if database != DATABASE or not isinstance(value, str) or not value:
        return None
    if column == "document_id":
        return Markup(
            f'<a href="{escape(reader_url(value))}" title="Read this document">{escape(value)}</a>'
        )
    if column in ("clause_id", "parent_clause_id") and "/" in value:
        doc = value.split("/", 1)[0]
        return Markup(
            f'<a href="{escape(reader_url(doc, value))}" title="Read this clause in its '
            f'document">{escape(value)}</a>'
        )
    if column == "document_title" and "document_id" in row.keys():  # noqa: SIM118 (sqlite3.Row)
        return Markup(f'<a href="{escape(reader_url(row["document_id"]))}">{escape(value)}</a>')
    return None
