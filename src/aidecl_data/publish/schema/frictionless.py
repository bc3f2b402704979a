"""The Frictionless descriptor (Data Package v1, tabular) generated from the schema.

Each table is published twice, as ``data/<table>.csv`` (resource ``<table>``) and as
``data/<table>.parquet`` (resource ``<table>_parquet``); both resources carry the same Table
Schema, and the foreign keys of each format point at the resources of the same format, so
``frictionless validate datapackage.json`` checks every file, its bytes, its sha256, its
primary key and its foreign keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aidecl_data import __version__
from aidecl_data.publish.schema.fields import Field
from aidecl_data.publish.schema.tables import TABLES, Table

PACKAGE_NAME = "aidecl-data"
PACKAGE_TITLE = "aidecl-data: diplomatic texts on artificial intelligence, as tables"
PACKAGE_DESCRIPTION = (
    "Declarations, joint statements and roadmaps on artificial intelligence and digital "
    "cooperation, parsed into normalized tables: documents, sections, clauses, footnotes, "
    "signatories (with ISO 3166-1 alpha-3 codes), named initiatives and their mentions, and "
    "date expressions, each with its character span in the source text."
)
LICENSES = [
    {
        "name": "ODC-BY-1.0",
        "path": "https://opendatacommons.org/licenses/by/1-0/",
        "title": "Open Data Commons Attribution License v1.0",
    }
]
LICENSE_NOTE = (
    "The structure, identifiers and annotations of this package (the package's own work) "
    "are released under the Open Data Commons Attribution License v1.0. The texts quoted "
    "in it (clauses, notes, headings, titles) remain the work of their publishers, listed "
    "in `sources`, and are reproduced for research under their own terms."
)
KEYWORDS = ["artificial intelligence", "diplomacy", "declarations", "treaties", "open data"]

# Resource name and file of a table in each published format.
FORMATS: dict[str, dict[str, str]] = {
    "csv": {"suffix": "", "mediatype": "text/csv"},
    "parquet": {"suffix": "_parquet", "mediatype": "application/vnd.apache.parquet"},
}


# How ``aidecl_data.publish.csvio`` writes CSV (Table Dialect v1).
CSV_DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}


def resource_name(table: str, fmt: str = "csv") -> str:
    return table + FORMATS[fmt]["suffix"]


def resource_path(table: str, fmt: str = "csv") -> str:
    return f"data/{table}.{fmt}"


def field_descriptor(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
    if f.type == "date":
        out["format"] = "default"
    constraints: dict[str, Any] = {}
    if f.required:
        constraints["required"] = True
    if f.enum is not None:
        constraints["enum"] = list(f.enum)
    if f.pattern is not None:
        constraints["pattern"] = f.pattern
    if f.minimum is not None:
        constraints["minimum"] = f.minimum
    if constraints:
        out["constraints"] = constraints
    if f.example is not None:
        out["example"] = f.example
    return out


def table_schema(table: Table, fmt: str = "csv", *, foreign_keys: bool = True) -> dict[str, Any]:
    """The Frictionless Table Schema of ``table``; foreign keys point at ``fmt`` resources."""
    schema: dict[str, Any] = {
        "fields": [field_descriptor(f) for f in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if foreign_keys and table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {
                    # "" is Table Schema's self-reference.
                    "resource": "" if fk.parent == table.name else resource_name(fk.parent, fmt),
                    "fields": list(fk.parent_fields),
                },
            }
            for fk in table.foreign_keys
        ]
    return schema


def resource_descriptor(
    table: Table, fmt: str, stats: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    path = resource_path(table.name, fmt)
    res: dict[str, Any] = {
        "name": resource_name(table.name, fmt),
        "title": table.title + (" (Parquet)" if fmt == "parquet" else ""),
        "description": table.description,
        "profile": "tabular-data-resource",
        "path": path,
        "format": fmt,
        "mediatype": FORMATS[fmt]["mediatype"],
    }
    if fmt == "csv":
        res["encoding"] = "utf-8"
        res["dialect"] = dict(CSV_DIALECT)
    if stats is not None and "parts" in stats:
        # Parquet in parts (``publish/parts.py``): the paths in table order, and each
        # part's size, hash and row count.
        res["path"] = [p["path"] for p in stats["parts"]]
        res["integrity"] = {
            "bytes": int(stats["bytes"]),
            "parts": [
                {"path": p["path"], "bytes": int(p["bytes"]), "hash": p["hash"], "rows": p["rows"]}
                for p in stats["parts"]
            ],
        }
    elif stats is not None:
        integrity = {"bytes": int(stats["bytes"]), "hash": f"sha256:{stats['sha256']}"}
        if fmt == "csv":
            res.update(integrity)
        else:
            # Frictionless reads Parquet without its byte stream, so it cannot verify (and
            # would reject) ``bytes``/``hash`` there: they go under ``integrity`` instead.
            res["integrity"] = integrity
    res["schema"] = table_schema(table, fmt)
    if fmt == "parquet" and any(f.type == "integer" and not f.required for f in table.columns):
        # Frictionless reads Parquet through pandas, which turns the NULL of an integer
        # column (``clauses.page_start`` outside PDFs) into NaN, read back as "nan".
        res["schema"]["missingValues"] = ["", "nan"]
    return res


def frictionless_descriptor(
    files: Mapping[str, Mapping[str, Any]] | None = None,
    sources: Sequence[Mapping[str, Any]] = (),
    version: str = __version__,
    formats: Sequence[str] = ("csv", "parquet"),
) -> dict[str, Any]:
    """The whole ``datapackage.json`` as a dict.

    ``files`` maps a resource path (``data/clauses.csv``) to ``{"bytes", "sha256"}``; when
    given, each resource carries ``bytes`` and ``hash``. A Parquet table written in parts
    maps its single-file path to ``{"bytes", "parts": [{"path", "bytes", "hash", "rows"}]}``.
    ``sources`` lists the documents (title, path, publisher, sha256). Nothing here depends
    on the clock, so the same inputs give the same descriptor.
    """
    files = files or {}
    resources = [
        resource_descriptor(t, fmt, files.get(resource_path(t.name, fmt)))
        for fmt in formats
        for t in TABLES
    ]
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "version": version,
        "keywords": KEYWORDS,
        "licenses": LICENSES,
        "licenseNote": LICENSE_NOTE,
        "sources": [dict(s) for s in sources],
        "resources": resources,
    }
