"""Liveness, readiness, metrics and request ids of the real processes: Rasa (its `ops` connector), the action
server and the console, with a fake Twilio for SMS and a real Redis for the rate limits.

The action server Rasa calls is started here, so that a test can stop it and see Rasa's readiness name it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from bot import migrate
from bot.db import Database, make_engine
from bot.messaging.outbox import OutboxRecord, OutboxStatus
from bot.handoff_records import HandoffReason
from bot.queues import Queues
from scripts.assistant import MODEL, ROOT, Assistant, free_port, running_assistant, stop, wait_for
from tests.e2e.conftest import VAGUE_REQUEST
from tests.fakes import QUICK_OUTBOX
from tests.fakes.twilio import FakeTwilio

METRICS_TOKEN = secrets.token_urlsafe(24)
ACTION_SECRET = secrets.token_urlsafe(32)
# A Redis database of its own, so that other sessions' counts stay apart.
REDIS_URL = f"redis://127.0.0.1:6379/{11 + secrets.randbelow(4)}"
SETTLE_SECONDS = 30.0
# A per-sender limit low enough for one test to pass it; every other test writes from a new sender.
PER_SENDER = "4/minute"


@dataclass
class Observed:
    assistant: Assistant
    twilio: FakeTwilio
    work: Path
    actions: subprocess.Popen[bytes]
    actions_url: str

    def metrics(self, url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        answer = requests.get(url, headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=10)
        assert answer.status_code == 200, answer.text
        return {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(answer.text) for sample in family.samples
        }

    @property
    def rasa_metrics(self) -> str:
        return f"{self.assistant.base_url}/webhooks/ops/metrics"

    def say(self, sender: str, text: str, headers: dict[str, str] | None = None) -> requests.Response:
        answer = requests.post(
            f"{self.assistant.base_url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
            headers={"Authorization": f"Bearer {self.assistant.rest_token}", **(headers or {})}, timeout=60,
        )
        assert answer.status_code == 200, answer.text
        return answer


def start_actions(work: Path, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = work / f"actions-{port}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "actions.server", "--port", str(port)], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env}, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    wait_for(f"http://127.0.0.1:{port}/live", process, log)
    return process


@pytest.fixture(scope="module")
def observed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Observed]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    work = tmp_path_factory.mktemp("observability")
    port = free_port()
    common = {
        "ONE_DOOR_ACTION_SECRET": ACTION_SECRET, "ONE_DOOR_METRICS_TOKEN": METRICS_TOKEN,
        "ONE_DOOR_RATE_LIMIT_REDIS_URL": REDIS_URL, "ONE_DOOR_RATE_LIMIT_PER_SENDER": PER_SENDER,
        "ONE_DOOR_PSEUDONYM_KEY": "k" * 32,
    }
    with FakeTwilio() as twilio:
        env = {**twilio.settings(), **QUICK_OUTBOX, **common, "ONE_DOOR_ACTION_URL": f"http://127.0.0.1:{port}/webhook"}
        (work / "assistant").mkdir()
        with running_assistant(work / "assistant", env=env) as assistant:
            actions = start_actions(work, port, {**common, "ONE_DOOR_DATABASE_URL": assistant.database_url})
            try:
                yield Observed(assistant, twilio, work, actions, f"http://127.0.0.1:{port}")
            finally:
                stop([actions])


def test_every_process_is_alive_and_ready(observed: Observed) -> None:
    rasa, console = observed.assistant.base_url, observed.assistant.console_url
    for url in (f"{rasa}/webhooks/ops/live", f"{observed.actions_url}/live", f"{console}/live"):
        assert requests.get(url, timeout=10).status_code == 200, url
    for url in (f"{rasa}/webhooks/ops/ready", f"{observed.actions_url}/ready", f"{console}/ready"):
        answer = requests.get(url, timeout=10)
        assert (answer.status_code, answer.json()) == (200, {"status": "ready"}), url


def test_metrics_need_the_token_when_one_is_set(observed: Observed) -> None:
    for url in (observed.rasa_metrics, f"{observed.actions_url}/metrics", f"{observed.assistant.console_url}/metrics"):
        assert requests.get(url, timeout=10).status_code == 401, url
        assert requests.get(url, headers={"Authorization": "Bearer wrong"}, timeout=10).status_code == 401, url


def increase(before: dict, after: dict, name: str, **labels: str) -> float:
    """How much the samples named `name` whose labels include `labels` grew, summed."""
    def total(samples: dict) -> float:
        return sum(value for (sample, pairs), value in samples.items()
                   if sample == name and labels.items() <= dict(pairs).items())
    return total(after) - total(before)


def test_a_message_is_counted_once_under_its_channel_and_intent(observed: Observed) -> None:
    before = observed.metrics(observed.rasa_metrics)
    observed.say(uuid.uuid4().hex, "how do i get a copy of my birth certificate")
    after = observed.metrics(observed.rasa_metrics)
    grown = {pairs: after[(name, pairs)] - before.get((name, pairs), 0.0) for name, pairs in after
             if name == "onedoor_messages_total" and after[(name, pairs)] != before.get((name, pairs), 0.0)}
    assert len(grown) == 1 and list(grown.values()) == [1.0]
    labels = dict(next(iter(grown)))
    assert labels["channel"] == "rest" and labels["intent"] not in ("other", "nlu_fallback", "")
    assert increase(before, after, "onedoor_reply_seconds_count", channel="rest") == 1


def test_fallback_out_of_scope_rejections_and_rate_limits_are_counted(observed: Observed) -> None:
    before = observed.metrics(observed.rasa_metrics)
    observed.say(uuid.uuid4().hex, VAGUE_REQUEST)
    observed.say(uuid.uuid4().hex, "/out_of_scope")
    refused = requests.post(f"{observed.assistant.base_url}/webhooks/rest/webhook", json={"message": "hi"},
                            headers={"Authorization": "Bearer wrong"}, timeout=10)
    assert refused.status_code == 401
    flooding = uuid.uuid4().hex
    for _ in range(int(PER_SENDER.split("/")[0]) + 1):
        observed.say(flooding, "hello")
    after = observed.metrics(observed.rasa_metrics)
    assert increase(before, after, "onedoor_fallback_total", channel="rest") == 1
    assert increase(before, after, "onedoor_messages_total", channel="rest", intent="nlu_fallback") == 1
    assert increase(before, after, "onedoor_out_of_scope_total", channel="rest") == 1
    assert increase(before, after, "onedoor_webhook_rejected_total", channel="rest", reason="bad_token") == 1
    assert increase(before, after, "onedoor_rate_limited_total", channel="rest", limit="sender") == 1


def test_the_console_reports_queues_and_the_outbox_from_the_database(observed: Observed) -> None:
    url = f"{observed.assistant.console_url}/metrics"
    before = observed.metrics(url)
    Queues(Database(make_engine(observed.assistant.database_url))).open(
        uuid.uuid4().hex, "rest", "public_works", HandoffReason.ASKED_FOR_PERSON
    )
    after = observed.metrics(url)
    assert increase(before, after, "onedoor_handoff_queue_length", agency="public_works") == 1
    assert ("onedoor_handoff_oldest_wait_seconds", (("agency", "public_works"),)) in after
    assert ("onedoor_outbox_pending", (("channel", "sms"),)) in after
    assert ("onedoor_outbox_oldest_pending_seconds", (("channel", "sms"),)) in after


def json_lines(path: Path) -> list[dict]:
    lines = []
    for line in path.read_text(errors="replace").splitlines():
        try:
            lines.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return lines


def test_one_request_id_follows_a_message_to_the_action_server_and_the_outbox(observed: Observed) -> None:
    request_id = f"trace-{uuid.uuid4().hex}"
    phone = f"+1555{secrets.randbelow(10**7):07d}"
    webhook = f"{observed.assistant.base_url}/webhooks/sms/webhook"
    form = observed.twilio.inbound_form(phone, VAGUE_REQUEST)
    answer = requests.post(webhook, data=form, timeout=60, headers={
        "X-Twilio-Signature": observed.twilio.signature(webhook, form), "X-Request-ID": request_id,
    })
    assert answer.status_code == 200 and answer.headers["X-Request-ID"] == request_id
    database = Database(make_engine(observed.assistant.database_url))
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        with database.transaction() as session:
            rows = session.query(OutboxRecord).filter_by(request_id=request_id).all()
            statuses = {row.status for row in rows}
        if rows and statuses == {OutboxStatus.SENT}:
            break
        assert time.monotonic() < deadline, f"outbox rows for the request: {statuses}"
        time.sleep(0.2)
    calls = [line for line in json_lines(observed.work / f"actions-{observed.actions_url.rsplit(':', 1)[1]}.log")
             if line.get("request_id") == request_id]
    assert any(re.match(r"actions\.call action=action_handle_fallback status=200", line["event"]) for line in calls)
    rasa_lines = [line for line in json_lines(observed.work / "assistant" / "rasa.log")
                  if line.get("request_id") == request_id]
    assert {"outbox.queued", "outbox.sent"} <= {line["event"].split(" ")[0] for line in rasa_lines}
    logs = "\n".join(path.read_text(errors="replace") for path in observed.work.rglob("*.log"))
    assert phone not in logs and phone.lstrip("+") not in logs and VAGUE_REQUEST not in logs


def test_a_rest_caller_gets_its_request_id_back_and_in_the_action_servers_log(observed: Observed) -> None:
    request_id = f"rest-{uuid.uuid4().hex}"
    answer = observed.say(uuid.uuid4().hex, VAGUE_REQUEST, {"X-Request-ID": request_id})
    assert answer.headers["X-Request-ID"] == request_id
    log = observed.work / f"actions-{observed.actions_url.rsplit(':', 1)[1]}.log"
    assert any(line.get("request_id") == request_id for line in json_lines(log))


def test_readiness_names_the_database_and_redis_that_do_not_answer(observed: Observed, tmp_path: Path) -> None:
    database = tmp_path / "onedoor.db"
    migrate.upgrade(f"sqlite:///{database}")
    closed, port = free_port(), free_port()  # nothing listens on `closed`
    process = start_actions(tmp_path, port, {
        "ONE_DOOR_ACTION_SECRET": ACTION_SECRET, "ONE_DOOR_DATABASE_URL": f"sqlite:///{database}",
        "ONE_DOOR_RATE_LIMIT_REDIS_URL": f"redis://127.0.0.1:{closed}/0",
    })
    try:
        database.unlink()
        database.mkdir()  # the database lost after the start: a folder where the file was, which nothing can open
        answer = requests.get(f"http://127.0.0.1:{port}/ready", timeout=10)
    finally:
        stop([process])
    assert answer.status_code == 503
    assert answer.json()["status"] == "not ready"
    assert set(answer.json()["failed"]) == {"database", "redis"}


def test_rasa_is_not_ready_without_its_action_server_and_says_so(observed: Observed) -> None:
    stop([observed.actions])
    answer = requests.get(f"{observed.assistant.base_url}/webhooks/ops/ready", timeout=10)
    assert answer.status_code == 503
    assert set(answer.json()["failed"]) == {"action_server"}
    assert requests.get(f"{observed.assistant.base_url}/webhooks/ops/live", timeout=10).status_code == 200

