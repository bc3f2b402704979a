"""The ``release`` asset: a citable release of the package, made only when asked.

It sits downstream of ``datapackage`` but in no job, sensor or schedule: materialize it
from the UI (or ``aidecl release``) when the package deserves a version. Unchanged data is
refused, as on the command line, and the run fails with the reason.
"""

from pathlib import Path

import dagster as dg

from aidecl_data.publish.release import ReleaseError, make_release
from aidecl_data.publish.snapshot import SnapshotError
from pipelines.resources import AideclSettings


class ReleaseConfig(dg.Config):
    version: str = ""  # empty: the next calendar version (2026.12.0, 2026.12.1, ...)


@dg.asset(
    deps=["datapackage"],
    group_name="publish",
    description="releases/<version>/: the package archived with SHA256SUMS and release notes "
    "diffed with the previous release; materialized on demand only.",
)
def release(context: dg.AssetExecutionContext, config: ReleaseConfig, settings: AideclSettings):
    try:
        result = make_release(settings.out_dir, settings.releases_dir, config.version or None)
    except (ReleaseError, SnapshotError) as exc:
        raise dg.Failure(description=str(exc)) from None
    context.log.info(f"released {result.version}: {result.notes['summary']}")
    return dg.MaterializeResult(
        metadata={
            "version": result.version,
            "path": str(Path(result.path).resolve()),
            "summary": result.notes["summary"],
            "content_hash": result.notes["content_hash"],
            "archive_sha256": result.notes["archive_sha256"],
            "notes": dg.MetadataValue.md((result.path / "RELEASE_NOTES.md").read_text()),
        }
    )
