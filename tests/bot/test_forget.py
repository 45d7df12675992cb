"""`forget` removes every trace of one resident from both stores, and leaves everyone else's data alone."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import datetime, timezone

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Engine
from starlette.testclient import TestClient

from bot.attachments import Attachment, AttachmentKind, Attachments
from bot.audit import AuditLog, AuditRecord, StaffAction
from bot.cases import CaseRecord, CaseStatus, CaseStore, NewCase
from bot.catalog import Catalog
from bot.cli import main
from bot.console.app import Console, create_app
from bot.db import Database, make_engine
from bot.feedback import Feedback, FeedbackLog
from bot.handoff_records import HandoffReason
from bot.integrations.rasa import RasaClient
from bot.messaging.contacts import Contacts, pseudonym
from bot.messaging.inbound import InboundLog
from bot.messaging.outbox import Outbox, Outgoing
from bot.queues import Queues
from bot.retention.forget import NotAResident, conversation_for, forget
from bot.retention.work import REMOVED
from bot.staff import StaffDirectory, StaffRole
from bot.unresolved import UnresolvedKind, UnresolvedLog
from tests.bot.conftest import TrackerStore

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
KEY = b"test-pseudonym-key"
@dataclass(frozen=True)
class Resident:
    """An obviously fake resident on SMS, with words nobody else writes."""

    phone: str
    place: str
    animal: str
    name: str
    message_sid: str


QUENTIN = Resident("+15551234567", "Zanzibar Crescent", "quokka", "Marmaduke", "SMquentin1")
OLIVE = Resident("+15557654321", "Wobbleton Mews", "axolotl", "Ottoline", "SMolive1")


def _seed(database: Database, trackers: TrackerStore, resident: Resident) -> str:
    """Everything a resident leaves behind on SMS, through the code that writes it in production."""
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    phone, name = resident.phone, resident.name
    sender = pseudonym("sms", phone, KEY)
    InboundLog(database).first_time("sms", resident.message_sid, sender)
    Contacts(database).remember("sms", sender, phone)
    Attachments(database).add(sender, Attachment(AttachmentKind.PHONE, phone, "sms"))
    Attachments(database).add(sender, Attachment(AttachmentKind.PHOTO, f"https://media.example/{resident.animal}.jpg",
                                                  "sms"))
    case = CaseStore(database).create(NewCase("pothole_report", "public_works", "sms", sender, f"4 {resident.place}",
                                              f"a {resident.animal} fell in the pothole", phone))
    CaseStore(database).set_status(case.reference, CaseStatus.IN_PROGRESS, f"crew on the way, {name}")
    Attachments(database).add(sender, Attachment(AttachmentKind.PHONE, phone, "sms"))  # for the next case
    Outbox(database).enqueue("sms", sender, Outgoing(f"Thanks {name}, your report is filed"))
    handoff = Queues(database).open(sender, "sms", "public_works", HandoffReason.ASKED_FOR_PERSON, "pothole_report")
    Queues(database).claim(handoff.id, "pat.example")
    AuditLog(database).record("pat.example", StaffAction.TRANSFER, sender, "public_works", f"{name} is upset")
    FeedbackLog(database).record(sender, Feedback(NOW, "sms", "pothole_report", "public_works", False))
    UnresolvedLog(database).record(f"what about the {resident.animal} grr", "sms", sender, [("pothole_report", 0.2)],
                                   UnresolvedKind.FALLBACK)
    tracker = DialogueStateTracker(sender, slots=[])
    tracker.update(UserUttered(f"a {resident.animal} is stuck at {resident.place}", input_channel="sms",
                               message_id=resident.message_sid))
    tracker.update(BotUttered(f"Sorry to hear that, {name}"))
    asyncio.run(trackers.store.save(tracker))
    return sender


def _everything(engine: Engine) -> str:
    """Every value of every row of every table, as one text to search."""
    with engine.connect() as connection:
        return "\n".join(
            " ".join(str(value) for value in row)
            for table in inspect(connection).get_table_names()
            for row in connection.execute(text(f'select * from "{table}"'))
        )


def _traces(resident: Resident, sender: str) -> list[str]:
    """What must not survive: the number in both forms, the conversation id, the provider's id, the free text."""
    return [resident.phone, resident.phone.removeprefix("+1"), sender, resident.message_sid, resident.place,
            resident.animal, resident.name]


def test_forget_removes_every_trace_of_a_resident_and_nobody_elses(database: Database, trackers: TrackerStore) -> None:
    quentin = _seed(database, trackers, QUENTIN)
    olive = _seed(database, trackers, OLIVE)
    tracker_engine = make_engine(trackers.url)
    olive_before = [_everything(database.engine).count(trace) for trace in _traces(OLIVE, olive)]
    seeded = _everything(database.engine) + _everything(tracker_engine)
    assert [trace for trace in _traces(QUENTIN, quentin) if trace not in seeded] == []

    removed = forget(database, tracker_engine, conversation_for("sms", "+1 (555) 123-4567", KEY), "clerk", NOW)

    assert removed.deleted == {"events": removed.deleted["events"], "channel_contacts": 1, "outbox": 1,
                               "inbound_deliveries": 1, "case_attachments": 3, "unresolved_messages": 1,
                               "feedback": 1}
    assert removed.deleted["events"] >= 2
    assert removed.anonymised == {"case_updates": 1, "cases": 1, "handoffs": 1, "audit_log": 1}
    for store in (database.engine, tracker_engine):
        everything = _everything(store)
        assert [trace for trace in _traces(QUENTIN, quentin) if trace in everything] == []
    assert [_everything(database.engine).count(trace) for trace in _traces(OLIVE, olive)] == olive_before
    assert asyncio.run(trackers.store.keys()) == [olive]


def test_a_forgotten_residents_case_stays_as_a_closed_anonymous_stub_and_the_fact_is_audited(
    database: Database, trackers: TrackerStore
) -> None:
    quentin = _seed(database, trackers, QUENTIN)
    forget(database, make_engine(trackers.url), quentin, "clerk", NOW)
    with database.transaction() as session:
        stub = session.execute(select(CaseRecord)).scalar_one()
        assert (stub.service_id, stub.status, stub.conversation_id, stub.location, stub.description, stub.contact) == (
            "pothole_report", CaseStatus.CLOSED, REMOVED, None, None, None)
        entry = session.execute(select(AuditRecord).where(AuditRecord.action == StaffAction.FORGET)).scalar_one()
    assert (entry.actor, entry.conversation_id) == ("clerk", None)
    assert "channel_contacts: 1 deleted" in entry.detail and QUENTIN.phone not in entry.detail
    assert Queues(database).waiting() == []


def test_a_dry_run_counts_the_same_and_changes_nothing(database: Database, trackers: TrackerStore) -> None:
    quentin = _seed(database, trackers, QUENTIN)
    engine = make_engine(trackers.url)
    before = _everything(database.engine), _everything(engine)
    dry = forget(database, engine, quentin, "clerk", NOW, dry_run=True)
    assert (_everything(database.engine), _everything(engine)) == before
    assert forget(database, engine, quentin, "clerk", NOW) == dry
    again = forget(database, engine, quentin, "clerk", NOW)
    assert again.total() == 0


@pytest.mark.parametrize("typed", ["+15551234567", "+1 555 123 4567", "+1 (555) 123-4567", " +1.555.123.4567 "])
def test_a_phone_number_is_found_however_it_is_typed(typed: str) -> None:
    assert conversation_for("sms", typed, KEY) == pseudonym("sms", "+15551234567", KEY)


@pytest.mark.parametrize(("channel", "address", "key"), [
    ("sms", "555 123 4567", KEY),  # no country code
    ("sms", "+1 555", KEY),
    ("telegram", "12ab", KEY),
    ("telegram", "123", b""),
    ("fax", "123", KEY),
    ("webchat", "  ", KEY),
])
def test_an_address_that_names_no_conversation_is_refused(channel: str, address: str, key: bytes) -> None:
    with pytest.raises(NotAResident):
        conversation_for(channel, address, key)


def test_the_forget_command_finds_the_resident_by_address_case_or_session(
    database: Database, trackers: TrackerStore, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.settings import get_settings

    monkeypatch.setenv("ONE_DOOR_PSEUDONYM_KEY", KEY.decode())
    get_settings.cache_clear()
    try:
        _seed(database, trackers, QUENTIN)
        reference = CaseStore(database).list(None)[0].view.reference
        url = database.engine.url.render_as_string(hide_password=False)
        stores = ["--url", url, "--trackers", trackers.url]
        outputs = []
        for command in (["--channel", "sms", "--address", "+1 555 123 4567", "--dry-run"],
                        ["--case", reference.lower()], ["--channel", "webchat", "--session", "0123abcd"],
                        ["--case", reference]):
            outputs.append((main(["forget", *command, *stores]), *capsys.readouterr()))
    finally:
        get_settings.cache_clear()
    (dry_code, dry_run, _), (case_code, by_case, _), (session_code, by_session, _), (again_code, _, refused) = outputs
    assert (dry_code, case_code, session_code, again_code) == (0, 0, 0, 2)
    assert dry_run.startswith("dry run") and "channel_contacts: 1 deleted" in dry_run
    assert "channel_contacts: 1 deleted" in by_case and "cases: 1 anonymised" in by_case
    assert "cases: 0 anonymised" in by_session
    assert "already removed" in refused
    assert all(QUENTIN.phone not in out for _, out, _ in outputs)


class _RecordingRasa(RasaClient):
    """Rasa's HTTP API as the console sees it, recording whom it would write to instead of writing."""

    def __init__(self) -> None:
        super().__init__("http://127.0.0.1:9", "token")
        self.told: list[str] = []

    async def say(self, conversation_id: str, text: str) -> None:
        self.told.append(conversation_id)


def test_staff_changing_a_forgotten_residents_case_tell_nobody_but_are_audited(
    catalog: Catalog, database: Database
) -> None:
    created = CaseStore(database).create(NewCase("pothole_report", "public_works", "webchat", "web-quentin"))
    forget(database, None, "web-quentin", "clerk", NOW)
    StaffDirectory(database).add("pat", "Pat Example", "public_works", StaffRole.ADMIN, "a long test password")
    rasa = _RecordingRasa()
    client = TestClient(create_app(Console(catalog, database, rasa, "test secret")))
    login = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert login is not None
    client.post("/login", data={"csrf": login.group(1), "username": "pat", "password": "a long test password"})
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/cases").text)
    assert token is not None
    client.post(f"/cases/{created.reference}/status", data={"csrf": token.group(1), "status": "open", "note": "x"})
    assert rasa.told == []
    with database.transaction() as session:
        actions = list(session.execute(select(AuditRecord.action).order_by(AuditRecord.id)).scalars())
    assert actions[-1] is StaffAction.CASE_STATUS
