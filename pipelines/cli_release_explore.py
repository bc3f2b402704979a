"""The ``release``, ``diff`` and ``serve`` subcommands (registered by ``pipelines.cli``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def cmd_release(args: argparse.Namespace) -> int:
    from aidecl_data.publish.release import ReleaseError, make_release
    from aidecl_data.publish.snapshot import SnapshotError

    try:
        result = make_release(args.package, args.releases, args.version)
    except (ReleaseError, SnapshotError) as exc:
        print(f"release refused: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"released {result.version} to {result.path}: {result.notes['summary']}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from aidecl_data.publish.diff import diff_packages, notes_markdown
    from aidecl_data.publish.snapshot import SnapshotError, open_snapshot

    try:
        old, new = open_snapshot(args.old), open_snapshot(args.new)
        report = diff_packages(old, new)
    except (SnapshotError, KeyError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        heading = f"Changes from {old.version or args.old} to {new.version or args.new}"
        print(notes_markdown(report, heading), end="")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from aidecl_data.explore.serve import ServeError, serve

    try:
        serve(Path(args.package), port=args.port, host=args.host)
    except ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def register(sub, default_pkg: str, project_root: Path) -> None:
    r = sub.add_parser("release", help="archive the package as a citable, versioned release")
    r.add_argument("--version", help="calendar version YYYY.M.N (default: the next one)")
    r.add_argument("--package", default=default_pkg)
    r.add_argument("--releases", default=str(project_root / "releases"), help="releases folder")
    r.set_defaults(func=cmd_release)
    d = sub.add_parser("diff", help="what changed between two packages or release archives")
    d.add_argument("old", help="package folder, release folder or release .zip")
    d.add_argument("new", help="package folder, release folder or release .zip")
    d.add_argument("--format", choices=["markdown", "json"], default="markdown")
    d.set_defaults(func=cmd_diff)
    s = sub.add_parser("serve", help="explore the package in a browser (Datasette)")
    s.add_argument("--package", default=default_pkg)
    s.add_argument("--port", type=int, default=8001)
    s.add_argument("--host", default="127.0.0.1", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_serve)
