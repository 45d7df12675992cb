"""One cluster for the whole module, as `make run-cluster` builds it: nginx (scripts/cluster.py's configuration) in
front of two Rasa replicas with one Sanic worker each, one action server, all sharing one PostgreSQL database and one
Redis. Both servers are private ones (tests/resilience/services.py) so that the tests may stop and start them;
without a private PostgreSQL the machine's own (127.0.0.1:5432) holds a database of the module's, and the
PostgreSQL restart test is skipped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import pytest
import requests
from sqlalchemy import create_engine, text

from bot import migrate
from bot.settings import Settings
from scripts.assistant import (
    MODEL,
    ROOT,
    actions_command,
    assistant_environment,
    free_port,
    launched,
    rasa_command,
    stop,
    wait_for,
)
from scripts.cluster import write_nginx_conf
from tests.resilience.services import PrivatePostgres, PrivateRedis

REPLY_SECONDS = 90
STORED_EVENTS = text("select type_name, data from events where sender_id = :sender order by id")
# Rasa's conversation lock lifetime (TICKET_LOCK_LIFETIME, 60 s by default). A replica killed in the middle of a turn
# leaves its ticket behind, and that conversation's next message waits for it to expire: with the default, about
# as long as nginx waits for an answer (proxy_read_timeout, 60 s). Shorter here so the wait is seen in a short run.
LOCK_LIFETIME_SECONDS = 20


@dataclass
class Cluster:
    """The running cluster: where to send messages, and the handles the tests pull on."""

    work: Path
    environment: dict[str, str]
    nginx_url: str
    replica_urls: list[str]
    redis: PrivateRedis
    postgres: PrivatePostgres | None
    actions_port: int
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def say(self, url: str, sender: str, message: str) -> requests.Response:
        """POST one message to the REST channel at `url` (nginx or one replica); the answer whatever its status."""
        return requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                             headers={"Authorization": f"Bearer {self.environment['ONE_DOOR_REST_TOKEN']}"},
                             timeout=REPLY_SECONDS)

    def events(self, sender: str) -> list[tuple[str, str | None]]:
        """The conversation's stored events in order: (type, text of a user message or None)."""
        engine = create_engine(Settings.of(self.environment).database_url)
        try:
            with engine.connect() as database:
                rows = database.execute(STORED_EVENTS, {"sender": sender}).all()
        finally:
            engine.dispose()
        return [(kind, _user_text(kind, data)) for kind, data in rows]

    def user_messages(self, sender: str) -> list[str]:
        return [message for kind, message in self.events(sender) if kind == "user" and message is not None]

    def start_actions(self) -> None:
        self.processes["actions"] = launched("actions", actions_command(self.actions_port),
                                             f"http://127.0.0.1:{self.actions_port}/health", self.work,
                                             self.environment)

    def stop_actions(self) -> None:
        stop([self.processes.pop("actions")])

    def kill_replica(self, index: int) -> None:
        """SIGKILL: no goodbye to nginx, no lock handed on, no tracker saved."""
        process = self.processes.pop(f"rasa{index}")
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


def _user_text(kind: str, data: str) -> str | None:
    return str(json.loads(data).get("text")) if kind == "user" else None


def _database(postgres: PrivatePostgres | None) -> dict[str, str]:
    """ONE_DOOR_DB_* for a new database on the private server, else on the machine's."""
    variables = {"ONE_DOOR_DB_HOST": "127.0.0.1", "ONE_DOOR_DB_PORT": str(postgres.port if postgres else 5432),
                 "ONE_DOOR_DB_USER": "postgres", "ONE_DOOR_DB_NAME": f"onedoor_res_{uuid.uuid4().hex[:10]}"}
    _admin(variables, f"CREATE DATABASE {variables['ONE_DOOR_DB_NAME']}")
    return variables


def _admin(variables: dict[str, str], statement: str) -> None:
    connection = psycopg2.connect(host=variables["ONE_DOOR_DB_HOST"], port=variables["ONE_DOOR_DB_PORT"],
                                  user="postgres", dbname="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def _nginx() -> str:
    return subprocess.run([str(ROOT / "scripts" / "ensure_nginx.sh")], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    work = tmp_path_factory.mktemp("cluster")
    redis_server = PrivateRedis(work / "redis.log")
    redis_server.start()
    postgres = None if PrivatePostgres.available() else PrivatePostgres()
    processes: dict[str, subprocess.Popen[bytes]] = {}
    database: dict[str, str] | None = None
    try:
        if postgres:
            postgres.create()
        database = _database(postgres)
        replica_ports, actions_port, nginx_port = [free_port(), free_port()], free_port(), free_port()
        environment = assistant_environment(replica_ports[0], actions_port, work, env={
            **database, "ONE_DOOR_REDIS_URL": redis_server.url, "ONE_DOOR_RASA_WORKERS": "1",
            "ONE_DOOR_TRUSTED_PROXIES": "127.0.0.1", "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME_SECONDS)})
        migrate.upgrade(Settings.of(environment).database_url)
        cluster = Cluster(work, environment, f"http://127.0.0.1:{nginx_port}",
                          [f"http://127.0.0.1:{port}" for port in replica_ports], redis_server, postgres, actions_port,
                          processes)
        cluster.start_actions()
        # Both replicas load their model at once; each is waited for in turn.
        for index, port in enumerate(replica_ports, 1):
            log = work / f"rasa{index}.log"
            processes[f"rasa{index}"] = subprocess.Popen(rasa_command(port, environment), cwd=ROOT, env=environment,
                                                         stdout=log.open("ab"), stderr=subprocess.STDOUT)
        for index, port in enumerate(replica_ports, 1):
            wait_for(f"http://127.0.0.1:{port}/webhooks/webchat/", processes[f"rasa{index}"], work / f"rasa{index}.log")
        conf = write_nginx_conf(replica_ports, nginx_port, work / "nginx")
        processes["nginx"] = launched("nginx", [_nginx(), "-e", "stderr", "-p", str(conf.parent), "-c", str(conf)],
                                      f"{cluster.nginx_url}/webhooks/webchat/", work, environment)
        yield cluster
    finally:
        stop(list(processes.values()))
        redis_server.kill()
        if postgres:
            postgres.remove()
        elif database:
            _admin(database, f"DROP DATABASE IF EXISTS {database['ONE_DOOR_DB_NAME']} WITH (FORCE)")
