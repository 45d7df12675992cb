"""Admin pages over real HTTP: staff accounts (add, reset, forced password change), the audit log with its
filters and pages, and the audit of opening a conversation."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from bot.audit import AuditFilter, AuditLog, StaffAction
from bot.catalog import Catalog
from bot.console.app import Console
from bot.db import Database
from bot.handoff_records import HandoffReason
from bot.queues import Queues
from bot.staff import StaffDirectory, StaffRole
from tests.bot.console_client import PASSWORD, Clock, browser, csrf_of, make_console, sign_in


@pytest.fixture
def console(catalog: Catalog, database: Database) -> Console:
    directory = StaffDirectory(database)
    directory.add("pat", "Pat Example", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD)
    directory.add("alex", "Alex Example", "contact_center", StaffRole.ADMIN, PASSWORD)
    return make_console(catalog, database, Clock())


def admin_of(console: Console) -> TestClient:
    client = browser(console)
    assert sign_in(client, "alex").url.path == "/"
    return client


def test_a_reset_password_is_shown_once_ends_sessions_and_must_be_changed(console: Console, database: Database) -> None:
    agent = browser(console)
    sign_in(agent, "pat")
    admin = admin_of(console)
    page = admin.post("/staff/reset-password", data={"csrf": csrf_of(admin, "/staff"), "username": "pat"}).text
    match = re.search(r'New password for pat, shown only now: <span class="password">([^<]+)</span>', page)
    assert match is not None
    assert match.group(1) not in admin.get("/staff").text
    assert agent.get("/").url.path == "/login"
    assert sign_in(browser(console), "pat", PASSWORD).status_code == 401

    fresh = browser(console)
    assert sign_in(fresh, "pat", match.group(1)).url.path == "/password"
    assert fresh.get("/cases").url.path == "/password"  # every page waits for the change
    token = csrf_of(fresh, "/password")
    same = fresh.post("/password", data={"csrf": token, "current": match.group(1), "new": match.group(1),
                                         "repeat": match.group(1)})
    assert same.status_code == 400 and "must differ" in same.text
    changed = fresh.post("/password", data={"csrf": token, "current": match.group(1), "new": "my own long password",
                                            "repeat": "my own long password"})
    assert changed.url.path == "/" and fresh.get("/cases").url.path == "/cases"
    assert sign_in(browser(console), "pat", "my own long password").url.path == "/"
    actions = [e.action for e in AuditLog(database).search(AuditFilter())[0]]
    assert StaffAction.PASSWORD_RESET in actions and StaffAction.PASSWORD_CHANGED in actions


def test_an_account_an_admin_adds_must_choose_its_own_password(console: Console, database: Database) -> None:
    admin = admin_of(console)
    added = admin.post("/staff", data={"csrf": csrf_of(admin, "/staff"), "name": "Jo Example", "agency": "parks",
                                       "role": "agent", "password": "chosen by the admin"})
    assert added.status_code == 200 and "Added jo.example" in added.text
    assert sign_in(browser(console), "jo.example", "chosen by the admin").url.path == "/password"


def test_only_admins_manage_accounts_and_read_the_audit_log(console: Console) -> None:
    agent = browser(console)
    sign_in(agent, "pat")
    assert agent.get("/staff").status_code == 403 and agent.get("/audit").status_code == 403
    token = csrf_of(agent, "/")
    assert agent.post("/staff/deactivate", data={"csrf": token, "username": "alex"}).status_code == 403
    assert agent.post("/staff/set-role", data={"csrf": token, "username": "pat", "role": "admin"}).status_code == 403


def test_the_last_admin_cannot_be_deactivated_or_demoted(console: Console) -> None:
    admin = admin_of(console)
    token = csrf_of(admin, "/staff")
    refused = admin.post("/staff/deactivate", data={"csrf": token, "username": "alex"})
    assert refused.status_code == 400 and "last active admin" in refused.text
    assert admin.post("/staff/set-role", data={"csrf": token, "username": "alex", "role": "agent"}).status_code == 400
    assert admin.post("/staff/deactivate", data={"csrf": token, "username": "nobody"}).status_code == 400
    assert admin.get("/staff").status_code == 200


def test_admin_changes_need_the_csrf_token(console: Console) -> None:
    admin = admin_of(console)
    assert admin.post("/staff/deactivate", data={"username": "pat"}).status_code == 400
    assert sign_in(browser(console), "pat").url.path == "/"


def test_opening_a_conversation_is_audited_and_its_refresh_is_not(console: Console, database: Database) -> None:
    handoff = Queues(database).open("c-open", "webchat", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    agent = browser(console)
    sign_in(agent, "pat")
    agent.get(f"/handoffs/{handoff.id}")
    agent.get(f"/handoffs/{handoff.id}/transcript")
    [entry] = AuditLog(database).for_conversation("c-open")
    assert (entry.actor, entry.action, entry.subject) == ("pat", StaffAction.TRANSCRIPT_OPENED, f"handoff:{handoff.id}")


def test_the_audit_log_filters_by_member_conversation_and_case(console: Console, database: Database) -> None:
    log = AuditLog(database)
    log.record("pat", StaffAction.REPLY, "c-one", "handoff:1")
    log.record("sam", StaffAction.CASE_STATUS, "c-two", "HVX-4KT-7QM", "resolved")
    log.record("sam", StaffAction.REPLY, "c-one", "handoff:1")
    admin = admin_of(console)

    def rows(query: str) -> list[str]:
        html = admin.get(f"/audit?{query}").text
        return re.findall(r"<tr><td>[^<]+</td><td>([^<]+)</td><td>([^<]+)</td>", html)

    assert rows("actor=sam") == [("sam", "reply"), ("sam", "case status")]
    assert rows("conversation=c-one") == [("sam", "reply"), ("pat", "reply")]
    assert rows("case=hvx-4kt-7qm") == [("sam", "case status")]
    assert rows("actor=sam&conversation=c-one") == [("sam", "reply")]


def test_the_audit_log_pages_newest_first(console: Console, database: Database) -> None:
    log = AuditLog(database)
    for number in range(120):
        log.record("pat", StaffAction.REPLY, f"c-{number:03d}")
    admin = admin_of(console)
    first = admin.get("/audit?actor=pat").text
    assert "c-119" in first and "c-070" in first and "c-069" not in first
    assert 'href="/audit?actor=pat&amp;page=2">Older' in first and "Newer" not in first
    third = admin.get("/audit?actor=pat&page=3").text
    assert "c-019" in third and "c-000" in third and "Older" not in third
    assert 'href="/audit?actor=pat&amp;page=2">Newer' in third
    assert admin.get("/audit?page=-1").status_code == 200


def test_guessing_the_current_password_on_the_change_page_is_throttled(console: Console, database: Database) -> None:
    agent = browser(console, address="198.51.100.7")
    sign_in(agent, "pat")
    token = csrf_of(agent, "/password")
    guesses = [
        agent.post("/password", data={"csrf": token, "current": f"guess number {n}", "new": "a new long password",
                                      "repeat": "a new long password"}).status_code
        for n in range(6)
    ]
    assert guesses == [400] * 5 + [429]
    right = agent.post("/password", data={"csrf": token, "current": PASSWORD, "new": "a new long password",
                                          "repeat": "a new long password"})
    assert right.status_code == 429 and "Too many failed sign-ins" in right.text
    failures = [e for e in AuditLog(database).search(AuditFilter(actor="pat"))[0]
                if e.action is StaffAction.SIGN_IN_FAILED]
    assert len(failures) == 7 and failures[-1].detail == "refused from 198.51.100.7"
