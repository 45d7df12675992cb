"""The operators' command line: `python -m bot <command>`."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bot import migrate
from bot.catalog import CatalogError, load_catalog
from bot.settings import get_settings


def _catalog_check(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(args.dir)
    except CatalogError as error:
        print(f"catalogue invalid: {error}", file=sys.stderr)
        return 1
    kinds = Counter(service.kind.value for service in catalog.services.values())
    kinds_text = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    print(f"catalogue ok: {len(catalog.services)} services ({kinds_text}), {len(catalog.agencies)} agencies")
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    migrate.upgrade(args.url)
    print("database schema is up to date")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="One Door operators' commands.")
    commands = parser.add_subparsers(dest="command", required=True)
    catalog = commands.add_parser("catalog", help="work with the service catalogue")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True)
    check = catalog_commands.add_parser("check", help="validate the catalogue and print a summary")
    check.add_argument("--dir", type=Path, default=get_settings().catalog_dir, help="catalogue directory")
    check.set_defaults(handler=_catalog_check)
    db = commands.add_parser("db", help="work with One Door's database")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply every schema migration not yet applied")
    upgrade.add_argument("--url", default=get_settings().database_url, help="database URL (SQLAlchemy form)")
    upgrade.set_defaults(handler=_db_upgrade)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return int(args.handler(args))
