"""``aidecl serve``: the package in Datasette on 127.0.0.1, with the explorer's pages.

``make_datasette(package_dir)`` brings the SQLite copy up to date (``sqlite_export``),
builds the metadata (``datasette_metadata``) and returns a Datasette instance with the
plugin (``plugin``: reader, documents, overview) and the templates of this folder;
``serve`` runs it with uvicorn. The database is opened immutable (read-only, no locking):
the explorer never writes to the package. ``--package`` also takes a release archive or
release folder, unpacked once into the user's cache folder (``sqlite_export.cache_dir``).
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import shutil
import socket
import sqlite3
import tempfile
import zipfile
import zlib
from pathlib import Path

from aidecl_data.atomic import move_dir_into_place
from aidecl_data.explore.datasette_metadata import build_metadata
from aidecl_data.explore.sqlite_export import ExportError, cache_dir, ensure_sqlite

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
    target = cache_dir() / "releases" / f"aidecl-release-{digest}"
    if not target.is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Unpacked beside the cache entry, then renamed into place: an interrupted unpack
        # or a second server starting at once never leaves or serves a partial release.
        partial = Path(tempfile.mkdtemp(prefix=f"{target.name}.", dir=target.parent))
        try:
            with zipfile.ZipFile(archive) as z:
                z.extractall(partial)
            move_dir_into_place(partial, target)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:  # cut short, CRC
            raise ServeError(f"{archive}: not a readable release archive ({exc})") from None
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    found = [p.parent for p in target.glob("*/aidecl.duckdb")]
    if not found:
        shutil.rmtree(target, ignore_errors=True)  # not a release: nothing to keep
        raise ServeError(f"{archive}: the archive holds no aidecl.duckdb")
    return found[0]


def drop_unpacked(package_dir: Path, given: Path) -> None:
    """Remove the unpacked copy of a release archive that could not be served (the cache
    is for releases that open; a broken one would otherwise stay in the temp folder)."""
    if package_dir != given and package_dir.parent.name.startswith("aidecl-release-"):
        shutil.rmtree(package_dir.parent, ignore_errors=True)


def _register_plugin() -> None:
    from datasette.plugins import pm

    from aidecl_data.explore import plugin

    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(plugin, name=PLUGIN_NAME)


def make_datasette(package_dir: str | Path):
    from datasette.app import Datasette

    given = Path(package_dir)
    package_dir = unpack_release(given)
    try:
        db_path = ensure_sqlite(package_dir)
    except ExportError as exc:
        drop_unpacked(package_dir, given)
        message = str(exc) if package_dir == given else f"{given}: {exc}"
        raise ServeError(message) from None
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


class PortError(ServeError):
    """The port cannot be listened on: out of range, in use, not permitted."""


def check_port(port: int) -> None:
    """A port out of range was taken modulo 65536 (70000 served on 4464, 0 on any port)."""
    if not 1 <= port <= 65535:
        raise PortError(f"port {port}: out of range, give a port from 1 to 65535")


def listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound before anything is printed: a port in use was found by
    uvicorn after the banner had said the explorer was there."""
    check_port(port)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        why = "in use (another server?)" if exc.errno == errno.EADDRINUSE else exc.strerror
        raise PortError(f"port {port} on {host}: {why}; choose another with --port") from None
    return sock


def serve(package_dir: Path, port: int = 8001, host: str = "127.0.0.1") -> None:
    import uvicorn

    check_port(port)  # before the package is read: its copy may take a while
    ds = make_datasette(package_dir)
    asyncio.run(ds.invoke_startup())
    sock = listen(host, port)
    print(f"aidecl explorer on http://{host}:{port}/ (Ctrl-C stops it)", flush=True)
    server = uvicorn.Server(uvicorn.Config(ds.app(), log_level="warning"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # Ctrl-C: uvicorn has shut down and raises it again
        pass
    finally:
        sock.close()
