"""Citable releases: ``releases/<version>/`` with an archive, checksums and release notes.

A release freezes the package in ``datapackage/`` under a calendar version (``2026.12.0``:
year, month, then a counter within the month). It writes::

    releases/<version>/aidecl-data-<version>.zip   the package: CSV, Parquet, DuckDB,
                                                   datapackage.json, data dictionary
    releases/<version>/RELEASE_NOTES.md            what changed since the previous release
    releases/<version>/release.json                the same facts as JSON
    releases/<version>/SHA256SUMS                  for ``sha256sum -c``
    releases/CHANGELOG.md                          every release, newest first

The descriptor inside the archive is the package's, plus ``version``, ``created`` (when the
release was made) and ``sourcesSummary``; the committed package itself keeps neither a
date nor a release number, so building the same documents always gives the same bytes.
The content hash (``content.content_hash``) ignores both, which is how a release of data
identical to the previous release's is recognised and refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aidecl_data.atomic import write_atomic
from aidecl_data.publish.content import content_hash, summarize_sources
from aidecl_data.publish.diff import diff_packages, empty_snapshot, notes_markdown
from aidecl_data.publish.parts import resource_files
from aidecl_data.publish.snapshot import DESCRIPTOR, open_snapshot

NOTES_MD = "RELEASE_NOTES.md"
NOTES_JSON = "release.json"
SUMS = "SHA256SUMS"
CHANGELOG = "CHANGELOG.md"
EXTRA_FILES = ("README.md", "aidecl.duckdb")  # the data dictionary and the database
VERSION_RE = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d+)$")


class ReleaseError(RuntimeError):
    """No release was written; the message says why, in one line."""


@dataclass
class ReleaseResult:
    version: str
    path: Path
    archive: Path
    notes: dict[str, Any]


def parse_version(version: str) -> tuple[int, int, int]:
    m = VERSION_RE.match(version)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ReleaseError(f"version {version!r} is not calendar versioning YYYY.M.N (2026.12.0)")
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def released(releases_dir: Path) -> list[tuple[str, Path]]:
    """Complete releases (with their ``release.json``), oldest first."""
    if not releases_dir.is_dir():
        return []
    found = []
    for p in releases_dir.iterdir():
        if p.is_dir() and VERSION_RE.match(p.name) and (p / NOTES_JSON).is_file():
            found.append((parse_version(p.name), p.name, p))
    return [(name, path) for _, name, path in sorted(found)]


def next_version(previous: list[str], today: dt.date) -> str:
    """``YYYY.M.N`` for today: N counts the releases already made this month."""
    same_month = [
        parse_version(v)[2] for v in previous if parse_version(v)[:2] == (today.year, today.month)
    ]
    return f"{today.year}.{today.month}.{max(same_month) + 1 if same_month else 0}"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _package_files(package_dir: Path, descriptor: dict[str, Any]) -> list[str]:
    """Every file of the package, checked against the descriptor's hashes."""
    files = []
    for res in descriptor.get("resources", []):
        for f in resource_files(res):  # a Parquet table in parts lists each part
            rel = f["path"]
            expected = str(f.get("hash", "")).removeprefix("sha256:")
            path = package_dir / rel
            if not path.is_file():
                raise ReleaseError(f"{path}: listed in {DESCRIPTOR} but missing")
            if expected and _sha256(path) != expected:
                raise ReleaseError(f"{path}: sha256 differs from {DESCRIPTOR}; rebuild the package")
            files.append(rel)
    files += [name for name in EXTRA_FILES if (package_dir / name).is_file()]
    return sorted(set(files))


def _write_archive(
    archive: Path, package_dir: Path, files: list[str], descriptor: bytes, stamp: dt.datetime
) -> None:
    """A zip with one top folder; entries sorted and dated ``stamp`` (reproducible)."""
    top = archive.stem
    when = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(f"{top}/{name}", date_time=when)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(entry(DESCRIPTOR), descriptor)
        for rel in files:
            with open(package_dir / rel, "rb") as src, z.open(entry(rel), "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)


def release_descriptor(
    descriptor: dict[str, Any], version: str, created: dt.datetime
) -> dict[str, Any]:
    """The package's descriptor as released: version, created, content hash, sources summary."""
    out = dict(descriptor)
    out["version"] = version
    out["created"] = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    out["contentHash"] = content_hash(descriptor)
    out["sourcesSummary"] = summarize_sources(descriptor.get("sources", []))
    return out


def changelog_markdown(releases_dir: Path) -> str:
    """Every release, newest first, with its date and summary line."""
    lines = [
        "# Changelog of the aidecl-data package",
        "",
        "Each release is a folder beside this file: the archive, `SHA256SUMS` and the full "
        "release notes (`RELEASE_NOTES.md`, and `release.json` with the same facts).",
        "",
    ]
    for version, path in reversed(released(releases_dir)):
        notes = json.loads((path / NOTES_JSON).read_text(encoding="utf-8"))
        lines += [
            f"## [{version}]({version}/{NOTES_MD}) ({notes['created'][:10]})",
            "",
            notes["summary"],
            "",
            f"Content hash `{notes['content_hash']}`; archive `{notes['archive']}`.",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _replace_text(path: Path, text: str) -> None:
    write_atomic(path, text)


def make_release(
    package_dir: str | Path,
    releases_dir: str | Path,
    version: str | None = None,
    now: dt.datetime | None = None,
) -> ReleaseResult:
    """Write ``releases_dir/<version>/`` and the changelog, or raise ``ReleaseError``.

    Refused: data identical (same content hash) to the latest release's, a version that
    exists or is not after the latest, a package whose files do not match its descriptor.
    The release is written in a hidden folder and renamed into place, so a release folder
    is either complete or absent.
    """
    package_dir, releases_dir = Path(package_dir), Path(releases_dir)
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    if not package_dir.is_dir():  # an archive or a descriptor: its files are not beside it
        raise ReleaseError(f"{package_dir}: not a package folder (release the folder it came from)")
    current = open_snapshot(package_dir)
    if not current.resources:
        raise ReleaseError(f"{package_dir}: the package has no tables")
    new_hash = content_hash(current.descriptor)
    history = released(releases_dir)
    previous = open_snapshot(history[-1][1]) if history else None
    if previous is not None and previous.content_hash == new_hash:
        raise ReleaseError(
            f"the data did not change since release {history[-1][0]} ({new_hash}): "
            "nothing to release"
        )
    version = version or next_version([v for v, _ in history], now.date())
    if history and parse_version(version) <= parse_version(history[-1][0]):
        raise ReleaseError(f"version {version} is not after the latest release {history[-1][0]}")
    parse_version(version)
    target = releases_dir / version
    if target.exists():
        raise ReleaseError(f"{target} already exists")

    files = _package_files(package_dir, current.descriptor)
    descriptor = release_descriptor(current.descriptor, version, now)
    current.descriptor = descriptor
    report = diff_packages(previous or empty_snapshot(), current)
    staging = releases_dir / f".{version}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
    except OSError as exc:  # a file in the way, a read-only place, no permission
        raise ReleaseError(
            f"{releases_dir}: cannot write a release there: {_reason(exc)}"
        ) from None
    try:
        archive = staging / f"aidecl-data-{version}.zip"
        text = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        _write_archive(archive, package_dir, files, text, now)
        notes = {
            "version": version,
            "created": descriptor["created"],
            "content_hash": new_hash,
            "archive": archive.name,
            "archive_sha256": _sha256(archive),
            "previous": history[-1][0] if history else None,
            "sources": descriptor["sourcesSummary"],
            **report,
        }
        intro = [
            f"Released {descriptor['created']}. Cite as: aidecl-data, version {version} "
            f"({new_hash}).",
            "",
        ]
        md = notes_markdown(report, f"aidecl-data {version}", intro)
        (staging / NOTES_MD).write_text(md, encoding="utf-8")
        (staging / NOTES_JSON).write_text(
            json.dumps(notes, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        sums = "".join(
            f"{_sha256(staging / name)}  {name}\n"
            for name in sorted([archive.name, NOTES_MD, NOTES_JSON])
        )
        (staging / SUMS).write_text(sums, encoding="utf-8")
        os.rename(staging, target)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):  # disk full, quota, a folder taken away meanwhile
            message = f"{target}: not written ({_reason(exc)}); nothing was left behind"
            raise ReleaseError(message) from None
        raise
    try:
        _replace_text(releases_dir / CHANGELOG, changelog_markdown(releases_dir))
    except OSError as exc:  # the release folder is complete; the changelog is made again next time
        message = f"{releases_dir / CHANGELOG}: not updated ({_reason(exc)}); {target} was written"
        raise ReleaseError(message) from None
    return ReleaseResult(version, target, target / archive.name, notes)


def _reason(exc: OSError) -> str:
    """An OS error as a reason, without the path the message already names."""
    return exc.strerror or str(exc) or type(exc).__name__
