"""The operators' command line: `python -m bot <command>`."""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bot import migrate, pii
from bot.catalog import CatalogError, load_catalog
from bot.db import Database, make_engine
from bot.reports.window import parse_period
from bot.settings import get_settings
from bot.staff import StaffDirectory, StaffError, StaffRole, username_for


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


def _read_password(args: argparse.Namespace) -> tuple[str, bool]:
    """The new account's password, and whether it was generated (and so must be shown once)."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n"), False
    if sys.stdin.isatty():
        return getpass.getpass("Password for the new account: "), False
    return secrets.token_urlsafe(12), True


def _staff_add(args: argparse.Namespace) -> int:
    catalog = load_catalog(get_settings().catalog_dir)
    if args.agency not in catalog.agencies:
        print(f"unknown agency '{args.agency}'; known: {', '.join(catalog.agencies)}", file=sys.stderr)
        return 2
    password, generated = _read_password(args)
    username = args.username or username_for(args.name)
    directory = StaffDirectory(Database(make_engine(args.url)))
    try:
        member = directory.add(username, args.name, args.agency, StaffRole(args.role), password)
    except StaffError as error:
        print(f"not created: {error}", file=sys.stderr)
        return 1
    print(f"created {member.role.value} '{member.username}' for {catalog.agencies[member.agency_id].name}")
    if generated:
        print(f"one-time password (shown only now): {password}")
    return 0


def _console(args: argparse.Namespace) -> int:
    import uvicorn

    from bot.console.app import Console, create_app
    from bot.integrations.rasa import RasaClient

    settings = get_settings()
    secret = settings.console_secret.get_secret_value()
    if not secret:
        print("ONE_DOOR_CONSOLE_SECRET must be set: it signs the console's session cookies", file=sys.stderr)
        return 2
    if not settings.rasa_jwt_secret.get_secret_value():
        print("ONE_DOOR_RASA_JWT_SECRET must be set: it signs the console's calls to Rasa's API", file=sys.stderr)
        return 2
    console = Console(
        catalog=load_catalog(settings.catalog_dir),
        database=Database(make_engine(settings.database_url)),
        rasa=RasaClient(settings.rasa_url, settings.rasa_jwt_secret.get_secret_value()),
        secret=secret,
    )
    # No websockets: the console is plain pages, and Rasa pins an older websockets than uvicorn expects.
    uvicorn.run(create_app(console), host=args.host, port=args.port, log_level="warning", ws="none")
    return 0


def _report(args: argparse.Namespace) -> int:
    """Write the service owners' report; reporting libraries load only for this command."""
    from bot.reports.render import write_report
    from bot.reports.report import build_report
    from bot.reports.window import Window
    from bot.settings import now

    catalog = load_catalog(get_settings().catalog_dir)
    end = now()
    window = Window(end - args.since, end, catalog.city.timezone)
    trackers = args.trackers or get_settings().trackers()
    report = build_report(Database(make_engine(args.url)), catalog, window, trackers)
    for path in write_report(report, args.out):
        print(f"wrote {path}")
    return 0


def _redact(args: argparse.Namespace) -> int:
    for line in sys.stdin:
        ending = "\n" if line.endswith("\n") else ""
        sys.stdout.write(pii.redact(line.rstrip("\n")) + ending)
    return 0


def _purge(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from bot.messaging.inbound import InboundLog
    from bot.messaging.outbox import Outbox
    from bot.retention import purge_conversations
    from bot.settings import now
    from bot.unresolved import UnresolvedLog

    database = Database(make_engine(args.url))
    removed = UnresolvedLog(database).purge(timedelta(days=args.days), now())
    print(f"purged {removed} unresolved messages older than {args.days} days")
    cutoff = now() - timedelta(days=args.days)
    delivered, marks = Outbox(database).purge_sent(cutoff), InboundLog(database).purge(cutoff)
    print(f"purged {delivered} delivered outbox messages and {marks} duplicate-delivery marks")
    if args.trackers:
        conversations = purge_conversations(make_engine(args.trackers), database, now() - timedelta(days=args.days))
        print(f"purged {conversations} conversations quiet for more than {args.days} days")
    return 0


def _telegram_webhook(args: argparse.Namespace) -> int:
    """Register or remove the Telegram webhook."""
    from bot.integrations.telegram import (
        TelegramNotConfigured,
        TelegramRefused,
        delete_webhook,
        set_webhook,
    )

    settings = get_settings()
    try:
        if args.telegram_command == "set-webhook":
            webhook = set_webhook(settings)
            print(f"Telegram will post updates to {webhook.url}, with the secret token")
        else:
            delete_webhook(settings)
            print("Telegram webhook removed: Telegram will post no more updates")
    except TelegramNotConfigured as error:
        print(f"not done: {error}", file=sys.stderr)
        return 2
    except TelegramRefused as error:
        print(f"not done: {error}", file=sys.stderr)
        return 1
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
    staff = commands.add_parser("staff", help="manage staff accounts for the console")
    staff_commands = staff.add_subparsers(dest="staff_command", required=True)
    add = staff_commands.add_parser("add", help="create a staff account")
    add.add_argument("--agency", required=True, help="agency id from the catalogue, e.g. public_works")
    add.add_argument("--name", required=True, help="the person's name as colleagues see it")
    add.add_argument("--username", help="sign-in name (default: from the name, e.g. pat.example)")
    add.add_argument("--role", choices=[r.value for r in StaffRole], default=StaffRole.AGENT.value)
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--url", default=get_settings().database_url, help="database URL (SQLAlchemy form)")
    add.set_defaults(handler=_staff_add)
    redact = commands.add_parser("redact", help="copy standard input to standard output with personal data removed")
    redact.set_defaults(handler=_redact)
    purge = commands.add_parser("purge", help="delete unresolved messages past the retention period (cron-safe)")
    purge.add_argument("--days", type=int, default=get_settings().retention_days, help="retention in days")
    purge.add_argument("--url", default=get_settings().database_url, help="database URL (SQLAlchemy form)")
    purge.add_argument("--trackers", default=get_settings().trackers(),
                       help="Rasa's tracker store URL (SQLAlchemy form); default from ONE_DOOR_TRACKER_*")
    purge.set_defaults(handler=_purge)
    report = commands.add_parser("report", help="write the service owners' report: HTML with charts, and Markdown")
    report.add_argument("--since", type=parse_period, default="30d", help="period to cover, e.g. 30d, 12h or 4w")
    report.add_argument("--out", type=Path, default=Path("reports"), help="folder to write the report into")
    report.add_argument("--url", default=get_settings().database_url, help="database URL (SQLAlchemy form)")
    report.add_argument("--trackers", help="Rasa's tracker store URL, for fallback rates (default: from "
                        "ONE_DOOR_TRACKER_DIALECT and ONE_DOOR_TRACKER_DB)")
    report.set_defaults(handler=_report)
    console = commands.add_parser("console", help="serve the staff console")
    console.add_argument("--host", default="127.0.0.1")
    console.add_argument("--port", type=int, default=5006)
    console.set_defaults(handler=_console)
    telegram = commands.add_parser("telegram", help="connect the Telegram bot to this assistant")
    telegram_commands = telegram.add_subparsers(dest="telegram_command", required=True)
    telegram_commands.add_parser(
        "set-webhook", help="register ONE_DOOR_TELEGRAM_WEBHOOK_URL with ONE_DOOR_TELEGRAM_SECRET_TOKEN"
    ).set_defaults(handler=_telegram_webhook)
    telegram_commands.add_parser("delete-webhook", help="stop Telegram posting updates").set_defaults(
        handler=_telegram_webhook
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return int(args.handler(args))
