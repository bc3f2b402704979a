"""The Dagster Definitions load, and the asset graph has the promised shape."""

from __future__ import annotations

import dagster as dg

from aidecl_data.publish.schema import get_table
from pipelines.definitions import build_defs, defs


def test_definitions_load():
    repo = defs.get_repository_def()
    keys = {k.to_user_string() for k in repo.asset_graph.get_all_asset_keys()}
    tables = {
        "documents",
        "sections",
        "clauses",
        "notes",
        "signatories",
        "initiatives",
        "initiative_mentions",
        "dates",
        "clause_acts",
        "clause_themes",
        "texts",
        "document_warnings",
    }
    want = {"parsed_documents", "parsed_corpus", "datapackage", "release"}
    want |= {f"core_{t}" for t in tables}
    assert keys == want
    assert {j.name for j in repo.get_all_jobs()} >= {"build_package", "publish_package"}
    assert [s.name for s in repo.sensor_defs] == ["documents_sensor"]
    assert [s.name for s in repo.schedule_defs] == ["daily_republish"]


def test_every_table_has_blocking_checks():
    repo = defs.get_repository_def()
    checks = {}
    for spec in repo.asset_graph.asset_check_keys:
        checks.setdefault(spec.asset_key.to_user_string(), set()).add(spec.name)
    for key in repo.asset_graph.get_all_asset_keys():
        name = key.to_user_string()
        if name.startswith("core_"):
            table = get_table(name.removeprefix("core_"))
            # a references check only where there is a reference that could fail to resolve
            want = (
                {"schema_valid", "references_resolve"} if table.foreign_keys else {"schema_valid"}
            )
            assert checks[name] == want, name
    assert sum(len(c) for c in checks.values()) == 22  # 12 tables, 10 with references


def test_parsed_documents_is_partitioned_single_run():
    repo = defs.get_repository_def()
    node = repo.asset_graph.get(dg.AssetKey("parsed_documents"))
    assert isinstance(node.partitions_def, dg.DynamicPartitionsDefinition)
    assert node.backfill_policy == dg.BackfillPolicy.single_run()


def test_schedule_is_daily():
    sched = defs.get_schedule_def("daily_republish")
    assert sched.cron_schedule == "0 6 * * *"
    assert sched.job_name == "publish_package"


def test_build_defs_takes_settings(tmp_path):
    from pipelines.resources import AideclSettings

    d = build_defs(AideclSettings(documents_dir=str(tmp_path)))
    assert d.resources["settings"].documents_dir == str(tmp_path)
