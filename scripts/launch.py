"""Start One Door as `make run` does: settings from the environment, `.env` and `var/secrets.env`, the database
migrated once, then every process of the Procfile under honcho.

Precedence, first wins: the real environment, `.env` (an integrator's copy of `.env.example`), `var/secrets.env`
(random secrets written by scripts/make_secrets.py). An empty value in a file counts as unset. Rasa's Sanic
workers (SANIC_WORKERS, which Rasa reads) come from ONE_DOOR_RASA_WORKERS: 2 with ONE_DOOR_REDIS_URL, else 1.
Migrations run here, once, before any process starts; no process migrates on its own start.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from honcho.environ import parse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import migrate  # noqa: E402
from bot.settings import Settings  # noqa: E402

ENV_FILES = (ROOT / ".env", ROOT / "var" / "secrets.env")
# The embedded defaults of one machine: ports, and Rasa's conversations in SQLite beside One Door's (var/).
DEFAULTS = {
    "ONE_DOOR_PORT": "5005", "ONE_DOOR_ACTIONS_PORT": "5055", "ONE_DOOR_CONSOLE_PORT": "5006",
    "ONE_DOOR_TRACKER_DIALECT": "sqlite", "ONE_DOOR_TRACKER_DB": "var/trackers.db",
}


def environment(base: Mapping[str, str], files: Sequence[Path]) -> dict[str, str]:
    """`base` over the files' values (earlier files over later ones), then the defaults and SANIC_WORKERS."""
    return completed(read(base, files))


def read(base: Mapping[str, str], files: Sequence[Path]) -> dict[str, str]:
    """`base` over the files' values, earlier files over later ones; a file that is missing is skipped."""
    merged: dict[str, str] = {}
    for path in reversed(files):
        if path.exists():
            merged.update(parse(path.read_text(encoding="utf-8")))
    merged.update(base)
    return merged


def completed(env: Mapping[str, str]) -> dict[str, str]:
    """`env` with the embedded defaults where it sets nothing, and SANIC_WORKERS from ONE_DOOR_RASA_WORKERS."""
    merged = {**DEFAULTS, **env}
    merged.setdefault("ONE_DOOR_RASA_URL", f"http://localhost:{merged['ONE_DOOR_PORT']}")
    merged.setdefault("ONE_DOOR_ACTION_URL", f"http://127.0.0.1:{merged['ONE_DOOR_ACTIONS_PORT']}/webhook")
    merged["SANIC_WORKERS"] = str(Settings.of(merged).sanic_workers())
    return merged


def migrated(env: Mapping[str, str]) -> Settings:
    """The settings `env` gives, once One Door's database is at the current schema (the one migration step)."""
    settings = Settings.of(env)
    migrate.upgrade(settings.database_url)
    return settings


def start(procfile: Path, env: dict[str, str]) -> None:
    """Replace this process with honcho running `procfile` in `env`; honcho stops everything when one ends."""
    # honcho reads `.env` itself unless told another file, and would put it above the real environment.
    os.execvpe("honcho", ["honcho", "start", "-f", str(procfile), "-e", os.devnull], env)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procfile", type=Path, default=ROOT / "Procfile")
    parser.add_argument("--env-file", type=Path, action="append",
                        help="read this file instead of .env and var/secrets.env (repeat; the first wins)")
    args = parser.parse_args(argv)
    try:
        env = environment(os.environ, args.env_file or ENV_FILES)
        settings = migrated(env)
    except ValueError as error:
        print(f"not started: {error}", file=sys.stderr)
        return 2
    print(f"database schema is up to date; starting {args.procfile.name} with {env['SANIC_WORKERS']} Rasa "
          f"worker(s), locks in {'Redis' if settings.redis_url else 'memory'}", flush=True)
    start(args.procfile, env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
