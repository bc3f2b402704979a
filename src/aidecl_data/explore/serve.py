"""``aidecl serve``: the package in Datasette on 127.0.0.1, with the explorer's pages.

``make_datasette(package_dir)`` brings the SQLite copy up to date (``sqlite_export``),
builds the metadata (``datasette_metadata``) and returns a Datasette instance with the
plugin (``plugin``: reader, documents, overview) and the templates of this folder;
``serve`` runs it with uvicorn. The database is opened immutable (read-only, no locking):
the explorer never writes to the package. ``--package`` also takes a release archive or
release folder, unpacked once into a cache folder.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from aidecl_data.explore.datasette_metadata import build_metadata
from aidecl_data.explore.sqlite_export import ExportError, ensure_sqlite

HERE = Path(__file__).parent
PLUGIN_NAME = "aidecl_explorer"
SETTINGS = {
    "default_page_size": 50,
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 1000,
    "truncate_cells_html": 300,
    "allow_download": False,  # the package's files are the download, not this copy
}


class ServeError(RuntimeError):
    pass


def unpack_release(path: Path) -> Path:
    """A package folder for ``path``: itself, or a release archive unpacked into a cache."""
    if path.is_dir() and (path / "aidecl.duckdb").is_file():
        return path
    archives = [path] if path.suffix == ".zip" else sorted(path.glob("*.zip"))
    if not archives or not archives[0].is_file():
        raise ServeError(f"{path}: not a package folder, release folder or release archive")
    archive = archives[0]
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"aidecl-release-{digest}"
    if not target.is_dir():
        # Unpacked beside the cache entry, then renamed into place: an interrupted unpack
        # or a second server starting at once never leaves or serves a partial release.
        partial = Path(tempfile.mkdtemp(prefix=f"{target.name}.", dir=target.parent))
        try:
            with zipfile.ZipFile(archive) as z:
                z.extractall(partial)
            os.replace(partial, target)
        except OSError:
            if not target.is_dir():
                raise
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    found = [p.parent for p in target.glob("*/aidecl.duckdb")]
    if not found:
        raise ServeError(f"{archive}: the archive holds no aidecl.duckdb")
    return found[0]


def _register_plugin() -> None:
    from datasette.plugins import pm

    from aidecl_data.explore import plugin

    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(plugin, name=PLUGIN_NAME)


def make_datasette(package_dir: str | Path):
    from datasette.app import Datasette

    package_dir = unpack_release(Path(package_dir))
    try:
        db_path = ensure_sqlite(package_dir)
    except ExportError as exc:
        raise ServeError(str(exc)) from None
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        metadata = build_metadata(con)
    finally:
        con.close()
    _register_plugin()
    return Datasette(
        immutables=[str(db_path)],
        metadata=metadata,
        template_dir=str(HERE / "templates"),
        settings=SETTINGS,
    )


def serve(package_dir: Path, port: int = 8001, host: str = "127.0.0.1") -> None:
    import uvicorn

    ds = make_datasette(package_dir)
    asyncio.run(ds.invoke_startup())
    print(f"aidecl explorer on http://{host}:{port}/ (Ctrl-C stops it)", flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
