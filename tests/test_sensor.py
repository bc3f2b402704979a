"""The documents sensor without a daemon: added, changed, unchanged and removed files."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg

from pipelines.definitions import build_defs
from pipelines.resources import AideclSettings
from pipelines.sensors import RANGE_END, RANGE_START, covering_range, plan_changes
from tests.conftest import make_variants


def _tick(defs, instance, cursor):
    sensor = defs.get_sensor_def("documents_sensor")
    ctx = dg.build_sensor_context(instance=instance, cursor=cursor, definitions=defs)
    result = sensor(ctx)
    # What the daemon does with the result: apply partition requests, keep the cursor.
    for req in result.dynamic_partitions_requests or []:
        if isinstance(req, dg.AddDynamicPartitionsRequest):
            instance.add_dynamic_partitions(req.partitions_def_name, list(req.partition_keys))
        else:
            for k in req.partition_keys:
                instance.delete_dynamic_partition(req.partitions_def_name, k)
    return result


def _partitions(instance):
    return list(instance.get_dynamic_partitions("documents"))


def test_sensor_requests_only_what_changed(tmp_path: Path):
    docs = tmp_path / "documents"
    paths = make_variants(docs, 4)
    defs = build_defs(
        AideclSettings(
            documents_dir=str(docs),
            out_dir=str(tmp_path / "pkg"),
            state_dir=str(tmp_path / "state"),
        )
    )
    instance = dg.DagsterInstance.ephemeral()

    first = _tick(defs, instance, None)
    assert _partitions(instance) == ["doc_00000", "doc_00001", "doc_00002", "doc_00003"]
    [run] = first.run_requests
    assert (run.tags[RANGE_START], run.tags[RANGE_END]) == ("doc_00000", "doc_00003")
    assert dg.AssetKey("parsed_documents") in run.asset_selection
    assert dg.AssetKey("datapackage") in run.asset_selection

    # The requested run parses the range and publishes in the same run.
    job = defs.resolve_job_def("build_package")
    done = job.execute_in_process(
        instance=instance, tags=run.tags, asset_selection=list(run.asset_selection)
    )
    assert done.success
    parsed = done.asset_materializations_for_node("parsed_documents")
    assert sorted(m.partition for m in parsed) == _partitions(instance)
    [core] = [
        m
        for m in done.get_asset_materialization_events()
        if m.asset_key == dg.AssetKey("core_documents")
    ]
    core_meta = core.event_specific_data.materialization.metadata
    assert (core_meta["parsed"].value, core_meta["reused"].value) == (0, 4)  # no double parse
    published = (tmp_path / "pkg" / "data" / "documents.csv").read_text(encoding="utf-8")
    assert published.count("\ndoc_0000") == 4

    unchanged = _tick(defs, instance, first.cursor)
    assert unchanged.run_requests == []
    assert not unchanged.dynamic_partitions_requests

    paths[1].write_text(
        paths[1].read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8"
    )
    paths[3].unlink()
    (docs / "doc_00009.txt").write_text(
        "Nouvelle déclaration.\n\nLa France et l'Inde.\n", encoding="utf-8"
    )
    third = _tick(defs, instance, unchanged.cursor)
    assert _partitions(instance) == ["doc_00000", "doc_00001", "doc_00002", "doc_00009"]
    [run] = third.run_requests
    # One run whose range holds the changed (doc_00001) and the added (doc_00009) documents.
    assert (run.tags[RANGE_START], run.tags[RANGE_END]) == ("doc_00001", "doc_00009")
    cursor = json.loads(third.cursor)["documents"]
    assert sorted(cursor) == ["doc_00000", "doc_00001", "doc_00002", "doc_00009"]

    paths[2].unlink()
    fourth = _tick(defs, instance, third.cursor)
    [run] = fourth.run_requests
    assert RANGE_START not in run.tags  # only a republish: nothing to parse
    assert dg.AssetKey("parsed_documents") not in run.asset_selection
    assert "doc_00002" not in _partitions(instance)

    # Back to an earlier folder state: still a new run (Dagster skips a run key it has seen).
    keys = {r.run_key for r in [*first.run_requests, *third.run_requests, *fourth.run_requests]}
    paths[2].write_text("Texte revenu.\n\nLa France et l'Inde.\n", encoding="utf-8")
    fifth = _tick(defs, instance, fourth.cursor)
    paths[2].unlink()
    sixth = _tick(defs, instance, fifth.cursor)
    [r5], [r6] = fifth.run_requests, sixth.run_requests
    assert len(keys | {r5.run_key, r6.run_key}) == len(keys) + 2


def test_plan_changes_and_range():
    prev = {"a": ["1", 1, 1], "b": ["2", 1, 1], "c": ["3", 1, 1]}
    cur = {"a": ["1", 1, 1], "b": ["X", 1, 2], "d": ["4", 1, 1]}
    assert plan_changes(prev, cur) == (["d"], ["b"], ["c"])
    assert covering_range(["a", "b", "c", "d"], ["d", "b"]) == ("b", "d")
    assert covering_range(["a", "b"], []) is None


def test_materialize_one_partition(tmp_path: Path):
    """One document partition materializes on its own and lands in the parse cache."""
    from aidecl_data.build.cache import ParseCache
    from pipelines.assets import parsed_documents

    docs = tmp_path / "documents"
    make_variants(docs, 3)
    settings = AideclSettings(
        documents_dir=str(docs), out_dir=str(tmp_path / "pkg"), state_dir=str(tmp_path / "state")
    )
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("documents", ["doc_00000", "doc_00001", "doc_00002"])
    result = dg.materialize(
        [parsed_documents],
        partition_key="doc_00001",
        instance=instance,
        resources={"settings": settings},
    )
    assert result.success
    [mat] = result.asset_materializations_for_node("parsed_documents")
    assert mat.partition == "doc_00001"
    assert mat.metadata["parsed"].value == 1 and mat.metadata["reused"].value == 0
    cache = ParseCache(settings.state_dir)
    from aidecl_data.parse.sources import sha256_bytes

    sha = {p.stem: sha256_bytes(p.read_bytes()) for p in docs.iterdir()}
    assert cache.has("doc_00001", sha["doc_00001"])
    assert not cache.has("doc_00000", sha["doc_00000"])
    again = dg.materialize(
        [parsed_documents],
        partition_key="doc_00001",
        instance=instance,
        resources={"settings": settings},
    )
    [mat] = again.asset_materializations_for_node("parsed_documents")
    assert mat.metadata["parsed"].value == 0 and mat.metadata["reused"].value == 1


def test_fingerprint_sees_a_rewrite_that_keeps_size_and_mtime(tmp_path):
    import os

    from pipelines.sensors import fingerprint_folder

    path = tmp_path / "a.txt"
    path.write_text("Texte un.\n", encoding="utf-8")
    first = fingerprint_folder(tmp_path, {})
    st = path.stat()
    path.write_text("Texte 2x.\n", encoding="utf-8")  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime put back
    second = fingerprint_folder(tmp_path, first)
    assert second["a"][0] != first["a"][0]
    assert fingerprint_folder(tmp_path, second) == second  # unchanged: same entry
