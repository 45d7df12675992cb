"""The live console over real HTTP: the server-sent event stream carries each change to a queue the member may
open and each new message there, a wait passing its standard arrives as late, and supervisors see service levels
per agency. Real SQLite and PostgreSQL; the change log is the one replicas share."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from datetime import timedelta, timezone

import pytest
from starlette.testclient import TestClient

from bot.catalog import Catalog
from bot.console import live
from bot.console.app import Console
from bot.db import Database
from bot.handoff_records import Handoff, HandoffReason
from bot.queues import Queues
from bot.staff import StaffDirectory, StaffRole
from tests.bot.console_client import PASSWORD, Clock, RecordingRasa, browser, csrf_of, make_console
from tests.bot.test_console_supervision import signed_in
# Long enough to subscribe and hear a change or two; the stream then ends, as it does every few minutes in use.
STREAM_SECONDS = 4.0


@pytest.fixture(autouse=True)
def short_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "STREAM_SECONDS", STREAM_SECONDS)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def console(catalog: Catalog, database: Database, clock: Clock) -> Console:
    directory = StaffDirectory(database)
    directory.add("sam", "Sam Example", "water", StaffRole.AGENT, PASSWORD)
    directory.add("kim", "Kim Example", "water", StaffRole.SUPERVISOR, PASSWORD)
    return make_console(catalog, database, clock)


def events_while(client: TestClient, act: Callable[[], None]) -> list[tuple[str, dict[str, object]]]:
    """The events the stream carries while `act` runs, once the stream has subscribed, until the stream ends.

    The test client hands over a response when it is complete, so the whole stream is read at its end.
    """
    acting = threading.Timer(1.5, act)  # the stream is open and its hub has polled once by then
    acting.start()
    response = client.get("/live/events")
    acting.join()
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    lines = response.text.splitlines()
    assert lines[0] == f"retry: {live.RECONNECT_MS}"
    return [(kind.removeprefix("event: "), json.loads(data.removeprefix("data: ")))
            for kind, data in zip(lines, lines[1:]) if kind.startswith("event: ")]


def test_the_stream_is_for_signed_in_staff_only(console: Console) -> None:
    assert browser(console).get("/live/events").status_code == 401


def test_an_agent_hears_of_their_queue_and_its_messages_and_nothing_of_other_queues(
    console: Console, database: Database
) -> None:
    queues = Queues(database)
    opened: list[int] = []

    def act() -> None:
        queues.open("c-housing", "sms", "housing", HandoffReason.STAFF_SERVICE)
        opened.append(queues.open("c-water", "webchat", "water", HandoffReason.STAFF_SERVICE).id)
        queues.note_message("c-housing")
        queues.note_message("c-water")

    heard = events_while(signed_in(console, "sam"), act)
    water = {"handoff": opened[0], "agency": "Water and Sewer Utility"}
    assert heard == [("queued", water), ("message", water)]


def water_handoff_waited(database: Database, clock: Clock, minutes: float) -> Handoff:
    """A new handoff in the water queue, the console's clock `minutes` past its opening."""
    handoff = Queues(database).open("c-water", "sms", "water", HandoffReason.STAFF_SERVICE)
    since = handoff.waiting_since or handoff.created_at
    clock.at = (since if since.tzinfo else since.replace(tzinfo=timezone.utc)) + timedelta(minutes=minutes)
    return handoff


def test_a_wait_passing_its_standard_reaches_open_pages_as_late(
    catalog: Catalog, console: Console, database: Database, clock: Clock
) -> None:
    handoff = water_handoff_waited(database, clock, minutes=5)
    standard = catalog.agencies["water"].handoff.answer_within_minutes

    def act() -> None:
        clock.advance(minutes=standard)

    heard = events_while(signed_in(console, "sam"), act)
    assert heard == [("late", {"handoff": handoff.id, "agency": "Water and Sewer Utility"})]
    queue = signed_in(console, "sam").get("/queue/part").text
    assert "level-late" in queue and f'href="/handoffs/{handoff.id}"' in queue


def test_the_queue_part_is_the_queue_without_the_page(console: Console, database: Database) -> None:
    handoff = Queues(database).open("c-water", "sms", "water", HandoffReason.STAFF_SERVICE)
    part = signed_in(console, "sam").get("/queue/part")
    assert part.status_code == 200
    assert f'href="/handoffs/{handoff.id}"' in part.text and "<html" not in part.text
    assert browser(console).get("/queue/part").status_code == 401


def test_pages_load_the_live_script_and_no_inline_script(console: Console) -> None:
    page = signed_in(console, "sam").get("/").text
    assert '<script src="/static/live.js" defer></script>' in page
    assert "<script>" not in page and 'http-equiv="refresh"' not in page


def test_supervisors_see_service_levels_per_agency_and_agents_do_not(
    catalog: Catalog, console: Console, database: Database, clock: Clock
) -> None:
    queues = Queues(database)
    late = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE)
    queues.open("c-2", "sms", "water", HandoffReason.STAFF_SERVICE)
    queues.claim(queues.open("c-3", "sms", "water", HandoffReason.STAFF_SERVICE).id, "sam")
    queues.open("c-4", "sms", "housing", HandoffReason.STAFF_SERVICE)
    since = late.waiting_since or late.created_at
    clock.at = (since if since.tzinfo else since.replace(tzinfo=timezone.utc)) + timedelta(minutes=25)
    standard = catalog.agencies["water"].handoff.answer_within_minutes

    page = signed_in(console, "kim").get("/").text
    levels = page.split('id="levels-heading"')[1].split("</section>")[0]
    row = levels.split('data-agency="water"')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]
    assert cells == ["Water and Sewer Utility", "2", "1",
                     f"25 min of {standard} min · <strong>late</strong>", "2"]
    assert 'class="level level-late" data-agency="water"' in levels
    assert "Housing" not in levels  # a water supervisor sees the water queue only
    assert "Service levels by agency" not in signed_in(console, "sam").get("/").text


def test_the_stream_ends_by_itself_so_a_signed_out_member_stops_hearing(console: Console) -> None:
    client = signed_in(console, "sam")
    started = time.monotonic()
    assert events_while(client, lambda: None) == []
    assert time.monotonic() - started < STREAM_SECONDS + 5


def test_a_staff_reply_reaches_another_members_open_conversation_as_a_message(
    catalog: Catalog, database: Database, clock: Clock
) -> None:
    console = make_console(catalog, database, clock, rasa=RecordingRasa())
    StaffDirectory(database).add("sam", "Sam Example", "water", StaffRole.AGENT, PASSWORD)
    StaffDirectory(database).add("jo", "Jo Example", "water", StaffRole.AGENT, PASSWORD)
    queues = Queues(database)
    handoff = queues.open("c-water", "webchat", "water", HandoffReason.STAFF_SERVICE)
    queues.claim(handoff.id, "sam")
    sam = signed_in(console, "sam")
    token = csrf_of(sam, f"/handoffs/{handoff.id}")

    def act() -> None:
        assert sam.post(f"/handoffs/{handoff.id}/reply", data={"csrf": token, "text": "on my way"},
                        follow_redirects=False).status_code == 303

    heard = events_while(signed_in(console, "jo"), act)
    assert heard == [("message", {"handoff": handoff.id, "agency": "Water and Sewer Utility"})]
    transcript = signed_in(console, "jo").get(f"/handoffs/{handoff.id}/transcript").text
    assert "Sam, Water and Sewer Utility: on my way" in transcript


def test_open_alerts_survive_a_reload_and_an_acknowledgement_ends_them_for_everyone(
    catalog: Catalog, console: Console, database: Database, clock: Clock
) -> None:
    handoff = water_handoff_waited(database, clock, minutes=40)
    standard = catalog.agencies["water"].handoff.answer_within_minutes
    events_while(signed_in(console, "sam"), lambda: None)  # an open page's check raises the alert

    sam, kim = signed_in(console, "sam"), signed_in(console, "kim")
    for _ in range(2):  # as often as the page reloads
        part = sam.get("/alerts/part").text
        assert "Late: a conversation in the Water and Sewer Utility queue has waited past its standard " \
               f"(40 min of {standard} min)" in part
        assert f'href="/handoffs/{handoff.id}"' in part and "Acknowledge" not in part
    assert "Acknowledge" in kim.get("/alerts/part").text
    [alert_id] = re.findall(r'action="/alerts/(\d+)/acknowledge"', kim.get("/alerts/part").text)
    assert sam.post(f"/alerts/{alert_id}/acknowledge", data={"csrf": csrf_of(sam, "/")}).status_code == 403

    def act() -> None:
        assert kim.post(f"/alerts/{alert_id}/acknowledge", data={"csrf": csrf_of(kim, "/")},
                        follow_redirects=False).status_code == 303

    heard = events_while(signed_in(console, "sam"), act)
    assert heard == [("acknowledged", {"handoff": handoff.id, "agency": "Water and Sewer Utility"})]
    assert "alert-late" not in sam.get("/alerts/part").text
    assert browser(console).get("/alerts/part").status_code == 401
