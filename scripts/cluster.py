"""The production topology on one machine, without containers (`make run-cluster`): nginx in front of
CLUSTER_REPLICAS Rasa replicas on their own ports, sharing PostgreSQL and Redis, with one action server, console
and handoff watcher, after the one migration step.

Settings come as for `make run` (scripts/launch.py: environment, `.env`, `var/secrets.env`). Without
ONE_DOOR_DB_HOST the local PostgreSQL (`make postgres`) is used, database `onedoor_cluster`, created if missing;
without ONE_DOOR_REDIS_URL the local Redis, database 0. The nginx configuration and the Procfile are generated under
var/cluster/ from deploy/local/nginx.conf.template and the Procfile's own commands.
"""

from __future__ import annotations

import argparse
import getpass
import os
import shlex
import sys
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.launch import ENV_FILES, completed, migrated, read, start  # noqa: E402

RUN = ROOT / "var" / "cluster"
TEMPLATE = ROOT / "deploy" / "local" / "nginx.conf.template"
LOCAL_DATABASE = {
    "ONE_DOOR_DB_HOST": "127.0.0.1", "ONE_DOOR_DB_USER": "postgres", "ONE_DOOR_DB_NAME": "onedoor_cluster",
}
LOCAL_REDIS = "redis://127.0.0.1:6379/0"
# The Procfile's Rasa command takes its port from this; each replica gets its own.
RASA_PORT = "${ONE_DOOR_PORT:-5005}"


def cluster_environment(base: dict[str, str]) -> dict[str, str]:
    """`base` with the local PostgreSQL and Redis unless it names its own, and nginx as the only trusted proxy."""
    shared = dict(base)
    if not shared.get("ONE_DOOR_DB_HOST"):
        shared.update({name: shared.get(name) or value for name, value in LOCAL_DATABASE.items()})
    shared.setdefault("ONE_DOOR_REDIS_URL", LOCAL_REDIS)
    shared.setdefault("ONE_DOOR_TRUSTED_PROXIES", "127.0.0.1")
    return shared


def ensure_database(env: dict[str, str]) -> None:
    """Create the cluster's database on its server if it is not there yet (Rasa and Alembic need it to exist)."""
    connection = psycopg2.connect(host=env["ONE_DOOR_DB_HOST"], port=env.get("ONE_DOOR_DB_PORT", "5432"),
                                  user=env.get("ONE_DOOR_DB_USER") or None,
                                  password=env.get("ONE_DOOR_DB_PASSWORD") or None, dbname="postgres")
    connection.autocommit = True
    name = env.get("ONE_DOOR_DB_NAME", "onedoor")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def procfile(commands: dict[str, str], replica_ports: list[int], nginx_conf: Path) -> str:
    """The cluster's Procfile: one Rasa line per replica from the Procfile's own, the other processes as they are,
    and nginx in the foreground."""
    rasa = commands["rasa"]
    if RASA_PORT not in rasa:
        raise ValueError(f"the Procfile's rasa command no longer takes its port from {RASA_PORT}")
    lines = [f"rasa{index}: {rasa.replace(RASA_PORT, str(port))}" for index, port in enumerate(replica_ports, 1)]
    lines += [f"{name}: {command}" for name, command in commands.items() if name != "rasa"]
    lines.append(f"nginx: nginx -e stderr -p {shlex.quote(str(nginx_conf.parent))} -c {shlex.quote(str(nginx_conf))}")
    return "\n".join(lines) + "\n"


def nginx_conf(replica_ports: list[int], port: int, run: Path | None = None) -> str:
    """deploy/local/nginx.conf.template for these replicas and port, its pid and temporary files under `run`
    (var/cluster/ by default)."""
    upstreams = "\n".join(f"        server 127.0.0.1:{replica};" for replica in replica_ports)
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in {"@UPSTREAMS@": upstreams, "@PORT@": str(port), "@RUN@": str(run or RUN),
                        "@USER@": getpass.getuser()}.items():
        text = text.replace(name, value)
    return text


def write_nginx_conf(replica_ports: list[int], port: int, run: Path) -> Path:
    """nginx.conf and the folders for nginx's temporary files in `run`; returns the configuration's path."""
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / folder).mkdir(parents=True, exist_ok=True)
    conf = run / "nginx.conf"
    conf.write_text(nginx_conf(replica_ports, port, run), encoding="utf-8")
    return conf


def read_procfile(path: Path) -> dict[str, str]:
    pairs = (line.split(":", 1) for line in path.read_text(encoding="utf-8").splitlines() if ":" in line)
    return {name.strip(): command.strip() for name, command in pairs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("CLUSTER_REPLICAS", "2")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CLUSTER_PORT", "8080")),
                        help="where nginx listens (127.0.0.1)")
    parser.add_argument("--first-replica-port", type=int, default=5101)
    args = parser.parse_args()
    ports = [args.first_replica_port + index for index in range(args.replicas)]
    env = cluster_environment(read(os.environ, ENV_FILES))
    env.update({"ONE_DOOR_PORT": str(args.port), "ONE_DOOR_RASA_URL": f"http://127.0.0.1:{ports[0]}"})
    try:
        env = completed(env)
        ensure_database(env)
        settings = migrated(env)
    except ValueError as error:
        print(f"not started: {error}", file=sys.stderr)
        return 2
    write_nginx_conf(ports, args.port, RUN)
    (RUN / "Procfile").write_text(procfile(read_procfile(ROOT / "Procfile"), ports, RUN / "nginx.conf"))
    print(f"database schema is up to date; {args.replicas} Rasa replicas ({env['SANIC_WORKERS']} workers each) on "
          f"{', '.join(map(str, ports))} behind nginx on http://127.0.0.1:{args.port}, locks in "
          f"{'Redis' if settings.redis_url else 'memory'}", flush=True)
    start(RUN / "Procfile", env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
