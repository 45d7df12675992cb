"""The staff console in real headless Chromium, with a resident on the web chat at the same time."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.db import Database, make_engine
from bot.handoff_records import HandoffReason
from bot.queues import Queues
from bot.staff import StaffDirectory, StaffRole
from scripts.assistant import Assistant
from tests.e2e.conftest import REPLY_TIMEOUT_MS
from tests.e2e.test_webchat_page import conversation_id, send

PASSWORD = "a long test password"
XSS = "<script>document.title='owned'</script><img src=x onerror=\"document.title='owned'\">"


@pytest.fixture(scope="module")
def staff(assistant: Assistant) -> StaffDirectory:
    directory = StaffDirectory(Database(make_engine(assistant.database_url)))
    directory.add("cc.agent", "Pat Example", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD)
    directory.add("water.agent", "Sam Example", "water", StaffRole.AGENT, PASSWORD)
    return directory


def resident_page(browser: Browser, assistant: Assistant) -> Page:
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"{assistant.base_url}/webhooks/webchat/chat")
    return page


def staff_page(browser: Browser, assistant: Assistant, username: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(f"{assistant.console_url}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Waiting conversations")).to_be_visible()
    return page


def test_wrong_password_is_refused(browser: Browser, assistant: Assistant, staff: StaffDirectory) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{assistant.console_url}/login")
    page.get_by_label("Username").fill("cc.agent")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong username or password.")


def test_staff_claim_reply_transfer_and_resolve_reach_the_resident(
    browser: Browser, assistant: Assistant, staff: StaffDirectory
) -> None:
    resident = resident_page(browser, assistant)
    send(resident, XSS)
    send(resident, "I need to speak to a real person please")
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("passed your conversation", timeout=REPLY_TIMEOUT_MS)

    session = conversation_id(resident)
    queues = Queues(Database(make_engine(assistant.database_url)))
    [handoff] = [h for h in queues.waiting({"contact_center"}) if h.conversation_id == session]

    agent = staff_page(browser, assistant, "cc.agent")
    expect(agent.locator(f"a[href='/handoffs/{handoff.id}']")).to_be_visible()
    agent.locator(f"a[href='/handoffs/{handoff.id}']").click()
    transcript = agent.locator(".transcript")
    expect(transcript).to_contain_text(XSS)  # shown as text, never run
    assert agent.title() != "owned"
    agent.get_by_role("button", name="Take this conversation").click()
    send(resident, "are you still there?")
    expect(agent.locator(".transcript")).to_contain_text("are you still there?", timeout=15_000)  # no reload
    agent.get_by_label("Message to the resident").fill("Hello, this is Pat at 311. Which street are you on?")
    agent.get_by_role("button", name="Send reply").click()
    expect(resident.locator(".onedoor-msg.bot").last).to_have_text(
        "Pat, 311 Contact Center: Hello, this is Pat at 311. Which street are you on?", timeout=REPLY_TIMEOUT_MS
    )
    expect(transcript).to_contain_text("Pat Example, 311 Contact Center (staff):")

    agent.get_by_label("To agency").select_option("water")
    agent.get_by_label("Note for their staff").fill("brown water for days, wants a person")
    agent.get_by_role("button", name="Transfer").click()
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("passed your conversation to Water and Sewer Utility")

    water = staff_page(browser, assistant, "water.agent")
    water.locator(f"a[href='/handoffs/{handoff.id}']").click()
    expect(water.get_by_text("brown water for days, wants a person")).to_be_visible()
    expect(water.locator(".transcript")).to_contain_text("I need to speak to a real person please")
    water.get_by_role("button", name="Take this conversation").click()
    water.get_by_label("Resolution note").fill("crew flushed the main")
    water.get_by_role("button", name="Resolve").click()
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("marked as resolved", timeout=REPLY_TIMEOUT_MS)

    send(resident, "thank you")
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("welcome", timeout=REPLY_TIMEOUT_MS)


def test_my_conversations_and_a_supervisor_taking_one_over(
    browser: Browser, assistant: Assistant, staff: StaffDirectory
) -> None:
    staff.add("water.lead", "Kim Example", "water", StaffRole.SUPERVISOR, PASSWORD)
    handoff = Queues(Database(make_engine(assistant.database_url))).open(
        "a-water-resident", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill"
    )
    agent = staff_page(browser, assistant, "water.agent")
    waiting = agent.locator("section", has=agent.get_by_role("heading", name="Waiting conversations"))
    expect(waiting).to_contain_text("Pay or ask about a water bill")
    waiting.locator(f"a[href='/handoffs/{handoff.id}']").click()
    agent.get_by_role("button", name="Take this conversation").click()
    agent.goto(assistant.console_url)
    mine = agent.locator("section", has=agent.get_by_role("heading", name="My conversations"))
    expect(mine.locator(f"a[href='/handoffs/{handoff.id}']")).to_be_visible()
    mine.locator(f"a[href='/handoffs/{handoff.id}']").click()  # Sam keeps this page open

    lead = staff_page(browser, assistant, "water.lead")
    others = lead.locator("section", has=lead.get_by_role("heading", name="Conversations other staff have"))
    expect(others.locator("tr", has_text="water.agent")).to_contain_text("Pay or ask about a water bill")
    others.locator(f"a[href='/handoffs/{handoff.id}']").click()
    lead.get_by_role("button", name="Take over from water.agent").click()
    expect(lead.get_by_label("Message to the resident")).to_be_visible()

    agent.get_by_label("Message to the resident").fill("Still with you.")
    agent.get_by_role("button", name="Send reply").click()
    expect(agent.get_by_role("alert")).to_contain_text("water.lead has this conversation now")
    agent.goto(assistant.console_url)
    expect(agent.locator("section", has=agent.get_by_role("heading", name="My conversations"))).to_contain_text(
        "You have no conversations open.")


def test_agency_staff_cannot_open_another_agencys_conversation_by_url(
    browser: Browser, assistant: Assistant, staff: StaffDirectory
) -> None:
    housing = Queues(Database(make_engine(assistant.database_url))).open(
        "someone", "sms", "housing", HandoffReason.STAFF_SERVICE, "tenant_rights"
    )
    water = staff_page(browser, assistant, "water.agent")
    response = water.goto(f"{assistant.console_url}/handoffs/{housing.id}")
    assert response is not None and response.status == 403
    expect(water.get_by_role("alert")).to_have_text("This conversation belongs to another agency.")


def test_a_case_status_change_reaches_the_resident(browser: Browser, assistant: Assistant, staff: StaffDirectory) -> None:
    staff.add("pw.agent", "Robin Example", "public_works", StaffRole.AGENT, PASSWORD)
    resident = resident_page(browser, assistant)
    send(resident, "there's a pothole outside my house")
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("Where is it?", timeout=REPLY_TIMEOUT_MS)
    send(resident, "14 Fictional Lane")
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("What's the problem?", timeout=REPLY_TIMEOUT_MS)
    send(resident, "deep hole by the bus stop")
    resident.get_by_role("button", name="Yes, send it").click()
    filed = resident.locator(".onedoor-msg.bot", has_text="Your case reference is")
    expect(filed).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("Did this answer help you?")
    reference = filed.inner_text().split("Your case reference is ")[1][:11]

    agent = staff_page(browser, assistant, "pw.agent")
    agent.goto(f"{assistant.console_url}/cases?status=open")
    row = agent.locator("tr", has_text=reference)
    expect(row).to_contain_text("14 Fictional Lane")
    row.get_by_label("New status").select_option("resolved")
    row.get_by_label("Note for the resident").fill("Filled on Tuesday.")
    row.get_by_role("button", name=f"Update {reference}").click()
    # The resident was asked for feedback when the case was filed, so the resolution does not ask again today.
    expect(resident.locator(".onedoor-msg.bot").last).to_have_text(
        f"Update on your case {reference}: it has been resolved. Filled on Tuesday.", timeout=REPLY_TIMEOUT_MS
    )


def test_agency_staff_cannot_list_another_agencys_cases(
    browser: Browser, assistant: Assistant, staff: StaffDirectory
) -> None:
    water = staff_page(browser, assistant, "water.agent")
    response = water.goto(f"{assistant.console_url}/cases?agency=housing")
    assert response is not None and response.status == 403


def test_only_an_admin_manages_staff_accounts(browser: Browser, assistant: Assistant, staff: StaffDirectory) -> None:
    water = staff_page(browser, assistant, "water.agent")
    response = water.goto(f"{assistant.console_url}/staff")
    assert response is not None and response.status == 403
    staff.add("the.admin", "Alex Example", "contact_center", StaffRole.ADMIN, PASSWORD)
    admin = staff_page(browser, assistant, "the.admin")
    admin.goto(f"{assistant.console_url}/staff")
    admin.get_by_label("Name", exact=True).fill("Jo Example")
    admin.get_by_label("Agency").select_option("parks")
    admin.get_by_label("Password (at least 12 characters)").fill("another long password")
    admin.get_by_role("button", name="Add account").click()
    expect(admin.locator("tr", has_text="jo.example")).to_contain_text("Parks and Recreation")
    assert staff.authenticate("jo.example", "another long password") is not None


def test_a_staff_reply_sent_while_the_chat_is_closed_shows_when_it_reopens(
    browser: Browser, assistant: Assistant, staff: StaffDirectory
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    resident = context.new_page()
    resident.goto(f"{assistant.base_url}/webhooks/webchat/chat")
    send(resident, "can I please talk to a person")
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("passed your conversation", timeout=REPLY_TIMEOUT_MS)
    session = conversation_id(resident)
    resident.close()

    queues = Queues(Database(make_engine(assistant.database_url)))
    [handoff] = [h for h in queues.waiting() if h.conversation_id == session]
    agent = staff_page(browser, assistant, "cc.agent")
    agent.goto(f"{assistant.console_url}/handoffs/{handoff.id}")
    agent.get_by_role("button", name="Take this conversation").click()
    agent.get_by_label("Message to the resident").fill("Sorry for the wait, this is Pat at 311.")
    agent.get_by_role("button", name="Send reply").click()
    expect(agent.locator(".transcript")).to_contain_text("Sorry for the wait, this is Pat at 311.")

    reopened = context.new_page()
    reopened.goto(f"{assistant.base_url}/webhooks/webchat/chat")
    expect(reopened.locator(".onedoor-msg.bot").last).to_have_text(
        "Pat, 311 Contact Center: Sorry for the wait, this is Pat at 311.")
    expect(reopened.locator(".onedoor-msg.user").first).to_have_text("can I please talk to a person")


def test_the_content_security_policy_blocks_nothing_the_console_uses(
    browser: Browser, assistant: Assistant, staff: StaffDirectory
) -> None:
    page = browser.new_context().new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.goto(f"{assistant.console_url}/login")
    page.get_by_label("Username").fill("cc.agent")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Waiting conversations")).to_be_visible()
    page.goto(f"{assistant.console_url}/cases")
    background = page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
    assert background == "rgb(26, 68, 128)"  # the stylesheet loaded under the policy
    assert refused == []
