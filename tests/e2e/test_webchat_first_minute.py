"""The resident's first minute on the web chat page, in real headless Chromium: the welcome before any typing,
tappable links and numbers, old buttons that no longer answer, and a message over the limit kept, not cut."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from bot.catalog import load_catalog
from bot.settings import Settings
from tests.e2e.conftest import REPLY_TIMEOUT_MS
from tests.e2e.test_webchat_page import INFO_ANSWER_MESSAGES, page, send  # noqa: F401  (the page fixture)

CITY = load_catalog(Settings().catalog_dir).city


def test_the_welcome_says_who_is_writing_before_the_resident_types(page: Page) -> None:  # noqa: F811
    welcome = page.locator(".onedoor-welcome")
    expect(welcome).to_contain_text(f"automated assistant of the {CITY.name}", timeout=REPLY_TIMEOUT_MS)
    expect(welcome).to_contain_text('Type "person" at any time to reach city staff')
    expect(welcome.locator(f'a[href="{CITY.privacy_url}"]')).to_have_text(CITY.privacy_url)
    expect(page.locator(".onedoor-msg")).to_have_count(0)
    expect(page.locator("#onedoor-announcer")).to_contain_text("automated assistant")


def test_numbers_and_links_in_an_answer_can_be_tapped(page: Page) -> None:  # noqa: F811
    send(page, "when is my trash picked up")
    expect(page.locator(".onedoor-msg.bot")).to_have_count(INFO_ANSWER_MESSAGES, timeout=REPLY_TIMEOUT_MS)
    details = page.locator(".onedoor-msg.bot").nth(1)
    expect(details.locator('a[href="tel:+15550100130"]')).to_have_text("(555) 010-0130")
    expect(details.locator('a[href="mailto:sanitation@harborview.example"]')).to_be_visible()
    expect(details.locator('a[href="https://harborview.example/pickup-day"]')).to_have_attribute(
        "rel", "noopener noreferrer"
    )


def ask_and_wait_for_feedback_buttons(page: Page) -> Locator:
    """Ask an info question; its answer ends with "Did this answer help you?" and Yes and No."""
    send(page, "how do I register to vote")
    expect(page.locator(".onedoor-msg.bot")).to_have_count(INFO_ANSWER_MESSAGES, timeout=REPLY_TIMEOUT_MS)
    # By position, not `.last`: the reply to a click becomes the last message, and the locator is lazy.
    buttons = page.locator(".onedoor-msg.bot").nth(INFO_ANSWER_MESSAGES - 1).locator(".onedoor-buttons button")
    expect(buttons).to_have_count(2)
    return buttons


def test_a_question_the_resident_moved_on_from_keeps_its_buttons_disabled_after_a_reload(
    page: Page,  # noqa: F811
) -> None:
    buttons = ask_and_wait_for_feedback_buttons(page)
    expect(buttons.first).to_be_enabled()
    send(page, "when is my trash picked up")  # the resident moves on without answering
    expect(buttons.first).to_be_disabled()
    expect(page.locator(".onedoor-msg.bot").nth(INFO_ANSWER_MESSAGES)).to_contain_text(
        "picked up", timeout=REPLY_TIMEOUT_MS
    )
    page.reload()
    restored = page.locator(".onedoor-msg.bot").nth(INFO_ANSWER_MESSAGES - 1).locator(".onedoor-buttons button")
    expect(restored).to_have_count(2)
    for button in restored.all():
        expect(button).to_be_disabled()


def test_a_chosen_button_cannot_be_chosen_again(page: Page) -> None:  # noqa: F811
    buttons = ask_and_wait_for_feedback_buttons(page)
    buttons.first.click()
    expect(buttons.first).to_be_disabled()
    expect(buttons.last).to_be_disabled()
    expect(page.locator(".onedoor-msg.user").last).to_have_text("Yes")


def test_a_message_over_the_limit_is_kept_and_the_resident_told(page: Page) -> None:  # noqa: F811
    expect(page.locator(".onedoor-welcome")).to_be_visible(timeout=REPLY_TIMEOUT_MS)  # the server's limit is known
    limit = Settings().max_message_chars
    text = "x" * (limit + 1)
    send(page, text)
    expect(page.locator("#onedoor-status")).to_contain_text(f"the limit is {limit}. It has not been sent")
    expect(page.get_by_label("Your message")).to_have_value(text)  # nothing cut: the resident still has it all
    expect(page.locator(".onedoor-msg")).to_have_count(0)
    page.get_by_label("Your message").fill("x" * limit)
    expect(page.locator("#onedoor-status")).to_have_text("")
