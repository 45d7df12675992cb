"""`make run-cluster`'s generated Procfile and nginx configuration (scripts/cluster.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from scripts import cluster
from tests.conftest import ROOT


def test_each_replica_runs_the_procfiles_rasa_command_on_its_own_port_and_the_rest_once(tmp_path: Path) -> None:
    commands = cluster.read_procfile(ROOT / "Procfile")
    lines = cluster.procfile(commands, [5101, 5102], tmp_path / "nginx.conf").splitlines()
    names = [line.split(":", 1)[0] for line in lines]
    assert names == ["rasa1", "rasa2", *[name for name in commands if name != "rasa"], "nginx"]
    assert lines[0] == "rasa1: " + commands["rasa"].replace("${ONE_DOOR_PORT:-5005}", "5101")
    assert "--port 5102" in lines[1]


def test_without_settings_of_its_own_the_cluster_uses_the_local_postgresql_and_redis() -> None:
    env = cluster.cluster_environment({})
    assert (env["ONE_DOOR_DB_HOST"], env["ONE_DOOR_REDIS_URL"]) == ("127.0.0.1", cluster.LOCAL_REDIS)
    own = cluster.cluster_environment({"ONE_DOOR_DB_HOST": "db", "ONE_DOOR_REDIS_URL": "redis://r/1"})
    assert (own["ONE_DOOR_DB_HOST"], own["ONE_DOOR_REDIS_URL"]) == ("db", "redis://r/1")
    assert "ONE_DOOR_DB_NAME" not in own


def test_the_generated_nginx_configuration_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (`make nginx`)")
    monkeypatch.setattr(cluster, "RUN", tmp_path)
    conf = tmp_path / "nginx.conf"
    conf.write_text(cluster.nginx_conf([5101, 5102, 5103], 18080))
    assert "server 127.0.0.1:5103;" in conf.read_text()
    check = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
