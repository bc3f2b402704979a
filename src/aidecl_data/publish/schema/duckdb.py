"""DuckDB DDL generated from the schema: typed tables, keys, enum checks and comments.

Self-referencing foreign keys (a clause's parent clause, a section's parent section) are
left out of the DDL: DuckDB checks them row by row during the insert, so they would depend
on row order; the package checks verify them instead.
"""

from __future__ import annotations

from aidecl_data.publish.schema.tables import TABLES, Table

DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "boolean": "BOOLEAN", "date": "DATE"}


def sql_string(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def create_table_sql(table: Table) -> str:
    lines = []
    for f in table.columns:
        col = f"    {f.name} {DUCKDB_TYPES[f.type]}"
        if f.required:
            col += " NOT NULL"
        checks = []
        if f.enum is not None:
            checks.append(f"{f.name} IN ({', '.join(sql_string(v) for v in f.enum)})")
        if f.minimum is not None:
            checks.append(f"{f.name} >= {int(f.minimum)}")
        if checks:
            col += f" CHECK ({' AND '.join(checks)})"
        lines.append(col)
    lines.append(f"    PRIMARY KEY ({', '.join(table.primary_key)})")
    for fk in table.foreign_keys:
        if fk.parent == table.name:
            continue
        lines.append(
            f"    FOREIGN KEY ({', '.join(fk.fields)}) "
            f"REFERENCES {fk.parent} ({', '.join(fk.parent_fields)})"
        )
    return f"CREATE TABLE {table.name} (\n" + ",\n".join(lines) + "\n);"


def comments_sql(table: Table) -> list[str]:
    out = [f"COMMENT ON TABLE {table.name} IS {sql_string(table.description)};"]
    out += [
        f"COMMENT ON COLUMN {table.name}.{f.name} IS {sql_string(f.description)};"
        for f in table.columns
    ]
    return out


def duckdb_ddl() -> str:
    """Every CREATE TABLE and COMMENT ON statement, in dependency order."""
    parts = []
    for t in TABLES:
        parts.append(create_table_sql(t))
        parts.extend(comments_sql(t))
    return "\n".join(parts) + "\n"
