"""The schema of the published package, written once; everything else is generated.

``fields.py`` describes every column, ``tables.py`` lists each table's columns and keys,
``views.py`` the DuckDB views. The generators derive from them the Frictionless descriptor,
the pyarrow schemas, the DuckDB DDL and the Markdown data dictionary.
"""

from __future__ import annotations

from aidecl_data.publish.schema.arrow import ARROW_TYPES, arrow_schema
from aidecl_data.publish.schema.duckdb import duckdb_ddl
from aidecl_data.publish.schema.fields import FIELDS, FIELDS_BY_TABLE, Field, field_for
from aidecl_data.publish.schema.frictionless import (
    PACKAGE_NAME,
    frictionless_descriptor,
    resource_name,
    resource_path,
    table_schema,
)
from aidecl_data.publish.schema.markdown import data_dictionary_markdown
from aidecl_data.publish.schema.tables import (
    IN_DOCUMENT,
    TABLES,
    TABLES_BY_NAME,
    ForeignKey,
    SpanWithin,
    Table,
    get_table,
)
from aidecl_data.publish.schema.views import CORE_VIEWS, View, all_views, create_views_sql

__all__ = [
    "ARROW_TYPES",
    "CORE_VIEWS",
    "FIELDS",
    "FIELDS_BY_TABLE",
    "IN_DOCUMENT",
    "PACKAGE_NAME",
    "TABLES",
    "TABLES_BY_NAME",
    "Field",
    "ForeignKey",
    "SpanWithin",
    "Table",
    "View",
    "all_views",
    "arrow_schema",
    "create_views_sql",
    "data_dictionary_markdown",
    "duckdb_ddl",
    "field_for",
    "frictionless_descriptor",
    "get_table",
    "resource_name",
    "resource_path",
    "table_schema",
]
