"""The core tables pass between steps as Arrow IPC files, read back unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dagster as dg
import pyarrow as pa
import pytest

from pipelines.io_manager import ArrowTableIOManager


def _table() -> pa.Table:
    return pa.table(
        {
            "id": pa.array(["a", "b", None]),
            "n": pa.array([1, None, 3], pa.int64()),
            "ok": pa.array([True, False, None]),
            "day": pa.array([dt.date(2025, 2, 11), None, dt.date(2024, 5, 7)]),
        }
    )


def test_round_trip(tmp_path: Path):
    io = ArrowTableIOManager(base_dir=str(tmp_path))
    key = dg.AssetKey("core_clauses")
    io.handle_output(dg.build_output_context(asset_key=key), _table())
    assert (tmp_path / "core_clauses.arrow").is_file()
    assert not list(tmp_path.glob(".tmp-*"))
    loaded = io.load_input(dg.build_input_context(asset_key=key))
    assert loaded.equals(_table(), check_metadata=True)
    # a second write replaces the file; the table read before stays valid
    io.handle_output(dg.build_output_context(asset_key=key), _table().slice(0, 1))
    assert loaded.num_rows == 3 and loaded.column("id").to_pylist() == ["a", "b", None]
    assert io.load_input(dg.build_input_context(asset_key=key)).num_rows == 1


def test_refuses_other_objects_and_missing_tables(tmp_path: Path):
    io = ArrowTableIOManager(base_dir=str(tmp_path))
    with pytest.raises(TypeError, match=r"pyarrow\.Table"):
        io.handle_output(dg.build_output_context(asset_key=dg.AssetKey("x")), {"a": 1})
    io.handle_output(dg.build_output_context(asset_key=dg.AssetKey("x")), None)  # no-op
    with pytest.raises(FileNotFoundError, match="materialize it first"):
        io.load_input(dg.build_input_context(asset_key=dg.AssetKey("x")))
