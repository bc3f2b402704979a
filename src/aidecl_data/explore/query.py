"""Read-only SQL over a published package, printed as a table, CSV or JSON.

The package's ``aidecl.duckdb`` is opened with ``read_only=True`` (DuckDB rejects every
statement that would change it) and with external access disabled and the configuration
locked, so a query can neither write a file (``COPY ... TO``), attach another database,
load an extension, nor switch those settings back on. A package without the database
(e.g. only its Parquet files) is loaded into a temporary database first, then opened the
same way.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import decimal
import io
import json
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMATS = ("table", "csv", "json")
MAX_CELL = 80  # characters of a cell shown by the "table" format

_LOCKDOWN = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}


@dataclass(frozen=True)
class QueryLimits:
    """What one query may use. Defaults fit a laptop and any question of the README."""

    memory: str = "2GB"  # DuckDB memory_limit
    seconds: float = 60.0
    max_rows: int = 1_000_000


class QueryError(Exception):
    """A query that cannot run; the message is one line, fit for a terminal."""


class QueryInterrupted(QueryError):
    """The user stopped the query (SIGINT), before its time limit."""


def check_limits(limits: QueryLimits) -> None:
    """Refuse limits that cannot be meant, naming the option: a zero or negative time
    stops every query at once, a negative row count reads "more than -1 rows", and a
    memory size DuckDB cannot read was reported as an error of the database file."""
    import duckdb

    if not limits.seconds > 0:
        raise QueryError(f"--timeout {limits.seconds:g}: give a number of seconds above 0")
    if limits.max_rows < 0:
        raise QueryError(f"--max-rows {limits.max_rows}: give a number of rows, 0 or more")
    try:
        duckdb.connect(config={"memory_limit": limits.memory}).close()
    except duckdb.Error as exc:
        raise QueryError(f"--memory-limit {limits.memory}: {_one_line(exc)}") from None


_READ_ONLY = re.compile(r'statement of type "(\w+)".*read-only', re.I)


def _refusal(exc: BaseException) -> str:
    """DuckDB's error as one line; a write says plainly that the package is read-only."""
    message = _one_line(exc)
    m = _READ_ONLY.search(message)
    if m:
        return f"refused: aidecl query is read-only, a {m.group(1).upper()} statement cannot run"
    return message


def _one_line(exc: BaseException) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__


def connect(package_dir: str | Path, limits: QueryLimits = QueryLimits()):
    """A read-only DuckDB connection to the package's tables and views."""
    import duckdb

    package_dir = Path(package_dir)
    db = package_dir / "aidecl.duckdb"
    config = {"memory_limit": limits.memory, "max_temp_directory_size": "0KiB", **_LOCKDOWN}
    try:
        if db.is_file():
            return duckdb.connect(str(db), read_only=True, config=config)
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db}: {_one_line(exc)}") from None
    raise QueryError(f"no data package at {package_dir} (no aidecl.duckdb)")


@contextlib.contextmanager
def _open(package_dir: Path, limits: QueryLimits) -> Iterator:
    """The package's database, or one built from its Parquet files in a temporary folder
    (a package copied without ``aidecl.duckdb``), opened the same read-only way."""
    if (package_dir / "aidecl.duckdb").is_file():
        con = connect(package_dir, limits)
        try:
            yield con
        finally:
            con.close()
        return
    from aidecl_data.publish.checks.package import read_package_tables
    from aidecl_data.publish.database import write_duckdb
    from aidecl_data.publish.schema import TABLES, resource_path

    try:
        tables = read_package_tables(package_dir)  # one file or parts per table
    except Exception as exc:  # a Parquet file cut short or not Parquet: pyarrow's errors
        raise QueryError(
            f"cannot read the Parquet files of {package_dir}: {_one_line(exc)}"
        ) from None
    missing = [resource_path(t.name, "parquet") for t in TABLES if t.name not in tables]
    if missing:
        raise QueryError(f"no data package at {package_dir} (missing {missing[0]})")
    with tempfile.TemporaryDirectory(prefix="aidecl-query-") as tmp:
        try:
            write_duckdb(tables, Path(tmp) / "aidecl.duckdb")
        except Exception as exc:
            msg = f"cannot load the Parquet files of {package_dir}: {_one_line(exc)}"
            raise QueryError(msg) from None
        con = connect(Path(tmp), limits)
        try:
            yield con
        finally:
            con.close()


def _json_value(v: Any) -> Any:
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, dt.timedelta):
        return v.total_seconds()
    return v


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    v = _json_value(v)
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


def format_rows(columns: list[str], rows: list[tuple], fmt: str = "table") -> str:
    """Render a result as ``table`` (aligned text), ``csv`` (with header) or ``json``."""
    if fmt == "json":
        names = _unique_names(columns)
        records = [{n: _json_value(v) for n, v in zip(names, row, strict=True)} for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_text(v) for v in row] for row in rows)
        return buf.getvalue().rstrip("\n")
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [display_width(c) for c in columns]
    for row in cells:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        bool(rows)
        and all(isinstance(r[i], int | float | decimal.Decimal) or r[i] is None for r in rows)
        for i in range(len(columns))
    ]

    def line(values: list[str]) -> str:
        parts = [_pad(v, w, right=num) for v, w, num in zip(values, widths, numeric, strict=True)]
        return " | ".join(parts).rstrip()

    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide letters and emoji two, combining
    marks none (``len`` counted "日本語" as 3 and pushed the rule out of line)."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def _cell(v: Any) -> str:
    text = "NULL" if v is None else _text(v)
    text = " ".join(text.split()) if ("\n" in text or "\r" in text or "\t" in text) else text
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _run_stoppable(con, sql: str, limits: QueryLimits) -> tuple[list[str] | None, list[tuple]]:
    """(columns, rows) of ``sql``, run in a thread while this one waits for it: a wait that
    SIGINT interrupts, where DuckDB's own call would not see Ctrl-C (it was ignored until
    the time limit). Ctrl-C and the time limit both interrupt the query, each with its own
    error; DuckDB's errors are raised as they are."""
    import duckdb

    done: dict[str, Any] = {}
    # An Event, not Thread.join: a join interrupted by KeyboardInterrupt may return at
    # once the next time, with the query still running (CPython 3.11).
    finished = threading.Event()

    def work() -> None:
        try:
            cur = con.execute(sql)
            if cur.description is None:
                done["result"] = (None, [])
            else:
                columns = [d[0] for d in cur.description]
                done["result"] = (columns, cur.fetchmany(limits.max_rows + 1))
        except BaseException as exc:  # handed to the waiting thread
            done["error"] = exc
        finally:
            finished.set()

    threading.Thread(target=work, name="aidecl-query", daemon=True).start()
    try:
        in_time = finished.wait(limits.seconds)
    except KeyboardInterrupt:
        con.interrupt()
        finished.wait()
        raise QueryInterrupted("query interrupted (Ctrl-C)") from None
    if not in_time:
        con.interrupt()
        finished.wait()
        if "result" not in done:
            raise QueryError(
                f"query stopped after {limits.seconds:g} s (time limit; --timeout raises it)"
            )
    error = done.get("error")
    if isinstance(error, duckdb.InterruptException):  # interrupted from elsewhere
        raise QueryInterrupted("query interrupted") from None
    if error is not None:
        raise error
    return done["result"]


def run_query(
    package_dir: str | Path, sql: str, fmt: str = "table", limits: QueryLimits = QueryLimits()
) -> str:
    """Run ``sql`` read-only over the package and return the rendered result.

    Raises ``QueryError`` (one-line message) for bad SQL, a write attempt, a missing
    package, an unknown format, or a query over its limits (``QueryLimits``).
    """
    import duckdb

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not sql or not sql.strip():
        raise QueryError("empty query")
    check_limits(limits)
    package_dir = Path(package_dir)
    if not package_dir.is_dir():
        raise QueryError(f"no data package at {package_dir}")
    with _open(package_dir, limits) as con:
        try:
            statements = len(con.extract_statements(sql))
        except duckdb.Error as exc:
            raise QueryError(_one_line(exc)) from None
        if statements > 1:  # DuckDB runs them all and returns the last result only
            raise QueryError(f"one statement at a time: the query holds {statements} statements")
        try:
            columns, rows = _run_stoppable(con, sql, limits)
        except duckdb.OutOfMemoryException:
            raise QueryError(
                f"query stopped: it needs more than {limits.memory} of memory "
                "(memory limit; --memory-limit raises it)"
            ) from None
        except duckdb.Error as exc:
            raise QueryError(_refusal(exc)) from None
        if columns is None:
            return format_rows([], [], fmt)
    if len(rows) > limits.max_rows:
        raise QueryError(
            f"the result has more than {limits.max_rows:,} rows: add a LIMIT, aggregate, "
            "or raise --max-rows"
        )
    return format_rows(columns, rows, fmt)
