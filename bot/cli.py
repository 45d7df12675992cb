"""The operators' command line: `python -m bot <command>`."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bot import migrate, pii
from bot.audit import AuditLog, StaffAction
from bot.catalog import CatalogError, load_catalog
from bot.db import Database, make_engine
from bot.i18n.coverage import translation_problems
from bot.messaging.sms_budget import sms_problems
from bot.reports.window import parse_period
from bot.retention.work import Removed
from bot.settings import get_settings
from bot.staff import StaffDirectory, StaffError, StaffRole, generated_password, username_for
from bot.staff_admin import StaffAdmin


def _catalog_check(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(args.dir)
    except CatalogError as error:
        print(f"catalogue invalid: {error}", file=sys.stderr)
        return 1
    kinds = Counter(service.kind.value for service in catalog.services.values())
    kinds_text = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    print(f"catalogue ok: {len(catalog.services)} services ({kinds_text}), {len(catalog.agencies)} agencies")
    problems = [f"translation: {problem}" for problem in translation_problems(catalog, args.dir)]
    problems += [f"sms: {problem}" for problem in sms_problems(catalog, args.dir)]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _db_upgrade(args: argparse.Namespace) -> int:
    migrate.upgrade(args.url)
    print("database schema is up to date")
    return 0


def _read_password(args: argparse.Namespace) -> tuple[str, bool]:
    """The new account's password, and whether it was generated (and so must be shown once, then changed)."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n"), False
    if sys.stdin.isatty():
        return getpass.getpass("Password for the new account: "), False
    return generated_password(), True


def _staff_add(args: argparse.Namespace) -> int:
    catalog = load_catalog(get_settings().catalog_dir)
    if args.agency not in catalog.agencies:
        print(f"unknown agency '{args.agency}'; known: {', '.join(catalog.agencies)}", file=sys.stderr)
        return 2
    password, generated = _read_password(args)
    username = args.username or username_for(args.name)
    database = _database(args)
    directory = StaffDirectory(database)
    try:
        member = directory.add(username, args.name, args.agency, StaffRole(args.role), password, generated)
    except StaffError as error:
        print(f"not created: {error}", file=sys.stderr)
        return 1
    AuditLog(database).record(_cli_actor(), StaffAction.USER_ADDED, subject=member.username)
    print(f"created {member.role.value} '{member.username}' for {catalog.agencies[member.agency_id].name}")
    if generated:
        print(f"one-time password (shown only now; it must be changed at the first sign-in): {password}")
    return 0


def _cli_actor() -> str:
    """Who the audit log names for a change made on the command line: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in this environment (some containers)
        return "cli"


def _database(args: argparse.Namespace) -> Database:
    return Database(make_engine(args.url))


def _staff_change(args: argparse.Namespace) -> int:
    """Deactivate, reactivate, change the role of, or reset the password of an account; its sessions end."""
    database = _database(args)
    admin = StaffAdmin(StaffDirectory(database), AuditLog(database))
    actor, username = _cli_actor(), args.username
    try:
        if args.staff_command == "deactivate":
            admin.deactivate(actor, username)
            print(f"'{username}' is deactivated and signed out everywhere")
        elif args.staff_command == "reactivate":
            admin.reactivate(actor, username)
            print(f"'{username}' may sign in again")
        elif args.staff_command == "set-role":
            admin.set_role(actor, username, StaffRole(args.role))
            print(f"'{username}' is now {args.role} and must sign in again")
        else:
            password = admin.reset_password(actor, username)
            print(f"new password for '{username}' (shown only now; it must be changed at the next sign-in): "
                  f"{password}")
    except StaffError as error:
        print(f"not changed: {error}", file=sys.stderr)
        return 1
    return 0


def _console(args: argparse.Namespace) -> int:
    import uvicorn

    from bot.client_address import trusted_networks
    from bot.console.app import Console, create_app
    from bot.integrations.media import Providers
    from bot.integrations.rasa import RasaClient
    from bot.observability.logs import configure_json_logs
    from bot.sign_in import SignInThrottle

    configure_json_logs()
    settings = get_settings()
    secret = settings.console_secret.get_secret_value()
    if not secret:
        print("ONE_DOOR_CONSOLE_SECRET must be set: it signs the console's session cookies", file=sys.stderr)
        return 2
    if not settings.rasa_jwt_secret.get_secret_value():
        print("ONE_DOOR_RASA_JWT_SECRET must be set: it signs the console's calls to Rasa's API", file=sys.stderr)
        return 2
    try:
        trusted = trusted_networks(settings.trusted_proxies)
    except ValueError as error:
        print(f"ONE_DOOR_TRUSTED_PROXIES is not a list of addresses or networks: {error}", file=sys.stderr)
        return 2
    migrate.exit_unless_current(settings.database_url)
    throttle = SignInThrottle(
        settings.rate_limit_storage(),
        per_username=settings.console_sign_in_failures_per_username,
        per_address=settings.console_sign_in_failures_per_address,
        window_minutes=settings.console_sign_in_window_minutes,
    )
    console = Console(
        catalog=load_catalog(settings.catalog_dir),
        database=Database(make_engine(settings.database_url)),
        rasa=RasaClient(settings.rasa_url, settings.rasa_jwt_secret.get_secret_value()),
        secret=secret,
        throttle=throttle,
        trusted_proxies=trusted,
        secure_cookies=settings.console_secure_cookies,
        idle_minutes=settings.console_idle_minutes,
        session_hours=settings.console_session_hours,
        media=Providers.from_settings(settings),
    )
    # No websockets: the console is plain pages, and Rasa pins an older websockets than uvicorn expects.
    # No proxy headers from uvicorn: ONE_DOOR_TRUSTED_PROXIES alone decides whose X-Forwarded-For is believed.
    uvicorn.run(create_app(console), host=args.host, port=args.port, log_level="warning", ws="none",
                proxy_headers=False, log_config=None)
    return 0


def _watch_handoffs(args: argparse.Namespace) -> int:
    """Tell residents nobody has answered of the wait, escalate, and give up with a case (bot/handoff_watch.py)."""
    from bot.handoff_watch import run
    from bot.observability.logs import configure_json_logs

    configure_json_logs()
    migrate.exit_unless_current(get_settings().database_url)
    for outcome in run(get_settings(), once=args.once):
        print(f"handoff {outcome.handoff_id}: {outcome.did.value} after {outcome.waited_minutes} min")
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
    from bot.retention.policy import RetentionPolicy
    from bot.retention.purge import purge
    from bot.settings import now

    trackers = make_engine(args.trackers) if args.trackers else None
    policy = RetentionPolicy.from_settings(get_settings(), args.days)
    removed = purge(Database(make_engine(args.url)), trackers, policy, now(), dry_run=args.dry_run)
    _print_removed(removed, args.dry_run, trackers is not None)
    return 0


def _forget(args: argparse.Namespace) -> int:
    from bot.retention.forget import NotAResident, conversation_for, conversation_of_case, forget
    from bot.settings import now

    database = Database(make_engine(args.url))
    try:
        if args.case:
            conversation = conversation_of_case(database, args.case)
        elif args.conversation:
            conversation = args.conversation
        else:
            conversation = conversation_for(args.channel, args.address,
                                            get_settings().pseudonym_key.get_secret_value().encode())
        trackers = make_engine(args.trackers) if args.trackers else None
        removed = forget(database, trackers, conversation, args.by or _login(), now(), dry_run=args.dry_run)
    except NotAResident as error:
        print(f"nothing done: {error}", file=sys.stderr)
        return 2
    _print_removed(removed, args.dry_run, trackers is not None)
    return 0


def _login() -> str:
    """Who runs the command, for the audit log, when `--by` does not say."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "operator"


def _print_removed(removed: Removed, dry_run: bool, with_trackers: bool) -> None:
    """Counts per table, never the rows; a dry run says so first."""
    if dry_run:
        print("dry run: nothing was changed; a real run would remove:")
    for line in removed.lines():
        print(line)
    if not with_trackers:
        print("events: tracker store not configured (ONE_DOOR_TRACKER_*), Rasa's conversations left alone")


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


def _store_options(command: argparse.ArgumentParser) -> None:
    """The options every retention command shares: both stores, and a dry run."""
    command.add_argument("--url", default=get_settings().database_url, help="database URL (SQLAlchemy form)")
    command.add_argument("--trackers", default=get_settings().trackers(),
                         help="Rasa's tracker store URL (SQLAlchemy form); default from ONE_DOOR_TRACKER_*")
    command.add_argument("--dry-run", action="store_true", help="count what would go, change nothing")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="One Door operators' commands.")
    commands = parser.add_subparsers(dest="command", required=True)
    catalog = commands.add_parser("catalog", help="work with the service catalogue")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True)
    check = catalog_commands.add_parser(
        "check", help="validate the catalogue and its translations and print a summary"
    )
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
    for name, help_text in (
        ("deactivate", "stop an account signing in, and end its sessions"),
        ("reactivate", "let a deactivated account sign in again"),
        ("set-role", "give an account another role, and end its sessions"),
        ("reset-password", "give an account a random password it must change at the next sign-in"),
    ):
        change = staff_commands.add_parser(name, help=help_text)
        change.add_argument("username", help="the account's sign-in name")
        if name == "set-role":
            change.add_argument("role", choices=[r.value for r in StaffRole])
        change.add_argument("--url", default=get_settings().database_url, help="database URL (SQLAlchemy form)")
        change.set_defaults(handler=_staff_change)
    redact = commands.add_parser("redact", help="copy standard input to standard output with personal data removed")
    redact.set_defaults(handler=_redact)
    purge = commands.add_parser("purge", help="apply every table's retention rule (docs/retention.md; cron-safe)")
    purge.add_argument("--days", type=int, default=get_settings().retention_days, help="retention in days")
    _store_options(purge)
    purge.set_defaults(handler=_purge)
    forget = commands.add_parser("forget", help="delete one resident's data everywhere "
                                 "(docs/runbooks/delete-a-residents-data.md)")
    who = forget.add_mutually_exclusive_group(required=True)
    who.add_argument("--address", "--session", dest="address",
                     help="with --channel: the phone number (+1 555 123 4567), Telegram chat id or web chat session id")
    who.add_argument("--case", help="the reference of a case the resident filed, e.g. HVX-4KT-7QM")
    who.add_argument("--conversation", help="the conversation (sender) id, e.g. from the handoffs table")
    forget.add_argument("--channel", choices=["sms", "telegram", "webchat", "rest"], help="the channel of --address")
    forget.add_argument("--by", help="who runs it, for the audit log (default: your login name)")
    _store_options(forget)
    forget.set_defaults(handler=_forget)
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
    watch = commands.add_parser("watch-handoffs", help="tell waiting residents of the wait, escalate and give up "
                                "(ONE_DOOR_HANDOFF_WATCH_SECONDS; safe on every replica)")
    watch.add_argument("--once", action="store_true", help="look once, print what was done, and stop")
    watch.set_defaults(handler=_watch_handoffs)
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
