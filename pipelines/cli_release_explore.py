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
    from aidecl_data.explore.serve import ServeError, check_port, serve

    try:
        check_port(args.port)
    except ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        serve(Path(args.package), port=args.port)
    except ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def register(sub, default_pkg: str, project_root: Path) -> None:
    pkg_help = "package folder (default: datapackage/)"
    r = sub.add_parser("release", help="archive the package as a citable, versioned release")
    r.add_argument(
        "--version", metavar="X", help="calendar version YYYY.M.N (default: the next one)"
    )
    r.add_argument("--package", metavar="DIR", default=default_pkg, help=pkg_help)
    r.add_argument(
        "--releases",
        metavar="DIR",
        default=str(project_root / "releases"),
        help="releases folder (default: releases/)",
    )
    r.set_defaults(func=cmd_release)
    d = sub.add_parser("diff", help="what changed between two packages or release archives")
    d.add_argument("old", metavar="OLD", help="package folder, release folder or release .zip")
    d.add_argument("new", metavar="NEW", help="package folder, release folder or release .zip")
    d.add_argument(
        "--format",
        choices=["markdown", "json"],
        default="markdown",
        help="the release notes' Markdown, or their facts as JSON",
    )
    d.set_defaults(func=cmd_diff)
    s = sub.add_parser("serve", help="explore the package in a browser (Datasette)")
    s.add_argument(
        "--package", metavar="DIR", default=default_pkg, help=pkg_help + ", release or .zip"
    )
    s.add_argument("--port", metavar="N", type=int, default=8001, help="port on 127.0.0.1")
    s.set_defaults(func=cmd_serve)
