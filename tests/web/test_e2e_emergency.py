"""An emergency on a phone (390x844): the result is an alarm, not a notice, and its call
button is large enough to tap; it goes to Settings until a country is chosen there, then
dials that country's number. Screenshots go to ``tests/web/artifacts/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.web import create_app
from tests.domain.screening_cases import all_clear

from .browser import ARTIFACTS, CHROMIUM, assert_accessible, call, phone_page, shot
from .conftest import FakeClock

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
TAP = 48
"""The smallest button a finger hits reliably, in CSS pixels."""


@pytest.fixture
def phone(browser: Browser, tmp_path: Path) -> Iterator[Page]:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'call.sqlite3'}", clock=FakeClock())
    with phone_page(browser, app) as page:
        yield page


def assert_tappable(page: Page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    assert box["height"] >= TAP and box["width"] >= TAP, (selector, box)


def test_an_emergency_on_a_phone_is_an_alarm_with_a_call_button(phone: Page) -> None:
    checked = call(
        phone.request,
        "POST",
        "/api/screenings",
        {"answers": {**all_clear(), "saddle_numbness": True}},
    )
    phone.goto(f"/screen/{checked['id']}")
    result = phone.locator("#screening-result")
    expect(result).to_have_attribute("role", "alert")
    expect(result).to_have_class("alert alert-danger result-full")
    button = phone.locator("#result-call")
    expect(button).to_have_text("Call your emergency number")
    expect(button).to_have_attribute("href", "/settings#country")
    assert_tappable(phone, "#result-call")
    assert_accessible(phone, "call-01-result-no-country")

    button.click()  # to the choice, never a guessed number
    expect(phone).to_have_url(re.compile(r"/settings#country$"))
    phone.select_option("#country-choice", "GB")
    phone.get_by_role("button", name="Save").click()
    expect(phone.locator("#saved")).to_contain_text("calls 999")
    assert_accessible(phone, "call-02-settings-saved")

    phone.goto(f"/screen/{checked['id']}")
    expect(button).to_have_text("Call 999")
    expect(button).to_have_attribute("href", "tel:999")
    assert_tappable(phone, "#result-call")
    shot(phone, "call-03-result-gb")

    phone.goto("/screen")
    current = phone.locator("#current-check")
    expect(current).to_have_attribute("role", "alert")
    expect(current).to_have_class("alert alert-danger")
    expect(phone.locator("#current-call")).to_have_attribute("href", "tel:999")
    expect(phone.locator("#flags-call")).to_have_attribute("href", "tel:999")
    assert_tappable(phone, "#current-call")
    assert_accessible(phone, "call-04-check-tab")

    phone.locator("#footer-net summary").click()
    expect(phone.locator("#footer-net li").first).to_be_visible()
    phone.locator("#footer-net").scroll_into_view_if_needed()
    phone.screenshot(path=str(ARTIFACTS / "call-05-footer.png"))
