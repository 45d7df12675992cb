"""Breach alerts: a waiting conversation past its standard (a crisis's too) is alerted once, to open console pages
and through the webhook, with a console link and none of the resident's words, however many checkers run at once.
Time is injected: each step is given its instant."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any


from bot.breach_alerts import BreachAlerts, pager_for
from bot.breach_log import BreachLog
from bot.cases import CaseStore
from bot.catalog import Catalog
from bot.db import Database, make_engine
from bot.handoff_records import Handoff, HandoffReason
from bot.handoff_watch import HandoffWatch
from bot.live_events import ChangeKind, ChangeLog, ChangePoll
from bot.queues import Queues
from bot.settings import Settings
from tests.bot.test_handoff_watch import FakeResident
from tests.fakes.smtp import recording_smtp
from tests.fakes.webhook import recording_webhook

RESIDENT_WORDS = "my landlord at 12 Elm Street"


def minutes_after(handoff: Handoff, minutes: float) -> datetime:
    since = handoff.waiting_since or handoff.created_at
    return (since if since.tzinfo else since.replace(tzinfo=timezone.utc)) + timedelta(minutes=minutes)


def settings_paging(url: str = "", **mail: Any) -> Settings:
    return Settings(breach_page_url=url, console_public_url="https://console.example", **mail)


def mailing(host: str, port: int, starttls: bool = False) -> dict[str, Any]:
    """Settings e-mailing breaches through the relay at `host`:`port`."""
    return {"alert_smtp_host": host, "alert_smtp_port": port, "alert_smtp_user": "alerts",
            "alert_smtp_password": "relay secret", "alert_smtp_from": "onedoor@city.example",
            "alert_smtp_starttls": starttls, "breach_email_to": "duty@city.example, lead@city.example"}


def test_a_wait_past_its_standard_is_alerted_once_and_published_as_late(catalog: Catalog, database: Database) -> None:
    queues = Queues(database)
    poll = ChangePoll(ChangeLog(database))
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    standard = catalog.agencies["water"].handoff.answer_within_minutes
    alerts = BreachAlerts(catalog, queues, BreachLog(database))
    assert alerts.step(minutes_after(handoff, standard)) == []  # due soon, not late
    [breach] = alerts.step(minutes_after(handoff, standard + 1))
    assert (breach.handoff_id, breach.wait.waited_minutes, breach.wait.standard_minutes, breach.paged) == (
        handoff.id, standard + 1, standard, False)
    assert alerts.step(minutes_after(handoff, standard + 30)) == []
    assert [c.kind for c in poll.poll()] == [ChangeKind.QUEUED, ChangeKind.LATE]


def test_a_claimed_conversation_is_never_alerted(catalog: Catalog, database: Database) -> None:
    queues = Queues(database)
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE)
    queues.claim(handoff.id, "sam")
    assert BreachAlerts(catalog, queues, BreachLog(database)).step(minutes_after(handoff, 600)) == []


def test_a_transfer_starts_a_new_wait_whose_breach_is_alerted_again(catalog: Catalog, database: Database) -> None:
    queues = Queues(database)
    alerts = BreachAlerts(catalog, queues, BreachLog(database))
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE)
    assert len(alerts.step(minutes_after(handoff, 30))) == 1
    queues.transfer(handoff.id, catalog.agencies["housing"], "")
    moved = queues.get(handoff.id)
    assert moved is not None and moved.breach_alerted_at is None
    assert alerts.step(minutes_after(moved, 1)) == []
    assert len(alerts.step(minutes_after(moved, 30))) == 1


def test_a_late_crisis_pages_with_a_console_link_and_none_of_the_residents_words(
    catalog: Catalog, database: Database
) -> None:
    queues = Queues(database)
    handoff = queues.open("c-crisis", "webchat", "contact_center", HandoffReason.CRISIS,
                          priority_reason=RESIDENT_WORDS)
    crisis = catalog.city.crisis.respond_within_minutes
    with recording_webhook() as (url, pages):
        [breach] = BreachAlerts(catalog, queues, BreachLog(database), pager_for(settings_paging(url), catalog)).step(
            minutes_after(handoff, crisis + 1))
    assert breach.paged
    [page] = pages
    assert page["link"] == f"https://console.example/handoffs/{handoff.id}"
    assert page["text"] == (f"One Door: A resident in crisis has waited {crisis + 1} min in the 311 Contact Center "
                            f"queue, past its {crisis} min standard. Open: {page['link']}")
    assert (page["waited_minutes"], page["standard_minutes"]) == (crisis + 1, crisis)
    assert "Elm" not in str(page) and "c-crisis" not in str(page)


def test_without_a_webhook_the_alert_stays_in_the_console(catalog: Catalog) -> None:
    assert pager_for(Settings(breach_page_url=""), catalog) is None


def test_a_webhook_that_fails_never_stops_the_alert(catalog: Catalog, database: Database) -> None:
    queues = Queues(database)
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE)
    pager = pager_for(settings_paging("http://127.0.0.1:9/page"), catalog)
    [breach] = BreachAlerts(catalog, queues, BreachLog(database), pager).step(minutes_after(handoff, 30))
    assert not breach.paged
    assert queues.get(handoff.id).breach_alerted_at is not None  # type: ignore[union-attr]


def test_several_checkers_at_once_alert_and_page_once_per_breach(catalog: Catalog, database: Database) -> None:
    """Four checkers, each with its own engine as replicas would have, step at the same instant."""
    url = database.engine.url.render_as_string(hide_password=False)
    late = [Queues(database).open(f"c-{n}", "sms", "water", HandoffReason.STAFF_SERVICE) for n in range(3)]
    at = minutes_after(late[-1], 30)
    start = threading.Barrier(4)
    with recording_webhook() as (hook, pages), recording_smtp() as (host, port, mails):
        mail = mailing(host, port)

        def checker(_: int) -> int:
            engine = make_engine(url)
            replica = Database(engine)
            pager = pager_for(settings_paging(hook, **mail), catalog)
            alerts = BreachAlerts(catalog, Queues(replica), BreachLog(replica), pager)
            start.wait()
            try:
                return len(alerts.step(at))
            finally:
                engine.dispose()

        with ThreadPoolExecutor(4) as pool:
            alerted = list(pool.map(checker, range(4)))
    assert sum(alerted) == 3
    links = sorted(f"https://console.example/handoffs/{h.id}" for h in late)
    assert sorted(page["link"] for page in pages) == links
    assert sorted(mail.message.get_content().split("Open: ")[1].strip() for mail in mails  # type: ignore[union-attr]
                  ) == links


def test_the_handoff_watcher_alerts_before_it_escalates(catalog: Catalog, database: Database) -> None:
    queues = Queues(database)
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    sent: list[Any] = []
    alerts = BreachAlerts(catalog, queues, BreachLog(database),
                          lambda h, wait: sent.append((h.id, wait.waited_minutes)) is None)
    watch = HandoffWatch(catalog, queues, CaseStore(database), FakeResident(), alerts)
    asyncio.run(watch.step(minutes_after(handoff, 12)))
    assert sent == [(handoff.id, 12)]
    asyncio.run(watch.step(minutes_after(handoff, 13)))
    assert sent == [(handoff.id, 12)]
    assert queues.get(handoff.id).escalated_at is not None  # type: ignore[union-attr]


def test_a_breach_is_mailed_once_with_a_console_link_and_none_of_the_residents_words(
    catalog: Catalog, database: Database
) -> None:
    queues = Queues(database)
    handoff = queues.open("c-elm", "sms", "housing", HandoffReason.STAFF_SERVICE, priority_reason=RESIDENT_WORDS)
    standard = catalog.agencies["housing"].handoff.answer_within_minutes
    with recording_smtp() as (host, port, mails):
        alerts = BreachAlerts(catalog, queues, BreachLog(database),
                              pager_for(settings_paging(**mailing(host, port)), catalog))
        [breach] = alerts.step(minutes_after(handoff, standard + 2))
        assert alerts.step(minutes_after(handoff, standard + 40)) == []
    assert breach.paged
    [mail] = mails
    assert (mail.sender, mail.recipients, mail.login) == (
        "onedoor@city.example", ["duty@city.example", "lead@city.example"], "alerts:relay secret")
    assert mail.message is not None
    assert mail.message["Subject"] == "One Door: a late wait in the Housing and Code Enforcement queue"
    assert mail.message["To"] == "duty@city.example, lead@city.example"
    assert mail.message.get_content() == (
        f"One Door: A resident has waited {standard + 2} min in the Housing and Code Enforcement queue, past its "
        f"{standard} min standard. Open: https://console.example/handoffs/{handoff.id}\n")
    assert "Elm" not in mail.message.as_string() and "c-elm" not in mail.message.as_string()


def test_with_starttls_required_a_relay_without_it_is_sent_nothing(catalog: Catalog, database: Database) -> None:
    queues = Queues(database)
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE)
    with recording_smtp() as (host, port, mails):
        pager = pager_for(settings_paging(**mailing(host, port, starttls=True)), catalog)
        [breach] = BreachAlerts(catalog, queues, BreachLog(database), pager).step(minutes_after(handoff, 30))
    assert not breach.paged and mails == []
    assert queues.get(handoff.id).breach_alerted_at is not None  # type: ignore[union-attr]


def test_mail_needs_a_relay_a_sender_and_recipients(catalog: Catalog) -> None:
    everything = mailing("127.0.0.1", 25)
    for missing in ("alert_smtp_host", "alert_smtp_from", "breach_email_to"):
        assert pager_for(Settings(**{**everything, missing: ""}), catalog) is None
