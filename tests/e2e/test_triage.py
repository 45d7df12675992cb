"""A service owner triages unresolved messages in real Chromium and exports training data Rasa accepts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser, expect
from rasa.shared.nlu.training_data.loading import load_data

from bot.db import Database, make_engine
from bot.staff import StaffDirectory, StaffRole
from bot.triage import TriageInbox
from bot.unresolved import Triage, UnresolvedKind, UnresolvedLog
from scripts.assistant import ROOT, Assistant
from tests.e2e.test_console import PASSWORD, staff_page

ROAD = [
    "there is a massive crater in the road outside 42 Elm Street, call me on 555-201-3344",
    "massive crater in the road near the school",
    "a crater in the road broke my tyre",
    "crater in the road by the bridge is getting bigger",
]
# Other tests share the assistant's database; this test's messages are told apart by their conversation.
CONVERSATION = "sms-triage-test"
DOGS = ["how do I license my dog", "dog license renewal", "where do I get a dog license", "license for my new dog"]


def test_a_service_owner_assigns_a_theme_and_exports_valid_nlu_data(
    browser: Browser, assistant: Assistant, tmp_path: Path
) -> None:
    database = Database(make_engine(assistant.database_url))
    StaffDirectory(database).add("owner", "Robin Example", "contact_center", StaffRole.SERVICE_OWNER, PASSWORD)
    log = UnresolvedLog(database)
    for text in ROAD + DOGS:
        log.record(text, "sms", CONVERSATION, [("nlu_fallback", 0.3)], UnresolvedKind.FALLBACK)

    page = staff_page(browser, assistant, "owner")
    page.get_by_role("link", name="Unresolved").click()
    expect(page.get_by_role("heading", name="Unresolved messages")).to_be_visible()
    assert "555-201-3344" not in page.content() and "42 Elm Street" not in page.content()
    road = page.locator("fieldset.theme", has_text="massive crater in the road near the school")
    expect(road.locator("legend")).to_contain_text("4 messages")
    road.get_by_label("Select the whole theme").check()
    page.get_by_label("Existing intent").select_option("pothole_report")
    page.get_by_role("button", name="Assign to intent").click()
    expect(page.get_by_role("status")).to_contain_text("4 messages updated")
    dogs = page.locator("fieldset.theme", has_text="dog license renewal")
    dogs.get_by_label("Select the whole theme").check()
    page.get_by_label("New service need").fill("Dog licensing")
    page.get_by_role("button", name="Mark as new service need").click()

    with page.expect_download() as download:
        page.get_by_role("button", name="Export assigned messages as Rasa NLU YAML").click()
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    exported = project / "data" / "nlu" / "from_triage.yml"
    download.value.save_as(exported)

    examples = {(m.get("text"), m.get("intent")) for m in load_data(str(exported)).intent_examples}
    samples = {"42 Elm Street": "100 Main Street", "555-201-3344": "555-0100"}
    expected = set()
    for text in ROAD:
        for real, sample in samples.items():
            text = text.replace(real, sample)
        expected.add((text, "pothole_report"))
    assert examples == expected
    validate = subprocess.run(
        [sys.executable, "-m", "rasa", "data", "validate", "--domain", str(ROOT / "domain.yml"),
         "--data", str(project / "data"), "--config", str(ROOT / "config.yml")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert validate.returncode == 0, validate.stdout[-3000:] + validate.stderr[-3000:]
    states = {(m.triage, m.assigned_intent, m.service_need) for m in TriageInbox(database).messages()
              if m.conversation_id == CONVERSATION}
    assert states == {(Triage.ADDED_TO_TRAINING, "pothole_report", None), (Triage.REVIEWED, None, "Dog licensing")}
