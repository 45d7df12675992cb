"""deploy/Dockerfile and its entry point: one image, built as `make install` and `make train` build, run as a
non-root user, each process started from its Procfile line."""

from __future__ import annotations

import os
import subprocess

from tests.conftest import ROOT

ENTRYPOINT = ROOT / "deploy" / "entrypoint.sh"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}"}
    return subprocess.run([str(ENTRYPOINT), *args], capture_output=True, text=True, env=env, timeout=60)


def test_the_image_builds_with_the_projects_own_targets_and_runs_as_a_user() -> None:
    lines = (ROOT / "deploy" / "Dockerfile").read_text().splitlines()
    assert [line for line in lines if line.startswith("FROM ")][0].startswith("FROM python:3.10-slim")
    assert "RUN make VENV=/opt/venv install train && rm -rf .rasa" in lines
    assert [line for line in lines if line.startswith("USER ")] == ["USER 10001:10001"]


def test_the_build_context_leaves_out_local_builds_and_secrets() -> None:
    ignored = set((ROOT / ".dockerignore").read_text().splitlines())
    assert {".venv", "build", "models", "var", ".env", "deploy/.env", "deploy/nginx/tls"} <= ignored


def test_the_console_runs_its_procfile_line_bound_to_every_interface() -> None:
    started = run("console", "--help")
    assert started.returncode == 0, started.stderr
    assert "--host HOST" in started.stdout


def test_the_action_server_runs_its_procfile_line() -> None:
    started = run("actions", "--help")
    assert started.returncode == 0 and "ONE_DOOR_ACTIONS_HOST" in started.stdout


def test_an_unknown_process_is_refused() -> None:
    assert run("shell").returncode == 64
