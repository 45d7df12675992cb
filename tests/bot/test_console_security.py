"""The console's defences over real HTTP: headers, cookies, CSRF on sign-out, sessions that end everywhere,
timeouts, sign-in lockout, and the client address behind trusted proxies."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from starlette.testclient import TestClient

from bot.audit import AuditFilter, AuditLog, StaffAction
from bot.catalog import Catalog
from bot.client_address import trusted_networks
from bot.console.app import Console
from bot.db import Database
from bot.handoff_records import HandoffReason
from bot.queues import Queues
from bot.sign_in import SignInThrottle
from bot import staff as staff_module
from bot.staff import StaffDirectory, StaffRole
from tests.bot.console_client import PASSWORD, T0, Clock, browser, copy_of, csrf_of, make_console, sign_in


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def staff(database: Database) -> StaffDirectory:
    directory = StaffDirectory(database)
    directory.add("pat", "Pat Example", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD)
    directory.add("alex", "Alex Example", "contact_center", StaffRole.ADMIN, PASSWORD)
    return directory


def signed_in_as(console: Console, username: str) -> TestClient:
    client = browser(console)
    assert sign_in(client, username).url.path == "/"
    return client


def test_every_response_carries_the_security_headers(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory
) -> None:
    client = signed_in_as(make_console(catalog, database, clock), "pat")
    handoff = Queues(database).open("c1", "webchat", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    for path in ["/login", "/", f"/handoffs/{handoff.id}", "/handoffs/999", "/static/console.css", "/nowhere"]:
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy, path
        assert "style-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert (headers.get("cache-control") == "no-store") == (not path.startswith("/static/")), path


def test_the_cookie_is_httponly_and_samesite_and_secure_over_https(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory
) -> None:
    plain = sign_in(browser(make_console(catalog, database, clock)), "pat", follow_redirects=False)
    cookie = plain.headers["set-cookie"].lower()
    assert cookie.startswith("onedoor-console=") and "httponly" in cookie and "samesite=strict" in cookie
    assert "secure" not in cookie
    https = browser(make_console(catalog, database, clock, secure_cookies=True), base_url="https://testserver")
    cookie = sign_in(https, "pat", follow_redirects=False).headers["set-cookie"].lower()
    assert cookie.startswith("__host-onedoor-console=") and "; secure" in cookie and "httponly" in cookie
    assert https.get("/").url.path == "/"


def test_sign_out_needs_the_csrf_token(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory
) -> None:
    client = signed_in_as(make_console(catalog, database, clock), "pat")
    assert client.post("/logout", data={}).status_code == 400
    assert client.post("/logout", data={"csrf": "forged"}).status_code == 400
    assert client.get("/").url.path == "/"
    assert client.post("/logout", data={"csrf": csrf_of(client, "/")}).url.path == "/login"
    assert client.get("/").url.path == "/login"


def test_sign_out_ends_a_copied_cookie(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory
) -> None:
    console = make_console(catalog, database, clock)
    client = signed_in_as(console, "pat")
    thief = copy_of(client, browser(console, address="198.51.100.66"))
    other_device = signed_in_as(console, "pat")
    assert thief.get("/").url.path == "/"
    client.post("/logout", data={"csrf": csrf_of(client, "/")})
    assert thief.get("/").url.path == "/login"
    assert other_device.get("/").url.path == "/login"  # sign-out ends every session of the account
    entries, _ = AuditLog(database).search(AuditFilter(actor="pat"))
    assert entries[0].action is StaffAction.SIGN_OUT and entries[0].detail == "from 203.0.113.5"


def test_deactivation_ends_a_copied_cookie_and_refuses_sign_in(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory
) -> None:
    console = make_console(catalog, database, clock)
    agent = signed_in_as(console, "pat")
    thief = copy_of(agent, browser(console))
    admin = signed_in_as(console, "alex")
    reply = admin.post("/staff/deactivate", data={"csrf": csrf_of(admin, "/staff"), "username": "pat"})
    assert reply.status_code == 200 and "pat is deactivated" in reply.text
    assert agent.get("/").url.path == "/login" and thief.get("/").url.path == "/login"
    assert sign_in(browser(console), "pat").status_code == 401
    admin.post("/staff/reactivate", data={"csrf": csrf_of(admin, "/staff"), "username": "pat"})
    assert sign_in(browser(console), "pat").url.path == "/"


def test_a_role_change_ends_the_members_sessions(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory
) -> None:
    console = make_console(catalog, database, clock)
    agent = signed_in_as(console, "pat")
    admin = signed_in_as(console, "alex")
    admin.post("/staff/set-role", data={"csrf": csrf_of(admin, "/staff"), "username": "pat", "role": "service_owner"})
    assert agent.get("/triage").url.path == "/login"
    again = signed_in_as(console, "pat")
    assert again.get("/triage").status_code == 200


def test_sessions_end_when_idle_and_after_the_working_day(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory
) -> None:
    console = make_console(catalog, database, clock, idle_minutes=30, session_hours=8)
    idle = signed_in_as(console, "pat")
    clock.advance(minutes=30)
    assert idle.get("/").url.path == "/"  # 30 minutes idle is still within the limit, and counts as activity
    clock.advance(minutes=30, seconds=1)
    assert idle.get("/").url.path == "/login"
    busy = signed_in_as(console, "pat")
    for _ in range(16):
        clock.advance(minutes=29)
        assert busy.get("/").url.path == "/"
    clock.advance(minutes=29)  # 8 h 41 min after sign-in, active all along
    assert busy.get("/").url.path == "/login"


def test_the_transcripts_background_refresh_does_not_keep_a_session_alive(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory
) -> None:
    console = make_console(catalog, database, clock)
    handoff = Queues(database).open("c1", "webchat", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    client = signed_in_as(console, "pat")
    for _ in range(4):
        clock.advance(minutes=10)
        assert client.get(f"/handoffs/{handoff.id}/transcript").status_code in (401, 503)
    assert client.get(f"/handoffs/{handoff.id}/transcript").status_code == 401


def test_lockout_after_repeated_failures_is_explained_and_audited_with_the_address(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory
) -> None:
    console = make_console(catalog, database, clock, throttle=SignInThrottle(per_username=5, per_address=20))
    client = browser(console, address="198.51.100.7")
    with time_machine.travel(T0, tick=False) as travel:
        for _ in range(5):
            reply = sign_in(client, "pat", "not the password")
            assert reply.status_code == 401 and "Wrong username or password." in reply.text
        locked = sign_in(client, "pat")
        assert locked.status_code == 429 and "Too many failed sign-ins" in locked.text and "15 minutes" in locked.text
        travel.shift(16 * 60)
        assert sign_in(client, "pat").url.path == "/"
    failures = [e for e in AuditLog(database).search(AuditFilter(actor="pat"))[0]
                if e.action is StaffAction.SIGN_IN_FAILED]
    assert [e.detail for e in failures] == ["locked_out from 198.51.100.7"] + ["refused from 198.51.100.7"] * 5


@pytest.mark.parametrize(
    ("peer", "expected"),
    [("10.0.0.2", "from 198.51.100.7"), ("203.0.113.5", "from 203.0.113.5")],
)
def test_forwarded_for_is_believed_only_from_a_trusted_proxy(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory, peer: str, expected: str
) -> None:
    console = make_console(catalog, database, clock, trusted_proxies=trusted_networks("10.0.0.0/8"))
    client = browser(console, address=peer, headers={"X-Forwarded-For": "198.51.100.7"})
    sign_in(client, "pat")
    [entry] = [e for e in AuditLog(database).search(AuditFilter(actor="pat"))[0] if e.action is StaffAction.SIGN_IN]
    assert entry.detail == expected


def test_no_page_carries_inline_script_or_style(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory
) -> None:
    client = signed_in_as(make_console(catalog, database, clock), "alex")
    handoff = Queues(database).open("c1", "webchat", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    for path in ["/", f"/handoffs/{handoff.id}", "/cases", "/triage", "/staff", "/audit", "/password", "/reports"]:
        html = client.get(path).text
        assert re.search(r"<script(?![^>]*\bsrc=)", html) is None, path
        assert re.search(r"<style|\sstyle=|\son[a-z]+=|javascript:", html, re.IGNORECASE) is None, path


def test_no_database_call_or_password_hash_runs_on_the_event_loop(
    catalog: Catalog, database: Database, clock: Clock, staff: StaffDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_loop: list[str] = []

    def watched(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                asyncio.get_running_loop()
                on_loop.append(name)
            except RuntimeError:
                pass  # no loop in this thread: a worker thread, as it should be
            return original(*args, **kwargs)
        return call

    monkeypatch.setattr(Database, "transaction", watched("database", Database.transaction))
    monkeypatch.setattr(staff_module, "_verify", watched("argon2 verify", staff_module._verify))
    console = make_console(catalog, database, clock)
    handoff = Queues(database).open("c1", "webchat", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    admin = signed_in_as(console, "alex")
    token = csrf_of(admin, "/")
    for path in ["/", f"/handoffs/{handoff.id}", "/cases", "/triage", "/staff", "/audit"]:
        assert admin.get(path).status_code == 200, path
    admin.post(f"/handoffs/{handoff.id}/claim", data={"csrf": token})
    admin.post("/staff/reset-password", data={"csrf": token, "username": "pat"})
    admin.post("/logout", data={"csrf": token})
    assert sign_in(browser(console), "pat", "wrong password").status_code == 401
    assert on_loop == []
