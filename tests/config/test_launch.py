"""`make run`'s launcher reads `.env`, migrates once, sets Rasa's workers; processes refuse an unmigrated database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, inspect

from tests.config.conftest import REDIS_URL
from tests.conftest import ROOT

SHOW = ("show: python -c \"import os; print('seen', os.environ['SANIC_WORKERS'], os.environ['ONE_DOOR_REDIS_URL'], "
        "os.environ['ONE_DOOR_CONSOLE_PORT'], os.environ['ONE_DOOR_RASA_URL'])\"\n")


def test_make_runs_launcher_reads_env_migrates_once_and_gives_rasa_two_workers_with_redis(tmp_path: Path) -> None:
    database = tmp_path / "onedoor.db"
    (tmp_path / ".env").write_text(
        "# an integrator's copy of .env.example\n"
        f"ONE_DOOR_DATABASE_URL=sqlite:///{database}\n"
        f"ONE_DOOR_REDIS_URL={REDIS_URL}\n"
        "ONE_DOOR_CONSOLE_PORT=6106\n"
        "ONE_DOOR_PORT=6105\n"
        "ONE_DOOR_TWILIO_ACCOUNT_SID=\n"
    )
    (tmp_path / "Procfile").write_text(SHOW)
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
                   "ONE_DOOR_PORT": "6205"}  # the real environment wins over .env
    for name in ("ONE_DOOR_DATABASE_URL", "ONE_DOOR_REDIS_URL", "ONE_DOOR_CONSOLE_PORT", "ONE_DOOR_DB_HOST",
                 "ONE_DOOR_RASA_URL", "SANIC_WORKERS", "ONE_DOOR_RASA_WORKERS"):
        environment.pop(name, None)
    run = subprocess.run(
        [sys.executable, "scripts/launch.py", "--procfile", str(tmp_path / "Procfile"),
         "--env-file", str(tmp_path / ".env")],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert f"seen 2 {REDIS_URL} 6106 http://localhost:6205" in run.stdout
    assert "alembic_version" in inspect(create_engine(f"sqlite:///{database}")).get_table_names()


def test_a_process_started_on_an_unmigrated_database_stops_with_one_clear_message(tmp_path: Path) -> None:
    environment = {**os.environ, "ONE_DOOR_DATABASE_URL": f"sqlite:///{tmp_path / 'new.db'}",
                   "ONE_DOOR_ACTION_SECRET": "s" * 32}
    environment.pop("ONE_DOOR_DB_HOST", None)
    for command in (["-m", "bot", "watch-handoffs", "--once"], ["-m", "actions.server", "--port", "1"]):
        run = subprocess.run([sys.executable, *command], cwd=ROOT, env={**environment, "PYTHONPATH": str(ROOT)},
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 1
        last = run.stderr.strip().splitlines()[-1]
        assert last.startswith("One Door's database sqlite:///") and "at schema none" in last, run.stderr
        assert "run `python -m bot db upgrade` once" in last
