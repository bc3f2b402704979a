"""Where the core tables live between steps: Arrow IPC files, read back memory-mapped.

Dagster's default IO manager pickles each output and unpickles it for every step that
reads it, and the blocking checks and the package asset read the tables many times. An
Arrow IPC file is written once, uncompressed,
and each read is a memory map: no copy, no decoding, whatever the table's size.

Files are replaced atomically and durably (``aidecl_data.atomic``), so a step reading a
table while another run writes it keeps its own consistent file.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pyarrow as pa

from aidecl_data.atomic import atomic_writer


class ArrowTableIOManager(dg.ConfigurableIOManager):
    """Stores ``pyarrow.Table`` outputs as ``<base_dir>/<asset key>.arrow``."""

    base_dir: str

    def _path(self, key: dg.AssetKey) -> Path:
        return Path(self.base_dir, *key.path).with_suffix(".arrow")

    def handle_output(self, context: dg.OutputContext, obj) -> None:
        if obj is None:  # an asset that only reports metadata
            return
        if not isinstance(obj, pa.Table):
            raise TypeError(f"{context.asset_key}: expected a pyarrow.Table, got {type(obj)}")
        with (
            atomic_writer(self._path(context.asset_key)) as sink,
            pa.ipc.new_file(sink, obj.schema) as writer,
        ):
            writer.write_table(obj)

    def load_input(self, context: dg.InputContext) -> pa.Table:
        path = self._path(context.asset_key)
        if not path.is_file():
            raise FileNotFoundError(
                f"{context.asset_key.to_user_string()} has not been materialized here yet "
                f"({path} missing): materialize it first"
            )
        # The map stays open as long as the table's buffers use it (no copy is made).
        return pa.ipc.open_file(pa.memory_map(str(path))).read_all()
