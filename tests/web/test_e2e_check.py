"""The safety check on a phone: one group per screen with a progress bar, "None of these" and
Back; for a returning person everything but the emergency signs and today's pain comes filled
in, so a check when nothing changed takes at most 6 taps (counted here)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.web import create_app

from .browser import CHROMIUM, PHONE, assert_accessible, running, shot
from .test_e2e import answer_all_clear

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)


@pytest.fixture
def phone(browser: Browser, tmp_path: Path) -> Iterator[Page]:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'check.sqlite3'}")
    with running(app) as url:
        context = browser.new_context(base_url=url, **PHONE)
        yield context.new_page()
        context.close()


def test_a_returning_person_checks_in_six_taps(phone: Page) -> None:
    phone.goto("/screen")
    expect(phone.locator("#check-step")).to_contain_text("Part 1 of 5")
    assert phone.locator('section.check-group[data-level="urgent"]').is_hidden()
    assert_accessible(phone, "check-stepper-phone")
    answer_all_clear(phone, default_knowledge_base())
    phone.get_by_role("button", name="See my result").click()
    expect(phone.locator("#screening-result")).to_have_attribute("data-level", "ok")

    phone.goto("/screen")
    expect(phone.locator("#filled-from")).to_contain_text("Anything changed since")
    assert not phone.locator('input[name="saddle_numbness"]:checked').count()  # asked fresh
    assert phone.locator('input[name="fever"][value="no"]').is_checked()  # filled in
    shot(phone, "check-returning-phone")
    taps = 0

    def tap(target: str) -> None:
        nonlocal taps
        phone.locator(target).tap()
        taps += 1

    group = 'section.check-group[data-level="{}"] .check-nav button.button-primary'
    tap(group.format("emergency"))  # None of these
    tap(group.format("urgent"))  # Nothing changed: next
    tap(group.format("see_professional"))
    tap('input[name="pain_now"]')
    phone.keyboard.type("4")
    tap(group.format("not_today"))  # flare: no; on to the last group
    expect(phone.locator("#check-step")).to_contain_text("Part 5 of 5")
    tap(group.format("caution"))  # nothing changed: sends the check
    expect(phone.locator("#screening-result")).to_have_attribute("data-level", "ok")
    assert taps <= 6, taps


def test_back_goes_to_the_group_before_and_a_yes_still_alerts_at_once(phone: Page) -> None:
    phone.goto("/screen")
    phone.locator('section[data-level="emergency"] .check-nav button.button-primary').tap()
    expect(phone.locator("#check-step")).to_contain_text("Part 2 of 5")
    phone.locator('section[data-level="urgent"] .check-nav button', has_text="Back").tap()
    expect(phone.locator("#check-step")).to_contain_text("Part 1 of 5")
    phone.locator('input[name="both_legs"][value="not_sure"]').check()
    expect(phone.locator("#alert-both_legs")).to_be_visible()
    phone.locator("#alert-both_legs").get_by_role("button", name="See what to do now").tap()
    expect(phone.locator("#screening-result")).to_have_attribute(
        "data-level", re.compile("emergency")
    )
