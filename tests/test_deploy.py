"""The deployment files agree with the code: every command they run is one the CLI accepts,
the instance config names Postgres the way that works, the image installs what it uses.

No Docker engine runs on the development machine, so these files were never started here
(docs/scaling.md says what was run instead); this keeps them from drifting from the CLI.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

from pipelines.cli import make_parser

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


def test_every_aidecl_command_of_the_compose_file_parses():
    commands = [s["command"] for s in _compose()["services"].values() if "command" in s]
    aidecl = [c[3:] for c in commands if c[:3] == ["uv", "run", "aidecl"]]
    assert {c[0] for c in aidecl} == {"workers", "build"}
    for argv in aidecl:
        args = make_parser().parse_args(argv)  # exits (fails the test) on a bad option
        assert args.broker.startswith("redis://redis:6379/")
    build = next(a for a in aidecl if a[0] == "build")
    args = make_parser().parse_args(build)
    assert args.engine == "celery"
    # the folders of the build are on the volume every service mounts
    assert all(getattr(args, k).startswith("/data/") for k in ("documents", "out", "state"))


def test_every_service_of_the_project_shares_the_volume_and_the_instance():
    services = _compose()["services"]
    ours = {k: v for k, v in services.items() if k not in ("redis", "postgres")}
    assert set(ours) == {"webserver", "daemon", "worker", "build"}
    for svc in ours.values():
        assert "shared:/data" in svc["volumes"]
        assert svc["environment"]["DAGSTER_HOME"] == "/opt/dagster_home"


def test_instance_config_uses_postgres_url_from_the_environment():
    config = yaml.safe_load((DEPLOY / "dagster.yaml").read_text())
    assert config["storage"]["postgres"]["postgres_url"] == {"env": "DAGSTER_PG_URL"}
    url = _compose()["x-aidecl"]["environment"]["DAGSTER_PG_URL"]
    assert url.startswith("postgresql+psycopg2://")
    assert config["telemetry"] == {"enabled": False}


def test_the_image_installs_the_deploy_extra():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    assert any(d.startswith("dagster-postgres") for d in extras["deploy"])
    assert "--extra deploy" in (DEPLOY / "Dockerfile").read_text()
