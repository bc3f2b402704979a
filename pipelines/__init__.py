"""Dagster definitions and the CLI over the aidecl_data library (a thin layer, no parsing)."""

import warnings

# The single-run backfill policy is what keeps bulk builds to one run; Dagster still
# labels the parameter beta. Say it once here instead of on every CLI call.
warnings.filterwarnings("ignore", message=r".*backfill_policy.*", category=Warning)

from pipelines.memory import configure_allocators  # noqa: E402

configure_allocators()
