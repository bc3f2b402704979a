"""Dagster definitions and the CLI over the aidecl_data library (a thin layer, no parsing)."""

import warnings

# The single-run backfill policy is what keeps bulk builds to one run; Dagster still
# labels the parameter beta. Say it once here instead of on every CLI call.
warnings.filterwarnings("ignore", message=r".*backfill_policy.*", category=Warning)

# Arrow allocates through the C library's malloc here, not its bundled mimalloc: a build
# frees and allocates hundreds of MB in waves (row batches, CSV renderings, Parquet files
# read back), and mimalloc kept about 100 MB more of it than malloc once the tables of
# 10,000 documents were assembled, on top of the tables at the peak of a first build
# (docs/scaling.md); ``release_unused`` (``malloc_trim``) hands malloc's back before the
# database is written. Read when pyarrow is first imported, so set here, before any
# module of the pipeline imports it; a value already in the environment is left alone.
import os  # noqa: E402

os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
